/* session.c — running query text: parse all statements, then run each in
 * its own read transaction and write its result (query/session.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../store/norm.h"
#include "engine.h"

/* Defaults of the guards: generous for an analyst's graph, small enough
 * that a runaway query stops with a message instead of taking the
 * machine's memory. */
#define DEFAULT_MAX_ROWS 1000000UL
#define DEFAULT_MAX_MEMORY ((size_t)1 << 30)
/* How many syntax errors one message shows. */
#define SHOWN_ERRORS 5

struct zt_session {
	zt_store *st;
	zt_format fmt;
	int cite, timer;
	double timeout;
	unsigned long max_rows;
	size_t max_memory;
	zt_wk wk;               /* vocabulary ids found so far (they never change) */
	zt_qcache *cache;       /* what statements on one snapshot share */
	volatile sig_atomic_t interrupted;
};

zt_status zt_format_parse(const char *name, zt_format *out)
{
	static const struct { const char *name; zt_format f; } names[] = {
		{ "table", ZT_FMT_TABLE }, { "tsv", ZT_FMT_TSV }, { "csv", ZT_FMT_CSV },
		{ "json", ZT_FMT_JSON }, { "dot", ZT_FMT_DOT },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (name && strcasecmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return ZT_OK;
		}
	return ZT_ERR_ARG;
}

zt_status zt_session_new(zt_store *st, zt_session **out)
{
	*out = NULL;
	zt_session *s = calloc(1, sizeof *s);
	if (!s)
		return ZT_ERR_NOMEM;
	s->st = st;
	s->fmt = ZT_FMT_TSV;
	s->max_rows = DEFAULT_MAX_ROWS;
	s->max_memory = DEFAULT_MAX_MEMORY;
	if (!(s->cache = zt_qcache_new())) {
		free(s);
		return ZT_ERR_NOMEM;
	}
	*out = s;
	return ZT_OK;
}

void zt_session_free(zt_session *s)
{
	if (s)
		zt_qcache_free(s->cache);
	free(s);
}

void zt_session_set_format(zt_session *s, zt_format f) { s->fmt = f; }
zt_format zt_session_format(const zt_session *s) { return s->fmt; }
void zt_session_set_cite(zt_session *s, int on) { s->cite = on != 0; }
void zt_session_set_timer(zt_session *s, int on) { s->timer = on != 0; }
void zt_session_set_timeout(zt_session *s, double seconds) { s->timeout = seconds > 0 ? seconds : 0; }

void zt_session_set_max_rows(zt_session *s, unsigned long rows)
{
	s->max_rows = rows ? rows : DEFAULT_MAX_ROWS;
}

void zt_session_set_max_memory(zt_session *s, size_t bytes)
{
	s->max_memory = bytes ? bytes : DEFAULT_MAX_MEMORY;
}

void zt_session_interrupt(zt_session *s)
{
	s->interrupted = 1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The line and column (characters) of byte `off` in text. */
static void position(const char *text, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

static zt_status syntax_errors(const zt_ascript *sc, const char *text, size_t len, const char *origin,
                               int first_line, zt_error *err)
{
	zt_sbuf b = { 0 };
	size_t shown = sc->nerrors < SHOWN_ERRORS ? sc->nerrors : SHOWN_ERRORS;
	if (shown > ZT_PARSE_MAX_ERRORS)
		shown = ZT_PARSE_MAX_ERRORS;
	size_t fit = 0;
	for (size_t i = 0; i < shown; i++) {
		zt_sbuf one = { 0 };
		zt_render_error(&one, text, len, origin, first_line, &sc->errors[i].loc, sc->errors[i].msg);
		/* keep whole messages only: the error record has a fixed size */
		if (b.n + one.n + 64 < sizeof err->msg || i == 0) {
			if (i)
				zt_sbuf_puts(&b, "\n");
			zt_sbuf_add(&b, one.s ? one.s : "", one.n);
			fit++;
		}
		zt_sbuf_free(&one);
	}
	if (sc->nerrors > fit)
		zt_sbuf_printf(&b, "\n(%zu more syntax error%s)", sc->nerrors - fit, sc->nerrors - fit == 1 ? "" : "s");
	if (err) {
		zt_error_clear(err);
		err->status = ZT_ERR_SYNTAX;
		err->line = sc->errors[0].loc.first_line + (first_line > 0 ? first_line - 1 : 0);
		err->column = sc->errors[0].loc.first_column;
		snprintf(err->msg, sizeof err->msg, "%s", b.failed ? "error: syntax error" : zt_sbuf_str(&b));
	}
	zt_sbuf_free(&b);
	return ZT_ERR_SYNTAX;
}

static zt_status run_stmt(zt_session *s, const zt_astmt *stmt, const char *text, size_t len,
                          const char *origin, int first_line, FILE *out, zt_error *err)
{
	zt_q q = {
		.text = text, .len = len, .origin = origin, .first_line = first_line, .err = err,
		.fmt = s->fmt, .cite = s->cite, .out = out, .range = ZT_SPAN_ALWAYS,
		.mem_limit = s->max_memory, .max_rows = s->max_rows, .timeout = s->timeout,
		.interrupt = &s->interrupted, .cache = s->cache,
	};
	double start = now();
	if (s->timeout > 0)
		q.deadline = start + s->timeout;
	zt_status st = zt_txn_begin(s->st, 0, &q.txn, err);
	if (st != ZT_OK) {
		if (err && !err->msg[0])
			zt_fail(err, st, "error: cannot read the database: %s", zt_strerror(st));
		return st;
	}
	zt_qcache_begin(s->cache, q.txn);
	zt_q_init_wk(&q, &s->wk);
	switch (stmt->kind) {
	case ZT_ST_FIND:
		st = zt_q_find(&q, stmt, 0);
		break;
	case ZT_ST_EXPLAIN:
		st = zt_q_find(&q, stmt->inner, 1);
		break;
	case ZT_ST_DESCRIBE:
		st = zt_q_describe(&q, stmt);
		break;
	case ZT_ST_TIMELINE:
		st = zt_q_timeline(&q, stmt);
		break;
	case ZT_ST_PATH:
		st = zt_q_path(&q, stmt);
		break;
	case ZT_ST_SHOW:
		st = zt_q_show(&q, stmt);
		break;
	}
	zt_q_done(&q);
	zt_txn_abort(q.txn);
	if (st == ZT_OK && s->timer)
		fprintf(out, "time: %.3f ms\n", (now() - start) * 1e3);
	if (fflush(out) != 0 && st == ZT_OK)
		st = zt_fail(err, ZT_ERR_IO, "error: writing the result failed");
	return st;
}

zt_status zt_session_run(zt_session *s, const char *text, size_t len,
                         const char *origin, int first_line, FILE *out, zt_error *err)
{
	if (err)
		zt_error_clear(err);
	s->interrupted = 0;
	size_t bad;
	if (!zt_utf8_valid(text, len, &bad)) {
		int line, col;
		position(text, bad, &line, &col);
		return zt_fail(err, ZT_ERR_UTF8, "error: %s%sline %d, column %d: the query is not valid UTF-8",
		               origin && origin[0] != '<' ? origin : "", origin && origin[0] != '<' ? ": " : "",
		               line + (first_line > 0 ? first_line - 1 : 0), col);
	}
	zt_ascript *sc = NULL;
	int r = zt_parse(text, len, &sc);
	if (r < 0)
		return zt_fail(err, ZT_ERR_NOMEM, "error: out of memory while parsing");
	zt_status st = ZT_OK;
	if (r > 0) {
		st = syntax_errors(sc, text, len, origin, first_line, err);
	} else {
		for (const zt_astmt *stmt = sc->stmts; stmt && st == ZT_OK; stmt = stmt->next)
			st = run_stmt(s, stmt, text, len, origin, first_line, out, err);
	}
	zt_ascript_free(sc);
	return st;
}

int zt_session_input_complete(const char *text, size_t len)
{
	zt_ascript *sc = NULL;
	int r = zt_parse(text, len, &sc);
	int complete;
	if (r < 0)
		complete = 1;           /* let the run report it */
	else if (r == 0)
		complete = sc->stmts != NULL;
	else {
		complete = 1;
		for (size_t i = 0; i < sc->nerrors && i < ZT_PARSE_MAX_ERRORS; i++)
			if (sc->errors[i].at_end)
				complete = 0;
	}
	zt_ascript_free(sc);
	return complete;
}

/* ------------------------------------------------------------ completion */

static const char *const keywords[] = {
	"FIND", "WHERE", "AND", "OR", "NOT", "OPTIONAL", "FILTER", "DURING", "BETWEEN", "BEFORE", "AFTER",
	"ON", "AS", "OF", "COUNT", "GROUP", "ORDER", "BY", "ASC", "DESC", "LIMIT", "OFFSET", "DESCRIBE",
	"TIMELINE", "PATH", "TO", "MAX", "SHOW", "TYPES", "PREDICATES", "TOPICS", "SOURCES", "STATS", "EXPLAIN",
};

/* Characters that end a word when completing. */
static int word_delim(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')' || c == ',' || c == ';' ||
	       c == '{' || c == '}' || c == '|' || c == '/' || c == '^' || c == '*' || c == '+' ||
	       c == '=' || c == '<' || c == '>' || c == '~' || c == '"';
}

/* Whether a name can be written bare, or needs quotes. */
static int bare_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!*p || (!isalpha(*p) && *p != '_' && *p < 0x80))
		return 0;
	for (; *p; p++) {
		if (*p >= 0x80)
			continue;
		if (!isalnum(*p) && *p != '_' && *p != '-' && *p != '.')
			return 0;
	}
	size_t n = strlen(s);
	if (s[n - 1] == '-' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strcasecmp(s, keywords[i]) == 0)
			return 0;
	/* CJK punctuation (U+2000–U+207F, U+3000–U+303F, full-width forms) ends bare names */
	for (p = (const unsigned char *)s; *p; p++)
		if ((p[0] == 0xE2 && (p[1] == 0x80 || p[1] == 0x81)) || (p[0] == 0xE3 && p[1] == 0x80) ||
		    (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)))
			return 0;
	return 1;
}

