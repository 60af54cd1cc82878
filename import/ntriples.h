/* ntriples.h — reading N-Triples and N-Quads, and loading them into a store.
 *
 * Two layers:
 *
 *  1. zt_rdf_read_*: a strict streaming reader (RDF 1.1 N-Triples and
 *     N-Quads).  It calls a function once per statement with the terms
 *     already mapped to zhitu's typed literals:
 *       xsd:date "2024-05-14", xsd:gYearMonth "2024-05", xsd:gYear "2024"
 *       (and the quarter datatype ZT_DT_QUARTER "2024-Q2")  -> ZT_DATE
 *       xsd:integer, xsd:decimal (canonicalized exactly as text),
 *       xsd:double (canonicalized through a double)          -> ZT_NUMBER
 *       plain literals, xsd:string, language-tagged literals -> ZT_TEXT
 *       (language tags lower-cased)
 *       any other datatype, and an ill-typed lexical form of the types
 *       above ("2024-02-30"^^xsd:date)                       -> ZT_TYPED
 *     Blank nodes keep their labels as written (so export -> load keeps
 *     them; two files that use one label share that node in a database).  Escapes (\t \b \n \r \f
 *     \" \' \\, \uXXXX, \UXXXXXXXX) are decoded; IRIs must be absolute
 *     (have a scheme); the text must be valid UTF-8.  The first bad line
 *     stops the read with ZT_ERR_SYNTAX (or ZT_ERR_UTF8) and a message
 *     "ORIGIN:LINE:COLUMN: what was found, what was expected", the column
 *     counted in characters; err->line and err->column are set too.
 *     Input is read in large blocks; a line may be of any length.
 *
 *  2. zt_rdf_load: one file into a store in one write transaction,
 *     through the bulk loader (zt_bulk_*).  Provenance follows the
 *     conventions of the export (store/export.h):
 *       - a graph name <urn:zhitu:source:NAME> is source NAME, optionally
 *         with a fragment "#i=ITEM;t=FROM..TO" giving the item within the
 *         source and the support's valid time (days YYYY-MM-DD; either end
 *         may be empty for an open range);
 *       - any other graph IRI (or blank node) is a source named by the IRI
 *         itself (so foreign N-Quads keep their graph names);
 *       - a statement without a graph is unsourced in an N-Quads file
 *         (".nq"), and belongs to a source named after the file (its base
 *         name without extension) in any other file;
 *       - quads in the graph of ZT_SCHEMA_SOURCE are skipped: the
 *         vocabulary comes from the seed (store/schema.h), not from files;
 *       - <urn:zhitu:source:NAME> <urn:zhitu:p:published> DATE and
 *         ... <urn:zhitu:p:content_hash> "HEX" in that source's own graph,
 *         before its other quads, are not stored as facts but become the
 *         source's publication day and content hash (the export writes
 *         them first); otherwise a source's hash is the file's content
 *         hash (XXH3-128) and its publication day unknown (ZT_DAY_MIN).
 *     Each source goes through zt_source_begin: content already loaded
 *     under that name with the same hash is skipped ("unchanged"), other
 *     content replaces the source's earlier contribution.  A plain literal
 *     that looks like money ("6000000000 USD": digits and '.', a space,
 *     three capitals) becomes ZT_MONEY when its predicate is
 *     urn:zhitu:p:amount or urn:zhitu:p:valuation, and stays ZT_TEXT
 *     otherwise.  On any error the transaction is aborted: nothing from
 *     the file is kept.
 */
#ifndef ZT_NTRIPLES_H
#define ZT_NTRIPLES_H

#include <stdint.h>
#include <stdio.h>

#include "../store/store.h"

/* The datatype zhitu writes for a date known to the quarter. */
#define ZT_DT_QUARTER "urn:zhitu:dt:quarter"

typedef enum zt_rdf_syntax {
	ZT_RDF_NTRIPLES,   /* a graph term is an error */
	ZT_RDF_NQUADS      /* the graph term is optional */
} zt_rdf_syntax;

/* One statement; every string is borrowed for the duration of the call. */
typedef struct zt_quad {
	zt_term s, p, o;
	int has_graph;
	zt_term g;           /* ZT_IRI or ZT_BLANK when has_graph */
	uint64_t line;       /* 1-based line number in the input */
	const char *text;    /* the statement's line (not NUL-terminated) */
	size_t g_offset;     /* byte offset of the graph term in `text` */
} zt_quad;

/* Called once per statement; a status >= ZT_ERR_FIRST stops the read and
 * is returned (fill the reader's err yourself if you want a message). */
typedef zt_status (*zt_quad_fn)(void *ctx, const zt_quad *q);

/* Read a whole buffer.  `origin` names the input in messages. */
zt_status zt_rdf_read_mem(const char *buf, size_t len, const char *origin, zt_rdf_syntax syn,
                          zt_quad_fn fn, void *ctx, zt_error *err);

/* Read a stream to its end, in large blocks.  ZT_ERR_IO when reading fails. */
zt_status zt_rdf_read_file(FILE *f, const char *origin, zt_rdf_syntax syn,
                           zt_quad_fn fn, void *ctx, zt_error *err);

/* What a load did. */
typedef struct zt_load_info {
	uint64_t statements;     /* statements read */
	uint64_t added;          /* statements handed to the store */
	uint64_t skipped;        /* statements of unchanged sources or the schema graph */
	uint64_t bytes;          /* size of the file */
	unsigned sources;        /* sources written (new or replaced) */
	unsigned unchanged;      /* sources skipped because their content was already loaded */
} zt_load_info;

/* The syntax and graph-less rule for a file name: ".nq" (any case) is
 * N-Quads with unsourced default-graph statements; ".nt" is N-Triples;
 * anything else is read as N-Quads (a superset) whose graph-less
 * statements go to the file's source.  *file_source gets 1 when graph-less
 * statements go to the file's source. */
zt_rdf_syntax zt_rdf_syntax_for(const char *path, int *file_source);

/* The source name of a file: its base name without the last extension. */
void zt_rdf_source_name(const char *path, char *buf, size_t cap);

/* Load `path` in a write transaction of its own (see above).  `info` may
 * be NULL.  ZT_ERR_IO when the file cannot be read; ZT_ERR_SYNTAX /
 * ZT_ERR_UTF8 for bad input (message "FILE:LINE:COLUMN: ..."); store
 * errors as they come.  Nothing is kept on failure. */
zt_status zt_rdf_load(zt_store *st, const char *path, zt_load_info *info, zt_error *err);

/* The same inside the caller's write transaction (which the caller then
 * commits or aborts). */
zt_status zt_rdf_load_txn(zt_txn *txn, const char *path, zt_load_info *info, zt_error *err);

#endif
