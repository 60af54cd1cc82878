/* format.c — the row writers (table, TSV, CSV, JSON) and the DOT writer.
 * Layouts are specified in format.h. */
#include "format.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../store/norm.h"

/* ------------------------------------------------------------ helpers */

/* A growable byte buffer. */
typedef struct buf {
	char *p;
	size_t len, cap;
} buf;

static int buf_grow(buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int buf_add(buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n))
		return -1;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

/* Append a string literal. */
#define ADD(b, lit) buf_add((b), (lit), sizeof(lit) - 1)

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Copy `s` into `b` with every invalid UTF-8 byte replaced by U+FFFD and,
 * when `flatten` is set, every ASCII control character by a space (for the
 * formats that cannot show a line break or tab inside a cell). */
static int add_clean(buf *b, const char *s, int flatten)
{
	size_t len = strlen(s);
	while (len > 0) {
		size_t bad = len;
		int valid = zt_utf8_valid(s, len, &bad);
		size_t good = valid ? len : bad;
		size_t start = b->len;
		if (buf_add(b, s, good))
			return -1;
		if (flatten)
			for (size_t i = start; i < b->len; i++) {
				unsigned char c = (unsigned char)b->p[i];
				if (c < 0x20 || c == 0x7F)
					b->p[i] = ' ';
			}
		if (valid)
			break;
		if (buf_add(b, REPLACEMENT, 3))
			return -1;
		s += good + 1;
		len -= good + 1;
	}
	return 0;
}

/* A clean copy of `s` as a new string; NULL stays NULL (the caller checks
 * `*ok` for an allocation failure). */
static char *clean_dup(const char *s, int flatten, int *ok)
{
	*ok = 1;
	if (!s)
		return NULL;
	buf b = { 0 };
	if (add_clean(&b, s, flatten) || buf_grow(&b, 0)) {
		free(b.p);
		*ok = 0;
		return NULL;
	}
	b.p[b.len] = '\0';
	return b.p;
}

/* --------------------------------------------------------------- rows */

struct zt_writer {
	zt_format fmt;
	FILE *out;
	size_t ncols;
	char **names;           /* cleaned copies */
	unsigned long nrows;
	int io_failed;
	/* TABLE: every cell (cleaned, flattened; NULL for empty), row-major */
	char **cells;
	size_t ncells, capcells;
	buf line;               /* scratch for one output line */
};

static void put(zt_writer *w, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, w->out) != n)
		w->io_failed = 1;
}

