/* cmd_check.c — `zhitu check`: verify the database; non-zero exit on damage. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define SHOW_MAX 100

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu check [--quiet]\n\n"
	           "Verify the database: every fact in all three indexes with the same time,\n"
	           "every term round-trips through the dictionary, supports, the time and name\n"
	           "indexes and the source counts agree.  Prints each problem (the first %d)\n"
	           "and exits 1 when there is any.\n", SHOW_MAX);
}

struct shown { unsigned long n; };

static void show(void *ctx, const char *msg)
{
	struct shown *s = ctx;
	if (s->n++ < SHOW_MAX)
		printf("problem: %s\n", msg);
}

int zt_cmd_check(const zt_cli *cli, int argc, char **argv)
{
	int quiet = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
			quiet = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "zhitu check: unexpected argument '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	zt_store *st = zt_cli_open(cli, "check", 0);
	if (!st)
		return 1;
	zt_txn *t;
	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_txn_begin(st, 0, &t, &err);
	if (s != ZT_OK) {
		zt_store_close(st);
		return zt_cli_error("check", s, &err);
	}
	struct shown shown = { 0 };
	uint64_t problems = 0;
	zt_stats stats;
	zt_store_stats(t, &stats);
	s = zt_store_check_report(t, quiet ? NULL : show, &shown, &problems, &err);
	zt_txn_abort(t);
	zt_store_close(st);
	if (s == ZT_ERR_CORRUPT) {
		if (!quiet && problems > SHOW_MAX)
			printf("... and %llu more\n", (unsigned long long)(problems - SHOW_MAX));
		fprintf(stderr, "zhitu check: %s: %llu problem%s found; the database is damaged "
		        "(export what you can, or rebuild it by importing the sources again)\n",
		        cli->db_path, (unsigned long long)problems, problems == 1 ? "" : "s");
		return 1;
	}
	if (s != ZT_OK)
		return zt_cli_error("check", s, &err);
	if (!quiet)
		printf("ok: %llu facts, %llu supports, %llu terms, %llu names, %llu sources checked\n",
		       (unsigned long long)stats.facts, (unsigned long long)stats.supports,
		       (unsigned long long)stats.terms, (unsigned long long)stats.names,
		       (unsigned long long)stats.sources);
	return 0;
}
