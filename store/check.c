/* check.c — zt_store_check (verify every invariant of store_int.h) and
 * zt_store_stats. */
#include "store_int.h"

#include <stdarg.h>
#include <stdlib.h>

typedef struct srccount { zt_id src; uint64_t n; } srccount;

typedef struct checker {
	srccount *counts;     /* supports per source, as found */
	size_t ncounts, capcounts;
	uint64_t sourced;     /* supports with a source */
	uint64_t multi;       /* facts with several supports */
	zt_txn *t;
	zt_problem_fn fn;
	void *ctx;
	uint64_t problems;
	zt_error *err;
	zt_status io;         /* an LMDB failure while checking */
} checker;

__attribute__((format(printf, 2, 3)))
static void problem(checker *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->problems == 0 && c->err)
		zt_fail(c->err, ZT_ERR_CORRUPT, "%s", msg);
	c->problems++;
	if (c->fn)
		c->fn(c->ctx, msg);
}

static int has_dup(zt_txn *t, int which, const void *key, size_t klen, const void *val, size_t vlen)
{
	MDB_cursor *c;
	if (mdb_cursor_open(t->mt, t->st->dbi[which], &c) != 0)
		return 0;
	MDB_val k = zt_val(key, klen), d = zt_val(val, vlen);
	int rc = mdb_cursor_get(c, &k, &d, MDB_GET_BOTH);
	mdb_cursor_close(c);
	return rc == 0;
}

static uint64_t entries(zt_txn *t, int which)
{
	MDB_stat ms;
	return mdb_stat(t->mt, t->st->dbi[which], &ms) == 0 ? ms.ms_entries : 0;
}

static void check_dictionary(checker *c)
{
	zt_txn *t = c->t;
	MDB_cursor *cur;
	if (mdb_cursor_open(t->mt, t->st->dbi[DB_I2T], &cur) != 0) {
		c->io = ZT_ERR_STORE;
		return;
	}
	MDB_val k, d;
	uint64_t n = 0, maxctr = 0;
	int rc;
	for (rc = mdb_cursor_get(cur, &k, &d, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cur, &k, &d, MDB_NEXT)) {
		n++;
		if (k.mv_size != 8) {
			problem(c, "dictionary: an id key of %zu bytes", k.mv_size);
			continue;
		}
		zt_id id = zt_get64(k.mv_data);
		uint64_t ctr = id >> 8;
		if (ctr > maxctr)
			maxctr = ctr;
		const unsigned char *v = d.mv_data;
		zt_term term;
		if (d.mv_size < 2 || v[d.mv_size - 1] != 0 ||
		    zt_term_decode(v, d.mv_size - 1, &term) != ZT_OK) {
			problem(c, "dictionary: term %016llx does not decode", (unsigned long long)id);
			continue;
		}
		if ((zt_kind)v[0] != zt_id_kind(id))
			problem(c, "dictionary: term %016llx has kind %d but its id says %d",
			        (unsigned long long)id, v[0], (int)zt_id_kind(id));
		unsigned char hb[8];
		zt_put64(hb, zt__term_hash(v, d.mv_size - 1));
		if (!has_dup(t, DB_T2I, hb, 8, k.mv_data, 8))
			problem(c, "dictionary: term %016llx is missing from the term index",
			        (unsigned long long)id);
		zt_id back = 0;
		zt_status st = zt__dict_lookup(t, v, d.mv_size - 1, &back);
		if (st != ZT_OK || back != id)
			problem(c, "dictionary: term %016llx does not look up to itself (got %016llx)",
			        (unsigned long long)id, (unsigned long long)back);
	}
	mdb_cursor_close(cur);
	uint64_t nt = entries(t, DB_T2I);
	if (nt != n)
		problem(c, "dictionary: %llu terms but %llu term keys", (unsigned long long)n,
		        (unsigned long long)nt);
	if (maxctr >= t->next)
		problem(c, "dictionary: the id counter (%llu) is not above the largest id (%llu)",
		        (unsigned long long)t->next, (unsigned long long)maxctr);
}

/* One more support by `src` (not 0). */
static void count_support(checker *c, zt_id src)
{
	c->sourced++;
	size_t i;
	for (i = c->ncounts; i-- > 0;)
		if (c->counts[i].src == src) {
			c->counts[i].n++;
			return;
		}
	if (c->ncounts == c->capcounts) {
		size_t cap = c->capcounts ? c->capcounts * 2 : 64;
		srccount *nc = realloc(c->counts, cap * sizeof *nc);
		if (!nc) {
			c->io = ZT_ERR_NOMEM;
			return;
		}
		c->counts = nc;
		c->capcounts = cap;
	}
	c->counts[c->ncounts++] = (srccount){ src, 1 };
}

