/* read_report.c — long markdown reports and anything else.
 *
 * Reports: headings give context (the company a funding table belongs to
 * is the nearest heading that is a name, not "融资历史 & 核心团队");
 * funding-history tables (a header row naming date, round, amount and
 * investors; cells separated by tabs or '|') become one
 * ZT_ITEM_FUNDING_ROW item per row; bullets and paragraphs become
 * ZT_ITEM_PROSE items carrying their heading as context.  The cover's
 * date ("2023年11月", or a year alone) is the publication period.
 *
 * Generic text: one ZT_ITEM_PROSE item per paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "text.h"

static int heading_level(const zt_line *l, const char **t, size_t *tn)
{
	size_t k = 0;
	while (k < l->len && l->s[k] == '#')
		k++;
	if (k == 0 || k > 6 || k >= l->len || l->s[k] != ' ')
		return 0;
	*t = l->s + k + 1;
	*tn = l->len - k - 1;
	while (*tn && (*t)[0] == ' ') {
		(*t)++;
		(*tn)--;
	}
	return (int)k;
}

/* Headings that describe a part rather than name a subject. */
static int generic_heading(const char *s, size_t n)
{
	static const char *const w[] = { "历史", "团队", "融资", "投资", "核心", "章", "目录", "概要", "简介",
		"介绍", "背景", "总结", "展望", "附录", "附件", "参考", "前言", "摘要", "关于" };
	for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
		if (zt_find(s, 0, n, w[k]) != (size_t)-1)
			return 1;
	return n == 0 || n > 60;
}

/* Split a table row into cells (tabs, or '|' for markdown tables). */
static size_t cells(const zt_line *l, const char **c, size_t *cn, size_t max)
{
	char sep = memchr(l->s, '\t', l->len) ? '\t' : '|';
	if (sep == '|' && !memchr(l->s, '|', l->len))
		return 0;
	size_t k = 0, a = 0;
	const char *s = l->s;
	size_t n = l->len;
	if (sep == '|' && n && s[0] == '|') {
		s++;
		n--;
	}
	if (sep == '|' && n && s[n - 1] == '|')
		n--;
	for (size_t i = 0; i <= n && k < max; i++) {
		if (i == n || s[i] == sep) {
			size_t b = i;
			size_t x = a;
			while (x < b && s[x] == ' ')
				x++;
			while (b > x && s[b - 1] == ' ')
				b--;
			c[k] = s + x;
			cn[k] = b - x;
			k++;
			a = i + 1;
		}
	}
	return k;
}

static int cell_has(const char *c, size_t n, const char *a, const char *b)
{
	return zt_find(c, 0, n, a) != (size_t)-1 || (b && zt_find(c, 0, n, b) != (size_t)-1);
}

typedef struct { int date, round, amount, investors; } table_cols;

static int funding_header(const zt_line *l, table_cols *tc)
{
	const char *c[16];
	size_t cn[16];
	size_t k = cells(l, c, cn, 16);
	if (k < 3)
		return 0;
	tc->date = tc->round = tc->amount = tc->investors = -1;
	for (size_t i = 0; i < k; i++) {
		if (tc->date < 0 && cell_has(c[i], cn[i], "日期", "时间"))
			tc->date = (int)i;
		else if (tc->round < 0 && cell_has(c[i], cn[i], "轮次", "Round"))
			tc->round = (int)i;
		else if (tc->amount < 0 && cell_has(c[i], cn[i], "金额", "Amount"))
			tc->amount = (int)i;
		else if (tc->investors < 0 && cell_has(c[i], cn[i], "投资", "Investor"))
			tc->investors = (int)i;
	}
	return tc->date >= 0 && tc->amount >= 0 && (tc->round >= 0 || tc->investors >= 0);
}

