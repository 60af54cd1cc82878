/* engine.h — the query engine's internals (private to query/).
 *
 * One statement runs in one zt_q: a read transaction, the settings of the
 * session, the statement's time range and AS OF day, the guards (time
 * limit, interrupt, row and memory limits) and a cache of display labels.
 * Ids flow through resolution, planning, joins and paths; strings are
 * looked up only to print.
 *
 * Modules:
 *   errors.c   located messages with the source line and a caret
 *   resolve.c  names, literals and types to ids; display labels; AS OF
 *   paths.c    property paths, breadth-first over id sets
 *   plan.c     FIND: variables, patterns, filters, ordering by estimates
 *   exec.c     FIND: the pipelined executor, aggregation, ordering, output
 *   commands.c DESCRIBE, TIMELINE, PATH, SHOW
 *   session.c  the public API of session.h
 */
#ifndef ZT_ENGINE_H
#define ZT_ENGINE_H

#include <signal.h>
#include <stdio.h>

#include "../grammar/ast.h"
#include "../store/literal.h"
#include "../store/store.h"
#include "qutil.h"
#include "session.h"

/* Ids of the vocabulary the engine needs, looked up once per statement
 * (0 when the store does not have them). */
typedef struct zt_wk {
	zt_id type, label, alt, subclass, cls, property, topic_type;
	zt_id date, title, url, source, published, content_hash, round, outcome;
} zt_wk;

/* ------------------------------------------------------------- cache.c */

/* What a session keeps between statements: results that depend only on
 * the store's contents (resolved names, type closures, estimates, display
 * labels, sources' publication days), valid while statements see the
 * same snapshot (zt_txn_snapshot).  Keys are byte strings chosen by the
 * callers (a tag byte first, so kinds of entry never collide); values
 * are arrays of 64-bit words. */
typedef struct zt_qcache zt_qcache;
zt_qcache *zt_qcache_new(void);          /* NULL when out of memory */
void zt_qcache_free(zt_qcache *c);       /* NULL is a no-op */
/* Use the cache for a statement running in `txn`: everything is dropped
 * when the snapshot is not the one the entries describe, or when the
 * cache has grown past its bound. */
void zt_qcache_begin(zt_qcache *c, zt_txn *txn);
/* The value stored under `key` (*n words; the pointer is valid until the
 * next zt_qcache_begin), or NULL.  A NULL cache holds nothing. */
const uint64_t *zt_qcache_get(zt_qcache *c, const void *key, size_t klen, size_t *n);
/* Store a value (copied); a key already present keeps its value.  When
 * memory is short nothing is stored, which only costs a recomputation. */
void zt_qcache_put(zt_qcache *c, const void *key, size_t klen, const uint64_t *val, size_t n);
/* The maps of display labels (id -> (uintptr_t) malloc'd string, freed
 * by the cache) and of sources' publication days. */
zt_idmap *zt_qcache_labels(zt_qcache *c);
zt_idmap *zt_qcache_published(zt_qcache *c);

typedef struct zt_q {
	zt_txn *txn;
	zt_wk wk;
	/* where the statement came from, for messages */
	const char *text;
	size_t len;
	const char *origin;
	int first_line;
	zt_error *err;
	/* settings */
	zt_format fmt;
	int cite;
	FILE *out;
	/* the statement's time clauses */
	zt_span range;          /* ZT_SPAN_ALWAYS when none */
	int has_asof;
	int32_t asof;
	zt_qcache *cache;       /* the session's: names, closures, estimates, labels */
	/* guards */
	size_t mem, mem_limit;
	unsigned long max_rows;
	double deadline;        /* monotonic seconds; 0 = none */
	double timeout;
	unsigned tick;
	volatile sig_atomic_t *interrupt;
} zt_q;

/* ------------------------------------------------------------ errors.c */

/* Render "error: [ORIGIN: ]line L, column C: MSG", the source line and a
 * caret under the location into b.  The caret is placed by display width,
 * so it lines up under Chinese text. */
void zt_render_error(zt_sbuf *b, const char *text, size_t len, const char *origin, int first_line,
                     const zt_loc *loc, const char *msg);

