/* literal.c — dates, money and numbers (store/literal.h).
 *
 * The parsers walk the text one code point at a time through a small
 * cursor that folds full-width digits, separators and spaces to ASCII, so
 * the grammar below is written once for both widths.  Every parser is a
 * prefix parser ("scan"); the whole-string forms check that nothing but
 * spaces follows. */
#include "literal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ calendar */

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t zt_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void zt_civil_from_days(int32_t days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = (int)mp + (mp < 10 ? 3 : -9);
	*y = yy + (mm <= 2);
	*m = mm;
	*d = (int)dd;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int zt_days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

zt_status zt_date_make(int y, int m, int d, zt_date *out, zt_error *err)
{
	if (y < 1 || y > 9999)
		return zt_fail(err, ZT_ERR_SYNTAX, "year %d is out of range (1..9999)", y);
	if (m == 0 && d != 0)
		return zt_fail(err, ZT_ERR_SYNTAX, "month 0 does not exist (expected 1..12)");
	if (m != 0 && (m < 1 || m > 12))
		return zt_fail(err, ZT_ERR_SYNTAX, "month %d does not exist (expected 1..12)", m);
	if (d != 0 && (d < 1 || d > zt_days_in_month(y, m)))
		return zt_fail(err, ZT_ERR_SYNTAX, "day %d does not exist in %04d-%02d (it has %d days)",
		               d, y, m, zt_days_in_month(y, m));
	*out = (zt_date){ .year = y, .month = m, .day = d };
	if (d) {
		out->prec = ZT_PREC_DAY;
		out->span.from = out->span.to = zt_days_from_civil(y, m, d);
	} else if (m) {
		out->prec = ZT_PREC_MONTH;
		out->span.from = zt_days_from_civil(y, m, 1);
		out->span.to = zt_days_from_civil(y, m, zt_days_in_month(y, m));
	} else {
		out->prec = ZT_PREC_YEAR;
		out->span.from = zt_days_from_civil(y, 1, 1);
		out->span.to = zt_days_from_civil(y, 12, 31);
	}
	return ZT_OK;
}

static zt_status date_quarter(int y, int q, zt_date *out, zt_error *err)
{
	if (y < 1 || y > 9999)
		return zt_fail(err, ZT_ERR_SYNTAX, "year %d is out of range (1..9999)", y);
	if (q < 1 || q > 4)
		return zt_fail(err, ZT_ERR_SYNTAX, "quarter %d does not exist (expected 1..4)", q);
	int m = 3 * (q - 1) + 1;
	*out = (zt_date){ .year = y, .month = m, .quarter = q, .prec = ZT_PREC_QUARTER };
	out->span.from = zt_days_from_civil(y, m, 1);
	out->span.to = zt_days_from_civil(y, m + 2, zt_days_in_month(y, m + 2));
	return ZT_OK;
}

void zt_date_format(const zt_date *d, char buf[16])
{
	/* The values are range-checked on construction; the masks only keep
	 * the compiler's format-truncation analysis satisfied. */
	int y = d->year % 10000, m = d->month % 100, dd = d->day % 100;
	switch (d->prec) {
	case ZT_PREC_DAY: snprintf(buf, 16, "%04d-%02d-%02d", y, m, dd); break;
	case ZT_PREC_MONTH: snprintf(buf, 16, "%04d-%02d", y, m); break;
	case ZT_PREC_QUARTER: snprintf(buf, 16, "%04d-Q%d", y, d->quarter % 10); break;
	case ZT_PREC_YEAR: snprintf(buf, 16, "%04d", y); break;
	}
}

void zt_day_format(int32_t day, char buf[16])
{
	int y, m, d;
	zt_civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, 16, "%s", y < 0 ? "0000-01-01" : "9999-12-31");
		return;
	}
	snprintf(buf, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

/* -------------------------------------------------------------- cursor */

typedef struct cur {
	const unsigned char *p, *end;
} cur;

/* The code point at the cursor with full-width ASCII (U+FF01..FF5E) and
 * U+3000 folded to ASCII; *n gets its byte length.  -1 at the end, 0xFFFD
 * for a malformed byte. */
static int32_t peek_n(const cur *c, const unsigned char *p, int *n)
{
	if (p >= c->end) {
		*n = 0;
		return -1;
	}
	unsigned b = p[0];
	int32_t cp;
	int k;
	if (b < 0x80) {
		*n = 1;
		return (int32_t)b;
	} else if ((b & 0xE0) == 0xC0) {
		cp = b & 0x1F, k = 2;
	} else if ((b & 0xF0) == 0xE0) {
		cp = b & 0x0F, k = 3;
	} else if ((b & 0xF8) == 0xF0) {
		cp = b & 0x07, k = 4;
	} else {
		*n = 1;
		return 0xFFFD;
	}
	if (c->end - p < k) {
		*n = 1;
		return 0xFFFD;
	}
	for (int i = 1; i < k; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*n = 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*n = k;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFF01 + 0x21;
	if (cp == 0x3000 || cp == 0xA0)
		return ' ';
	return cp;
}

static int32_t peek(const cur *c)
{
	int n;
	return peek_n(c, c->p, &n);
}

/* The code point after the one at the cursor. */
static int32_t peek2(const cur *c)
{
	int n;
	peek_n(c, c->p, &n);
	return peek_n(c, c->p + n, &n);
}

static void advance(cur *c)
{
	int n;
	peek_n(c, c->p, &n);
	c->p += n;
}

static int accept(cur *c, int32_t ch)
{
	if (peek(c) != ch)
		return 0;
	advance(c);
	return 1;
}

static void skip_spaces(cur *c)
{
	for (;;) {
		int32_t ch = peek(c);
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
			return;
		advance(c);
	}
}

static int is_digit(int32_t ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_alpha(int32_t ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Up to `max` digits as an integer; *nd gets how many were read. */
static int digits(cur *c, int max, int *nd)
{
	int v = 0, n = 0;
	while (n < max && is_digit(peek(c))) {
		v = v * 10 + (peek(c) - '0');
		advance(c);
		n++;
	}
	*nd = n;
	return v;
}

/* Match the ASCII word `w` case-insensitively, not followed by a letter. */
static int accept_word(cur *c, const char *w)
{
	cur t = *c;
	for (; *w; w++) {
		int32_t ch = peek(&t);
		if (ch < 0 || ch > 0x7F || tolower((int)ch) != *w)
			return 0;
		advance(&t);
	}
	if (is_alpha(peek(&t)))
		return 0;
	*c = t;
	return 1;
}

/* Match UTF-8 text `s` exactly (Chinese words and symbols). */
static int accept_str(cur *c, const char *s)
{
	size_t n = strlen(s);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

/* --------------------------------------------------------------- dates */

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"
};

/* An English month name or its abbreviation ("Sep", "Sept.", "May"). */
static int english_month(cur *c)
{
	for (int m = 0; m < 12; m++) {
		if (accept_word(c, month_names[m]))
			return m + 1;
		char ab[5];
		memcpy(ab, month_names[m], 3);
		ab[3] = 0;
		if (accept_word(c, ab) || (m == 8 && accept_word(c, "sept"))) {
			accept(c, '.');
			return m + 1;
		}
	}
	return 0;
}

/* A quarter number after "Q", "第" or before "季度": 1-4 or 一二三四. */
static int quarter_digit(cur *c)
{
	int32_t ch = peek(c);
	if (ch >= '1' && ch <= '9' && !is_digit(peek2(c))) {
		advance(c);
		return ch - '0';
	}
	static const char *const cn[4] = { "一", "二", "三", "四" };
	for (int i = 0; i < 4; i++)
		if (accept_str(c, cn[i]))
			return i + 1;
	return 0;
}

/* "Q2" / "q2". */
static int q_form(cur *c)
{
	cur t = *c;
	if (peek(&t) != 'Q' && peek(&t) != 'q')
		return 0;
	advance(&t);
	int q = quarter_digit(&t);
	if (!q || is_alpha(peek(&t)))
		return 0;
	*c = t;
	return q;
}

/* "第二季度", "二季度", "2季度", "Q2" after 年. */
static int cn_quarter(cur *c)
{
	cur t = *c;
	int q = q_form(&t);
	if (q) {
		*c = t;
		return q;
	}
	accept_str(&t, "第");
	skip_spaces(&t);
	q = quarter_digit(&t);
	skip_spaces(&t);
	if (!q || !accept_str(&t, "季度"))
		return 0;
	*c = t;
	return q;
}

/* A four-digit year not followed by another digit. */
static int year4(cur *c, int *y)
{
	cur t = *c;
	int nd;
	int v = digits(&t, 4, &nd);
	if (nd != 4 || is_digit(peek(&t)))
		return 0;
	*y = v;
	*c = t;
	return 1;
}

/* English forms: "May 14, 2024", "May 2024", "14 May 2024", "Q2 2024". */
static zt_status scan_english(cur *c, zt_date *out, zt_error *err)
{
	cur t = *c;
	int q = q_form(&t);
	if (q) {
		skip_spaces(&t);
		int y;
		if (!year4(&t, &y))
			return ZT_NOTFOUND;
		*c = t;
		return date_quarter(y, q, out, err);
	}
	int d = 0, nd = 0, m, y;
	if (is_digit(peek(&t))) {
		d = digits(&t, 2, &nd);
		if (is_digit(peek(&t)))
			return ZT_NOTFOUND;
		skip_spaces(&t);
	}
	m = english_month(&t);
	if (!m)
		return ZT_NOTFOUND;
	skip_spaces(&t);
	if (!nd && is_digit(peek(&t))) {
		cur u = t;
		int dd = digits(&u, 2, &nd);
		if (nd && !is_digit(peek(&u))) {
			(void)(accept_word(&u, "st") || accept_word(&u, "nd") || accept_word(&u, "rd") ||
			       accept_word(&u, "th"));
			skip_spaces(&u);
			accept(&u, ',');
			skip_spaces(&u);
			if (year4(&u, &y)) {
				*c = u;
				return zt_date_make(y, m, dd, out, err);
			}
		}
		nd = 0;
	}
	accept(&t, ',');
	skip_spaces(&t);
	if (!year4(&t, &y))
		return ZT_NOTFOUND;
	*c = t;
	return zt_date_make(y, m, nd ? d : 0, out, err);
}

static zt_status scan_date(cur *c, zt_date *out, zt_error *err)
{
	skip_spaces(c);
	int y;
	if (!year4(c, &y))
		return scan_english(c, out, err);
	cur t = *c;
	int32_t ch = peek(&t);
	int nd;
	if (ch == '-' || ch == '/' || ch == '.') {
		int32_t sep = ch;
		advance(&t);
		int q;
		if (sep == '-' && (q = q_form(&t))) {
			*c = t;
			return date_quarter(y, q, out, err);
		}
		int m = digits(&t, 2, &nd);
		if (!nd || is_digit(peek(&t)))
			return zt_date_make(y, 0, 0, out, err);  /* just the year */
		cur u = t;
		if (accept(&u, sep)) {
			int d = digits(&u, 2, &nd);
			if (nd && !is_digit(peek(&u))) {
				*c = u;
				return zt_date_make(y, m, d, out, err);
			}
		}
		*c = t;
		return zt_date_make(y, m, 0, out, err);
	}
	skip_spaces(&t);
	int q = q_form(&t);
	if (q) {
		*c = t;
		return date_quarter(y, q, out, err);
	}
	if (!accept_str(&t, "年"))
		return zt_date_make(y, 0, 0, out, err);
	*c = t;
	skip_spaces(&t);
	if ((q = cn_quarter(&t))) {
		*c = t;
		return date_quarter(y, q, out, err);
	}
	int m = digits(&t, 2, &nd);
	if (!nd || is_digit(peek(&t)))
		return zt_date_make(y, 0, 0, out, err);
	skip_spaces(&t);
	if (!accept_str(&t, "月"))
		return zt_date_make(y, 0, 0, out, err);
	*c = t;
	skip_spaces(&t);
	int d = digits(&t, 2, &nd);
	if (!nd || is_digit(peek(&t)))
		return zt_date_make(y, m, 0, out, err);
	cur u = t;
	skip_spaces(&u);
	if (accept_str(&u, "日") || accept_str(&u, "号")) {
		*c = u;
	} else {
		/* "2024年5月14" with no unit: a day only when no other number or
		 * unit follows (not "5月14万"). */
		int32_t nx = peek(&t);
		if (nx == '.' || is_alpha(nx) || nx > 0x7F) {
			if (nx > 0x7F && nx != 0xFFFD) {
				/* CJK text after the number is fine unless it is a unit
				 * that makes it something else. */
				cur v = t;
				if (accept_str(&v, "万") || accept_str(&v, "亿") || accept_str(&v, "个") ||
				    accept_str(&v, "年") || accept_str(&v, "月"))
					return zt_date_make(y, m, 0, out, err);
			} else {
				return zt_date_make(y, m, 0, out, err);
			}
		}
		*c = t;
	}
	return zt_date_make(y, m, d, out, err);
}

/* Quote the input in messages, shortened to keep the message readable. */
static void quote_input(const char *s, size_t len, char *buf, size_t cap)
{
	size_t n = len < cap - 4 ? len : cap - 4;
	while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;    /* do not cut a character in half */
	memcpy(buf, s, n);
	strcpy(buf + n, n < len ? "..." : "");
}

zt_status zt_date_scan(const char *s, size_t len, zt_date *out, size_t *used, zt_error *err)
{
	cur c = { (const unsigned char *)s, (const unsigned char *)s + len };
	zt_error e;
	zt_error_clear(&e);
	zt_status st = scan_date(&c, out, &e);
	*used = st == ZT_OK ? (size_t)((const char *)c.p - s) : 0;
	if (st >= ZT_ERR_FIRST) {
		char q[128];
		quote_input(s, len, q, sizeof q);
		return zt_fail(err, st, "'%s' is not a date: %s", q, e.msg);
	}
	return st;
}

zt_status zt_date_parse(const char *s, size_t len, zt_date *out, zt_error *err)
{
	size_t used;
	zt_status st = zt_date_scan(s, len, out, &used, err);
	if (st >= ZT_ERR_FIRST)
		return st;
	cur c = { (const unsigned char *)s + used, (const unsigned char *)s + len };
	skip_spaces(&c);
	if (st != ZT_OK || c.p != c.end) {
		char q[128];
		quote_input(s, len, q, sizeof q);
		return zt_fail(err, ZT_ERR_SYNTAX,
		               "'%s' is not a date (expected e.g. 2024-05-14, 2024-05, 2024, "
		               "2024-Q2 or 2024年5月14日)", q);
	}
	return ZT_OK;
}

/* ------------------------------------------------------------- numbers */

/* A number's decimal digits (at most DIGITS_MAX significant ones kept,
 * the rest folded into the exponent) and its power of ten. */
#define DIGITS_MAX 40
typedef struct decnum {
	char neg;
	char dig[DIGITS_MAX + 1];
	int nd;          /* digits in dig */
	long exp;        /* value = (digits as an integer) * 10^exp */
} decnum;

static void dec_push(decnum *d, int digit, int after_point)
{
	if (d->nd == 0 && digit == 0) {      /* leading zeros carry no digits */
		if (after_point)
			d->exp--;
		return;
	}
	if (d->nd < DIGITS_MAX) {
		d->dig[d->nd++] = (char)('0' + digit);
		if (after_point)
			d->exp--;
	} else if (!after_point) {
		d->exp++;                          /* dropped digit before the point */
	}
}

static double dec_value(const decnum *d)
{
	if (d->nd == 0)
		return d->neg ? -0.0 : 0.0;
	char buf[DIGITS_MAX + 32];
	snprintf(buf, sizeof buf, "%s%.*se%ld", d->neg ? "-" : "", d->nd, d->dig, d->exp);
	return strtod(buf, NULL);
}

/* Digits with optional thousands commas and a fractional part.  Returns 0
 * (cursor unchanged) when no digit is there. */
static int scan_decimal(cur *c, decnum *d)
{
	cur t = *c;
	int n = 0;
	while (is_digit(peek(&t))) {
		dec_push(d, peek(&t) - '0', 0);
		advance(&t);
		n++;
		/* "1,000": a comma followed by exactly three digits */
		if (peek(&t) == ',') {
			cur u = t;
			advance(&u);
			int k = 0;
			while (k < 4 && is_digit(peek(&u))) {
				advance(&u);
				k++;
			}
			if (k == 3)
				advance(&t);
		}
	}
	if (peek(&t) == '.' && is_digit(peek2(&t))) {
		advance(&t);
		while (is_digit(peek(&t))) {
			dec_push(d, peek(&t) - '0', 1);
			advance(&t);
			n++;
		}
	}
	if (!n)
		return 0;
	*c = t;
	return 1;
}

/* A Chinese multiplier run (十百千万亿 multiply: 千万 = 1e7) as a power of
 * ten; 0 when none. */
static int cn_multiplier(cur *c)
{
	static const struct { const char *s; int e; } units[] = {
		{ "十", 1 }, { "百", 2 }, { "千", 3 }, { "万", 4 }, { "萬", 4 }, { "亿", 8 }, { "億", 8 },
	};
	int e = 0;
	for (;;) {
		int hit = 0;
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
			if (accept_str(c, units[i].s)) {
				e += units[i].e;
				hit = 1;
				break;
			}
		}
		if (!hit)
			return e;
	}
}

/* An English multiplier word or suffix as a power of ten; 0 when none. */
static int en_multiplier(cur *c)
{
	static const struct { const char *w; int e; } words[] = {
		{ "thousand", 3 }, { "million", 6 }, { "billion", 9 }, { "trillion", 12 },
		{ "mln", 6 }, { "mn", 6 }, { "bn", 9 }, { "tn", 12 },
		{ "k", 3 }, { "m", 6 }, { "b", 9 }, { "t", 12 },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (accept_word(c, words[i].w))
			return words[i].e;
	return 0;
}

static zt_status scan_number(cur *c, decnum *d, int allow_sign, int allow_exp)
{
	cur t = *c;
	memset(d, 0, sizeof *d);
	if (allow_sign) {
		if (accept(&t, '-'))
			d->neg = 1;
		else
			accept(&t, '+');
	}
	if (!scan_decimal(&t, d))
		return ZT_NOTFOUND;
	if (allow_exp && (peek(&t) == 'e' || peek(&t) == 'E')) {
		cur u = t;
		advance(&u);
		int eneg = 0;
		if (accept(&u, '-'))
			eneg = 1;
		else
			accept(&u, '+');
		if (is_digit(peek(&u))) {
			long e = 0;
			while (is_digit(peek(&u))) {
				if (e < 100000)
					e = e * 10 + (peek(&u) - '0');
				advance(&u);
			}
			d->exp += eneg ? -e : e;
			t = u;
		}
	}
	/* A multiplier may follow after spaces ("10 亿", "1.3 billion"). */
	cur u = t;
	skip_spaces(&u);
	int e = cn_multiplier(&u);
	if (!e)
		e = en_multiplier(&u);
	if (e) {
		d->exp += e;
		t = u;
	}
	*c = t;
	return ZT_OK;
}

zt_status zt_number_parse(const char *s, size_t len, double *value, zt_error *err)
{
	cur c = { (const unsigned char *)s, (const unsigned char *)s + len };
	decnum d;
	skip_spaces(&c);
	zt_status st = scan_number(&c, &d, 1, 1);
	skip_spaces(&c);
	if (st != ZT_OK || c.p != c.end) {
		char q[128];
		quote_input(s, len, q, sizeof q);
		return zt_fail(err, ZT_ERR_SYNTAX,
		               "'%s' is not a number (expected e.g. 250000000, 2.5e8, 2.5亿 or 1,000)", q);
	}
	*value = dec_value(&d);
	if (isinf(*value)) {
		char q[128];
		quote_input(s, len, q, sizeof q);
		return zt_fail(err, ZT_ERR_SYNTAX, "'%s' is too large a number", q);
	}
	return ZT_OK;
}

void zt_number_format(double value, char *buf, size_t cap)
{
	if (cap == 0)
		return;
	if (isnan(value) || isinf(value)) {
		snprintf(buf, cap, "%s", isnan(value) ? "NaN" : value < 0 ? "-INF" : "INF");
		return;
	}
	if (value == 0) {
		snprintf(buf, cap, "0");
		return;
	}
	/* Whole numbers below 2^53 are exact: print them as integers (the
	 * range test first: converting a larger double to int64_t is
	 * undefined). */
	if (value > -9007199254740992.0 && value < 9007199254740992.0 &&
	    value == (double)(int64_t)value) {
		snprintf(buf, cap, "%lld", (long long)value);
		return;
	}
	/* The shortest %.*e that reads back as the same double. */
	char e[40];
	for (int prec = 0; prec <= 16; prec++) {
		snprintf(e, sizeof e, "%.*e", prec, value);
		if (strtod(e, NULL) == value)
			break;
	}
	/* e = "-d.ddddde+XX": collect digits and exponent. */
	const char *p = e;
	int neg = *p == '-';
	if (neg)
		p++;
	char dig[24];
	int nd = 0;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			dig[nd++] = *p;
	int x = atoi(p + 1);       /* value = d.ddd * 10^x */
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	char out[480];
	size_t n = 0;
	if (neg)
		out[n++] = '-';
	if (x > 40 || x < -20) {
		out[n++] = dig[0];
		if (nd > 1) {
			out[n++] = '.';
			memcpy(out + n, dig + 1, (size_t)nd - 1);
			n += (size_t)nd - 1;
		}
		n += (size_t)snprintf(out + n, sizeof out - n, "e%d", x);
	} else if (x < 0) {
		out[n++] = '0';
		out[n++] = '.';
		for (int i = 0; i < -x - 1; i++)
			out[n++] = '0';
		memcpy(out + n, dig, (size_t)nd);
		n += (size_t)nd;
	} else {
		for (int i = 0; i <= x; i++)
			out[n++] = i < nd ? dig[i] : '0';
		if (nd > x + 1) {
			out[n++] = '.';
			memcpy(out + n, dig + x + 1, (size_t)(nd - x - 1));
			n += (size_t)(nd - x - 1);
		}
	}
	out[n] = 0;
	snprintf(buf, cap, "%s", out);
}

zt_status zt_number_canon(const char *s, size_t len, char *buf, size_t cap, size_t *outlen)
{
	size_t i = 0;
	int neg = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	size_t ib = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	size_t ie = i, fb = i, fe = i;
	if (i < len && s[i] == '.') {
		fb = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		fe = i;
	}
	if (i != len || (ie == ib && fe == fb))
		return ZT_ERR_SYNTAX;
	if (cap < len + 2)
		return ZT_ERR_ARG;
	while (ib < ie && s[ib] == '0')
		ib++;
	while (fe > fb && s[fe - 1] == '0')
		fe--;
	size_t n = 0;
	if (neg && (ib < ie || fb < fe))
		buf[n++] = '-';
	if (ib == ie) {
		buf[n++] = '0';
	} else {
		memcpy(buf + n, s + ib, ie - ib);
		n += ie - ib;
	}
	if (fb < fe) {
		buf[n++] = '.';
		memcpy(buf + n, s + fb, fe - fb);
		n += fe - fb;
	}
	buf[n] = 0;
	*outlen = n;
	return ZT_OK;
}

/* --------------------------------------------------------------- money */

/* Currency words written after the amount, longest first where one is a
 * prefix of another (元人民币 before 元). */
static const struct { const char *s; const char *code; } cur_after[] = {
	{ "元人民币", "CNY" }, { "人民币", "CNY" }, { "美元", "USD" }, { "美金", "USD" },
	{ "欧元", "EUR" }, { "港元", "HKD" }, { "港币", "HKD" }, { "加元", "CAD" },
	{ "加币", "CAD" }, { "英镑", "GBP" }, { "日元", "JPY" }, { "韩元", "KRW" },
	{ "新加坡元", "SGD" }, { "新元", "SGD" }, { "澳元", "AUD" }, { "瑞士法郎", "CHF" },
	{ "卢比", "INR" }, { "元", "CNY" }, { "块", "CNY" },
};
static const struct { const char *w; const char *code; } cur_words[] = {
	{ "us dollars", "USD" }, { "dollars", "USD" }, { "dollar", "USD" }, { "euros", "EUR" },
	{ "euro", "EUR" }, { "yuan", "CNY" }, { "renminbi", "CNY" }, { "pounds", "GBP" },
	{ "yen", "JPY" },
};
/* Written before the amount; "$" alone is "generic" (see below). */
static const struct { const char *s; const char *code; } cur_before[] = {
	{ "US$", "USD" }, { "HK$", "HKD" }, { "C$", "CAD" }, { "A$", "AUD" }, { "S$", "SGD" },
	{ "$", "USD" }, { "€", "EUR" }, { "£", "GBP" }, { "¥", "CNY" }, { "￥", "CNY" },
	{ "＄", "USD" }, { "人民币", "CNY" }, { "美元", "USD" },
};
static const char *const codes_before[] = {
	"USD", "EUR", "CNY", "RMB", "HKD", "GBP", "JPY", "CAD", "AUD", "SGD", "CHF", "KRW", "INR",
};

static const char *currency_before(cur *c, int *generic)
{
	*generic = 0;
	for (size_t i = 0; i < sizeof cur_before / sizeof cur_before[0]; i++) {
		if (accept_str(c, cur_before[i].s)) {
			*generic = strcmp(cur_before[i].s, "$") == 0 || strcmp(cur_before[i].s, "＄") == 0;
			return cur_before[i].code;
		}
	}
	for (size_t i = 0; i < sizeof codes_before / sizeof codes_before[0]; i++) {
		cur t = *c;
		if (accept_str(&t, codes_before[i]) && !is_alpha(peek(&t))) {
			*c = t;
			return strcmp(codes_before[i], "RMB") == 0 ? "CNY" : codes_before[i];
		}
	}
	return NULL;
}

static const char *currency_after(cur *c, char code[4])
{
	for (size_t i = 0; i < sizeof cur_after / sizeof cur_after[0]; i++)
		if (accept_str(c, cur_after[i].s))
			return cur_after[i].code;
	for (size_t i = 0; i < sizeof cur_words / sizeof cur_words[0]; i++) {
		cur t = *c;
		const char *w = cur_words[i].w;
		const char *sp = strchr(w, ' ');
		if (sp) {      /* "us dollars": two words */
			char first[8];
			memcpy(first, w, (size_t)(sp - w));
			first[sp - w] = 0;
			if (!accept_word(&t, first))
				continue;
			skip_spaces(&t);
			w = sp + 1;
		}
		if (accept_word(&t, w)) {
			*c = t;
			return cur_words[i].code;
		}
	}
	/* Any three capitals not followed by a letter: an ISO 4217 code. */
	cur t = *c;
	for (int i = 0; i < 3; i++) {
		int32_t ch = peek(&t);
		if (ch < 'A' || ch > 'Z')
			return NULL;
		code[i] = (char)ch;
		advance(&t);
	}
	if (is_alpha(peek(&t)))
		return NULL;
	code[3] = 0;
	*c = t;
	return strcmp(code, "RMB") == 0 ? "CNY" : code;
}

static zt_status scan_money(cur *c, double *value, char out_cur[4], zt_error *err)
{
	skip_spaces(c);
	cur t = *c;
	int generic = 0;
	const char *before = currency_before(&t, &generic);
	if (before)
		skip_spaces(&t);
	decnum d;
	if (scan_number(&t, &d, 0, 0) != ZT_OK)
		return ZT_NOTFOUND;
	cur u = t;
	skip_spaces(&u);
	char code[4];
	const char *after = currency_after(&u, code);
	if (after)
		t = u;
	const char *cc = after ? after : before;
	if (!cc)
		return ZT_NOTFOUND;
	if (before && after && strcmp(before, after) != 0 && !generic)
		return zt_fail(err, ZT_ERR_SYNTAX, "two different currencies (%s and %s)", before, after);
	*c = t;
	*value = dec_value(&d);
	if (isinf(*value))
		return zt_fail(err, ZT_ERR_SYNTAX, "the amount is too large");
	memcpy(out_cur, cc, 3);
	out_cur[3] = 0;
	return ZT_OK;
}

zt_status zt_money_scan(const char *s, size_t len, double *value, char cur_[4], size_t *used,
                        zt_error *err)
{
	cur c = { (const unsigned char *)s, (const unsigned char *)s + len };
	zt_error e;
	zt_error_clear(&e);
	zt_status st = scan_money(&c, value, cur_, &e);
	*used = st == ZT_OK ? (size_t)((const char *)c.p - s) : 0;
	if (st >= ZT_ERR_FIRST) {
		char q[128];
		quote_input(s, len, q, sizeof q);
		return zt_fail(err, st, "'%s' is not an amount of money: %s", q, e.msg);
	}
	return st;
}

zt_status zt_money_parse(const char *s, size_t len, double *value, char cur_[4], zt_error *err)
{
	size_t used;
	zt_status st = zt_money_scan(s, len, value, cur_, &used, err);
	if (st >= ZT_ERR_FIRST)
		return st;
	cur c = { (const unsigned char *)s + used, (const unsigned char *)s + len };
	skip_spaces(&c);
	if (st != ZT_OK || c.p != c.end) {
		char q[128];
		quote_input(s, len, q, sizeof q);
		return zt_fail(err, ZT_ERR_SYNTAX,
		               "'%s' is not an amount of money (expected e.g. 6000000000 USD, "
		               "2.5亿美元 or $350M)", q);
	}
	return ZT_OK;
}

void zt_money_format(double value, const char *cur_, char *buf, size_t cap)
{
	char num[64];
	zt_number_format(value, num, sizeof num);
	snprintf(buf, cap, "%s %.3s", num, cur_);
}