static int has_bysrc(zt_txn *t, zt_id src, const unsigned char *key24, uint32_t item)
{
	unsigned char kb[8], bv[BYSRC_VAL];
	zt_put64(kb, src);
	memcpy(bv, key24, 24);
	zt_put32(bv + 24, item);
	return has_dup(t, DB_BYSRC, kb, 8, bv, BYSRC_VAL);
}

static int id_exists(zt_txn *t, zt_id id)
{
	char text[16];
	size_t len;
	if (id & ZT_VALUE_BIT)
		return zt__date_text(id, text, &len);
	unsigned char b[8];
	zt_put64(b, id);
	MDB_val k = zt_val(b, 8), d;
	return mdb_get(t->mt, t->st->dbi[DB_I2T], &k, &d) == 0;
}

/* Every SPO fact: in POS, OSP, time; ids known; supports agree; names. */
static void check_facts(checker *c, uint64_t *timed, uint64_t *nfacts)
{
	zt_txn *t = c->t;
	MDB_cursor *cur, *sc;
	if (mdb_cursor_open(t->mt, t->st->dbi[DB_SPO], &cur) != 0 ||
	    mdb_cursor_open(t->mt, t->st->dbi[DB_SUP], &sc) != 0) {
		c->io = ZT_ERR_STORE;
		return;
	}
	zt_id label = zt__id_label(t), alt = zt__id_alt(t);
	MDB_val k, d;
	int rc;
	*timed = *nfacts = 0;
	for (rc = mdb_cursor_get(cur, &k, &d, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cur, &k, &d, MDB_NEXT)) {
		(*nfacts)++;
		const unsigned char *v = d.mv_data;
		if (d.mv_size != SPO_VAL) {
			problem(c, "SPO: a value of %zu bytes", d.mv_size);
			continue;
		}
		zt_id s = zt_get64(k.mv_data), p = zt_get64(v), o = zt_get64(v + 8);
		zt_span tm = { zt_getday(v + 16), zt_getday(v + 20) };
		unsigned long long S = s, P = p, O = o;
		unsigned char kb[8], vb[FACT_VAL];
		zt_put64(kb, p);
		zt_put64(vb, o);
		zt_put64(vb + 8, s);
		memcpy(vb + 16, v + 16, 8);
		if (!has_dup(t, DB_POS, kb, 8, vb, FACT_VAL))
			problem(c, "fact %llx %llx %llx: missing from the POS index (or its time differs)", S, P, O);
		zt_put64(kb, o);
		zt_put64(vb, s);
		zt_put64(vb + 8, p);
		if (!has_dup(t, DB_OSP, kb, 8, vb, FACT_VAL))
			problem(c, "fact %llx %llx %llx: missing from the OSP index (or its time differs)", S, P, O);
		if (!zt_span_is_always(tm)) {
			(*timed)++;
			unsigned char tk[4], tv[TIME_VAL];
			memcpy(tk, v + 16, 4);
			zt_put64(tv, s);
			zt_put64(tv + 8, p);
			zt_put64(tv + 16, o);
			memcpy(tv + 24, v + 20, 4);
			if (!has_dup(t, DB_TIME, tk, 4, tv, TIME_VAL))
				problem(c, "fact %llx %llx %llx: missing from the time index", S, P, O);
			if ((uint64_t)((int64_t)tm.to - tm.from) > t->maxspan)
				problem(c, "fact %llx %llx %llx: longer than the recorded longest span", S, P, O);
		}
		if (tm.from > tm.to)
			problem(c, "fact %llx %llx %llx: time ends before it starts", S, P, O);
		if (!id_exists(t, s) || !id_exists(t, p) || !id_exists(t, o))
			problem(c, "fact %llx %llx %llx: refers to an id not in the dictionary", S, P, O);
		/* supports */
		unsigned char key[24];
		zt_put64(key, s);
		zt_put64(key + 8, p);
		zt_put64(key + 16, o);
		zt_id src0 = zt_get64(v + 24);
		uint32_t item0 = zt_get32(v + 32);
		MDB_val sk = zt_val(key, 24), sd;
		if (src0 != ZT_MULTI) {
			if (mdb_cursor_get(sc, &sk, &sd, MDB_SET_KEY) == 0)
				problem(c, "fact %llx %llx %llx: one support inline, but more in the support table",
				        S, P, O);
			if (src0) {
				count_support(c, src0);
				if (!has_bysrc(t, src0, key, item0))
					problem(c, "support of %llx %llx %llx by source %llx: missing from the source "
					        "index", S, P, O, (unsigned long long)src0);
			}
		} else {
			c->multi++;
			size_t n = 0;
			zt_span hull = ZT_SPAN_ALWAYS;
			int src;
			for (src = mdb_cursor_get(sc, &sk, &sd, MDB_SET_KEY); src == 0;
			     src = mdb_cursor_get(sc, &sk, &sd, MDB_NEXT_DUP)) {
				const unsigned char *sv = sd.mv_data;
				zt_span st = { zt_getday(sv + 12), zt_getday(sv + 16) };
				hull = n++ ? zt_span_hull(hull, st) : st;
			}
			if (n < 2)
				problem(c, "fact %llx %llx %llx: marked with several supports, has %zu", S, P, O, n);
			else if (!zt_span_eq(hull, tm))
				problem(c, "fact %llx %llx %llx: its time is not the hull of its supports' times",
				        S, P, O);
		}
		/* names */
		if (p && (p == label || p == alt) && zt_id_kind(o) == ZT_TEXT) {
			zt_term term;
			char *nk;
			size_t nl;
			if (zt__term_raw(t, o, &term) == ZT_OK &&
			    zt__name_key(term.str, term.len, &nk, &nl) == ZT_OK) {
				unsigned char nb[8];
				zt_put64(nb, s);
				if (nl && !has_dup(t, DB_NAMES, nk, nl, nb, 8))
					problem(c, "name '%s' of %llx: missing from the name index", nk, S);
				free(nk);
			}
		}
	}
	mdb_cursor_close(sc);
	mdb_cursor_close(cur);
	uint64_t np = entries(t, DB_POS), no = entries(t, DB_OSP), nt = entries(t, DB_TIME);
	if (np != *nfacts || no != *nfacts)
		problem(c, "indexes: SPO has %llu facts, POS %llu, OSP %llu", (unsigned long long)*nfacts,
		        (unsigned long long)np, (unsigned long long)no);
	if (c->multi != t->multi)
		problem(c, "header: %llu facts with several supports recorded, %llu found",
		        (unsigned long long)t->multi, (unsigned long long)c->multi);
	if (nt != *timed)
		problem(c, "time index: %llu entries for %llu timed facts", (unsigned long long)nt,
		        (unsigned long long)*timed);
}