typedef struct compctx {
	zt_session *s;
	zt_txn *txn;
	zt_id label, alt;
	zt_complete_fn fn;
	void *ctx;
	int stop;
	zt_idset seen;          /* hashes of offered candidates */
} compctx;

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h | 1;
}

static int offer(compctx *c, const char *cand)
{
	int added = 0;
	if (zt_idset_add(&c->seen, str_hash(cand), &added, NULL) != ZT_OK || !added)
		return 0;
	if (c->fn(c->ctx, cand))
		c->stop = 1;
	return c->stop;
}

static int offer_name(compctx *c, const char *name)
{
	if (bare_ok(name))
		return offer(c, name);
	zt_sbuf b = { 0 };
	zt_sbuf_add(&b, "\"", 1);
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			zt_sbuf_add(&b, "\\", 1);
		zt_sbuf_add(&b, p, 1);
	}
	zt_sbuf_add(&b, "\"", 1);
	int r = b.failed ? 0 : offer(c, zt_sbuf_str(&b));
	zt_sbuf_free(&b);
	return r;
}

/* A name-index hit: offer the label or alias whose key matched. */
static int name_hit(void *ctx, const char *key, size_t keylen, zt_id node)
{
	compctx *c = ctx;
	zt_id preds[2] = { c->label, c->alt };
	for (int i = 0; i < 2 && !c->stop; i++) {
		zt_iter *it;
		if (!preds[i] || zt_match(c->txn, node, preds[i], 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
			continue;
		zt_fact f;
		while (!c->stop && zt_iter_next(it, &f) == ZT_OK) {
			zt_term t;
			if (zt_term_of(c->txn, f.o, &t) != ZT_OK || t.kind == ZT_IRI)
				continue;
			char *n = NULL;
			size_t nl = 0;
			if (zt_norm(t.str, t.len, &n, &nl) != ZT_OK)
				continue;
			int match = nl == keylen && memcmp(n, key, keylen) == 0;
			free(n);
			if (match) {
				char *label = strndup(t.str, t.len);
				if (label) {
					offer_name(c, label);
					free(label);
				}
			}
		}
		zt_iter_free(it);
	}
	return c->stop;
}

zt_status zt_session_complete(zt_session *s, const char *line, size_t cursor,
                              zt_complete_fn fn, void *ctx)
{
	size_t len = strlen(line);
	if (cursor > len)
		cursor = len;
	size_t start = cursor;
	while (start > 0 && !word_delim((unsigned char)line[start - 1]))
		start--;
	size_t wl = cursor - start;
	char *word = strndup(line + start, wl);
	if (!word)
		return ZT_ERR_NOMEM;
	compctx c = { .s = s, .fn = fn, .ctx = ctx };
	zt_status st = ZT_OK;
	if (word[0] == '?') {
		/* variables already used on the line */
		for (size_t i = 0; i < len && !c.stop; i++) {
			if (line[i] != '?' || i == start)
				continue;
			size_t j = i + 1;
			while (j < len && !word_delim((unsigned char)line[j]) && line[j] != '?')
				j++;
			if (j - i > 1 && j - i >= wl && strncmp(line + i, word, wl) == 0) {
				char *v = strndup(line + i, j - i);
				if (v) {
					offer(&c, v);
					free(v);
				}
			}
		}
		goto out;
	}
	int lower = wl > 0 && islower((unsigned char)word[0]);
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0] && !c.stop; i++) {
		if (strncasecmp(keywords[i], word, wl) != 0)
			continue;
		char kw[16];
		snprintf(kw, sizeof kw, "%s", keywords[i]);
		if (lower)
			for (char *p = kw; *p; p++)
				*p = (char)tolower((unsigned char)*p);
		offer(&c, kw);
	}
	if (wl == 0 || c.stop || !s || !s->st)
		goto out;
	if ((st = zt_txn_begin(s->st, 0, &c.txn, NULL)) != ZT_OK)
		goto out;
	zt_term t = zt_iri(ZT_RDFS_LABEL);
	if (zt_lookup(c.txn, &t, &c.label) != ZT_OK)
		c.label = 0;
	t = zt_iri(ZT_SKOS_ALT);
	if (zt_lookup(c.txn, &t, &c.alt) != ZT_OK)
		c.alt = 0;
	st = zt_name_prefix(c.txn, word, 64, name_hit, &c);
	zt_txn_abort(c.txn);
	if (st == ZT_DONE || st == ZT_NOTFOUND)
		st = ZT_OK;
out:
	zt_idset_free(&c.seen);
	free(word);
	return st >= ZT_ERR_FIRST ? st : ZT_OK;
}
