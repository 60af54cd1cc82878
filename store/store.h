/* store.h — zhitu's LMDB triple store: the manual.
 *
 * A database is one directory holding one LMDB environment.  It keeps:
 *   - a dictionary: every term (store/term.h) <-> a 64-bit id;
 *   - facts (s, p, o) in three orders, SPO, POS and OSP, with fixed-width
 *     big-endian keys so that any pattern of bound positions is one range
 *     scan; each fact carries its valid time (a zt_span of days);
 *   - supports: which source (and item within it) asserted each fact, with
 *     the time that source gave it.  One (s,p,o) asserted by two sources is
 *     one fact with two supports; forgetting one source keeps the fact;
 *   - a time index (day -> fact) for range queries;
 *   - a name index: normalized label/alias text (store/norm.h) -> node ids,
 *     maintained automatically whenever an rdfs:label or skos:altLabel fact
 *     with a ZT_TEXT object is added or removed;
 *   - sources: name, content hash, publication date, import time, fact count.
 *
 * Threads and processes: any number of readers run beside one writer;
 * readers see the snapshot their transaction began with and never wait.
 * A second writer waits for the first (LMDB's writer lock) unless the store
 * was opened with ZT_OPEN_NOWAIT, in which case zt_txn_begin fails with
 * ZT_ERR_BUSY.
 *
 * The memory map: by default 1 TiB of address space is reserved (512 MiB
 * on 32-bit systems; less when the system refuses that much).  It costs
 * nothing (the file grows only as data is written), so a full map
 * practically never happens.  When one does, the write fails with
 * ZT_ERR_LIMIT, the transaction is spoiled, and the map is doubled when
 * it ends; zt_store_write runs the whole operation again by itself, so
 * write through it (loaders and importers can re-read their input).
 *
 * Ownership: every pointer a function hands back (term strings, source
 * names) is borrowed from the transaction and valid only until it ends;
 * strings are NUL-terminated.  Copy what you keep.  Never keep a
 * transaction open while waiting for a user.
 *
 * Errors: functions return zt_status (store/status.h); those that take a
 * zt_error * fill it with a message a user can act on; the others leave
 * LMDB's detail in zt_txn_errmsg.
 *
 * Caveats (as LMDB's):
 *   - Open a database once per process and share the handle.
 *   - A long-lived read transaction keeps the pages of its snapshot, so
 *     the file grows while it lasts: one read transaction per query.
 *   - An iterator opened in a write transaction must not be used across
 *     writes of the same transaction; every iterator reports ZT_DONE once
 *     its transaction has ended (free it anyway).
 *   - A write transaction that hits an LMDB error other than a full map is
 *     spoiled: everything after fails and commit reports it; abort it.
 *   - Growing the map needs every other transaction of this process to be
 *     finished; a writer that fills the map while a reader of the same
 *     process is open fails with ZT_ERR_LIMIT and the map stays as it is.
 */
#ifndef ZT_STORE_H
#define ZT_STORE_H

#include <stdint.h>
#include <stddef.h>

#include "status.h"
#include "term.h"

typedef uint64_t zt_id;          /* 0 is never a valid id: it means "any" */

typedef struct zt_store zt_store;
typedef struct zt_txn zt_txn;
typedef struct zt_iter zt_iter;

/* ------------------------------------------------------------------ time */

/* A valid time: the inclusive range of days [from, to], days counted from
 * 1970-01-01 (day 0).  A timeless fact has ZT_SPAN_ALWAYS, which overlaps
 * every range, so "timeless facts pass" falls out of the overlap test. */
typedef struct zt_span {
	int32_t from, to;
} zt_span;

#define ZT_DAY_MIN INT32_MIN
#define ZT_DAY_MAX INT32_MAX
#define ZT_SPAN_ALWAYS ((zt_span){ ZT_DAY_MIN, ZT_DAY_MAX })

static inline int zt_span_is_always(zt_span s) { return s.from == ZT_DAY_MIN && s.to == ZT_DAY_MAX; }
static inline int zt_span_overlaps(zt_span a, zt_span b) { return a.from <= b.to && b.from <= a.to; }

/* ---------------------------------------------------------- environment */

