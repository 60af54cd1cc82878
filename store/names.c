/* names.c — the name index (normalized label/alias text -> nodes), kept in
 * step with rdfs:label / skos:altLabel facts, and display labels. */
#include "store_int.h"

#include <stdlib.h>

#include "norm.h"

int zt__is_name_pred(zt_txn *t, zt_id p)
{
	zt_id l = zt__id_label(t), a = zt__id_alt(t);
	return p && (p == l || p == a);
}

/* The index key of a name: zt_norm, cut at a character boundary so that
 * it fits an LMDB key.  *key is malloc'd. */
zt_status zt__name_key(const char *s, size_t len, char **key, size_t *klen)
{
	zt_status st = zt_norm(s, len, key, klen);
	if (st != ZT_OK)
		return st;
	if (*klen > ZT_NAME_KEY_MAX) {
		size_t n = ZT_NAME_KEY_MAX;
		while (n > 0 && ((unsigned char)(*key)[n] & 0xC0) == 0x80)
			n--;
		(*key)[n] = 0;
		*klen = n;
	}
	return ZT_OK;
}

/* The key of the name text of node `o` when it is a ZT_TEXT literal;
 * *key NULL when it is not a name (or normalizes to nothing). */
static zt_status text_key(zt_txn *t, zt_id o, char **key, size_t *klen)
{
	*key = NULL;
	if (zt_id_kind(o) != ZT_TEXT)
		return ZT_OK;
	zt_term term;
	zt_status st = zt__term_raw(t, o, &term);
	if (st == ZT_NOTFOUND)
		return ZT_OK;
	if (st != ZT_OK)
		return st;
	st = zt__name_key(term.str, term.len, key, klen);
	if (st == ZT_ERR_UTF8)
		return ZT_OK;    /* not a name we can index; facts still hold it */
	if (st == ZT_OK && *klen == 0) {
		free(*key);
		*key = NULL;
	}
	return st;
}

zt_status zt__names_on_add(zt_txn *t, zt_id s, zt_id p, zt_id o)
{
	if (!zt__is_name_pred(t, p))
		return ZT_OK;
	char *key;
	size_t klen;
	zt_status st;
	ZT_TRY(st, text_key(t, o, &key, &klen));
	if (!key)
		return ZT_OK;
	unsigned char v[8];
	zt_put64(v, s);
	MDB_val k = zt_val(key, klen), d = zt_val(v, 8);
	int rc = mdb_put(t->mt, t->st->dbi[DB_NAMES], &k, &d, MDB_NODUPDATA);
	free(key);
	if (rc != 0 && rc != MDB_KEYEXIST)
		return zt__mdb(t, rc, "writing the name index");
	return ZT_OK;
}

/* Whether node `s` still has a label or alias whose key is `key`. */
static zt_status still_named(zt_txn *t, zt_id s, const char *key, size_t klen, int *yes)
{
	zt_id preds[2] = { zt__id_label(t), zt__id_alt(t) };
	*yes = 0;
	for (int i = 0; i < 2 && !*yes; i++) {
		if (!preds[i])
			continue;
		zt_iter *it;
		zt_status st;
		ZT_TRY(st, zt_match(t, s, preds[i], 0, ZT_SPAN_ALWAYS, &it));
		zt_fact f;
		while (!*yes && (st = zt_iter_next(it, &f)) == ZT_OK) {
			char *k2;
			size_t l2;
			st = text_key(t, f.o, &k2, &l2);
			if (st != ZT_OK)
				break;
			if (k2 && l2 == klen && memcmp(k2, key, klen) == 0)
				*yes = 1;
			free(k2);
		}
		zt_iter_free(it);
		if (st >= ZT_ERR_FIRST)
			return st;
	}
	return ZT_OK;
}

zt_status zt__names_on_del(zt_txn *t, zt_id s, zt_id p, zt_id o)
{
	if (!zt__is_name_pred(t, p))
		return ZT_OK;
	char *key;
	size_t klen;
	zt_status st;
	ZT_TRY(st, text_key(t, o, &key, &klen));
	if (!key)
		return ZT_OK;
	int yes;
	st = still_named(t, s, key, klen, &yes);
	if (st == ZT_OK && !yes) {
		unsigned char v[8];
		zt_put64(v, s);
		MDB_val k = zt_val(key, klen), d = zt_val(v, 8);
		int rc = mdb_del(t->mt, t->st->dbi[DB_NAMES], &k, &d);
		if (rc != 0 && rc != MDB_NOTFOUND)
			st = zt__mdb(t, rc, "updating the name index");
	}
	free(key);
	return st;
}

