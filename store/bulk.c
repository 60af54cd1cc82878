/* bulk.c — the bulk loader.
 *
 * zt_bulk_add interns terms through an in-memory hash table (a term seen
 * before costs one probe) and buffers the fact with term numbers.  Every
 * BATCH_FACTS facts (or BATCH_BYTES of new term text) the batch is flushed:
 *   1. the batch's unknown terms are sorted by their dictionary hash and
 *      looked up in one forward pass over t2i (a term that falls between
 *      two stored hashes needs no search at all); the missing ones get ids;
 *   2. apply_arrays writes the new terms, then sorts the facts once per
 *      order (SPO with their supports, POS, OSP, time, by source) with an
 *      LSD radix sort that skips bytes all keys share, and writes each
 *      index in key order, with MDB_APPEND / MDB_APPENDDUP where the keys
 *      fall after the table's last key (a fresh table, new subjects, a new
 *      source).  Facts already in the store (or repeated across batches)
 *      go through the ordinary zt_fact_add logic.
 * Memory is bounded by the batch and by the term table, which is emptied
 * after a flush once it holds TABLE_MAX_TERMS terms or TABLE_MAX_BYTES. */
#include "store_int.h"

#include <stdlib.h>

#define BATCH_FACTS ((size_t)1 << 17)
#define BATCH_BYTES ((size_t)16 << 20)
#define TABLE_MAX_TERMS ((size_t)1 << 21)
#define TABLE_MAX_BYTES ((size_t)64 << 20)

#define F_W 6   /* fact records: s p o src item time, sorted by the first 5 */
#define X_W 4   /* index records */

/* Work arrays, kept from one flush to the next: first-touching fresh
 * memory is costly (on some virtual machines a page fault costs more
 * than writing the page), so a bulk load reuses the same pages. */
typedef struct scratch {
	size_t cap, tcap;          /* facts, terms */
	uint64_t *f, *ftmp, *nfr, *sup, *x, *tmp;
	uint64_t *hp, *htmp;
	struct bnew *nt;
	size_t cnt[5 * 8][256];
} scratch;

/* A new term for the dictionary. */
typedef struct bnew {
	zt_id id;
	const unsigned char *enc;
	uint32_t len;
} bnew;

typedef struct bterm {
	uint64_t hash;
	zt_id id;            /* 0 until resolved */
	uint64_t off;        /* encoding at bytes + off */
	uint32_t len;
} bterm;

typedef struct bfact {
	uint32_t s, p, o, item;
	int32_t from, to;
	zt_id src;
} bfact;

struct zt_bulk {
	zt_txn *t;
	unsigned char *bytes;
	size_t nbytes, capbytes, batchbytes;
	bterm *terms;
	size_t nterms, capterms;
	uint64_t *slots;     /* hash tag (high 32 bits) | term index + 1; 0 = empty */
	size_t nslots;
	uint32_t *pending;   /* terms added since the last flush, unresolved */
	size_t npending, cappending;
	bfact *facts;
	size_t nfacts, capfacts;
	size_t batch;
	scratch *sc;
	zt_status err;       /* sticky: once a flush failed, everything fails */
};

static void scratch_free(scratch *sc)
{
	if (!sc)
		return;
	free(sc->f); free(sc->ftmp); free(sc->nfr); free(sc->sup); free(sc->x); free(sc->tmp);
	free(sc->hp); free(sc->htmp); free(sc->nt);
	free(sc);
}

/* Make room for n facts and nt terms. */
static int scratch_reserve(scratch *sc, size_t n, size_t nt)
{
	n = n ? n : 1;
	nt = nt ? nt : 1;
	if (n > sc->cap) {
		size_t c = n;
		uint64_t *a[6];
		size_t w[6] = { F_W, F_W, F_W, F_W, F_W, F_W };
		int ok = 1;
		for (int i = 0; i < 6; i++)
			ok &= (a[i] = malloc(c * w[i] * sizeof(uint64_t))) != NULL;
		if (!ok) {
			for (int i = 0; i < 6; i++)
				free(a[i]);
			return -1;
		}
		free(sc->f); free(sc->ftmp); free(sc->nfr); free(sc->sup); free(sc->x); free(sc->tmp);
		sc->f = a[0]; sc->ftmp = a[1]; sc->nfr = a[2]; sc->sup = a[3]; sc->x = a[4]; sc->tmp = a[5];
		sc->cap = c;
	}
	if (nt > sc->tcap) {
		size_t c = nt;
		uint64_t *hp = malloc(c * 2 * sizeof *hp), *htmp = malloc(c * 2 * sizeof *htmp);
		bnew *nw = malloc(c * sizeof *nw);
		if (!hp || !htmp || !nw) {
			free(hp); free(htmp); free(nw);
			return -1;
		}
		free(sc->hp); free(sc->htmp); free(sc->nt);
		sc->hp = hp; sc->htmp = htmp; sc->nt = nw;
		sc->tcap = c;
	}
	return 0;
}

