/* cmd_sources.c — `zhitu sources`: the imported sources, in name order. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "../store/literal.h"
#include "../query/format.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu sources [--format table|tsv|csv|json]\n\n"
	           "One row per imported source: name, publication date (used by AS OF), the\n"
	           "facts it supports, when it was imported (UTC) and the start of its content\n"
	           "hash.  A table on a terminal, TSV otherwise.\n");
}

struct ctx { zt_writer *w; zt_status st; };

static int row(void *vctx, const zt_source_info *info)
{
	struct ctx *c = vctx;
	char pub[16] = "", facts[24], imported[32] = "", hash[13];
	if (info->published != ZT_DAY_MIN)
		zt_day_format(info->published, pub);
	snprintf(facts, sizeof facts, "%llu", (unsigned long long)info->facts);
	if (info->imported > 0) {
		time_t tt = (time_t)info->imported;
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(imported, sizeof imported, "%Y-%m-%d %H:%M:%S", &tm);
	}
	snprintf(hash, sizeof hash, "%.12s", info->hash);
	const char *cells[] = { info->name, pub[0] ? pub : NULL, facts, imported[0] ? imported : NULL,
	                        hash[0] ? hash : NULL };
	c->st = zt_writer_row(c->w, cells);
	return c->st != ZT_OK;
}

int zt_cmd_sources(const zt_cli *cli, int argc, char **argv)
{
	zt_format fmt = isatty(STDOUT_FILENO) ? ZT_FMT_TABLE : ZT_FMT_TSV;
	for (int i = 1; i < argc; i++) {
		const char *v = NULL;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			v = argv[++i];
		} else if (strncmp(argv[i], "--format=", 9) == 0) {
			v = argv[i] + 9;
		} else {
			fprintf(stderr, "zhitu sources: unexpected argument '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
		if (strcmp(v, "table") == 0) fmt = ZT_FMT_TABLE;
		else if (strcmp(v, "tsv") == 0) fmt = ZT_FMT_TSV;
		else if (strcmp(v, "csv") == 0) fmt = ZT_FMT_CSV;
		else if (strcmp(v, "json") == 0) fmt = ZT_FMT_JSON;
		else {
			fprintf(stderr, "zhitu sources: unknown format '%s' (table, tsv, csv or json)\n", v);
			return 2;
		}
	}
	zt_store *st = zt_cli_open(cli, "sources", 0);
	if (!st)
		return 1;
	zt_txn *t;
	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_txn_begin(st, 0, &t, &err);
	if (s != ZT_OK) {
		zt_store_close(st);
		return zt_cli_error("sources", s, &err);
	}
	static const char *const cols[] = { "source", "published", "facts", "imported", "hash" };
	struct ctx c = { NULL, ZT_OK };
	s = zt_writer_new(fmt, stdout, 5, cols, &c.w);
	if (s == ZT_OK)
		s = zt_source_list(t, row, &c);
	if (s == ZT_OK)
		s = c.st;
	if (s == ZT_OK)
		s = zt_writer_end(c.w);
	else
		zt_writer_free(c.w);
	zt_txn_abort(t);
	zt_store_close(st);
	if (s != ZT_OK)
		return zt_cli_error("sources", s, NULL);
	return 0;
}
