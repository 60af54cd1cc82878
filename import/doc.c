/* doc.c — the importer's document model (see doc.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"

const char *zt_layout_name(zt_layout l)
{
	switch (l) {
	case ZT_LAYOUT_MONTHLY: return "monthly";
	case ZT_LAYOUT_MONTHLY_PDF: return "monthly-pdf";
	case ZT_LAYOUT_DIGEST: return "digest";
	case ZT_LAYOUT_REPORT: return "report";
	case ZT_LAYOUT_GENERIC: return "generic";
	default: return "unknown";
	}
}

zt_doc *zt_doc_new(zt_layout layout)
{
	zt_doc *d = calloc(1, sizeof *d);
	if (d)
		d->layout = layout;
	return d;
}

static void row_free(zt_funding_row *r)
{
	if (!r)
		return;
	free(r->company);
	free(r->date);
	free(r->round);
	free(r->amount);
	free(r->investors);
	free(r);
}

void zt_doc_free(zt_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nitems; i++) {
		zt_item *it = &d->items[i];
		free(it->section_label);
		free(it->text);
		free(it->source);
		for (size_t k = 0; k < it->nlinks; k++)
			free(it->links[k]);
		free(it->links);
		row_free(it->row);
		free(it->context);
	}
	free(d->items);
	for (size_t i = 0; i < d->nwarnings; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d->title);
	free(d->url);
	free(d);
}

zt_item *zt_doc_add_item(zt_doc *d)
{
	if (d->nitems == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		zt_item *n = realloc(d->items, cap * sizeof *n);
		if (!n)
			return NULL;
		d->items = n;
		d->cap = cap;
	}
	zt_item *it = &d->items[d->nitems++];
	memset(it, 0, sizeof *it);
	it->number = (uint32_t)d->nitems;
	return it;
}

/* n cut to at most max bytes, on a UTF-8 character boundary. */
static size_t cut(const char *s, size_t n, size_t max, int *truncated)
{
	if (n <= max)
		return n;
	*truncated = 1;
	while (max > 0 && (((unsigned char)s[max]) & 0xC0) == 0x80)
		max--;
	return max;
}

zt_status zt_item_set_text(zt_item *it, const char *title, size_t tlen,
                           const char *body, size_t blen,
                           const char *comment, size_t clen)
{
	zt_buf b = { 0 };
	if (title)
		tlen = cut(title, tlen, 4096, &it->truncated);
	if (body)
		blen = cut(body, blen, ZT_ITEM_BODY_MAX, &it->truncated);
	if (comment)
		clen = cut(comment, clen, ZT_ITEM_BODY_MAX, &it->truncated);
	if (title)
		zt_buf_add(&b, title, tlen);
	it->title_len = b.len;
	zt_buf_addc(&b, '\n');
	it->body_off = b.len;
	if (body)
		zt_buf_add(&b, body, blen);
	it->body_len = b.len - it->body_off;
	zt_buf_addc(&b, '\n');
	it->comment_off = b.len;
	if (comment)
		zt_buf_add(&b, comment, clen);
	it->comment_len = b.len - it->comment_off;
	char *s = zt_buf_take(&b);
	if (!s)
		return ZT_ERR_NOMEM;
	free(it->text);
	it->text = s;
	return ZT_OK;
}

zt_status zt_item_add_link(zt_item *it, const char *url, size_t len)
{
	char **n = realloc(it->links, (it->nlinks + 1) * sizeof *n);
	if (!n)
		return ZT_ERR_NOMEM;
	it->links = n;
	char *s = malloc(len + 1);
	if (!s)
		return ZT_ERR_NOMEM;
	memcpy(s, url, len);
	s[len] = 0;
	it->links[it->nlinks++] = s;
	return ZT_OK;
}

zt_status zt_doc_warn(zt_doc *d, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	char **n = realloc(d->warnings, (d->nwarnings + 1) * sizeof *n);
	if (!n)
		return ZT_ERR_NOMEM;
	d->warnings = n;
	if (!(d->warnings[d->nwarnings] = strdup(tmp)))
		return ZT_ERR_NOMEM;
	d->nwarnings++;
	return ZT_OK;
}

static const char *section_name(zt_section s)
{
	switch (s) {
	case ZT_SEC_LEGAL: return "legal";
	case ZT_SEC_INDUSTRY: return "industry";
	case ZT_SEC_FUNDING: return "funding";
	case ZT_SEC_OPINION: return "opinion";
	case ZT_SEC_OTHER: return "other";
	default: return "-";
	}
}

char *zt_doc_dump(const zt_doc *d)
{
	zt_buf b = { 0 };
	char day[16];
	zt_buf_printf(&b, "layout %s\n", zt_layout_name(d->layout));
	if (d->has_published) {
		zt_date_format(&d->published, day);
		zt_buf_printf(&b, "published %s\n", day);
	}
	if (d->url)
		zt_buf_printf(&b, "url %s\n", d->url);
	for (size_t i = 0; i < d->nitems; i++) {
		const zt_item *it = &d->items[i];
		zt_buf_printf(&b, "item %u #%d %s", it->number, it->printed_number, section_name(it->section));
		if (it->has_date) {
			zt_date_format(&it->date, day);
			zt_buf_printf(&b, " %s", day);
		}
		zt_buf_adds(&b, "\n  title: ");
		zt_buf_add(&b, it->text, it->title_len);
		if (it->source)
			zt_buf_printf(&b, "\n  source: %s", it->source);
		for (size_t k = 0; k < it->nlinks; k++)
			zt_buf_printf(&b, "\n  link: %s", it->links[k]);
		if (it->row)
			zt_buf_printf(&b, "\n  row: %s | %s | %s | %s | %s", it->row->company, it->row->date,
			              it->row->round, it->row->amount, it->row->investors);
		zt_buf_adds(&b, "\n  body: ");
		zt_buf_add(&b, it->text + it->body_off, it->body_len);
		if (it->comment_len) {
			zt_buf_adds(&b, "\n  comment: ");
			zt_buf_add(&b, it->text + it->comment_off, it->comment_len);
		}
		zt_buf_addc(&b, '\n');
	}
	for (size_t i = 0; i < d->nwarnings; i++)
		zt_buf_printf(&b, "warning %s\n", d->warnings[i]);
	return zt_buf_take(&b);
}