/* ------------------------------------------------------------ growing */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 1024;
	while (c < need)
		c *= 2;
	void *np = realloc(*p, c * elem);
	if (!np)
		return -1;
	*p = np;
	*cap = c;
	return 0;
}

/* ---------------------------------------------------------- radix sort */

/* Sort n records of W 64-bit words by their first K words (word 0 most
 * significant), stably, least significant byte first; byte positions in
 * which every key agrees are skipped.  `tmp` has room for n records.
 * Returns the array holding the result (a or tmp). */
static uint64_t *radix_sort(uint64_t *a, uint64_t *tmp, size_t n, int W, int K, size_t (*cnt)[256])
{
	if (n < 2)
		return a;
	/* Bytes in which all keys agree need no pass: find them first (ids
	 * are small counters, so most high bytes are zero everywhere). */
	uint64_t any[8] = { 0 }, all[8];
	for (int w = 0; w < K; w++)
		all[w] = ~(uint64_t)0;
	for (size_t i = 0; i < n; i++) {
		const uint64_t *r = a + i * (size_t)W;
		for (int w = 0; w < K; w++) {
			any[w] |= r[w];
			all[w] &= r[w];
		}
	}
	memset(cnt, 0, (size_t)K * 8 * sizeof *cnt);
	for (int w = 0; w < K; w++) {
		uint64_t vary = any[w] ^ all[w];
		for (int b = 0; b < 8; b++) {
			if (!((vary >> (8 * b)) & 0xFF))
				continue;
			size_t *c = cnt[w * 8 + b];
			int shift = 8 * b;
			for (size_t i = 0; i < n; i++)
				c[(a[i * (size_t)W + (size_t)w] >> shift) & 0xFF]++;
		}
	}
	uint64_t *src = a, *dst = tmp;
	for (int w = K - 1; w >= 0; w--) {
		for (int b = 0; b < 8; b++) {
			if (!(((any[w] ^ all[w]) >> (8 * b)) & 0xFF))
				continue;    /* every key has the same byte here */
			size_t *c = cnt[w * 8 + b];
			size_t sum = 0;
			for (int x = 0; x < 256; x++) {
				size_t v = c[x];
				c[x] = sum;
				sum += v;
			}
			int shift = 8 * b;
			if (W == 4) {
				for (size_t i = 0; i < n; i++) {
					const uint64_t *r = src + i * 4;
					uint64_t *d = dst + c[(r[w] >> shift) & 0xFF]++ * 4;
					d[0] = r[0]; d[1] = r[1]; d[2] = r[2]; d[3] = r[3];
				}
			} else {
				for (size_t i = 0; i < n; i++) {
					const uint64_t *r = src + i * (size_t)W;
					memcpy(dst + c[(r[w] >> shift) & 0xFF]++ * (size_t)W, r, (size_t)W * 8);
				}
			}
			uint64_t *x = src;
			src = dst;
			dst = x;
		}
	}
	return src;
}

/* ------------------------------------------------------ term interning */

static zt_status table_grow(zt_bulk *b)
{
	size_t ns = b->nslots ? b->nslots * 2 : (size_t)1 << 16;
	uint64_t *slots = calloc(ns, sizeof *slots);
	if (!slots)
		return ZT_ERR_NOMEM;
	for (size_t i = 0; i < b->nterms; i++) {
		uint64_t h = b->terms[i].hash;
		size_t j = h & (ns - 1);
		while (slots[j])
			j = (j + 1) & (ns - 1);
		slots[j] = (h & 0xFFFFFFFF00000000u) | ((uint64_t)i + 1);
	}
	free(b->slots);
	b->slots = slots;
	b->nslots = ns;
	return ZT_OK;
}

static void table_clear(zt_bulk *b)
{
	b->nterms = 0;
	b->nbytes = 0;
	if (b->slots)
		memset(b->slots, 0, b->nslots * sizeof *b->slots);
}