enum {
	ZT_OPEN_CREATE = 1 << 0,   /* create the directory and database if absent */
	ZT_OPEN_RDONLY = 1 << 1,   /* read only; writes fail with ZT_ERR_READONLY */
	ZT_OPEN_NOWAIT = 1 << 2,   /* a second writer fails with ZT_ERR_BUSY instead of waiting */
	ZT_OPEN_NOSYNC = 1 << 3    /* opt-in: do not fsync commits (faster bulk loads;
	                              a crash may lose the last commits, never corrupt) */
};

/* Open the database in directory `path` (*out is NULL on failure).
 * Without ZT_OPEN_CREATE, a missing directory or a directory without a
 * database is ZT_ERR_NOTDB ("no such database").  A directory that holds
 * other files but no zhitu database, a plain file, or an LMDB environment
 * that zhitu did not write is ZT_ERR_NOTDB; a database written by an
 * incompatible format version is ZT_ERR_VERSION; a permission problem is
 * ZT_ERR_IO.  With ZT_OPEN_CREATE missing parent directories are made; the
 * new database is readable by its owner only (mode 0600 files, 0700
 * directory) and is seeded with nothing: the vocabulary is loaded by the
 * caller (store/schema.h).  The directory holds data.mdb and lock.mdb
 * (LMDB's) and writer.lock (see ZT_OPEN_NOWAIT).  Open one handle per
 * database per process (an LMDB rule); share it between threads. */
zt_status zt_store_open(const char *path, unsigned flags, zt_store **out, zt_error *err);

/* As zt_store_open, with the size of the memory map in bytes (0 for the
 * default, see above).  A small one is for tests of growth. */
zt_status zt_store_open_with(const char *path, unsigned flags, size_t map_size,
                             zt_store **out, zt_error *err);

/* Close; NULL is a no-op.  All transactions must have ended. */
void zt_store_close(zt_store *st);

/* The directory the store was opened from (borrowed). */
const char *zt_store_path(const zt_store *st);

/* -------------------------------------------------------- transactions */

/* Begin a read (write = 0) or write (write = 1) transaction.  A read
 * transaction sees a consistent snapshot for its whole life. */
zt_status zt_txn_begin(zt_store *st, int write, zt_txn **out, zt_error *err);

/* Commit (durable on return unless ZT_OPEN_NOSYNC).  Frees the handle
 * whatever the outcome. */
zt_status zt_txn_commit(zt_txn *txn, zt_error *err);

/* Abort and free; NULL is a no-op. */
void zt_txn_abort(zt_txn *txn);

/* Run `fn` in a write transaction and commit it: the way to write.  `fn`
 * returns ZT_OK to commit, ZT_DONE to abort with nothing to write
 * (zt_store_write then returns ZT_OK), anything else to abort (returned).
 * When a write fills the map (see above), the transaction is aborted, the
 * map doubled and `fn` called again from the start in a new transaction,
 * so `fn` must not depend on state an earlier call left behind (reset
 * its context first).  `err` is cleared before each call.  Errors: those
 * of zt_txn_begin, of `fn`, of the commit; ZT_ERR_LIMIT when the map
 * cannot grow (other transactions of this process are open, or the
 * system refuses). */
typedef zt_status (*zt_write_fn)(zt_txn *txn, void *ctx, zt_error *err);
zt_status zt_store_write(zt_store *st, zt_write_fn fn, void *ctx, zt_error *err);

/* Whether a write of this transaction filled the map (it is spoiled and
 * the map grows when it ends; run the operation again). */
int zt_txn_map_full(const zt_txn *txn);

/* The LMDB message behind the last ZT_ERR_STORE (or ZT_ERR_LIMIT) that a
 * function of this transaction returned; "" when there is none.  Functions
 * that take no zt_error * leave their detail here.  After such an error in
 * a write transaction only zt_txn_abort (or a commit, which fails) is
 * useful.  Borrowed until the transaction ends. */
const char *zt_txn_errmsg(const zt_txn *txn);

/* Which snapshot a read transaction sees: two read transactions of one
 * store with equal values see identical contents (LMDB's transaction id),
 * so a caller may keep what it derived from one (resolved names, type
 * closures, estimates) for the next.  In a write transaction the value
 * names the snapshot being written, whose contents change as it writes. */
uint64_t zt_txn_snapshot(const zt_txn *txn);

/* ----------------------------------------------------------- dictionary */

