/* cmd_forget.c — `zhitu forget SOURCE...`: remove exactly what each source
 * contributed (facts other sources also support stay), one transaction
 * for all the names so that the command is all or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu forget SOURCE...\n\n"
	           "Remove what each named source contributed (see `zhitu sources` for the\n"
	           "names).  Facts another source also supports stay, with that source's dates.\n"
	           "Nothing changes when any name is unknown.\n");
}

int zt_cmd_forget(const zt_cli *cli, int argc, char **argv)
{
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
		if (strcmp(argv[first], "--help") == 0 || strcmp(argv[first], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		}
		fprintf(stderr, "zhitu forget: unknown option '%s'\n", argv[first]);
		usage(stderr);
		return 2;
	}
	if (first == argc) {
		fprintf(stderr, "zhitu forget: no source given\n");
		usage(stderr);
		return 2;
	}
	zt_store *st = zt_cli_open(cli, "forget", 1);
	if (!st)
		return 1;
	zt_txn *t;
	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_txn_begin(st, 1, &t, &err);
	if (s != ZT_OK) {
		zt_store_close(st);
		return zt_cli_error("forget", s, &err);
	}
	uint64_t *before = calloc((size_t)argc, sizeof *before);
	int rc = 0;
	for (int i = first; i < argc && rc == 0; i++) {
		/* the count before, for the report */
		zt_term term;
		char iri[1024];
		snprintf(iri, sizeof iri, "%s%s", ZT_NS_SOURCE, argv[i]);
		term = zt_iri(iri);
		zt_id id;
		zt_source_info info;
		if (zt_lookup(t, &term, &id) == ZT_OK && zt_source_get(t, id, &info) == ZT_OK && before)
			before[i] = info.facts;
		s = zt_source_forget(t, argv[i]);
		if (s == ZT_NOTFOUND) {
			fprintf(stderr, "zhitu forget: no source named '%s' (see `zhitu sources`); "
			        "nothing was removed\n", argv[i]);
			rc = 1;
		} else if (s != ZT_OK) {
			fprintf(stderr, "zhitu forget: %s: %s\n", argv[i],
			        zt_txn_errmsg(t)[0] ? zt_txn_errmsg(t) : zt_strerror(s));
			rc = 1;
		}
	}
	if (rc) {
		zt_txn_abort(t);
	} else {
		s = zt_txn_commit(t, &err);
		if (s != ZT_OK)
			rc = zt_cli_error("forget", s, &err);
		else
			for (int i = first; i < argc; i++)
				printf("forgot %s (%llu fact%s)\n", argv[i],
				       (unsigned long long)(before ? before[i] : 0),
				       before && before[i] == 1 ? "" : "s");
	}
	free(before);
	zt_store_close(st);
	return rc;
}
