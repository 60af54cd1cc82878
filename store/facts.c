/* facts.c — facts in three orders, their supports, the time index, and
 * matching patterns against them (see store_int.h for the layout).
 *
 * Most facts have one support; it is kept inline in the fact's SPO value
 * (source, item; the fact's time is the support's).  A fact with two or
 * more supports has ZT_MULTI there and its supports in the sup table.
 * Inline exactly when there is one support, so the layout is canonical. */
#include "store_int.h"

#include <stdlib.h>

/* -------------------------------------------------------------- codecs */

static void spo_key(unsigned char *k, zt_id s, zt_id p, zt_id o)
{
	zt_put64(k, s);
	zt_put64(k + 8, p);
	zt_put64(k + 16, o);
}

static void put_span(unsigned char *b, zt_span tm)
{
	zt_putday(b, tm.from);
	zt_putday(b + 4, tm.to);
}

static zt_span get_span(const unsigned char *b)
{
	return (zt_span){ zt_getday(b), zt_getday(b + 4) };
}

/* The dup value of a fact in POS (o|s|time) or OSP (s|p|time). */
static void index_val(int which, unsigned char *v, zt_id s, zt_id p, zt_id o, zt_span tm)
{
	zt_id a = which == DB_POS ? o : s;
	zt_id b = which == DB_POS ? s : p;
	zt_put64(v, a);
	zt_put64(v + 8, b);
	put_span(v + 16, tm);
}

static zt_id index_key(int which, zt_id s, zt_id p, zt_id o)
{
	return which == DB_SPO ? s : which == DB_POS ? p : o;
}

static size_t val_size(int which)
{
	return which == DB_SPO ? SPO_VAL : FACT_VAL;
}

static zt_fact decode_fact(int which, const unsigned char *key, const unsigned char *v)
{
	zt_id k = zt_get64(key), a = zt_get64(v), b = zt_get64(v + 8);
	zt_fact f;
	f.time = get_span(v + 16);
	if (which == DB_SPO) { f.s = k; f.p = a; f.o = b; }
	else if (which == DB_POS) { f.p = k; f.o = a; f.s = b; }
	else { f.o = k; f.s = a; f.p = b; }
	return f;
}

/* ------------------------------------------------------- index writes */

static void note_span(zt_txn *t, zt_span tm)
{
	uint64_t len = (uint64_t)((int64_t)tm.to - (int64_t)tm.from);
	if (len > t->maxspan) {
		t->maxspan = len;
		t->meta_dirty = 1;
	}
}

/* Write fact (s,p,o) with time `tm` to SPO (with its inline support, or
 * ZT_MULTI), POS, OSP and, when timed, the time index. */
zt_status zt__index_put(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span tm, zt_id src, uint32_t item)
{
	unsigned char kb[8], v[SPO_VAL];
	zt_put64(kb, s);
	zt_put64(v, p);
	zt_put64(v + 8, o);
	put_span(v + 16, tm);
	zt_put64(v + 24, src);
	zt_put32(v + 32, item);
	MDB_val k = zt_val(kb, 8), d = zt_val(v, SPO_VAL);
	int rc = mdb_put(t->mt, t->st->dbi[DB_SPO], &k, &d, MDB_NODUPDATA);
	if (rc != 0 && rc != MDB_KEYEXIST)
		return zt__mdb(t, rc, "writing a fact");
	static const int idx[2] = { DB_POS, DB_OSP };
	for (int i = 0; i < 2; i++) {
		zt_put64(kb, index_key(idx[i], s, p, o));
		index_val(idx[i], v, s, p, o, tm);
		k = zt_val(kb, 8);
		d = zt_val(v, FACT_VAL);
		rc = mdb_put(t->mt, t->st->dbi[idx[i]], &k, &d, MDB_NODUPDATA);
		if (rc != 0 && rc != MDB_KEYEXIST)
			return zt__mdb(t, rc, "writing a fact");
	}
	if (!zt_span_is_always(tm)) {
		unsigned char tk[4], tv[TIME_VAL];
		zt_putday(tk, tm.from);
		spo_key(tv, s, p, o);
		zt_putday(tv + 24, tm.to);
		k = zt_val(tk, 4);
		d = zt_val(tv, TIME_VAL);
		rc = mdb_put(t->mt, t->st->dbi[DB_TIME], &k, &d, MDB_NODUPDATA);
		if (rc != 0 && rc != MDB_KEYEXIST)
			return zt__mdb(t, rc, "writing the time index");
		note_span(t, tm);
	}
	return ZT_OK;
}

