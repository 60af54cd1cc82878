/* ntriples.c — the N-Triples / N-Quads reader and loader (import/ntriples.h).
 *
 * Speed comes from doing little per byte: the input is read in blocks of
 * megabytes, split into lines with memchr, checked for UTF-8 eight bytes
 * at a time, and scanned with lookup tables.  Terms point straight into
 * the block unless they hold escapes; decoded text, canonical numbers and
 * lower-cased language tags go to one scratch buffer per line that is
 * reused (it never needs more than the line's length plus a little), so
 * nothing is allocated per term. */
#include "ntriples.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#include "../store/literal.h"
#include "../store/norm.h"
#include "../store/schema.h"

/* ------------------------------------------------------------ tables */

/* Bytes that end the fast scan of an IRI: '>', '\\' and what may not
 * appear in an IRIREF (controls, space, <"{}|^`). */
static unsigned char iri_stop[256];
/* Bytes that end the fast scan of a literal: '"', '\\', '\r', '\n'. */
static unsigned char lit_stop[256];
static int tables_ready;

static void tables_init(void)
{
	if (tables_ready)
		return;
	for (int c = 0; c <= 0x20; c++)
		iri_stop[c] = 1;
	for (const char *s = "<>\"{}|^`\\"; *s; s++)
		iri_stop[(unsigned char)*s] = 1;
	lit_stop['"'] = lit_stop['\\'] = lit_stop['\r'] = lit_stop['\n'] = 1;
	tables_ready = 1;
}

/* ------------------------------------------------------------ reader */

typedef struct reader {
	const char *origin;
	zt_rdf_syntax syn;
	zt_quad_fn fn;
	void *ctx;
	zt_error *err;
	uint64_t line;
	const char *l, *e;     /* the current line */
	char *scratch;
	size_t scap, sused;
} reader;

static zt_status fail_at(reader *r, const char *at, zt_status st, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "ORIGIN:LINE:COL: message" with the column in characters. */
static zt_status fail_at(reader *r, const char *at, zt_status st, const char *fmt, ...)
{
	if (!r->err)
		return st;
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int col = (int)zt_utf8_chars(r->l, (size_t)(at - r->l)) + 1;
	zt_fail(r->err, st, "%s:%llu:%d: %s", r->origin, (unsigned long long)r->line, col, msg);
	r->err->line = (int)r->line;
	r->err->column = col;
	return st;
}

/* How to name what was found at `p` in a message. */
static const char *found(reader *r, const char *p, char buf[16])
{
	if (p >= r->e)
		return "the end of the line";
	unsigned char c = (unsigned char)*p;
	if (c == ' ')
		return "a space";
	if (c == '\t')
		return "a tab";
	if (c < 0x20) {
		snprintf(buf, 16, "control U+%04X", c);
		return buf;
	}
	size_t n = 1;
	while (n < 4 && p + n < r->e && ((unsigned char)p[n] & 0xC0) == 0x80)
		n++;
	buf[0] = '\'';
	memcpy(buf + 1, p, n);
	buf[n + 1] = '\'';
	buf[n + 2] = 0;
	return buf;
}

static char *scratch(reader *r, size_t n)
{
	/* reserve() at line start makes this always fit */
	char *p = r->scratch + r->sused;
	r->sused += n;
	return p;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t utf8_put(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Decode the escape at `p` (which points at the backslash) into `o`;
 * `echar` allows \t \n … besides \u/\U.  Returns bytes written, advances
 * *pp, or 0 after reporting an error. */
static size_t unescape(reader *r, const char **pp, char *o, int echar, zt_status *st)
{
	const char *p = *pp;
	if (p + 1 >= r->e) {
		*st = fail_at(r, p, ZT_ERR_SYNTAX, "a backslash at the end of the line");
		return 0;
	}
	char c = p[1];
	if (c == 'u' || c == 'U') {
		int n = c == 'u' ? 4 : 8;
		uint32_t cp = 0;
		for (int i = 0; i < n; i++) {
			int h = p + 2 + i < r->e ? hexval((unsigned char)p[2 + i]) : -1;
			if (h < 0) {
				*st = fail_at(r, p, ZT_ERR_SYNTAX, "bad escape: \\%c needs %d hex digits", c, n);
				return 0;
			}
			cp = cp << 4 | (uint32_t)h;
		}
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			*st = fail_at(r, p, ZT_ERR_SYNTAX, "bad escape: U+%X is not a character", cp);
			return 0;
		}
		*pp = p + 2 + n;
		return utf8_put(o, cp);
	}
	if (echar) {
		char v;
		switch (c) {
		case 't': v = '\t'; break;
		case 'b': v = '\b'; break;
		case 'n': v = '\n'; break;
		case 'r': v = '\r'; break;
		case 'f': v = '\f'; break;
		case '"': v = '"'; break;
		case '\'': v = '\''; break;
		case '\\': v = '\\'; break;
		default: v = 0; break;
		}
		if (v) {
			*pp = p + 2;
			*o = v;
			return 1;
		}
	}
	char b[16];
	const char *what = found(r, p + 1, b);
	*st = fail_at(r, p, ZT_ERR_SYNTAX, "bad escape: a backslash followed by %s (expected %s)",
	              what, echar ? "\\t \\b \\n \\r \\f \\\" \\' \\\\ \\uXXXX or \\UXXXXXXXX"
	                          : "\\uXXXX or \\UXXXXXXXX in an IRI");
	return 0;
}

static int has_scheme(const char *s, size_t n)
{
	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (c == ':')
			return 1;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '-' || c == '.'))
			return 0;
	}
	return 0;
}

