/* cmd_import.c — `zhitu import [--dry-run] [--explain] [--lenient] [--quiet] FILE|DIR...`
 *
 * Each file is imported in its own transaction (import/import.h); a
 * directory means every regular file inside it, in name order.  A failed
 * file is reported as "zhitu import: FILE: message" and the others still
 * go in; the exit status is 1 when any failed.  On a terminal a progress
 * line (files, items, facts, MB/s) is kept on stderr.  Each file gets a
 * summary: what it brought that the graph did not know.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "../import/import.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: zhitu import [--dry-run] [--explain] [--lenient] [--quiet] FILE|DIR...\n"
	           "  --dry-run   show what would be added; write nothing\n"
	           "  --explain   for each event, the text each fact came from\n"
	           "  --lenient   replace invalid UTF-8 with U+FFFD (and warn) instead of failing\n"
	           "  --quiet     only errors and the closing line\n");
}

typedef struct list {
	char **v;
	size_t n, cap;
} list;

static int list_add(list *l, const char *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(s)))
		return -1;
	l->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expand a directory into its regular files, sorted. */
static int add_path(list *files, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		fprintf(stderr, "zhitu import: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return list_add(files, path);
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "zhitu import: %s: %s\n", path, strerror(errno));
		return -1;
	}
	list here = { 0 };
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		size_t l = strlen(path) + strlen(de->d_name) + 2;
		char *full = malloc(l);
		if (!full)
			break;
		snprintf(full, l, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
		if (stat(full, &sb) == 0 && S_ISREG(sb.st_mode))
			list_add(&here, full);
		free(full);
	}
	closedir(d);
	qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; i < here.n; i++) {
		list_add(files, here.v[i]);
		free(here.v[i]);
	}
	free(here.v);
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_summary(const char *path, const zt_import_summary *s, int dry)
{
	if (s->unchanged) {
		printf("%s: unchanged (already imported with the same content); nothing to do\n", path);
		return;
	}
	printf("%s: %s%s, %u item%s, %u event%s", path, dry ? "[dry run] " : "", s->layout, s->items,
	       s->items == 1 ? "" : "s", s->events, s->events == 1 ? "" : "s");
	if (s->nevent_types) {
		printf(" (");
		for (size_t i = 0; i < s->nevent_types; i++)
			printf("%s%s %u", i ? ", " : "", s->events_by_type[i].type, s->events_by_type[i].n);
		printf(")");
	}
	printf(", %u fact%s%s\n", s->facts, s->facts == 1 ? "" : "s",
	       dry ? " would be written" : "");
	if (s->published[0])
		printf("  published %s as source '%s'%s\n", s->published, s->source,
		       s->replaced_source ? " (replacing its earlier version)" : "");
	printf("  %u entities: %u new, %u seen again", s->entities, s->new_entities, s->seen_entities);
	if (s->merged)
		printf(" (%u joined to known nodes by name)", s->merged);
	printf("\n");
	if (s->ntypes) {
		printf("  new by type:");
		for (size_t i = 0; i < s->ntypes; i++)
			printf("%s %s %u", i ? "," : "", s->new_by_type[i].type, s->new_by_type[i].n);
		printf("\n");
	}
	/* the what's-new list: new names grouped by type, the interesting types first */
	static const char *const order[] = { "Company", "Investor", "Model", "Product", "Law", "Policy", "Report",
		"Agency", "Government", "Legislature", "Court", "Institute", "IntlOrg", "Person", NULL };
	for (size_t o = 0; order[o]; o++) {
		int shown = 0;
		size_t tl = strlen(order[o]);
		for (size_t i = 0; i < s->nnew_names; i++) {
			const char *line = s->new_names[i];
			if (strncmp(line, order[o], tl) != 0 || line[tl] != '\t')
				continue;
			if (shown == 12) {
				printf(", …");
				shown++;
				continue;
			}
			if (shown > 12)
				continue;
			printf(shown ? ", %s" : "  new %s: %s", shown ? line + tl + 1 : order[o], line + tl + 1);
			shown++;
		}
		if (shown)
			printf("\n");
	}
	if (s->nwarnings) {
		printf("  %zu warning%s:\n", s->nwarnings, s->nwarnings == 1 ? "" : "s");
		for (size_t i = 0; i < s->nwarnings && i < 20; i++)
			printf("    %s\n", s->warnings[i]);
	}
}

