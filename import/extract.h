/* extract.h — entities and events from a document model (doc.h).
 *
 * The extractor reads each item's title and body with three aids: the
 * gazetteer (known names, types, aliases, part_of), the topic table, and
 * the rules of data/extract.tsv (endings that type unknown names, title
 * verbs, event-kind cues…).  It produces a self-contained result: a set
 * of entities (merged by group and normalized name within the document)
 * and a list of events, each with its facts and, for --explain, the text
 * span each fact came from.  Nothing here touches the store; emit.h turns
 * the result into facts.
 *
 * Entity identity follows the conventions: IRI urn:zhitu:e:GROUP/KEY,
 * GROUP one of jur, org, person, doc, model, product (names shared by
 * incompatible types stay apart), KEY the normalized canonical name.
 */
#ifndef ZT_IMPORT_EXTRACT_H
#define ZT_IMPORT_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "../store/status.h"
#include "../store/literal.h"
#include "doc.h"
#include "gazetteer.h"
#include "rules.h"

/* Everything the extractor needs besides the document; borrowed. */
typedef struct zt_extract_ctx {
	const zt_gazetteer *gaz;
	const zt_topics *topics;
	const zt_rules *rules;
} zt_extract_ctx;

typedef struct zt_x_entity {
	char *name;           /* canonical label */
	char *key;            /* normalized name: the IRI's KEY */
	const char *type;     /* most specific known type (schema name) */
	const char *group;    /* "jur", "org", "person", "doc", "model", "product" */
	char **aliases;
	char **alias_keys;    /* normalized aliases, parallel to aliases */
	size_t naliases;
	int part_of;          /* entity index or -1 */
	int jurisdiction;     /* entity index or -1 */
	int from_gazetteer;
	uint32_t item;        /* first item that mentioned it (its facts' support) */
	char *iri;            /* set by zt_extract_finish; emit may redirect it */
} zt_x_entity;

/* What an event fact points at. */
typedef enum zt_x_obj { ZT_X_ENTITY, ZT_X_TOPIC, ZT_X_LITERAL } zt_x_obj;

typedef struct zt_x_fact {
	const char *pred;     /* zhitu predicate name: "actor", "amount" … */
	zt_x_obj what;
	int ent;              /* entity index for ZT_X_ENTITY */
	char *value;          /* topic name or literal lexical form */
	zt_kind kind;         /* literal kind (ZT_TEXT, ZT_DATE, ZT_MONEY …) */
	const char *lang;     /* "zh", "en" or NULL for text */
	size_t ev_off, ev_len;/* evidence: a span of the item's text, ev_len 0 = none */
} zt_x_fact;

typedef struct zt_x_event {
	uint32_t item;        /* item number */
	unsigned n;           /* event number within the item (1-based) */
	const char *type;     /* Event subtype name */
	const char *also;     /* a second subtype when the headline reports two
	                       * kinds of news at once ("X 发布 Y，完成 A 轮融资"):
	                       * one event typed both, so that the actor, date and
	                       * title are not told twice; NULL if none */
	zt_date date;
	size_t date_off, date_len;   /* evidence for the date */
	char *title;
	zt_x_fact *facts;
	size_t nfacts, cap;
} zt_x_event;

/* A fact between entities outside events (developer/developed, part_of,
 * invested_in), supported by an item with a time. */
typedef struct zt_x_rel {
	int s;
	const char *pred;
	int o;
	uint32_t item;
	zt_span time;
} zt_x_rel;

typedef struct zt_extraction {
	zt_x_entity *ents;
	size_t nents, ecap;
	zt_x_event *events;
	size_t nevents, vcap;
	zt_x_rel *rels;
	size_t nrels, rcap;
	char **warnings;
	size_t nwarnings;
	void *index;          /* private: entity lookup */
} zt_extraction;

/* Extract everything from `doc`.  ZT_ERR_NOMEM only; odd text becomes
 * warnings. */
zt_status zt_extract(const zt_extract_ctx *ctx, const zt_doc *doc, zt_extraction **out);
void zt_extraction_free(zt_extraction *x);

/* A readable listing (entities, events, facts with evidence) for tests
 * and --explain.  `doc` supplies the evidence text.  malloc'd. */
char *zt_extraction_dump(const zt_extraction *x, const zt_doc *doc);

/* Group and IRI helpers. */
const char *zt_type_group(const zt_gazetteer *gaz, const char *type);

#endif