/* An IRI at *pp (pointing at '<'). */
static zt_status parse_iri(reader *r, const char **pp, zt_term *t)
{
	const char *start = *pp, *q = start + 1;
	while (q < r->e && !iri_stop[(unsigned char)*q])
		q++;
	t->kind = ZT_IRI;
	t->extra = NULL;
	t->extra_len = 0;
	if (q < r->e && *q == '>') {
		t->str = start + 1;
		t->len = (size_t)(q - start - 1);
	} else {
		/* Escapes (or an error): decode into the scratch buffer. */
		char *o = scratch(r, (size_t)(r->e - start));
		size_t n = (size_t)(q - start - 1);
		memcpy(o, start + 1, n);
		zt_status st = ZT_OK;
		for (;;) {
			if (q >= r->e)
				return fail_at(r, start, ZT_ERR_SYNTAX,
				               "unterminated IRI: expected '>' before the end of the line");
			unsigned char c = (unsigned char)*q;
			if (c == '>')
				break;
			if (c == '\\') {
				size_t k = unescape(r, &q, o + n, 0, &st);
				if (!k)
					return st;
				n += k;
				continue;
			}
			if (iri_stop[c]) {
				char b[16];
				return fail_at(r, q, ZT_ERR_SYNTAX, "%s is not allowed in an IRI "
				               "(expected '>' to close the IRI, or escape it as \\u%04X)",
				               found(r, q, b), c);
			}
			o[n++] = (char)c;
			q++;
		}
		/* give back what the decoded text did not use */
		r->sused -= (size_t)(r->e - start) - n;
		t->str = o;
		t->len = n;
	}
	if (!has_scheme(t->str, t->len)) {
		char shown[80];
		size_t k = t->len < 60 ? t->len : 60;
		memcpy(shown, t->str, k);
		strcpy(shown + k, t->len > 60 ? "..." : "");
		return fail_at(r, start + 1, ZT_ERR_SYNTAX, "relative IRI <%s>: IRIs must be "
		               "absolute, with a scheme such as http: or urn:", shown);
	}
	*pp = q + 1;
	return ZT_OK;
}

static int blank_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80;
}