/* Fill q->err with a located message; returns st. */
zt_status zt_q_fail_at(zt_q *q, const zt_loc *loc, zt_status st, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A name as quoted in a message: at most 60 characters, then "…"
 * (returns s itself when short enough, else buf). */
const char *zt_q_short(const char *s, char *buf, size_t cap);

/* Fill q->err with "error: MSG" (no location); returns st. */
zt_status zt_q_fail(zt_q *q, zt_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Time, interrupt and memory guards: cheap, call it in every loop.
 * Every 256th call reads the clock. */
zt_status zt_q_check_slow(zt_q *q);
static inline zt_status zt_q_check(zt_q *q)
{
	if ((++q->tick & 255) == 0 || (q->interrupt && *q->interrupt))
		return zt_q_check_slow(q);
	return ZT_OK;
}

/* A store failure as a message. */
zt_status zt_q_store_error(zt_q *q, zt_status st);

/* The status after an iteration loop: ZT_DONE becomes ZT_OK; an error
 * that has no message yet (from the store) gets one. */
zt_status zt_q_iter_status(zt_q *q, zt_status st);

/* ----------------------------------------------------------- resolve.c */

typedef enum zt_role {
	ZT_ROLE_NODE,      /* subject/object: entities and topics first */
	ZT_ROLE_PRED,      /* predicate position: predicate nodes first */
	ZT_ROLE_TYPE       /* object of `a`: types first */
} zt_role;

typedef enum zt_nodekind {
	ZT_NK_ENTITY, ZT_NK_PRED, ZT_NK_TYPE, ZT_NK_TOPIC, ZT_NK_LITERAL
} zt_nodekind;

/* Look up the vocabulary ids, through `cache` (may be NULL): ids found
 * are kept there for the next statement. */
zt_status zt_q_init_wk(zt_q *q, zt_wk *cache);

/* Resolve a term that is not a variable to the ids it may mean, appended
 * to out.  Names go through the name index and fail with ZT_ERR_UNKNOWN
 * and a "did you mean" suggestion when unknown; literals are converted to
 * their canonical term and looked up (a literal the store does not hold
 * gives no ids, which is not an error). */
zt_status zt_q_resolve(zt_q *q, const zt_aterm *t, zt_role role, zt_idvec *out);

/* The ids of text literals equal to `text` (with lang zh, en or none). */
zt_status zt_q_text_ids(zt_q *q, const char *text, zt_idvec *out);

/* Add every subtype (rdfs:subClassOf, transitively) of the ids in v. */
zt_status zt_q_subtypes(zt_q *q, zt_idvec *v);

/* What kind of node an id is. */
zt_nodekind zt_q_node_kind(zt_q *q, zt_id id);

/* Whether the predicate's objects are text (label, alias, title, url …). */
int zt_q_text_predicate(zt_q *q, zt_id p);

/* A date term (2024, 2024-05, 2024年5月14日, 2024-Q2) to a date. */
zt_status zt_q_date(zt_q *q, const zt_aterm *t, zt_date *out);

/* The display string of a node or literal: a node's label (English for
 * the vocabulary, the canonical label otherwise), an event's title, else
 * the IRI; a literal's lexical form.  Cached for the statement; the
 * pointer stays valid until the statement ends (the session's cache
 * keeps it).  NULL only when out of memory. */
const char *zt_q_display(zt_q *q, zt_id id);

/* Whether fact (s,p,o) is visible AS OF the statement's day: at least one
 * support from a source published by then (unsourced facts and sources of
 * unknown date are always visible).  1 visible, 0 not; *st set on error. */
int zt_q_visible(zt_q *q, zt_id s, zt_id p, zt_id o, zt_status *st);

/* The time a fact holds, as text: "" for timeless, "2024-05-14" for one
 * day, "2024-05-01..2024-05-31" for a range. */
void zt_q_span_text(zt_span sp, char *buf, size_t cap);

/* Citations: the source items supporting the facts behind one answer.
 * Add the supports of each fact (the vocabulary's own source and, AS OF,
 * sources published later are left out; one entry per source item, with
 * the item's date when any of its supports has one), then write them as
 * "SOURCE#ITEM DATE URL; …" ordered by document name and item number, so
 * the column reads the same whatever order the plan found the facts in.
 * URL is the link of one of the item's events, else of the fact's
 * subject, else of the document; it is left out when none has one. */
typedef struct zt_cite {
	zt_id source, subject;
	uint32_t item;
	zt_span time;
} zt_cite;
typedef struct zt_cites {
	zt_cite *v;
	size_t n, cap;
} zt_cites;
zt_status zt_q_cite_add(zt_q *q, zt_id s, zt_id p, zt_id o, zt_cites *c);
zt_status zt_q_cite_text(zt_q *q, const zt_cites *c, zt_sbuf *b);
void zt_cites_free(zt_cites *c);

/* Release the statement's caches. */
void zt_q_done(zt_q *q);

/* ------------------------------------------------------------- paths.c */

typedef enum zt_qpath_kind { ZT_QP_LINK, ZT_QP_INV, ZT_QP_SEQ, ZT_QP_ALT, ZT_QP_REPEAT } zt_qpath_kind;

typedef struct zt_qpath {
	zt_qpath_kind kind;
	zt_idvec p;                    /* LINK: the predicate ids */
	struct zt_qpath *a, *b;
	int min, max;                  /* REPEAT; max ZT_REPEAT_INF */
} zt_qpath;

/* Resolve a path of the AST (names to predicate ids, bounds checked). */
zt_status zt_qpath_compile(zt_q *q, const zt_apath *ap, zt_qpath **out);
void zt_qpath_free(zt_qpath *p);

/* Whether the path is one plain link (p, not ^p or p*). */
int zt_qpath_is_link(const zt_qpath *p);

/* The nodes reached from `from` along the path (forward = 1) or against
 * it (forward = 0), each once, in breadth-first order, appended to `out`
 * (which must be empty).  Every hop respects the statement's time range
 * and AS OF day; repetition is breadth-first with visited sets, so cycles
 * end. */
zt_status zt_qpath_eval(zt_q *q, const zt_qpath *p, zt_id from, int forward, zt_idvec *out);

/* One chain of facts by which `to` is reached from `from` along the path,
 * appended to `out` as (s, p, o) triples in path order: the evidence of a
 * path pattern's row, for citations.  Each hop respects the statement's
 * time range and AS OF day, as zt_qpath_eval does; repetitions take a
 * shortest chain.  Nothing is appended when there is none (or for zero
 * hops). */
zt_status zt_qpath_witness(zt_q *q, const zt_qpath *p, zt_id from, zt_id to, zt_idvec *out);

/* Every node a path can start from (forward) or end at (backward), each
 * once, appended to `out` (which must be empty). */
zt_status zt_qpath_starts(zt_q *q, const zt_qpath *p, int forward, zt_idvec *out);

/* -------------------------------------------------------- plan.c, exec.c */

/* Run FIND (explain = 0) or EXPLAIN FIND (explain = 1), writing to q->out. */
zt_status zt_q_find(zt_q *q, const zt_astmt *st, int explain);

/* Apply the time clauses (DURING … AS OF) of a statement to q; rejects
 * repeats and clauses that do not apply (allowed: a mask of ZT_MOD_*
 * bits).  *limit, *offset, *max get LIMIT/OFFSET/MAX when not NULL
 * (ULONG_MAX / 0 / 0 when absent). */
zt_status zt_q_mods(zt_q *q, const zt_astmt *st, unsigned allowed,
                    unsigned long *limit, unsigned long *offset, unsigned long *max);

/* --------------------------------------------------------- commands.c */

zt_status zt_q_describe(zt_q *q, const zt_astmt *st);
zt_status zt_q_timeline(zt_q *q, const zt_astmt *st);
zt_status zt_q_path(zt_q *q, const zt_astmt *st);
zt_status zt_q_show(zt_q *q, const zt_astmt *st);

/* Write a result through query/format.h, with the format's errors
 * turned into messages. */
typedef struct zt_writer zt_writer;
zt_status zt_q_writer(zt_q *q, size_t ncols, const char *const *names, zt_writer **w);

#endif
