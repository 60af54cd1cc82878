/* errors.c — messages a user can act on: the place (origin, line, column
 * in characters), what was wrong, the source line and a caret; and the
 * guards (time limit, Ctrl-C, memory) that turn runaway queries into
 * errors instead of hangs or out-of-memory kills. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../store/norm.h"
#include "engine.h"

/* How much of a long source line is shown on each side of the caret. */
#define CONTEXT_BEFORE 60
#define CONTEXT_AFTER 60

/* Step back / forward n characters in UTF-8 text, within [lo, hi). */
static size_t back_chars(const char *t, size_t pos, size_t lo, size_t n)
{
	while (pos > lo && n > 0) {
		pos--;
		while (pos > lo && ((unsigned char)t[pos] & 0xC0) == 0x80)
			pos--;
		n--;
	}
	return pos;
}

static size_t fwd_chars(const char *t, size_t pos, size_t hi, size_t n)
{
	while (pos < hi && n > 0) {
		pos++;
		while (pos < hi && ((unsigned char)t[pos] & 0xC0) == 0x80)
			pos++;
		n--;
	}
	return pos;
}

/* Append text with tabs and control characters shown as spaces, so the
 * caret line computed by display width stays aligned. */
static void add_visible(zt_sbuf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			zt_sbuf_add(b, s + start, i - start);
			zt_sbuf_add(b, " ", 1);
			start = i + 1;
		}
	}
	zt_sbuf_add(b, s + start, n - start);
}

void zt_render_error(zt_sbuf *b, const char *text, size_t len, const char *origin, int first_line,
                     const zt_loc *loc, const char *msg)
{
	int line = loc->first_line + (first_line > 0 ? first_line - 1 : 0);
	zt_sbuf_puts(b, "error: ");
	if (origin && origin[0] && origin[0] != '<')
		zt_sbuf_printf(b, "%s: ", origin);
	zt_sbuf_printf(b, "line %d, column %d: %s\n", line, loc->first_column, msg);

	size_t at = loc->first_off <= len ? loc->first_off : len;
	size_t ls = at, le = at;
	while (ls > 0 && text[ls - 1] != '\n')
		ls--;
	while (le < len && text[le] != '\n')
		le++;
	if (le > ls && text[le - 1] == '\r')
		le--;
	if (at > le)
		at = le;
	/* A long line is shown as a window around the place. */
	size_t ws = back_chars(text, at, ls, CONTEXT_BEFORE);
	size_t we = fwd_chars(text, at, le, CONTEXT_AFTER);
	const char *pre = ws > ls ? "..." : "";
	const char *post = we < le ? "..." : "";
	zt_sbuf_puts(b, "  ");
	zt_sbuf_puts(b, pre);
	add_visible(b, text + ws, we - ws);
	zt_sbuf_puts(b, post);
	zt_sbuf_puts(b, "\n  ");
	size_t width = strlen(pre) + zt_utf8_width(text + ws, at - ws);
	for (size_t i = 0; i < width; i++)
		zt_sbuf_add(b, " ", 1);
	zt_sbuf_add(b, "^", 1);
}

/* A message cut to fit a buffer must not end inside a UTF-8 sequence. */
static void utf8_trim(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

const char *zt_q_short(const char *s, char *buf, size_t cap)
{
	size_t chars = 0, i = 0;
	while (s[i] && chars < 60) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (!s[i])
		return s;
	snprintf(buf, cap, "%.*s…", (int)i, s);
	utf8_trim(buf);
	return buf;
}

static zt_status put_msg(zt_q *q, zt_status st, const char *msg)
{
	if (q->err) {
		q->err->status = st;
		snprintf(q->err->msg, sizeof q->err->msg, "%s", msg);
		utf8_trim(q->err->msg);
	}
	return st;
}

zt_status zt_q_fail_at(zt_q *q, const zt_loc *loc, zt_status st, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	utf8_trim(msg);
	if (!loc || !q->text) {
		char full[600];
		snprintf(full, sizeof full, "error: %s", msg);
		return put_msg(q, st, full);
	}
	zt_sbuf b = { 0 };
	zt_render_error(&b, q->text, q->len, q->origin, q->first_line, loc, msg);
	if (q->err) {
		q->err->line = loc->first_line + (q->first_line > 0 ? q->first_line - 1 : 0);
		q->err->column = loc->first_column;
	}
	put_msg(q, st, b.failed ? msg : zt_sbuf_str(&b));
	zt_sbuf_free(&b);
	return st;
}

zt_status zt_q_fail(zt_q *q, zt_status st, const char *fmt, ...)
{
	char msg[900], full[1000];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	utf8_trim(msg);
	snprintf(full, sizeof full, "error: %s", msg);
	return put_msg(q, st, full);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

zt_status zt_q_check_slow(zt_q *q)
{
	if (q->interrupt && *q->interrupt)
		return zt_q_fail(q, ZT_ERR_CANCELED, "query canceled");
	if (q->deadline > 0 && now() > q->deadline)
		return zt_q_fail(q, ZT_ERR_TIMEOUT, "the query ran past its time limit of %g s "
		                 "(raise it with --timeout or .timeout, or narrow the query)", q->timeout);
	if (q->mem_limit && q->mem > q->mem_limit)
		return zt_q_fail(q, ZT_ERR_LIMIT, "the query needs more than %zu MB of working memory; "
		                 "narrow it (a constant, a time range, LIMIT)", q->mem_limit >> 20);
	return ZT_OK;
}

zt_status zt_q_store_error(zt_q *q, zt_status st)
{
	if (st == ZT_ERR_NOMEM)
		return zt_q_fail(q, st, "out of memory");
	return zt_q_fail(q, st, "reading the database failed: %s", zt_strerror(st));
}

zt_status zt_q_iter_status(zt_q *q, zt_status st)
{
	if (st == ZT_DONE || st == ZT_OK || st == ZT_NOTFOUND)
		return ZT_OK;
	if (q->err && q->err->msg[0])
		return st;
	return zt_q_store_error(q, st);
}