/* Return the id of `t`, adding it when new.  The same term always gets
 * the same id; terms of any length work.  Adding needs a write
 * transaction (ZT_ERR_READONLY otherwise); ZT_ERR_ARG for a malformed
 * term (unknown kind, NUL in a language tag or datatype). */
zt_status zt_intern(zt_txn *txn, const zt_term *t, zt_id *out);

/* Return the id of `t`, or ZT_NOTFOUND. */
zt_status zt_lookup(zt_txn *txn, const zt_term *t, zt_id *out);

/* Return the term of `id` (borrowed until the transaction ends; `str`
 * and `extra` are NUL-terminated), or ZT_NOTFOUND. */
zt_status zt_term_of(zt_txn *txn, zt_id id, zt_term *out);

/* The kind of the term behind `id`, without a lookup: an id is a counter
 * (high 56 bits) and its kind (low byte), so ids also sort in the order
 * terms were first stored — except canonical dates, below. */
zt_kind zt_id_kind(zt_id id);

/* Dates.  A ZT_DATE term in canonical form ("2024-05-14", "2024-05",
 * "2024-Q2", "2024"; years 1..9999) has an id computed from its value,
 * not stored in the dictionary: zt_intern and zt_lookup always succeed
 * for it (no write), zt_term_of decodes it without a lookup, and the ids
 * of dates sort by the date's first day (then day < month < quarter <
 * year precision), after the ids of every other term.  So "objects that
 * are dates starting within a span of days" is one id range, which
 * zt_match_range scans as one cursor range.  Dates in any other form are
 * ordinary dictionary terms and outside every such range. */

/* The inclusive id range [*lo, *hi] holding exactly the canonical dates
 * whose first day lies in `span` (clamped to years 1..9999).  ZT_OK, or
 * ZT_NOTFOUND when no such date can exist (the span ends before year 1,
 * starts after 9999, or ends before it starts). */
zt_status zt_date_id_range(zt_span span, zt_id *lo, zt_id *hi);

/* Whether `id` is the value id of a canonical date; if so (and `span` is
 * not NULL) *span gets every day of its period (2024-05 -> May 1..31).
 * No lookup. */
int zt_id_date(zt_id id, zt_span *span);

/* ---------------------------------------------------------------- facts */

typedef struct zt_fact {
	zt_id s, p, o;
	zt_span time;      /* the fact's valid time (hull of its supports' times) */
} zt_fact;

/* Add fact (s,p,o) supported by `source` (an id from zt_source_begin, or 0
 * for an unsourced fact) at item `item` of that source, valid at `time`.
 * Adding a support that exists already is a no-op; the same source and
 * item with another time replaces that support's time.  The fact's time
 * is the hull of its supports' times; a timeless support makes it
 * timeless.  ZT_ERR_ARG for a zero id or a time that ends before it
 * starts; ids are not checked against the dictionary (zt_store_check
 * finds strays). */
zt_status zt_fact_add(zt_txn *txn, zt_id s, zt_id p, zt_id o, zt_span time,
                      zt_id source, uint32_t item);

/* Remove the support of `source` for (s,p,o); the fact goes when its last
 * support goes.  source 0 removes the fact and all its supports.
 * ZT_NOTFOUND if there was no such support. */
zt_status zt_fact_retract(zt_txn *txn, zt_id s, zt_id p, zt_id o, zt_id source);

/* Iterate over the facts matching a pattern; 0 in s, p or o is a wildcard.
 * The index is chosen from the bound positions (every combination is one
 * range scan).  When `time` is not ZT_SPAN_ALWAYS only facts whose valid
 * time overlaps it are returned.  Facts come in the order of the chosen
 * index (ids ascending, positions in the index's order).  zt_iter_next
 * returns ZT_OK with a fact, ZT_DONE at the end.  zt_iter_free(NULL) is a
 * no-op. */
zt_status zt_match(zt_txn *txn, zt_id s, zt_id p, zt_id o, zt_span time, zt_iter **out);
zt_status zt_iter_next(zt_iter *it, zt_fact *out);
void zt_iter_free(zt_iter *it);

/* As zt_match with the object any id in [o_lo, o_hi] (inclusive; an
 * empty iterator when o_lo > o_hi); s and p are bound or 0 as there.  The
 * index: SPO when s is bound (with p too the range is one cursor range
 * under (s, p); without, s's facts are filtered), POS when only p is
 * bound (one cursor range under p), OSP otherwise (a range of OSP keys).
 * Facts come in the index's order.  With zt_date_id_range this is "facts
 * whose object is a date in a span of days" in one range scan. */
