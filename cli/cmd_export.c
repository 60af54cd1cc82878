/* cmd_export.c — `zhitu export [--format nquads|ntriples|tsv] [-o FILE]`:
 * the whole graph (store/export.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../store/export.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu export [--format nquads|ntriples|tsv] [-o FILE]\n\n"
	           "Write the whole graph to standard output (or FILE).  nquads (the default)\n"
	           "keeps every source, item and valid time in the graph names and loads back\n"
	           "with `zhitu load FILE.nq` to the same graph; ntriples writes one triple per\n"
	           "fact; tsv writes s, p, o, graph columns of N-Triples terms under a header.\n");
}

int zt_cmd_export(const zt_cli *cli, int argc, char **argv)
{
	zt_export_format fmt = ZT_EXPORT_NQUADS;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
			if (++i == argc) {
				fprintf(stderr, "zhitu export: %s needs a value\n", a);
				return 2;
			}
			val = argv[i];
		} else if (strncmp(a, "--format=", 9) == 0) {
			val = a + 9;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (++i == argc) {
				fprintf(stderr, "zhitu export: %s needs a file name\n", a);
				return 2;
			}
			path = argv[i];
			continue;
		} else {
			fprintf(stderr, "zhitu export: unknown argument '%s'\n", a);
			usage(stderr);
			return 2;
		}
		if (zt_export_format_parse(val, &fmt) != ZT_OK) {
			fprintf(stderr, "zhitu export: unknown format '%s' (expected nquads, ntriples "
			        "or tsv)\n", val);
			return 2;
		}
	}
	zt_store *st = zt_cli_open(cli, "export", 0);
	if (!st)
		return 1;
	FILE *out = stdout;
	if (path && !(out = fopen(path, "w"))) {
		fprintf(stderr, "zhitu export: cannot write %s: %s\n", path, strerror(errno));
		zt_store_close(st);
		return 1;
	}
	static char buf[1 << 20];
	setvbuf(out, buf, _IOFBF, sizeof buf);
	zt_error err;
	zt_error_clear(&err);
	zt_txn *txn = NULL;
	zt_status s = zt_txn_begin(st, 0, &txn, &err);
	if (s == ZT_OK)
		s = zt_export(txn, fmt, out, NULL, &err);
	zt_txn_abort(txn);
	int rc = 0;
	if (s != ZT_OK)
		rc = zt_cli_error("export", s, &err);
	if (out != stdout) {
		if (fclose(out) != 0 && rc == 0) {
			fprintf(stderr, "zhitu export: writing %s failed: %s\n", path, strerror(errno));
			rc = 1;
		}
	} else if (fflush(out) != 0 && rc == 0) {
		fprintf(stderr, "zhitu export: writing failed: %s\n", strerror(errno));
		rc = 1;
	}
	zt_store_close(st);
	return rc;
}