static void put_s(zt_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void spaces(buf *b, size_t n, int *fail)
{
	static const char sp[] = "                ";
	while (n > 0) {
		size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
		if (buf_add(b, sp, k))
			*fail = 1;
		n -= k;
	}
}

/* TSV and CSV cells. */
static int add_tsv(buf *b, const char *s)
{
	return s ? add_clean(b, s, 1) : 0;
}

static int add_csv(buf *b, const char *s)
{
	if (!s)
		return 0;
	if (!strpbrk(s, ",\"\r\n"))
		return add_clean(b, s, 0);
	buf tmp = { 0 };
	int rc = add_clean(&tmp, s, 0);
	if (!rc)
		rc = ADD(b, "\"");
	for (size_t i = 0; !rc && i < tmp.len; i++)
		rc = tmp.p[i] == '"' ? ADD(b, "\"\"") : buf_add(b, tmp.p + i, 1);
	if (!rc)
		rc = ADD(b, "\"");
	free(tmp.p);
	return rc;
}

/* A JSON string literal (or null). */
static int add_json(buf *b, const char *s)
{
	if (!s)
		return ADD(b, "null");
	buf tmp = { 0 };
	int rc = add_clean(&tmp, s, 0);
	if (!rc)
		rc = ADD(b, "\"");
	for (size_t i = 0; !rc && i < tmp.len; i++) {
		unsigned char c = (unsigned char)tmp.p[i];
		char esc[8];
		switch (c) {
		case '"':  rc = ADD(b, "\\\""); break;
		case '\\': rc = ADD(b, "\\\\"); break;
		case '\n': rc = ADD(b, "\\n"); break;
		case '\r': rc = ADD(b, "\\r"); break;
		case '\t': rc = ADD(b, "\\t"); break;
		case '\b': rc = ADD(b, "\\b"); break;
		case '\f': rc = ADD(b, "\\f"); break;
		default:
			if (c < 0x20 || c == 0x7F) {
				snprintf(esc, sizeof esc, "\\u%04x", c);
				rc = buf_add(b, esc, 6);
			} else {
				rc = buf_add(b, (const char *)tmp.p + i, 1);
			}
		}
	}
	if (!rc)
		rc = ADD(b, "\"");
	free(tmp.p);
	return rc;
}

/* Write one line of TSV or CSV: the header (cells = names) or a row. */
static zt_status write_delimited(zt_writer *w, const char *const *cells)
{
	w->line.len = 0;
	int csv = w->fmt == ZT_FMT_CSV;
	for (size_t i = 0; i < w->ncols; i++) {
		if (i && buf_add(&w->line, csv ? "," : "\t", 1))
			return ZT_ERR_NOMEM;
		if (csv ? add_csv(&w->line, cells[i]) : add_tsv(&w->line, cells[i]))
			return ZT_ERR_NOMEM;
	}
	if (buf_add(&w->line, csv ? "\r\n" : "\n", csv ? 2 : 1))
		return ZT_ERR_NOMEM;
	put(w, w->line.p, w->line.len);
	return w->io_failed ? ZT_ERR_IO : ZT_OK;
}

static zt_status write_json_row(zt_writer *w, const char *const *cells)
{
	buf *b = &w->line;
	b->len = 0;
	if (buf_add(b, w->nrows ? ",\n  {" : "[\n  {", 5))
		return ZT_ERR_NOMEM;
	for (size_t i = 0; i < w->ncols; i++) {
		if ((i && ADD(b, ", ")) || add_json(b, w->names[i]) || ADD(b, ": ") ||
		    add_json(b, cells[i]))
			return ZT_ERR_NOMEM;
	}
	if (ADD(b, "}"))
		return ZT_ERR_NOMEM;
	put(w, b->p, b->len);
	return w->io_failed ? ZT_ERR_IO : ZT_OK;
}

zt_status zt_writer_new(zt_format fmt, FILE *out, size_t ncols, const char *const *names,
                        zt_writer **wp)
{
	*wp = NULL;
	if (fmt != ZT_FMT_TABLE && fmt != ZT_FMT_TSV && fmt != ZT_FMT_CSV && fmt != ZT_FMT_JSON)
		return ZT_ERR_ARG;
	if (!out || (ncols && !names))
		return ZT_ERR_ARG;
	zt_writer *w = calloc(1, sizeof *w);
	if (!w)
		return ZT_ERR_NOMEM;
	w->fmt = fmt;
	w->out = out;
	w->ncols = ncols;
	w->names = calloc(ncols ? ncols : 1, sizeof *w->names);
	if (!w->names) {
		free(w);
		return ZT_ERR_NOMEM;
	}
	for (size_t i = 0; i < ncols; i++) {
		int ok;
		/* A header is one line in every format. */
		w->names[i] = clean_dup(names[i] ? names[i] : "", 1, &ok);
		if (!ok) {
			zt_writer_free(w);
			return ZT_ERR_NOMEM;
		}
	}
	*wp = w;
	return ZT_OK;
}

zt_status zt_writer_row(zt_writer *w, const char *const *cells)
{
	zt_status st = ZT_OK;
	switch (w->fmt) {
	case ZT_FMT_TSV:
	case ZT_FMT_CSV:
		if (w->nrows == 0 && (st = write_delimited(w, (const char *const *)w->names)) != ZT_OK)
			return st;
		st = write_delimited(w, cells);
		break;
	case ZT_FMT_JSON:
		st = write_json_row(w, cells);
		break;
	case ZT_FMT_TABLE:
		if (w->ncells + w->ncols > w->capcells) {
			size_t cap = w->capcells ? w->capcells * 2 : 64;
			while (cap < w->ncells + w->ncols)
				cap *= 2;
			char **c = realloc(w->cells, cap * sizeof *c);
			if (!c)
				return ZT_ERR_NOMEM;
			w->cells = c;
			w->capcells = cap;
		}
		for (size_t i = 0; i < w->ncols; i++) {
			int ok;
			char *c = clean_dup(cells[i], 1, &ok);
			if (!ok) {
				/* Drop the partial row so the table stays rectangular. */
				while (w->ncells % (w->ncols ? w->ncols : 1))
					free(w->cells[--w->ncells]);
				return ZT_ERR_NOMEM;
			}
			w->cells[w->ncells++] = c;
		}
		break;
	case ZT_FMT_DOT:
		return ZT_ERR_ARG;
	}
	if (st == ZT_OK)
		w->nrows++;
	return st;
}

unsigned long zt_writer_rows(const zt_writer *w)
{
	return w ? w->nrows : 0;
}

static size_t cell_width(const char *s)
{
	return s ? zt_utf8_width(s, strlen(s)) : 0;
}

/* One table line into w->line: the cells of `cells` (the separator line
 * of dashes when NULL), padded to `width`.  -1 when out of memory. */
static int table_line(zt_writer *w, const size_t *width, char *const *cells)
{
	buf *b = &w->line;
	int fail = 0;
	b->len = 0;
	for (size_t c = 0; c < w->ncols && !fail; c++) {
		if (c)
			spaces(b, 2, &fail);
		if (!cells) {
			for (size_t k = 0; k < width[c] && !fail; k++)
				fail = ADD(b, "-");
			continue;
		}
		if (cells[c] && buf_add(b, cells[c], strlen(cells[c])))
			fail = 1;
		if (c + 1 < w->ncols)
			spaces(b, width[c] - cell_width(cells[c]), &fail);
	}
	/* An empty last cell would leave the padding of the one before. */
	while (b->len && b->p[b->len - 1] == ' ')
		b->len--;
	if (fail || ADD(b, "\n"))
		return -1;
	return 0;
}

static zt_status write_table(zt_writer *w)
{
	size_t n = w->ncols;
	if (n > 0) {
		size_t *width = calloc(n, sizeof *width);
		if (!width)
			return ZT_ERR_NOMEM;
		for (size_t c = 0; c < n; c++) {
			width[c] = cell_width(w->names[c]);
			if (width[c] == 0)
				width[c] = 1;   /* so the separator line shows the column */
		}
		for (size_t i = 0; i < w->ncells; i++) {
			size_t cw = cell_width(w->cells[i]);
			if (cw > width[i % n])
				width[i % n] = cw;
		}
		int fail = table_line(w, width, w->names);
		if (!fail)
			put(w, w->line.p, w->line.len);
		if (!fail && !(fail = table_line(w, width, NULL)))
			put(w, w->line.p, w->line.len);
		for (unsigned long r = 0; r < w->nrows && !fail; r++)
			if (!(fail = table_line(w, width, w->cells + r * n)))
				put(w, w->line.p, w->line.len);
		free(width);
		if (fail)
			return ZT_ERR_NOMEM;
	}
	char count[48];
	snprintf(count, sizeof count, w->nrows == 1 ? "(%lu row)\n" : "(%lu rows)\n", w->nrows);
	put_s(w, count);
	return ZT_OK;
}

zt_status zt_writer_end(zt_writer *w)
{
	if (!w)
		return ZT_OK;
	zt_status st = ZT_OK;
	switch (w->fmt) {
	case ZT_FMT_TSV:
	case ZT_FMT_CSV:
		if (w->nrows == 0)
			st = write_delimited(w, (const char *const *)w->names);
		break;
	case ZT_FMT_JSON:
		put_s(w, w->nrows ? "\n]\n" : "[]\n");
		break;
	case ZT_FMT_TABLE:
		st = write_table(w);
		break;
	case ZT_FMT_DOT:
		break;
	}
	if (fflush(w->out) != 0 || ferror(w->out))
		w->io_failed = 1;
	if (st == ZT_OK && w->io_failed)
		st = ZT_ERR_IO;
	zt_writer_free(w);
	return st;
}

void zt_writer_free(zt_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->ncols; i++)
		free(w->names[i]);
	free(w->names);
	for (size_t i = 0; i < w->ncells; i++)
		free(w->cells[i]);
	free(w->cells);
	free(w->line.p);
	free(w);
}