/* Position `c` (a cursor on SPO) at fact (s,p,o): fills the key `kb` and
 * the value prefix `v` (p, o; the rest zeroed).  0 when found,
 * MDB_NOTFOUND when absent, another LMDB code on failure. */
static int spo_seek(MDB_cursor *c, zt_id s, zt_id p, zt_id o, unsigned char kb[8],
                    unsigned char v[SPO_VAL])
{
	zt_put64(kb, s);
	zt_put64(v, p);
	zt_put64(v + 8, o);
	memset(v + 16, 0, SPO_VAL - 16);
	MDB_val k = zt_val(kb, 8), d = zt_val(v, SPO_VAL);
	int rc = mdb_cursor_get(c, &k, &d, MDB_GET_BOTH_RANGE);
	if (rc == 0 && memcmp(d.mv_data, v, 16) != 0)
		rc = MDB_NOTFOUND;
	return rc;
}

/* Remove fact (s,p,o), whose time is `tm`, from every index (not its
 * supports). */
zt_status zt__index_del(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span tm)
{
	unsigned char kb[8], v[SPO_VAL];
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SPO], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "removing a fact");
	rc = spo_seek(c, s, p, o, kb, v);
	if (rc == 0)
		rc = mdb_cursor_del(c, 0);
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "removing a fact");
	MDB_val k, d;
	static const int idx[2] = { DB_POS, DB_OSP };
	for (int i = 0; i < 2; i++) {
		zt_put64(kb, index_key(idx[i], s, p, o));
		index_val(idx[i], v, s, p, o, tm);
		k = zt_val(kb, 8);
		d = zt_val(v, FACT_VAL);
		rc = mdb_del(t->mt, t->st->dbi[idx[i]], &k, &d);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return zt__mdb(t, rc, "removing a fact");
	}
	if (!zt_span_is_always(tm)) {
		unsigned char tk[4], tv[TIME_VAL];
		zt_putday(tk, tm.from);
		spo_key(tv, s, p, o);
		zt_putday(tv + 24, tm.to);
		k = zt_val(tk, 4);
		d = zt_val(tv, TIME_VAL);
		rc = mdb_del(t->mt, t->st->dbi[DB_TIME], &k, &d);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return zt__mdb(t, rc, "removing from the time index");
	}
	return ZT_OK;
}

/* Fact (s,p,o) from SPO: its time and inline support (src ZT_MULTI when
 * its supports are in the sup table); *found 0 when there is no fact. */
zt_status zt__fact_read(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span *tm, zt_id *src,
                        uint32_t *item, int *found)
{
	unsigned char kb[8], v[SPO_VAL];
	zt_put64(kb, s);
	zt_put64(v, p);
	zt_put64(v + 8, o);
	memset(v + 16, 0, SPO_VAL - 16);   /* the smallest rest: find it whatever it holds */
	int rc;
	if (!t->probe && (rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SPO], &t->probe)) != 0) {
		t->probe = NULL;
		return zt__mdb(t, rc, "reading a fact");
	}
	MDB_cursor *c = t->probe;
	MDB_val k = zt_val(kb, 8), d = zt_val(v, SPO_VAL);
	rc = mdb_cursor_get(c, &k, &d, MDB_GET_BOTH_RANGE);
	*found = 0;
	zt_status st = ZT_OK;
	if (rc == 0 && d.mv_size == SPO_VAL && memcmp(d.mv_data, v, 16) == 0) {
		const unsigned char *r = d.mv_data;
		*found = 1;
		*tm = get_span(r + 16);
		if (src)
			*src = zt_get64(r + 24);
		if (item)
			*item = zt_get32(r + 32);
	} else if (rc != 0 && rc != MDB_NOTFOUND) {
		st = zt__mdb(t, rc, "reading a fact");
	}
	return st;
}

zt_status zt__fact_time_get(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span *out, int *found)
{
	return zt__fact_read(t, s, p, o, out, NULL, NULL, found);
}