static int cmp_src(const void *a, const void *b)
{
	zt_id x = ((const srccount *)a)->src, y = ((const srccount *)b)->src;
	return x < y ? -1 : x > y;
}

/* The support table holds only facts with several supports; sourced
 * supports are in the source index; per-source counts match the records
 * and every source-index entry has its support. */
static void check_supports(checker *c)
{
	zt_txn *t = c->t;
	MDB_cursor *cur;
	if (mdb_cursor_open(t->mt, t->st->dbi[DB_SUP], &cur) != 0) {
		c->io = ZT_ERR_STORE;
		return;
	}
	MDB_val k, d;
	int rc;
	for (rc = mdb_cursor_get(cur, &k, &d, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cur, &k, &d, MDB_NEXT)) {
		const unsigned char *key = k.mv_data, *v = d.mv_data;
		zt_id s = zt_get64(key), p = zt_get64(key + 8), o = zt_get64(key + 16);
		zt_id src = zt_get64(v);
		zt_span tm;
		zt_id src0 = 0;
		int found = 0;
		zt__fact_read(t, s, p, o, &tm, &src0, NULL, &found);
		if (!found || src0 != ZT_MULTI)
			problem(c, "support of %llx %llx %llx by source %llx: %s", (unsigned long long)s,
			        (unsigned long long)p, (unsigned long long)o, (unsigned long long)src,
			        found ? "the fact is not marked as having several" : "the fact is missing");
		if (!src)
			continue;
		count_support(c, src);
		if (!has_bysrc(t, src, key, zt_get32(v + 8)))
			problem(c, "support of %llx %llx %llx by source %llx: missing from the source index",
			        (unsigned long long)s, (unsigned long long)p, (unsigned long long)o,
			        (unsigned long long)src);
	}
	mdb_cursor_close(cur);
	uint64_t nb = entries(t, DB_BYSRC);
	if (nb != c->sourced)
		problem(c, "source index: %llu entries for %llu sourced supports", (unsigned long long)nb,
		        (unsigned long long)c->sourced);
	srccount *counts = c->counts;
	size_t ncounts = c->ncounts;
	if (counts)
		qsort(counts, ncounts, sizeof *counts, cmp_src);
	if (mdb_cursor_open(t->mt, t->st->dbi[DB_SOURCES], &cur) != 0) {
		c->io = ZT_ERR_STORE;
		return;
	}
	size_t matched = 0;
	for (rc = mdb_cursor_get(cur, &k, &d, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cur, &k, &d, MDB_NEXT)) {
		const unsigned char *v = d.mv_data;
		if (d.mv_size < 29 || k.mv_size < 2) {
			problem(c, "source record of %zu bytes is damaged", d.mv_size);
			continue;
		}
		zt_id id = zt_get64(v);
		/* In a write transaction the count still owes the deltas that
		 * commit folds in (sources.c keeps them on the txn). */
		int64_t pend = 0;
		for (size_t i = 0; i < t->ndeltas; i++)
			if (t->deltas[i].src == id)
				pend = t->deltas[i].delta;
		int64_t fv = (int64_t)zt_get64(v + 20) + pend;
		uint64_t facts = fv < 0 ? 0 : (uint64_t)fv;
		srccount key = { id, 0 }, *hit = counts ? bsearch(&key, counts, ncounts, sizeof *counts, cmp_src) : NULL;
		uint64_t real = hit ? hit->n : 0;
		if (hit)
			matched++;
		if (facts != real)
			problem(c, "source '%.*s': recorded %llu facts, holds %llu", (int)k.mv_size - 1,
			        (const char *)k.mv_data, (unsigned long long)facts, (unsigned long long)real);
		zt_term term;
		size_t pl = strlen(ZT_NS_SOURCE);
		if (zt__term_raw(t, id, &term) != ZT_OK || term.len != pl + k.mv_size - 1 ||
		    memcmp(term.str + pl, k.mv_data, k.mv_size - 1) != 0)
			problem(c, "source '%.*s': its id does not name it", (int)k.mv_size - 1,
			        (const char *)k.mv_data);
	}
	mdb_cursor_close(cur);
	if (matched != ncounts)
		problem(c, "supports: %zu source(s) give supports but have no source record",
		        ncounts - matched);
}

