/* cmd_load.c — `zhitu load FILE...`: N-Triples / N-Quads into the store,
 * one write transaction per file (import/ntriples.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "../import/ntriples.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu load [--quiet] FILE...\n\n"
	           "Load N-Triples (.nt) or N-Quads (.nq; other names are read as N-Quads whose\n"
	           "graph-less statements belong to the file) in one transaction per file.\n"
	           "A bad line stops that file with FILE:LINE:COLUMN and nothing of it is kept.\n"
	           "Graph names <urn:zhitu:source:NAME#i=ITEM;t=FROM..TO> give the source, item\n"
	           "and valid time (as `zhitu export` writes them); content already loaded under\n"
	           "the same source name is skipped, changed content replaces it.\n");
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int zt_cmd_load(const zt_cli *cli, int argc, char **argv)
{
	int quiet = 0, first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
		if (strcmp(argv[first], "--quiet") == 0 || strcmp(argv[first], "-q") == 0) {
			quiet = 1;
		} else if (strcmp(argv[first], "--help") == 0 || strcmp(argv[first], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		} else {
			fprintf(stderr, "zhitu load: unknown option '%s'\n", argv[first]);
			usage(stderr);
			return 2;
		}
	}
	if (first == argc) {
		fprintf(stderr, "zhitu load: no file given\n");
		usage(stderr);
		return 2;
	}
	zt_store *st = zt_cli_open(cli, "load", 1);
	if (!st)
		return 1;
	int failed = 0;
	for (int i = first; i < argc; i++) {
		zt_error err;
		zt_load_info info;
		double t0 = now();
		zt_status s = zt_rdf_load(st, argv[i], &info, &err);
		double dt = now() - t0;
		if (s != ZT_OK) {
			zt_cli_error("load", s, &err);
			failed = 1;
			continue;
		}
		if (quiet)
			continue;
		if (info.statements && !info.added && info.unchanged && !info.sources) {
			printf("%s: unchanged (%u source%s already loaded)\n", argv[i], info.unchanged,
			       info.unchanged == 1 ? "" : "s");
		} else if (!info.statements && info.unchanged) {
			printf("%s: unchanged\n", argv[i]);
		} else {
			printf("%s: %llu statements, %llu added, %u source%s written", argv[i],
			       (unsigned long long)info.statements, (unsigned long long)info.added,
			       info.sources, info.sources == 1 ? "" : "s");
			if (info.unchanged)
				printf(", %u unchanged", info.unchanged);
			printf(" in %.2f s (%.0f statements/s)\n", dt,
			       dt > 0 ? (double)info.statements / dt : 0.0);
		}
	}
	zt_store_close(st);
	return failed;
}
