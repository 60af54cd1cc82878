/* readers.h — turn a document's text into the document model (doc.h).
 *
 * Each reader takes the whole text (valid UTF-8, see detect.h) and fills
 * a new zt_doc.  Readers know layouts, not names: they find items, titles,
 * dates, links and bodies, and leave entities and events to the extractor.
 * They fail only when out of memory; oddities become warnings in the doc.
 */
#ifndef ZT_IMPORT_READERS_H
#define ZT_IMPORT_READERS_H

#include <stddef.h>

#include "doc.h"

/* Monthly issue, clean or extracted from PDF (`pdf` = 1 turns on the
 * repairs: joining titles broken across lines, dropping stray link
 * blocks, re-joining URLs). */
zt_status zt_read_monthly(const char *text, size_t len, int pdf, zt_doc **out);

/* Digest record: 标题/链接/总结 fields; the 总结 is split into stories. */
zt_status zt_read_digest(const char *text, size_t len, zt_doc **out);

/* Markdown report: funding-history tables become ZT_ITEM_FUNDING_ROW
 * items, people bullets and paragraphs ZT_ITEM_PROSE items. */
zt_status zt_read_report(const char *text, size_t len, zt_doc **out);

/* Anything else: one ZT_ITEM_PROSE item per paragraph. */
zt_status zt_read_generic(const char *text, size_t len, zt_doc **out);

/* Read with the reader for `layout`. */
zt_status zt_read(zt_layout layout, const char *text, size_t len, zt_doc **out);

/* Shared by the readers: the latest full date (year, month and day)
 * written anywhere in text, for documents that print no period.  Returns
 * 1 and fills *out when there is one. */
int zt_latest_date(const char *text, size_t len, zt_date *out);

/* Shared by the readers: a line view. */
typedef struct zt_line {
	const char *s;     /* trimmed start */
	size_t len;        /* trimmed length */
	size_t off;        /* offset of the raw line in the text */
} zt_line;

/* Split text into lines (LF or CRLF), each trimmed of whitespace (including
 * U+3000 and NBSP).  *out is malloc'd. */
zt_status zt_split_lines(const char *text, size_t len, zt_line **out, size_t *n);

/* How every reader starts: the text's lines (*lines, *n; malloc'd) and a
 * new empty document of `layout` (*doc).  On failure nothing is left
 * allocated. */
zt_status zt_reader_open(const char *text, size_t len, zt_layout layout,
                         zt_line **lines, size_t *n, zt_doc **doc);

#endif