/* Every name entry: the node has a label/alias with that key. */
static void check_names(checker *c)
{
	zt_txn *t = c->t;
	MDB_cursor *cur;
	if (mdb_cursor_open(t->mt, t->st->dbi[DB_NAMES], &cur) != 0) {
		c->io = ZT_ERR_STORE;
		return;
	}
	zt_id preds[2] = { zt__id_label(t), zt__id_alt(t) };
	MDB_val k, d;
	int rc;
	for (rc = mdb_cursor_get(cur, &k, &d, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cur, &k, &d, MDB_NEXT)) {
		zt_id node = zt_get64(d.mv_data);
		int ok = 0;
		for (int i = 0; i < 2 && !ok; i++) {
			zt_iter *it;
			if (!preds[i] || zt_match(t, node, preds[i], 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
				continue;
			zt_fact f;
			while (!ok && zt_iter_next(it, &f) == ZT_OK) {
				zt_term term;
				char *nk;
				size_t nl;
				if (zt_id_kind(f.o) != ZT_TEXT || zt__term_raw(t, f.o, &term) != ZT_OK ||
				    zt__name_key(term.str, term.len, &nk, &nl) != ZT_OK)
					continue;
				ok = nl == k.mv_size && memcmp(nk, k.mv_data, nl) == 0;
				free(nk);
			}
			zt_iter_free(it);
		}
		if (!ok)
			problem(c, "name index: '%.*s' -> %llx, but the node has no such label or alias",
			        (int)k.mv_size, (const char *)k.mv_data, (unsigned long long)node);
	}
	mdb_cursor_close(cur);
}

zt_status zt_store_check_report(zt_txn *t, zt_problem_fn fn, void *ctx, uint64_t *problems, zt_error *err)
{
	checker c = { .t = t, .fn = fn, .ctx = ctx, .err = err };
	uint64_t timed, facts;
	check_dictionary(&c);
	check_facts(&c, &timed, &facts);
	check_supports(&c);
	check_names(&c);
	free(c.counts);
	if (problems)
		*problems = c.problems;
	if (c.io != ZT_OK)
		return zt_fail(err, c.io, "the check could not read the database: %s",
		               t->last_err[0] ? t->last_err : zt_strerror(c.io));
	return c.problems ? ZT_ERR_CORRUPT : ZT_OK;
}

zt_status zt_store_check(zt_txn *t, uint64_t *problems, zt_error *err)
{
	return zt_store_check_report(t, NULL, NULL, problems, err);
}

zt_status zt_store_stats(zt_txn *t, zt_stats *out)
{
	memset(out, 0, sizeof *out);
	out->terms = entries(t, DB_I2T);
	out->facts = entries(t, DB_SPO);
	if (t->multi > out->facts)
		return ZT_ERR_CORRUPT;
	/* one inline support per fact, except those with several in sup */
	out->supports = out->facts - t->multi + entries(t, DB_SUP);
	out->sources = entries(t, DB_SOURCES);
	out->names = entries(t, DB_NAMES);
	out->timed_facts = entries(t, DB_TIME);
	MDB_envinfo info;
	MDB_stat ms;
	if (mdb_env_info(t->st->env, &info) == 0 && mdb_env_stat(t->st->env, &ms) == 0) {
		out->map_size = info.me_mapsize;
		out->map_used = (info.me_last_pgno + 1) * (uint64_t)ms.ms_psize;
	}
	return ZT_OK;
}
