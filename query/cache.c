/* cache.c — what a session keeps between statements (engine.h).
 *
 * Resolving names, closing types under rdfs:subClassOf, estimating
 * patterns and finding display labels cost more than running a short
 * query, yet they depend only on the store's contents.  A read
 * transaction sees one snapshot (zt_txn_snapshot), so their results are
 * kept while the next statement sees the same snapshot and dropped the
 * moment it sees another.  The cache is bounded: past a number of
 * entries it starts again empty.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* Entries kept before the cache starts over (each is small: a key, a
 * few ids or a label). */
#define MAX_ENTRIES 100000

typedef struct kv {
	char *key;
	size_t klen;
	uint64_t *val;
	size_t n;
} kv;

struct zt_qcache {
	uint64_t snapshot;      /* the snapshot the entries describe; 0: none yet */
	zt_idmap idx;           /* key hash -> entry index + 1 */
	kv *kv;
	size_t nkv, capkv;
	zt_idmap labels;        /* id -> (uintptr_t) malloc'd display string */
	zt_idmap src_pub;       /* source id -> published day - INT32_MIN + 1 */
};

zt_qcache *zt_qcache_new(void)
{
	return calloc(1, sizeof(zt_qcache));
}

static void clear(zt_qcache *c)
{
	for (size_t i = 0; i < c->nkv; i++) {
		free(c->kv[i].key);
		free(c->kv[i].val);
	}
	free(c->kv);
	c->kv = NULL;
	c->nkv = c->capkv = 0;
	zt_idmap_free(&c->idx);
	for (size_t i = 0; i < c->labels.cap; i++)
		if (c->labels.k[i])
			free((void *)(uintptr_t)c->labels.v[i]);
	zt_idmap_free(&c->labels);
	zt_idmap_free(&c->src_pub);
}

void zt_qcache_free(zt_qcache *c)
{
	if (!c)
		return;
	clear(c);
	free(c);
}

void zt_qcache_begin(zt_qcache *c, zt_txn *txn)
{
	uint64_t snap = zt_txn_snapshot(txn);
	if (snap != c->snapshot || snap == 0 || c->nkv + c->labels.n + c->src_pub.n > MAX_ENTRIES)
		clear(c);
	c->snapshot = snap;
}

static uint64_t key_hash(const void *key, size_t klen)
{
	const unsigned char *p = key;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < klen; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return zt_mix64(h) | 1;
}

const uint64_t *zt_qcache_get(zt_qcache *c, const void *key, size_t klen, size_t *n)
{
	if (!c || !c->snapshot)
		return NULL;
	uint64_t h = key_hash(key, klen);
	for (;;) {
		uint64_t *slot = zt_idmap_find(&c->idx, h);
		if (!slot)
			return NULL;
		const kv *e = &c->kv[*slot - 1];
		if (e->klen == klen && memcmp(e->key, key, klen) == 0) {
			*n = e->n;
			/* a non-NULL pointer even for an empty value */
			return e->val ? e->val : (const uint64_t *)e;
		}
		h = zt_mix64(h) | 1;
	}
}

void zt_qcache_put(zt_qcache *c, const void *key, size_t klen, const uint64_t *val, size_t n)
{
	/* A failed allocation only means the value is computed again. */
	if (!c || !c->snapshot || c->nkv >= MAX_ENTRIES)
		return;     /* full: a statement touching many values keeps no more */
	uint64_t h = key_hash(key, klen);
	for (;;) {
		uint64_t *slot = zt_idmap_find(&c->idx, h);
		if (!slot)
			break;
		const kv *e = &c->kv[*slot - 1];
		if (e->klen == klen && memcmp(e->key, key, klen) == 0)
			return;
		h = zt_mix64(h) | 1;
	}
	if (c->nkv == c->capkv) {
		size_t cap = c->capkv ? c->capkv * 2 : 64;
		kv *v = realloc(c->kv, cap * sizeof *v);
		if (!v)
			return;
		c->kv = v;
		c->capkv = cap;
	}
	kv e = { malloc(klen ? klen : 1), klen, n ? malloc(n * sizeof *val) : NULL, n };
	if (!e.key || (n && !e.val)) {
		free(e.key);
		free(e.val);
		return;
	}
	memcpy(e.key, key, klen);
	if (n)
		memcpy(e.val, val, n * sizeof *val);
	uint64_t *slot;
	if (zt_idmap_get(&c->idx, h, c->nkv + 1, &slot, NULL, NULL) != ZT_OK) {
		free(e.key);
		free(e.val);
		return;
	}
	c->kv[c->nkv++] = e;
}

zt_idmap *zt_qcache_labels(zt_qcache *c)
{
	return &c->labels;
}

zt_idmap *zt_qcache_published(zt_qcache *c)
{
	return &c->src_pub;
}
