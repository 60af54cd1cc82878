/* norm.c — name keys (NFKC + case fold, minus spaces and quoting marks)
 * and small UTF-8 helpers.  Must agree with the scorers' Python `norm`
 * (/work/shared/tools/zqlib.py): NFKC, casefold, then drop every
 * character Python's `\s` matches and the marks listed in norm.h. */
#include "norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Python's str.isspace() (what `\s` matches in a str pattern).  After
 * NFKC most Unicode spaces have become U+0020, but the separators and
 * the C0 "information separators" survive normalization. */
static int is_py_space(int32_t c)
{
	switch (c) {
	case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
	case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
	case 0x85: case 0xA0: case 0x1680:
	case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
		return 1;
	default:
		return c >= 0x2000 && c <= 0x200A;
	}
}

/* The quoting and bracketing marks that do not belong to a name:
 * 《》“”"'「」『』·・()（）[] (full-width forms are already folded). */
static int is_dropped_mark(int32_t c)
{
	switch (c) {
	case 0x300A: case 0x300B:          /* 《 》 */
	case 0x201C: case 0x201D:          /* “ ” */
	case '"': case '\'':
	case 0x300C: case 0x300D:          /* 「 」 */
	case 0x300E: case 0x300F:          /* 『 』 */
	case 0x00B7: case 0x30FB:          /* · ・ */
	case '(': case ')': case 0xFF08: case 0xFF09:
	case '[': case ']':
		return 1;
	default:
		return 0;
	}
}

/* Most keys are short ASCII names ("openai", "EU AI Act"): NFKC is the
 * identity on ASCII and case folding is tolower, so skip utf8proc. */
static zt_status norm_ascii(const char *s, size_t len, char **out, size_t *outlen)
{
	char *buf = malloc(len + 1);
	if (!buf)
		return ZT_ERR_NOMEM;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_py_space(c) || is_dropped_mark(c))
			continue;
		buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	buf[n] = '\0';
	*out = buf;
	if (outlen)
		*outlen = n;
	return ZT_OK;
}

zt_status zt_norm(const char *s, size_t len, char **out, size_t *outlen)
{
	*out = NULL;
	if (outlen)
		*outlen = 0;
	size_t i = 0;
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	if (i == len)
		return norm_ascii(s, len, out, outlen);
	if (!zt_utf8_valid(s, len, NULL))
		return ZT_ERR_UTF8;

	/* NFKC, then case folding of the result without normalizing again:
	 * exactly Python's unicodedata.normalize("NFKC", s).casefold(), which
	 * the scorers use (folding inside the composition would recompose
	 * "ΐ" where Python leaves ι + combining marks). */
	utf8proc_uint8_t *nfkc = NULL, *mapped = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfkc,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	if (m >= 0)
		m = utf8proc_map(nfkc, m, &mapped, UTF8PROC_CASEFOLD);
	free(nfkc);
	if (m < 0) {
		free(mapped);
		return m == UTF8PROC_ERROR_NOMEM ? ZT_ERR_NOMEM : ZT_ERR_UTF8;
	}
	/* Filter in place: the output never grows. */
	utf8proc_ssize_t r = 0, w = 0;
	while (r < m) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(mapped + r, m - r, &c);
		if (k <= 0) {
			free(mapped);
			return ZT_ERR_UTF8;
		}
		if (!is_py_space(c) && !is_dropped_mark(c)) {
			memmove(mapped + w, mapped + r, (size_t)k);
			w += k;
		}
		r += k;
	}
	mapped[w] = '\0';
	*out = (char *)mapped;
	if (outlen)
		*outlen = (size_t)w;
	return ZT_OK;
}

int zt_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		unsigned lo = 0x80, hi = 0xBF;   /* range of the second byte */
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0) lo = 0xA0;        /* no overlong forms */
			if (c == 0xED) hi = 0x9F;        /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0) lo = 0x90;
			if (c == 0xF4) hi = 0x8F;        /* nothing above U+10FFFF */
		} else {
			goto bad;
		}
		if (i + need >= len)        /* truncated sequence */
			goto bad;
		if (p[i + 1] < lo || p[i + 1] > hi)
			goto bad;
		for (size_t k = 2; k <= need; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				goto bad;
		i += need + 1;
	}
	return 1;
bad:
	if (bad_offset)
		*bad_offset = i;
	return 0;
}

size_t zt_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

size_t zt_utf8_width(const char *s, size_t len)
{
	size_t w = 0, i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			/* Control characters take no columns; printable ASCII one. */
			w += c >= 0x20 && c != 0x7F;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {       /* invalid byte: count it as one column */
			w++;
			i++;
			continue;
		}
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		i += (size_t)k;
	}
	return w;
}

int zt_has_cjk(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		unsigned c = p[i];
		if (c < 0xE2)
			continue;      /* ASCII, continuation bytes, and U+0080..U+207F */
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			continue;
		if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
		    (cp >= 0x20000 && cp <= 0x2FFFF))
			return 1;
		i += (size_t)k - 1;
	}
	return 0;
}

const char *zt_label_lang(const char *s, size_t len)
{
	return zt_has_cjk(s, len) ? "zh" : "en";
}
