/* oplog.c — the replay log of a write transaction (see store_int.h) and
 * the arena for strings handed out of write transactions. */
#include "store_int.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* Beyond this many bytes in memory, records go to the spill file. */
#define LOG_MEM_MAX ((size_t)32 << 20)

static zt_status spill_open(zt_oplog *l)
{
	if (l->spill)
		return ZT_OK;
	char path[4096];
	const char *dir = l->dir && *l->dir ? l->dir : ".";
	if ((size_t)snprintf(path, sizeof path, "%s/.replay-XXXXXX", dir) >= sizeof path)
		return ZT_ERR_IO;
	int fd = mkstemp(path);
	if (fd < 0)
		return ZT_ERR_IO;
	unlink(path);    /* nothing to clean up after a crash */
	l->spill = fdopen(fd, "w+b");
	if (!l->spill) {
		close(fd);
		return ZT_ERR_IO;
	}
	return ZT_OK;
}

static zt_status spill_write(zt_oplog *l, const void *p, size_t n)
{
	zt_status st;
	ZT_TRY(st, spill_open(l));
	if (n && fwrite(p, 1, n, l->spill) != n)
		return ZT_ERR_IO;
	return ZT_OK;
}

zt_status zt__log_append(zt_oplog *l, int op, const void *a, size_t alen, const void *b, size_t blen)
{
	unsigned char hdr[9];
	uint64_t len = alen + blen;
	hdr[0] = (unsigned char)op;
	zt_put64(hdr + 1, len);
	size_t total = sizeof hdr + alen + blen;
	zt_status st;
	if (l->len + total > LOG_MEM_MAX) {
		/* Keep the record order: flush what is in memory first. */
		ZT_TRY(st, spill_write(l, l->buf, l->len));
		l->len = 0;
		if (total > LOG_MEM_MAX) {
			ZT_TRY(st, spill_write(l, hdr, sizeof hdr));
			ZT_TRY(st, spill_write(l, a, alen));
			return spill_write(l, b, blen);
		}
	}
	if (l->len + total > l->cap) {
		size_t cap = l->cap ? l->cap : 4096;
		while (cap < l->len + total)
			cap *= 2;
		unsigned char *nb = realloc(l->buf, cap);
		if (!nb)
			return ZT_ERR_NOMEM;
		l->buf = nb;
		l->cap = cap;
	}
	memcpy(l->buf + l->len, hdr, sizeof hdr);
	if (alen)
		memcpy(l->buf + l->len + sizeof hdr, a, alen);
	if (blen)
		memcpy(l->buf + l->len + sizeof hdr + alen, b, blen);
	l->len += total;
	return ZT_OK;
}

zt_status zt__log_begin(zt_oplog *l, int op, size_t len)
{
	unsigned char hdr[9];
	hdr[0] = (unsigned char)op;
	zt_put64(hdr + 1, len);
	zt_status st;
	l->direct = 0;
	if (l->len + sizeof hdr + len > LOG_MEM_MAX) {
		ZT_TRY(st, spill_write(l, l->buf, l->len));
		l->len = 0;
		if (sizeof hdr + len > LOG_MEM_MAX) {
			l->direct = 1;
			return spill_write(l, hdr, sizeof hdr);
		}
	}
	if (l->len + sizeof hdr + len > l->cap) {
		size_t cap = l->cap ? l->cap : 4096;
		while (cap < l->len + sizeof hdr + len)
			cap *= 2;
		unsigned char *nb = realloc(l->buf, cap);
		if (!nb)
			return ZT_ERR_NOMEM;
		l->buf = nb;
		l->cap = cap;
	}
	memcpy(l->buf + l->len, hdr, sizeof hdr);
	l->len += sizeof hdr;
	return ZT_OK;
}

zt_status zt__log_write(zt_oplog *l, const void *p, size_t n)
{
	if (l->direct)
		return spill_write(l, p, n);
	/* zt__log_begin made room for the whole record */
	memcpy(l->buf + l->len, p, n);
	l->len += n;
	return ZT_OK;
}

static zt_status replay_mem(const unsigned char *p, size_t n, zt_log_fn fn, void *ctx)
{
	size_t i = 0;
	while (i + 9 <= n) {
		uint64_t len = zt_get64(p + i + 1);
		if (len > n - i - 9)
			return ZT_ERR_INTERNAL;
		zt_status st = fn(ctx, p[i], p + i + 9, (size_t)len);
		if (st != ZT_OK)
			return st;
		i += 9 + (size_t)len;
	}
	return i == n ? ZT_OK : ZT_ERR_INTERNAL;
}

zt_status zt__log_replay(zt_oplog *l, zt_log_fn fn, void *ctx)
{
	zt_status st = ZT_OK;
	if (l->spill) {
		if (fflush(l->spill) != 0 || fseeko(l->spill, 0, SEEK_SET) != 0)
			return ZT_ERR_IO;
		unsigned char hdr[9];
		unsigned char *rec = NULL;
		size_t cap = 0;
		while (fread(hdr, 1, sizeof hdr, l->spill) == sizeof hdr) {
			uint64_t len = zt_get64(hdr + 1);
			if (len > cap) {
				unsigned char *nr = realloc(rec, (size_t)len);
				if (!nr) {
					st = ZT_ERR_NOMEM;
					break;
				}
				rec = nr;
				cap = (size_t)len;
			}
			if (len && fread(rec, 1, (size_t)len, l->spill) != len) {
				st = ZT_ERR_IO;
				break;
			}
			st = fn(ctx, hdr[0], rec, (size_t)len);
			if (st != ZT_OK)
				break;
		}
		free(rec);
		/* Appends continue at the end. */
		if (fseeko(l->spill, 0, SEEK_END) != 0 && st == ZT_OK)
			st = ZT_ERR_IO;
		if (st != ZT_OK)
			return st;
	}
	return replay_mem(l->buf, l->len, fn, ctx);
}

void zt__log_free(zt_oplog *l)
{
	free(l->buf);
	if (l->spill)
		fclose(l->spill);
	memset(l, 0, sizeof *l);
}

/* ------------------------------------------------------------- arena */

struct zt_arena_chunk {
	zt_arena_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

void *zt_arena_alloc(zt_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	zt_arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void zt_arena_free(zt_arena *a)
{
	zt_arena_chunk *c = a->head;
	while (c) {
		zt_arena_chunk *n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
}
