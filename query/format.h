/* format.h — writing result rows in the output formats.
 *
 * A writer is made for one result: its column names, then rows of cells
 * (UTF-8 strings; NULL is an empty cell, as for an unbound OPTIONAL
 * variable), then end.  TSV, CSV and JSON stream row by row; TABLE keeps
 * the rows until zt_writer_end to align columns by terminal display width
 * (East Asian wide characters count 2), so Chinese text lines up.
 * Escaping: TSV replaces tab/newline in cells by spaces; CSV quotes per
 * RFC 4180; JSON writes one array of objects keyed by column name, with
 * proper string escaping.  DOT is written from edges instead of rows.
 */
#ifndef ZT_FORMAT_H
#define ZT_FORMAT_H

#include <stdio.h>

#include "session.h"

typedef struct zt_writer zt_writer;

/* A writer for `ncols` columns named `names` (copied) writing to `out`.
 * ZT_FMT_DOT is not a row format: ZT_ERR_ARG. */
zt_status zt_writer_new(zt_format fmt, FILE *out, size_t ncols, const char *const *names,
                        zt_writer **w);

/* Write one row of `ncols` cells (copied as needed). */
zt_status zt_writer_row(zt_writer *w, const char *const *cells);

/* Finish the output (the table is printed here, with a row count line
 * "(N rows)" under it) and free the writer.  ZT_ERR_IO on a write error. */
zt_status zt_writer_end(zt_writer *w);

/* Free without finishing; NULL is a no-op. */
void zt_writer_free(zt_writer *w);

/* Graphviz DOT: nodes and labelled edges of a neighbourhood, path or
 * timeline.  Node ids are arbitrary strings (quoted on output). */
typedef struct zt_dot zt_dot;
zt_status zt_dot_new(FILE *out, const char *graph_name, zt_dot **d);
zt_status zt_dot_node(zt_dot *d, const char *id, const char *label, const char *kind /* type name or NULL */);
zt_status zt_dot_edge(zt_dot *d, const char *from, const char *to, const char *label);
zt_status zt_dot_end(zt_dot *d);   /* writes the closing brace, frees */
void zt_dot_free(zt_dot *d);

#endif
