/* sources.c — imported sources: their records, per-source fact counts,
 * replacing and forgetting a source's contribution.
 *
 * Record: key name + NUL; value id (8) | published (4) | imported (8) |
 * facts (8) | hash + NUL.  The NULs let read transactions hand out the
 * name and hash in place.  Fact counts change with every support, so the
 * changes are summed per transaction (deltas) and written at commit. */
#include "store_int.h"

#include <stdlib.h>
#include <time.h>

#define REC_FIXED 28

zt_status zt__src_delta(zt_txn *t, zt_id src, int64_t d)
{
	for (size_t i = t->ndeltas; i-- > 0;)
		if (t->deltas[i].src == src) {
			t->deltas[i].delta += d;
			return ZT_OK;
		}
	if (t->ndeltas == t->capdeltas) {
		size_t cap = t->capdeltas ? t->capdeltas * 2 : 8;
		zt_src_delta *nd = realloc(t->deltas, cap * sizeof *nd);
		if (!nd)
			return ZT_ERR_NOMEM;
		t->deltas = nd;
		t->capdeltas = cap;
	}
	t->deltas[t->ndeltas++] = (zt_src_delta){ src, d };
	return ZT_OK;
}

static int64_t pending(zt_txn *t, zt_id src)
{
	for (size_t i = 0; i < t->ndeltas; i++)
		if (t->deltas[i].src == src)
			return t->deltas[i].delta;
	return 0;
}

static void drop_delta(zt_txn *t, zt_id src)
{
	for (size_t i = 0; i < t->ndeltas; i++)
		if (t->deltas[i].src == src)
			t->deltas[i] = t->deltas[--t->ndeltas];
}

/* The name of source node `id` (its IRI without ZT_NS_SOURCE), raw. */
static zt_status source_name(zt_txn *t, zt_id id, const char **name, size_t *len)
{
	zt_term term;
	zt_status st = zt__term_raw(t, id, &term);
	if (st != ZT_OK)
		return st;
	size_t pl = strlen(ZT_NS_SOURCE);
	if (term.kind != ZT_IRI || term.len <= pl || memcmp(term.str, ZT_NS_SOURCE, pl) != 0)
		return ZT_NOTFOUND;
	*name = term.str + pl;
	*len = term.len - pl;
	return ZT_OK;
}

/* Get the record of `name` (len bytes, no NUL): *val points into LMDB. */
static zt_status rec_get(zt_txn *t, const char *name, size_t len, MDB_val *val)
{
	char kb[512];
	if (len + 1 > sizeof kb)
		return ZT_NOTFOUND;
	memcpy(kb, name, len);
	kb[len] = 0;
	MDB_val k = zt_val(kb, len + 1);
	int rc = mdb_get(t->mt, t->st->dbi[DB_SOURCES], &k, val);
	if (rc == MDB_NOTFOUND)
		return ZT_NOTFOUND;
	if (rc != 0)
		return zt__mdb(t, rc, "reading sources");
	if (val->mv_size < REC_FIXED + 1)
		return ZT_ERR_CORRUPT;
	return ZT_OK;
}

static zt_status rec_put(zt_txn *t, const char *name, size_t len, zt_id id, int32_t published,
                         int64_t imported, uint64_t facts, const char *hash, size_t hlen)
{
	char kb[512];
	if (len + 1 > sizeof kb)
		return ZT_ERR_ARG;
	memcpy(kb, name, len);
	kb[len] = 0;
	MDB_val k = zt_val(kb, len + 1), d = zt_val(NULL, REC_FIXED + hlen + 1);
	int rc = mdb_put(t->mt, t->st->dbi[DB_SOURCES], &k, &d, MDB_RESERVE);
	if (rc != 0)
		return zt__mdb(t, rc, "writing sources");
	unsigned char *v = d.mv_data;
	zt_put64(v, id);
	zt_putday(v + 8, published);
	zt_put64(v + 12, (uint64_t)imported);
	zt_put64(v + 20, facts);
	memcpy(v + REC_FIXED, hash, hlen);
	v[REC_FIXED + hlen] = 0;
	return ZT_OK;
}