zt_status zt_match_range(zt_txn *txn, zt_id s, zt_id p, zt_id o_lo, zt_id o_hi, zt_span time,
                         zt_iter **out);

/* The index zt_match would use for a pattern, for EXPLAIN: "SPO", "POS" or "OSP". */
const char *zt_match_index(zt_id s, zt_id p, zt_id o);

/* An estimate of how many facts match, cheap enough for a planner.  Exact
 * with no, one or three positions bound (the first two are counters LMDB
 * keeps); with two bound, exact up to 1000 and above that the smaller of
 * the two single-position counts (an upper bound). */
zt_status zt_match_estimate(zt_txn *txn, zt_id s, zt_id p, zt_id o, uint64_t *out);

/* Whether the exact fact exists; fills `*fact` (may be NULL) when it does.
 * Returns ZT_OK or ZT_NOTFOUND. */
zt_status zt_fact_get(zt_txn *txn, zt_id s, zt_id p, zt_id o, zt_fact *fact);

/* One support of a fact. */
typedef struct zt_support {
	zt_id source;
	uint32_t item;
	zt_span time;
} zt_support;

/* The supports of fact (s,p,o): up to `cap` are written to `out` and the
 * total count is stored in *n. */
zt_status zt_fact_supports(zt_txn *txn, zt_id s, zt_id p, zt_id o,
                           zt_support *out, size_t cap, size_t *n);

/* The supports of the fact `it` returned last, as zt_fact_supports gives
 * them.  Cheap on iterators over SPO (zt_match with s bound or nothing
 * bound, zt_match_range with s bound): a fact with one support (most) has
 * it inline in the value the iterator read, so no lookup is made.
 * ZT_ERR_ARG before the first fact or after the transaction ended. */
zt_status zt_iter_supports(zt_iter *it, zt_support *out, size_t cap, size_t *n);

/* Iterate over the facts whose valid time overlaps `range` through the
 * time index (timeless facts are not in it), in order of their start day.
 * Same iterator protocol. */
zt_status zt_match_time(zt_txn *txn, zt_span range, zt_iter **out);

/* ----------------------------------------------------------------- names */

/* Node ids whose label or alias normalizes (store/norm.h) to the same key
 * as `name`.  Up to `cap` ids go to `out`, the total count to *n; *n == 0
 * means unknown (also for text that is not valid UTF-8).  Keys longer
 * than 480 bytes are cut (at a character), so very long names that share
 * their first 480 bytes share a key. */
zt_status zt_name_find(zt_txn *txn, const char *name, zt_id *out, size_t cap, size_t *n);

/* Call `fn` for every (normalized key, node) whose key starts with the
 * normalized `prefix`, in key order, until `fn` returns non-zero or `limit`
 * calls were made.  For tab completion. */
typedef int (*zt_name_fn)(void *ctx, const char *key, size_t keylen, zt_id node);
zt_status zt_name_prefix(zt_txn *txn, const char *prefix, size_t limit, zt_name_fn fn, void *ctx);

/* Up to `cap` known names nearest to `name` (edit distance over
 * characters after normalization, closest first; ties: the shorter, then
 * key order), written as borrowed label strings into `out`; *n gets how
 * many.  Only names close enough to be a plausible slip are offered: at
 * most max(2, n/3) edits for a name of n characters, or one name
 * containing the other.  Scans the whole name index: for errors only. */
zt_status zt_name_suggest(zt_txn *txn, const char *name, const char **out, size_t cap, size_t *n);

/* The display label of a node: its rdfs:label in language `lang` when it
 * has one ("zh" or "en"; NULL for any), else any label, else NULL.
 * Borrowed until the transaction ends. */
const char *zt_label_of(zt_txn *txn, zt_id node, const char *lang);

/* --------------------------------------------------------------- sources */

typedef struct zt_source_info {
	zt_id id;              /* the source node, IRI ZT_NS_SOURCE + name */
	const char *name;      /* borrowed */
	const char *hash;      /* hex content hash, borrowed; "" for none */
	int32_t published;     /* publication day (for AS OF); ZT_DAY_MIN if unknown */
	int64_t imported;      /* import time, seconds since the epoch */
	uint64_t facts;        /* supports this source contributes */
} zt_source_info;

