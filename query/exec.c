/* exec.c — running FIND: a pipelined executor over ids.
 *
 * The plan is a list of steps (patterns, filters, OPTIONAL groups) run
 * depth-first: each pattern scans one index range per incoming row and
 * hands each match to the next step, so a row reaches the end without
 * intermediate tables.  At the end rows are projected and kept distinct
 * (results are distinct rows), or grouped and counted; then ordered,
 * paged and written.  Only what is printed is looked up as text.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../store/literal.h"
#include "../store/norm.h"
#include "find.h"
#include "format.h"

/* What a value is, for comparisons and ordering; cached per id. */
enum { VC_UNBOUND, VC_NODE, VC_NUMBER, VC_MONEY, VC_DATE, VC_TEXT };

typedef struct vinfo {
	int cls;
	double num;
	char cur[4];
	zt_span span;
	char *names;            /* normalized names for '~' and text '=' (lazy) */
} vinfo;

typedef struct zt_run {
	zt_q *q;
	zt_qfind *f;
	int explain;
	zt_id row[ZT_MAX_VARS];
	/* facts of the solution being built, for citations: (s, p, o, path)
	 * where path is 0 for a fact, else the zt_qpath joining s to o */
	zt_id *fstack;
	size_t fn, fcap;
	/* results: rows of ncols cells (ids, or counts in count columns) */
	zt_id *cells;
	size_t nrows, caprows;
	zt_idvec *rowfacts;     /* per row: fstack entries (cite) */
	zt_idmap index;         /* row hash -> row + 1 */
	zt_idset counted;       /* (group, column, value) seen */
	unsigned long stop_at;  /* stop after this many rows (LIMIT without ORDER) */
	int stopped;            /* stop_at was reached: unwind the pipeline */
	/* value cache */
	zt_idmap vidx;
	vinfo *vals;
	size_t nvals, capvals;
} zt_run;

static zt_status nomem(zt_q *q)
{
	return zt_q_fail(q, ZT_ERR_NOMEM, "out of memory");
}

/* ---------------------------------------------------------------- values */

static void vi_compute(zt_run *r, zt_id id, vinfo *v);

static vinfo *vi_get(zt_run *r, zt_id id)
{
	uint64_t *slot;
	int added;
	if (zt_idmap_get(&r->vidx, id, 0, &slot, &added, &r->q->mem) != ZT_OK)
		return NULL;
	if (!added)
		return &r->vals[*slot];
	if (r->nvals == r->capvals) {
		size_t cap = r->capvals ? r->capvals * 2 : 64;
		vinfo *v = realloc(r->vals, cap * sizeof *v);
		if (!v)
			return NULL;
		r->q->mem += (cap - r->capvals) * sizeof *v;
		r->vals = v;
		r->capvals = cap;
	}
	*slot = r->nvals;
	vinfo *v = &r->vals[r->nvals++];
	memset(v, 0, sizeof *v);
	/* the class, number and period of a value are kept by the session:
	 * reading and parsing the literal costs more than the join step */
	char key[1 + sizeof id];
	key[0] = 'V';
	memcpy(key + 1, &id, sizeof id);
	size_t n;
	const uint64_t *hit = zt_qcache_get(r->q->cache, key, sizeof key, &n);
	if (hit && n == 3) {
		v->cls = (int)(hit[0] & 0xff);
		for (int i = 0; i < 3; i++)
			v->cur[i] = (char)(hit[0] >> (8 * (i + 1)) & 0xff);
		memcpy(&v->num, &hit[1], sizeof v->num);
		v->span.from = (int32_t)(uint32_t)hit[2];
		v->span.to = (int32_t)(uint32_t)(hit[2] >> 32);
		return v;
	}
	vi_compute(r, id, v);
	uint64_t packed[3] = { (uint64_t)v->cls, 0, (uint64_t)(uint32_t)v->span.from | (uint64_t)(uint32_t)v->span.to << 32 };
	for (int i = 0; i < 3; i++)
		packed[0] |= (uint64_t)(unsigned char)v->cur[i] << (8 * (i + 1));
	memcpy(&packed[1], &v->num, sizeof v->num);
	zt_qcache_put(r->q->cache, key, sizeof key, packed, 3);
	return v;
}

/* A value's class, and its number, currency or period. */
static void vi_compute(zt_run *r, zt_id id, vinfo *v)
{
	if (zt_id_date(id, &v->span)) {
		v->cls = VC_DATE;     /* a date's id holds its period */
		return;
	}
	zt_term t;
	if (zt_term_of(r->q->txn, id, &t) != ZT_OK) {
		v->cls = VC_TEXT;
		return;
	}
	zt_error e;
	switch (t.kind) {
	case ZT_IRI:
	case ZT_BLANK:
		v->cls = VC_NODE;
		break;
	case ZT_NUMBER:
		v->cls = zt_number_parse(t.str, t.len, &v->num, &e) == ZT_OK ? VC_NUMBER : VC_TEXT;
		break;
	case ZT_MONEY:
		v->cls = zt_money_parse(t.str, t.len, &v->num, v->cur, &e) == ZT_OK ? VC_MONEY : VC_TEXT;
		break;
	case ZT_DATE: {
		zt_date d;
		if (zt_date_parse(t.str, t.len, &d, &e) == ZT_OK) {
			v->cls = VC_DATE;
			v->span = d.span;
		} else {
			v->cls = VC_TEXT;
		}
		break;
	}
	default:
		v->cls = VC_TEXT;
		break;
	}
}

/* Every name of a value, normalized and joined by U+001F: a node's
 * labels and aliases, a literal's text. */
