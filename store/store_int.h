/* store_int.h — private to the store/ sources: the layout of the LMDB environment,
 * the handle structs and key codecs.
 *
 * Named databases (all keys and ids big-endian, so LMDB's byte order is the
 * numeric order; days are stored with the sign bit flipped so that negative
 * days sort before positive ones):
 *
 *   meta     "magic" -> "zhitu-store"; "version" -> u32; "next" -> u64 (the
 *            next id counter); "maxspan" -> u64 (an upper bound of to-from
 *            over every timed fact ever written, for zt_match_time);
 *            "multi" -> u64 (how many facts have several supports).
 *   t2i      XXH3-64 of the term encoding (8) => dups id (8), DUPSORT|DUPFIXED.
 *            A lookup compares the term stored under each id of its hash
 *            (almost always one), so hash collisions are harmless and terms
 *            of any length work; fixed 8-byte keys keep the table small and
 *            let the bulk loader sort new terms as integers.
 *   i2t      id (8) -> encoding followed by one NUL byte, so that strings
 *            handed out of a read transaction are NUL-terminated in place.
 *   spo      s (8) => dups p|o|from|to|source|item (36)  MDB_DUPSORT|MDB_DUPFIXED:
 *            a fact with one support keeps it here (the fact's time is
 *            the support's); with more, source is ZT_MULTI and item 0
 *   pos      p (8) => dups o|s|from|to (24)       (the same fact in the
 *   osp      o (8) => dups s|p|from|to (24)        other two orders)
 *   sup      s|p|o (24) => dups source|item|from|to (20): the supports of
 *            facts that have two or more (ZT_MULTI in SPO)
 *   bysrc    source (8) => dups s|p|o|item (28): what a source contributed
 *            (unsourced supports, source 0, are not listed here)
 *   time     from (4) => dups s|p|o|to (28): every fact whose time is not
 *            ZT_SPAN_ALWAYS
 *   names    normalized text (<= ZT_NAME_KEY_MAX bytes) => dups node (8)
 *   sources  name -> id (8) | published (4) | imported (8) | facts (8) | hash
 *
 * An id is a counter shared by all kinds (high 56 bits) and the kind of
 * its term (zt_kind, the low byte).  Counter-major ids make every index
 * key order creation order: what a load adds sorts after what was there,
 * so it is appended (full pages, no search) instead of inserted.
 *
 * Canonical dates ("2024-05-14", "2024-05", "2024-Q2", "2024"; years
 * 1..9999) are the exception: their id is computed from their value and
 * they are not in the dictionary.  Value id: bit 63 set (counters never
 * reach it), bits 10..41 the first day of the date (sign bit flipped),
 * bits 8..9 the precision (zt_precision: day, month, quarter, year), the
 * low byte ZT_DATE.  So date ids sort by first day, a POS or OSP range
 * over them is a range of days, and no lookup is needed either way.
 */
#ifndef ZT_STORE_INT_H
#define ZT_STORE_INT_H

#include <lmdb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "store.h"

#define ZT_FORMAT_MAGIC "zhitu-store"
#define ZT_FORMAT_VERSION 5u

#define ZT_NAME_KEY_MAX 480     /* names longer than this are truncated (at a character) */
/* The map reserves address space only (without MDB_WRITEMAP LMDB grows the
 * file as it writes), so a very large one costs nothing and means that
 * MDB_MAP_FULL practically never happens: 1 TiB on 64-bit systems; on
 * 32-bit ones, whose address space is 4 GiB, 512 MiB.  When the system
 * refuses a map that large (ulimit -v), open halves it until it fits. */
#if SIZE_MAX > 0xFFFFFFFFu
#define ZT_DEFAULT_MAP ((size_t)1 << 40)
#else
#define ZT_DEFAULT_MAP ((size_t)1 << 29)
#endif
#define ZT_MIN_MAP ((size_t)1 << 26)

enum {
	DB_META, DB_T2I, DB_I2T, DB_SPO, DB_POS, DB_OSP, DB_SUP, DB_BYSRC,
	DB_TIME, DB_NAMES, DB_SOURCES, DB_COUNT
};

