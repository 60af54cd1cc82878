/* export.h — writing the whole graph as N-Quads, N-Triples or TSV.
 *
 * Terms are written in N-Triples syntax:
 *   IRIs            <iri>, with characters an IRIREF may not hold (controls,
 *                   space, <>"{}|^`\) escaped as \u00XX
 *   blank nodes     _:label
 *   ZT_TEXT         "text"@zh, "text"@en or "text" (no tag when it has none)
 *   ZT_DATE         "2024-05-14"^^xsd:date, "2024-05"^^xsd:gYearMonth,
 *                   "2024"^^xsd:gYear, "2024-Q2"^^<urn:zhitu:dt:quarter>
 *   ZT_NUMBER       xsd:integer, xsd:decimal, or xsd:double when the
 *                   canonical form has an exponent
 *   ZT_MONEY        the plain literal "6000000000 USD"
 *   ZT_TYPED        "lexical"^^<datatype>
 * In literals '"', '\\', line feed, carriage return and tab are written as
 * ECHARs and other control characters as \u00XX; all else is UTF-8 as is.
 *
 * N-Quads (the lossless form): one quad per support of every fact.  The
 * graph name is the supporting source, <urn:zhitu:source:NAME>, with the
 * item and the support's valid time in the fragment when present:
 *   <urn:zhitu:source:NAME#i=3;t=2024-05-14..2024-05-14>
 * ("i=" is left out for item 0, "t=" for a timeless support; an open end
 * of a range is written empty).  A source whose name is itself an
 * absolute IRI with "://" or starting with "urn:" (foreign N-Quads graph
 * names, see import/ntriples.h) is written under that IRI when it has no
 * item or time to carry.  Unsourced facts are written as triples.
 * Every source is described first, in its own graph:
 *   <urn:zhitu:source:NAME> <urn:zhitu:p:published> "DAY"^^xsd:date   (when known)
 *   <urn:zhitu:source:NAME> <urn:zhitu:p:content_hash> "HEX"           (when known)
 *   <urn:zhitu:source:NAME> rdf:type <urn:zhitu:type:Source>
 *   <urn:zhitu:source:NAME> rdfs:label "NAME"
 * from the store's source records (stored facts of exactly these shapes
 * are not written a second time); zhitu load reads them back as the
 * source's record, so export → load → export gives the same lines.
 *
 * N-Triples: one triple per fact (supports and time are dropped), the
 * source descriptions included.
 *
 * TSV: a header "s<TAB>p<TAB>o<TAB>graph", then one row per support as in
 * N-Quads, each column a term in N-Triples syntax (graph empty for an
 * unsourced fact).
 *
 * The source descriptions come first, in name order, then the facts in
 * the store's SPO order (by term id), so two exports of one database are
 * byte-identical; databases that hold the same graph give the same lines,
 * possibly in another order (compare them sorted).
 */
#ifndef ZT_EXPORT_H
#define ZT_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "store.h"

typedef enum zt_export_format {
	ZT_EXPORT_NQUADS,
	ZT_EXPORT_NTRIPLES,
	ZT_EXPORT_TSV
} zt_export_format;

/* "nquads"/"nq", "ntriples"/"nt", "tsv" → the format; ZT_ERR_ARG otherwise. */
zt_status zt_export_format_parse(const char *name, zt_export_format *out);

typedef struct zt_export_info {
	uint64_t lines;          /* statements (rows) written, header excluded */
	uint64_t facts;          /* facts visited */
} zt_export_info;

/* Write the whole graph visible in `txn` (a read transaction is enough)
 * to `out`.  `info` may be NULL.  ZT_ERR_IO (message with errno) when
 * writing fails; store errors as they come. */
zt_status zt_export(zt_txn *txn, zt_export_format fmt, FILE *out, zt_export_info *info,
                    zt_error *err);

/* Write one term in N-Triples syntax (see above).  Returns 0, or -1 when
 * the stream reports an error. */
int zt_term_write(FILE *out, const zt_term *t);

#endif
