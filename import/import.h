/* import.h — importing newsletters and reports into a store: the public
 * API of import/.
 *
 * An importer holds what every file needs — the gazetteer, the topic
 * table and the extraction rules of data/ — loaded once.  Each file is
 * imported in one write transaction: its text is checked and converted
 * (import/detect.h), its layout detected, read into items
 * (import/readers.h), entities and events extracted (import/extract.h)
 * and written as facts supported by the file's source
 * (urn:zhitu:source:NAME, NAME = the file's base name without extension)
 * with its content hash and publication date.  A file whose source
 * exists with the same hash is "unchanged" and nothing is written; with
 * another hash its earlier contribution is replaced.  Any failure aborts
 * the transaction: nothing partial is ever written.
 *
 *   zt_importer *imp;
 *   zt_importer_new(&imp, &err);
 *   zt_import_summary sum;
 *   zt_import_file(imp, store, "2024-05-monthly.txt", &opts, &sum, &err);
 *   ... print sum ...
 *   zt_import_summary_clear(&sum);
 *   zt_importer_free(imp);
 */
#ifndef ZT_IMPORT_H
#define ZT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "../store/status.h"
#include "../store/store.h"

typedef struct zt_importer zt_importer;

/* Load the default gazetteer, topics and rules (data/, ZHITU_DATA
 * overrides).  Errors name the data file and line. */
zt_status zt_importer_new(zt_importer **out, zt_error *err);
void zt_importer_free(zt_importer *imp);

typedef struct zt_import_opts {
	int dry_run;      /* do everything, then abort the transaction */
	int explain;      /* fill summary.explain with each event's facts and their text spans */
	int lenient;      /* replace invalid UTF-8 with U+FFFD (and warn) instead of failing */
	const char *source_name;   /* override the source name (NULL: from the file name) */
} zt_import_opts;

/* A count of new entities of one type. */
typedef struct zt_type_count {
	char type[32];
	unsigned n;
} zt_type_count;

typedef struct zt_import_summary {
	char source[256];          /* source name */
	const char *layout;        /* "monthly", "digest", … */
	const char *converted;     /* "GB18030", "UTF-16" or NULL */
	size_t bytes;              /* input size */
	size_t replaced;           /* bad sequences replaced (--lenient) */
	int unchanged;             /* same content as imported before: nothing done */
	int replaced_source;       /* an earlier version of this source was replaced */
	char published[16];        /* publication day, "" if unknown */
	unsigned items, events, facts;
	unsigned entities;         /* distinct entities the file names */
	unsigned new_entities;     /* of them, first seen in this file */
	unsigned seen_entities;    /* of them, already in the graph */
	unsigned merged;           /* names joined to an existing node by name or alias */
	zt_type_count new_by_type[40];
	size_t ntypes;
	zt_type_count events_by_type[16];
	size_t nevent_types;
	char **new_names;          /* "Type\tname" of new entities (at most 200) */
	size_t nnew_names;
	char **seen_names;         /* names of entities seen again (at most 200) */
	size_t nseen_names;
	char **warnings;
	size_t nwarnings;
	char *explain;             /* with opts.explain: the listing, else NULL */
} zt_import_summary;

void zt_import_summary_clear(zt_import_summary *s);

/* Import one file.  ZT_ERR_IO when it cannot be read, ZT_ERR_ARG for an
 * empty file, ZT_ERR_ENCODING for binary data or an unknown encoding,
 * ZT_ERR_UTF8 for invalid UTF-8 (message with the byte offset), store
 * errors as they come.  `err` names the file. */
zt_status zt_import_file(zt_importer *imp, zt_store *store, const char *path,
                         const zt_import_opts *opts, zt_import_summary *sum, zt_error *err);

/* Import text already in memory as source `name` (the same rules). */
zt_status zt_import_buffer(zt_importer *imp, zt_store *store, const char *name,
                           const char *data, size_t len, const zt_import_opts *opts,
                           zt_import_summary *sum, zt_error *err);

/* The source name for a path: its base name without the extension. */
void zt_import_source_name(const char *path, char *out, size_t cap);

/* For tests and tools: read and extract without a store; `facts` gets
 * the N-Quads the import would write (source named `name`), malloc'd. */
zt_status zt_import_preview(zt_importer *imp, const char *name, const char *data, size_t len,
                            int lenient, char **nquads, char **listing, zt_error *err);

#endif
