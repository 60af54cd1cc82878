/* read_monthly.c — the monthly issue, clean or extracted from PDF.
 *
 * Shape: a header with the period ("2024 年 5 月 … (2024.5.1-2024.5.31)"),
 * a 导读 table of contents, sections ("一、最新法律与监管动态"), numbered items
 * whose title is followed by 发布日期 / 来源 / 链接 / 摘要 and an optional
 * commentary ("植德短评"), and a publisher's footer ("特此声明") that is
 * not news.
 *
 * The rule that finds items is structural, not lexical: a numbered line is
 * an item only when a 发布日期 line follows it within a few lines (title
 * continuations and stray link lines allowed in between).  That keeps
 * the table of contents and numbered sub-lists inside an item out.
 *
 * PDF repairs: lines broken mid-sentence are joined (a line that does not
 * end a sentence continues on the next non-empty line), bare URL lines in
 * a body are the PDF's repeated link blocks and are dropped, and URLs
 * broken across lines in a 链接 block are re-joined.
 */
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "text.h"

static int line_starts(const zt_line *l, const char *w)
{
	size_t n = strlen(w);
	return l->len >= n && memcmp(l->s, w, n) == 0;
}

static int is_url_text(const char *s, size_t n)
{
	return (n >= 7 && memcmp(s, "http://", 7) == 0) || (n >= 8 && memcmp(s, "https://", 8) == 0) ||
	       (n >= 4 && memcmp(s, "www.", 4) == 0);
}

/* Strip list bullets and angle brackets around a link line. */
static void strip_bullet(const char **s, size_t *n)
{
	size_t adv;
	for (;;) {
		if (*n == 0)
			return;
		uint32_t c = zt_u8_at(*s, *n, 0, &adv);
		if (c == '-' || c == '*' || c == '<' || c == 0x25CF || c == 0x2022 || c == 0xF06C ||
		    c == 0xF0B7 || c == 0x25AA || c == 0x25E6 || c == 0x25A0 || c == 0x2023 || c == 0x25B6 ||
		    c == 0x27A2 || zt_is_space(c) || c == 0xE000 || (c >= 0xE000 && c <= 0xF8FF)) {
			*s += adv;
			*n -= adv;
			continue;
		}
		break;
	}
	while (*n && ((*s)[*n - 1] == '>' || (*s)[*n - 1] == ' '))
		(*n)--;
}

static int is_url_line(const zt_line *l)
{
	const char *s = l->s;
	size_t n = l->len;
	strip_bullet(&s, &n);
	return is_url_text(s, n);
}

/* A continuation of a URL broken across lines: no spaces, no CJK, and
 * URL characters. */
static int is_url_fragment(const char *s, size_t n)
{
	if (n == 0 || n > 400)
		return 0;
	int mark = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || c == ' ')
			return 0;
		if (c == '/' || c == '%' || c == '=' || c == '&' || c == '-' || c == '_' || c == '.')
			mark = 1;
	}
	return mark;
}

/* "12. title", "12．title", "12、title": returns the number and the title
 * start, or 0. */
static int numbered(const zt_line *l, const char **title, size_t *tlen)
{
	size_t i = 0;
	long v = zt_scan_uint(l->s, l->len, &i);
	if (v <= 0 || v > 999 || i > 3)
		return 0;
	i = zt_skip_space(l->s, l->len, i);
	size_t adv;
	if (i >= l->len)
		return 0;
	uint32_t c = zt_u8_at(l->s, l->len, i, &adv);
	if (c != '.' && c != 0xFF0E && c != 0x3001)
		return 0;
	i += adv;
	/* "2.5 亿" is a number, not a list marker. */
	if (c == '.' && i < l->len && l->s[i] >= '0' && l->s[i] <= '9')
		return 0;
	i = zt_skip_space(l->s, l->len, i);
	if (i >= l->len)
		return 0;
	*title = l->s + i;
	*tlen = l->len - i;
	return (int)v;
}

