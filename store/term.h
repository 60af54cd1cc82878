/* term.h — RDF terms and zhitu's typed literals, and their byte encoding.
 *
 * A term is an IRI, a blank node, or a literal.  Literals are typed:
 *   ZT_TEXT    text with an optional language tag ("zh", "en")
 *   ZT_DATE    a day, month or year: lexical "2024-05-14", "2024-05", "2024"
 *   ZT_NUMBER  a decimal number, lexical in canonical form ("250000000", "2.5")
 *   ZT_MONEY   value and ISO 4217 code: lexical "6000000000 USD"
 *   ZT_TYPED   any other literal with a datatype IRI (foreign RDF)
 *
 * Every term has one canonical byte encoding (zt_term_encode), used as the
 * dictionary key: one kind byte, then the payload.  Two terms are the same
 * term exactly when their encodings are equal.
 *
 * Well-known IRIs of the zhitu vocabulary are defined here so that every
 * layer spells them the same way.
 */
#ifndef ZT_TERM_H
#define ZT_TERM_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef enum zt_kind {
	ZT_IRI = 1,
	ZT_BLANK = 2,
	ZT_TEXT = 3,
	ZT_DATE = 4,
	ZT_NUMBER = 5,
	ZT_MONEY = 6,
	ZT_TYPED = 7
} zt_kind;

/* A borrowed view of a term.  `str`/`len` is the IRI (without <>), the
 * blank node label (without _:), or the literal's lexical form.  `extra`
 * is the language tag for ZT_TEXT (may be NULL/empty) or the datatype IRI
 * for ZT_TYPED; unused otherwise.  Strings need not be NUL-terminated. */
typedef struct zt_term {
	zt_kind kind;
	const char *str;
	size_t len;
	const char *extra;
	size_t extra_len;
} zt_term;

/* Convenience constructors over NUL-terminated strings. */
zt_term zt_iri(const char *iri);
zt_term zt_text(const char *text, const char *lang /* NULL for none */);
zt_term zt_lit(zt_kind kind, const char *lexical);

/* Encode `t` into `buf` (capacity `cap`).  Returns the encoded length, or
 * the length that would be needed when it exceeds `cap` (nothing written
 * beyond cap).  Encoding: kind byte, then for ZT_TEXT/ZT_TYPED the extra
 * string, a 0x00 byte, then `str`; for the other kinds `str` directly. */
size_t zt_term_encode(const zt_term *t, unsigned char *buf, size_t cap);

/* Decode an encoding produced by zt_term_encode; `out` borrows from `buf`.
 * Returns ZT_ERR_CORRUPT when the bytes are not a valid encoding. */
zt_status zt_term_decode(const unsigned char *buf, size_t len, zt_term *out);

/* Well-known IRIs. */
#define ZT_RDF_TYPE      "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define ZT_RDFS_LABEL    "http://www.w3.org/2000/01/rdf-schema#label"
#define ZT_RDFS_SUBCLASS "http://www.w3.org/2000/01/rdf-schema#subClassOf"
#define ZT_SKOS_ALT      "http://www.w3.org/2004/02/skos/core#altLabel"
#define ZT_XSD           "http://www.w3.org/2001/XMLSchema#"
#define ZT_XSD_STRING    ZT_XSD "string"
#define ZT_XSD_DATE      ZT_XSD "date"
#define ZT_XSD_GYEARMONTH ZT_XSD "gYearMonth"
#define ZT_XSD_GYEAR     ZT_XSD "gYear"
#define ZT_XSD_DECIMAL   ZT_XSD "decimal"
#define ZT_XSD_INTEGER   ZT_XSD "integer"
#define ZT_XSD_DOUBLE    ZT_XSD "double"

#define ZT_NS_PRED   "urn:zhitu:p:"      /* + predicate name: urn:zhitu:p:actor */
#define ZT_NS_TYPE   "urn:zhitu:type:"   /* + type name: urn:zhitu:type:Regulator */
#define ZT_NS_TOPIC  "urn:zhitu:topic:"  /* + topic name: urn:zhitu:topic:Copyright */
#define ZT_NS_ENTITY "urn:zhitu:e:"      /* + entity key */
#define ZT_NS_EVENT  "urn:zhitu:ev:"     /* + source name / item / n */
#define ZT_NS_SOURCE "urn:zhitu:source:" /* + source name; graph name in N-Quads */

#endif
