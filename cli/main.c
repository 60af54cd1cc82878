/* main.c — `zhitu [--db PATH] COMMAND ...`: global options and dispatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <locale.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*fn)(const zt_cli *, int, char **);
	const char *help;
} commands[] = {
	{ "import",  zt_cmd_import,  "import FILE|DIR...   import newsletters and reports" },
	{ "load",    zt_cmd_load,    "load FILE...         load N-Triples / N-Quads" },
	{ "export",  zt_cmd_export,  "export [--format nquads|ntriples|tsv]   write the whole graph" },
	{ "query",   zt_cmd_query,   "query 'FIND ...' | -f FILE   run queries (stdin when none)" },
	{ "repl",    zt_cmd_repl,    "repl                 interactive shell (the default on a terminal)" },
	{ "check",   zt_cmd_check,   "check                verify the database" },
	{ "stats",   zt_cmd_stats,   "stats                counts of terms, facts, sources" },
	{ "sources", zt_cmd_sources, "sources              list imported sources" },
	{ "forget",  zt_cmd_forget,  "forget SOURCE...     remove what a source contributed" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu [--db PATH] [--nosync] [--nowait] COMMAND [ARGS]\n\n"
	           "The database is PATH, else $ZHITU_DB, else ./zhitu.db.  A second writer\n"
	           "waits for the first; with --nowait it fails at once.\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %s\n", commands[i].help);
	fprintf(f, "\n`zhitu` alone on a terminal starts the REPL; `zhitu COMMAND --help` for more.\n");
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	zt_cli cli = { .db_path = getenv("ZHITU_DB"), .prog = "zhitu" };
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "zhitu.db";

	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			cli.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "--nosync") == 0) {
			cli.nosync = 1;
		} else if (strcmp(argv[i], "--nowait") == 0) {
			cli.nowait = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "zhitu: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i == argc) {
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
			char *args[] = { "repl", NULL };
			return zt_cmd_repl(&cli, 1, args);
		}
		char *args[] = { "query", NULL };
		return zt_cmd_query(&cli, 1, args);
	}
	if (strcmp(argv[i], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (strcmp(argv[i], commands[c].name) == 0)
			return commands[c].fn(&cli, argc - i, argv + i);
	fprintf(stderr, "zhitu: unknown command '%s'\n", argv[i]);
	usage(stderr);
	return 2;
}