/* Rewrite fact (s,p,o): time `old` -> `tm`, inline support src/item. */
static zt_status rewrite_fact(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span old, zt_span tm,
                              zt_id src, uint32_t item)
{
	zt_status st;
	if (zt_span_eq(old, tm)) {
		/* only the inline support changes: POS, OSP and time stay */
		unsigned char kb[8], v[SPO_VAL];
		MDB_cursor *c;
		int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SPO], &c);
		if (rc != 0)
			return zt__mdb(t, rc, "writing a fact");
		rc = spo_seek(c, s, p, o, kb, v);
		if (rc == 0)
			rc = mdb_cursor_del(c, 0);
		if (rc == 0) {
			put_span(v + 16, tm);
			zt_put64(v + 24, src);
			zt_put32(v + 32, item);
			MDB_val k = zt_val(kb, 8), d = zt_val(v, SPO_VAL);
			rc = mdb_cursor_put(c, &k, &d, MDB_NODUPDATA);
		}
		mdb_cursor_close(c);
		return rc == 0 ? ZT_OK : zt__mdb(t, rc, "writing a fact");
	}
	ZT_TRY(st, zt__index_del(t, s, p, o, old));
	return zt__index_put(t, s, p, o, tm, src, item);
}

static zt_status bysrc_put(zt_txn *t, zt_id src, const unsigned char *key24, uint32_t item, int del)
{
	unsigned char kb[8], v[BYSRC_VAL];
	zt_put64(kb, src);
	memcpy(v, key24, 24);
	zt_put32(v + 24, item);
	MDB_val k = zt_val(kb, 8), d = zt_val(v, BYSRC_VAL);
	int rc = del ? mdb_del(t->mt, t->st->dbi[DB_BYSRC], &k, &d)
	             : mdb_put(t->mt, t->st->dbi[DB_BYSRC], &k, &d, MDB_NODUPDATA);
	if (rc != 0 && rc != MDB_KEYEXIST && rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "writing the source index");
	return ZT_OK;
}

/* A support came or went: keep the source index and count in step. */
static zt_status source_note(zt_txn *t, zt_id src, const unsigned char *key24, uint32_t item, int add)
{
	if (!src)
		return ZT_OK;
	zt_status st;
	ZT_TRY(st, bysrc_put(t, src, key24, item, !add));
	return zt__src_delta(t, src, add ? 1 : -1);
}

static zt_status sup_put(zt_txn *t, const unsigned char *key24, zt_id src, uint32_t item, zt_span tm)
{
	unsigned char v[SUP_VAL];
	zt_put64(v, src);
	zt_put32(v + 8, item);
	put_span(v + 12, tm);
	MDB_val k = zt_val(key24, 24), d = zt_val(v, SUP_VAL);
	int rc = mdb_put(t->mt, t->st->dbi[DB_SUP], &k, &d, MDB_NODUPDATA);
	if (rc != 0 && rc != MDB_KEYEXIST)
		return zt__mdb(t, rc, "writing supports");
	return ZT_OK;
}

/* After the sup table entries of a ZT_MULTI fact changed: none left ->
 * the fact goes; one -> it moves inline; more -> the fact gets the hull. */
static zt_status refresh_multi(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span old)
{
	unsigned char key[24];
	spo_key(key, s, p, o);
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SUP], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "reading supports");
	MDB_val k = zt_val(key, 24), d;
	size_t n = 0;
	zt_span hull = ZT_SPAN_ALWAYS;
	zt_id src1 = 0;
	uint32_t item1 = 0;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_KEY); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP)) {
		const unsigned char *v = d.mv_data;
		zt_span tm = get_span(v + 12);
		hull = n++ ? zt_span_hull(hull, tm) : tm;
		src1 = zt_get64(v);
		item1 = zt_get32(v + 8);
	}
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "reading supports");
	zt_status st;
	if (n == 0) {
		zt__multi(t, -1);
		ZT_TRY(st, zt__index_del(t, s, p, o, old));
		return zt__names_on_del(t, s, p, o);
	}
	if (n == 1) {
		zt__multi(t, -1);
		k = zt_val(key, 24);
		rc = mdb_del(t->mt, t->st->dbi[DB_SUP], &k, NULL);
		if (rc != 0)
			return zt__mdb(t, rc, "removing supports");
		return rewrite_fact(t, s, p, o, old, hull, src1, item1);
	}
	if (!zt_span_eq(hull, old))
		return rewrite_fact(t, s, p, o, old, hull, ZT_MULTI, 0);
	return ZT_OK;
}

