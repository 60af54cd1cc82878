/* emit.c — an extraction as facts (see emit.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "text.h"
#include "../store/norm.h"

typedef struct emitter {
	zt_emit_fn fn;
	void *ctx;
	int stopped;
	char pbuf[128];
} emitter;

static int put(emitter *em, const zt_term *s, const char *p_iri, const zt_term *o, zt_span time, uint32_t item)
{
	if (em->stopped)
		return 1;
	zt_term p = zt_iri(p_iri);
	if (em->fn(em->ctx, s, &p, o, time, item))
		em->stopped = 1;
	return em->stopped;
}

static const char *pred(emitter *em, const char *name)
{
	snprintf(em->pbuf, sizeof em->pbuf, "%s%s", ZT_NS_PRED, name);
	return em->pbuf;
}

static zt_term text_term(const char *s)
{
	return zt_text(s, zt_label_lang(s, strlen(s)));
}

static zt_status entity_facts(emitter *em, const zt_extraction *x)
{
	char tbuf[96];
	for (size_t i = 0; i < x->nents && !em->stopped; i++) {
		const zt_x_entity *e = &x->ents[i];
		zt_term s = zt_iri(e->iri);
		snprintf(tbuf, sizeof tbuf, "%s%s", ZT_NS_TYPE, e->type);
		zt_term ty = zt_iri(tbuf);
		put(em, &s, ZT_RDF_TYPE, &ty, ZT_SPAN_ALWAYS, e->item);
		zt_term lab = text_term(e->name);
		put(em, &s, ZT_RDFS_LABEL, &lab, ZT_SPAN_ALWAYS, e->item);
		for (size_t a = 0; a < e->naliases; a++) {
			zt_term al = text_term(e->aliases[a]);
			put(em, &s, ZT_SKOS_ALT, &al, ZT_SPAN_ALWAYS, e->item);
		}
		if (e->part_of >= 0) {
			zt_term o = zt_iri(x->ents[e->part_of].iri);
			put(em, &s, pred(em, "part_of"), &o, ZT_SPAN_ALWAYS, e->item);
		}
		if (e->jurisdiction >= 0) {
			zt_term o = zt_iri(x->ents[e->jurisdiction].iri);
			put(em, &s, pred(em, "jurisdiction"), &o, ZT_SPAN_ALWAYS, e->item);
		}
	}
	return ZT_OK;
}

zt_status zt_emit_facts(const zt_extraction *x, const zt_source_meta *src, zt_emit_fn fn, void *ctx)
{
	emitter em = { fn, ctx, 0, { 0 } };
	char srcbuf[512], evbuf[600], tbuf[96], day[16];
	snprintf(srcbuf, sizeof srcbuf, "%s%s", ZT_NS_SOURCE, src->name);
	zt_term source = zt_iri(srcbuf);

	/* the source node */
	snprintf(tbuf, sizeof tbuf, "%sSource", ZT_NS_TYPE);
	zt_term ty = zt_iri(tbuf);
	put(&em, &source, ZT_RDF_TYPE, &ty, ZT_SPAN_ALWAYS, 0);
	zt_term lab = text_term(src->name);
	put(&em, &source, ZT_RDFS_LABEL, &lab, ZT_SPAN_ALWAYS, 0);
	if (src->has_published) {
		zt_date_format(&src->published, day);
		zt_term d = zt_lit(ZT_DATE, day);
		put(&em, &source, pred(&em, "published"), &d, ZT_SPAN_ALWAYS, 0);
	}
	if (src->hash) {
		zt_term h = zt_text(src->hash, NULL);
		put(&em, &source, pred(&em, "content_hash"), &h, ZT_SPAN_ALWAYS, 0);
	}
	if (src->url) {
		zt_term u = zt_text(src->url, NULL);
		put(&em, &source, pred(&em, "url"), &u, ZT_SPAN_ALWAYS, 0);
	}

	entity_facts(&em, x);

	for (size_t i = 0; i < x->nevents && !em.stopped; i++) {
		const zt_x_event *ev = &x->events[i];
		snprintf(evbuf, sizeof evbuf, "%s%s/%u/%u", ZT_NS_EVENT, src->name, ev->item, ev->n);
		zt_term s = zt_iri(evbuf);
		zt_span when = ev->date.span;
		snprintf(tbuf, sizeof tbuf, "%s%s", ZT_NS_TYPE, ev->type);
		zt_term t = zt_iri(tbuf);
		put(&em, &s, ZT_RDF_TYPE, &t, when, ev->item);
		if (ev->also) {
			snprintf(tbuf, sizeof tbuf, "%s%s", ZT_NS_TYPE, ev->also);
			zt_term t2 = zt_iri(tbuf);
			put(&em, &s, ZT_RDF_TYPE, &t2, when, ev->item);
		}
		zt_date_format(&ev->date, day);
		zt_term d = zt_lit(ZT_DATE, day);
		put(&em, &s, pred(&em, "date"), &d, when, ev->item);
		if (ev->title && *ev->title) {
			zt_term ti = text_term(ev->title);
			put(&em, &s, pred(&em, "title"), &ti, when, ev->item);
		}
		put(&em, &s, pred(&em, "source"), &source, when, ev->item);
		for (size_t f = 0; f < ev->nfacts; f++) {
			const zt_x_fact *fa = &ev->facts[f];
			zt_term o;
			char obuf[256];
			if (fa->what == ZT_X_ENTITY) {
				o = zt_iri(x->ents[fa->ent].iri);
			} else if (fa->what == ZT_X_TOPIC) {
				snprintf(obuf, sizeof obuf, "%s%s", ZT_NS_TOPIC, fa->value);
				o = zt_iri(obuf);
			} else if (fa->kind == ZT_TEXT) {
				o = zt_text(fa->value, fa->lang);
			} else {
				o = zt_lit(fa->kind, fa->value);
			}
			char pb[128];
			snprintf(pb, sizeof pb, "%s%s", ZT_NS_PRED, fa->pred);
			put(&em, &s, pb, &o, when, ev->item);
		}
	}
	for (size_t i = 0; i < x->nrels && !em.stopped; i++) {
		const zt_x_rel *r = &x->rels[i];
		zt_term s = zt_iri(x->ents[r->s].iri);
		zt_term o = zt_iri(x->ents[r->o].iri);
		put(&em, &s, pred(&em, r->pred), &o, r->time, r->item);
	}
	return em.stopped ? ZT_ERR_CANCELED : ZT_OK;
}

