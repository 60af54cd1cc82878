/* detect.c — encodings and layouts (see detect.h).
 *
 * Layouts are told apart by structure:
 *   digest   fields "标题:" and "总结:" at line starts;
 *   monthly  two or more "发布日期" field lines;
 *     -pdf   … and signs of PDF extraction: field lines or titles with a
 *            leading space, bare URL lines outside 链接 blocks, Chinese
 *            and digits glued without the usual spaces ("2023年 11月");
 *   report   markdown headings ("# ", "## ") or tables; or long (over 20 kB)
 *            with a table of contents or calling itself a report on its cover;
 *   generic  everything else.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "readers.h"
#include "text.h"
#include "../store/norm.h"

static size_t line_of(const char *s, size_t off)
{
	size_t l = 1;
	for (size_t i = 0; i < off; i++)
		l += s[i] == '\n';
	return l;
}

static zt_status iconv_all(const char *from, const char *data, size_t len, char **out, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return ZT_ERR_ENCODING;
	size_t cap = len * 2 + 16;
	char *buf = malloc(cap);
	if (!buf) {
		iconv_close(cd);
		return ZT_ERR_NOMEM;
	}
	char *in = (char *)data, *o = buf;
	size_t inleft = len, oleft = cap - 1;
	while (inleft) {
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(o - buf);
				cap *= 2;
				char *nb = realloc(buf, cap);
				if (!nb) {
					free(buf);
					iconv_close(cd);
					return ZT_ERR_NOMEM;
				}
				buf = nb;
				o = buf + used;
				oleft = cap - used - 1;
				continue;
			}
			free(buf);
			iconv_close(cd);
			return ZT_ERR_ENCODING;
		}
	}
	iconv_close(cd);
	*o = 0;
	*out = buf;
	*outlen = (size_t)(o - buf);
	return ZT_OK;
}

/* Replace each invalid sequence by U+FFFD. */
static zt_status replace_bad(const char *data, size_t len, char **out, size_t *outlen, size_t *count)
{
	zt_buf b = { 0 };
	size_t i = 0, n = 0;
	while (i < len) {
		size_t bad;
		if (zt_utf8_valid(data + i, len - i, &bad)) {
			zt_buf_add(&b, data + i, len - i);
			break;
		}
		zt_buf_add(&b, data + i, bad);
		zt_buf_adds(&b, "\xEF\xBF\xBD");
		n++;
		i += bad + 1;
		/* skip the continuation bytes of the broken sequence */
		while (i < len && ((unsigned char)data[i] & 0xC0) == 0x80)
			i++;
	}
	char *s = zt_buf_take(&b);
	if (!s)
		return ZT_ERR_NOMEM;
	*out = s;
	*outlen = strlen(s);
	*count = n;
	return ZT_OK;
}

/* Only whitespace (Unicode spaces included)? */
static int blank(const char *s, size_t n)
{
	size_t i = 0, adv;
	while (i < n) {
		if (!zt_is_space(zt_u8_at(s, n, i, &adv)))
			return 0;
		i += adv;
	}
	return 1;
}

zt_status zt_text_prepare(const char *name, const char *data, size_t len, int lenient,
                          char **out, size_t *outlen, const char **converted, size_t *replaced,
                          zt_error *err)
{
	if (converted)
		*converted = NULL;
	if (replaced)
		*replaced = 0;
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	if (i == len)
		return zt_fail(err, ZT_ERR_ARG, "%s: the file is empty; nothing to import", name);
	/* UTF-16 (with a byte order mark, or the NUL bytes of ASCII in it):
	 * refused with the command that converts it, since newsletters are
	 * never written so and a wrong guess would import garbage */
	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
	                 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
		return zt_fail(err, ZT_ERR_ENCODING, "%s: the file is UTF-16; zhitu imports UTF-8 (or GB18030) — "
		               "convert it first: iconv -f UTF-16 -t UTF-8 '%s' > converted.txt", name, name);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	/* binary: NUL bytes, or many control characters */
	size_t ctl = 0, first_ctl = 0;
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)data[k];
		if (c == 0)
			return zt_fail(err, ZT_ERR_ENCODING, "%s: not a text file (a NUL byte at byte %zu); "
			               "zhitu imports UTF-8 or GB18030 text", name, k);
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
			if (!ctl)
				first_ctl = k;
			ctl++;
		}
	}
	if (ctl * 20 > len)
		return zt_fail(err, ZT_ERR_ENCODING, "%s: not a text file (binary data at byte %zu)", name, first_ctl);

	size_t bad = 0;
	if (zt_utf8_valid(data, len, &bad)) {
		if (blank(data, len))
			return zt_fail(err, ZT_ERR_ARG, "%s: the file is empty (only blank lines); nothing to import", name);
		char *s = malloc(len + 1);
		if (!s)
			return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
		memcpy(s, data, len);
		s[len] = 0;
		*out = s;
		*outlen = len;
		return ZT_OK;
	}
	/* Not UTF-8.  Chinese text in GBK/GB18030 converts cleanly and holds
	 * ideographs; text that is mostly UTF-8 with a few bad bytes is
	 * damaged UTF-8, not GBK. */
	size_t high = 0;
	for (size_t k = 0; k < len; k++)
		high += (unsigned char)data[k] >= 0x80;
	size_t valid_prefix = bad;
	int mostly_utf8 = valid_prefix > len / 2 && high > 0;
	if (!mostly_utf8) {
		char *conv;
		size_t cl;
		zt_status st = iconv_all("GB18030", data, len, &conv, &cl);
		if (st == ZT_ERR_NOMEM)
			return zt_fail(err, st, "out of memory");
		if (st == ZT_OK && zt_utf8_valid(conv, cl, NULL) && zt_has_cjk(conv, cl)) {
			*out = conv;
			*outlen = cl;
			if (converted)
				*converted = "GB18030";
			return ZT_OK;
		}
		if (st == ZT_OK)
			free(conv);
	}
	if (lenient) {
		size_t n = 0;
		zt_status st = replace_bad(data, len, out, outlen, &n);
		if (st)
			return zt_fail(err, st, "out of memory");
		if (replaced)
			*replaced = n;
		return ZT_OK;
	}
	zt_status st = zt_fail(err, ZT_ERR_UTF8,
	                       "%s: invalid UTF-8 at byte %zu (line %zu); fix the file, convert it to UTF-8 "
	                       "(iconv -f ENCODING -t UTF-8), or import with --lenient to replace bad bytes",
	                       name, bad, line_of(data, bad));
	if (err)
		err->line = (int)line_of(data, bad);
	return st;
}