/* ----------------------------------------------------------- public */

zt_status zt_name_find(zt_txn *t, const char *name, zt_id *out, size_t cap, size_t *n)
{
	*n = 0;
	char *key;
	size_t klen;
	zt_status st = zt__name_key(name, strlen(name), &key, &klen);
	if (st == ZT_ERR_UTF8)
		return ZT_OK;
	if (st != ZT_OK)
		return st;
	if (klen == 0) {
		free(key);
		return ZT_OK;
	}
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_NAMES], &c);
	if (rc != 0) {
		free(key);
		return zt__mdb(t, rc, "reading the name index");
	}
	MDB_val k = zt_val(key, klen), d;
	size_t i = 0;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_KEY); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP), i++)
		if (i < cap)
			out[i] = zt_get64(d.mv_data);
	mdb_cursor_close(c);
	free(key);
	*n = i;
	if (rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "reading the name index");
	return ZT_OK;
}

zt_status zt_name_prefix(zt_txn *t, const char *prefix, size_t limit, zt_name_fn fn, void *ctx)
{
	char *key;
	size_t klen;
	zt_status st = zt__name_key(prefix, strlen(prefix), &key, &klen);
	if (st == ZT_ERR_UTF8)
		return ZT_OK;
	if (st != ZT_OK)
		return st;
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_NAMES], &c);
	if (rc != 0) {
		free(key);
		return zt__mdb(t, rc, "reading the name index");
	}
	MDB_val k = zt_val(key, klen), d;
	size_t calls = 0;
	rc = klen ? mdb_cursor_get(c, &k, &d, MDB_SET_RANGE) : mdb_cursor_get(c, &k, &d, MDB_FIRST);
	for (; rc == 0; rc = mdb_cursor_get(c, &k, &d, MDB_NEXT)) {
		if (k.mv_size < klen || memcmp(k.mv_data, key, klen) != 0)
			break;
		if (limit && calls >= limit)
			break;
		calls++;
		if (fn(ctx, k.mv_data, k.mv_size, zt_get64(d.mv_data)))
			break;
	}
	mdb_cursor_close(c);
	free(key);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "reading the name index");
	return ZT_OK;
}

/* Decode valid UTF-8 into code points; returns the count (<= cap). */
static size_t codepoints(const unsigned char *s, size_t len, uint32_t *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < cap;) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t l;
		if (c < 0x80) { cp = c; l = 1; }
		else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; l = 2; }
		else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; l = 3; }
		else { cp = c & 0x07; l = 4; }
		for (size_t j = 1; j < l && i + j < len; j++)
			cp = cp << 6 | (s[i + j] & 0x3F);
		out[n++] = cp;
		i += l;
	}
	return n;
}

#define SUGGEST_MAXCHARS 64

/* Levenshtein distance over code points; stops early above `limit`. */
static size_t edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t limit)
{
	size_t row[SUGGEST_MAXCHARS + 1];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0], best;
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
			if (up + 1 < v) v = up + 1;
			row[j] = v;
			diag = up;
			if (v < best) best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[nb];
}

static int contains(const uint32_t *h, size_t nh, const uint32_t *n, size_t nn)
{
	if (nn == 0 || nn > nh)
		return 0;
	for (size_t i = 0; i + nn <= nh; i++)
		if (memcmp(h + i, n, nn * sizeof *n) == 0)
			return 1;
	return 0;
}

typedef struct cand { size_t dist, chars; char *key; size_t klen; zt_id node; } cand;

static int cand_better(const cand *a, const cand *b)
{
	if (a->dist != b->dist) return a->dist < b->dist;
	if (a->chars != b->chars) return a->chars < b->chars;
	size_t n = a->klen < b->klen ? a->klen : b->klen;
	int c = memcmp(a->key, b->key, n);
	return c ? c < 0 : a->klen < b->klen;
}

/* The text of a label or alias of `node` whose key is `key`, NUL-terminated
 * and borrowed from the txn; NULL when none. */