/* Start writing source `name` (1..400 bytes) with content `hash` (NULL
 * for none) and publication day `published` in a write transaction.  If a
 * source of that name exists with the same hash, *unchanged (may be NULL)
 * is set to 1 and nothing else happens (the caller should skip the file).
 * If it exists with another hash, its whole earlier contribution is
 * removed first (in this same transaction), so the new content replaces
 * it.  *out gets the source id (the node ZT_NS_SOURCE + name) to pass to
 * zt_fact_add.  The store writes no facts about the source node itself;
 * the importer describes it (conventions: type, label, published). */
zt_status zt_source_begin(zt_txn *txn, const char *name, const char *hash,
                          int32_t published, zt_id *out, int *unchanged);

/* Finish a source: records the import time (the fact count is kept up to
 * date with every support).  ZT_ERR_ARG when `source` is not a source. */
zt_status zt_source_end(zt_txn *txn, zt_id source);

/* Remove exactly what source `name` contributed, and the source record:
 * facts other sources also support stay, with the hull of the times those
 * give.  ZT_NOTFOUND if there is no such source. */
zt_status zt_source_forget(zt_txn *txn, const char *name);

/* Look up one source by id (fills *info) or ZT_NOTFOUND. */
zt_status zt_source_get(zt_txn *txn, zt_id source, zt_source_info *info);

/* Call `fn` for every source, in name order, until it returns non-zero. */
typedef int (*zt_source_fn)(void *ctx, const zt_source_info *info);
zt_status zt_source_list(zt_txn *txn, zt_source_fn fn, void *ctx);

/* --------------------------------------------------------------- bulk load */

/* A bulk loader for large inputs inside one write transaction: terms are
 * interned through an in-memory hash in front of the dictionary, facts
 * are buffered, sorted per index and written in key order in batches of
 * bounded memory.  Facts added through it are visible after
 * zt_bulk_finish (some earlier, batch by batch).  Equivalent in effect to
 * zt_intern + zt_fact_add in the same order, including for facts already
 * stored.  Other writes may happen while a loader is open, but facts it
 * still buffers are not in the store yet: finish it first when a write
 * depends on them (zt_source_begin replacing or zt_source_forget removing
 * a source the loader has facts for).  After an error the loader fails every
 * call; abort the transaction.  Errors: ZT_ERR_ARG for a malformed term or
 * a time that ends before it starts (that call only), store errors. */
typedef struct zt_bulk zt_bulk;
zt_status zt_bulk_begin(zt_txn *txn, zt_bulk **out);
/* Facts per batch (0: the default, 131072).  Memory grows with it; mostly
 * for tests that want many batches from few facts. */
void zt_bulk_set_batch(zt_bulk *b, size_t facts);
zt_status zt_bulk_add(zt_bulk *b, const zt_term *s, const zt_term *p, const zt_term *o,
                      zt_span time, zt_id source, uint32_t item);
zt_status zt_bulk_finish(zt_bulk *b);   /* flushes and frees */
void zt_bulk_abort(zt_bulk *b);         /* frees; the txn should be aborted */

/* ------------------------------------------------------- check and stats */

typedef struct zt_stats {
	uint64_t terms, facts, supports, sources, names, timed_facts;
	uint64_t map_size, map_used;      /* bytes */
} zt_stats;

/* Counts from LMDB's counters (cheap: no scan).  `names` counts (key,
 * node) pairs of the name index; map_used is the file's used size. */
zt_status zt_store_stats(zt_txn *txn, zt_stats *out);

/* Verify the whole database: every fact in all three indexes with equal
 * times, every dictionary entry round-trips, supports and facts agree,
 * time and name indexes agree with the facts, source counts are right.
 * Returns ZT_OK or ZT_ERR_CORRUPT with the first problem in `err`;
 * *problems gets the number found. */
zt_status zt_store_check(zt_txn *txn, uint64_t *problems, zt_error *err);

/* As zt_store_check, calling `fn` (may be NULL) with a one-line message for
 * every problem found, in the order found. */
typedef void (*zt_problem_fn)(void *ctx, const char *msg);
zt_status zt_store_check_report(zt_txn *txn, zt_problem_fn fn, void *ctx,
                                uint64_t *problems, zt_error *err);

#endif
