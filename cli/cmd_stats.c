/* cmd_stats.c — `zhitu stats`: counts of terms, facts, sources, map use. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu stats\n\nCounts of terms, facts, supports, timed facts, names and\n"
	           "sources, and the size of the database map and how much of it is used.\n");
}

static void bytes(const char *what, uint64_t n)
{
	const char *unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double v = (double)n;
	int u = 0;
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	printf("%-12s %.1f %s\n", what, v, unit[u]);
}

int zt_cmd_stats(const zt_cli *cli, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		fprintf(stderr, "zhitu stats: unexpected argument '%s'\n", argv[i]);
		usage(stderr);
		return 2;
	}
	zt_store *st = zt_cli_open(cli, "stats", 0);
	if (!st)
		return 1;
	zt_txn *t;
	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_txn_begin(st, 0, &t, &err);
	if (s != ZT_OK) {
		zt_store_close(st);
		return zt_cli_error("stats", s, &err);
	}
	zt_stats x;
	s = zt_store_stats(t, &x);
	zt_txn_abort(t);
	zt_store_close(st);
	if (s != ZT_OK)
		return zt_cli_error("stats", s, NULL);
	printf("%-12s %llu\n", "terms", (unsigned long long)x.terms);
	printf("%-12s %llu\n", "facts", (unsigned long long)x.facts);
	printf("%-12s %llu\n", "timed facts", (unsigned long long)x.timed_facts);
	printf("%-12s %llu\n", "supports", (unsigned long long)x.supports);
	printf("%-12s %llu\n", "names", (unsigned long long)x.names);
	printf("%-12s %llu\n", "sources", (unsigned long long)x.sources);
	bytes("map size", x.map_size);
	bytes("map used", x.map_used);
	return 0;
}
