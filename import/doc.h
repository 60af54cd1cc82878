/* doc.h — the document model every reader produces and the extractor
 * consumes: a document is a list of items (one news item, one digest
 * story, one funding-table row, one report paragraph), each with its
 * title, printed date, source, links and body text.
 *
 * Readers (import/readers.h) never look at the store; the extractor
 * (import/extract.h) never looks at the layout.  All strings are owned by
 * the document and freed by zt_doc_free.
 */
#ifndef ZT_IMPORT_DOC_H
#define ZT_IMPORT_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "../store/status.h"
#include "../store/literal.h"

typedef enum zt_layout {
	ZT_LAYOUT_UNKNOWN = 0,
	ZT_LAYOUT_MONTHLY,      /* monthly issue: 导读, sections, items with 发布日期/来源/链接/摘要 */
	ZT_LAYOUT_MONTHLY_PDF,  /* the same, extracted from PDF (broken lines, stray link blocks) */
	ZT_LAYOUT_DIGEST,       /* digest record: 标题/链接/总结 with stories run together */
	ZT_LAYOUT_REPORT,       /* long markdown report: headings, tables, bullets */
	ZT_LAYOUT_GENERIC       /* anything else: paragraphs */
} zt_layout;

/* A short name for a layout ("monthly", "monthly-pdf", "digest", "report", "generic"). */
const char *zt_layout_name(zt_layout l);

/* What kind of section an item sits in, when the layout says. */
typedef enum zt_section {
	ZT_SEC_NONE = 0,
	ZT_SEC_LEGAL,      /* 法律与监管 / policy */
	ZT_SEC_INDUSTRY,   /* 行业 / industry */
	ZT_SEC_FUNDING,    /* a digest's 融资 part, a report's funding table */
	ZT_SEC_OPINION,    /* 观点 / 研报: opinions and research notes */
	ZT_SEC_OTHER
} zt_section;

typedef enum zt_item_kind {
	ZT_ITEM_NEWS = 0,    /* a news item or story: one or more events */
	ZT_ITEM_FUNDING_ROW, /* one row of a funding-history table */
	ZT_ITEM_PROSE        /* report / generic prose: entities, events only when explicit */
} zt_item_kind;

/* One row of a funding table (ZT_ITEM_FUNDING_ROW). */
typedef struct zt_funding_row {
	char *company;       /* the company the table is about */
	char *date;          /* as printed: "2023年3月" */
	char *round;         /* as printed: "B" */
	char *amount;        /* as printed: "$350M" */
	char *investors;     /* as printed: "General Catalyst, Spark Capital, etc." */
} zt_funding_row;

typedef struct zt_item {
	uint32_t number;       /* 1-based position in the document (the support's item) */
	int printed_number;    /* the number printed in front of the title, 0 if none */
	zt_item_kind kind;
	zt_section section;
	char *section_label;   /* the section heading or digest category, or NULL */
	/* `text` holds title, then '\n', then the body, then '\n' and the
	 * commentary: one buffer so that extracted facts can point at spans. */
	char *text;
	size_t title_len;      /* text[0, title_len) is the title */
	size_t body_off, body_len;
	size_t comment_off, comment_len;
	int has_date;          /* the printed 发布日期 */
	zt_date date;
	char *source;          /* 来源, or NULL */
	char **links;
	size_t nlinks;
	int truncated;         /* the body was longer than ZT_ITEM_BODY_MAX and was cut */
	zt_funding_row *row;   /* for ZT_ITEM_FUNDING_ROW */
	char *context;         /* nearest heading for report items, or NULL */
} zt_item;

typedef struct zt_doc {
	zt_layout layout;
	char *title;           /* the document's own title, if it has one */
	char *url;             /* the document-level link (digest records) */
	int has_published;     /* publication day known */
	zt_date published;     /* from the header's period, else the latest item date */
	zt_item *items;
	size_t nitems, cap;
	char **warnings;       /* reader warnings (e.g. a 发布日期 that does not parse) */
	size_t nwarnings;
} zt_doc;

zt_doc *zt_doc_new(zt_layout layout);
void zt_doc_free(zt_doc *d);

/* Append a new zeroed item and return it (NULL when out of memory).  The
 * pointer is valid until the next zt_doc_add_item. */
zt_item *zt_doc_add_item(zt_doc *d);

/* The most body (and commentary) text an item keeps: a news item is a
 * few kilobytes; a megabyte-long "paragraph" is not news but a broken
 * file, and reading all of it would cost time for nothing. */
#define ZT_ITEM_BODY_MAX (256 * 1024)

/* Set the item's text from title, body and commentary (any may be NULL);
 * each part is copied, the title cut at 4 KB and body and commentary at
 * ZT_ITEM_BODY_MAX (on a character boundary; it->truncated is set).
 * ZT_ERR_NOMEM on failure. */
zt_status zt_item_set_text(zt_item *it, const char *title, size_t tlen,
                           const char *body, size_t blen,
                           const char *comment, size_t clen);

zt_status zt_item_add_link(zt_item *it, const char *url, size_t len);
zt_status zt_doc_warn(zt_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A readable dump of the document model, for tests and debugging
 * (malloc'd, NULL when out of memory). */
char *zt_doc_dump(const zt_doc *d);

#endif