/* Remove every support `src` gave, batch by batch from the source index. */
static zt_status remove_contribution(zt_txn *t, zt_id src)
{
	enum { BATCH = 4096 };
	unsigned char *buf = malloc((size_t)BATCH * BYSRC_VAL);
	if (!buf)
		return ZT_ERR_NOMEM;
	unsigned char kb[8];
	zt_put64(kb, src);
	zt_status st = ZT_OK;
	for (;;) {
		MDB_cursor *c;
		int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_BYSRC], &c);
		if (rc != 0) {
			st = zt__mdb(t, rc, "reading the source index");
			break;
		}
		MDB_val k = zt_val(kb, 8), d;
		size_t n = 0;
		for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_KEY); rc == 0 && n < BATCH;
		     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP))
			memcpy(buf + n++ * BYSRC_VAL, d.mv_data, BYSRC_VAL);
		mdb_cursor_close(c);
		if (rc != 0 && rc != MDB_NOTFOUND) {
			st = zt__mdb(t, rc, "reading the source index");
			break;
		}
		if (n == 0)
			break;
		/* zt__remove_support deletes each entry from the source index,
		 * so the next batch starts after this one. */
		for (size_t i = 0; i < n && st == ZT_OK; i++) {
			const unsigned char *e = buf + i * BYSRC_VAL;
			int removed;
			st = zt__remove_support(t, zt_get64(e), zt_get64(e + 8), zt_get64(e + 16), src, 0,
			                        zt_get32(e + 24), &removed);
			if (st == ZT_OK && !removed) {
				/* a source-index entry without its support: drop it */
				MDB_val k2 = zt_val(kb, 8), d2 = zt_val(e, BYSRC_VAL);
				rc = mdb_del(t->mt, t->st->dbi[DB_BYSRC], &k2, &d2);
				if (rc != 0 && rc != MDB_NOTFOUND)
					st = zt__mdb(t, rc, "removing from the source index");
			}
		}
		if (st != ZT_OK)
			break;
	}
	free(buf);
	return st;
}

zt_status zt__apply_src_begin(zt_txn *t, const unsigned char *rec, size_t len, int *unchanged)
{
	if (len < 24)
		return ZT_ERR_INTERNAL;
	zt_id id = zt_get64(rec);
	int32_t published = zt_getday(rec + 8);
	int64_t imported = (int64_t)zt_get64(rec + 12);
	uint32_t hlen = zt_get32(rec + 20);
	if (24 + (size_t)hlen > len)
		return ZT_ERR_INTERNAL;
	const char *hash = (const char *)rec + 24;
	const char *name = hash + hlen;
	size_t nlen = len - 24 - hlen;
	MDB_val v;
	zt_status st = rec_get(t, name, nlen, &v);
	if (st >= ZT_ERR_FIRST)
		return st;
	if (unchanged)
		*unchanged = 0;
	uint64_t facts = 0;
	if (st == ZT_OK) {
		const unsigned char *p = v.mv_data;
		size_t ohl = v.mv_size - REC_FIXED - 1;
		if (ohl == hlen && memcmp(p + REC_FIXED, hash, hlen) == 0) {
			if (unchanged)
				*unchanged = 1;
			return ZT_OK;
		}
		facts = zt_get64(p + 20);
		/* New content under an old name: what the old one said goes. */
		ZT_TRY(st, remove_contribution(t, id));
	}
	return rec_put(t, name, nlen, id, published, imported, facts, hash, hlen);
}

