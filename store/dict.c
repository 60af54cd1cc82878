/* dict.c — the dictionary: term encoding <-> 64-bit id (see store_int.h). */
#include "store_int.h"
#include "literal.h"

#include <stdlib.h>
#include <xxhash.h>


zt_kind zt_id_kind(zt_id id)
{
	return (zt_kind)(id & 0xFF);
}

/* ------------------------------------------------------------ value ids */

static zt_id date_id(int32_t day, int prec)
{
	return ZT_VALUE_BIT | (zt_id)((uint32_t)day ^ 0x80000000u) << 10 | (zt_id)prec << 8 | ZT_DATE;
}

static int two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return 0;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return 1;
}

zt_id zt__date_id(const char *s, size_t len)
{
	int hi, lo, m = 1, d = 1;
	zt_precision prec;
	if (len < 4 || !two_digits(s, &hi) || !two_digits(s + 2, &lo))
		return 0;
	int y = hi * 100 + lo;
	if (y < 1)
		return 0;
	if (len == 4)
		prec = ZT_PREC_YEAR;
	else if (len == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
		prec = ZT_PREC_QUARTER;
		m = (s[6] - '1') * 3 + 1;
	} else if (len == 7 && s[4] == '-' && two_digits(s + 5, &m) && m >= 1 && m <= 12)
		prec = ZT_PREC_MONTH;
	else if (len == 10 && s[4] == '-' && s[7] == '-' && two_digits(s + 5, &m) &&
	         two_digits(s + 8, &d) && m >= 1 && m <= 12 && d >= 1 && d <= zt_days_in_month(y, m))
		prec = ZT_PREC_DAY;
	else
		return 0;
	return date_id(zt_days_from_civil(y, m, d), (int)prec);
}

int zt__date_text(zt_id id, char buf[16], size_t *len)
{
	if (!(id & ZT_VALUE_BIT) || (id & 0xFF) != ZT_DATE || (id & ~ZT_VALUE_BIT) >> 42)
		return 0;
	int32_t day = (int32_t)((uint32_t)(id >> 10) ^ 0x80000000u);
	int prec = (int)(id >> 8) & 3;
	int y, m, d;
	zt_civil_from_days(day, &y, &m, &d);
	if (y < 1 || y > 9999)
		return 0;
	int n;
	switch (prec) {
	case ZT_PREC_DAY: n = snprintf(buf, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100); break;
	case ZT_PREC_MONTH: n = snprintf(buf, 16, "%04d-%02d", y % 10000, m % 100); break;
	case ZT_PREC_QUARTER: n = snprintf(buf, 16, "%04d-Q%d", y % 10000, ((m - 1) / 3 + 1) % 10); break;
	default: n = snprintf(buf, 16, "%04d", y % 10000); break;
	}
	/* only ids that a date text maps to (the first day of its period) */
	if (zt__date_id(buf, (size_t)n) != id)
		return 0;
	*len = (size_t)n;
	return 1;
}

int zt_id_date(zt_id id, zt_span *span)
{
	char buf[16];
	size_t len;
	if (!zt__date_text(id, buf, &len))
		return 0;
	if (span) {
		int32_t day = (int32_t)((uint32_t)(id >> 10) ^ 0x80000000u);
		int y, m, d;
		zt_civil_from_days(day, &y, &m, &d);
		switch ((id >> 8) & 3) {
		case ZT_PREC_DAY: *span = (zt_span){ day, day }; break;
		case ZT_PREC_MONTH: *span = (zt_span){ day, day + zt_days_in_month(y, m) - 1 }; break;
		case ZT_PREC_QUARTER: {
			int32_t end = m + 3 > 12 ? zt_days_from_civil(y + 1, 1, 1) : zt_days_from_civil(y, m + 3, 1);
			*span = (zt_span){ day, end - 1 };
			break;
		}
		default: *span = (zt_span){ day, zt_days_from_civil(y, 12, 31) }; break;
		}
	}
	return 1;
}

zt_status zt_date_id_range(zt_span span, zt_id *lo, zt_id *hi)
{
	int32_t first = zt_days_from_civil(1, 1, 1), last = zt_days_from_civil(9999, 12, 31);
	if (span.from > span.to || span.to < first || span.from > last)
		return ZT_NOTFOUND;
	*lo = date_id(span.from < first ? first : span.from, ZT_PREC_DAY);
	*hi = date_id(span.to > last ? last : span.to, ZT_PREC_YEAR);
	return ZT_OK;
}

/* The value id of a term, or 0 when it has none (looked up instead). */
static zt_id value_id(const zt_term *term)
{
	return term->kind == ZT_DATE ? zt__date_id(term->str, term->len) : 0;
}

