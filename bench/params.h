/* params.h — what the C benchmark drivers share: the question file that
 * `gen graph` writes, a clock, peak memory, JSON result lines, an
 * N-Triples line splitter and day numbers.  Header-only (static) because
 * each driver is one translation unit linked against a different engine.
 *
 * The question file has one `key<TAB>field<TAB>...` line per question:
 *   lookup IRI                    all facts of a node, both directions
 *   join TOPIC FROM TO            events on TOPIC dated FROM..TO, with actors
 *   closure_down IRI              part_of+ below a root
 *   closure_up IRI                part_of+ above a leaf
 *   path A B MAX                  shortest path over the relation predicates
 *   name TEXT LANG                nodes with that label/alias, with their labels
 *   short LABEL                   a language query `FIND ?p WHERE "LABEL" part_of ?p`
 *   expect_* N                    answers the generator knows
 * IRIs are written as in N-Triples, with the angle brackets.
 */
#ifndef BENCH_PARAMS_H
#define BENCH_PARAMS_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* The predicates a shortest path may follow (either direction): the
 * relations between entities and events, not types, topics, sources or
 * literals, which would make every pair two hops apart. */
static const char *const bench_path_preds[] = {
	"actor", "object", "part_of", "jurisdiction", "issued_by", "developer", "developed",
	"investee", "lead_investor", "investor", "invested_in", "court", "plaintiff", "defendant",
};
#define BENCH_NPATH_PREDS (sizeof bench_path_preds / sizeof bench_path_preds[0])

typedef struct bench_name { char *text, *lang; } bench_name;

typedef struct bench_params {
	char **lookup; size_t nlookup;
	char *join_topic, *join_from, *join_to;
	char *closure_down, *closure_up;
	char *path_a, *path_b; int path_max;
	bench_name *names; size_t nnames;
	char **shortq; size_t nshort;
} bench_params;

static inline void bench_die(const char *prog, const char *msg, const char *arg)
{
	fprintf(stderr, "%s: %s%s%s\n", prog, msg, arg ? " " : "", arg ? arg : "");
	exit(1);
}

static inline char *bench_strdup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		bench_die("bench", "out of memory", NULL);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

static inline void *bench_grow(void *p, size_t n, size_t size)
{
	if ((n & (n - 1)) == 0) {
		p = realloc(p, (n ? n * 2 : 1) * size);
		if (!p)
			bench_die("bench", "out of memory", NULL);
	}
	return p;
}

/* Split `line` at tabs into at most `max` fields (in place). */
static inline int bench_fields(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = 0;
	while (n < max) {
		f[n++] = line;
		char *t = strchr(line, '\t');
		if (!t)
			break;
		*t = 0;
		line = t + 1;
	}
	return n;
}

static inline void bench_params_read(const char *path, bench_params *p)
{
	memset(p, 0, sizeof *p);
	FILE *f = fopen(path, "r");
	if (!f)
		bench_die("bench", "cannot read", path);
	char line[4096], *fl[5];
	while (fgets(line, sizeof line, f)) {
		int n = bench_fields(line, fl, 5);
		if (n >= 2 && strcmp(fl[0], "lookup") == 0) {
			p->lookup = bench_grow(p->lookup, p->nlookup, sizeof *p->lookup);
			p->lookup[p->nlookup++] = bench_strdup(fl[1], strlen(fl[1]));
		} else if (n >= 4 && strcmp(fl[0], "join") == 0) {
			p->join_topic = bench_strdup(fl[1], strlen(fl[1]));
			p->join_from = bench_strdup(fl[2], strlen(fl[2]));
			p->join_to = bench_strdup(fl[3], strlen(fl[3]));
		} else if (n >= 2 && strcmp(fl[0], "closure_down") == 0) {
			p->closure_down = bench_strdup(fl[1], strlen(fl[1]));
		} else if (n >= 2 && strcmp(fl[0], "closure_up") == 0) {
			p->closure_up = bench_strdup(fl[1], strlen(fl[1]));
		} else if (n >= 4 && strcmp(fl[0], "path") == 0) {
			p->path_a = bench_strdup(fl[1], strlen(fl[1]));
			p->path_b = bench_strdup(fl[2], strlen(fl[2]));
			p->path_max = atoi(fl[3]);
		} else if (n >= 3 && strcmp(fl[0], "name") == 0) {
			p->names = bench_grow(p->names, p->nnames, sizeof *p->names);
			p->names[p->nnames].text = bench_strdup(fl[1], strlen(fl[1]));
			p->names[p->nnames++].lang = bench_strdup(fl[2], strlen(fl[2]));
		} else if (n >= 2 && strcmp(fl[0], "short") == 0) {
			p->shortq = bench_grow(p->shortq, p->nshort, sizeof *p->shortq);
			p->shortq[p->nshort++] = bench_strdup(fl[1], strlen(fl[1]));
		}
	}
	fclose(f);
	if (!p->nlookup || !p->join_topic || !p->closure_down || !p->closure_up || !p->path_a || !p->nnames)
		bench_die("bench", "incomplete question file", path);
}