zt_status zt__apply_add(zt_txn *t, const unsigned char *rec)
{
	zt_id s = zt_get64(rec), p = zt_get64(rec + 8), o = zt_get64(rec + 16);
	zt_span tm = get_span(rec + 24);
	zt_id src = zt_get64(rec + 32);
	uint32_t item = zt_get32(rec + 40);
	const unsigned char *key = rec;    /* s|p|o */
	zt_status st;
	zt_span old;
	zt_id src0;
	uint32_t item0;
	int found;
	ZT_TRY(st, zt__fact_read(t, s, p, o, &old, &src0, &item0, &found));
	if (!found) {
		ZT_TRY(st, zt__index_put(t, s, p, o, tm, src, item));
		ZT_TRY(st, source_note(t, src, key, item, 1));
		return zt__names_on_add(t, s, p, o);
	}
	if (src0 != ZT_MULTI) {
		if (src0 == src && item0 == item) {
			/* the same support again; with another time the new one wins */
			return zt_span_eq(old, tm) ? ZT_OK : rewrite_fact(t, s, p, o, old, tm, src, item);
		}
		/* a second support: both move to the sup table */
		ZT_TRY(st, sup_put(t, key, src0, item0, old));
		ZT_TRY(st, sup_put(t, key, src, item, tm));
		ZT_TRY(st, source_note(t, src, key, item, 1));
		zt__multi(t, 1);
		return rewrite_fact(t, s, p, o, old, zt_span_hull(old, tm), ZT_MULTI, 0);
	}
	/* several supports already */
	unsigned char v[SUP_VAL];
	zt_put64(v, src);
	zt_put32(v + 8, item);
	memset(v + 12, 0, 8);
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SUP], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "writing supports");
	MDB_val k = zt_val(key, 24), d = zt_val(v, SUP_VAL);
	rc = mdb_cursor_get(c, &k, &d, MDB_GET_BOTH_RANGE);
	int replaced = 0;
	if (rc == 0 && memcmp(d.mv_data, v, 12) == 0) {
		if (zt_span_eq(get_span((unsigned char *)d.mv_data + 12), tm)) {
			mdb_cursor_close(c);
			return ZT_OK;
		}
		rc = mdb_cursor_del(c, 0);
		replaced = 1;
	} else if (rc == MDB_NOTFOUND) {
		rc = 0;
	}
	mdb_cursor_close(c);
	if (rc != 0)
		return zt__mdb(t, rc, "writing supports");
	ZT_TRY(st, sup_put(t, key, src, item, tm));
	if (replaced)
		return refresh_multi(t, s, p, o, old);
	ZT_TRY(st, source_note(t, src, key, item, 1));
	zt_span hull = zt_span_hull(old, tm);
	return zt_span_eq(hull, old) ? ZT_OK : rewrite_fact(t, s, p, o, old, hull, ZT_MULTI, 0);
}

/* Remove the supports of `src` for (s,p,o) (every item, or just `item`),
 * keeping the indexes in step.  *removed gets how many went. */
zt_status zt__remove_support(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_id src, int all_items,
                             uint32_t item, int *removed)
{
	unsigned char key[24], v[SUP_VAL];
	spo_key(key, s, p, o);
	*removed = 0;
	zt_status st;
	zt_span old;
	zt_id src0;
	uint32_t item0;
	int found;
	ZT_TRY(st, zt__fact_read(t, s, p, o, &old, &src0, &item0, &found));
	if (!found)
		return ZT_OK;
	if (src0 != ZT_MULTI) {
		if (src0 != src || (!all_items && item0 != item))
			return ZT_OK;
		*removed = 1;
		ZT_TRY(st, source_note(t, src0, key, item0, 0));
		ZT_TRY(st, zt__index_del(t, s, p, o, old));
		return zt__names_on_del(t, s, p, o);
	}
	size_t plen = all_items ? 8 : 12;
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SUP], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "removing supports");
	for (;;) {
		zt_put64(v, src);
		zt_put32(v + 8, all_items ? 0 : item);
		memset(v + 12, 0, 8);
		MDB_val k = zt_val(key, 24), d = zt_val(v, SUP_VAL);
		rc = mdb_cursor_get(c, &k, &d, MDB_GET_BOTH_RANGE);
		if (rc == MDB_NOTFOUND || (rc == 0 && memcmp(d.mv_data, v, plen) != 0)) {
			rc = 0;
			break;
		}
		if (rc != 0)
			break;
		uint32_t it = zt_get32((unsigned char *)d.mv_data + 8);
		rc = mdb_cursor_del(c, 0);
		if (rc != 0)
			break;
		(*removed)++;
		if ((st = source_note(t, src, key, it, 0)) != ZT_OK)
			break;
	}
	mdb_cursor_close(c);
	if (rc != 0)
		return zt__mdb(t, rc, "removing supports");
	if (st != ZT_OK || !*removed)
		return st;
	return refresh_multi(t, s, p, o, old);
}

