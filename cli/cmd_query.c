/* cmd_query.c — `zhitu query`: run query-language text from the command
 * line, from files (-f) or from standard input, and print the results. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "../query/session.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: zhitu query [OPTIONS] ['QUERY; ...']\n"
	        "       zhitu query [OPTIONS] -f FILE [-f FILE ...]\n"
	        "       zhitu query [OPTIONS] < FILE\n\n"
	        "Runs statements of the query language (FIND, DESCRIBE, TIMELINE, PATH, SHOW,\n"
	        "EXPLAIN), separated by ';'.  With neither QUERY nor -f, reads standard input.\n\n"
	        "options:\n"
	        "  --format F     table, tsv, csv, json or dot (dot draws DESCRIBE, PATH and\n"
	        "                 TIMELINE); default table on a terminal, tsv otherwise\n"
	        "  --cite         add a column naming the source items behind each row\n"
	        "  --timeout S    stop a statement after S seconds (0: no limit)\n"
	        "  --max-rows N   refuse results of more than N rows (default 1000000)\n"
	        "  --timer        print the time each statement took\n"
	        "  -f FILE        read statements from FILE ('-' for standard input)\n");
}

/* Read a whole stream; NULL on failure (errno set). */
static char *slurp(FILE *in, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	for (;;) {
		if (n == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, in);
		n += got;
		if (got == 0) {
			if (ferror(in)) {
				free(buf);
				return NULL;
			}
			break;
		}
	}
	*len = n;
	return buf;
}

static int run_text(zt_session *s, const char *text, size_t len, const char *origin)
{
	zt_error err;
	zt_error_clear(&err);
	zt_status st = zt_session_run(s, text, len, origin, 1, stdout, &err);
	if (st != ZT_OK) {
		fflush(stdout);
		fprintf(stderr, "%s\n", err.msg[0] ? err.msg : zt_strerror(st));
		return 1;
	}
	return 0;
}

int zt_cmd_query(const zt_cli *cli, int argc, char **argv)
{
	zt_format fmt = isatty(STDOUT_FILENO) ? ZT_FMT_TABLE : ZT_FMT_TSV;
	int cite = 0, timer = 0;
	double timeout = 0;
	unsigned long max_rows = 0;
	const char **files = calloc((size_t)argc + 1, sizeof *files);
	size_t nfiles = 0;
	char *text = NULL;
	size_t textlen = 0;
	int rc = 2;
	if (!files) {
		fprintf(stderr, "zhitu query: out of memory\n");
		return 1;
	}
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			rc = 0;
			goto out;
		}
		if (strcmp(a, "--cite") == 0) {
			cite = 1;
			continue;
		}
		if (strcmp(a, "--timer") == 0) {
			timer = 1;
			continue;
		}
		/* options with a value: --opt VALUE or --opt=VALUE */
		const char *eq = strchr(a, '=');
		size_t nl = eq ? (size_t)(eq - a) : strlen(a);
		if (eq)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[i + 1];
		if (!val) {
			fprintf(stderr, "zhitu query: %s needs a value\n", a);
			usage(stderr);
			goto out;
		}
		if (nl == 8 && strncmp(a, "--format", nl) == 0) {
			if (zt_format_parse(val, &fmt) != ZT_OK) {
				fprintf(stderr, "zhitu query: unknown format '%s' (table, tsv, csv, json or dot)\n", val);
				goto out;
			}
		} else if (nl == 9 && strncmp(a, "--timeout", nl) == 0) {
			char *end;
			errno = 0;
			timeout = strtod(val, &end);
			if (errno || *end || timeout < 0) {
				fprintf(stderr, "zhitu query: --timeout needs a number of seconds, not '%s'\n", val);
				goto out;
			}
		} else if (nl == 10 && strncmp(a, "--max-rows", nl) == 0) {
			char *end;
			errno = 0;
			max_rows = strtoul(val, &end, 10);
			if (errno || *end || !max_rows) {
				fprintf(stderr, "zhitu query: --max-rows needs a positive number, not '%s'\n", val);
				goto out;
			}
		} else if (nl == 2 && strncmp(a, "-f", nl) == 0) {
			files[nfiles++] = val;
		} else {
			fprintf(stderr, "zhitu query: unknown option '%s'\n", a);
			usage(stderr);
			goto out;
		}
		if (!eq)
			i++;
	}
	/* the remaining arguments are the query text, joined by spaces */
	for (int j = i; j < argc; j++) {
		size_t n = strlen(argv[j]);
		char *nt = realloc(text, textlen + n + 2);
		if (!nt) {
			fprintf(stderr, "zhitu query: out of memory\n");
			rc = 1;
			goto out;
		}
		text = nt;
		if (textlen)
			text[textlen++] = ' ';
		memcpy(text + textlen, argv[j], n);
		textlen += n;
		text[textlen] = '\0';
	}
	if (text && nfiles) {
		fprintf(stderr, "zhitu query: give the query as an argument or with -f, not both\n");
		goto out;
	}

	zt_store *st = zt_cli_open(cli, "query", 0);
	if (!st) {
		rc = 1;
		goto out;
	}
	zt_session *s;
	if (zt_session_new(st, &s) != ZT_OK) {
		fprintf(stderr, "zhitu query: out of memory\n");
		zt_store_close(st);
		rc = 1;
		goto out;
	}
	zt_session_set_format(s, fmt);
	zt_session_set_cite(s, cite);
	zt_session_set_timer(s, timer);
	zt_session_set_timeout(s, timeout);
	zt_session_set_max_rows(s, max_rows);
	rc = 0;
	if (text) {
		rc = run_text(s, text, textlen, "<command line>");
	} else {
		if (nfiles == 0)
			files[nfiles++] = "-";
		for (size_t k = 0; k < nfiles && rc == 0; k++) {
			int is_stdin = strcmp(files[k], "-") == 0;
			FILE *in = is_stdin ? stdin : fopen(files[k], "rb");
			if (!in) {
				fprintf(stderr, "zhitu query: cannot open '%s': %s\n", files[k], strerror(errno));
				rc = 1;
				break;
			}
			size_t len;
			char *buf = slurp(in, &len);
			if (!is_stdin)
				fclose(in);
			if (!buf) {
				fprintf(stderr, "zhitu query: cannot read '%s': %s\n", is_stdin ? "standard input" : files[k],
				        strerror(errno));
				rc = 1;
				break;
			}
			rc = run_text(s, buf, len, is_stdin ? "<stdin>" : files[k]);
			free(buf);
		}
	}
	zt_session_free(s);
	zt_store_close(st);
out:
	free(files);
	free(text);
	return rc;
}