static const char *name_text(zt_txn *t, zt_id node, const char *key, size_t klen)
{
	zt_id preds[2] = { zt__id_label(t), zt__id_alt(t) };
	const char *found = NULL;
	for (int i = 0; i < 2 && !found; i++) {
		zt_iter *it;
		if (!preds[i] || zt_match(t, node, preds[i], 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
			continue;
		zt_fact f;
		while (!found && zt_iter_next(it, &f) == ZT_OK) {
			char *k2;
			size_t l2;
			if (text_key(t, f.o, &k2, &l2) != ZT_OK)
				break;
			if (k2 && l2 == klen && memcmp(k2, key, klen) == 0) {
				zt_term term;
				if (zt_term_of(t, f.o, &term) == ZT_OK)
					found = term.str;
			}
			free(k2);
		}
		zt_iter_free(it);
	}
	return found;
}

zt_status zt_name_suggest(zt_txn *t, const char *name, const char **out, size_t cap, size_t *n)
{
	*n = 0;
	if (cap == 0)
		return ZT_OK;
	char *q;
	size_t qlen;
	zt_status st = zt__name_key(name, strlen(name), &q, &qlen);
	if (st == ZT_ERR_UTF8)
		return ZT_OK;
	if (st != ZT_OK)
		return st;
	uint32_t qc[SUGGEST_MAXCHARS], kc[SUGGEST_MAXCHARS];
	size_t nq = codepoints((unsigned char *)q, qlen, qc, SUGGEST_MAXCHARS);
	free(q);
	if (nq == 0)
		return ZT_OK;
	/* Close enough to suggest: a third of the name's characters wrong
	 * (at least 2), or one name contained in the other. */
	size_t limit = nq / 3 > 2 ? nq / 3 : 2;
	cand *best = calloc(cap, sizeof *best);
	if (!best)
		return ZT_ERR_NOMEM;
	size_t nbest = 0;
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_NAMES], &c);
	if (rc != 0) {
		free(best);
		return zt__mdb(t, rc, "reading the name index");
	}
	MDB_val k, d;
	for (rc = mdb_cursor_get(c, &k, &d, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_NODUP)) {
		size_t nk = codepoints(k.mv_data, k.mv_size, kc, SUGGEST_MAXCHARS);
		size_t diff = nk > nq ? nk - nq : nq - nk;
		size_t dist;
		if (diff <= limit)
			dist = edit_distance(qc, nq, kc, nk, limit);
		else
			dist = limit + 1;
		if (dist > limit) {
			int sub = nq >= 2 && nk >= 2 && (contains(kc, nk, qc, nq) || contains(qc, nq, kc, nk));
			if (!sub)
				continue;
			dist = diff;
		}
		cand cd = { dist, nk, k.mv_data, k.mv_size, zt_get64(d.mv_data) };
		if (nbest == cap && !cand_better(&cd, &best[nbest - 1]))
			continue;
		char *copy = malloc(k.mv_size);
		if (!copy) {
			st = ZT_ERR_NOMEM;
			break;
		}
		memcpy(copy, k.mv_data, k.mv_size);
		cd.key = copy;
		if (nbest == cap)
			free(best[--nbest].key);
		size_t i = nbest++;
		while (i > 0 && cand_better(&cd, &best[i - 1])) {
			best[i] = best[i - 1];
			i--;
		}
		best[i] = cd;
	}
	mdb_cursor_close(c);
	if (st == ZT_OK && rc != 0 && rc != MDB_NOTFOUND)
		st = zt__mdb(t, rc, "reading the name index");
	for (size_t i = 0; i < nbest; i++) {
		if (st == ZT_OK) {
			const char *text = name_text(t, best[i].node, best[i].key, best[i].klen);
			if (!text) {
				/* no label text matches (damage): show the key itself */
				char *c2 = zt_arena_alloc(&t->arena, best[i].klen + 1);
				if (c2) {
					memcpy(c2, best[i].key, best[i].klen);
					c2[best[i].klen] = 0;
				}
				text = c2;
			}
			if (text)
				out[(*n)++] = text;
		}
		free(best[i].key);
	}
	free(best);
	return st;
}

const char *zt_label_of(zt_txn *t, zt_id node, const char *lang)
{
	zt_id label = zt__id_label(t);
	if (!label)
		return NULL;
	zt_iter *it;
	if (zt_match(t, node, label, 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
		return NULL;
	const char *any = NULL, *match = NULL;
	zt_fact f;
	while (!match && zt_iter_next(it, &f) == ZT_OK) {
		if (zt_id_kind(f.o) != ZT_TEXT)
			continue;
		zt_term term;
		if (zt_term_of(t, f.o, &term) != ZT_OK)
			continue;
		if (!any)
			any = term.str;
		if (!lang || (term.extra_len == strlen(lang) && memcmp(term.extra, lang, term.extra_len) == 0))
			match = term.str;
	}
	zt_iter_free(it);
	return match ? match : any;
}
