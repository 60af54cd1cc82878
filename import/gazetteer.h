/* gazetteer.h — known entities and topic keywords from data/, and finding
 * them in text.
 *
 * data/gazetteer.tsv (user-editable, UTF-8, '#' comments), one entity a line:
 *   name <TAB> type <TAB> aliases <TAB> part_of <TAB> jurisdiction
 * `name` is the canonical name; `type` a schema type (Agency, Company…;
 * the names of data/types.tsv, under Entity, not Event or Topic);
 * `aliases` are other names separated by '|' (Chinese and English, short
 * forms); `part_of` and `jurisdiction` name other entries (may be empty;
 * part_of must be an Organization or Jurisdiction, jurisdiction a
 * Jurisdiction; chains may not loop).  Labels whose text has CJK
 * characters are Chinese (@zh), others English (@en).  Trailing empty
 * columns may be left out.
 *
 * A name or alias written with a leading '~' ("~Benchmark") is
 * lookup-only: zt_gazetteer_get finds it, the text scan does not, for
 * names that are also common words.  The '~' is not part of the name.
 * One name may mean entries of different types (小米 the company and the
 * model) but not two entries of the same type: that is an error.
 *
 * data/topics.tsv, one topic a line:
 *   name <TAB> zh_label <TAB> aliases <TAB> keywords
 * `keywords` ('|'-separated) are phrases whose presence in an item's text
 * marks the item as being about the topic.  A keyword written "!phrase"
 * is a stop phrase: it counts for nothing but, being longer, hides the
 * keywords inside it ("!金融时报" keeps the newspaper's name from counting
 * as the keyword 金融).
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

/* Errors (ZT_ERR_SYNTAX, ZT_ERR_TYPE, ZT_ERR_UTF8) carry
 * "ORIGIN:LINE[:COLUMN]: what is wrong" in err->msg and the line in
 * err->line.  ZT_ERR_IO when data/types.tsv (needed to check types) or
 * the default gazetteer.tsv cannot be found.  Entries, names and every
 * string reachable from them live until zt_gazetteer_free. */

/* The entry whose name or alias normalizes like `name`, or NULL.  When
 * several entries share the key, `type_hint` (NULL for none) prefers one
 * of that type or a subtype; then an entry whose canonical name has the
 * key is preferred over one whose alias has it; then the first in the
 * file.  Lookup-only ('~') names are found too. */
const zt_gaz_entry *zt_gazetteer_get(const zt_gazetteer *g, const char *name, size_t len,
                                     const char *type_hint);

/* Every leftmost-longest occurrence of a name or alias in `text`, in text
 * order, non-overlapping: `fn` gets the entry and the byte range
 * [start, end) in `text`; return non-zero from `fn` to stop.
 * Matching ignores width, case, spaces and quoting marks (store/norm.h);
 * a name whose first (last) character is a Latin letter or digit matches
 * only when the text's character before (after) it is not one, so "Meta"
 * is not found in "Metadata" nor "GPT-4" in "GPT-4o".  When a key names
 * several entries the scan reports the one zt_gazetteer_get would return
 * without a hint.  ZT_OK (also when `fn` stopped it), ZT_ERR_NOMEM. */
typedef int (*zt_gaz_fn)(void *ctx, const zt_gaz_entry *e, size_t start, size_t end);
zt_status zt_gazetteer_scan(const zt_gazetteer *g, const char *text, size_t len,
                            zt_gaz_fn fn, void *ctx);

/* All entries, in file order (i < zt_gazetteer_count). */
size_t zt_gazetteer_count(const zt_gazetteer *g);
const zt_gaz_entry *zt_gazetteer_entry(const zt_gazetteer *g, size_t i);

/* The entry that e->part_of / e->jurisdiction names, or NULL when empty
 * (e->part_of and e->jurisdiction hold that entry's canonical name). */
const zt_gaz_entry *zt_gazetteer_part_of(const zt_gazetteer *g, const zt_gaz_entry *e);
const zt_gaz_entry *zt_gazetteer_jurisdiction(const zt_gazetteer *g, const zt_gaz_entry *e);

/* Whether type name `type` is `ancestor` or one of its subtypes in the
 * hierarchy the gazetteer was checked against ("Agency", "Regulator"). */
int zt_gazetteer_is_a(const zt_gazetteer *g, const char *type, const char *ancestor);

/* Bytes of the scanner's transition table (for benchmarks). */
size_t zt_gazetteer_scan_table_bytes(const zt_gazetteer *g);

/* Topics. */
typedef struct zt_topics zt_topics;
zt_status zt_topics_parse(const char *text, size_t len, const char *origin,
                          zt_topics **out, zt_error *err);
zt_status zt_topics_default(zt_topics **out, zt_error *err);
void zt_topics_free(zt_topics *t);

/* Call `fn` with each topic name whose keywords occur in `text`, once per
 * topic, with the number of keyword hits (for thresholds), in file order.
 * Keywords match like gazetteer names (normalized, leftmost-longest, not
 * overlapping, Latin word boundaries), so a longer keyword of one topic
 * hides a shorter one of another inside it.  A keyword listed under two
 * topics counts for both.  Every topic needs at least one keyword. */
typedef int (*zt_topic_fn)(void *ctx, const char *topic, unsigned hits);
zt_status zt_topics_scan(const zt_topics *t, const char *text, size_t len,
                         zt_topic_fn fn, void *ctx);

/* The topics, in file order (names live until zt_topics_free). */
size_t zt_topics_count(const zt_topics *t);
const char *zt_topics_name(const zt_topics *t, size_t i);

#endif