static inline void bench_params_free(bench_params *p)
{
	for (size_t i = 0; i < p->nlookup; i++)
		free(p->lookup[i]);
	for (size_t i = 0; i < p->nnames; i++) {
		free(p->names[i].text);
		free(p->names[i].lang);
	}
	for (size_t i = 0; i < p->nshort; i++)
		free(p->shortq[i]);
	free(p->lookup); free(p->names); free(p->shortq);
	free(p->join_topic); free(p->join_from); free(p->join_to);
	free(p->closure_down); free(p->closure_up); free(p->path_a); free(p->path_b);
	memset(p, 0, sizeof *p);
}

static inline double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size of this process, in kB. */
static inline long bench_maxrss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* One result line: {"engine":..,"op":..,"count":..,"n":..,"seconds":..,"first":..,"rss_kb":..}
 * `n` is how many operations the timing covers; `first` is the time to
 * the first row (negative when not measured). */
static inline void bench_emit(const char *engine, const char *op, long long count, long n, double seconds, double first)
{
	printf("{\"engine\":\"%s\",\"op\":\"%s\",\"count\":%lld,\"n\":%ld,\"seconds\":%.9f,\"first\":%.9f,\"rss_kb\":%ld}\n",
	       engine, op, count, n, seconds, first, bench_maxrss_kb());
	fflush(stdout);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static inline int32_t bench_days(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* "YYYY-MM-DD" (or a prefix "YYYY-MM", "YYYY") to the first day it
 * covers; *last gets the last.  Returns 0 when it is no such date. */
static inline int bench_parse_day(const char *s, size_t n, int32_t *first, int32_t *last)
{
	int y = 0, m = 0, d = 0;
	if (n >= 4 && sscanf(s, "%4d", &y) == 1) {
		if (n >= 7 && s[4] == '-')
			m = atoi(s + 5);
		if (n >= 10 && s[7] == '-')
			d = atoi(s + 8);
		if (m == 0) {
			*first = bench_days(y, 1, 1);
			*last = bench_days(y + 1, 1, 1) - 1;
		} else if (d == 0) {
			*first = bench_days(y, m, 1);
			*last = (m == 12 ? bench_days(y + 1, 1, 1) : bench_days(y, m + 1, 1)) - 1;
		} else {
			*first = *last = bench_days(y, m, d);
		}
		return 1;
	}
	return 0;
}

/* Split one N-Triples line into its three terms, each as written (IRIs
 * with <>, literals with quotes and suffix).  Returns 1 for a triple, 0 for
 * a blank or comment line, -1 for a malformed one. */
typedef struct bench_slice { const char *p; size_t n; } bench_slice;

static inline const char *bench_term(const char *p, const char *end, bench_slice *out)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	const char *start = p;
	if (p >= end)
		return NULL;
	if (*p == '<') {
		while (p < end && *p != '>')
			p++;
		if (p >= end)
			return NULL;
		p++;
	} else if (*p == '_' && p + 1 < end && p[1] == ':') {
		while (p < end && *p != ' ' && *p != '\t')
			p++;
	} else if (*p == '"') {
		for (p++; p < end && *p != '"'; p++)
			if (*p == '\\')
				p++;
		if (p >= end)
			return NULL;
		p++;
		if (p < end && *p == '@') {
			while (p < end && *p != ' ' && *p != '\t')
				p++;
		} else if (p + 1 < end && p[0] == '^' && p[1] == '^') {
			while (p < end && *p != '>')
				p++;
			if (p >= end)
				return NULL;
			p++;
		}
	} else {
		return NULL;
	}
	out->p = start;
	out->n = (size_t)(p - start);
	return p;
}

static inline int bench_split_triple(const char *line, size_t len, bench_slice t[3])
{
	const char *p = line, *end = line + len;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p == '#' || *p == '\n' || *p == '\r')
		return 0;
	for (int i = 0; i < 3; i++)
		if (!(p = bench_term(p, end, &t[i])))
			return -1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return (p < end && *p == '.') ? 1 : -1;
}

#endif
