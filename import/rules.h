/* rules.h — the extraction vocabulary of data/extract.tsv: document and
 * organisation endings, stop words, title verbs, event-kind cues, court
 * outcomes, roles, descriptors, investor-list cues, rounds, country
 * abbreviations, and the checks that keep descriptions from becoming
 * names: common nouns, measure words (a count is no name), words that may
 * precede a place inside a name, headline attributions ("外媒："), words
 * that put a cue in the past, family names (a role + name is a person
 * only when the name starts with one).  Plain text so that analysts can extend it for next
 * month's wording without rebuilding (ZHITU_DATA overrides, see
 * store/embedded.h).
 *
 * File format: table<TAB>phrase<TAB>value[<TAB>flags], '#' comments.
 * Unknown table names are errors (a typo would otherwise silently drop a
 * rule).  Latin phrases match case-insensitively.
 */
#ifndef ZT_IMPORT_RULES_H
#define ZT_IMPORT_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "../store/status.h"

typedef enum zt_rule_table {
	ZT_R_DOC_SUFFIX, ZT_R_ORG_SUFFIX, ZT_R_STOP, ZT_R_ADVERB, ZT_R_VERB, ZT_R_KIND,
	ZT_R_OUTCOME, ZT_R_ROLE, ZT_R_DESCRIPTOR, ZT_R_MODEL_CUE, ZT_R_PRODUCT_CUE,
	ZT_R_LIST_CUE, ZT_R_LEAD_AFTER, ZT_R_FOLLOW_AFTER, ZT_R_ROUND, ZT_R_ABBREV,
	ZT_R_PAIR_AFTER, ZT_R_FILING, ZT_R_NOT_ORG, ZT_R_GENERIC, ZT_R_NOT_START,
	ZT_R_COMMON, ZT_R_MEASURE, ZT_R_PLACE_PREFIX, ZT_R_ATTRIBUTION, ZT_R_PAST, ZT_R_SURNAME,
	ZT_R_ORG_CUE,
	ZT_R_NTABLES
} zt_rule_table;

typedef struct zt_rule {
	const char *phrase;
	size_t len;
	const char *value;   /* "" when the line has none */
	const char *flags;   /* "" when the line has none */
	uint32_t first;      /* first code point, case-folded for ASCII */
	int latin;           /* phrase is ASCII: match case-insensitively */
	unsigned order;      /* line order within its table (earlier = stronger) */
} zt_rule;

typedef struct zt_rules zt_rules;

/* Parse rules text; errors name "ORIGIN:LINE: problem". */
zt_status zt_rules_parse(const char *text, size_t len, const char *origin, zt_rules **out,
                         zt_error *err);
/* The rules of data/extract.tsv (zt_data_file). */
zt_status zt_rules_default(zt_rules **out, zt_error *err);
void zt_rules_free(zt_rules *r);

/* The longest rule of `table` whose phrase starts at s[i] (NULL if none).
 * A Latin phrase must also end at a word boundary. */
const zt_rule *zt_rules_at(const zt_rules *r, zt_rule_table table, const char *s, size_t len, size_t i);

/* The tables (bit t for table t) that have a phrase starting with code
 * point c — a cheap first filter before zt_rules_at. */
uint32_t zt_rules_first(const zt_rules *r, uint32_t c);

/* The longest rule of `table` whose phrase ends exactly at s[end]
 * (i.e. occupies s[end - len, end)), NULL if none. */
const zt_rule *zt_rules_ending(const zt_rules *r, zt_rule_table table, const char *s, size_t end);

/* The rule of `table` whose phrase equals s[0,n), NULL if none. */
const zt_rule *zt_rules_get(const zt_rules *r, zt_rule_table table, const char *s, size_t n);

/* All rules of a table in file order. */
const zt_rule *zt_rules_list(const zt_rules *r, zt_rule_table table, size_t *n);

/* Whether s[a, b) is made only of phrases of `table` (greedy, longest
 * first); an empty range is not. */
int zt_rules_cover(const zt_rules *r, zt_rule_table table, const char *s, size_t a, size_t b);

/* The same over two tables: at each position the longer phrase of
 * either table is taken ("多家 AI 公司" is generic words and a common
 * noun).  Spaces between phrases are skipped. */
int zt_rules_cover2(const zt_rules *r, zt_rule_table t1, zt_rule_table t2, const char *s, size_t a,
                    size_t b);

/* Whether the rule's flags contain word `f`. */
int zt_rule_has_flag(const zt_rule *rule, const char *f);

#endif
