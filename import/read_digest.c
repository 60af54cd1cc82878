/* read_digest.c — the digest record: fields 标题 / 链接 / 总结 (and others
 * that are ignored), where the 总结 runs many stories together in one
 * paragraph.
 *
 * Splitting the stories: numbered category markers ("01、融资") open
 * sections; inside a section each story is a headline followed, without
 * any punctuation in between, by the start of its text — either a
 * "据 X 报道/消息/显示" attribution or a lead date ("7 月 19 日，").  So a
 * story boundary is such an attribution or date that directly follows
 * text (not punctuation or a space) which itself began after the last
 * full stop: that text is the next story's headline.  The summary before
 * the first category marker is a teaser that repeats later stories and
 * is skipped when markers exist.  The publisher's trailer ("本文为…") is
 * not news; its timestamp dates the record.
 */
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "text.h"

/* Category labels seen after the numbered markers, longest first; an
 * unknown label is taken as the two characters after the marker. */
static const struct { const char *w; zt_section s; } categories[] = {
	{ "大模型", ZT_SEC_INDUSTRY }, { "融资", ZT_SEC_FUNDING }, { "投资", ZT_SEC_FUNDING },
	{ "投融资", ZT_SEC_FUNDING }, { "创业", ZT_SEC_INDUSTRY }, { "应用", ZT_SEC_INDUSTRY },
	{ "产品", ZT_SEC_INDUSTRY }, { "技术", ZT_SEC_INDUSTRY }, { "行业", ZT_SEC_INDUSTRY },
	{ "芯片", ZT_SEC_INDUSTRY }, { "算力", ZT_SEC_INDUSTRY }, { "公司", ZT_SEC_INDUSTRY },
	{ "政策", ZT_SEC_LEGAL }, { "监管", ZT_SEC_LEGAL }, { "法律", ZT_SEC_LEGAL },
	{ "观点", ZT_SEC_OPINION }, { "研报", ZT_SEC_OPINION }, { "报告", ZT_SEC_OPINION },
	{ "人物", ZT_SEC_OTHER }, { "其他", ZT_SEC_OTHER },
};

static int field_line(const zt_line *l, const char *name, const char **v, size_t *vn)
{
	size_t n = strlen(name);
	if (l->len < n || memcmp(l->s, name, n) != 0)
		return 0;
	size_t i = n, adv;
	i = zt_skip_space(l->s, l->len, i);
	if (i >= l->len) {
		*v = l->s + i;
		*vn = 0;
		return 1;
	}
	uint32_t c = zt_u8_at(l->s, l->len, i, &adv);
	if (c != ':' && c != 0xFF1A)
		return 0;
	i = zt_skip_space(l->s, l->len, i + adv);
	*v = l->s + i;
	*vn = l->len - i;
	return 1;
}

/* Any "名称:" field line (ends the 总结). */
static int any_field(const zt_line *l)
{
	size_t i = 0, adv;
	int k = 0;
	while (i < l->len && k <= 8) {
		uint32_t c = zt_u8_at(l->s, l->len, i, &adv);
		if (c == ':' || c == 0xFF1A)
			return k >= 2;
		if (zt_is_punct(c) || zt_is_space(c))
			return 0;
		i += adv;
		k++;
	}
	return 0;
}

/* "01、" at i: returns the offset after the category label, or 0. */
static size_t category_marker(const char *s, size_t n, size_t i, zt_section *sec, size_t *lab, size_t *labn)
{
	if (i + 5 > n || !(s[i] >= '0' && s[i] <= '9') || !(s[i + 1] >= '0' && s[i + 1] <= '9'))
		return 0;
	if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		return 0;
	if (!zt_starts(s, n, i + 2, "、"))
		return 0;
	size_t j = i + 5;
	for (size_t k = 0; k < sizeof categories / sizeof categories[0]; k++)
		if (zt_starts(s, n, j, categories[k].w)) {
			*sec = categories[k].s;
			*lab = j;
			*labn = strlen(categories[k].w);
			return j + *labn;
		}
	/* Unknown label: two ideographs. */
	size_t adv, e = j;
	for (int k = 0; k < 2 && e < n; k++) {
		uint32_t c = zt_u8_at(s, n, e, &adv);
		if (!zt_is_cjk(c))
			return 0;
		e += adv;
	}
	*sec = ZT_SEC_OTHER;
	*lab = j;
	*labn = e - j;
	return e;
}