/* A blank node at *pp (pointing at '_'). */
static zt_status parse_blank(reader *r, const char **pp, zt_term *t)
{
	const char *p = *pp;
	if (p + 1 >= r->e || p[1] != ':') {
		char b[16];
		return fail_at(r, p + 1, ZT_ERR_SYNTAX, "expected ':' after '_' for a blank node, "
		               "found %s", found(r, p + 1, b));
	}
	const char *s = p + 2, *q = s;
	while (q < r->e && blank_char((unsigned char)*q))
		q++;
	while (q > s && q[-1] == '.')   /* "_:b1." ends with the statement's '.' */
		q--;
	if (q == s || *s == '.' || *s == '-') {
		char b[16];
		return fail_at(r, s, ZT_ERR_SYNTAX, "expected a blank node label after '_:', found %s",
		               found(r, s, b));
	}
	*t = (zt_term){ .kind = ZT_BLANK, .str = s, .len = (size_t)(q - s) };
	*pp = q;
	return ZT_OK;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Map a datatype to a zhitu kind; the lexical form may be rewritten into
 * scratch.  Ill-typed forms stay ZT_TYPED. */
static void map_typed(reader *r, zt_term *t, const char *dt, size_t dtlen)
{
	static const size_t xl = sizeof ZT_XSD - 1;
	const char *lx = t->str;
	size_t n = t->len;
	t->kind = ZT_TYPED;
	t->extra = dt;
	t->extra_len = dtlen;
	if (dtlen == sizeof ZT_DT_QUARTER - 1 && memcmp(dt, ZT_DT_QUARTER, dtlen) == 0) {
		if (n == 7 && all_digits(lx, 4) && lx[4] == '-' && lx[5] == 'Q' && lx[6] >= '1' &&
		    lx[6] <= '4' && memcmp(lx, "0000", 4) != 0)
			goto date;
		return;
	}
	if (dtlen <= xl || memcmp(dt, ZT_XSD, xl) != 0)
		return;
	const char *local = dt + xl;
	size_t ll = dtlen - xl;
#define IS(name) (ll == sizeof name - 1 && memcmp(local, name, ll) == 0)
	if (IS("string")) {
		t->kind = ZT_TEXT;
		t->extra = NULL;
		t->extra_len = 0;
	} else if (IS("date")) {
		if (n == 10 && all_digits(lx, 4) && lx[4] == '-' && all_digits(lx + 5, 2) &&
		    lx[7] == '-' && all_digits(lx + 8, 2)) {
			zt_date d;
			if (zt_date_make(atoi(lx), two(lx + 5), two(lx + 8), &d, NULL) == ZT_OK)
				goto date;
		}
	} else if (IS("gYearMonth")) {
		if (n == 7 && all_digits(lx, 4) && lx[4] == '-' && all_digits(lx + 5, 2) &&
		    two(lx + 5) >= 1 && two(lx + 5) <= 12 && memcmp(lx, "0000", 4) != 0)
			goto date;
	} else if (IS("gYear")) {
		if (n == 4 && all_digits(lx, 4) && memcmp(lx, "0000", 4) != 0)
			goto date;
	} else if (IS("integer") || IS("decimal")) {
		if (IS("integer") && memchr(lx, '.', n))
			return;
		char *o = scratch(r, n + 2);
		size_t on;
		if (zt_number_canon(lx, n, o, n + 2, &on) != ZT_OK)
			return;
		t->kind = ZT_NUMBER;
		t->str = o;
		t->len = on;
		t->extra = NULL;
		t->extra_len = 0;
	} else if (IS("double")) {
		/* [+-]? digits [. digits] [eE [+-] digits], no INF/NaN */
		size_t i = 0, d = 0;
		if (i < n && (lx[i] == '+' || lx[i] == '-'))
			i++;
		while (i < n && lx[i] >= '0' && lx[i] <= '9')
			i++, d++;
		if (i < n && lx[i] == '.')
			for (i++; i < n && lx[i] >= '0' && lx[i] <= '9'; i++)
				d++;
		if (!d)
			return;
		if (i < n && (lx[i] == 'e' || lx[i] == 'E')) {
			i++;
			if (i < n && (lx[i] == '+' || lx[i] == '-'))
				i++;
			size_t e0 = i;
			while (i < n && lx[i] >= '0' && lx[i] <= '9')
				i++;
			if (i == e0)
				return;
		}
		if (i != n || n > 400)
			return;
		char tmp[408];
		memcpy(tmp, lx, n);
		tmp[n] = 0;
		double v = strtod(tmp, NULL);
		if (v != v || v > 1.7976931348623157e308 || v < -1.7976931348623157e308)
			return;
		char *o = scratch(r, 48);
		zt_number_format(v, o, 48);
		t->kind = ZT_NUMBER;
		t->str = o;
		t->len = strlen(o);
		t->extra = NULL;
		t->extra_len = 0;
	}
#undef IS
	return;
date:
	t->kind = ZT_DATE;
	t->extra = NULL;
	t->extra_len = 0;
}

/* A literal at *pp (pointing at '"'). */
static zt_status parse_literal(reader *r, const char **pp, zt_term *t)
{
	const char *start = *pp, *q = start + 1;
	while (q < r->e && !lit_stop[(unsigned char)*q])
		q++;
	*t = (zt_term){ .kind = ZT_TEXT };
	if (q < r->e && *q == '"') {
		t->str = start + 1;
		t->len = (size_t)(q - start - 1);
	} else {
		char *o = scratch(r, (size_t)(r->e - start));
		size_t n = (size_t)(q - start - 1);
		memcpy(o, start + 1, n);
		zt_status st = ZT_OK;
		for (;;) {
			if (q >= r->e)
				return fail_at(r, start, ZT_ERR_SYNTAX, "unterminated string: expected "
				               "'\"' before the end of the line");
			unsigned char c = (unsigned char)*q;
			if (c == '"')
				break;
			if (c == '\\') {
				size_t k = unescape(r, &q, o + n, 1, &st);
				if (!k)
					return st;
				n += k;
				continue;
			}
			if (c == '\r' || c == '\n')
				return fail_at(r, q, ZT_ERR_SYNTAX, "a raw line break inside a string "
				               "(write it as \\r or \\n)");
			o[n++] = (char)c;
			q++;
		}
		r->sused -= (size_t)(r->e - start) - n;
		t->str = o;
		t->len = n;
	}
	q++;   /* past the closing quote */
	if (q < r->e && *q == '@') {
		const char *ls = ++q;
		while (q < r->e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
			q++;
		if (q == ls)
			return fail_at(r, ls, ZT_ERR_SYNTAX, "expected a language tag after '@'");
		while (q < r->e && *q == '-') {
			const char *ss = ++q;
			while (q < r->e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			                    (*q >= '0' && *q <= '9')))
				q++;
			if (q == ss)
				return fail_at(r, ss, ZT_ERR_SYNTAX, "expected letters or digits after '-' "
				               "in the language tag");
		}
		size_t ln = (size_t)(q - ls);
		const char *lang = ls;
		for (size_t i = 0; i < ln; i++) {
			if (ls[i] >= 'A' && ls[i] <= 'Z') {
				char *o = scratch(r, ln);
				for (size_t k = 0; k < ln; k++)
					o[k] = (char)(ls[k] >= 'A' && ls[k] <= 'Z' ? ls[k] + 32 : ls[k]);
				lang = o;
				break;
			}
		}
		t->extra = lang;
		t->extra_len = ln;
	} else if (q + 1 < r->e && q[0] == '^' && q[1] == '^') {
		q += 2;
		if (q >= r->e || *q != '<') {
			char b[16];
			return fail_at(r, q, ZT_ERR_SYNTAX, "expected a datatype IRI <...> after '^^', "
			               "found %s", found(r, q, b));
		}
		zt_term dt;
		zt_status st = parse_iri(r, &q, &dt);
		if (st != ZT_OK)
			return st;
		map_typed(r, t, dt.str, dt.len);
	}
	*pp = q;
	return ZT_OK;
}

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Whether 8-byte words of the line are all ASCII (the common case). */
static int ascii_only(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t acc = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return (acc & 0x8080808080808080ull) == 0;
}

static zt_status reserve(reader *r, size_t n)
{
	r->sused = 0;
	if (n + 64 <= r->scap)
		return ZT_OK;
	size_t cap = r->scap ? r->scap : 4096;
	while (cap < n + 64)
		cap *= 2;
	char *s = realloc(r->scratch, cap);
	if (!s)
		return ZT_ERR_NOMEM;
	r->scratch = s;
	r->scap = cap;
	return ZT_OK;
}

static zt_status parse_line(reader *r, const char *l, const char *e)
{
	r->line++;
	if (e > l && e[-1] == '\r')
		e--;
	r->l = l;
	r->e = e;
	const char *p = skip_ws(l, e);
	if (p == e || *p == '#')
		return ZT_OK;
	size_t bad;
	if (!ascii_only(l, (size_t)(e - l)) && !zt_utf8_valid(l, (size_t)(e - l), &bad)) {
		zt_status st = fail_at(r, l + bad, ZT_ERR_UTF8, "invalid UTF-8 (byte 0x%02X)",
		                       (unsigned char)l[bad]);
		return st;
	}
	zt_status st = reserve(r, (size_t)(e - l));
	if (st != ZT_OK)
		return st;
	zt_quad q = { .line = r->line, .text = l };
	char b[16];

	if (*p == '<')
		st = parse_iri(r, &p, &q.s);
	else if (*p == '_')
		st = parse_blank(r, &p, &q.s);
	else
		return fail_at(r, p, ZT_ERR_SYNTAX, "expected a subject (an IRI <...> or a blank "
		               "node _:label), found %s", found(r, p, b));
	if (st != ZT_OK)
		return st;
	p = skip_ws(p, e);
	if (p >= e || *p != '<')
		return fail_at(r, p, ZT_ERR_SYNTAX, "expected a predicate IRI <...>, found %s",
		               found(r, p, b));
	if ((st = parse_iri(r, &p, &q.p)) != ZT_OK)
		return st;
	p = skip_ws(p, e);
	if (p < e && *p == '<')
		st = parse_iri(r, &p, &q.o);
	else if (p < e && *p == '_')
		st = parse_blank(r, &p, &q.o);
	else if (p < e && *p == '"')
		st = parse_literal(r, &p, &q.o);
	else
		return fail_at(r, p, ZT_ERR_SYNTAX, "expected an object (an IRI, a blank node or a "
		               "\"literal\"), found %s", found(r, p, b));
	if (st != ZT_OK)
		return st;
	p = skip_ws(p, e);
	if (p < e && (*p == '<' || *p == '_')) {
		if (r->syn == ZT_RDF_NTRIPLES)
			return fail_at(r, p, ZT_ERR_SYNTAX, "expected '.' to end the triple, found %s "
			               "(N-Triples has no graph names; name the file .nq for N-Quads)",
			               found(r, p, b));
		q.g_offset = (size_t)(p - l);
		st = *p == '<' ? parse_iri(r, &p, &q.g) : parse_blank(r, &p, &q.g);
		if (st != ZT_OK)
			return st;
		q.has_graph = 1;
		p = skip_ws(p, e);
	}
	if (p >= e || *p != '.')
		return fail_at(r, p, ZT_ERR_SYNTAX, "expected '.' to end the statement, found %s",
		               found(r, p, b));
	p = skip_ws(p + 1, e);
	if (p < e && *p != '#')
		return fail_at(r, p, ZT_ERR_SYNTAX, "unexpected %s after the '.' that ends the "
		               "statement", found(r, p, b));
	return r->fn(r->ctx, &q);
}

static void reader_init(reader *r, const char *origin, zt_rdf_syntax syn, zt_quad_fn fn,
                        void *ctx, zt_error *err)
{
	tables_init();
	*r = (reader){ .origin = origin, .syn = syn, .fn = fn, .ctx = ctx, .err = err };
}

/* Every complete line of buf[0..len); returns the bytes consumed (up to
 * and including the last '\n'), or all of it when `final`. */
static zt_status parse_lines(reader *r, const char *buf, size_t len, int final, size_t *used)
{
	const char *p = buf, *end = buf + len;
	zt_status st = ZT_OK;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			if (!final)
				break;
			nl = end;
		}
		st = parse_line(r, p, nl);
		if (st >= ZT_ERR_FIRST)
			break;
		st = ZT_OK;
		p = nl < end ? nl + 1 : end;
	}
	*used = (size_t)(p - buf);
	return st;
}