static zt_status intern_mem(zt_bulk *b, const zt_term *term, uint32_t *out)
{
	if (!term || term->kind < ZT_IRI || term->kind > ZT_TYPED || (!term->str && term->len) ||
	    (!term->extra && term->extra_len) ||
	    ((term->kind == ZT_TEXT || term->kind == ZT_TYPED) && term->extra_len &&
	     memchr(term->extra, 0, term->extra_len)))
		return ZT_ERR_ARG;
	size_t need = zt_term_encode(term, NULL, 0);
	if (need > UINT32_MAX)
		return ZT_ERR_LIMIT;
	if (grow((void **)&b->bytes, &b->capbytes, b->nbytes + need, 1))
		return ZT_ERR_NOMEM;
	unsigned char *enc = b->bytes + b->nbytes;
	zt_term_encode(term, enc, need);
	uint64_t h = zt__term_hash(enc, need);
	if (b->nterms * 2 >= b->nslots && table_grow(b) != ZT_OK)
		return ZT_ERR_NOMEM;
	/* The tag in the slot spares a visit to the term for most misses. */
	size_t mask = b->nslots - 1, j = h & mask;
	uint64_t tag = h & 0xFFFFFFFF00000000u;
	for (uint64_t sl; (sl = b->slots[j]); j = (j + 1) & mask) {
		if ((sl & 0xFFFFFFFF00000000u) != tag)
			continue;
		uint32_t ti = (uint32_t)sl - 1;
		const bterm *bt = &b->terms[ti];
		if (bt->hash == h && bt->len == need && memcmp(b->bytes + bt->off, enc, need) == 0) {
			*out = ti;
			return ZT_OK;
		}
	}
	if (grow((void **)&b->terms, &b->capterms, b->nterms + 1, sizeof *b->terms) ||
	    grow((void **)&b->pending, &b->cappending, b->npending + 1, sizeof *b->pending))
		return ZT_ERR_NOMEM;
	uint32_t idx = (uint32_t)b->nterms++;
	/* canonical dates have their id already: nothing to resolve */
	zt_id vid = enc[0] == ZT_DATE ? zt__date_id((const char *)enc + 1, need - 1) : 0;
	b->terms[idx] = (bterm){ h, vid, b->nbytes, (uint32_t)need };
	b->nbytes += need;
	b->batchbytes += need;
	b->slots[j] = tag | ((uint64_t)idx + 1);
	if (!vid)
		b->pending[b->npending++] = idx;
	*out = idx;
	return ZT_OK;
}

/* ------------------------------------------------------------- apply */

/* Put sorted (key, dup) pairs into a DUPSORT table through one cursor:
 * appended once past the table's last key, ordinary puts before. */
typedef struct writer {
	zt_txn *t;
	MDB_cursor *c;
	int append;            /* every key from now on is past the end */
	unsigned char last[64];
	size_t lastlen;
	int empty;
	const char *what;
	/* For a stored key: its last dup, so that the run's values above it
	 * are appended (MDB_APPENDDUP fills the key's pages instead of
	 * splitting them in half, as a later batch's inserts would). */
	unsigned char lastdup[64];
	size_t lastduplen;
	int haslastdup;
} writer;

static zt_status writer_open(writer *w, zt_txn *t, int which, const char *what)
{
	memset(w, 0, sizeof *w);
	w->t = t;
	w->what = what;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[which], &w->c);
	if (rc != 0)
		return zt__mdb(t, rc, what);
	MDB_val k, d;
	rc = mdb_cursor_get(w->c, &k, &d, MDB_LAST);
	if (rc == MDB_NOTFOUND) {
		w->empty = 1;
		return ZT_OK;
	}
	if (rc != 0)
		return zt__mdb(t, rc, what);
	w->lastlen = k.mv_size < sizeof w->last ? k.mv_size : sizeof w->last;
	memcpy(w->last, k.mv_data, w->lastlen);
	return ZT_OK;
}

static int keycmp(const void *a, size_t al, const void *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);
	return c ? c : (al > bl) - (al < bl);
}

