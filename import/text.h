/* text.h — small UTF-8 text helpers shared by the importer's readers and
 * extractors: decoding one character, classifying characters (CJK,
 * punctuation, Latin), a growable byte buffer, and tidying names.
 *
 * All functions take byte offsets into valid UTF-8 (the importer checks
 * and converts its input first, import/detect.h) and never allocate
 * unless their name says so.
 */
#ifndef ZT_IMPORT_TEXT_H
#define ZT_IMPORT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../store/status.h"

/* Decode the character at s[i] (i < len); *adv gets its byte length
 * (at least 1, so a loop always advances).  Returns the code point. */
static inline uint32_t zt_u8_at(const char *s, size_t len, size_t i, size_t *adv)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t n = len - i;
	if (p[0] < 0x80 || n < 2) { *adv = 1; return p[0]; }
	if ((p[0] & 0xE0) == 0xC0) { *adv = 2; return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F); }
	if ((p[0] & 0xF0) == 0xE0 && n >= 3) {
		*adv = 3;
		return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	if ((p[0] & 0xF8) == 0xF0 && n >= 4) {
		*adv = 4;
		return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
		       ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
	}
	*adv = 1;
	return p[0];
}

/* The start of the character before byte i (i > 0). */
static inline size_t zt_u8_prev(const char *s, size_t i)
{
	do { i--; } while (i > 0 && (((unsigned char)s[i]) & 0xC0) == 0x80);
	return i;
}

/* The code point before byte i, or 0 at the start. */
uint32_t zt_u8_before(const char *s, size_t i);

/* Encode one code point; returns the byte count (1..4). */
size_t zt_u8_put(uint32_t cp, char out[4]);

/* Character classes. */
int zt_is_cjk(uint32_t c);          /* a CJK ideograph (Han) */
int zt_is_space(uint32_t c);        /* ASCII space/tab/CR/LF, U+3000, NBSP, other Unicode spaces */
int zt_is_cjk_punct(uint32_t c);    /* 。，、；：？！“”‘’《》（）【】… and full-width ASCII punctuation */
int zt_is_punct(uint32_t c);        /* zt_is_cjk_punct or ASCII punctuation other than - + . & ' */
int zt_is_latin_word(uint32_t c);   /* ASCII letter or digit, or a full-width one */
int zt_is_sentence_end(uint32_t c); /* 。！？!? and ；; */

/* Whether s[i..] starts with the NUL-terminated `w`. */
static inline int zt_starts(const char *s, size_t len, size_t i, const char *w)
{
	size_t k = 0;
	for (; w[k]; k++)
		if (i + k >= len || s[i + k] != w[k])
			return 0;
	return 1;
}

/* Find `w` in s[from, to); returns its offset or (size_t)-1. */
size_t zt_find(const char *s, size_t from, size_t to, const char *w);

/* A growable NUL-terminated byte buffer.  On allocation failure the
 * buffer records it (`failed`) and further appends are ignored; check
 * once at the end. */
typedef struct zt_buf {
	char *s;
	size_t len, cap;
	int failed;
} zt_buf;

void zt_buf_add(zt_buf *b, const char *s, size_t n);
void zt_buf_adds(zt_buf *b, const char *s);
void zt_buf_addc(zt_buf *b, char c);
void zt_buf_printf(zt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand over the string (malloc'd; "" when empty) and reset the buffer.
 * NULL when an allocation failed. */
char *zt_buf_take(zt_buf *b);
void zt_buf_free(zt_buf *b);

/* Copy s[0,n) into a new string with whitespace runs collapsed to one
 * space, leading/trailing whitespace removed, and spaces next to CJK
 * characters or CJK punctuation dropped ("国务院 2024 年度" -> "国务院2024年度",
 * "Copilot+ PC" unchanged).  NULL on allocation failure. */
char *zt_tidy(const char *s, size_t n);

/* Copy s[0,n) with whitespace runs collapsed to one space and the ends
 * trimmed, nothing else changed (titles "as printed").  NULL on
 * allocation failure. */
char *zt_squash(const char *s, size_t n);

/* Like zt_tidy but also strips surrounding quotes and brackets
 * (“”「」《》"' and a trailing or leading ，。、：). */
char *zt_tidy_name(const char *s, size_t n);

/* Number of code points in s[0,n). */
size_t zt_u8_count(const char *s, size_t n);

/* Parse a run of ASCII or full-width digits at s[*i]; advances *i past it.
 * Returns the value, or -1 when there is no digit (then *i is unchanged).
 * Values above 10^9 are clamped. */
long zt_scan_uint(const char *s, size_t len, size_t *i);

/* Skip whitespace (zt_is_space) from i; returns the new offset. */
size_t zt_skip_space(const char *s, size_t len, size_t i);

#endif