static void escape(zt_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': zt_buf_adds(b, "\\\""); break;
		case '\\': zt_buf_adds(b, "\\\\"); break;
		case '\n': zt_buf_adds(b, "\\n"); break;
		case '\r': zt_buf_adds(b, "\\r"); break;
		case '\t': zt_buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20)
				zt_buf_printf(b, "\\u%04X", c);
			else
				zt_buf_addc(b, (char)c);
		}
	}
}

static void term_nq(zt_buf *b, const zt_term *t)
{
	switch (t->kind) {
	case ZT_IRI:
		zt_buf_addc(b, '<');
		zt_buf_add(b, t->str, t->len);
		zt_buf_addc(b, '>');
		return;
	case ZT_BLANK:
		zt_buf_adds(b, "_:");
		zt_buf_add(b, t->str, t->len);
		return;
	default:
		break;
	}
	zt_buf_addc(b, '"');
	escape(b, t->str, t->len);
	zt_buf_addc(b, '"');
	if (t->kind == ZT_TEXT && t->extra && t->extra_len) {
		zt_buf_addc(b, '@');
		zt_buf_add(b, t->extra, t->extra_len);
	} else if (t->kind == ZT_DATE) {
		const char *dt = t->len == 10 ? ZT_XSD_DATE : t->len == 7 ? ZT_XSD_GYEARMONTH : ZT_XSD_GYEAR;
		zt_buf_printf(b, "^^<%s>", dt);
	} else if (t->kind == ZT_NUMBER) {
		zt_buf_printf(b, "^^<%s>", ZT_XSD_DECIMAL);
	}
}

void zt_emit_nquad(zt_buf *b, const zt_term *s, const zt_term *p, const zt_term *o, const char *graph)
{
	term_nq(b, s);
	zt_buf_addc(b, ' ');
	term_nq(b, p);
	zt_buf_addc(b, ' ');
	term_nq(b, o);
	if (graph)
		zt_buf_printf(b, " <%s>", graph);
	zt_buf_adds(b, " .\n");
}