zt_status zt__apply_retract(zt_txn *t, const unsigned char *rec)
{
	zt_id s = zt_get64(rec), p = zt_get64(rec + 8), o = zt_get64(rec + 16), src = zt_get64(rec + 24);
	zt_status st;
	if (src) {
		int removed;
		ZT_TRY(st, zt__remove_support(t, s, p, o, src, 1, 0, &removed));
		return removed ? ZT_OK : ZT_NOTFOUND;
	}
	/* Every support, then the fact. */
	zt_span old;
	zt_id src0;
	uint32_t item0;
	int found;
	ZT_TRY(st, zt__fact_read(t, s, p, o, &old, &src0, &item0, &found));
	if (!found)
		return ZT_NOTFOUND;
	if (src0 != ZT_MULTI) {
		ZT_TRY(st, source_note(t, src0, rec, item0, 0));
	} else {
		MDB_cursor *c;
		int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SUP], &c);
		if (rc != 0)
			return zt__mdb(t, rc, "removing supports");
		MDB_val k = zt_val(rec, 24), d;
		for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_KEY); rc == 0;
		     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP)) {
			const unsigned char *v = d.mv_data;
			if ((st = source_note(t, zt_get64(v), rec, zt_get32(v + 8), 0)) != ZT_OK) {
				mdb_cursor_close(c);
				return st;
			}
		}
		mdb_cursor_close(c);
		if (rc != MDB_NOTFOUND)
			return zt__mdb(t, rc, "removing supports");
		k = zt_val(rec, 24);
		rc = mdb_del(t->mt, t->st->dbi[DB_SUP], &k, NULL);
		if (rc != 0 && rc != MDB_NOTFOUND)
			return zt__mdb(t, rc, "removing supports");
		zt__multi(t, -1);
	}
	ZT_TRY(st, zt__index_del(t, s, p, o, old));
	return zt__names_on_del(t, s, p, o);
}

/* ----------------------------------------------------------- public */

zt_status zt_fact_add(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span time, zt_id source, uint32_t item)
{
	if (!s || !p || !o || time.from > time.to || source == ZT_MULTI)
		return ZT_ERR_ARG;
	unsigned char rec[44];
	spo_key(rec, s, p, o);
	put_span(rec + 24, time);
	zt_put64(rec + 32, source);
	zt_put32(rec + 40, item);
	zt_status st;
	ZT_TRY(st, zt__writable(t));
	return zt__after_write(t, zt__apply_add(t, rec));
}

zt_status zt_fact_retract(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_id source)
{
	if (!s || !p || !o)
		return ZT_ERR_ARG;
	unsigned char rec[32];
	spo_key(rec, s, p, o);
	zt_put64(rec + 24, source);
	zt_status st;
	ZT_TRY(st, zt__writable(t));
	st = zt__apply_retract(t, rec);
	return st == ZT_NOTFOUND ? st : zt__after_write(t, st);
}

zt_status zt_fact_get(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_fact *fact)
{
	zt_span tm;
	int found;
	zt_status st;
	ZT_TRY(st, zt__fact_time_get(t, s, p, o, &tm, &found));
	if (!found)
		return ZT_NOTFOUND;
	if (fact)
		*fact = (zt_fact){ s, p, o, tm };
	return ZT_OK;
}

zt_status zt_fact_supports(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_support *out, size_t cap, size_t *n)
{
	*n = 0;
	zt_span tm;
	zt_id src0;
	uint32_t item0;
	int found;
	zt_status st;
	ZT_TRY(st, zt__fact_read(t, s, p, o, &tm, &src0, &item0, &found));
	if (!found)
		return ZT_OK;
	if (src0 != ZT_MULTI) {
		if (cap)
			out[0] = (zt_support){ src0, item0, tm };
		*n = 1;
		return ZT_OK;
	}
	unsigned char key[24];
	spo_key(key, s, p, o);
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SUP], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "reading supports");
	MDB_val k = zt_val(key, 24), d;
	size_t i = 0;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_KEY); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP), i++) {
		if (i < cap) {
			const unsigned char *v = d.mv_data;
			out[i] = (zt_support){ zt_get64(v), zt_get32(v + 8), get_span(v + 12) };
		}
	}
	mdb_cursor_close(c);
	*n = i;
	if (rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "reading supports");
	return ZT_OK;
}

/* ---------------------------------------------------------- iterators */

