/* text.c — UTF-8 helpers for the importer (see text.h). */
#define _GNU_SOURCE   /* memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

uint32_t zt_u8_before(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	size_t j = zt_u8_prev(s, i), adv;
	return zt_u8_at(s, i, j, &adv);
}

size_t zt_u8_put(uint32_t cp, char out[4])
{
	if (cp < 0x80) { out[0] = (char)cp; return 1; }
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int zt_is_cjk(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3007;
}

int zt_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF ||
	       c == 0x202F || c == 0x205F;
}

int zt_is_cjk_punct(uint32_t c)
{
	if (c >= 0x3001 && c <= 0x303F)      /* 、。〃《》「」『』【】〔〕… */
		return c != 0x3007;
	if (c >= 0xFF01 && c <= 0xFF0F) return 1;   /* ！＂＃…／ */
	if (c >= 0xFF1A && c <= 0xFF20) return 1;   /* ：；＜＝＞？＠ */
	if (c >= 0xFF3B && c <= 0xFF40) return 1;
	if (c >= 0xFF5B && c <= 0xFF65) return 1;
	switch (c) {
	case 0x2018: case 0x2019: case 0x201C: case 0x201D: /* ‘’“” */
	case 0x2026: case 0x2014: case 0x2013: case 0x00B7: case 0x30FB: /* …—–·・ */
	case 0x25CF: case 0x2022: case 0x25B6: case 0x25AA: case 0xF06C: case 0xF0B7: /* bullets */
		return 1;
	}
	return 0;
}

int zt_is_punct(uint32_t c)
{
	if (c < 0x80)
		return (c >= 0x21 && c <= 0x2F && c != '-' && c != '+' && c != '.' && c != '&' && c != '\'') ||
		       (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60 && c != '_') ||
		       (c >= 0x7B && c <= 0x7E);
	return zt_is_cjk_punct(c);
}

int zt_is_latin_word(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
	       (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

int zt_is_sentence_end(uint32_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' || c == 0xFF1B || c == ';';
}

size_t zt_find(const char *s, size_t from, size_t to, const char *w)
{
	size_t wl = strlen(w);
	if (wl == 0 || to < wl)
		return (size_t)-1;
	if (from >= to || to - from < wl)
		return (size_t)-1;
	/* glibc's memmem is vectorised; a byte loop cost ~8 instructions a byte */
	const char *p = memmem(s + from, to - from, w, wl);
	return p ? (size_t)(p - s) : (size_t)-1;
}

static void buf_grow(zt_buf *b, size_t need)
{
	if (b->failed)
		return;
	if (b->len + need + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		b->failed = 1;
		return;
	}
	b->s = s;
	b->cap = cap;
}

void zt_buf_add(zt_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (b->failed)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void zt_buf_adds(zt_buf *b, const char *s) { zt_buf_add(b, s, strlen(s)); }
void zt_buf_addc(zt_buf *b, char c) { zt_buf_add(b, &c, 1); }

void zt_buf_printf(zt_buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		zt_buf_add(b, tmp, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	if (b->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *zt_buf_take(zt_buf *b)
{
	if (b->failed) {
		zt_buf_free(b);
		return NULL;
	}
	char *s = b->s;
	if (!s)
		s = calloc(1, 1);
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void zt_buf_free(zt_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

/* Whether a space between characters a and b is worth keeping: only
 * between two Latin-ish characters (words, digits, symbols). */
static int keep_space(uint32_t a, uint32_t b)
{
	if (!a || !b)
		return 0;
	if (zt_is_cjk(a) || zt_is_cjk(b) || zt_is_cjk_punct(a) || zt_is_cjk_punct(b))
		return 0;
	return 1;
}

char *zt_tidy(const char *s, size_t n)
{
	zt_buf b = { 0 };
	size_t i = 0, adv;
	uint32_t last = 0;
	int pending = 0;
	while (i < n) {
		uint32_t c = zt_u8_at(s, n, i, &adv);
		if (zt_is_space(c)) {
			pending = 1;
		} else {
			if (pending && keep_space(last, c))
				zt_buf_addc(&b, ' ');
			pending = 0;
			zt_buf_add(&b, s + i, adv);
			last = c;
		}
		i += adv;
	}
	return zt_buf_take(&b);
}

char *zt_squash(const char *s, size_t n)
{
	zt_buf b = { 0 };
	size_t i = 0, adv;
	int pending = 0;
	while (i < n) {
		uint32_t c = zt_u8_at(s, n, i, &adv);
		if (zt_is_space(c)) {
			pending = 1;
		} else {
			if (pending && b.len)
				zt_buf_addc(&b, ' ');
			pending = 0;
			zt_buf_add(&b, s + i, adv);
		}
		i += adv;
	}
	return zt_buf_take(&b);
}

static int strip_mark(uint32_t c)
{
	switch (c) {
	case 0x201C: case 0x201D: case 0x2018: case 0x2019: case '"': case '\'':
	case 0x300A: case 0x300B: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1A: case ',': case ':': case 0xFF1B: case ';':
		return 1;
	}
	return zt_is_space(c);
}

char *zt_tidy_name(const char *s, size_t n)
{
	size_t a = 0, b = n, adv;
	while (a < b) {
		uint32_t c = zt_u8_at(s, b, a, &adv);
		if (!strip_mark(c))
			break;
		a += adv;
	}
	while (b > a) {
		size_t p = zt_u8_prev(s, b);
		uint32_t c = zt_u8_at(s, b, p, &adv);
		if (!strip_mark(c))
			break;
		b = p;
	}
	return zt_tidy(s + a, b - a);
}

size_t zt_u8_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if ((((unsigned char)s[i]) & 0xC0) != 0x80)
			k++;
	return k;
}

long zt_scan_uint(const char *s, size_t len, size_t *i)
{
	size_t j = *i, adv;
	long v = 0;
	int any = 0;
	while (j < len) {
		uint32_t c = zt_u8_at(s, len, j, &adv);
		int d;
		if (c >= '0' && c <= '9')
			d = (int)(c - '0');
		else if (c >= 0xFF10 && c <= 0xFF19)
			d = (int)(c - 0xFF10);
		else
			break;
		if (v < 1000000000L)
			v = v * 10 + d;
		any = 1;
		j += adv;
	}
	if (!any)
		return -1;
	*i = j;
	return v;
}

size_t zt_skip_space(const char *s, size_t len, size_t i)
{
	size_t adv;
	while (i < len && zt_is_space(zt_u8_at(s, len, i, &adv)))
		i += adv;
	return i;
}