zt_status zt_rdf_read_mem(const char *buf, size_t len, const char *origin, zt_rdf_syntax syn,
                          zt_quad_fn fn, void *ctx, zt_error *err)
{
	reader r;
	reader_init(&r, origin, syn, fn, ctx, err);
	size_t used;
	zt_status st = parse_lines(&r, buf, len, 1, &used);
	free(r.scratch);
	return st;
}

#define BLOCK ((size_t)8 << 20)

zt_status zt_rdf_read_file(FILE *f, const char *origin, zt_rdf_syntax syn,
                           zt_quad_fn fn, void *ctx, zt_error *err)
{
	reader r;
	reader_init(&r, origin, syn, fn, ctx, err);
	size_t cap = BLOCK, have = 0;
	char *buf = malloc(cap);
	if (!buf)
		return ZT_ERR_NOMEM;
	zt_status st = ZT_OK;
	for (;;) {
		if (have == cap) {     /* one line longer than the buffer */
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				st = ZT_ERR_NOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + have, 1, cap - have, f);
		if (got == 0 && ferror(f)) {
			st = zt_fail(err, ZT_ERR_IO, "%s: read error", origin);
			break;
		}
		int final = got == 0;
		have += got;
		size_t used;
		st = parse_lines(&r, buf, have, final, &used);
		if (st >= ZT_ERR_FIRST || final)
			break;
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	free(buf);
	free(r.scratch);
	return st;
}

/* ------------------------------------------------------------- loader */

typedef struct source {
	char *name;
	char *node;              /* ZT_NS_SOURCE + name */
	size_t node_len;
	int began, skip;
	zt_id id;
	int32_t published;
	char hash[256];
	int have_hash;
} source;

typedef struct loader {
	zt_txn *txn;
	zt_bulk *bulk;
	zt_error *err;
	const char *path;
	char file_hash[40];
	int file_source;         /* graph-less statements go to the file's source */
	char file_name[256];
	size_t file_src;         /* its index in src, SIZE_MAX until first needed */
	source *src;
	size_t nsrc, capsrc;
	size_t *slots;           /* open addressing: index + 1, 0 = empty */
	size_t nslots;
	zt_load_info info;
	/* the last graph term and what it resolved to */
	char *last_g;
	size_t last_g_len, last_g_cap;
	zt_kind last_g_kind;
	size_t last_src;
	uint32_t last_item;
	zt_span last_time;
} loader;

static uint64_t name_hash(const char *s, size_t n)
{
	return XXH3_64bits(s, n);
}

static zt_status src_grow(loader *L)
{
	size_t ns = L->nslots ? L->nslots * 2 : 64;
	size_t *slots = calloc(ns, sizeof *slots);
	if (!slots)
		return ZT_ERR_NOMEM;
	for (size_t i = 0; i < L->nsrc; i++) {
		size_t h = name_hash(L->src[i].name, strlen(L->src[i].name)) & (ns - 1);
		while (slots[h])
			h = (h + 1) & (ns - 1);
		slots[h] = i + 1;
	}
	free(L->slots);
	L->slots = slots;
	L->nslots = ns;
	return ZT_OK;
}

/* The source named name[0..n), added when new. */
static zt_status src_get(loader *L, const char *name, size_t n, size_t *out)
{
	if ((L->nsrc + 1) * 2 > L->nslots) {
		zt_status st = src_grow(L);
		if (st != ZT_OK)
			return st;
	}
	size_t h = name_hash(name, n) & (L->nslots - 1);
	while (L->slots[h]) {
		source *s = &L->src[L->slots[h] - 1];
		if (strlen(s->name) == n && memcmp(s->name, name, n) == 0) {
			*out = L->slots[h] - 1;
			return ZT_OK;
		}
		h = (h + 1) & (L->nslots - 1);
	}
	if (L->nsrc == L->capsrc) {
		size_t cap = L->capsrc ? L->capsrc * 2 : 8;
		source *ns = realloc(L->src, cap * sizeof *ns);
		if (!ns)
			return ZT_ERR_NOMEM;
		L->src = ns;
		L->capsrc = cap;
	}
	source *s = &L->src[L->nsrc];
	*s = (source){ .published = ZT_DAY_MIN };
	s->name = malloc(n + 1);
	s->node_len = sizeof ZT_NS_SOURCE - 1 + n;
	s->node = malloc(s->node_len + 1);
	if (!s->name || !s->node) {
		free(s->name);
		free(s->node);
		return ZT_ERR_NOMEM;
	}
	memcpy(s->name, name, n);
	s->name[n] = 0;
	memcpy(s->node, ZT_NS_SOURCE, sizeof ZT_NS_SOURCE - 1);
	memcpy(s->node + sizeof ZT_NS_SOURCE - 1, name, n + 1);
	s->skip = strcmp(s->name, ZT_SCHEMA_SOURCE) == 0;
	L->slots[h] = ++L->nsrc;
	*out = L->nsrc - 1;
	return ZT_OK;
}

static zt_status fail_line(loader *L, const zt_quad *q, zt_status st, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static zt_status fail_line(loader *L, const zt_quad *q, zt_status st, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Problems the loader finds are in the graph name: point at it. */
	int col = (int)zt_utf8_chars(q->text, q->g_offset) + 1;
	zt_fail(L->err, st, "%s:%llu:%d: %s", L->path, (unsigned long long)q->line, col, msg);
	if (L->err) {
		L->err->line = (int)q->line;
		L->err->column = col;
	}
	return st;
}

/* A day "YYYY-MM-DD" (or empty for an open end). */
static int parse_day(const char *s, size_t n, int32_t open, int32_t *out)
{
	if (n == 0) {
		*out = open;
		return 1;
	}
	if (n != 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) || s[7] != '-' ||
	    !all_digits(s + 8, 2))
		return 0;
	/* a month or day of 00 would make zt_date_make read a coarser date */
	zt_date d;
	if (two(s + 5) == 0 || two(s + 8) == 0 ||
	    zt_date_make(atoi(s), two(s + 5), two(s + 8), &d, NULL) != ZT_OK)
		return 0;
	*out = d.span.from;
	return 1;
}

/* Parse "i=3;t=2024-05-14..2024-05-14" (either part optional). */
static int parse_fragment(const char *f, size_t n, uint32_t *item, zt_span *time)
{
	*item = 0;
	*time = ZT_SPAN_ALWAYS;
	size_t i = 0;
	int any = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && f[j] != ';')
			j++;
		const char *part = f + i;
		size_t pl = j - i;
		if (pl > 2 && part[0] == 'i' && part[1] == '=' && all_digits(part + 2, pl - 2) &&
		    pl - 2 <= 10) {
			unsigned long long v = strtoull(part + 2, NULL, 10);
			if (v > UINT32_MAX)
				return 0;
			*item = (uint32_t)v;
		} else if (pl >= 4 && part[0] == 't' && part[1] == '=') {
			const char *dd = NULL;
			for (size_t k = 2; k + 1 < pl; k++)
				if (part[k] == '.' && part[k + 1] == '.') {
					dd = part + k;
					break;
				}
			if (!dd)
				return 0;
			size_t fl = (size_t)(dd - part - 2);
			if (!parse_day(part + 2, fl, ZT_DAY_MIN, &time->from) ||
			    !parse_day(dd + 2, pl - 2 - fl - 2, ZT_DAY_MAX, &time->to) ||
			    time->from > time->to)
				return 0;
		} else {
			return 0;
		}
		any = 1;
		i = j + 1;
	}
	return any;
}

