#include "term.h"

#include <string.h>

zt_term zt_iri(const char *iri)
{
	return (zt_term){ .kind = ZT_IRI, .str = iri, .len = strlen(iri) };
}

zt_term zt_text(const char *text, const char *lang)
{
	return (zt_term){ .kind = ZT_TEXT, .str = text, .len = strlen(text),
	                  .extra = lang, .extra_len = lang ? strlen(lang) : 0 };
}

zt_term zt_lit(zt_kind kind, const char *lexical)
{
	return (zt_term){ .kind = kind, .str = lexical, .len = strlen(lexical) };
}

static int has_extra(zt_kind k)
{
	return k == ZT_TEXT || k == ZT_TYPED;
}

size_t zt_term_encode(const zt_term *t, unsigned char *buf, size_t cap)
{
	size_t need = 1 + t->len + (has_extra(t->kind) ? t->extra_len + 1 : 0);
	if (need > cap)
		return need;
	size_t n = 0;
	buf[n++] = (unsigned char)t->kind;
	if (has_extra(t->kind)) {
		if (t->extra_len)
			memcpy(buf + n, t->extra, t->extra_len);
		n += t->extra_len;
		buf[n++] = 0;
	}
	if (t->len)
		memcpy(buf + n, t->str, t->len);
	return need;
}

zt_status zt_term_decode(const unsigned char *buf, size_t len, zt_term *out)
{
	if (len < 1 || buf[0] < ZT_IRI || buf[0] > ZT_TYPED)
		return ZT_ERR_CORRUPT;
	zt_kind k = (zt_kind)buf[0];
	*out = (zt_term){ .kind = k };
	const unsigned char *p = buf + 1;
	size_t rest = len - 1;
	if (has_extra(k)) {
		const unsigned char *z = memchr(p, 0, rest);
		if (!z)
			return ZT_ERR_CORRUPT;
		out->extra = (const char *)p;
		out->extra_len = (size_t)(z - p);
		rest -= out->extra_len + 1;
		p = z + 1;
	}
	out->str = (const char *)p;
	out->len = rest;
	return ZT_OK;
}