static void iter_link(zt_txn *t, zt_iter *it)
{
	it->txn = t;
	it->next_it = t->iters;
	it->prev_it = NULL;
	if (t->iters)
		t->iters->prev_it = it;
	t->iters = it;
}

static void iter_unlink(zt_iter *it)
{
	zt_txn *t = it->txn;
	if (!t)
		return;
	if (it->prev_it)
		it->prev_it->next_it = it->next_it;
	else
		t->iters = it->next_it;
	if (it->next_it)
		it->next_it->prev_it = it->prev_it;
	it->txn = NULL;
	it->next_it = it->prev_it = NULL;
}

/* The txn ends or its LMDB txn is replaced: iterators report ZT_DONE. */
void zt__iter_detach_all(zt_txn *t)
{
	for (int i = 0; i < DB_COUNT; i++)
		if (t->spare[i]) {
			mdb_cursor_close(t->spare[i]);
			t->spare[i] = NULL;
		}
	if (t->probe) {
		mdb_cursor_close(t->probe);
		t->probe = NULL;
	}
	while (t->iters) {
		zt_iter *it = t->iters;
		if (it->cur)
			mdb_cursor_close(it->cur);
		it->cur = NULL;
		it->done = 1;
		iter_unlink(it);
	}
}

void zt_iter_free(zt_iter *it)
{
	if (!it)
		return;
	/* a live txn keeps one cursor per table for the next iterator */
	if (it->cur && it->txn && !it->txn->spare[it->which])
		it->txn->spare[it->which] = it->cur;
	else if (it->cur)
		mdb_cursor_close(it->cur);
	iter_unlink(it);
	free(it);
}

const char *zt_match_index(zt_id s, zt_id p, zt_id o)
{
	if (s)
		return p || !o ? "SPO" : "OSP";
	if (p)
		return "POS";
	return o ? "OSP" : "SPO";
}

static zt_status iter_new(zt_txn *t, int which, zt_iter **out)
{
	zt_iter *it = calloc(1, sizeof *it);
	if (!it)
		return ZT_ERR_NOMEM;
	it->which = which;
	if (t->spare[which]) {
		it->cur = t->spare[which];
		t->spare[which] = NULL;
	} else {
		int rc = mdb_cursor_open(t->mt, t->st->dbi[which], &it->cur);
		if (rc != 0) {
			free(it);
			return zt__mdb(t, rc, "opening a cursor");
		}
	}
	iter_link(t, it);
	*out = it;
	return ZT_OK;
}

zt_status zt_match(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span time, zt_iter **out)
{
	*out = NULL;
	const char *ix = zt_match_index(s, p, o);
	int which = ix[0] == 'S' ? DB_SPO : ix[0] == 'P' ? DB_POS : DB_OSP;
	zt_iter *it;
	zt_status st;
	ZT_TRY(st, iter_new(t, which, &it));
	it->filter = time;
	zt_id key = index_key(which, s, p, o);
	if (key) {
		it->keybound = 1;
		zt_put64(it->key, key);
		/* the bound positions after the key, in the index's value order */
		zt_id a = which == DB_SPO ? p : which == DB_POS ? o : s;
		zt_id b = which == DB_SPO ? o : which == DB_POS ? s : p;
		if (a) {
			zt_put64(it->pfx, a);
			it->pfxlen = 8;
			if (b) {
				zt_put64(it->pfx + 8, b);
				it->pfxlen = 16;
			}
		}
		memcpy(it->start, it->pfx, it->pfxlen);
		it->startlen = it->pfxlen;
	}
	*out = it;
	return ZT_OK;
}

zt_status zt_match_range(zt_txn *t, zt_id s, zt_id p, zt_id o_lo, zt_id o_hi, zt_span time,
                         zt_iter **out)
{
	*out = NULL;
	/* s bound: SPO (a range of o under s p, else a filter over s's
	 * facts); p alone: POS, o in order under p; nothing: OSP's keys. */
	int which = s ? DB_SPO : p ? DB_POS : DB_OSP;
	zt_iter *it;
	zt_status st;
	ZT_TRY(st, iter_new(t, which, &it));
	it->filter = time;
	it->ranged = 1;
	it->olo = o_lo;
	it->ohi = o_hi;
	if (o_lo > o_hi)
		it->done = 1;
	if (s) {
		it->keybound = 1;
		zt_put64(it->key, s);
		if (p) {
			zt_put64(it->pfx, p);
			it->pfxlen = 8;
			zt_put64(it->start, p);
			zt_put64(it->start + 8, o_lo);
			it->startlen = 16;
			it->range_ends = 1;
		}
	} else if (p) {
		it->keybound = 1;
		zt_put64(it->key, p);
		zt_put64(it->start, o_lo);
		it->startlen = 8;
		it->range_ends = 1;
	} else {
		zt_put64(it->key, o_lo);
		it->range_ends = 1;
	}
	*out = it;
	return ZT_OK;
}