static int is_date_field(const zt_line *l)
{
	return line_starts(l, "发布日期") || line_starts(l, "发布时间") || line_starts(l, "日期：") ||
	       line_starts(l, "日期:");
}

/* Whether line i is an item header: returns the index of its 发布日期
 * line, or 0. */
static size_t item_header(const zt_line *L, size_t n, size_t i)
{
	const char *t;
	size_t tl;
	if (!numbered(&L[i], &t, &tl))
		return 0;
	int cont = 0;
	for (size_t j = i + 1; j < n && j <= i + 16; j++) {
		if (L[j].len == 0 || is_url_line(&L[j]))
			continue;
		if (is_date_field(&L[j]))
			return j;
		if (numbered(&L[j], &t, &tl) || ++cont > 2 || L[j].len > 120)
			return 0;
	}
	return 0;
}

static const char *const cjk_numerals = "一二三四五六七八九十";

/* "一、最新法律与监管动态": a section heading shape. */
static int heading_shape(const zt_line *l, const char **label, size_t *llen)
{
	size_t i = 0, adv;
	int k = 0;
	while (i < l->len) {
		uint32_t c = zt_u8_at(l->s, l->len, i, &adv);
		char tmp[4];
		size_t m = zt_u8_put(c, tmp);
		tmp[m] = 0;
		if (m != 3 || !strstr(cjk_numerals, tmp))
			break;
		i += adv;
		k++;
	}
	if (k == 0 || k > 3 || !zt_starts(l->s, l->len, i, "、"))
		return 0;
	i += 3;
	if (l->len - i > 90 || zt_find(l->s, i, l->len, "。") != (size_t)-1)
		return 0;
	*label = l->s + i;
	*llen = l->len - i;
	return 1;
}

static zt_section classify_section(const char *s, size_t n)
{
	static const struct { const char *w; zt_section s; } words[] = {
		{ "融资", ZT_SEC_FUNDING }, { "投资", ZT_SEC_FUNDING },
		{ "法律", ZT_SEC_LEGAL }, { "监管", ZT_SEC_LEGAL }, { "政策", ZT_SEC_LEGAL },
		{ "立法", ZT_SEC_LEGAL }, { "法规", ZT_SEC_LEGAL }, { "司法", ZT_SEC_LEGAL },
		{ "治理", ZT_SEC_LEGAL },
		{ "行业", ZT_SEC_INDUSTRY }, { "产业", ZT_SEC_INDUSTRY }, { "企业", ZT_SEC_INDUSTRY },
		{ "市场", ZT_SEC_INDUSTRY }, { "技术", ZT_SEC_INDUSTRY },
		{ "观点", ZT_SEC_OPINION }, { "研报", ZT_SEC_OPINION },
	};
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (zt_find(s, 0, n, words[k].w) != (size_t)-1)
			return words[k].s;
	return ZT_SEC_OTHER;
}

static int is_footer(const zt_line *l)
{
	static const char *const exact[] = { "特此声明", "免责声明", "声明", "版权声明" };
	for (size_t k = 0; k < sizeof exact / sizeof exact[0]; k++)
		if (l->len == strlen(exact[k]) && memcmp(l->s, exact[k], l->len) == 0)
			return 1;
	/* the publisher speaking about itself: who wrote the issue, how to
	 * reach the editors, what the newsletter is */
	static const char *const starts[] = { "本刊物不代表", "本期撰写人", "免责声明：", "关于本刊", "关于我们",
	                                      "联系我们", "编辑部", "本期编辑", "责任编辑", "版权所有" };
	for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++)
		if (line_starts(l, starts[k]))
			return 1;
	return 0;
}

/* "植德短评", "律师点评": a short line naming the commentary. */
static int is_comment_heading(const zt_line *l)
{
	static const char *const ends[] = { "短评", "点评", "评论", "评析", "解读", "观察" };
	if (l->len == 0 || zt_u8_count(l->s, l->len) > 8)
		return 0;
	for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
		size_t n = strlen(ends[k]);
		if (l->len >= n && memcmp(l->s + l->len - n, ends[k], n) == 0)
			return 1;
	}
	return 0;
}

