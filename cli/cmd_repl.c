/* cmd_repl.c — `zhitu repl`: the interactive shell (cli/repl.c), or, when
 * standard input is not a terminal, its statements and dot-commands read
 * from standard input without prompts or editing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "repl.h"

static void usage(FILE *f)
{
	fputs("usage: zhitu [--db PATH] repl [--format table|tsv|csv|json|dot] [--cite] [--timer]\n"
	      "                             [--timeout SECONDS]\n\n"
	      "An interactive shell for queries: line editing, history, tab completion,\n"
	      "statements spanning lines, dot-commands (.help lists them), Ctrl-C to cancel\n"
	      "a running statement, Ctrl-D to quit.  When standard input is not a terminal,\n"
	      "it runs the statements and dot-commands read from it, and errors name the line.\n", f);
}

int zt_cmd_repl(const zt_cli *cli, int argc, char **argv)
{
	int interactive = isatty(STDIN_FILENO);
	zt_format fmt = isatty(STDOUT_FILENO) ? ZT_FMT_TABLE : ZT_FMT_TSV;
	int cite = 0, timer = 0;
	double timeout = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--cite") == 0) {
			cite = 1;
		} else if (strcmp(a, "--timer") == 0) {
			timer = 1;
		} else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
			val = a[8] == '=' ? a + 9 : i + 1 < argc ? argv[++i] : NULL;
			if (!val || zt_format_parse(val, &fmt) != ZT_OK) {
				fprintf(stderr, "zhitu repl: --format wants table, tsv, csv, json or dot\n");
				return 2;
			}
		} else if (strcmp(a, "--timeout") == 0 || strncmp(a, "--timeout=", 10) == 0) {
			val = a[9] == '=' ? a + 10 : i + 1 < argc ? argv[++i] : NULL;
			char *end = NULL;
			timeout = val ? strtod(val, &end) : -1;
			if (!val || end == val || *end || !(timeout >= 0)) {
				fprintf(stderr, "zhitu repl: --timeout wants a number of seconds\n");
				return 2;
			}
		} else {
			fprintf(stderr, "zhitu repl: unexpected argument '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}

	zt_store *st = zt_cli_open(cli, "repl", 0);
	if (!st)
		return 1;
	zt_session *s = NULL;
	zt_repl *r = NULL;
	zt_status rc = zt_session_new(st, &s);
	if (rc == ZT_OK) {
		zt_session_set_format(s, fmt);
		zt_session_set_cite(s, cite);
		zt_session_set_timer(s, timer);
		zt_session_set_timeout(s, timeout);
		rc = zt_repl_new(s, stdout, cite, timer, &r);
	}
	if (rc != ZT_OK) {
		zt_session_free(s);
		zt_store_close(st);
		return zt_cli_error("repl", rc, NULL);
	}

	int status;
	if (interactive) {
		const char *why = NULL;
		char *history = zt_repl_history_path(&why);
		printf("zhitu: the knowledge graph in %s\n"
		       "Enter .help for the commands.  A statement runs when it is complete; "
		       "Ctrl-D quits.\n", cli->db_path);
		if (!history)
			fprintf(stderr, "zhitu: history is not kept: %s\n", why);
		status = zt_repl_interactive(r, history);
		free(history);
	} else {
		status = zt_repl_script(r, stdin, "<stdin>");
	}
	zt_repl_free(r);
	zt_session_free(s);
	zt_store_close(st);
	return status;
}
