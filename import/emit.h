/* emit.h — an extraction (extract.h) as facts: the IRIs, literals and
 * valid times of conventions.md, for the store or for a preview.
 *
 *   entity   urn:zhitu:e:GROUP/KEY  rdf:type urn:zhitu:type:T; rdfs:label
 *            (@zh when it has CJK characters, else @en); skos:altLabel
 *            each alias; part_of; jurisdiction — timeless
 *   event    urn:zhitu:ev:SOURCE/ITEM/N  rdf:type, date, title, url,
 *            source, actor, object, topic, … — valid at the event's date
 *   relation developer/developed, invested_in, issued_by, part_of — with
 *            the time the extractor gave them
 *   source   urn:zhitu:source:NAME  rdf:type Source; rdfs:label NAME;
 *            published; content_hash; url
 * Every fact carries the item it came from (0 for the source's own).
 */
#ifndef ZT_IMPORT_EMIT_H
#define ZT_IMPORT_EMIT_H

#include "../store/store.h"
#include "extract.h"

typedef struct zt_source_meta {
	const char *name;
	const char *hash;          /* hex */
	int has_published;
	zt_date published;
	const char *url;           /* may be NULL */
} zt_source_meta;

/* One fact; terms are borrowed for the call only.  Non-zero stops. */
typedef int (*zt_emit_fn)(void *ctx, const zt_term *s, const zt_term *p, const zt_term *o,
                          zt_span time, uint32_t item);

/* Enumerate every fact.  Entity IRIs are taken from x->ents[i].iri (the
 * caller may have redirected them to existing nodes).  ZT_ERR_NOMEM, or
 * ZT_ERR_CANCELED when fn stopped. */
zt_status zt_emit_facts(const zt_extraction *x, const zt_source_meta *src, zt_emit_fn fn, void *ctx);

/* Write one fact term as N-Quads syntax into a buffer (for previews). */
struct zt_buf;
void zt_emit_nquad(struct zt_buf *b, const zt_term *s, const zt_term *p, const zt_term *o,
                   const char *graph);

#endif