#define SPO_VAL 36      /* spo dup: id id from to source item */
#define FACT_VAL 24     /* pos/osp dup: id id from to */
#define ZT_MULTI (~(zt_id)0)   /* in SPO: the supports are in the sup table */
#define SUP_VAL 20      /* source item from to */
#define BYSRC_VAL 28    /* s p o item */
#define TIME_VAL 28     /* s p o to */

struct zt_store {
	MDB_env *env;
	MDB_dbi dbi[DB_COUNT];
	unsigned flags;
	char *path;
	int lockfd;                   /* writer.lock, flock'ed by writers */
	pthread_mutex_t wlock;        /* serializes writers of this process */
	pthread_mutex_t mu;           /* guards active */
	int active;                   /* live transactions of this process */
	size_t map_size;
};

/* Chunked bump allocator for strings handed out of write transactions. */
typedef struct zt_arena_chunk zt_arena_chunk;
typedef struct zt_arena { zt_arena_chunk *head; } zt_arena;
void *zt_arena_alloc(zt_arena *a, size_t n);
void zt_arena_free(zt_arena *a);

typedef struct zt_src_delta { zt_id src; int64_t delta; } zt_src_delta;

struct zt_txn {
	zt_store *st;
	MDB_txn *mt;
	int write;
	int broken;                 /* an unrecoverable error: only abort is allowed */
	unsigned gen;               /* bumped when the LMDB txn is replaced */
	zt_arena arena;
	zt_iter *iters;             /* live iterators, closed when the txn ends */
	/* Cursors kept for reuse (opening one costs an allocation): one per
	 * table from freed iterators, and one on SPO for fact reads.  Closed
	 * with the iterators, before the LMDB txn ends. */
	MDB_cursor *spare[DB_COUNT];
	MDB_cursor *probe;
	/* resolved lazily: 0 = not looked up yet, ~0 = absent */
	zt_id id_label, id_alt;
	/* write state, written to meta at commit */
	uint64_t next;
	uint64_t maxspan;
	uint64_t multi;             /* facts with several supports (for stats) */
	int meta_dirty;
	zt_src_delta *deltas;
	size_t ndeltas, capdeltas;
	int mapfull;                /* a write hit MDB_MAP_FULL: grow when the txn ends */
	int last_mdb_rc;            /* the LMDB code behind the last ZT_ERR_STORE */
	char last_err[256];
};

struct zt_iter {
	zt_txn *txn;
	zt_iter *next_it, *prev_it;
	MDB_cursor *cur;
	int which;                  /* DB_SPO.. / DB_TIME */
	unsigned char key[8];
	unsigned char pfx[16];
	size_t pfxlen;              /* bytes of the dup value that must match */
	int keybound;               /* key fixed (iterate dups only) */
	int started, done;
	zt_span filter;
	int32_t tmax;               /* time iterator: stop after this from */
	unsigned char start[16];    /* where a bound key's dups start (pfx, or a range's low end) */
	size_t startlen;
	int ranged;                 /* zt_match_range: the object in [olo, ohi] */
	int range_ends;             /* the index order ends the range at ohi */
	zt_id olo, ohi;
	zt_fact last;               /* the fact zt_iter_next returned last */
	int have_last;
	zt_id last_src;             /* its inline support (SPO only; ZT_MULTI: in sup) */
	uint32_t last_item;
	int last_inline;
	unsigned char *multi;       /* MDB_GET_MULTIPLE page of dups */
	size_t nmulti, imulti;
	unsigned char mkey[8];
};

/* ------------------------------------------------------------- codecs */

static inline void zt_put64(unsigned char *b, uint64_t v)
{
	for (int i = 7; i >= 0; i--) { b[i] = (unsigned char)v; v >>= 8; }
}
static inline uint64_t zt_get64(const unsigned char *b)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++) v = v << 8 | b[i];
	return v;
}
static inline void zt_put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24); b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8); b[3] = (unsigned char)v;
}
static inline uint32_t zt_get32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}
static inline void zt_putday(unsigned char *b, int32_t d) { zt_put32(b, (uint32_t)d ^ 0x80000000u); }
static inline int32_t zt_getday(const unsigned char *b) { return (int32_t)(zt_get32(b) ^ 0x80000000u); }