/* `same_key`: the previous put had this key (so MDB_APPENDDUP may do). */
static zt_status writer_put(writer *w, const void *key, size_t klen, const void *val, size_t vlen,
                            int same_key)
{
	if (!w->append && (w->empty || keycmp(key, klen, w->last, w->lastlen) > 0))
		w->append = 1;
	MDB_val k = zt_val(key, klen), d = zt_val(val, vlen);
	unsigned flags = 0;
	int rc;
	if (w->append) {
		flags = same_key ? MDB_APPENDDUP : MDB_APPEND;
	} else {
		if (!same_key) {
			/* a key run starts: where do the key's stored dups end? */
			rc = mdb_cursor_get(w->c, &k, &d, MDB_SET_KEY);
			if (rc == 0)
				rc = mdb_cursor_get(w->c, &k, &d, MDB_LAST_DUP);
			w->haslastdup = rc == 0 && d.mv_size <= sizeof w->lastdup;
			if (w->haslastdup) {
				memcpy(w->lastdup, d.mv_data, d.mv_size);
				w->lastduplen = d.mv_size;
			} else if (rc != 0 && rc != MDB_NOTFOUND) {
				return zt__mdb(w->t, rc, w->what);
			}
			k = zt_val(key, klen);
			d = zt_val(val, vlen);
		}
		/* values are sorted within the run: past the stored ones (or
		 * after the run's first put of a new key) they are appended */
		if (same_key ? !w->haslastdup || keycmp(val, vlen, w->lastdup, w->lastduplen) > 0
		             : w->haslastdup && keycmp(val, vlen, w->lastdup, w->lastduplen) > 0)
			flags = MDB_APPENDDUP;
	}
	rc = mdb_cursor_put(w->c, &k, &d, flags);
	if (rc == MDB_KEYEXIST && flags) {
		/* not past the end after all (or the same value again) */
		if (w->append) {
			w->append = 0;
			w->haslastdup = 0;
		}
		k = zt_val(key, klen);
		d = zt_val(val, vlen);
		rc = mdb_cursor_put(w->c, &k, &d, 0);
	}
	if (rc != 0 && rc != MDB_KEYEXIST)
		return zt__mdb(w->t, rc, w->what);
	return ZT_OK;
}

static void writer_close(writer *w)
{
	if (w->c)
		mdb_cursor_close(w->c);
	w->c = NULL;
}

/* Does fact (s,p,o) exist?  Through a cursor on SPO that only moves
 * forward, for facts visited in SPO order: a subject below the key the
 * cursor sits on has no facts. */
typedef struct prober {
	MDB_cursor *c;
	int positioned, exhausted;
	uint64_t at;
} prober;

static int probe_fact(prober *pr, zt_id s, zt_id p, zt_id o, int *err)
{
	*err = 0;
	if (pr->exhausted || (pr->positioned && s < pr->at))
		return 0;
	if (!pr->positioned || s > pr->at) {
		unsigned char kb[8];
		zt_put64(kb, s);
		MDB_val k = zt_val(kb, 8), d;
		int rc = mdb_cursor_get(pr->c, &k, &d, MDB_SET_RANGE);
		pr->positioned = 1;
		if (rc == MDB_NOTFOUND) {
			pr->exhausted = 1;
			return 0;
		}
		if (rc != 0) {
			*err = rc;
			return 0;
		}
		pr->at = zt_get64(k.mv_data);
		if (pr->at != s)
			return 0;
	}
	unsigned char kb[8], v[SPO_VAL] = { 0 };
	zt_put64(kb, s);
	zt_put64(v, p);
	zt_put64(v + 8, o);
	MDB_val k = zt_val(kb, 8), d = zt_val(v, SPO_VAL);
	int rc = mdb_cursor_get(pr->c, &k, &d, MDB_GET_BOTH_RANGE);
	if (rc != 0 && rc != MDB_NOTFOUND) {
		*err = rc;
		return 0;
	}
	return rc == 0 && memcmp(d.mv_data, v, 16) == 0;
}

static uint64_t pack_span(zt_span tm)
{
	return (uint64_t)((uint32_t)tm.from ^ 0x80000000u) << 32 | ((uint32_t)tm.to ^ 0x80000000u);
}

static zt_span unpack_span(uint64_t v)
{
	return (zt_span){ (int32_t)((uint32_t)(v >> 32) ^ 0x80000000u),
	                  (int32_t)((uint32_t)v ^ 0x80000000u) };
}

/* New terms: i2t in the given (ascending id) order, t2i by hash. */
static zt_status write_terms(zt_txn *t, const bnew *nt, size_t n, scratch *sc)
{
	if (n == 0)
		return ZT_OK;
	writer w;
	zt_status st;
	ZT_TRY(st, writer_open(&w, t, DB_I2T, "writing the dictionary"));
	for (size_t i = 0; i < n && st == ZT_OK; i++) {
		unsigned char ib[8];
		zt_put64(ib, nt[i].id);
		if (!w.append && (w.empty || keycmp(ib, 8, w.last, w.lastlen) > 0))
			w.append = 1;
		MDB_val k = zt_val(ib, 8), d = zt_val(NULL, (size_t)nt[i].len + 1);
		int rc = mdb_cursor_put(w.c, &k, &d, MDB_RESERVE | (w.append ? MDB_APPEND : 0));
		if (rc != 0) {
			st = zt__mdb(t, rc, "writing the dictionary");
			break;
		}
		memcpy(d.mv_data, nt[i].enc, nt[i].len);
		((unsigned char *)d.mv_data)[nt[i].len] = 0;
		zt__note_new_term(t, nt[i].id, nt[i].enc, nt[i].len);
		sc->hp[2 * i] = zt__term_hash(nt[i].enc, nt[i].len);
		sc->hp[2 * i + 1] = nt[i].id;
	}
	writer_close(&w);
	if (st != ZT_OK)
		return st;
	uint64_t *sorted = radix_sort(sc->hp, sc->htmp, n, 2, 2, sc->cnt);
	ZT_TRY(st, writer_open(&w, t, DB_T2I, "writing the dictionary"));
	for (size_t i = 0; i < n && st == ZT_OK; i++) {
		unsigned char kb[8], v[8];
		zt_put64(kb, sorted[2 * i]);
		zt_put64(v, sorted[2 * i + 1]);
		st = writer_put(&w, kb, 8, v, 8, i > 0 && sorted[2 * i] == sorted[2 * i - 2]);
	}
	writer_close(&w);
	return st;
}