/* Characters that, right before 据 or a date, mean it is inside a
 * sentence (根据, 数据, 于 7 月…) rather than after a headline. */
static int glue_before(uint32_t c)
{
	static const uint32_t g[] = { 0x6839 /*根*/, 0x4F9D /*依*/, 0x6570 /*数*/, 0x8BC1 /*证*/,
		0x5360 /*占*/, 0x51ED /*凭*/, 0x5355 /*单*/, 0x7968 /*票*/, 0x6536 /*收*/, 0x8BBA /*论*/,
		0x4E8E /*于*/, 0x5728 /*在*/, 0x81F3 /*至*/, 0x5230 /*到*/, 0x4ECE /*从*/, 0x622A /*截*/,
		0x7531 /*由*/, 0x81EA /*自*/, 0x548C /*和*/, 0x4E0E /*与*/, 0x53CA /*及*/, 0x5E74 /*年*/,
		0x6708 /*月*/, 0x65E5 /*日*/, 0x7B49 /*等*/, 0x662F /*是*/, 0x4E3A /*为*/ };
	for (size_t k = 0; k < sizeof g / sizeof g[0]; k++)
		if (c == g[k])
			return 1;
	return 0;
}

/* "据 … 报道/消息/…，" at i. */
static int attribution(const char *s, size_t n, size_t i)
{
	if (!zt_starts(s, n, i, "据"))
		return 0;
	static const char *const verbs[] = { "报道", "消息", "显示", "援引", "发布", "介绍", "透露", "获悉",
		"了解", "统计", "称", "官网", "公告" };
	size_t lim = i + 90 < n ? i + 90 : n;
	size_t comma = zt_find(s, i, lim, "，");
	if (comma == (size_t)-1)
		comma = lim;
	for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
		if (zt_find(s, i + 3, comma, verbs[k]) != (size_t)-1)
			return 1;
	return 0;
}

/* A lead date "7 月 19 日，" (or "7月19日晚，") at i. */
static int lead_date(const char *s, size_t n, size_t i)
{
	size_t j = i;
	long m = zt_scan_uint(s, n, &j);
	if (m < 1 || m > 12)
		return 0;
	j = zt_skip_space(s, n, j);
	if (!zt_starts(s, n, j, "月"))
		return 0;
	j = zt_skip_space(s, n, j + 3);
	long d = zt_scan_uint(s, n, &j);
	if (d < 1 || d > 31)
		return 0;
	j = zt_skip_space(s, n, j);
	if (!zt_starts(s, n, j, "日") && !zt_starts(s, n, j, "号"))
		return 0;
	j += 3;
	static const char *const tails[] = { "", "晚", "晚间", "早间", "上午", "下午", "消息" };
	for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
		size_t e = j + strlen(tails[k]);
		if (zt_starts(s, n, j, tails[k]) && (zt_starts(s, n, e, "，") || zt_starts(s, n, e, ",")))
			return 1;
	}
	return 0;
}

static zt_status add_story(zt_doc *doc, const char *s, size_t hs, size_t he, size_t be,
                           zt_section sec, const char *lab, size_t labn, const char *url)
{
	char *title = zt_squash(s + hs, he - hs);
	if (!title)
		return ZT_ERR_NOMEM;
	zt_item *it = zt_doc_add_item(doc);
	if (!it) {
		free(title);
		return ZT_ERR_NOMEM;
	}
	it->kind = ZT_ITEM_NEWS;
	it->section = sec;
	zt_status st = zt_item_set_text(it, title, strlen(title), s + he, be - he, NULL, 0);
	free(title);
	if (st == ZT_OK && lab && !(it->section_label = zt_tidy(lab, labn)))
		st = ZT_ERR_NOMEM;
	if (st == ZT_OK && url)
		st = zt_item_add_link(it, url, strlen(url));
	return st;
}