zt_status zt__apply_src_end(zt_txn *t, const unsigned char *rec)
{
	zt_id id = zt_get64(rec);
	int64_t imported = (int64_t)zt_get64(rec + 8);
	const char *name;
	size_t nlen;
	zt_status st = source_name(t, id, &name, &nlen);
	if (st == ZT_NOTFOUND)
		return ZT_ERR_ARG;
	if (st != ZT_OK)
		return st;
	char nb[512];
	if (nlen >= sizeof nb)
		return ZT_ERR_ARG;
	memcpy(nb, name, nlen);    /* the next write may move LMDB pages */
	MDB_val v;
	st = rec_get(t, nb, nlen, &v);
	if (st == ZT_NOTFOUND)
		return ZT_ERR_ARG;
	if (st != ZT_OK)
		return st;
	const unsigned char *p = v.mv_data;
	size_t hlen = v.mv_size - REC_FIXED - 1;
	char *hash = malloc(hlen + 1);
	if (!hash)
		return ZT_ERR_NOMEM;
	memcpy(hash, p + REC_FIXED, hlen);
	int32_t published = zt_getday(p + 8);
	uint64_t facts = zt_get64(p + 20);
	st = rec_put(t, nb, nlen, id, published, imported, facts, hash, hlen);
	free(hash);
	return st;
}

zt_status zt__apply_forget(zt_txn *t, const unsigned char *rec, size_t len, int *found)
{
	MDB_val v;
	zt_status st = rec_get(t, (const char *)rec, len, &v);
	if (found)
		*found = st == ZT_OK;
	if (st != ZT_OK)
		return st;
	zt_id id = zt_get64(v.mv_data);
	ZT_TRY(st, remove_contribution(t, id));
	char kb[512];
	memcpy(kb, rec, len);
	kb[len] = 0;
	MDB_val k = zt_val(kb, len + 1);
	int rc = mdb_del(t->mt, t->st->dbi[DB_SOURCES], &k, NULL);
	if (rc != 0)
		return zt__mdb(t, rc, "removing the source");
	drop_delta(t, id);
	return ZT_OK;
}

zt_status zt__flush_deltas(zt_txn *t)
{
	zt_status st = ZT_OK;
	while (t->ndeltas && st == ZT_OK) {
		zt_src_delta dl = t->deltas[t->ndeltas - 1];
		if (dl.delta) {
			const char *name;
			size_t nlen;
			st = source_name(t, dl.src, &name, &nlen);
			if (st == ZT_NOTFOUND) {
				st = ZT_OK;     /* supports of a source that has no record */
			} else if (st == ZT_OK) {
				char nb[512];
				if (nlen >= sizeof nb)
					return ZT_ERR_INTERNAL;
				memcpy(nb, name, nlen);
				MDB_val v;
				st = rec_get(t, nb, nlen, &v);
				if (st == ZT_NOTFOUND) {
					st = ZT_OK;
				} else if (st == ZT_OK) {
					/* facts live in the record in place: reserve a copy */
					unsigned char *copy = malloc(v.mv_size);
					if (!copy)
						return ZT_ERR_NOMEM;
					memcpy(copy, v.mv_data, v.mv_size);
					int64_t facts = (int64_t)zt_get64(copy + 20) + dl.delta;
					st = rec_put(t, nb, nlen, dl.src, zt_getday(copy + 8),
					             (int64_t)zt_get64(copy + 12), facts < 0 ? 0 : (uint64_t)facts,
					             (char *)copy + REC_FIXED, v.mv_size - REC_FIXED - 1);
					free(copy);
				}
			}
		}
		if (st == ZT_OK)
			t->ndeltas--;
	}
	return st;
}

/* ----------------------------------------------------------- public */

zt_status zt_source_begin(zt_txn *t, const char *name, const char *hash, int32_t published,
                          zt_id *out, int *unchanged)
{
	zt_status st;
	ZT_TRY(st, zt__writable(t));
	size_t nlen = name ? strlen(name) : 0;
	if (nlen == 0 || nlen > 400)
		return ZT_ERR_ARG;
	if (!hash)
		hash = "";
	size_t hlen = strlen(hash);
	size_t pl = strlen(ZT_NS_SOURCE);
	char *iri = malloc(pl + nlen + 1);
	if (!iri)
		return ZT_ERR_NOMEM;
	memcpy(iri, ZT_NS_SOURCE, pl);
	memcpy(iri + pl, name, nlen + 1);
	zt_term term = zt_iri(iri);
	zt_id id;
	st = zt_intern(t, &term, &id);
	free(iri);
	if (st != ZT_OK)
		return st;
	unsigned char *rec = malloc(24 + hlen + nlen);
	if (!rec)
		return ZT_ERR_NOMEM;
	zt_put64(rec, id);
	zt_putday(rec + 8, published);
	zt_put64(rec + 12, (uint64_t)time(NULL));
	zt_put32(rec + 20, (uint32_t)hlen);
	memcpy(rec + 24, hash, hlen);
	memcpy(rec + 24 + hlen, name, nlen);
	int unch = 0;
	st = zt__after_write(t, zt__apply_src_begin(t, rec, 24 + hlen + nlen, &unch));
	free(rec);
	if (st != ZT_OK)
		return st;
	*out = id;
	if (unchanged)
		*unchanged = unch;
	return ZT_OK;
}