/* A value id as a term; its text lives as long as the transaction. */
static zt_status value_term(zt_txn *t, zt_id id, zt_term *out)
{
	char buf[16];
	size_t len;
	if (!zt__date_text(id, buf, &len))
		return ZT_NOTFOUND;
	char *c = zt_arena_alloc(&t->arena, len + 1);
	if (!c)
		return ZT_ERR_NOMEM;
	memcpy(c, buf, len + 1);
	*out = (zt_term){ ZT_DATE, c, len, NULL, 0 };
	return ZT_OK;
}

uint64_t zt__term_hash(const unsigned char *enc, size_t len)
{
	return XXH3_64bits(enc, len);
}

/* Whether i2t holds exactly `enc` under `id`. */
static int id_has(zt_txn *t, zt_id id, const unsigned char *enc, size_t len)
{
	unsigned char ib[8];
	zt_put64(ib, id);
	MDB_val k = zt_val(ib, 8), v;
	return mdb_get(t->mt, t->st->dbi[DB_I2T], &k, &v) == 0 && v.mv_size == len + 1 &&
	       memcmp(v.mv_data, enc, len) == 0;
}

zt_status zt__dict_lookup_hashed(zt_txn *t, uint64_t h, const unsigned char *enc, size_t len,
                                 MDB_cursor *c, zt_id *out)
{
	unsigned char hb[8];
	zt_put64(hb, h);
	MDB_val k = zt_val(hb, 8), d;
	int rc;
	/* Every id under this hash (almost always one), compared in full. */
	for (rc = mdb_cursor_get(c, &k, &d, MDB_SET_KEY); rc == 0;
	     rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP)) {
		zt_id id = zt_get64(d.mv_data);
		if (id_has(t, id, enc, len)) {
			*out = id;
			return ZT_OK;
		}
	}
	if (rc != MDB_NOTFOUND)
		return zt__mdb(t, rc, "dictionary lookup");
	return ZT_NOTFOUND;
}

zt_status zt__dict_lookup(zt_txn *t, const unsigned char *enc, size_t len, zt_id *out)
{
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->mt, t->st->dbi[DB_T2I], &c);
	if (rc != 0)
		return zt__mdb(t, rc, "dictionary lookup");
	zt_status st = zt__dict_lookup_hashed(t, zt__term_hash(enc, len), enc, len, c, out);
	mdb_cursor_close(c);
	return st;
}

void zt__note_new_term(zt_txn *t, zt_id id, const unsigned char *enc, size_t len)
{
	uint64_t ctr = id >> 8;
	if (ctr >= t->next) {
		t->next = ctr + 1;
		t->meta_dirty = 1;
	}
	if (enc[0] != ZT_IRI)
		return;
	static const char label[] = ZT_RDFS_LABEL, alt[] = ZT_SKOS_ALT;
	if (len - 1 == sizeof label - 1 && memcmp(enc + 1, label, sizeof label - 1) == 0)
		t->id_label = id;
	else if (len - 1 == sizeof alt - 1 && memcmp(enc + 1, alt, sizeof alt - 1) == 0)
		t->id_alt = id;
}

zt_status zt__dict_write(zt_txn *t, zt_id id, const unsigned char *enc, size_t len,
                         MDB_cursor *ct, MDB_cursor *ci)
{
	unsigned char ib[8], hb[8];
	zt_put64(ib, id);
	zt_put64(hb, zt__term_hash(enc, len));
	MDB_val k = zt_val(hb, 8), d = zt_val(ib, 8);
	int rc = ct ? mdb_cursor_put(ct, &k, &d, 0) : mdb_put(t->mt, t->st->dbi[DB_T2I], &k, &d, 0);
	if (rc != 0)
		return zt__mdb(t, rc, "writing the dictionary");
	k = zt_val(ib, 8);
	d = zt_val(NULL, len + 1);
	rc = ci ? mdb_cursor_put(ci, &k, &d, MDB_RESERVE)
	        : mdb_put(t->mt, t->st->dbi[DB_I2T], &k, &d, MDB_RESERVE);
	if (rc != 0)
		return zt__mdb(t, rc, "writing the dictionary");
	memcpy(d.mv_data, enc, len);
	((unsigned char *)d.mv_data)[len] = 0;
	zt__note_new_term(t, id, enc, len);
	return ZT_OK;
}

zt_id zt__new_id(zt_txn *t, zt_kind kind)
{
	zt_id id = t->next << 8 | (zt_id)kind;
	t->next++;
	t->meta_dirty = 1;
	return id;
}