/* ---------------------------------------------------------------- DOT */

/* The set of nodes and edges written, so each is written once: an open
 * addressing hash set of keys ("n" id, or "e" from 0x1F to 0x1F label). */
struct zt_dot {
	FILE *out;
	int io_failed;
	char **keys;
	size_t nkeys, cap;     /* cap is a power of two */
	buf line;
};

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* 1 if `key` was new (and is now in the set), 0 if present, -1 no memory. */
static int dot_remember(zt_dot *d, const char *key, size_t n)
{
	if ((d->nkeys + 1) * 2 > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		char **k = calloc(cap, sizeof *k);
		if (!k)
			return -1;
		for (size_t i = 0; i < d->cap; i++)
			if (d->keys[i]) {
				size_t j = hash_str(d->keys[i], strlen(d->keys[i])) & (cap - 1);
				while (k[j])
					j = (j + 1) & (cap - 1);
				k[j] = d->keys[i];
			}
		free(d->keys);
		d->keys = k;
		d->cap = cap;
	}
	size_t j = hash_str(key, n) & (d->cap - 1);
	for (; d->keys[j]; j = (j + 1) & (d->cap - 1))
		if (strlen(d->keys[j]) == n && memcmp(d->keys[j], key, n) == 0)
			return 0;
	char *k = malloc(n + 1);
	if (!k)
		return -1;
	memcpy(k, key, n);
	k[n] = '\0';
	d->keys[j] = k;
	d->nkeys++;
	return 1;
}

/* A DOT quoted string: '"' and '\\' escaped, a newline as DOT's \n line
 * break, other control characters as spaces. */