zt_status zt_source_end(zt_txn *t, zt_id source)
{
	zt_status st;
	ZT_TRY(st, zt__writable(t));
	const char *name;
	size_t nlen;
	MDB_val v;
	/* checked before logging: a logged write must not fail on arguments */
	st = source_name(t, source, &name, &nlen);
	if (st == ZT_OK) {
		char nb[512];
		if (nlen >= sizeof nb)
			return ZT_ERR_ARG;
		memcpy(nb, name, nlen);
		st = rec_get(t, nb, nlen, &v);
	}
	if (st == ZT_NOTFOUND)
		return ZT_ERR_ARG;
	if (st != ZT_OK)
		return st;
	unsigned char rec[16];
	zt_put64(rec, source);
	zt_put64(rec + 8, (uint64_t)time(NULL));
	return zt__after_write(t, zt__apply_src_end(t, rec));
}

zt_status zt_source_forget(zt_txn *t, const char *name)
{
	size_t nlen = name ? strlen(name) : 0;
	if (nlen == 0 || nlen > 400)
		return ZT_NOTFOUND;
	zt_status st;
	ZT_TRY(st, zt__writable(t));
	int found = 0;
	st = zt__apply_forget(t, (const unsigned char *)name, nlen, &found);
	return st == ZT_NOTFOUND ? st : zt__after_write(t, st);
}

static void fill_info(zt_txn *t, const char *name, const MDB_val *v, zt_source_info *info)
{
	const unsigned char *p = v->mv_data;
	info->id = zt_get64(p);
	info->name = name;
	info->hash = zt__hand_out(t, p + REC_FIXED, v->mv_size - REC_FIXED - 1);
	info->published = zt_getday(p + 8);
	info->imported = (int64_t)zt_get64(p + 12);
	int64_t f = (int64_t)zt_get64(p + 20) + pending(t, info->id);
	info->facts = f < 0 ? 0 : (uint64_t)f;
}

zt_status zt_source_get(zt_txn *t, zt_id source, zt_source_info *info)
{
	const char *name;
	size_t nlen;
	zt_status st = source_name(t, source, &name, &nlen);
	if (st != ZT_OK)
		return st;
	const char *hname = zt__hand_out(t, name, nlen);   /* IRIs end in NUL in i2t */
	if (!hname)
		return ZT_ERR_NOMEM;
	MDB_val v;
	st = rec_get(t, hname, nlen, &v);
	if (st != ZT_OK)
		return st;
	fill_info(t, hname, &v, info);
	return ZT_OK;
}

zt_status zt_source_list(zt_txn *t, zt_source_fn fn, void *ctx)
{
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_SOURCES], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "reading sources");
	MDB_val k, v;
	zt_status st = ZT_OK;
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (v.mv_size < REC_FIXED + 1 || k.mv_size < 1) {
			st = ZT_ERR_CORRUPT;
			break;
		}
		zt_source_info info;
		const char *name = zt__hand_out(t, k.mv_data, k.mv_size - 1);
		if (!name) {
			st = ZT_ERR_NOMEM;
			break;
		}
		fill_info(t, name, &v, &info);
		if (fn(ctx, &info))
			break;
	}
	mdb_cursor_close(c);
	if (st == ZT_OK && rc != 0 && rc != MDB_NOTFOUND)
		st = zt__mdb(t, rc, "reading sources");
	return st;
}