/* Encode into `stack` when it fits, else into a malloc'd buffer (*heap). */
static const unsigned char *encode(const zt_term *term, unsigned char *stack, size_t cap,
                                   unsigned char **heap, size_t *len)
{
	*heap = NULL;
	size_t n = zt_term_encode(term, stack, cap);
	if (n <= cap) {
		*len = n;
		return stack;
	}
	*heap = malloc(n);
	if (!*heap)
		return NULL;
	zt_term_encode(term, *heap, n);
	*len = n;
	return *heap;
}

static int term_ok(const zt_term *term)
{
	return term && term->kind >= ZT_IRI && term->kind <= ZT_TYPED && (term->str || !term->len) &&
	       (term->extra || !term->extra_len) &&
	       !((term->kind == ZT_TEXT || term->kind == ZT_TYPED) && term->extra_len &&
	         memchr(term->extra, 0, term->extra_len));
}

zt_status zt_lookup(zt_txn *t, const zt_term *term, zt_id *out)
{
	if (!term_ok(term))
		return ZT_ERR_ARG;
	if ((*out = value_id(term)) != 0)
		return ZT_OK;
	unsigned char stack[512], *heap;
	size_t len;
	const unsigned char *enc = encode(term, stack, sizeof stack, &heap, &len);
	if (!enc)
		return ZT_ERR_NOMEM;
	zt_status st = zt__dict_lookup(t, enc, len, out);
	free(heap);
	return st;
}

zt_status zt_intern(zt_txn *t, const zt_term *term, zt_id *out)
{
	if (!term_ok(term))
		return ZT_ERR_ARG;
	if ((*out = value_id(term)) != 0)
		return ZT_OK;
	unsigned char stack[512], *heap;
	size_t len;
	const unsigned char *enc = encode(term, stack, sizeof stack, &heap, &len);
	if (!enc)
		return ZT_ERR_NOMEM;
	zt_status st = zt__dict_lookup(t, enc, len, out);
	if (st == ZT_NOTFOUND) {
		st = zt__writable(t);
		if (st == ZT_OK) {
			zt_id id = zt__new_id(t, term->kind);
			st = zt__after_write(t, zt__dict_write(t, id, enc, len, NULL, NULL));
			if (st == ZT_OK)
				*out = id;
		}
	}
	free(heap);
	return st;
}

zt_status zt__term_raw(zt_txn *t, zt_id id, zt_term *out)
{
	if (id & ZT_VALUE_BIT)
		return value_term(t, id, out);
	unsigned char ib[8];
	zt_put64(ib, id);
	MDB_val k = zt_val(ib, 8), d;
	int rc = mdb_get(t->mt, t->st->dbi[DB_I2T], &k, &d);
	if (rc == MDB_NOTFOUND)
		return ZT_NOTFOUND;
	if (rc != 0)
		return zt__mdb(t, rc, "dictionary lookup");
	if (d.mv_size < 2)
		return ZT_ERR_CORRUPT;
	return zt_term_decode(d.mv_data, d.mv_size - 1, out);
}

zt_status zt_term_of(zt_txn *t, zt_id id, zt_term *out)
{
	if (id & ZT_VALUE_BIT)
		return value_term(t, id, out);
	unsigned char ib[8];
	zt_put64(ib, id);
	MDB_val k = zt_val(ib, 8), d;
	int rc = mdb_get(t->mt, t->st->dbi[DB_I2T], &k, &d);
	if (rc == MDB_NOTFOUND)
		return ZT_NOTFOUND;
	if (rc != 0)
		return zt__mdb(t, rc, "dictionary lookup");
	if (d.mv_size < 2)
		return ZT_ERR_CORRUPT;
	/* The stored encoding ends with a NUL, so str and extra are
	 * NUL-terminated; write txns hand out a copy (pages move on writes). */
	const unsigned char *p = (const unsigned char *)zt__hand_out(t, d.mv_data, d.mv_size);
	if (!p)
		return ZT_ERR_NOMEM;
	return zt_term_decode(p, d.mv_size - 1, out);
}

static zt_id lazy_iri(zt_txn *t, zt_id *slot, const char *iri)
{
	if (*slot == 0) {
		zt_term term = zt_iri(iri);
		zt_id id;
		*slot = zt_lookup(t, &term, &id) == ZT_OK ? id : ~(zt_id)0;
	}
	return *slot == ~(zt_id)0 ? 0 : *slot;
}

zt_id zt__id_label(zt_txn *t) { return lazy_iri(t, &t->id_label, ZT_RDFS_LABEL); }
zt_id zt__id_alt(zt_txn *t) { return lazy_iri(t, &t->id_alt, ZT_SKOS_ALT); }