/* Resolve a graph term to (source, item, time); cached for runs of the
 * same graph. */
static zt_status resolve_graph(loader *L, const zt_quad *q, size_t *src, uint32_t *item,
                               zt_span *time)
{
	const zt_term *g = &q->g;
	if (L->last_g && g->kind == L->last_g_kind && g->len == L->last_g_len &&
	    memcmp(g->str, L->last_g, g->len) == 0) {
		*src = L->last_src;
		*item = L->last_item;
		*time = L->last_time;
		return ZT_OK;
	}
	const char *name = g->str;
	size_t n = g->len;
	char tmp[512];
	*item = 0;
	*time = ZT_SPAN_ALWAYS;
	static const size_t pl = sizeof ZT_NS_SOURCE - 1;
	if (g->kind == ZT_BLANK) {
		/* a blank graph name becomes a source "_:label" */
		if (n + 2 >= sizeof tmp)
			return fail_line(L, q, ZT_ERR_SYNTAX, "blank graph label too long");
		tmp[0] = '_';
		tmp[1] = ':';
		memcpy(tmp + 2, g->str, n);
		name = tmp;
		n += 2;
	} else if (n > pl && memcmp(name, ZT_NS_SOURCE, pl) == 0) {
		name += pl;
		n -= pl;
		const char *hash = NULL;
		for (size_t i = n; i > 0; i--)
			if (name[i - 1] == '#') {
				hash = name + i - 1;
				break;
			}
		if (hash) {
			size_t fl = n - (size_t)(hash - name) - 1;
			if (hash[1] == 'i' || hash[1] == 't') {
				if (!parse_fragment(hash + 1, fl, item, time))
					return fail_line(L, q, ZT_ERR_SYNTAX, "bad graph name fragment '#%.*s' "
					                 "(expected #i=ITEM;t=YYYY-MM-DD..YYYY-MM-DD)",
					                 (int)(fl > 80 ? 80 : fl), hash + 1);
				n = (size_t)(hash - name);
			}
		}
		if (n == 0)
			return fail_line(L, q, ZT_ERR_SYNTAX, "graph name <%s> has no source name",
			                 ZT_NS_SOURCE);
	}
	zt_status st = src_get(L, name, n, src);
	if (st != ZT_OK)
		return st;
	if (g->len + 1 > L->last_g_cap) {
		size_t cap = g->len * 2 + 64;
		char *nb = realloc(L->last_g, cap);
		if (!nb)
			return ZT_ERR_NOMEM;
		L->last_g = nb;
		L->last_g_cap = cap;
	}
	memcpy(L->last_g, g->str, g->len);
	L->last_g_len = g->len;
	L->last_g_kind = g->kind;
	L->last_src = *src;
	L->last_item = *item;
	L->last_time = *time;
	return ZT_OK;
}

