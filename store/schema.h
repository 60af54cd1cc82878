/* schema.h — the vocabulary every zhitu database starts with.
 *
 * The type hierarchy, the predicates and the topics of docs/schema.md are
 * plain text under data/ (compiled in; ZHITU_DATA overrides, see
 * store/embedded.h):
 *
 *   types.tsv       name <TAB> parent <TAB> zh_label <TAB> aliases
 *   predicates.tsv  name <TAB> iri <TAB> zh_label <TAB> aliases
 *                   (an empty iri means urn:zhitu:p:NAME)
 *   topics.tsv      name <TAB> zh_label <TAB> aliases <TAB> keywords
 *                   (optional: a database without it has no topic nodes)
 *
 * Aliases are separated by '|'.  Lines starting with '#' and empty lines
 * are ignored; trailing empty columns may be left out.
 *
 * Seeding writes, as the source ZT_SCHEMA_SOURCE (published ZT_DAY_MIN,
 * so AS OF always sees it), timeless facts:
 *   type  urn:zhitu:type:NAME  rdf:type rdfs:Class; rdfs:label "NAME"@en;
 *         rdfs:label zh@zh; skos:altLabel each alias (@zh when it has CJK
 *         characters, else @en); rdfs:subClassOf urn:zhitu:type:PARENT
 *   predicate IRI              rdf:type rdf:Property; labels and aliases
 *                              the same way ("type" labels rdf:type, whose
 *                              aliases include "a")
 *   topic urn:zhitu:topic:NAME rdf:type urn:zhitu:type:Topic; labels and
 *                              aliases the same way
 * Through the name index (store/store.h) these make `a`, `type`,
 * `Regulator`, `监管机构`, `actor`, `行为方` … resolve in queries.
 */
#ifndef ZT_SCHEMA_H
#define ZT_SCHEMA_H

#include "store.h"

#define ZT_SCHEMA_SOURCE "zhitu:schema"
#define ZT_RDFS_CLASS    "http://www.w3.org/2000/01/rdf-schema#Class"
#define ZT_RDF_PROPERTY  "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"

/* Seed the vocabulary in its own write transaction.  Idempotent: the
 * source's content hash is a hash of the three files (and of this
 * seeding's version), so with unchanged files nothing is written, and
 * with changed files the earlier vocabulary is replaced in the same
 * transaction (zt_source_begin).  Errors: ZT_ERR_IO when types.tsv or
 * predicates.tsv cannot be found; ZT_ERR_SYNTAX with
 * "FILE:LINE: message" for a malformed line (bad name, unknown parent,
 * duplicate, too many columns); store errors as they come. */
zt_status zt_schema_seed(zt_store *st, zt_error *err);

/* The same inside the caller's write transaction; *changed (may be NULL)
 * is set to 1 when anything was written, 0 when the vocabulary was
 * already current. */
zt_status zt_schema_seed_txn(zt_txn *txn, int *changed, zt_error *err);

#endif