static char *cell_dup(const char **c, const size_t *cn, size_t k, int col)
{
	if (col < 0 || (size_t)col >= k)
		return strdup("");
	/* markdown escapes: "\$350M" */
	zt_buf b = { 0 };
	for (size_t i = 0; i < cn[col]; i++)
		if (!(c[col][i] == '\\' && i + 1 < cn[col]))
			zt_buf_addc(&b, c[col][i]);
	char *raw = zt_buf_take(&b);
	if (!raw)
		return NULL;
	char *t = zt_tidy(raw, strlen(raw));
	free(raw);
	return t;
}

static zt_status add_prose(zt_doc *doc, const char *s, size_t n, const char *ctx)
{
	zt_item *it = zt_doc_add_item(doc);
	if (!it)
		return ZT_ERR_NOMEM;
	it->kind = ZT_ITEM_PROSE;
	/* The title of a prose item is its first sentence (or all of it). */
	size_t t = 0, adv;
	while (t < n) {
		uint32_t c = zt_u8_at(s, n, t, &adv);
		t += adv;
		if (zt_is_sentence_end(c))
			break;
	}
	zt_status st = zt_item_set_text(it, s, t, s + t, n - t, NULL, 0);
	if (st == ZT_OK && ctx && !(it->context = strdup(ctx)))
		st = ZT_ERR_NOMEM;
	return st;
}

/* Strip markdown emphasis and list markers from a prose line. */
static char *plain(const char *s, size_t n)
{
	zt_buf b = { 0 };
	size_t i = 0;
	while (i < n && (s[i] == '-' || s[i] == '*' || s[i] == '>' || s[i] == ' '))
		i++;
	for (; i < n; i++) {
		if (s[i] == '*' || (s[i] == '\\' && i + 1 < n))
			continue;
		zt_buf_addc(&b, s[i]);
	}
	char *raw = zt_buf_take(&b);
	if (!raw)
		return NULL;
	char *t = zt_tidy(raw, strlen(raw));
	free(raw);
	return t;
}

static void cover_date(const zt_line *L, size_t n, zt_doc *doc)
{
	for (size_t i = 0; i < n && i < 40; i++) {
		zt_date d;
		size_t used;
		if (L[i].len && L[i].len <= 24 && zt_date_scan(L[i].s, L[i].len, &d, &used, NULL) == ZT_OK &&
		    used == L[i].len) {
			doc->published = d;
			doc->has_published = 1;
			return;
		}
	}
}