/* How many lines start with each sign the layouts leave, counted in one
 * pass over the lines (a pass per sign cost ~30 instructions a byte). */
enum {
	L_TITLE, L_SUMMARY, L_DATE_SP, L_DATE_IND, L_LINK_IND, L_ONE_IND, L_TWO_IND, L_HTTP, L_BULLET,
	L_H1, L_H2, L_H3, L_TOC, L_NSIGNS
};

static void count_lines(const char *t, size_t len, size_t *c)
{
	static const struct { const char *w; int sign; } signs[] = {
		{ "标题:", L_TITLE }, { "标题：", L_TITLE }, { "总结:", L_SUMMARY }, { "总结：", L_SUMMARY },
		{ " 发布日期", L_DATE_IND }, { " 链接", L_LINK_IND }, { " 一、", L_ONE_IND }, { " 二、", L_TWO_IND },
		{ "http", L_HTTP }, { "- http", L_BULLET }, { "- <http", L_BULLET }, { "● ", L_BULLET },
		{ "# ", L_H1 }, { "## ", L_H2 }, { "### ", L_H3 },
		{ "目录", L_TOC }, { "目 录", L_TOC }, { "Contents", L_TOC },
	};
	memset(c, 0, L_NSIGNS * sizeof *c);
	for (size_t i = 0; i < len;) {
		for (size_t k = 0; k < sizeof signs / sizeof signs[0]; k++) {
			size_t wl = strlen(signs[k].w);
			if (signs[k].w[0] == t[i] && i + wl <= len && memcmp(t + i, signs[k].w, wl) == 0)
				c[signs[k].sign]++;
		}
		/* 发布日期 after any run of spaces and ideographic spaces */
		size_t j = i;
		while (j < len && (t[j] == ' ' || zt_starts(t, len, j, "\xE3\x80\x80")))
			j += t[j] == ' ' ? 1 : 3;
		if (zt_starts(t, len, j, "发布日期"))
			c[L_DATE_SP]++;
		const char *nl = memchr(t + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - t) + 1;
	}
}

zt_layout zt_detect_layout(const char *t, size_t len)
{
	size_t c[L_NSIGNS];
	count_lines(t, len, c);
	if (c[L_TITLE] && c[L_SUMMARY])
		return ZT_LAYOUT_DIGEST;
	size_t dates = c[L_DATE_SP];
	if (dates >= 2) {
		/* PDF signs: field lines indented by the extraction, "2023年 11月" glued dates,
		 * bare URL lines repeated outside link blocks */
		size_t indented = c[L_DATE_IND] + c[L_LINK_IND] + c[L_ONE_IND] + c[L_TWO_IND];
		size_t glued = 0;
		for (size_t p = 0; (p = zt_find(t, p, len, "年 ")) != (size_t)-1; p += 4)
			if (p > 0 && t[p - 1] >= '0' && t[p - 1] <= '9')
				glued++;
		size_t spaced = 0;
		for (size_t p = 0; (p = zt_find(t, p, len, " 年 ")) != (size_t)-1; p += 5)
			spaced++;
		size_t urls = c[L_HTTP];
		size_t bullets = c[L_BULLET];
		if (indented >= 2 || (glued > spaced && glued >= 3) || urls > dates + bullets + 3)
			return ZT_LAYOUT_MONTHLY_PDF;
		return ZT_LAYOUT_MONTHLY;
	}
	size_t heads = c[L_H1] + c[L_H2] + c[L_H3];
	size_t tables = 0;
	for (size_t p = 0; (p = zt_find(t, p, len, "\n|")) != (size_t)-1; p += 2)
		tables++;
	if (heads >= 3 || (heads >= 1 && tables >= 3))
		return ZT_LAYOUT_REPORT;
	/* A long document with a table of contents, or one that calls itself a
	 * report on its cover, is a report even without markdown. */
	size_t head = len < 3000 ? len : 3000;
	int toc = c[L_TOC] > 0;
	int cover = zt_find(t, 0, head, "报告") != (size_t)-1 || zt_find(t, 0, head, "白皮书") != (size_t)-1 ||
	            zt_find(t, 0, head, "蓝皮书") != (size_t)-1 || zt_find(t, 0, head, "Report") != (size_t)-1;
	if (len > 20000 && (toc || cover))
		return ZT_LAYOUT_REPORT;
	return ZT_LAYOUT_GENERIC;
}