static int add_dot_str(buf *b, const char *s)
{
	buf tmp = { 0 };
	int rc = add_clean(&tmp, s ? s : "", 0);
	if (!rc)
		rc = ADD(b, "\"");
	for (size_t i = 0; !rc && i < tmp.len; i++) {
		char c = tmp.p[i];
		if (c == '"')
			rc = ADD(b, "\\\"");
		else if (c == '\\')
			rc = ADD(b, "\\\\");
		else if (c == '\n')
			rc = ADD(b, "\\n");
		else if ((unsigned char)c < 0x20 || c == 0x7F)
			rc = ADD(b, " ");
		else
			rc = buf_add(b, &tmp.p[i], 1);
	}
	if (!rc)
		rc = ADD(b, "\"");
	free(tmp.p);
	return rc;
}

static zt_status dot_flush_line(zt_dot *d)
{
	if (d->line.len && fwrite(d->line.p, 1, d->line.len, d->out) != d->line.len)
		d->io_failed = 1;
	d->line.len = 0;
	return d->io_failed ? ZT_ERR_IO : ZT_OK;
}

zt_status zt_dot_new(FILE *out, const char *graph_name, zt_dot **dp)
{
	*dp = NULL;
	if (!out)
		return ZT_ERR_ARG;
	zt_dot *d = calloc(1, sizeof *d);
	if (!d)
		return ZT_ERR_NOMEM;
	d->out = out;
	buf *b = &d->line;
	if (ADD(b, "digraph ") || add_dot_str(b, graph_name ? graph_name : "zhitu") ||
	    ADD(b, " {\n  graph [rankdir=LR, charset=\"UTF-8\"];\n  node [shape=box];\n")) {
		zt_dot_free(d);
		return ZT_ERR_NOMEM;
	}
	zt_status st = dot_flush_line(d);
	if (st != ZT_OK) {
		zt_dot_free(d);
		return st;
	}
	*dp = d;
	return ZT_OK;
}

zt_status zt_dot_node(zt_dot *d, const char *id, const char *label, const char *kind)
{
	if (!id)
		return ZT_ERR_ARG;
	buf key = { 0 };
	if (ADD(&key, "n") || buf_add(&key, id, strlen(id))) {
		free(key.p);
		return ZT_ERR_NOMEM;
	}
	int fresh = dot_remember(d, key.p, key.len);
	free(key.p);
	if (fresh <= 0)
		return fresh < 0 ? ZT_ERR_NOMEM : ZT_OK;
	buf text = { 0 };
	int rc = buf_add(&text, label ? label : id, strlen(label ? label : id));
	if (!rc && kind && *kind)
		rc = ADD(&text, "\n(") || buf_add(&text, kind, strlen(kind)) ||
		     ADD(&text, ")");
	buf *b = &d->line;
	if (!rc)
		rc = ADD(b, "  ") || add_dot_str(b, id) || ADD(b, " [label=") ||
		     add_dot_str(b, text.p) || ADD(b, "];\n");
	free(text.p);
	if (rc) {
		b->len = 0;
		return ZT_ERR_NOMEM;
	}
	return dot_flush_line(d);
}

zt_status zt_dot_edge(zt_dot *d, const char *from, const char *to, const char *label)
{
	if (!from || !to)
		return ZT_ERR_ARG;
	buf key = { 0 };
	if (ADD(&key, "e") || buf_add(&key, from, strlen(from)) || ADD(&key, "\x1f") ||
	    buf_add(&key, to, strlen(to)) || ADD(&key, "\x1f") ||
	    (label && buf_add(&key, label, strlen(label)))) {
		free(key.p);
		return ZT_ERR_NOMEM;
	}
	int fresh = dot_remember(d, key.p, key.len);
	free(key.p);
	if (fresh <= 0)
		return fresh < 0 ? ZT_ERR_NOMEM : ZT_OK;
	buf *b = &d->line;
	int rc = ADD(b, "  ") || add_dot_str(b, from) || ADD(b, " -> ") ||
	         add_dot_str(b, to);
	if (!rc && label)
		rc = ADD(b, " [label=") || add_dot_str(b, label) || ADD(b, "]");
	if (!rc)
		rc = ADD(b, ";\n");
	if (rc) {
		b->len = 0;
		return ZT_ERR_NOMEM;
	}
	return dot_flush_line(d);
}

zt_status zt_dot_end(zt_dot *d)
{
	if (!d)
		return ZT_OK;
	if (fputs("}\n", d->out) == EOF || fflush(d->out) != 0 || ferror(d->out))
		d->io_failed = 1;
	zt_status st = d->io_failed ? ZT_ERR_IO : ZT_OK;
	zt_dot_free(d);
	return st;
}

void zt_dot_free(zt_dot *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->cap; i++)
		free(d->keys[i]);
	free(d->keys);
	free(d->line.p);
	free(d);
}