/* A line that starts a list entry, which never continues the line before. */
static int list_start(const zt_line *l)
{
	const char *t;
	size_t tl, i = 0, adv;
	if (numbered(l, &t, &tl) || heading_shape(l, &t, &tl))
		return 1;
	long v = zt_scan_uint(l->s, l->len, &i);
	if (v >= 0 && i < l->len) {
		uint32_t c = zt_u8_at(l->s, l->len, i, &adv);
		if (c == 0xFF09 || c == ')')
			return 1;
	}
	uint32_t c = zt_u8_at(l->s, l->len, 0, &adv);
	return c == 0x25CF || c == 0x2022 || c == 0xF06C || c == 0xF0B7 || c == 0x25AA ||
	       c == 0xFF08 || c == '(' || (c == '-' && l->len > 1 && l->s[1] == ' ');
}

/* Append a line to a paragraph buffer: a line continues the previous one
 * unless the previous one ended a sentence or this one starts a list. */
static void para_add(zt_buf *b, const zt_line *l)
{
	if (b->len) {
		size_t adv;
		size_t p = zt_u8_prev(b->s, b->len);
		uint32_t last = zt_u8_at(b->s, b->len, p, &adv);
		uint32_t first = zt_u8_at(l->s, l->len, 0, &adv);
		int ends = zt_is_sentence_end(last) || last == 0xFF1A || last == ':' ||
		           ((last == 0x201D || last == 0xFF09 || last == ')') && b->len >= 6 &&
		            zt_is_sentence_end(zt_u8_before(b->s, p)));
		if (ends || list_start(l))
			zt_buf_addc(b, '\n');
		else if (zt_is_latin_word(last) && zt_is_latin_word(first))
			zt_buf_addc(b, ' ');
		else if ((last == ',' || last == '.') && zt_is_latin_word(first))
			zt_buf_addc(b, ' ');
	}
	zt_buf_add(b, l->s, l->len);
}

/* The value after "名称：" on a field line ("" when the value is on the next line). */
static void field_value(const zt_line *l, const char **v, size_t *vn)
{
	size_t i = 0, adv;
	while (i < l->len) {
		uint32_t c = zt_u8_at(l->s, l->len, i, &adv);
		i += adv;
		if (c == 0xFF1A || c == ':')
			break;
	}
	if (i >= l->len) {
		*v = l->s + l->len;
		*vn = 0;
		return;
	}
	i = zt_skip_space(l->s, l->len, i);
	*v = l->s + i;
	*vn = l->len - i;
}

static int parse_date_value(const char *s, size_t n, zt_date *d)
{
	size_t used = 0;
	return n && zt_date_scan(s, n, d, &used, NULL) == ZT_OK;
}

enum { ST_FIELDS, ST_LINKS, ST_BODY, ST_COMMENT };