zt_status zt_read_report(const char *text, size_t len, zt_doc **out)
{
	zt_line *L;
	size_t n;
	zt_doc *doc;
	zt_status st = zt_reader_open(text, len, ZT_LAYOUT_REPORT, &L, &n, &doc);
	if (st)
		return st;
	/* headings[level] = text of the current heading at that level */
	char *heads[7] = { 0 };
	for (size_t i = 0; i < n && st == ZT_OK; i++) {
		const zt_line *l = &L[i];
		const char *t;
		size_t tn;
		int lv;
		table_cols tc;
		if (l->len == 0)
			continue;
		if ((lv = heading_level(l, &t, &tn))) {
			for (int k = lv; k < 7; k++) {
				free(heads[k]);
				heads[k] = NULL;
			}
			heads[lv] = plain(t, tn);
			continue;
		}
		/* the nearest heading that names something */
		const char *ctx = NULL;
		for (int k = 6; k >= 1; k--)
			if (heads[k] && !generic_heading(heads[k], strlen(heads[k]))) {
				ctx = heads[k];
				break;
			}
		if (funding_header(l, &tc)) {
			size_t j = i + 1;
			for (; j < n && L[j].len && st == ZT_OK; j++) {
				const char *c[16];
				size_t cn[16];
				size_t k = cells(&L[j], c, cn, 16);
				if (k < 3)
					break;
				if (cn[0] && c[0][0] == '-' && (cn[0] == 1 || c[0][1] == '-' || c[0][1] == ':'))
					continue;   /* markdown separator row */
				zt_item *it = zt_doc_add_item(doc);
				zt_funding_row *r = calloc(1, sizeof *r);
				if (!it || !r) {
					free(r);
					st = ZT_ERR_NOMEM;
					break;
				}
				it->kind = ZT_ITEM_FUNDING_ROW;
				it->section = ZT_SEC_FUNDING;
				it->row = r;
				r->company = strdup(ctx ? ctx : "");
				r->date = cell_dup(c, cn, k, tc.date);
				r->round = cell_dup(c, cn, k, tc.round);
				r->amount = cell_dup(c, cn, k, tc.amount);
				r->investors = cell_dup(c, cn, k, tc.investors);
				if (!r->company || !r->date || !r->round || !r->amount || !r->investors) {
					st = ZT_ERR_NOMEM;
					break;
				}
				zt_buf b = { 0 };
				zt_buf_printf(&b, "%s %s%s融资 %s", r->company, r->round, *r->round ? " 轮" : "", r->amount);
				char *title = zt_buf_take(&b);
				if (!title) {
					st = ZT_ERR_NOMEM;
					break;
				}
				zt_buf body = { 0 };
				zt_buf_printf(&body, "%s，%s 完成 %s %s 轮融资，投资机构：%s。", r->date, r->company,
				              r->amount, r->round, r->investors);
				char *bs = zt_buf_take(&body);
				st = bs ? zt_item_set_text(it, title, strlen(title), bs, strlen(bs), NULL, 0) : ZT_ERR_NOMEM;
				free(bs);
				free(title);
				if (st == ZT_OK && ctx && !(it->context = strdup(ctx)))
					st = ZT_ERR_NOMEM;
			}
			i = j - 1;
			continue;
		}
		char *p = plain(l->s, l->len);
		if (!p) {
			st = ZT_ERR_NOMEM;
			break;
		}
		if (*p)
			st = add_prose(doc, p, strlen(p), ctx);
		free(p);
	}
	for (int k = 0; k < 7; k++)
		free(heads[k]);
	if (st == ZT_OK) {
		cover_date(L, n, doc);
		if (doc->has_published && doc->published.prec != ZT_PREC_DAY) {
			int32_t end = doc->published.span.to;
			int y, m, d;
			zt_civil_from_days(end, &y, &m, &d);
			zt_date_make(y, m, d, &doc->published, NULL);
		}
		zt_date d;
		if (!doc->has_published && zt_latest_date(text, len, &d)) {
			doc->published = d;
			doc->has_published = 1;
		}
	}
	free(L);
	if (st) {
		zt_doc_free(doc);
		return st;
	}
	*out = doc;
	return ZT_OK;
}

zt_status zt_read_generic(const char *text, size_t len, zt_doc **out)
{
	zt_line *L;
	size_t n;
	zt_doc *doc;
	zt_status st = zt_reader_open(text, len, ZT_LAYOUT_GENERIC, &L, &n, &doc);
	if (st)
		return st;
	zt_buf para = { 0 };
	for (size_t i = 0; i <= n && st == ZT_OK; i++) {
		if (i == n || L[i].len == 0) {
			if (para.len)
				st = add_prose(doc, para.s, para.len, NULL);
			para.len = 0;
			continue;
		}
		if (para.len > 2 * ZT_ITEM_BODY_MAX)
			continue;   /* the item keeps no more than this anyway */
		if (para.len) {
			size_t adv;
			uint32_t last = zt_u8_before(para.s, para.len);
			uint32_t first = zt_u8_at(L[i].s, L[i].len, 0, &adv);
			if (zt_is_latin_word(last) && zt_is_latin_word(first))
				zt_buf_addc(&para, ' ');
		}
		zt_buf_add(&para, L[i].s, L[i].len);
		if (para.failed)
			st = ZT_ERR_NOMEM;
	}
	zt_buf_free(&para);
	if (st == ZT_OK) {
		zt_date d;
		if (zt_latest_date(text, len, &d)) {
			doc->published = d;
			doc->has_published = 1;
		}
	}
	free(L);
	if (st) {
		zt_doc_free(doc);
		return st;
	}
	*out = doc;
	return ZT_OK;
}
