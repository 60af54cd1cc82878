/* gazetteer.h — known entities and topic keywords from data/, and finding
 * them in text.
 *
 * data/gazetteer.tsv (user-editable, UTF-8, '#' comments), one entity a line:
 *   name <TAB> type <TAB> aliases <TAB> part_of <TAB> jurisdiction
 * `name` is the canonical name; `type` a schema type (Agency, Company…);
 * `aliases` are other names separated by '|' (Chinese and English, short
 * forms); `part_of` and `jurisdiction` are canonical names of other
 * entries (may be empty).  Labels whose text has CJK characters are
 * Chinese (@zh), others English (@en).
 *
 * data/topics.tsv, one topic a line:
 *   name <TAB> zh_label <TAB> aliases <TAB> keywords
 * `keywords` ('|'-separated) are phrases whose presence in an item's text
 * marks the item as being about the topic.
 *
 * Matching is on normalized text (store/norm.h) so full-width, case and
 * spacing differences do not matter, and returns byte offsets into the
 * caller's original text.
 */
#ifndef ZT_GAZETTEER_H
#define ZT_GAZETTEER_H

#include <stddef.h>

#include "../store/status.h"

typedef struct zt_gaz_entry {
	const char *name;           /* canonical */
	const char *type;           /* schema type name */
	const char *const *aliases; /* naliases strings */
	size_t naliases;
	const char *part_of;        /* canonical name or NULL */
	const char *jurisdiction;   /* canonical name or NULL */
} zt_gaz_entry;

typedef struct zt_gazetteer zt_gazetteer;

/* Parse gazetteer text; `origin` names it in messages ("gazetteer.tsv:12:
 * unknown type 'Agncy'").  A part_of/jurisdiction naming no entry is an
 * error.  The default data comes from zt_data_file("gazetteer.tsv"). */
zt_status zt_gazetteer_parse(const char *text, size_t len, const char *origin,
                             zt_gazetteer **out, zt_error *err);
zt_status zt_gazetteer_default(zt_gazetteer **out, zt_error *err);
void zt_gazetteer_free(zt_gazetteer *g);

/* The entry whose name or alias normalizes like `name`, or NULL.  When
 * several entries share the key, `type_hint` (NULL for none) prefers one
 * of that type or a subtype. */
const zt_gaz_entry *zt_gazetteer_get(const zt_gazetteer *g, const char *name, size_t len,
                                     const char *type_hint);

/* Every leftmost-longest occurrence of a name or alias in `text`, in text
 * order, non-overlapping: `fn` gets the entry and the byte range
 * [start, end) in `text`; return non-zero from `fn` to stop. */
typedef int (*zt_gaz_fn)(void *ctx, const zt_gaz_entry *e, size_t start, size_t end);
zt_status zt_gazetteer_scan(const zt_gazetteer *g, const char *text, size_t len,
                            zt_gaz_fn fn, void *ctx);

/* Topics. */
typedef struct zt_topics zt_topics;
zt_status zt_topics_parse(const char *text, size_t len, const char *origin,
                          zt_topics **out, zt_error *err);
zt_status zt_topics_default(zt_topics **out, zt_error *err);
void zt_topics_free(zt_topics *t);

/* Call `fn` with each topic name whose keywords occur in `text`, once per
 * topic, with the number of keyword hits (for thresholds). */
typedef int (*zt_topic_fn)(void *ctx, const char *topic, unsigned hits);
zt_status zt_topics_scan(const zt_topics *t, const char *text, size_t len,
                         zt_topic_fn fn, void *ctx);

#endif
