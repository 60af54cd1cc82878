/* bulk.c — the bulk loader (first version: through zt_intern/zt_fact_add). */
#include "store_int.h"

#include <stdlib.h>

struct zt_bulk { zt_txn *t; };

zt_status zt_bulk_begin(zt_txn *t, zt_bulk **out)
{
	zt_status st;
	ZT_TRY(st, zt__writable(t));
	zt_bulk *b = calloc(1, sizeof *b);
	if (!b)
		return ZT_ERR_NOMEM;
	b->t = t;
	*out = b;
	return ZT_OK;
}

zt_status zt_bulk_add(zt_bulk *b, const zt_term *s, const zt_term *p, const zt_term *o,
                      zt_span time, zt_id source, uint32_t item)
{
	zt_id is, ip, io;
	zt_status st;
	ZT_TRY(st, zt_intern(b->t, s, &is));
	ZT_TRY(st, zt_intern(b->t, p, &ip));
	ZT_TRY(st, zt_intern(b->t, o, &io));
	return zt_fact_add(b->t, is, ip, io, time, source, item);
}

zt_status zt_bulk_finish(zt_bulk *b)
{
	free(b);
	return ZT_OK;
}

void zt_bulk_abort(zt_bulk *b)
{
	free(b);
}

zt_status zt__apply_bulk(zt_txn *t, const unsigned char *rec, size_t len)
{
	(void)t; (void)rec; (void)len;
	return ZT_ERR_INTERNAL;
}