/* Facts new to the store: `sc->nfr` (nf F_W records s p o time src item,
 * src ZT_MULTI for several supports, in SPO order) and the supports of
 * those with several, `msup` (ns F_W records s p o src item time). */
static zt_status write_new(zt_txn *t, size_t nf, const uint64_t *msup, size_t ns, scratch *sc)
{
	zt_status st = ZT_OK;
	writer w;
	unsigned char kb[32], v[SPO_VAL];
	if (ns) {
		ZT_TRY(st, writer_open(&w, t, DB_SUP, "writing supports"));
		for (size_t i = 0; i < ns && st == ZT_OK; i++) {
			const uint64_t *r = msup + i * F_W;
			zt_put64(kb, r[0]);
			zt_put64(kb + 8, r[1]);
			zt_put64(kb + 16, r[2]);
			zt_put64(v, r[3]);
			zt_put32(v + 8, (uint32_t)r[4]);
			zt_span tm = unpack_span(r[5]);
			zt_putday(v + 12, tm.from);
			zt_putday(v + 16, tm.to);
			st = writer_put(&w, kb, 24, v, SUP_VAL, i > 0 && memcmp(r, r - F_W, 24) == 0);
		}
		writer_close(&w);
	}

	if (st == ZT_OK && (st = writer_open(&w, t, DB_SPO, "writing facts")) == ZT_OK) {
		for (size_t i = 0; i < nf && st == ZT_OK; i++) {
			const uint64_t *r = sc->nfr + i * F_W;
			zt_put64(kb, r[0]);
			zt_put64(v, r[1]);
			zt_put64(v + 8, r[2]);
			zt_span tm = unpack_span(r[3]);
			zt_putday(v + 16, tm.from);
			zt_putday(v + 20, tm.to);
			zt_put64(v + 24, r[4]);
			zt_put32(v + 32, (uint32_t)r[5]);
			st = writer_put(&w, kb, 8, v, SPO_VAL, i > 0 && r[0] == r[-F_W]);
		}
		writer_close(&w);
	}
	static const int order[2] = { DB_POS, DB_OSP };
	for (int ix = 0; ix < 2 && st == ZT_OK; ix++) {
		for (size_t i = 0; i < nf; i++) {
			const uint64_t *r = sc->nfr + i * F_W;
			uint64_t *d = sc->x + i * X_W;
			if (order[ix] == DB_POS) { d[0] = r[1]; d[1] = r[2]; d[2] = r[0]; }
			else { d[0] = r[2]; d[1] = r[0]; d[2] = r[1]; }
			d[3] = r[3];
		}
		uint64_t *recs = radix_sort(sc->x, sc->tmp, nf, X_W, 3, sc->cnt);
		if ((st = writer_open(&w, t, order[ix], "writing facts")) != ZT_OK)
			break;
		for (size_t i = 0; i < nf && st == ZT_OK; i++) {
			const uint64_t *r = recs + i * X_W;
			zt_put64(kb, r[0]);
			zt_put64(v, r[1]);
			zt_put64(v + 8, r[2]);
			zt_span tm = unpack_span(r[3]);
			zt_putday(v + 16, tm.from);
			zt_putday(v + 20, tm.to);
			st = writer_put(&w, kb, 8, v, FACT_VAL, i > 0 && r[0] == r[-X_W]);
		}
		writer_close(&w);
	}

	/* the time index, keyed by from; records sorted by from, to, s p o */
	size_t nt = 0;
	for (size_t i = 0; i < nf && st == ZT_OK; i++) {
		const uint64_t *r = sc->nfr + i * F_W;
		zt_span tm = unpack_span(r[3]);
		if (zt_span_is_always(tm))
			continue;
		uint64_t *d = sc->x + nt++ * X_W;
		d[0] = r[3];
		d[1] = r[0];
		d[2] = r[1];
		d[3] = r[2];
		uint64_t len = (uint64_t)((int64_t)tm.to - (int64_t)tm.from);
		if (len > t->maxspan) {
			t->maxspan = len;
			t->meta_dirty = 1;
		}
	}
	if (st == ZT_OK && nt) {
		uint64_t *recs = radix_sort(sc->x, sc->tmp, nt, X_W, 4, sc->cnt);
		if ((st = writer_open(&w, t, DB_TIME, "writing the time index")) == ZT_OK) {
			for (size_t i = 0; i < nt && st == ZT_OK; i++) {
				const uint64_t *r = recs + i * X_W;
				zt_span tm = unpack_span(r[0]);
				unsigned char tk[4], tv[TIME_VAL];
				zt_putday(tk, tm.from);
				zt_put64(tv, r[1]);
				zt_put64(tv + 8, r[2]);
				zt_put64(tv + 16, r[3]);
				zt_putday(tv + 24, tm.to);
				/* within one day the dups (s p o to) are not in record
				 * order (to s p o): plain puts */
				MDB_val k = zt_val(tk, 4), d = zt_val(tv, TIME_VAL);
				int rc = mdb_cursor_put(w.c, &k, &d, 0);
				if (rc != 0 && rc != MDB_KEYEXIST)
					st = zt__mdb(t, rc, "writing the time index");
			}
			writer_close(&w);
		}
	}
	return st;
}