static zt_status begin_source(loader *L, source *s)
{
	zt_status st;
	if (L->bulk) {
		/* Flush before touching sources: zt_source_begin may remove an
		 * earlier contribution, which must not interleave with buffered
		 * facts. */
		st = zt_bulk_finish(L->bulk);
		L->bulk = NULL;
		if (st != ZT_OK)
			return st;
	}
	int unchanged = 0;
	ZT_TRY(st, zt_source_begin(L->txn, s->name, s->have_hash ? s->hash : L->file_hash,
	                           s->published, &s->id, &unchanged));
	s->began = 1;
	if (unchanged) {
		s->skip = 1;
		L->info.unchanged++;
	} else {
		L->info.sources++;
	}
	return ZT_OK;
}

static int is_pred(const zt_term *p, const char *name)
{
	static const size_t pl = sizeof ZT_NS_PRED - 1;
	size_t n = strlen(name);
	return p->len == pl + n && memcmp(p->str, ZT_NS_PRED, pl) == 0 &&
	       memcmp(p->str + pl, name, n) == 0;
}

/* "6000000000 USD": digits and '.', one space, three capitals. */
static int money_like(const zt_term *o)
{
	if (o->kind != ZT_TEXT || o->extra_len || o->len < 5)
		return 0;
	size_t n = o->len;
	const char *s = o->str;
	if (s[n - 4] != ' ')
		return 0;
	for (size_t i = n - 3; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	for (size_t i = 0; i < n - 4; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
			return 0;
	return 1;
}

/* Whether a statement about source s's own node, in s's graph, is one of
 * the descriptions the export writes from the source record (published,
 * content_hash, rdf:type Source, rdfs:label NAME).  Those are not facts:
 * the publication day and hash, when they come before the source's other
 * statements, become its record; afterwards they are dropped, as the
 * record exists by then. */
static int is_description(loader *L, source *s, const zt_quad *q)
{
	(void)L;
	if (is_pred(&q->p, "published") && q->o.kind == ZT_DATE) {
		zt_date d;
		if (zt_date_parse(q->o.str, q->o.len, &d, NULL) != ZT_OK)
			return 0;
		if (!s->began)
			s->published = d.span.from;
		return 1;
	}
	if (is_pred(&q->p, "content_hash") && q->o.kind == ZT_TEXT && !q->o.extra_len &&
	    q->o.len > 0 && q->o.len < sizeof s->hash) {
		if (!s->began) {
			memcpy(s->hash, q->o.str, q->o.len);
			s->hash[q->o.len] = 0;
			s->have_hash = 1;
		}
		return 1;
	}
	static const char type_source[] = ZT_NS_TYPE "Source";
	if (q->p.len == sizeof ZT_RDF_TYPE - 1 && memcmp(q->p.str, ZT_RDF_TYPE, q->p.len) == 0)
		return q->o.kind == ZT_IRI && q->o.len == sizeof type_source - 1 &&
		       memcmp(q->o.str, type_source, q->o.len) == 0;
	if (q->p.len == sizeof ZT_RDFS_LABEL - 1 && memcmp(q->p.str, ZT_RDFS_LABEL, q->p.len) == 0)
		return q->o.kind == ZT_TEXT && q->o.len == strlen(s->name) &&
		       memcmp(q->o.str, s->name, q->o.len) == 0;
	return 0;
}

static zt_status on_quad(void *ctx, const zt_quad *q)
{
	loader *L = ctx;
	zt_status st;
	L->info.statements++;
	size_t si;
	uint32_t item = 0;
	zt_span time = ZT_SPAN_ALWAYS;
	if (q->has_graph) {
		ZT_TRY(st, resolve_graph(L, q, &si, &item, &time));
	} else if (L->file_source) {
		if (L->file_src == SIZE_MAX)
			ZT_TRY(st, src_get(L, L->file_name, strlen(L->file_name), &L->file_src));
		si = L->file_src;
	} else {
		si = SIZE_MAX;     /* unsourced */
	}
	source *s = si == SIZE_MAX ? NULL : &L->src[si];
	if (s && s->skip) {
		L->info.skipped++;
		return ZT_OK;
	}
	if (s && q->s.kind == ZT_IRI && q->s.len == s->node_len &&
	    memcmp(q->s.str, s->node, s->node_len) == 0 && is_description(L, s, q))
		return ZT_OK;
	if (s && !s->began) {
		ZT_TRY(st, begin_source(L, s));
		if (s->skip) {
			L->info.skipped++;
			return ZT_OK;
		}
	}
	zt_term o = q->o;
	char money[80];
	if (money_like(&o) && (is_pred(&q->p, "amount") || is_pred(&q->p, "valuation"))) {
		/* "6000000000 USD" as zhitu writes it is already canonical */
		size_t digits = o.len - 4;
		int canonical = (o.str[0] != '0' || digits == 1) && !memchr(o.str, '.', digits);
		double v;
		char cur[4];
		if (canonical) {
			o.kind = ZT_MONEY;
		} else if (zt_money_parse(o.str, o.len, &v, cur, NULL) == ZT_OK) {
			zt_money_format(v, cur, money, sizeof money);
			o = zt_lit(ZT_MONEY, money);
		}
	}
	if (!L->bulk)
		ZT_TRY(st, zt_bulk_begin(L->txn, &L->bulk));
	st = zt_bulk_add(L->bulk, &q->s, &q->p, &o, time, s ? s->id : 0, item);
	if (st >= ZT_ERR_FIRST)
		return fail_line(L, q, st, "the store refused the statement: %s", zt_strerror(st));
	L->info.added++;
	return ZT_OK;
}

zt_rdf_syntax zt_rdf_syntax_for(const char *path, int *file_source)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash)) {
		if (strcasecmp(dot, ".nq") == 0) {
			*file_source = 0;
			return ZT_RDF_NQUADS;
		}
		if (strcasecmp(dot, ".nt") == 0) {
			*file_source = 1;
			return ZT_RDF_NTRIPLES;
		}
	}
	*file_source = 1;
	return ZT_RDF_NQUADS;
}