static zt_status time_next(zt_iter *it, zt_fact *out);

zt_status zt_iter_next(zt_iter *it, zt_fact *out)
{
	if (it->done || !it->cur)
		return ZT_DONE;
	if (it->which == DB_TIME)
		return time_next(it, out);
	int which = it->which;
	for (;;) {
		MDB_val k, d;
		int rc;
		if (!it->started) {
			it->started = 1;
			if (!it->keybound && it->ranged) {
				k = zt_val(it->key, 8);
				rc = mdb_cursor_get(it->cur, &k, &d, MDB_SET_RANGE);
			} else if (!it->keybound) {
				rc = mdb_cursor_get(it->cur, &k, &d, MDB_FIRST);
			} else if (it->startlen) {
				unsigned char v[SPO_VAL] = { 0 };
				memcpy(v, it->start, it->startlen);
				k = zt_val(it->key, 8);
				d = zt_val(v, val_size(which));
				rc = mdb_cursor_get(it->cur, &k, &d, MDB_GET_BOTH_RANGE);
			} else {
				k = zt_val(it->key, 8);
				rc = mdb_cursor_get(it->cur, &k, &d, MDB_SET_KEY);
			}
		} else {
			rc = mdb_cursor_get(it->cur, &k, &d, it->keybound ? MDB_NEXT_DUP : MDB_NEXT);
		}
		if (rc == MDB_NOTFOUND) {
			it->done = 1;
			return ZT_DONE;
		}
		if (rc != 0) {
			it->done = 1;
			return zt__mdb(it->txn, rc, "reading facts");
		}
		if (k.mv_size != 8 || d.mv_size != val_size(which)) {
			it->done = 1;
			return ZT_ERR_CORRUPT;
		}
		if (it->pfxlen && memcmp(d.mv_data, it->pfx, it->pfxlen) != 0) {
			it->done = 1;
			return ZT_DONE;
		}
		zt_fact f = decode_fact(which, k.mv_data, d.mv_data);
		if (it->ranged && (f.o < it->olo || f.o > it->ohi)) {
			if (f.o > it->ohi && it->range_ends) {
				it->done = 1;
				return ZT_DONE;
			}
			continue;
		}
		if (!zt_span_overlaps(f.time, it->filter))
			continue;
		it->last = f;
		it->have_last = 1;
		if ((it->last_inline = which == DB_SPO)) {
			const unsigned char *v = d.mv_data;
			it->last_src = zt_get64(v + 24);
			it->last_item = zt_get32(v + 32);
		}
		*out = f;
		return ZT_OK;
	}
}

zt_status zt_iter_supports(zt_iter *it, zt_support *out, size_t cap, size_t *n)
{
	*n = 0;
	if (!it->have_last || !it->txn)
		return ZT_ERR_ARG;
	if (it->last_inline && it->last_src != ZT_MULTI) {
		/* one support, read with the fact */
		if (cap)
			out[0] = (zt_support){ it->last_src, it->last_item, it->last.time };
		*n = 1;
		return ZT_OK;
	}
	return zt_fact_supports(it->txn, it->last.s, it->last.p, it->last.o, out, cap, n);
}

/* Exactly count dups of `key` in `which` starting with `pfx`, up to cap. */
static zt_status count_prefix(zt_txn *t, int which, zt_id key, const unsigned char *pfx, size_t plen,
                              uint64_t cap, uint64_t *n)
{
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[which], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "counting facts");
	unsigned char kb[8], v[SPO_VAL] = { 0 };
	zt_put64(kb, key);
	memcpy(v, pfx, plen);
	MDB_val k = zt_val(kb, 8), d = zt_val(v, val_size(which));
	*n = 0;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_GET_BOTH_RANGE); rc == 0 && *n < cap;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP)) {
		if (memcmp(d.mv_data, pfx, plen) != 0)
			break;
		(*n)++;
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "counting facts");
	return ZT_OK;
}