static int cmp_line(const void *a, const void *b)
{
	const zt_line *x = *(const zt_line *const *)a, *y = *(const zt_line *const *)b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

/* Lines to drop from a PDF's bodies: short non-field lines that occur
 * three or more times (running headers) and bare page numbers.  NULL when
 * out of memory (then nothing is dropped). */
static unsigned char *running_lines(const zt_line *L, size_t n)
{
	unsigned char *skip = calloc(n + 1, 1);
	const zt_line **v = malloc((n + 1) * sizeof *v);
	if (!skip || !v) {
		free(skip);
		free(v);
		return NULL;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		if (L[i].len && zt_scan_uint(L[i].s, L[i].len, &j) >= 0 && j == L[i].len)
			skip[i] = 1;
		else if (L[i].len && L[i].len <= 60 && !is_url_line(&L[i]))
			v[k++] = &L[i];
	}
	qsort(v, k, sizeof *v, cmp_line);
	for (size_t a = 0; a < k;) {
		size_t b = a + 1;
		while (b < k && cmp_line(&v[a], &v[b]) == 0)
			b++;
		const zt_line *l = v[a];
		/* "摘要：", "链接：" and the like are structure, not running text */
		int field = zt_u8_before(l->s, l->len) == 0xFF1A || zt_u8_before(l->s, l->len) == ':';
		if (b - a >= 3 && !field && !is_comment_heading(l) && !is_date_field(l))
			for (size_t c = a; c < b; c++)
				skip[v[c] - L] = 1;
		a = b;
	}
	free(v);
	return skip;
}

/* Build one item from lines [first, end): `first` is the header line,
 * `dline` its 发布日期 line. */
static zt_status build_item(zt_doc *doc, const zt_line *L, size_t first, size_t dline, size_t end,
                            zt_section sec, const char *sec_label, size_t sec_len, int pdf,
                            const unsigned char *skip)
{
	zt_item *it = zt_doc_add_item(doc);
	if (!it)
		return ZT_ERR_NOMEM;
	zt_status st = ZT_OK;
	const char *t;
	size_t tl;
	it->printed_number = numbered(&L[first], &t, &tl);
	it->section = sec;
	it->kind = ZT_ITEM_NEWS;
	if (sec_label && !(it->section_label = zt_tidy(sec_label, sec_len)))
		return ZT_ERR_NOMEM;

	zt_buf title = { 0 }, body = { 0 }, comment = { 0 };
	zt_line tline = { t, tl, 0 };
	para_add(&title, &tline);
	for (size_t j = first + 1; j < dline; j++)
		if (L[j].len && !is_url_line(&L[j])) {
			/* Title continuations join without a paragraph break. */
			size_t adv;
			size_t p = title.len ? zt_u8_prev(title.s, title.len) : 0;
			uint32_t last = title.len ? zt_u8_at(title.s, title.len, p, &adv) : 0;
			uint32_t firstc = zt_u8_at(L[j].s, L[j].len, 0, &adv);
			if (zt_is_latin_word(last) && zt_is_latin_word(firstc))
				zt_buf_addc(&title, ' ');
			zt_buf_add(&title, L[j].s, L[j].len);
		}

	int state = ST_FIELDS;
	int link_open = 0;     /* the last link may continue on the next line */
	int links_done = 0;    /* the 链接 block ended: later URL groups are the PDF's stray blocks */
	for (size_t j = dline; j < end; j++) {
		const zt_line *l = &L[j];
		if (l->len == 0) {
			if (state == ST_LINKS && it->nlinks)
				links_done = 1;
			link_open = 0;
			continue;
		}
		if (skip && skip[j])
			continue;
		if (is_date_field(l)) {
			const char *v;
			size_t vn;
			field_value(l, &v, &vn);
			if (!vn && j + 1 < end && L[j + 1].len) {
				v = L[j + 1].s;
				vn = L[j + 1].len;
			}
			if (parse_date_value(v, vn, &it->date))
				it->has_date = 1;
			else
				zt_doc_warn(doc, "item %u: cannot read the date '%.*s'", it->number, (int)vn, v);
			state = ST_FIELDS;
			continue;
		}
		if (state != ST_BODY && state != ST_COMMENT && line_starts(l, "来源")) {
			const char *v;
			size_t vn;
			field_value(l, &v, &vn);
			free(it->source);       /* a second 来源 line replaces the first */
			it->source = NULL;
			if (vn && !(it->source = zt_tidy(v, vn)))
				st = ZT_ERR_NOMEM;
			continue;
		}
		if (state != ST_BODY && state != ST_COMMENT && line_starts(l, "链接")) {
			const char *v;
			size_t vn;
			field_value(l, &v, &vn);
			state = ST_LINKS;
			if (vn) {
				strip_bullet(&v, &vn);
				if (is_url_text(v, vn)) {
					zt_item_add_link(it, v, vn);
					link_open = 1;
				}
			}
			continue;
		}
		if (state != ST_COMMENT && (line_starts(l, "摘要") || line_starts(l, "内容摘要") ||
		                            line_starts(l, "简介"))) {
			const char *v;
			size_t vn;
			field_value(l, &v, &vn);
			state = ST_BODY;
			if (vn) {
				zt_line vl = { v, vn, l->off };
				para_add(&body, &vl);
			}
			continue;
		}
		if (state == ST_LINKS || state == ST_FIELDS) {
			const char *v = l->s;
			size_t vn = l->len;
			strip_bullet(&v, &vn);
			if (is_url_text(v, vn)) {
				if (state == ST_LINKS && !links_done && zt_item_add_link(it, v, vn))
					st = ZT_ERR_NOMEM;
				link_open = state == ST_LINKS && !links_done;
			} else if (link_open && it->nlinks && is_url_fragment(v, vn)) {
				/* A URL broken across lines by the PDF extraction. */
				char *last = it->links[it->nlinks - 1];
				size_t ln = strlen(last);
				char *nl = realloc(last, ln + vn + 1);
				if (!nl)
					return ZT_ERR_NOMEM;
				memcpy(nl + ln, v, vn);
				nl[ln + vn] = 0;
				it->links[it->nlinks - 1] = nl;
			} else if (vn && !is_url_fragment(v, vn)) {
				/* A citation instead of a URL ("Andersen v. Stability AI …"): keep it as text. */
				zt_line vl = { v, vn, l->off };
				para_add(&body, &vl);
				link_open = 0;
			}
			continue;
		}
		/* Body or commentary. */
		if (is_url_line(l) || (pdf && is_url_fragment(l->s, l->len) && l->len > 12))
			continue;   /* the PDF's repeated link blocks */
		if (is_comment_heading(l)) {
			state = ST_COMMENT;
			continue;
		}
		para_add(state == ST_COMMENT ? &comment : &body, l);
	}
	if (title.failed || body.failed || comment.failed)
		st = ZT_ERR_NOMEM;
	if (st == ZT_OK) {
		char *tt = zt_squash(title.s ? title.s : "", title.len);
		if (!tt)
			st = ZT_ERR_NOMEM;
		else
			st = zt_item_set_text(it, tt, strlen(tt), body.s, body.len, comment.s, comment.len);
		free(tt);
	}
	zt_buf_free(&title);
	zt_buf_free(&body);
	zt_buf_free(&comment);
	return st;
}

/* The period in the header: "(2024.5.1-2024.5.31)" gives its last day;
 * a short line "2024 年 5 月" gives the end of that month. */
static int header_period(const zt_line *L, size_t n, zt_date *out)
{
	int month_found = 0;
	zt_date month = { 0 };
	for (size_t i = 0; i < n && i < 60; i++) {
		const zt_line *l = &L[i];
		if (item_header(L, n, i))
			break;
		/* a range: find the second date after a dash */
		for (size_t k = 0; k < l->len; k++) {
			unsigned char c = (unsigned char)l->s[k];
			if (c == '-' || c == '~' || zt_starts(l->s, l->len, k, "至") || zt_starts(l->s, l->len, k, "—") ||
			    zt_starts(l->s, l->len, k, "–")) {
				size_t adv;
				zt_u8_at(l->s, l->len, k, &adv);
				size_t a = zt_skip_space(l->s, l->len, k + adv);
				zt_date d;
				size_t used;
				if (a < l->len && zt_date_scan(l->s + a, l->len - a, &d, &used, NULL) == ZT_OK &&
				    d.prec == ZT_PREC_DAY && used >= 8) {
					/* make sure something date-like precedes the dash */
					zt_date d0;
					size_t b = k;
					while (b > 0 && (zt_is_latin_word((unsigned char)l->s[b - 1]) || l->s[b - 1] == '.'))
						b--;
					if (zt_date_scan(l->s + b, k - b, &d0, &used, NULL) == ZT_OK) {
						*out = d;
						return 1;
					}
				}
			}
		}
		if (!month_found && l->len <= 24) {
			zt_date d;
			size_t used;
			if (zt_date_scan(l->s, l->len, &d, &used, NULL) == ZT_OK && used == l->len &&
			    d.prec == ZT_PREC_MONTH) {
				month = d;
				month_found = 1;
			}
		}
	}
	if (month_found) {
		*out = month;
		return 1;
	}
	return 0;
}

zt_status zt_read_monthly(const char *text, size_t len, int pdf, zt_doc **out)
{
	zt_line *L;
	size_t n;
	zt_doc *doc;
	zt_status st = zt_reader_open(text, len, pdf ? ZT_LAYOUT_MONTHLY_PDF : ZT_LAYOUT_MONTHLY, &L, &n, &doc);
	if (st)
		return st;
	size_t *hdr = calloc(n + 1, sizeof *hdr);   /* hdr[i] = 发布日期 line of item at i, else 0 */
	if (!hdr) {
		free(L);
		free(hdr);
		zt_doc_free(doc);
		return ZT_ERR_NOMEM;
	}

	/* PDF running headers and page numbers: short lines repeated on many
	 * pages, and lines that are only a number. */
	unsigned char *skip = pdf ? running_lines(L, n) : NULL;

	/* Pass 1: where items, sections and the footer are. */
	size_t footer = n;
	for (size_t i = 0; i < n; i++) {
		if (is_footer(&L[i])) {
			footer = i;
			break;
		}
		hdr[i] = item_header(L, n, i);
		if (hdr[i])
			i = hdr[i] - 1;   /* skip the title continuation lines */
	}

	/* Pass 2: items, each up to the next item, section heading or footer. */
	zt_section sec = ZT_SEC_NONE;
	const char *sec_label = NULL;
	size_t sec_len = 0;
	for (size_t i = 0; i < footer && st == ZT_OK; i++) {
		const char *lab;
		size_t ll;
		if (!hdr[i] && heading_shape(&L[i], &lab, &ll)) {
			/* A section heading is followed by an item; an item's own
			 * sub-headings ("一、着力支持…") are not. */
			size_t j = i + 1;
			while (j < footer && L[j].len == 0)
				j++;
			if (j < footer && hdr[j]) {
				sec = classify_section(lab, ll);
				sec_label = lab;
				sec_len = ll;
			}
			continue;
		}
		if (!hdr[i])
			continue;
		size_t end = hdr[i] + 1;
		while (end < footer && !hdr[end]) {
			if (heading_shape(&L[end], &lab, &ll)) {
				size_t j = end + 1;
				while (j < footer && L[j].len == 0)
					j++;
				if (j < footer && hdr[j])
					break;
			}
			end++;
		}
		st = build_item(doc, L, i, hdr[i], end, sec, sec_label, sec_len, pdf, skip);
		i = end - 1;
	}

	if (st == ZT_OK) {
		zt_date d;
		if (header_period(L, n, &d)) {
			if (d.prec == ZT_PREC_MONTH)
				zt_date_make(d.year, d.month, zt_days_in_month(d.year, d.month), &d, NULL);
			doc->published = d;
			doc->has_published = 1;
		} else {
			for (size_t k = 0; k < doc->nitems; k++) {
				zt_item *it = &doc->items[k];
				if (it->has_date && (!doc->has_published || it->date.span.to > doc->published.span.to)) {
					doc->published = it->date;
					doc->has_published = 1;
				}
			}
			if (!doc->has_published && zt_latest_date(text, len, &d)) {
				doc->published = d;
				doc->has_published = 1;
			}
		}
	}
	free(L);
	free(hdr);
	free(skip);
	if (st) {
		zt_doc_free(doc);
		return st;
	}
	*out = doc;
	return ZT_OK;
}