void zt_rdf_source_name(const char *path, char *buf, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, base, n);
	buf[n] = 0;
}

static zt_status hash_file(FILE *f, const char *path, char hex[40], uint64_t *bytes,
                           zt_error *err)
{
	XXH3_state_t *s = XXH3_createState();
	char *buf = malloc(BLOCK);
	if (!s || !buf) {
		XXH3_freeState(s);
		free(buf);
		return ZT_ERR_NOMEM;
	}
	XXH3_128bits_reset(s);
	size_t got;
	*bytes = 0;
	while ((got = fread(buf, 1, BLOCK, f)) > 0) {
		XXH3_128bits_update(s, buf, got);
		*bytes += got;
	}
	int bad = ferror(f);
	XXH128_hash_t h = XXH3_128bits_digest(s);
	XXH3_freeState(s);
	free(buf);
	if (bad)
		return zt_fail(err, ZT_ERR_IO, "%s: read error", path);
	snprintf(hex, 40, "%016llx%016llx", (unsigned long long)h.high64,
	         (unsigned long long)h.low64);
	return ZT_OK;
}

static void loader_free(loader *L)
{
	zt_bulk_abort(L->bulk);
	for (size_t i = 0; i < L->nsrc; i++) {
		free(L->src[i].name);
		free(L->src[i].node);
	}
	free(L->src);
	free(L->slots);
	free(L->last_g);
}