/* Split one section's text [a, b) into stories. */
static zt_status split_section(zt_doc *doc, const char *s, size_t a, size_t b, zt_section sec,
                               const char *lab, size_t labn, const char *url)
{
	size_t head = a;            /* start of the current story's headline */
	size_t head_end = (size_t)-1; /* where its text starts (the attribution) */
	size_t sent = a;            /* start of the current sentence */
	size_t i = a, adv;
	zt_status st = ZT_OK;
	while (i < b && st == ZT_OK) {
		uint32_t c = zt_u8_at(s, b, i, &adv);
		if (zt_is_sentence_end(c)) {
			i += adv;
			/* closing quotes belong to the sentence */
			while (i < b) {
				uint32_t q = zt_u8_at(s, b, i, &adv);
				if (q != 0x201D && q != 0x2019 && q != 0x300D && q != 0x300F && q != 0xFF09 && q != ')')
					break;
				i += adv;
			}
			sent = i;
			continue;
		}
		if ((c == 0x636E /*据*/ && attribution(s, b, i)) || ((c >= '0' && c <= '9') && lead_date(s, b, i))) {
			uint32_t p = zt_u8_before(s, i);
			/* a headline may end in a closing quote or a percentage */
			int closes = p == 0x201D || p == 0x300D || p == 0x300F || p == '%' || p == 0xFF05;
			if (i - sent >= 12 && p && !zt_is_space(p) && (closes || !zt_is_punct(p)) && !glue_before(p) &&
			    (head_end == (size_t)-1 || sent > head_end)) {
				if (head_end != (size_t)-1)
					st = add_story(doc, s, head, head_end, sent, sec, lab, labn, url);
				head = sent;
				head_end = i;
			}
		}
		i += adv;
	}
	if (st == ZT_OK && head_end != (size_t)-1)
		st = add_story(doc, s, head, head_end, b, sec, lab, labn, url);
	return st;
}

/* Split a 总结 into sections and stories. */
static zt_status split_summary(zt_doc *doc, const char *s, size_t n, const char *url)
{
	/* The trailer is not news. */
	static const char *const trailers[] = { "本文为", "特别声明", "免责声明", "（责任编辑", "(责任编辑" };
	size_t end = n;
	for (size_t k = 0; k < sizeof trailers / sizeof trailers[0]; k++) {
		size_t p = zt_find(s, n / 2, n, trailers[k]);
		if (p != (size_t)-1 && p < end)
			end = p;
	}
	/* Category markers. */
	size_t first = (size_t)-1;
	for (size_t i = 0; i < end; i++) {
		zt_section sec;
		size_t lab, labn;
		if (category_marker(s, end, i, &sec, &lab, &labn)) {
			first = i;
			break;
		}
	}
	if (first == (size_t)-1)
		return split_section(doc, s, 0, end, ZT_SEC_NONE, NULL, 0, url);
	zt_status st = ZT_OK;
	size_t i = first;
	while (i < end && st == ZT_OK) {
		zt_section sec;
		size_t lab, labn;
		size_t body = category_marker(s, end, i, &sec, &lab, &labn);
		size_t j = body;
		while (j < end) {
			zt_section s2;
			size_t l2, n2;
			if (category_marker(s, end, j, &s2, &l2, &n2))
				break;
			j++;
		}
		st = split_section(doc, s, body, j, sec, s + lab, labn, url);
		i = j;
	}
	return st;
}

zt_status zt_read_digest(const char *text, size_t len, zt_doc **out)
{
	zt_line *L;
	size_t n;
	zt_doc *doc;
	zt_status st = zt_reader_open(text, len, ZT_LAYOUT_DIGEST, &L, &n, &doc);
	if (st)
		return st;
	char *url = NULL;
	for (size_t i = 0; i < n && st == ZT_OK; i++) {
		const char *v;
		size_t vn;
		if (field_line(&L[i], "标题", &v, &vn)) {
			if (!doc->title)
				doc->title = zt_tidy(v, vn);
			free(url);
			url = NULL;
		} else if (field_line(&L[i], "链接", &v, &vn)) {
			free(url);
			url = zt_tidy(v, vn);
			if (!doc->url && url)
				doc->url = strdup(url);
		} else if (field_line(&L[i], "总结", &v, &vn)) {
			zt_buf b = { 0 };
			zt_buf_add(&b, v, vn);
			size_t j = i + 1;
			for (; j < n && !any_field(&L[j]); j++)
				if (L[j].len) {
					zt_buf_addc(&b, '\n');
					zt_buf_add(&b, L[j].s, L[j].len);
				}
			if (b.failed)
				st = ZT_ERR_NOMEM;
			else if (b.len)
				st = split_summary(doc, b.s, b.len, url);
			zt_buf_free(&b);
			i = j - 1;
		}
	}
	free(url);
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
