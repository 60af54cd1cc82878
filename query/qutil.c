/* qutil.c — vectors, hash sets and maps of ids, growable strings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qutil.h"

zt_status zt_idvec_push(zt_idvec *a, uint64_t x, size_t *mem)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		uint64_t *v = realloc(a->v, cap * sizeof *v);
		if (!v)
			return ZT_ERR_NOMEM;
		if (mem)
			*mem += (cap - a->cap) * sizeof *v;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = x;
	return ZT_OK;
}

void zt_idvec_free(zt_idvec *a)
{
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

static zt_status set_grow(zt_idset *s, size_t *mem)
{
	size_t cap = s->cap ? s->cap * 2 : 16;
	uint64_t *k = calloc(cap, sizeof *k);
	if (!k)
		return ZT_ERR_NOMEM;
	if (mem)
		*mem += (cap - s->cap) * sizeof *k;
	for (size_t i = 0; i < s->cap; i++) {
		uint64_t x = s->k[i];
		if (!x)
			continue;
		size_t j = zt_mix64(x) & (cap - 1);
		while (k[j])
			j = (j + 1) & (cap - 1);
		k[j] = x;
	}
	free(s->k);
	s->k = k;
	s->cap = cap;
	return ZT_OK;
}

zt_status zt_idset_add(zt_idset *s, uint64_t x, int *added, size_t *mem)
{
	if (added)
		*added = 0;
	if ((s->n + 1) * 4 > s->cap * 3) {
		zt_status st = set_grow(s, mem);
		if (st != ZT_OK)
			return st;
	}
	size_t j = zt_mix64(x) & (s->cap - 1);
	while (s->k[j]) {
		if (s->k[j] == x)
			return ZT_OK;
		j = (j + 1) & (s->cap - 1);
	}
	s->k[j] = x;
	s->n++;
	if (added)
		*added = 1;
	return ZT_OK;
}

int zt_idset_has(const zt_idset *s, uint64_t x)
{
	if (!s->cap)
		return 0;
	size_t j = zt_mix64(x) & (s->cap - 1);
	while (s->k[j]) {
		if (s->k[j] == x)
			return 1;
		j = (j + 1) & (s->cap - 1);
	}
	return 0;
}

void zt_idset_clear(zt_idset *s)
{
	if (s->k)
		memset(s->k, 0, s->cap * sizeof *s->k);
	s->n = 0;
}

void zt_idset_free(zt_idset *s)
{
	free(s->k);
	s->k = NULL;
	s->n = s->cap = 0;
}

static zt_status map_grow(zt_idmap *m, size_t *mem)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	uint64_t *k = calloc(cap, sizeof *k);
	uint64_t *v = calloc(cap, sizeof *v);
	if (!k || !v) {
		free(k);
		free(v);
		return ZT_ERR_NOMEM;
	}
	if (mem)
		*mem += (cap - m->cap) * 2 * sizeof *k;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->k[i])
			continue;
		size_t j = zt_mix64(m->k[i]) & (cap - 1);
		while (k[j])
			j = (j + 1) & (cap - 1);
		k[j] = m->k[i];
		v[j] = m->v[i];
	}
	free(m->k);
	free(m->v);
	m->k = k;
	m->v = v;
	m->cap = cap;
	return ZT_OK;
}

zt_status zt_idmap_get(zt_idmap *m, uint64_t x, uint64_t init, uint64_t **slot, int *added, size_t *mem)
{
	if (added)
		*added = 0;
	if ((m->n + 1) * 4 > m->cap * 3) {
		zt_status st = map_grow(m, mem);
		if (st != ZT_OK)
			return st;
	}
	size_t j = zt_mix64(x) & (m->cap - 1);
	while (m->k[j]) {
		if (m->k[j] == x) {
			*slot = &m->v[j];
			return ZT_OK;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->k[j] = x;
	m->v[j] = init;
	m->n++;
	*slot = &m->v[j];
	if (added)
		*added = 1;
	return ZT_OK;
}

uint64_t *zt_idmap_find(const zt_idmap *m, uint64_t x)
{
	if (!m->cap)
		return NULL;
	size_t j = zt_mix64(x) & (m->cap - 1);
	while (m->k[j]) {
		if (m->k[j] == x)
			return &m->v[j];
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

void zt_idmap_free(zt_idmap *m)
{
	free(m->k);
	free(m->v);
	m->k = m->v = NULL;
	m->n = m->cap = 0;
}

void zt_sbuf_add(zt_sbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void zt_sbuf_puts(zt_sbuf *b, const char *s)
{
	zt_sbuf_add(b, s, strlen(s));
}

void zt_sbuf_printf(zt_sbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		zt_sbuf_add(b, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	zt_sbuf_add(b, big, (size_t)n);
	free(big);
}

const char *zt_sbuf_str(zt_sbuf *b)
{
	return b->s ? b->s : "";
}

void zt_sbuf_free(zt_sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->n = b->cap = 0;
	b->failed = 0;
}