zt_status zt_rdf_load_txn(zt_txn *txn, const char *path, zt_load_info *info, zt_error *err)
{
	zt_error_clear(err);
	if (info)
		*info = (zt_load_info){ 0 };
	FILE *f = fopen(path, "rb");
	if (!f)
		return zt_fail(err, ZT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	loader L = { .txn = txn, .err = err, .path = path, .file_src = SIZE_MAX };
	zt_rdf_syntax syn = zt_rdf_syntax_for(path, &L.file_source);
	zt_rdf_source_name(path, L.file_name, sizeof L.file_name);
	zt_status st = hash_file(f, path, L.file_hash, &L.info.bytes, err);
	if (st == ZT_OK && fseek(f, 0, SEEK_SET) != 0)
		st = zt_fail(err, ZT_ERR_IO, "%s: cannot rewind: %s", path, strerror(errno));
	if (st == ZT_OK && syn == ZT_RDF_NTRIPLES) {
		/* All of an N-Triples file is one source: when it is unchanged the
		 * whole file can be skipped without reading it again. */
		st = src_get(&L, L.file_name, strlen(L.file_name), &L.file_src);
		if (st == ZT_OK && !L.src[L.file_src].skip)
			st = begin_source(&L, &L.src[L.file_src]);
		if (st == ZT_OK && L.src[L.file_src].skip)
			goto done;
	}
	if (st == ZT_OK)
		st = zt_rdf_read_file(f, path, syn, on_quad, &L, err);
	if (st == ZT_OK && L.bulk) {
		st = zt_bulk_finish(L.bulk);
		L.bulk = NULL;
	}
	for (size_t i = 0; st == ZT_OK && i < L.nsrc; i++)
		if (L.src[i].began && !L.src[i].skip)
			st = zt_source_end(txn, L.src[i].id);
done:
	fclose(f);
	if (info)
		*info = L.info;
	loader_free(&L);
	if (st >= ZT_ERR_FIRST && err && !err->msg[0])
		zt_fail(err, st, "%s: %s", path, zt_strerror(st));
	return st;
}

struct load_args { const char *path; zt_load_info *info; };

static zt_status load_fn(zt_txn *txn, void *ctx, zt_error *err)
{
	struct load_args *a = ctx;
	return zt_rdf_load_txn(txn, a->path, a->info, err);
}

zt_status zt_rdf_load(zt_store *store, const char *path, zt_load_info *info, zt_error *err)
{
	/* through the write runner: should the map fill, the file is read again */
	struct load_args a = { path, info };
	return zt_store_write(store, load_fn, &a, err);
}