static inline zt_span zt_span_hull(zt_span a, zt_span b)
{
	return (zt_span){ a.from < b.from ? a.from : b.from, a.to > b.to ? a.to : b.to };
}
static inline int zt_span_eq(zt_span a, zt_span b) { return a.from == b.from && a.to == b.to; }

static inline MDB_val zt_val(const void *p, size_t n) { return (MDB_val){ n, (void *)p }; }

/* --------------------------------------------------------- internals */

/* Record an LMDB failure on the txn and turn it into a zt_status. */
zt_status zt__mdb(zt_txn *t, int rc, const char *what);
#define ZT_MDB(t, rc, what) ((rc) == 0 ? ZT_OK : zt__mdb((t), (rc), (what)))
static inline void zt__multi(zt_txn *t, int d)
{
	t->multi += (uint64_t)(int64_t)d;
	t->meta_dirty = 1;
}
zt_status zt__writable(zt_txn *t);
/* After a public write operation ended with status `st`: a write that
 * failed halfway leaves the transaction in a state nothing should build
 * on (callers check arguments before writing), so any error spoils it. */
zt_status zt__after_write(zt_txn *t, zt_status st);

/* dictionary (dict.c) */
zt_status zt__dict_lookup(zt_txn *t, const unsigned char *enc, size_t len, zt_id *out);
uint64_t zt__term_hash(const unsigned char *enc, size_t len);
/* Lookup through an open t2i cursor with the hash already computed. */
zt_status zt__dict_lookup_hashed(zt_txn *t, uint64_t h, const unsigned char *enc, size_t len,
                                 MDB_cursor *c, zt_id *out);
zt_status zt__dict_write(zt_txn *t, zt_id id, const unsigned char *enc, size_t len, MDB_cursor *ct, MDB_cursor *ci);
zt_status zt__term_raw(zt_txn *t, zt_id id, zt_term *out);
zt_id zt__new_id(zt_txn *t, zt_kind kind);
#define ZT_VALUE_BIT ((zt_id)1 << 63)
/* The value id of canonical date text `s` (len bytes), or 0 when it is not
 * a canonical date. */
zt_id zt__date_id(const char *s, size_t len);
/* The canonical text of value id `id` into buf (NUL-terminated), its
 * length to *len; 0 when `id` is not a valid value id. */
int zt__date_text(zt_id id, char buf[16], size_t *len);
zt_id zt__id_label(zt_txn *t);
zt_id zt__id_alt(zt_txn *t);
void zt__note_new_term(zt_txn *t, zt_id id, const unsigned char *enc, size_t len);

/* facts (facts.c) */
zt_status zt__apply_add(zt_txn *t, const unsigned char *rec);
zt_status zt__apply_retract(zt_txn *t, const unsigned char *rec);
zt_status zt__remove_support(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_id src, int all_items,
                             uint32_t item, int *removed);
zt_status zt__fact_time_get(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span *out, int *found);
zt_status zt__fact_read(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span *tm, zt_id *src,
                        uint32_t *item, int *found);
zt_status zt__index_put(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span tm, zt_id src, uint32_t item);
zt_status zt__index_del(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span tm);
void zt__iter_detach_all(zt_txn *t);

/* names (names.c) */
zt_status zt__names_on_add(zt_txn *t, zt_id s, zt_id p, zt_id o);
zt_status zt__names_on_del(zt_txn *t, zt_id s, zt_id p, zt_id o);
int zt__is_name_pred(zt_txn *t, zt_id p);
zt_status zt__name_key(const char *s, size_t len, char **key, size_t *klen);

/* sources (sources.c) */
zt_status zt__apply_src_begin(zt_txn *t, const unsigned char *rec, size_t len, int *unchanged);
zt_status zt__apply_src_end(zt_txn *t, const unsigned char *rec);
zt_status zt__apply_forget(zt_txn *t, const unsigned char *rec, size_t len, int *found);
zt_status zt__src_delta(zt_txn *t, zt_id src, int64_t d);
zt_status zt__flush_deltas(zt_txn *t);

/* A copy of `n` bytes (plus a NUL) that lives as long as the txn: direct
 * for read txns (LMDB memory is stable), copied for write txns. */
const char *zt__hand_out(zt_txn *t, const void *p, size_t n);

#endif