static const char *vi_names(zt_run *r, zt_id id, vinfo *v)
{
	if (v->names)
		return v->names;
	zt_q *q = r->q;
	zt_sbuf b = { 0 };
	if (v->cls == VC_NODE) {
		zt_id preds[2] = { q->wk.label, q->wk.alt };
		for (int i = 0; i < 2; i++) {
			zt_iter *it;
			if (!preds[i] || zt_match(q->txn, id, preds[i], 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
				continue;
			zt_fact fa;
			while (zt_iter_next(it, &fa) == ZT_OK) {
				zt_term t;
				if (zt_term_of(q->txn, fa.o, &t) != ZT_OK || t.kind == ZT_IRI)
					continue;
				char *n = NULL;
				size_t nl = 0;
				if (zt_norm(t.str, t.len, &n, &nl) == ZT_OK) {
					zt_sbuf_add(&b, n, nl);
					zt_sbuf_add(&b, "\x1f", 1);
					free(n);
				}
			}
			zt_iter_free(it);
		}
		/* a node without names is matched by what is shown for it (an event's title) */
		if (b.n == 0) {
			const char *d = zt_q_display(q, id);
			char *n = NULL;
			size_t nl = 0;
			if (d && zt_norm(d, strlen(d), &n, &nl) == ZT_OK) {
				zt_sbuf_add(&b, n, nl);
				free(n);
			}
		}
	} else {
		zt_term t;
		char *n = NULL;
		size_t nl = 0;
		if (zt_term_of(q->txn, id, &t) == ZT_OK && zt_norm(t.str, t.len, &n, &nl) == ZT_OK) {
			zt_sbuf_add(&b, n, nl);
			free(n);
		}
	}
	if (!b.s)
		zt_sbuf_add(&b, "", 0);
	v->names = b.s;
	if (v->names)
		q->mem += b.cap;
	return v->names ? v->names : "";
}

/* Whether any of the \x1f-separated names equals / contains `needle`. */
static int names_test(const char *names, const char *needle, int contains)
{
	size_t nl = strlen(needle);
	const char *p = names;
	while (*p) {
		const char *end = strchr(p, '\x1f');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (contains) {
			if (nl == 0)
				return 1;
			for (size_t i = 0; i + nl <= len; i++)
				if (memcmp(p + i, needle, nl) == 0)
					return 1;
		} else if (len == nl && memcmp(p, needle, nl) == 0) {
			return 1;
		}
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

static int num_cmp(double a, double b)
{
	return a < b ? -1 : a > b ? 1 : 0;
}

static int op_holds(zt_cmp_op op, int c)
{
	switch (op) {
	case ZT_OP_EQ: return c == 0;
	case ZT_OP_NE: return c != 0;
	case ZT_OP_LT: return c < 0;
	case ZT_OP_LE: return c <= 0;
	case ZT_OP_GT: return c > 0;
	case ZT_OP_GE: return c >= 0;
	case ZT_OP_MATCH: return 0;
	}
	return 0;
}

/* Dates compare as periods: 2024-05-14 < 2024-06 because it ends before
 * June begins; 2024-05-14 = 2024-05 because one lies within the other. */
static int span_cmp(zt_span a, zt_span b)
{
	if (a.to < b.from)
		return -1;
	if (a.from > b.to)
		return 1;
	if ((a.from >= b.from && a.to <= b.to) || (b.from >= a.from && b.to <= a.to))
		return 0;
	return a.from < b.from ? -1 : 1;
}

/* An operand at run time: the id bound to a variable, or the constant. */
typedef struct opnd {
	const zt_qval *c;       /* constant (NULL for a bound id) */
	zt_id id;
	vinfo *v;
} opnd;

static int load_opnd(zt_run *r, const zt_qval *qv, opnd *o)
{
	memset(o, 0, sizeof *o);
	if (qv->kind == ZT_QV_VAR) {
		o->id = qv->var >= 0 ? r->row[qv->var] : 0;
		if (!o->id)
			return 0;
		o->v = vi_get(r, o->id);
		return o->v != NULL;
	}
	o->c = qv;
	return 1;
}

/* Compare two operands: -1/0/1, or 2 when they cannot be compared. */
static int compare(zt_run *r, const opnd *a, const opnd *b)
{
	/* node against node, or against the names a constant means */
	if (a->v && b->v && a->v->cls == VC_NODE && b->v->cls == VC_NODE) {
		if (a->id == b->id)
			return 0;
		const char *x = zt_q_display(r->q, a->id), *y = zt_q_display(r->q, b->id);
		int c = strcmp(x ? x : "", y ? y : "");
		return c ? (c < 0 ? -1 : 1) : (a->id < b->id ? -1 : 1);
	}
	const opnd *var = a->v ? a : b, *con = a->v ? b : a;
	int flip = var == b;
	if (!var->v) {
		/* two constants: only numbers and dates */
		if (a->c->kind == ZT_QV_NUM && b->c->kind == ZT_QV_NUM)
			return num_cmp(a->c->num, b->c->num);
		return 2;
	}
	if (!con->v && con->c) {
		const zt_qval *c = con->c;
		const vinfo *v = var->v;
		int res = 2;
		switch (v->cls) {
		case VC_NODE:
			if (c->kind == ZT_QV_NODES || c->kind == ZT_QV_TEXT) {
				for (size_t i = 0; i < c->ids.n; i++)
					if (c->ids.v[i] == var->id)
						return 0;
				if (c->kind == ZT_QV_NODES)
					return 3;     /* another node: unequal, unordered */
				if (names_test(vi_names(r, var->id, var->v), c->ntext, 0))
					return 0;
				const char *d = zt_q_display(r->q, var->id);
				res = strcmp(d ? d : "", c->text) < 0 ? -1 : 1;
			}
			break;
		case VC_NUMBER:
		case VC_MONEY:
			if (c->kind == ZT_QV_NUM)
				res = num_cmp(v->num, c->num);
			else if (c->kind == ZT_QV_MONEY && v->cls == VC_MONEY && strcmp(v->cur, c->cur) == 0)
				res = num_cmp(v->num, c->num);
			break;
		case VC_DATE:
			if (c->has_span)
				res = span_cmp(v->span, c->span);
			break;
		case VC_TEXT:
			if (c->kind == ZT_QV_TEXT) {
				const char *names = vi_names(r, var->id, var->v);
				if (strcmp(names, c->ntext) == 0)
					return 0;
				zt_term t;
				if (zt_term_of(r->q->txn, var->id, &t) == ZT_OK) {
					res = strcmp(t.str, c->text);
					res = res < 0 ? -1 : res > 0 ? 1 : 0;
					if (res == 0)
						res = 1;   /* equal text but not equal after normalization cannot happen */
				}
			}
			break;
		}
		return res == 2 || res == 3 ? res : flip ? -res : res;
	}
	/* two bound values */
	const vinfo *x = a->v, *y = b->v;
	if (a->id == b->id)
		return 0;
	if ((x->cls == VC_NUMBER || x->cls == VC_MONEY) && (y->cls == VC_NUMBER || y->cls == VC_MONEY)) {
		if (x->cls == VC_MONEY && y->cls == VC_MONEY && strcmp(x->cur, y->cur) != 0)
			return 2;
		return num_cmp(x->num, y->num);
	}
	if (x->cls == VC_DATE && y->cls == VC_DATE)
		return span_cmp(x->span, y->span);
	if (x->cls == VC_TEXT && y->cls == VC_TEXT) {
		zt_term s, t;
		if (zt_term_of(r->q->txn, a->id, &s) != ZT_OK)
			return 2;
		char *sc = strndup(s.str, s.len);
		if (!sc || zt_term_of(r->q->txn, b->id, &t) != ZT_OK) {
			free(sc);
			return 2;
		}
		int c = strcmp(sc, t.str);
		free(sc);
		return c < 0 ? -1 : c > 0 ? 1 : 0;
	}
	return 2;
}

static int eval_expr(zt_run *r, const zt_qexpr *e)
{
	switch (e->kind) {
	case ZT_AE_AND:
		return eval_expr(r, e->a) && eval_expr(r, e->b);
	case ZT_AE_OR:
		return eval_expr(r, e->a) || eval_expr(r, e->b);
	case ZT_AE_NOT:
		return !eval_expr(r, e->a);
	case ZT_AE_CMP:
		break;
	}
	opnd a, b;
	if (!load_opnd(r, &e->l, &a) || !load_opnd(r, &e->r, &b))
		return 0;    /* an unbound variable passes no comparison */
	if (e->op == ZT_OP_MATCH) {
		if (!a.v)
			return 0;
		const char *needle;
		if (b.v) {
			const char *d = zt_q_display(r->q, b.id);
			char *n = NULL;
			if (!d || zt_norm(d, strlen(d), &n, NULL) != ZT_OK)
				return 0;
			int ok = names_test(vi_names(r, a.id, a.v), n, 1);
			free(n);
			return ok;
		}
		needle = b.c->ntext ? b.c->ntext : "";
		return names_test(vi_names(r, a.id, a.v), needle, 1);
	}
	int c = compare(r, &a, &b);
	if (c == 3)          /* different nodes: only != holds */
		return e->op == ZT_OP_NE;
	if (c == 2)          /* incomparable: only != holds */
		return e->op == ZT_OP_NE;
	return op_holds(e->op, c);
}

/* ---------------------------------------------------------------- results */

static uint64_t row_hash(const zt_id *cells, size_t n, const zt_qfind *f, int keys_only)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL;
	for (size_t i = 0; i < n; i++) {
		if (keys_only && f->cols[i].count)
			continue;
		h = zt_mix64(h ^ cells[i]) + i;
	}
	return h | 1;
}

static int row_equal(const zt_id *a, const zt_id *b, size_t n, const zt_qfind *f, int keys_only)
{
	for (size_t i = 0; i < n; i++) {
		if (keys_only && f->cols[i].count)
			continue;
		if (a[i] != b[i])
			return 0;
	}
	return 1;
}

/* Find the row equal to `cells` (on the key columns) or add it. */
static zt_status row_find_or_add(zt_run *r, const zt_id *cells, size_t *idx, int *added)
{
	zt_q *q = r->q;
	size_t nc = r->f->ncols;
	int keys_only = r->f->aggregate;
	uint64_t key = row_hash(cells, nc, r->f, keys_only);
	*added = 0;
	for (;;) {
		uint64_t *slot = zt_idmap_find(&r->index, key);
		if (!slot)
			break;
		if (row_equal(r->cells + (*slot - 1) * nc, cells, nc, r->f, keys_only)) {
			*idx = (size_t)(*slot - 1);
			return ZT_OK;
		}
		key = zt_mix64(key) | 1;
	}
	if (r->nrows >= q->max_rows)
		return zt_q_fail(q, ZT_ERR_LIMIT, "the result has more than %lu rows; add LIMIT or narrow the query "
		                 "(a constant, a time range)", q->max_rows);
	if (r->nrows == r->caprows) {
		size_t cap = r->caprows ? r->caprows * 2 : 64;
		zt_id *c = realloc(r->cells, cap * nc * sizeof *c);
		if (!c)
			return nomem(q);
		r->cells = c;
		zt_idvec *rf = realloc(r->rowfacts, cap * sizeof *rf);
		if (!rf)
			return nomem(q);
		memset(rf + r->caprows, 0, (cap - r->caprows) * sizeof *rf);
		r->rowfacts = rf;
		q->mem += (cap - r->caprows) * (nc * sizeof *c + sizeof *rf);
		r->caprows = cap;
	}
	memcpy(r->cells + r->nrows * nc, cells, nc * sizeof *cells);
	uint64_t *slot;
	if (zt_idmap_get(&r->index, key, r->nrows + 1, &slot, NULL, &q->mem) != ZT_OK)
		return nomem(q);
	*idx = r->nrows++;
	*added = 1;
	return ZT_OK;
}

/* Remember the facts behind a row, for --cite. */
#define MAX_CITED_FACTS 32

static zt_status add_row_facts(zt_run *r, size_t idx)
{
	zt_idvec *v = &r->rowfacts[idx];
	for (size_t i = 0; i + 3 < r->fn; i += 4) {
		int dup = 0;
		for (size_t j = 0; j + 3 < v->n && !dup; j += 4)
			dup = memcmp(&v->v[j], &r->fstack[i], 4 * sizeof *v->v) == 0;
		if (dup)
			continue;
		if (v->n / 4 >= MAX_CITED_FACTS)
			break;
		for (int k = 0; k < 4; k++)
			if (zt_idvec_push(v, r->fstack[i + k], &r->q->mem) != ZT_OK)
				return nomem(r->q);
	}
	return ZT_OK;
}

static zt_status emit(zt_run *r)
{
	zt_qfind *f = r->f;
	zt_id cells[ZT_MAX_VARS + 8];
	zt_id *c = cells;
	zt_id *heap = NULL;
	if (f->ncols > sizeof cells / sizeof cells[0]) {
		heap = calloc(f->ncols, sizeof *heap);
		if (!heap)
			return nomem(r->q);
		c = heap;
	}
	for (size_t i = 0; i < f->ncols; i++)
		c[i] = f->cols[i].count || f->cols[i].var < 0 ? 0 : r->row[f->cols[i].var];
	size_t idx = 0;
	int added = 0;
	zt_status st = row_find_or_add(r, c, &idx, &added);
	free(heap);
	if (st != ZT_OK)
		return st;
	if (r->q->cite && r->fn)
		ZT_TRY(st, add_row_facts(r, idx));
	if (f->aggregate) {
		zt_id *row = r->cells + idx * f->ncols;
		for (size_t i = 0; i < f->ncols; i++) {
			if (!f->cols[i].count)
				continue;
			uint64_t val;
			if (f->cols[i].var >= 0) {
				val = r->row[f->cols[i].var];
			} else {
				val = 0x51ED270B27A1C3E5ULL;
				for (size_t v = 0; v < f->nvars; v++)
					val = zt_mix64(val ^ r->row[v]) + v;
			}
			if (!val)
				continue;
			uint64_t key = zt_mix64(zt_mix64(val) ^ (idx * 0x9E3779B97F4A7C15ULL) ^ (i << 56)) | 1;
			int fresh;
			if (zt_idset_add(&r->counted, key, &fresh, &r->q->mem) != ZT_OK)
				return nomem(r->q);
			if (fresh)
				row[i]++;
		}
	} else if (added && r->stop_at && r->nrows >= r->stop_at) {
		r->stopped = 1;
		return ZT_DONE;    /* enough rows for LIMIT: stop the pipeline */
	}
	return ZT_OK;
}

/* ---------------------------------------------------------------- pipeline */

typedef struct cont {
	const zt_qplan *plan;
	size_t i;
	const struct cont *next;
	int *found;
} cont;

static zt_status run_ops(zt_run *r, const zt_qplan *pl, size_t i, const cont *k);

static zt_status push_fact(zt_run *r, zt_id s, zt_id p, zt_id o, const zt_qpath *path)
{
	if (!r->q->cite)
		return ZT_OK;
	if (r->fn + 4 > r->fcap) {
		size_t cap = r->fcap ? r->fcap * 2 : 64;
		zt_id *v = realloc(r->fstack, cap * sizeof *v);
		if (!v)
			return nomem(r->q);
		r->fstack = v;
		r->fcap = cap;
	}
	r->fstack[r->fn++] = s;
	r->fstack[r->fn++] = p;
	r->fstack[r->fn++] = o;
	r->fstack[r->fn++] = (zt_id)(uintptr_t)path;
	return ZT_OK;
}

/* Bind the free positions of a pattern to a match and go on; restores
 * the bindings on return. */
static zt_status bind_and_go(zt_run *r, zt_qop *op, const zt_qplan *pl, size_t i, const cont *k,
                             zt_id s, zt_id p, zt_id o)
{
	zt_qpat *pat = op->pat;
	int sv = pat->s.var, ov = pat->o.var, pv = pat->pvar;
	int bs = sv >= 0 && !r->row[sv], bo = ov >= 0 && !r->row[ov], bp = pv >= 0 && !r->row[pv];
	if (pat->has_drange) {
		/* a date outside the range the filters and time clause allow */
		vinfo *v = vi_get(r, o);
		if (!v)
			return nomem(r->q);
		if (v->cls != VC_DATE || v->span.to < pat->dlo || v->span.from > pat->dhi)
			return ZT_OK;
	}
	/* a variable used twice must take one value */
	if (bs && bo && sv == ov && s != o)
		return ZT_OK;
	if (bs && bp && sv == pv && s != p)
		return ZT_OK;
	if (bo && bp && ov == pv && o != p)
		return ZT_OK;
	if (bs)
		r->row[sv] = s;
	if (bo)
		r->row[ov] = o;
	if (bp)
		r->row[pv] = p;
	size_t fn = r->fn;
	/* a path's row is cited by a chain of facts found when it is printed */
	zt_status st = push_fact(r, s, p, o, pat->simple || pat->pvar >= 0 ? NULL : pat->path);
	if (st == ZT_OK) {
		op->actual++;
		st = run_ops(r, pl, i + 1, k);
	}
	r->fn = fn;
	if (bs)
		r->row[sv] = 0;
	if (bo)
		r->row[ov] = 0;
	if (bp)
		r->row[pv] = 0;
	return st;
}

/* The values a position takes for this row: a bound variable's value, a
 * free variable (0: any), or the constants. */
static void slot_values(const zt_run *r, const zt_qslot *s, const zt_id **v, size_t *n, zt_id *tmp)
{
	if (s->var >= 0) {
		*tmp = r->row[s->var];
		*v = tmp;
		*n = 1;
	} else {
		*v = s->ids.v;
		*n = s->ids.n;
	}
}

static int slot_accepts(const zt_run *r, const zt_qslot *s, zt_id x)
{
	if (s->var >= 0)
		return !r->row[s->var] || r->row[s->var] == x;
	if (s->set.n)
		return zt_idset_has(&s->set, x);
	for (size_t i = 0; i < s->ids.n; i++)
		if (s->ids.v[i] == x)
			return 1;
	return 0;
}

/* Probes of a pattern before its members may be read in one scan, and
 * how many facts that scan may read per probe made so far: a probe (a
 * point lookup) costs about as much as stepping over this many facts. */
#define MEMBER_MIN_PROBES 64
#define MEMBER_STEPS_PER_PROBE 8

/* For a pattern whose predicate and one end are constants, probed with
 * the other end bound: read, once, every value of that end that matches
 * (in the time range, visible AS OF), so later probes are set lookups. */
static zt_status member_probe(zt_run *r, zt_qpat *pat, int sbound, int *usable)
{
	zt_q *q = r->q;
	*usable = 0;
	if (pat->pvar >= 0 || pat->has_drange || pat->path->p.n != 1)
		return ZT_OK;
	const zt_qslot *con = sbound ? &pat->o : &pat->s;
	if (con->var >= 0 || con->ids.n != 1)
		return ZT_OK;
	if (pat->has_members) {
		*usable = 1;
		return ZT_OK;
	}
	if (++pat->probes < MEMBER_MIN_PROBES || pat->const_est < 0 ||
	    pat->const_est > (double)pat->probes * MEMBER_STEPS_PER_PROBE)
		return ZT_OK;
	zt_id p = pat->path->p.v[0], c = con->ids.v[0];
	zt_iter *it;
	zt_status st = zt_match(q->txn, sbound ? 0 : c, p, sbound ? c : 0, q->range, &it);
	if (st != ZT_OK)
		return zt_q_store_error(q, st);
	zt_fact f;
	while ((st = zt_iter_next(it, &f)) == ZT_OK) {
		if ((st = zt_q_check(q)) != ZT_OK)
			break;
		if (!zt_q_visible(q, f.s, f.p, f.o, &st)) {
			if (st != ZT_OK)
				break;
			continue;
		}
		if ((st = zt_idset_add(&pat->members, sbound ? f.s : f.o, NULL, &q->mem)) != ZT_OK) {
			st = nomem(q);
			break;
		}
	}
	zt_iter_free(it);
	st = zt_q_iter_status(q, st);
	if (st == ZT_OK)
		pat->has_members = *usable = 1;
	return st;
}

static zt_status run_link(zt_run *r, zt_qop *op, const zt_qplan *pl, size_t i, const cont *k)
{
	zt_q *q = r->q;
	zt_qpat *pat = op->pat;
	const zt_id *sv, *ov;
	size_t sn, on;
	zt_id st_, ot_;
	slot_values(r, &pat->s, &sv, &sn, &st_);
	slot_values(r, &pat->o, &ov, &on, &ot_);
	/* With several constants on one side and a value on the other, scan
	 * the value's side once and test membership (type checks with
	 * subtypes): one range scan costs about as much as one point lookup,
	 * and a node has few facts of one predicate. */
	zt_id zero = 0;
	int probe_o = 0, probe_s = 0;
	if (pat->o.var < 0 && pat->o.ids.n > 1 && sn == 1 && sv[0]) {
		probe_o = 1;
		ov = &zero;
		on = 1;
	} else if (pat->s.var < 0 && pat->s.ids.n > 1 && on == 1 && ov[0]) {
		probe_s = 1;
		sv = &zero;
		sn = 1;
	}
	if (sn == 1 && on == 1 && (pat->s.var >= 0) != (pat->o.var >= 0) && sv[0] && ov[0]) {
		/* one end bound by an earlier step, the other constant */
		int sbound = pat->s.var >= 0, usable;
		zt_status st = member_probe(r, pat, sbound, &usable);
		if (st != ZT_OK)
			return st;
		if (usable) {
			zt_id s = sv[0], o = ov[0];
			if (!zt_idset_has(&pat->members, sbound ? s : o))
				return ZT_OK;
			return bind_and_go(r, op, pl, i, k, s, pat->path->p.v[0], o);
		}
	}
	zt_id none = 0;
	const zt_id *pv = pat->pvar >= 0 ? &none : pat->path->p.v;
	size_t pn = pat->pvar >= 0 ? 1 : pat->path->p.n;
	zt_id pbound = pat->pvar >= 0 ? r->row[pat->pvar] : 0;
	if (pat->pvar >= 0 && pbound)
		pv = &pbound;
	zt_status st = ZT_OK;
	for (size_t a = 0; a < pn && st == ZT_OK; a++)
		for (size_t b = 0; b < sn && st == ZT_OK; b++)
			for (size_t c = 0; c < on && st == ZT_OK; c++) {
				zt_id s = sv[b], p = pv[a], o = ov[c];
				if (s && p && o) {
					/* a point lookup */
					zt_fact fa;
					zt_status g = zt_fact_get(q->txn, s, p, o, &fa);
					if (g == ZT_NOTFOUND)
						continue;
					if (g != ZT_OK)
						return zt_q_store_error(q, g);
					if (!zt_span_overlaps(fa.time, q->range))
						continue;
					if (!zt_q_visible(q, s, p, o, &st)) {
						if (st != ZT_OK)
							return zt_q_iter_status(q, st);
						continue;
					}
					st = bind_and_go(r, op, pl, i, k, s, p, o);
					continue;
				}
				int ranged = !o && pat->has_drange && p;
				for (int rg = 0; st == ZT_OK && (ranged ? rg < pat->nidr : rg < 1); rg++) {
					zt_iter *it;
					if (ranged)
						/* the dates that can pass, as ranges of ids (plan.c) */
						st = zt_match_range(q->txn, s, p, pat->idr[rg][0], pat->idr[rg][1], q->range, &it);
					else
						st = zt_match(q->txn, s, p, o, q->range, &it);
					if (st != ZT_OK)
						return zt_q_store_error(q, st);
					zt_fact fa;
					while ((st = zt_iter_next(it, &fa)) == ZT_OK) {
						if ((st = zt_q_check(q)) != ZT_OK)
							break;
						if (probe_o && !slot_accepts(r, &pat->o, fa.o))
							continue;
						if (probe_s && !slot_accepts(r, &pat->s, fa.s))
							continue;
						if (!zt_q_visible(q, fa.s, fa.p, fa.o, &st)) {
							if (st != ZT_OK)
								break;
							continue;
						}
						if ((st = bind_and_go(r, op, pl, i, k, fa.s, fa.p, fa.o)) != ZT_OK)
							break;
					}
					zt_iter_free(it);
					st = zt_q_iter_status(q, st);
					if (st == ZT_OK && r->stopped)
						st = ZT_DONE;
				}
			}
	return st;
}

static zt_status run_path(zt_run *r, zt_qop *op, const zt_qplan *pl, size_t i, const cont *k)
{
	zt_q *q = r->q;
	zt_qpat *pat = op->pat;
	zt_id tmp_s, tmp_o;
	const zt_id *sv, *ov;
	size_t sn, on;
	slot_values(r, &pat->s, &sv, &sn, &tmp_s);
	slot_values(r, &pat->o, &ov, &on, &tmp_o);
	int s_known = !(pat->s.var >= 0 && !sv[0]);
	int o_known = !(pat->o.var >= 0 && !ov[0]);
	zt_status st = ZT_OK;
	zt_idvec starts = { 0 };
	int fwd = 1;
	if (s_known) {
		for (size_t b = 0; b < sn && st == ZT_OK; b++)
			st = zt_idvec_push(&starts, sv[b], &q->mem);
	} else if (o_known) {
		fwd = 0;
		for (size_t c = 0; c < on && st == ZT_OK; c++)
			st = zt_idvec_push(&starts, ov[c], &q->mem);
	} else {
		st = zt_qpath_starts(q, pat->path, 1, &starts);
	}
	if (st == ZT_ERR_NOMEM)
		st = nomem(q);
	zt_idvec ends = { 0 };
	for (size_t a = 0; a < starts.n && st == ZT_OK; a++) {
		zt_id x = starts.v[a];
		ends.n = 0;
		if ((st = zt_qpath_eval(q, pat->path, x, fwd, &ends)) != ZT_OK)
			break;
		for (size_t b = 0; b < ends.n && st == ZT_OK; b++) {
			zt_id y = ends.v[b];
			zt_id s = fwd ? x : y, o = fwd ? y : x;
			if (!slot_accepts(r, &pat->s, s) || !slot_accepts(r, &pat->o, o))
				continue;
			st = bind_and_go(r, op, pl, i, k, s, 0, o);
		}
	}
	zt_idvec_free(&ends);
	zt_idvec_free(&starts);
	return st;
}

static zt_status run_ops(zt_run *r, const zt_qplan *pl, size_t i, const cont *k)
{
	zt_status st;
	ZT_TRY(st, zt_q_check(r->q));
	if (i == pl->n) {
		if (!k)
			return emit(r);
		*k->found = 1;
		return run_ops(r, k->plan, k->i, k->next);
	}
	zt_qop *op = &pl->ops[i];
	switch (op->kind) {
	case ZT_QOP_FILTER:
		if (!eval_expr(r, op->expr))
			return ZT_OK;
		op->actual++;
		return run_ops(r, pl, i + 1, k);
	case ZT_QOP_OPTIONAL: {
		int found = 0;
		cont c = { pl, i + 1, k, &found };
		st = run_ops(r, op->sub, 0, &c);
		if (st != ZT_OK || found)
			return st;
		op->actual++;
		return run_ops(r, pl, i + 1, k);
	}
	case ZT_QOP_PAT:
		if (op->pat->simple || op->pat->pvar >= 0)
			return run_link(r, op, pl, i, k);
		return run_path(r, op, pl, i, k);
	}
	return ZT_ERR_INTERNAL;
}

/* ---------------------------------------------------------------- order */

static int cell_cmp(zt_run *r, const zt_qcol *col, zt_id a, zt_id b)
{
	if (col->count)
		return a < b ? -1 : a > b;
	if (a == b)
		return 0;
	if (!a || !b)
		return a ? 1 : -1;      /* empty cells first */
	vinfo *x = vi_get(r, a), *y = vi_get(r, b);
	if (x && y) {
		if ((x->cls == VC_NUMBER || x->cls == VC_MONEY) && (y->cls == VC_NUMBER || y->cls == VC_MONEY)) {
			int c = x->cls == VC_MONEY && y->cls == VC_MONEY ? strcmp(x->cur, y->cur) : 0;
			if (c)
				return c < 0 ? -1 : 1;
			c = num_cmp(x->num, y->num);
			if (c)
				return c;
		} else if (x->cls == VC_DATE && y->cls == VC_DATE) {
			if (x->span.from != y->span.from)
				return x->span.from < y->span.from ? -1 : 1;
			if (x->span.to != y->span.to)
				return x->span.to < y->span.to ? -1 : 1;
		} else if (x->cls != y->cls) {
			return x->cls < y->cls ? -1 : 1;
		}
	}
	const char *s = zt_q_display(r->q, a), *t = zt_q_display(r->q, b);
	int c = strcmp(s ? s : "", t ? t : "");
	if (c)
		return c < 0 ? -1 : 1;
	return a < b ? -1 : 1;
}

static int row_cmp(const void *pa, const void *pb, void *ctx)
{
	zt_run *r = ctx;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const zt_id *a = r->cells + ia * r->f->ncols, *b = r->cells + ib * r->f->ncols;
	for (size_t k = 0; k < r->f->norder; k++) {
		const zt_qorder *o = &r->f->order[k];
		int c = cell_cmp(r, &r->f->cols[o->col], a[o->col], b[o->col]);
		if (c)
			return o->desc ? -c : c;
	}
	return ia < ib ? -1 : ia > ib;
}

/* A stable merge sort of row numbers (qsort_r is not in C11 or POSIX). */
static void sort_rows(size_t *v, size_t *tmp, size_t n, zt_run *r)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_rows(v, tmp, h, r);
	sort_rows(v + h, tmp, n - h, r);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = row_cmp(&v[j], &v[i], r) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* ---------------------------------------------------------------- output */

zt_status zt_q_writer(zt_q *q, size_t ncols, const char *const *names, zt_writer **w)
{
	if (q->fmt == ZT_FMT_DOT)
		return zt_q_fail(q, ZT_ERR_ARG, "the dot format draws DESCRIBE, PATH and TIMELINE; "
		                 "use table, tsv, csv or json for this statement");
	zt_status st = zt_writer_new(q->fmt, q->out, ncols, names, w);
	if (st != ZT_OK)
		return zt_q_fail(q, st, "cannot write the result: %s", zt_strerror(st));
	return ZT_OK;
}

static zt_status write_rows(zt_run *r, const size_t *order, size_t n)
{
	zt_q *q = r->q;
	zt_qfind *f = r->f;
	size_t nc = f->ncols + (q->cite ? 1 : 0);
	const char **names = calloc(nc, sizeof *names);
	const char **cells = calloc(nc, sizeof *cells);
	char (*nums)[32] = calloc(f->ncols, sizeof *nums);
	zt_writer *w = NULL;
	zt_idvec hops = { 0 };
	zt_status st = ZT_OK;
	if (!names || !cells || !nums) {
		st = nomem(q);
		goto out;
	}
	for (size_t i = 0; i < f->ncols; i++)
		names[i] = f->cols[i].name;
	if (q->cite)
		names[f->ncols] = "cite";
	if ((st = zt_q_writer(q, nc, names, &w)) != ZT_OK)
		goto out;
	for (size_t j = 0; j < n && st == ZT_OK; j++) {
		const zt_id *row = r->cells + order[j] * f->ncols;
		for (size_t i = 0; i < f->ncols; i++) {
			if (f->cols[i].count) {
				snprintf(nums[i], sizeof nums[i], "%llu", (unsigned long long)row[i]);
				cells[i] = nums[i];
			} else {
				cells[i] = row[i] ? zt_q_display(q, row[i]) : NULL;
				if (row[i] && !cells[i]) {
					st = nomem(q);
					break;
				}
			}
		}
		zt_sbuf cite = { 0 };
		if (st == ZT_OK && q->cite) {
			zt_cites cites = { 0 };
			const zt_idvec *fv = &r->rowfacts[order[j]];
			for (size_t x = 0; x + 3 < fv->n && st == ZT_OK; x += 4) {
				const zt_qpath *path = (const zt_qpath *)(uintptr_t)fv->v[x + 3];
				if (!path) {
					st = zt_q_cite_add(q, fv->v[x], fv->v[x + 1], fv->v[x + 2], &cites);
					continue;
				}
				hops.n = 0;
				st = zt_qpath_witness(q, path, fv->v[x], fv->v[x + 2], &hops);
				for (size_t h = 0; h + 2 < hops.n && st == ZT_OK; h += 3)
					st = zt_q_cite_add(q, hops.v[h], hops.v[h + 1], hops.v[h + 2], &cites);
			}
			if (st == ZT_OK)
				st = zt_q_cite_text(q, &cites, &cite);
			zt_cites_free(&cites);
			cells[f->ncols] = zt_sbuf_str(&cite);
		}
		if (st == ZT_OK && (st = zt_writer_row(w, cells)) != ZT_OK)
			st = zt_q_fail(q, st, "writing the result failed: %s", zt_strerror(st));
		zt_sbuf_free(&cite);
	}
	if (st == ZT_OK) {
		st = zt_writer_end(w);
		w = NULL;
		if (st != ZT_OK)
			st = zt_q_fail(q, st, "writing the result failed: %s", zt_strerror(st));
	}
out:
	zt_idvec_free(&hops);
	zt_writer_free(w);
	free(names);
	free(cells);
	free(nums);
	return st;
}

/* EXPLAIN: one row per step, with the estimate and the rows that came out. */
static zt_status explain_plan(zt_run *r, zt_writer *w, const zt_qplan *pl, const char *prefix)
{
	zt_q *q = r->q;
	zt_status st = ZT_OK;
	for (size_t i = 0; i < pl->n && st == ZT_OK; i++) {
		const zt_qop *op = &pl->ops[i];
		char step[64], est[32], act[32];
		zt_sbuf text = { 0 };
		snprintf(step, sizeof step, "%s%zu", prefix, i + 1);
		snprintf(act, sizeof act, "%llu", (unsigned long long)op->actual);
		const char *index = "-";
		strcpy(est, "-");
		const zt_loc *loc = op->pat ? &op->pat->loc : op->expr ? &op->expr->loc : NULL;
		if (op->kind == ZT_QOP_FILTER)
			zt_sbuf_puts(&text, "FILTER ");
		if (op->kind == ZT_QOP_OPTIONAL) {
			zt_sbuf_puts(&text, "OPTIONAL (rows kept without a match)");
		} else if (loc && loc->last_off <= q->len && loc->first_off <= loc->last_off) {
			zt_sbuf_add(&text, q->text + loc->first_off, loc->last_off - loc->first_off);
		}
		if (op->pat && op->pat->has_drange && op->pat->o.var >= 0) {
			/* the periods a narrowed date may take (plan.c) */
			char when[48];
			zt_q_span_text((zt_span){ op->pat->dlo, op->pat->dhi }, when, sizeof when);
			zt_sbuf_printf(&text, "  [?%s overlapping %s]", r->f->vars[op->pat->o.var], when);
		}
		if (op->pat) {
			index = op->pat->index ? op->pat->index : "-";
			snprintf(est, sizeof est, "%.0f", op->pat->est);
		}
		const char *cells[5] = { step, zt_sbuf_str(&text), index, est, act };
		st = zt_writer_row(w, cells);
		zt_sbuf_free(&text);
		if (st == ZT_OK && op->sub) {
			char sub[64];
			snprintf(sub, sizeof sub, "%s%zu.", prefix, i + 1);
			st = explain_plan(r, w, op->sub, sub);
		}
	}
	return st;
}

static zt_status write_explain(zt_run *r, size_t nresult)
{
	zt_q *q = r->q;
	static const char *const names[] = { "step", "operation", "index", "estimated", "actual" };
	zt_writer *w;
	zt_status st;
	ZT_TRY(st, zt_q_writer(q, 5, names, &w));
	st = explain_plan(r, w, &r->f->plan, "");
	if (st == ZT_OK) {
		char act[32];
		snprintf(act, sizeof act, "%zu", nresult);
		const char *cells[5] = { "-", "result rows (distinct)", "-", "-", act };
		st = zt_writer_row(w, cells);
	}
	if (st != ZT_OK) {
		zt_writer_free(w);
		return zt_q_fail(q, st, "writing the plan failed: %s", zt_strerror(st));
	}
	if ((st = zt_writer_end(w)) != ZT_OK)
		return zt_q_fail(q, st, "writing the plan failed: %s", zt_strerror(st));
	return ZT_OK;
}

zt_status zt_qfind_run(zt_q *q, zt_qfind *f, int explain)
{
	zt_run r = { .q = q, .f = f, .explain = explain };
	if (!f->aggregate && f->norder == 0 && f->limit != ULONG_MAX && !explain)
		r.stop_at = f->offset + f->limit;
	zt_status st = run_ops(&r, &f->plan, 0, NULL);
	if (st == ZT_DONE)
		st = ZT_OK;
	if (st == ZT_OK && f->aggregate && f->ngroup == 0 && r.nrows == 0) {
		/* counts without groups are one row, zero when nothing matched */
		zt_id zero[ZT_MAX_VARS + 8] = { 0 };
		size_t idx;
		int added;
		if (f->ncols <= sizeof zero / sizeof zero[0])
			st = row_find_or_add(&r, zero, &idx, &added);
	}
	size_t *order = NULL;
	if (st == ZT_OK) {
		order = malloc((r.nrows ? r.nrows : 1) * sizeof *order);
		if (!order)
			st = nomem(q);
	}
	if (st == ZT_OK) {
		for (size_t i = 0; i < r.nrows; i++)
			order[i] = i;
		if (f->norder) {
			size_t *tmp = malloc(r.nrows * sizeof *tmp + 1);
			if (!tmp)
				st = nomem(q);
			else
				sort_rows(order, tmp, r.nrows, &r);
			free(tmp);
		}
	}
	if (st == ZT_OK) {
		size_t from = f->offset < r.nrows ? f->offset : r.nrows;
		size_t n = r.nrows - from;
		if (f->limit < n)
			n = f->limit;
		if (explain)
			st = write_explain(&r, n);
		else
			st = write_rows(&r, order + from, n);
	}
	free(order);
	free(r.fstack);
	free(r.cells);
	if (r.rowfacts)
		for (size_t i = 0; i < r.caprows; i++)
			zt_idvec_free(&r.rowfacts[i]);
	free(r.rowfacts);
	zt_idmap_free(&r.index);
	zt_idset_free(&r.counted);
	zt_idmap_free(&r.vidx);
	for (size_t i = 0; i < r.nvals; i++)
		free(r.vals[i].names);
	free(r.vals);
	return st;
}

zt_status zt_q_find(zt_q *q, const zt_astmt *st, int explain)
{
	zt_qfind *f;
	zt_status rc = zt_qfind_compile(q, st, &f);
	if (rc != ZT_OK)
		return rc;
	rc = zt_qfind_run(q, f, explain);
	zt_qfind_free(f);
	return rc;
}