/* The source index (src => s p o item) and per-source counts. */
static zt_status write_bysrc(zt_txn *t, size_t ns, scratch *sc)
{
	size_t n = 0;
	int sorted = 1;
	for (size_t i = 0; i < ns; i++) {
		const uint64_t *r = sc->sup + i * F_W;
		if (!r[3])
			continue;
		uint64_t *d = sc->x + n * F_W;
		d[0] = r[3]; d[1] = r[0]; d[2] = r[1]; d[3] = r[2]; d[4] = r[4]; d[5] = 0;
		if (n && d[-F_W] != d[0])
			sorted = 0;     /* several sources: sort by source first */
		n++;
	}
	if (n == 0)
		return ZT_OK;
	uint64_t *recs = sorted ? sc->x : radix_sort(sc->x, sc->tmp, n, F_W, 5, sc->cnt);
	writer w;
	zt_status st;
	ZT_TRY(st, writer_open(&w, t, DB_BYSRC, "writing the source index"));
	for (size_t i = 0; i < n && st == ZT_OK; i++) {
		const uint64_t *r = recs + i * F_W;
		unsigned char kb[8], v[BYSRC_VAL];
		zt_put64(kb, r[0]);
		zt_put64(v, r[1]);
		zt_put64(v + 8, r[2]);
		zt_put64(v + 16, r[3]);
		zt_put32(v + 24, (uint32_t)r[4]);
		st = writer_put(&w, kb, 8, v, BYSRC_VAL, i > 0 && r[0] == r[-F_W]);
	}
	writer_close(&w);
	for (size_t i = 0; i < n && st == ZT_OK;) {
		size_t j = i;
		while (j < n && recs[j * F_W] == recs[i * F_W])
			j++;
		st = zt__src_delta(t, recs[i * F_W], (int64_t)(j - i));
		i = j;
	}
	return st;
}

