/* qutil.h — small containers the query engine runs on (private to query/).
 *
 * Ids flow through joins and paths, so the containers are about 64-bit
 * keys: a growable vector, an open-addressing hash set and a hash map to
 * a 64-bit value.  Key 0 is never a valid id and marks empty slots.
 * Functions that grow return ZT_ERR_NOMEM when allocation fails; sizes in
 * bytes are added to *mem (may be NULL) so the engine can enforce its
 * memory guard.
 */
#ifndef ZT_QUTIL_H
#define ZT_QUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "../store/status.h"

typedef struct zt_idvec {
	uint64_t *v;
	size_t n, cap;
} zt_idvec;

zt_status zt_idvec_push(zt_idvec *a, uint64_t x, size_t *mem);
void zt_idvec_free(zt_idvec *a);

/* A set of non-zero 64-bit keys. */
typedef struct zt_idset {
	uint64_t *k;
	size_t n, cap;          /* cap is 0 or a power of two */
} zt_idset;

/* Insert x (non-zero).  *added (may be NULL) gets 1 when it was new. */
zt_status zt_idset_add(zt_idset *s, uint64_t x, int *added, size_t *mem);
int zt_idset_has(const zt_idset *s, uint64_t x);
void zt_idset_clear(zt_idset *s);   /* keeps the memory */
void zt_idset_free(zt_idset *s);

/* A map from non-zero 64-bit keys to 64-bit values. */
typedef struct zt_idmap {
	uint64_t *k, *v;
	size_t n, cap;
} zt_idmap;

/* Find the slot of key x, inserting it with value `init` when absent;
 * *slot gets a pointer to the value (valid until the next insertion). */
zt_status zt_idmap_get(zt_idmap *m, uint64_t x, uint64_t init, uint64_t **slot, int *added, size_t *mem);
/* The value of x, or NULL. */
uint64_t *zt_idmap_find(const zt_idmap *m, uint64_t x);
void zt_idmap_free(zt_idmap *m);

/* A growable string. */
typedef struct zt_sbuf {
	char *s;
	size_t n, cap;
	int failed;             /* an allocation failed; contents are truncated */
} zt_sbuf;

void zt_sbuf_add(zt_sbuf *b, const char *s, size_t n);
void zt_sbuf_puts(zt_sbuf *b, const char *s);
void zt_sbuf_printf(zt_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *zt_sbuf_str(zt_sbuf *b);    /* "" when empty */
void zt_sbuf_free(zt_sbuf *b);

/* A 64-bit mix of a key (for hashing ids and combining row hashes). */
static inline uint64_t zt_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

#endif
