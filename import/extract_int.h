/* extract_int.h — private to import/extract*.c: the per-item working
 * state (mentions of names, money, dates) shared by the mention finders
 * (extract.c) and the event builder (events.c). */
#ifndef ZT_IMPORT_EXTRACT_INT_H
#define ZT_IMPORT_EXTRACT_INT_H

#include "extract.h"
#include "text.h"

/* How a mention was found, strongest first. */
typedef enum mention_how {
	HOW_GAZ = 1,      /* gazetteer name or alias */
	HOW_DOC,          /* 《…》 with a document ending, a bill number */
	HOW_PERSON,       /* dotted transliteration or a role + name */
	HOW_ORG,          /* an organisation ending */
	HOW_DESC,         /* a descriptor before it ("初创公司 X") */
	HOW_CUE,          /* a cue after it ("X 大模型", "X 机制") */
	HOW_QUOTE,        /* a quoted name typed by context */
	HOW_ABBREV,       /* 中美 → 中国, 美国 */
	HOW_LIST          /* an element of an investor list */
} mention_how;

typedef struct mention {
	size_t s, e;          /* byte range in the item text */
	int ent;              /* entity index */
	mention_how how;
} mention;

typedef struct money_m {
	size_t s, e;
	double value;
	char cur[4];
} money_m;

typedef struct date_m {
	size_t s, e;
	zt_date date;
} date_m;

typedef struct item_state {
	const zt_extract_ctx *ctx;
	const zt_doc *doc;
	const zt_item *item;
	zt_extraction *x;
	const char *t;        /* item text */
	size_t n;             /* its length */
	size_t tl;            /* title length */
	size_t b0, b1;        /* body range */
	size_t lead1;         /* end of the lead paragraph */
	mention *m;
	size_t nm, mcap;
	money_m *money;
	size_t nmoney, moneycap;
	const char *want;     /* the type an organisation ending gives, while scanning left */
	uint32_t *pmask;      /* per byte: rule tables with a phrase starting there (0 inside a character) */
	size_t pcap;
} item_state;

/* zt_rules_at behind the per-position filter. */
static inline const zt_rule *x_rule_at(const item_state *st, zt_rule_table t, size_t i)
{
	if (i >= st->n || !(st->pmask[i] & (1u << t)))
		return NULL;
	return zt_rules_at(st->ctx->rules, t, st->t, st->n, i);
}

/* Entities (extract.c). */
int x_entity(item_state *st, const char *name, size_t len, const char *type);
int x_entity_gaz(item_state *st, const zt_gaz_entry *e);
void x_alias(item_state *st, int ent, const char *name, size_t len);
int x_type_depth(const char *type);
/* Whether t[s, e) counts things (a numeral before a measure word). */
int x_descriptive(const zt_rules *R, const char *t, size_t s, size_t e);
int x_is_a(const item_state *st, const char *type, const char *ancestor);

/* Mentions (extract.c). */
zt_status x_find_mentions(item_state *st);
const mention *x_mention_at(const item_state *st, size_t s, size_t e);
int x_add_mention(item_state *st, size_t s, size_t e, int ent, mention_how how);
size_t x_latin_name(const char *t, size_t n, size_t i, size_t *end);
enum { LEFT_LATIN = 1, LEFT_WEAK_STOPS = 2, LEFT_ABSORB = 4, LEFT_AND = 8 };
size_t x_left_name(const item_state *st, size_t end, size_t limit_chars, int flags);

/* Events (events.c). */
zt_status x_item_events(item_state *st);

/* Facts. */
zt_x_event *x_event_new(item_state *st, const char *type);
void x_fact_ent(item_state *st, zt_x_event *ev, const char *pred, int ent, size_t off, size_t len);
void x_fact_lit(item_state *st, zt_x_event *ev, const char *pred, zt_kind kind, const char *value,
                const char *lang, size_t off, size_t len);
void x_fact_topic(item_state *st, zt_x_event *ev, const char *topic);
void x_rel(item_state *st, int s, const char *pred, int o, zt_span time);
void x_warn(zt_extraction *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