/* The number of facts under one key of an index: O(1) with DUPSORT. */
static zt_status count_key(zt_txn *t, int which, zt_id key, uint64_t *n)
{
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[which], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "counting facts");
	unsigned char kb[8];
	zt_put64(kb, key);
	MDB_val k = zt_val(kb, 8), d;
	*n = 0;
	rc = mdb_cursor_get(c, &k, &d, MDB_SET_KEY);
	if (rc == 0) {
		size_t cnt;
		rc = mdb_cursor_count(c, &cnt);
		*n = cnt;
	}
	mdb_cursor_close(c);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "counting facts");
	return ZT_OK;
}

#define ESTIMATE_CAP 1000

zt_status zt_match_estimate(zt_txn *t, zt_id s, zt_id p, zt_id o, uint64_t *out)
{
	zt_status st;
	int bound = !!s + !!p + !!o;
	if (bound == 0) {
		MDB_stat ms;
		int rc = mdb_stat(t->mt, t->st->dbi[DB_SPO], &ms);
		if (rc != 0)
			return zt__mdb(t, rc, "counting facts");
		*out = ms.ms_entries;
		return ZT_OK;
	}
	if (bound == 3) {
		zt_span tm;
		int found;
		ZT_TRY(st, zt__fact_time_get(t, s, p, o, &tm, &found));
		*out = (uint64_t)found;
		return ZT_OK;
	}
	if (bound == 1)
		return count_key(t, s ? DB_SPO : p ? DB_POS : DB_OSP, s ? s : p ? p : o, out);
	/* Two bound: exact below the cap, else the smaller of the two
	 * single-position counts bounds the answer. */
	int which = s && p ? DB_SPO : p ? DB_POS : DB_OSP;
	zt_id key = index_key(which, s, p, o);
	zt_id second = which == DB_SPO ? p : which == DB_POS ? o : s;
	unsigned char pfx[8];
	zt_put64(pfx, second);
	uint64_t n = 0;
	ZT_TRY(st, count_prefix(t, which, key, pfx, 8, ESTIMATE_CAP, &n));
	if (n < ESTIMATE_CAP) {
		*out = n;
		return ZT_OK;
	}
	uint64_t a, b;
	ZT_TRY(st, count_key(t, which, key, &a));
	int other = which == DB_SPO ? DB_POS : which == DB_POS ? DB_OSP : DB_SPO;
	ZT_TRY(st, count_key(t, other, second, &b));
	uint64_t m = a < b ? a : b;
	*out = m > n ? m : n;
	return ZT_OK;
}

/* -------------------------------------------------------- time index */

zt_status zt_match_time(zt_txn *t, zt_span range, zt_iter **out)
{
	*out = NULL;
	zt_iter *it;
	zt_status st;
	ZT_TRY(st, iter_new(t, DB_TIME, &it));
	it->filter = range;
	/* Facts overlapping [a,b] start at or after a - maxspan and at or
	 * before b: maxspan bounds every timed fact's length. */
	int64_t start = (int64_t)range.from - (int64_t)t->maxspan;
	if (start < INT32_MIN)
		start = INT32_MIN;
	zt_putday(it->key, (int32_t)start);
	it->tmax = range.to;
	*out = it;
	return ZT_OK;
}

static zt_status time_next(zt_iter *it, zt_fact *out)
{
	for (;;) {
		MDB_val k, d;
		int rc;
		if (!it->started) {
			it->started = 1;
			k = zt_val(it->key, 4);
			rc = mdb_cursor_get(it->cur, &k, &d, MDB_SET_RANGE);
		} else {
			rc = mdb_cursor_get(it->cur, &k, &d, MDB_NEXT);
		}
		if (rc == MDB_NOTFOUND) {
			it->done = 1;
			return ZT_DONE;
		}
		if (rc != 0) {
			it->done = 1;
			return zt__mdb(it->txn, rc, "reading the time index");
		}
		if (k.mv_size != 4 || d.mv_size != TIME_VAL) {
			it->done = 1;
			return ZT_ERR_CORRUPT;
		}
		int32_t from = zt_getday(k.mv_data);
		if (from > it->tmax) {
			it->done = 1;
			return ZT_DONE;
		}
		const unsigned char *v = d.mv_data;
		int32_t to = zt_getday(v + 24);
		if (to < it->filter.from)
			continue;
		*out = (zt_fact){ zt_get64(v), zt_get64(v + 8), zt_get64(v + 16), { from, to } };
		it->last = *out;
		it->have_last = 1;
		it->last_inline = 0;
		return ZT_OK;
	}
}