/* A throw-away database for a dry run when none exists yet: a dry run
 * must not leave a new database behind. */
static char *temp_db(void)
{
	const char *tmp = getenv("TMPDIR");
	char templ[512];
	snprintf(templ, sizeof templ, "%s/zhitu-dry-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *d = mkdtemp(templ);
	return d ? strdup(d) : NULL;
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char p[1024];
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

int zt_cmd_import(const zt_cli *cli, int argc, char **argv)
{
	zt_import_opts opts = { 0 };
	int quiet = 0;
	list files = { 0 };
	int rc = 0;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "-n"))
			opts.dry_run = 1;
		else if (!strcmp(argv[i], "--explain"))
			opts.explain = 1;
		else if (!strcmp(argv[i], "--lenient"))
			opts.lenient = 1;
		else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q"))
			quiet = 1;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "zhitu import: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		} else
			break;
	}
	for (; i < argc; i++)
		if (add_path(&files, argv[i]))
			rc = 1;
	if (!files.n) {
		if (!rc) {
			fprintf(stderr, "zhitu import: no files given\n");
			usage(stderr);
		}
		free(files.v);
		return rc ? 1 : 2;
	}

	zt_cli local = *cli;
	char *tmpdb = NULL;
	struct stat sb;
	if (opts.dry_run && stat(cli->db_path, &sb) != 0) {
		if (!(tmpdb = temp_db())) {
			fprintf(stderr, "zhitu import: cannot make a temporary database for the dry run: %s\n",
			        strerror(errno));
			rc = 1;
			goto out;
		}
		/* mkdtemp made the directory; the store wants to create it */
		rmdir(tmpdb);
		local.db_path = tmpdb;
	}
	zt_store *store = zt_cli_open(&local, "import", 1);
	if (!store) {
		rc = 1;
		goto out;
	}
	zt_error err;
	zt_error_clear(&err);
	zt_importer *imp;
	zt_status st = zt_importer_new(&imp, &err);
	if (st) {
		zt_cli_error("import", st, &err);
		zt_store_close(store);
		rc = 1;
		goto out;
	}
	int tty = isatty(STDERR_FILENO);
	double t0 = now();
	size_t bytes = 0, done = 0, failed = 0, unchanged = 0;
	unsigned long facts = 0, items = 0;
	for (size_t f = 0; f < files.n; f++) {
		zt_import_summary sum;
		zt_error_clear(&err);
		st = zt_import_file(imp, store, files.v[f], &opts, &sum, &err);
		if (tty)
			fprintf(stderr, "\r\033[K");
		if (st) {
			zt_cli_error("import", st, &err);
			failed++;
			rc = 1;
			continue;
		}
		done++;
		bytes += sum.bytes;
		facts += sum.facts;
		items += sum.items;
		unchanged += sum.unchanged;
		if (!quiet) {
			print_summary(files.v[f], &sum, opts.dry_run);
			if (sum.explain)
				fputs(sum.explain, stdout);
			fflush(stdout);
		}
		if (tty) {
			double el = now() - t0;
			fprintf(stderr, "[%zu/%zu files] %lu items, %lu facts, %.1f MB/s", f + 1, files.n, items, facts,
			        el > 0 ? (double)bytes / 1e6 / el : 0.0);
		}
		zt_import_summary_clear(&sum);
	}
	if (tty)
		fprintf(stderr, "\r\033[K");
	double el = now() - t0;
	if (files.n > 1 || quiet)
		printf("%zu file%s: %zu imported, %zu unchanged, %zu failed; %lu facts%s in %.2f s (%.1f MB/s)\n",
		       files.n, files.n == 1 ? "" : "s", done - unchanged, unchanged, failed, facts,
		       opts.dry_run ? " (dry run: nothing written)" : "", el,
		       el > 0 ? (double)bytes / 1e6 / el : 0.0);
	zt_importer_free(imp);
	zt_store_close(store);
out:
	if (tmpdb) {
		remove_tree(tmpdb);
		free(tmpdb);
	}
	for (size_t f = 0; f < files.n; f++)
		free(files.v[f]);
	free(files.v);
	return rc;
}