/* Apply a batch: new terms `nt`, facts `sc->f` (n F_W records). */
static zt_status apply_arrays(zt_txn *t, const bnew *nt, size_t nnt, size_t n, scratch *sc)
{
	zt_status st;
	ZT_TRY(st, write_terms(t, nt, nnt, sc));

	/* sorted by s p o src item, stably: the last of equal supports wins,
	 * as with zt_fact_add */
	int in_order = 1;
	for (size_t i = 1; i < n && in_order; i++) {
		const uint64_t *q = sc->f + (i - 1) * F_W, *r = q + F_W;
		for (int w = 0; w < 5; w++)
			if (q[w] != r[w]) {
				in_order = q[w] < r[w];
				break;
			}
	}
	uint64_t *fs = in_order ? sc->f : radix_sort(sc->f, sc->ftmp, n, F_W, 5, sc->cnt);

	/* split: facts new to the store, written in bulk; the others (present
	 * from an earlier batch or transaction) through zt_fact_add's logic */
	size_t nnew = 0, nsup = 0, nmulti = 0;
	uint64_t *msup = fs == sc->f ? sc->ftmp : sc->f;   /* the free one of the two */
	prober pr = { 0 };
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SPO], &pr.c);
	if (rc != 0)
		return zt__mdb(t, rc, "reading facts");
	for (size_t i = 0; i < n && st == ZT_OK;) {
		const uint64_t *r = fs + i * F_W;
		size_t j = i + 1;
		while (j < n && memcmp(fs + j * F_W, r, 24) == 0)
			j++;
		int err;
		int exists = probe_fact(&pr, r[0], r[1], r[2], &err);
		if (err) {
			st = zt__mdb(t, err, "reading facts");
			break;
		}
		if (exists) {
			for (size_t k = i; k < j && st == ZT_OK; k++) {
				const uint64_t *q = fs + k * F_W;
				unsigned char one[44];
				zt_put64(one, q[0]);
				zt_put64(one + 8, q[1]);
				zt_put64(one + 16, q[2]);
				zt_span tm = unpack_span(q[5]);
				zt_putday(one + 24, tm.from);
				zt_putday(one + 28, tm.to);
				zt_put64(one + 32, q[3]);
				zt_put32(one + 40, (uint32_t)q[4]);
				st = zt__apply_add(t, one);
			}
			pr.positioned = 0;    /* SPO changed under the cursor */
			pr.exhausted = 0;
			i = j;
			continue;
		}
		zt_span hull = ZT_SPAN_ALWAYS;
		size_t first = nsup;
		for (size_t k = i; k < j; k++) {
			const uint64_t *q = fs + k * F_W;
			if (k + 1 < j && memcmp(q + F_W, q, 40) == 0)
				continue;    /* the same support again: the last wins */
			memcpy(sc->sup + nsup++ * F_W, q, F_W * sizeof *q);
			zt_span tm = unpack_span(q[5]);
			hull = nsup - 1 == first ? tm : zt_span_hull(hull, tm);
		}
		uint64_t *d = sc->nfr + nnew++ * F_W;
		d[0] = r[0];
		d[1] = r[1];
		d[2] = r[2];
		d[3] = pack_span(hull);
		if (nsup - first == 1) {
			d[4] = sc->sup[first * F_W + 3];
			d[5] = sc->sup[first * F_W + 4];
		} else {
			d[4] = ZT_MULTI;
			d[5] = 0;
			zt__multi(t, 1);
			memcpy(msup + nmulti * F_W, sc->sup + first * F_W, (nsup - first) * F_W * sizeof *msup);
			nmulti += nsup - first;
		}
		i = j;
	}
	mdb_cursor_close(pr.c);
	if (st == ZT_OK)
		st = write_new(t, nnew, msup, nmulti, sc);
	if (st == ZT_OK)
		st = write_bysrc(t, nsup, sc);
	zt_id label = zt__id_label(t), alt = zt__id_alt(t);
	for (size_t i = 0; i < nnew && st == ZT_OK; i++) {
		const uint64_t *r = sc->nfr + i * F_W;
		if (r[1] == label || r[1] == alt)
			st = zt__names_on_add(t, r[0], r[1], r[2]);
	}
	return st;
}

/* ------------------------------------------------------------- flush */

/* Resolve the pending terms against the dictionary; new ones get ids and
 * are listed in sc->nt in id order. */
