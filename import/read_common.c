/* read_common.c — helpers shared by the readers (see readers.h). */
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "text.h"

zt_status zt_split_lines(const char *text, size_t len, zt_line **out, size_t *n)
{
	size_t cap = 256, k = 0;
	zt_line *v = malloc(cap * sizeof *v);
	if (!v)
		return ZT_ERR_NOMEM;
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		size_t a = i, b = e, adv;
		while (a < b && zt_is_space(zt_u8_at(text, b, a, &adv)))
			a += adv;
		while (b > a) {
			size_t p = zt_u8_prev(text, b);
			if (!zt_is_space(zt_u8_at(text, b, p, &adv)))
				break;
			b = p;
		}
		if (k == cap) {
			cap *= 2;
			zt_line *nv = realloc(v, cap * sizeof *nv);
			if (!nv) {
				free(v);
				return ZT_ERR_NOMEM;
			}
			v = nv;
		}
		v[k].s = text + a;
		v[k].len = b - a;
		v[k].off = i;
		k++;
		i = e + 1;
	}
	*out = v;
	*n = k;
	return ZT_OK;
}

int zt_latest_date(const char *text, size_t len, zt_date *out)
{
	int found = 0;
	size_t i = 0;
	while (i + 4 <= len) {
		/* A date starts with four digits not preceded by another digit. */
		if (text[i] >= '1' && text[i] <= '2' && (i == 0 || !(text[i - 1] >= '0' && text[i - 1] <= '9')) &&
		    text[i + 1] >= '0' && text[i + 1] <= '9' && text[i + 2] >= '0' && text[i + 2] <= '9' &&
		    text[i + 3] >= '0' && text[i + 3] <= '9') {
			zt_date d;
			size_t used = 0;
			size_t lim = len - i < 40 ? len - i : 40;
			if (zt_date_scan(text + i, lim, &d, &used, NULL) == ZT_OK && d.prec == ZT_PREC_DAY &&
			    used > 4) {
				if (!found || d.span.from > out->span.from)
					*out = d;
				found = 1;
				i += used;
				continue;
			}
		}
		i++;
	}
	return found;
}

zt_status zt_read(zt_layout layout, const char *text, size_t len, zt_doc **out)
{
	switch (layout) {
	case ZT_LAYOUT_MONTHLY: return zt_read_monthly(text, len, 0, out);
	case ZT_LAYOUT_MONTHLY_PDF: return zt_read_monthly(text, len, 1, out);
	case ZT_LAYOUT_DIGEST: return zt_read_digest(text, len, out);
	case ZT_LAYOUT_REPORT: return zt_read_report(text, len, out);
	default: return zt_read_generic(text, len, out);
	}
}

zt_status zt_reader_open(const char *text, size_t len, zt_layout layout,
                         zt_line **lines, size_t *n, zt_doc **doc)
{
	zt_status st = zt_split_lines(text, len, lines, n);
	if (st)
		return st;
	if (!(*doc = zt_doc_new(layout))) {
		free(*lines);
		*lines = NULL;
		return ZT_ERR_NOMEM;
	}
	return ZT_OK;
}
