/* format.h — writing result rows in the output formats.
 *
 * A writer is made for one result: its column names, then rows of cells
 * (UTF-8 strings; NULL is an empty cell, as for an unbound OPTIONAL
 * variable), then end.  TSV, CSV and JSON stream row by row; TABLE keeps
 * the rows until zt_writer_end to align columns by terminal display width
 * (East Asian wide characters count 2), so Chinese text lines up.
 * DOT is written from nodes and edges instead of rows (zt_dot_*).
 *
 * Exact layouts (tests/unit/test_format.c holds examples):
 *
 *   TABLE  the header, a line of '-' under each column, the rows, then
 *          "(1 row)" or "(N rows)".  Columns are left-aligned, padded with
 *          spaces to the widest cell and separated by two spaces; the last
 *          column is not padded, so no line ends in spaces.  Control
 *          characters in cells (tab, newline, ...) print as one space.
 *            name        date
 *            ----------  ----------
 *            欧盟委员会  2024-05-14
 *            (1 row)
 *   TSV    a header line of the column names, then one line per row, cells
 *          separated by a tab; tab, CR and newline inside a cell become a
 *          space.  NULL is an empty cell.  No count line.
 *   CSV    RFC 4180: a header record, then one record per row, each ended
 *          by CRLF; a field holding ',', '"', CR or LF is enclosed in
 *          double quotes with '"' doubled.  NULL is an empty field.
 *   JSON   one array of objects keyed by column name, one object per line:
 *            [
 *              {"name": "OpenAI", "date": null},
 *              {"name": "微软", "date": "2024-05-14"}
 *            ]
 *          "[]" when there are no rows.  Cells are JSON strings (NULL is
 *          null); '"', '\\' and control characters are escaped, other
 *          characters are written as UTF-8.
 *
 * In every format an invalid UTF-8 byte in a cell is written as U+FFFD, so
 * the output is always valid UTF-8 (and valid JSON).
 */
#ifndef ZT_FORMAT_H
#define ZT_FORMAT_H

#include <stdio.h>

#include "session.h"

typedef struct zt_writer zt_writer;

/* A writer for `ncols` columns named `names` (copied) writing to `out`
 * (borrowed; it must outlive the writer).  Nothing is written yet.
 * ZT_FMT_DOT is not a row format: ZT_ERR_ARG.  ZT_ERR_NOMEM. */
zt_status zt_writer_new(zt_format fmt, FILE *out, size_t ncols, const char *const *names,
                        zt_writer **w);

/* Write one row of `ncols` cells; each may be NULL.  The cells are copied
 * as needed, so the caller may reuse them at once (strings borrowed from a
 * transaction are fine).  ZT_ERR_IO when writing to `out` failed (for the
 * streaming formats: a closed pipe, a full disk), so a caller can stop
 * early; ZT_ERR_NOMEM. */
zt_status zt_writer_row(zt_writer *w, const char *const *cells);

/* The number of rows written so far. */
unsigned long zt_writer_rows(const zt_writer *w);

/* Finish the output (the table is printed here, with its count line),
 * flush `out`, and free the writer whatever the outcome.  ZT_ERR_IO when
 * any write failed.  NULL is a no-op returning ZT_OK. */
zt_status zt_writer_end(zt_writer *w);

/* Free without finishing (a TABLE prints nothing; the streaming formats
 * leave what they wrote); NULL is a no-op. */
void zt_writer_free(zt_writer *w);

/* Graphviz DOT: nodes and labelled edges of a neighbourhood, path or
 * timeline, written as they come:
 *
 *   digraph "DESCRIBE 微软" {
 *     graph [rankdir=LR, charset="UTF-8"];
 *     node [shape=box];
 *     "urn:zhitu:e:org/微软" [label="微软\n(Company)"];
 *     "urn:zhitu:e:org/微软" -> "urn:zhitu:e:org/openai" [label="investor"];
 *   }
 *
 * Node ids are arbitrary strings (quoted on output; they need not be
 * IRIs).  A node or an edge (same from, to and label) given twice is
 * written once, so callers may emit the same node for every fact that
 * mentions it.  An edge may name nodes never given to zt_dot_node: DOT
 * then shows them by id.  Strings are escaped for DOT's quoted strings
 * (a newline in a label becomes a line break). */
typedef struct zt_dot zt_dot;

/* Begin a graph named `graph_name` (may be NULL) on `out` (borrowed).
 * Writes the opening lines.  ZT_ERR_NOMEM, ZT_ERR_IO. */
zt_status zt_dot_new(FILE *out, const char *graph_name, zt_dot **d);

/* A node: `label` is shown (the id when NULL), with `kind` (a type name,
 * may be NULL) on a second line in parentheses. */
zt_status zt_dot_node(zt_dot *d, const char *id, const char *label, const char *kind);

/* An edge from node `from` to node `to`, labelled `label` (may be NULL). */
zt_status zt_dot_edge(zt_dot *d, const char *from, const char *to, const char *label);

/* Write the closing brace, flush `out`, and free `d` whatever the
 * outcome.  ZT_ERR_IO when any write failed.  NULL is a no-op. */
zt_status zt_dot_end(zt_dot *d);

/* Free without closing the graph; NULL is a no-op. */
void zt_dot_free(zt_dot *d);

#endif