static zt_status resolve(zt_bulk *b, size_t *nnew)
{
	zt_txn *t = b->t;
	scratch *sc = b->sc;
	size_t n = b->npending;
	*nnew = 0;
	if (n == 0)
		return ZT_OK;
	for (size_t i = 0; i < n; i++) {
		sc->hp[2 * i] = b->terms[b->pending[i]].hash;
		sc->hp[2 * i + 1] = b->pending[i];
	}
	uint64_t *sorted = radix_sort(sc->hp, sc->htmp, n, 2, 1, sc->cnt);
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_T2I], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "dictionary lookup");
	zt_status st = ZT_OK;
	/* The cursor sits on the first stored hash >= the previous term's:
	 * a term whose hash is below it is not stored. */
	int positioned = 0, exhausted = 0;
	uint64_t at = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t h = sorted[2 * i];
		uint32_t idx = (uint32_t)sorted[2 * i + 1];
		bterm *bt = &b->terms[idx];
		int maybe = !exhausted && (!positioned || h >= at);
		if (maybe && (!positioned || h > at)) {
			unsigned char hb[8];
			zt_put64(hb, h);
			MDB_val k = zt_val(hb, 8), d;
			rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
			positioned = 1;
			if (rc == MDB_NOTFOUND) {
				exhausted = 1;
				maybe = 0;
			} else if (rc != 0) {
				st = zt__mdb(t, rc, "dictionary lookup");
				break;
			} else {
				at = zt_get64(k.mv_data);
				maybe = at == h;
			}
		}
		if (maybe) {
			zt_id id;
			st = zt__dict_lookup_hashed(t, h, b->bytes + bt->off, bt->len, c, &id);
			positioned = 0;     /* the lookup moved the cursor */
			if (st == ZT_OK) {
				bt->id = id;
				continue;
			}
			if (st != ZT_NOTFOUND)
				break;
			st = ZT_OK;
		}
	}
	mdb_cursor_close(c);
	if (st != ZT_OK)
		return st;
	/* Ids in order of first appearance: input grouped by subject then
	 * comes out already in SPO order, and every new id is above every
	 * stored one, so i2t is appended to. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bterm *bt = &b->terms[b->pending[i]];
		if (bt->id)
			continue;
		bt->id = zt__new_id(t, (zt_kind)b->bytes[bt->off]);
		sc->nt[k++] = (bnew){ bt->id, b->bytes + bt->off, bt->len };
	}
	*nnew = k;
	return ZT_OK;
}

static zt_status flush(zt_bulk *b)
{
	if (b->err != ZT_OK)
		return b->err;
	if (b->nfacts == 0 && b->npending == 0)
		return ZT_OK;
	zt_txn *t = b->t;
	zt_status st = zt__writable(t);
	if (st != ZT_OK)
		return b->err = st;
	if (!b->sc && !(b->sc = calloc(1, sizeof *b->sc)))
		return b->err = ZT_ERR_NOMEM;
	scratch *sc = b->sc;
	if (scratch_reserve(sc, b->nfacts, b->npending))
		return b->err = ZT_ERR_NOMEM;
	size_t nnew;
	if ((st = resolve(b, &nnew)) != ZT_OK)
		return b->err = st;
	for (size_t i = 0; i < b->nfacts; i++) {
		const bfact *f = &b->facts[i];
		uint64_t *r = sc->f + i * F_W;
		r[0] = b->terms[f->s].id;
		r[1] = b->terms[f->p].id;
		r[2] = b->terms[f->o].id;
		r[3] = f->src;
		r[4] = f->item;
		r[5] = pack_span((zt_span){ f->from, f->to });
	}
	st = zt__after_write(t, apply_arrays(t, sc->nt, nnew, b->nfacts, sc));
	if (st != ZT_OK)
		return b->err = st;
	b->nfacts = 0;
	b->npending = 0;
	b->batchbytes = 0;
	if (b->nterms >= TABLE_MAX_TERMS || b->nbytes >= TABLE_MAX_BYTES)
		table_clear(b);
	return ZT_OK;
}

/* ------------------------------------------------------------ public */

zt_status zt_bulk_begin(zt_txn *t, zt_bulk **out)
{
	*out = NULL;
	zt_status st;
	ZT_TRY(st, zt__writable(t));
	zt_bulk *b = calloc(1, sizeof *b);
	if (!b)
		return ZT_ERR_NOMEM;
	b->t = t;
	b->batch = BATCH_FACTS;
	*out = b;
	return ZT_OK;
}

void zt_bulk_set_batch(zt_bulk *b, size_t facts)
{
	b->batch = facts ? facts : BATCH_FACTS;
}

zt_status zt_bulk_add(zt_bulk *b, const zt_term *s, const zt_term *p, const zt_term *o,
                      zt_span time, zt_id source, uint32_t item)
{
	if (b->err != ZT_OK)
		return b->err;
	if (time.from > time.to)
		return ZT_ERR_ARG;
	uint32_t is, ip, io;
	zt_status st;
	ZT_TRY(st, intern_mem(b, s, &is));
	ZT_TRY(st, intern_mem(b, p, &ip));
	ZT_TRY(st, intern_mem(b, o, &io));
	if (grow((void **)&b->facts, &b->capfacts, b->nfacts + 1, sizeof *b->facts))
		return ZT_ERR_NOMEM;
	b->facts[b->nfacts++] = (bfact){ is, ip, io, item, time.from, time.to, source };
	if (b->nfacts >= b->batch || b->batchbytes >= BATCH_BYTES)
		return flush(b);
	return ZT_OK;
}

static void bulk_free(zt_bulk *b)
{
	free(b->bytes);
	free(b->terms);
	free(b->slots);
	free(b->pending);
	free(b->facts);
	scratch_free(b->sc);
	free(b);
}

zt_status zt_bulk_finish(zt_bulk *b)
{
	zt_status st = flush(b);
	bulk_free(b);
	return st;
}

void zt_bulk_abort(zt_bulk *b)
{
	if (b)
		bulk_free(b);
}
