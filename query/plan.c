/* plan.c — FIND from syntax tree to plan: variables, resolved patterns
 * and filters, and an order.
 *
 * The planner is greedy: at each step it takes, among the patterns
 * connected to what is already bound (or holding a constant), the one
 * with the smallest estimated row count from the store's indexes
 * (zt_match_estimate); a position bound by an earlier pattern divides the
 * estimate, since it will be probed with one value at a time.  Filters go
 * right after the step that binds their last variable; OPTIONAL groups
 * run after the required patterns, each planned the same way.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../store/literal.h"
#include "../store/norm.h"
#include "find.h"

/* Sets of constants larger than this are probed through a hash set. */
#define SET_THRESHOLD 4
/* How much a position bound by an earlier step cuts an estimate. */
#define BOUND_DIVISOR 100.0

static zt_status nomem(zt_q *q)
{
	return zt_q_fail(q, ZT_ERR_NOMEM, "out of memory");
}

static void slot_free(zt_qslot *s)
{
	zt_idvec_free(&s->ids);
	zt_idset_free(&s->set);
}

static void pat_free(zt_qpat *p)
{
	if (!p)
		return;
	slot_free(&p->s);
	slot_free(&p->o);
	zt_idset_free(&p->members);
	zt_qpath_free(p->path);
	free(p);
}

static void val_free(zt_qval *v)
{
	zt_idvec_free(&v->ids);
	free(v->text);
	free(v->ntext);
}

static void expr_free(zt_qexpr *e)
{
	if (!e)
		return;
	val_free(&e->l);
	val_free(&e->r);
	expr_free(e->a);
	expr_free(e->b);
	free(e);
}

static void plan_free(zt_qplan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		pat_free(p->ops[i].pat);
		expr_free(p->ops[i].expr);
		if (p->ops[i].sub) {
			plan_free(p->ops[i].sub);
			free(p->ops[i].sub);
		}
	}
	free(p->ops);
	p->ops = NULL;
	p->n = 0;
}

void zt_qfind_free(zt_qfind *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nvars; i++)
		free(f->vars[i]);
	plan_free(&f->plan);
	for (size_t i = 0; i < f->ncols; i++)
		free(f->cols[i].name);
	free(f->cols);
	free(f->order);
	free(f);
}

/* ------------------------------------------------------------ variables */

static int var_find(const zt_qfind *f, const char *name)
{
	for (size_t i = 0; i < f->nvars; i++)
		if (strcmp(f->vars[i], name) == 0)
			return (int)i;
	return -1;
}

static zt_status var_index(zt_q *q, zt_qfind *f, const zt_aterm *t, int *out)
{
	int i = var_find(f, t->text);
	if (i < 0) {
		if (f->nvars == ZT_MAX_VARS)
			return zt_q_fail_at(q, &t->loc, ZT_ERR_LIMIT, "too many variables (at most %d)", ZT_MAX_VARS);
		char *name = strdup(t->text);
		if (!name)
			return nomem(q);
		i = (int)f->nvars;
		f->vars[f->nvars++] = name;
	}
	*out = i;
	return ZT_OK;
}

static zt_status collect_vars_items(zt_q *q, zt_qfind *f, const zt_aitem *it);

static zt_status collect_vars_expr(zt_q *q, zt_qfind *f, const zt_aexpr *e)
{
	zt_status st = ZT_OK;
	int v;
	for (; e && st == ZT_OK; e = e->a) {
		if (e->kind == ZT_AE_CMP) {
			if (e->l->kind == ZT_AT_VAR)
				ZT_TRY(st, var_index(q, f, e->l, &v));
			if (e->r->kind == ZT_AT_VAR)
				ZT_TRY(st, var_index(q, f, e->r, &v));
		}
		if (e->b)
			ZT_TRY(st, collect_vars_expr(q, f, e->b));
	}
	return st;
}

static zt_status collect_vars_items(zt_q *q, zt_qfind *f, const zt_aitem *it)
{
	zt_status st = ZT_OK;
	int v;
	for (; it; it = it->next) {
		switch (it->kind) {
		case ZT_AI_TRIPLE:
			if (it->s->kind == ZT_AT_VAR)
				ZT_TRY(st, var_index(q, f, it->s, &v));
			if (it->p->kind == ZT_AP_VAR)
				ZT_TRY(st, var_index(q, f, it->p->pred, &v));
			if (it->o->kind == ZT_AT_VAR)
				ZT_TRY(st, var_index(q, f, it->o, &v));
			break;
		case ZT_AI_OPTIONAL:
			ZT_TRY(st, collect_vars_items(q, f, it->group));
			break;
		case ZT_AI_FILTER:
			ZT_TRY(st, collect_vars_expr(q, f, it->expr));
			break;
		}
	}
	return ZT_OK;
}

/* ------------------------------------------------------------- patterns */

static zt_status slot_compile(zt_q *q, zt_qfind *f, const zt_aterm *t, zt_role role, int text_pred,
                              int type_obj, zt_qslot *out)
{
	zt_status st;
	out->var = -1;
	if (t->kind == ZT_AT_VAR) {
		out->var = var_find(f, t->text);
		return ZT_OK;
	}
	if (text_pred && (t->kind == ZT_AT_NAME || t->kind == ZT_AT_QUOTED || t->kind == ZT_AT_KEYWORD)) {
		ZT_TRY(st, zt_q_text_ids(q, t->text, &out->ids));
	} else {
		ZT_TRY(st, zt_q_resolve(q, t, role, &out->ids));
		if (type_obj)
			ZT_TRY(st, zt_q_subtypes(q, &out->ids));
	}
	if (out->ids.n > SET_THRESHOLD)
		for (size_t i = 0; i < out->ids.n; i++)
			if (zt_idset_add(&out->set, out->ids.v[i], NULL, &q->mem) != ZT_OK)
				return nomem(q);
	return ZT_OK;
}

static int path_has(const zt_qpath *p, zt_id id)
{
	for (size_t i = 0; i < p->p.n; i++)
		if (p->p.v[i] == id)
			return 1;
	return 0;
}

static zt_status pat_compile(zt_q *q, zt_qfind *f, const zt_aitem *it, zt_qpat **out)
{
	zt_status st;
	zt_qpat *p = calloc(1, sizeof *p);
	if (!p)
		return nomem(q);
	p->loc = it->loc;
	p->pvar = -1;
	p->const_est = -1;
	p->s.var = p->o.var = -1;
	if (it->p->kind == ZT_AP_VAR) {
		p->pvar = var_find(f, it->p->pred->text);
	} else if ((st = zt_qpath_compile(q, it->p, &p->path)) != ZT_OK) {
		pat_free(p);
		return st;
	}
	p->simple = p->path && zt_qpath_is_link(p->path);
	int type_obj = p->simple && q->wk.type && path_has(p->path, q->wk.type);
	int text_obj = 0;
	if (p->simple)
		for (size_t i = 0; i < p->path->p.n; i++)
			text_obj |= zt_q_text_predicate(q, p->path->p.v[i]);
	if ((st = slot_compile(q, f, it->s, ZT_ROLE_NODE, 0, 0, &p->s)) != ZT_OK ||
	    (st = slot_compile(q, f, it->o, type_obj ? ZT_ROLE_TYPE : ZT_ROLE_NODE, text_obj, type_obj, &p->o)) != ZT_OK) {
		pat_free(p);
		return st;
	}
	if (p->s.var >= 0)
		p->vars |= 1ULL << p->s.var;
	if (p->o.var >= 0)
		p->vars |= 1ULL << p->o.var;
	if (p->pvar >= 0)
		p->vars |= 1ULL << p->pvar;
	*out = p;
	return ZT_OK;
}

/* -------------------------------------------------------------- filters */

static zt_status val_compile(zt_q *q, zt_qfind *f, const zt_aterm *t, int for_match, zt_qval *v)
{
	zt_status st;
	zt_error e = { 0 };
	switch (t->kind) {
	case ZT_AT_VAR:
		v->kind = ZT_QV_VAR;
		v->var = var_find(f, t->text);
		return ZT_OK;
	case ZT_AT_QUOTED:
	case ZT_AT_NAME:
	case ZT_AT_KEYWORD:
		if (t->kind == ZT_AT_QUOTED || for_match) {
			/* text, which may also name nodes: FILTER ?x = "OpenAI" */
			v->kind = ZT_QV_TEXT;
			v->text = strdup(t->text);
			if (!v->text || zt_norm(t->text, strlen(t->text), &v->ntext, NULL) != ZT_OK)
				return nomem(q);
			if (!for_match) {
				zt_id ids[16];
				size_t n = 0;
				if (zt_name_find(q->txn, t->text, ids, 16, &n) == ZT_OK)
					for (size_t i = 0; i < n && i < 16; i++)
						if (zt_idvec_push(&v->ids, ids[i], &q->mem) != ZT_OK)
							return nomem(q);
			}
			return ZT_OK;
		}
		v->kind = ZT_QV_NODES;
		return zt_q_resolve(q, t, ZT_ROLE_NODE, &v->ids);
	case ZT_AT_INTEGER:
	case ZT_AT_NUMBER:
		v->kind = ZT_QV_NUM;
		if (zt_number_parse(t->text, strlen(t->text), &v->num, &e) != ZT_OK)
			return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "'%s' is not a number", t->text);
		if (t->kind == ZT_AT_INTEGER && strlen(t->text) == 4) {
			zt_date d;
			if (zt_date_parse(t->text, 4, &d, NULL) == ZT_OK) {
				v->span = d.span;
				v->has_span = 1;
			}
		}
		return ZT_OK;
	case ZT_AT_MONEY:
		v->kind = ZT_QV_MONEY;
		if (zt_money_parse(t->text, strlen(t->text), &v->num, v->cur, &e) != ZT_OK)
			return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "'%s' is not an amount of money%s%s",
			                    t->text, e.msg[0] ? ": " : "", e.msg);
		return ZT_OK;
	case ZT_AT_DATE: {
		zt_date d;
		v->kind = ZT_QV_DATE;
		ZT_TRY(st, zt_q_date(q, t, &d));
		v->span = d.span;
		v->has_span = 1;
		return ZT_OK;
	}
	}
	return ZT_ERR_INTERNAL;
}

static zt_status expr_compile(zt_q *q, zt_qfind *f, const zt_aexpr *ae, zt_qexpr **out)
{
	zt_status st;
	zt_qexpr *e = calloc(1, sizeof *e);
	if (!e)
		return nomem(q);
	e->kind = ae->kind;
	e->op = ae->op;
	e->loc = ae->loc;
	e->l.var = e->r.var = -1;
	if (ae->kind == ZT_AE_CMP) {
		if ((st = val_compile(q, f, ae->l, 0, &e->l)) != ZT_OK ||
		    (st = val_compile(q, f, ae->r, ae->op == ZT_OP_MATCH, &e->r)) != ZT_OK) {
			expr_free(e);
			return st;
		}
		if (ae->op == ZT_OP_MATCH && e->r.kind != ZT_QV_TEXT && e->r.kind != ZT_QV_VAR) {
			expr_free(e);
			return zt_q_fail_at(q, &ae->r->loc, ZT_ERR_TYPE, "'~' needs text on its right, such as \"大模型\"");
		}
		if (e->l.kind == ZT_QV_VAR)
			e->vars |= 1ULL << e->l.var;
		if (e->r.kind == ZT_QV_VAR)
			e->vars |= 1ULL << e->r.var;
	} else {
		if ((st = expr_compile(q, f, ae->a, &e->a)) != ZT_OK ||
		    (ae->b && (st = expr_compile(q, f, ae->b, &e->b)) != ZT_OK)) {
			expr_free(e);
			return st;
		}
		e->vars = e->a->vars | (e->b ? e->b->vars : 0);
	}
	*out = e;
	return ZT_OK;
}

/* ------------------------------------------------------------- ordering */

static uint64_t estimate(zt_q *q, zt_id s, zt_id p, zt_id o)
{
	/* kept by the session: estimates with two positions bound count
	 * index entries, which costs more than a short query's run */
	char key[1 + 3 * sizeof(zt_id)];
	key[0] = 'E';
	memcpy(key + 1, &s, sizeof s);
	memcpy(key + 1 + sizeof s, &p, sizeof p);
	memcpy(key + 1 + 2 * sizeof s, &o, sizeof o);
	size_t n1;
	const uint64_t *hit = zt_qcache_get(q->cache, key, sizeof key, &n1);
	if (hit && n1 == 1)
		return hit[0];
	uint64_t n = 0;
	if (zt_match_estimate(q->txn, s, p, o, &n) != ZT_OK)
		return 0;
	zt_qcache_put(q->cache, key, sizeof key, &n, 1);
	return n;
}

/* Facts of predicate p whose object id lies in [lo, hi], counted up to a
 * cap (kept by the session: the planner asks again for every statement). */
#define RANGE_COUNT_CAP 10000
static uint64_t range_estimate(zt_q *q, zt_id p, zt_id lo, zt_id hi)
{
	char key[1 + 3 * sizeof(zt_id)];
	key[0] = 'R';
	memcpy(key + 1, &p, sizeof p);
	memcpy(key + 1 + sizeof p, &lo, sizeof lo);
	memcpy(key + 1 + 2 * sizeof p, &hi, sizeof hi);
	size_t n1;
	const uint64_t *hit = zt_qcache_get(q->cache, key, sizeof key, &n1);
	if (hit && n1 == 1)
		return hit[0];
	uint64_t n = 0;
	zt_iter *it;
	if (zt_match_range(q->txn, 0, p, lo, hi, ZT_SPAN_ALWAYS, &it) != ZT_OK)
		return estimate(q, 0, p, 0);
	zt_fact f;
	while (n < RANGE_COUNT_CAP && zt_iter_next(it, &f) == ZT_OK)
		n++;
	zt_iter_free(it);
	zt_qcache_put(q->cache, key, sizeof key, &n, 1);
	return n;
}

/* Estimated rows of a pattern given the variables bound before it. */
static double pat_cost(zt_q *q, const zt_qpat *p, uint64_t bound, const char **index)
{
	int sb = p->s.var >= 0 && (bound >> p->s.var & 1);
	int ob = p->o.var >= 0 && (bound >> p->o.var & 1);
	int sc = p->s.var < 0, oc = p->o.var < 0;
	if ((sc && p->s.ids.n == 0) || (oc && p->o.ids.n == 0)) {
		*index = "-";
		return 0;      /* a constant the store does not hold: nothing matches */
	}
	if (!p->simple && p->pvar < 0) {
		*index = "path";
		if (sc || oc)
			return 10.0 * (double)(sc ? p->s.ids.n : p->o.ids.n);
		if (sb || ob)
			return 20.0;
		double e = 0;
		const zt_qpath *first = p->path;
		while (first && first->kind != ZT_QP_LINK)
			first = first->a;
		if (first)
			for (size_t i = 0; i < first->p.n; i++)
				e += (double)estimate(q, 0, first->p.v[i], 0);
		return 10.0 * e + 1000.0;
	}
	/* simple link or variable predicate: sum over the constants (once:
	 * it does not depend on what is bound) */
	if (p->const_est < 0) {
		zt_id none = 0;
		const zt_id *ps = p->pvar >= 0 ? &none : p->path->p.v;
		size_t nps = p->pvar >= 0 ? 1 : p->path->p.n;
		const zt_id *ss = sc ? p->s.ids.v : &none;
		size_t nss = sc ? p->s.ids.n : 1;
		const zt_id *os = oc ? p->o.ids.v : &none;
		size_t nos = oc ? p->o.ids.n : 1;
		double sum = 0;
		for (size_t a = 0; a < nps; a++)
			for (size_t b = 0; b < nss; b++)
				for (size_t c = 0; c < nos; c++)
					if (p->has_drange && !ss[b] && !os[c])
						for (int r = 0; r < p->nidr; r++)
							sum += (double)range_estimate(q, ps[a], p->idr[r][0], p->idr[r][1]);
					else
						sum += (double)estimate(q, ss[b], ps[a], os[c]);
		((zt_qpat *)p)->const_est = sum;
	}
	double e = p->const_est;
	if (p->pvar >= 0)
		*index = zt_match_index(sc || sb, 0, oc || ob);
	else if (p->has_drange && !ob)
		*index = sc || sb ? "SPO range" : "POS range";
	else
		*index = zt_match_index(sc || sb ? 1 : 0, 1, oc || ob ? 1 : 0);
	if (sb && ob)
		return e > 1 ? 1 : e;
	if (sb || ob) {
		e /= BOUND_DIVISOR;
		if (e < 1)
			e = 1;
	}
	return e;
}

typedef struct group_src {
	zt_qpat **pats;
	size_t npats;
	zt_qexpr **filters;
	size_t nfilters;
	const zt_aitem **opts;
	size_t nopts;
} group_src;

static zt_status plan_push(zt_q *q, zt_qplan *pl, zt_qop op)
{
	zt_qop *ops = realloc(pl->ops, (pl->n + 1) * sizeof *ops);
	if (!ops)
		return nomem(q);
	pl->ops = ops;
	pl->ops[pl->n++] = op;
	return ZT_OK;
}

static zt_status plan_group(zt_q *q, zt_qfind *f, const zt_aitem *items, uint64_t bound, zt_qplan *pl,
                            uint64_t *bound_out);

static void group_src_free(group_src *g)
{
	for (size_t i = 0; i < g->npats; i++)
		pat_free(g->pats[i]);
	for (size_t i = 0; i < g->nfilters; i++)
		expr_free(g->filters[i]);
	free(g->pats);
	free(g->filters);
	free(g->opts);
}

static zt_status group_collect(zt_q *q, zt_qfind *f, const zt_aitem *items, group_src *g)
{
	zt_status st;
	for (const zt_aitem *it = items; it; it = it->next) {
		if (it->kind == ZT_AI_TRIPLE) {
			zt_qpat **np = realloc(g->pats, (g->npats + 1) * sizeof *np);
			if (!np)
				return nomem(q);
			g->pats = np;
			ZT_TRY(st, pat_compile(q, f, it, &g->pats[g->npats]));
			g->npats++;
		} else if (it->kind == ZT_AI_FILTER) {
			zt_qexpr **nf = realloc(g->filters, (g->nfilters + 1) * sizeof *nf);
			if (!nf)
				return nomem(q);
			g->filters = nf;
			ZT_TRY(st, expr_compile(q, f, it->expr, &g->filters[g->nfilters]));
			g->nfilters++;
		} else {
			const zt_aitem **no = realloc(g->opts, (g->nopts + 1) * sizeof *no);
			if (!no)
				return nomem(q);
			g->opts = no;
			g->opts[g->nopts++] = it;
		}
	}
	return ZT_OK;
}

static zt_status place_filters(zt_q *q, group_src *g, uint64_t bound, zt_qplan *pl, int all)
{
	zt_status st;
	for (size_t i = 0; i < g->nfilters; i++) {
		zt_qexpr *e = g->filters[i];
		if (!e || (!all && (e->vars & ~bound)))
			continue;
		ZT_TRY(st, plan_push(q, pl, (zt_qop){ .kind = ZT_QOP_FILTER, .expr = e }));
		g->filters[i] = NULL;
	}
	return ZT_OK;
}

/* Narrow [*lo, *hi] (see zt_qpat.dlo) by the comparisons of `var` with a
 * date that must all hold for e to hold (the conjuncts of an AND tree).
 * Dates compare as periods (exec.c): ?d >= C and ?d > C hold only for a
 * period ending on or after C's first day, ?d <= C and ?d < C only for
 * one starting on or before C's last day, ?d = C only for one within or
 * around C.  Returns whether anything narrowed. */
static int narrow_dates(const zt_qexpr *e, int var, int32_t *lo, int32_t *hi)
{
	if (!e)
		return 0;
	if (e->kind == ZT_AE_AND)
		return narrow_dates(e->a, var, lo, hi) | narrow_dates(e->b, var, lo, hi);
	if (e->kind != ZT_AE_CMP)
		return 0;
	const zt_qval *v, *c;
	zt_cmp_op op = e->op;
	if (e->l.kind == ZT_QV_VAR && e->l.var == var) {
		v = &e->l;
		c = &e->r;
	} else if (e->r.kind == ZT_QV_VAR && e->r.var == var) {
		v = &e->r;
		c = &e->l;
		/* C < ?d is ?d > C */
		op = op == ZT_OP_LT ? ZT_OP_GT : op == ZT_OP_GT ? ZT_OP_LT :
		     op == ZT_OP_LE ? ZT_OP_GE : op == ZT_OP_GE ? ZT_OP_LE : op;
	} else {
		return 0;
	}
	(void)v;
	if (c->kind != ZT_QV_DATE || !c->has_span)
		return 0;       /* a bare 2024 may be a number: not narrowed */
	int low = op == ZT_OP_GE || op == ZT_OP_GT || op == ZT_OP_EQ;
	int high = op == ZT_OP_LE || op == ZT_OP_LT || op == ZT_OP_EQ;
	if (low && c->span.from > *lo)
		*lo = c->span.from;
	if (high && c->span.to < *hi)
		*hi = c->span.to;
	return low || high;
}

/* The date ranges of a group's `?x date ?d` patterns (zt_qpat.dlo). */
static void date_ranges(zt_q *q, group_src *g)
{
	if (!q->wk.date)
		return;
	for (size_t i = 0; i < g->npats; i++) {
		zt_qpat *p = g->pats[i];
		if (!p->simple || p->o.var < 0 || p->path->p.n != 1 || p->path->p.v[0] != q->wk.date)
			continue;
		int32_t lo = ZT_DAY_MIN, hi = ZT_DAY_MAX;
		int narrowed = 0;
		/* with the time clause too, a value that is not a date cannot
		 * pass: the date is when the event happened */
		for (size_t j = 0; j < g->nfilters; j++)
			narrowed |= narrow_dates(g->filters[j], p->o.var, &lo, &hi);
		if (!zt_span_is_always(q->range)) {
			/* the time clause speaks of when things happened: an event's
			 * date counts even when its fact is timeless */
			if (q->range.from > lo)
				lo = q->range.from;
			if (q->range.to < hi)
				hi = q->range.to;
		} else if (!narrowed) {
			continue;
		}
		p->has_drange = 1;
		p->dlo = lo;
		p->dhi = hi;
		/* Date ids sort by first day: the dates starting in [lo, hi] are
		 * one range; a date starting before lo and ending after it is
		 * the month, quarter or year holding lo, each a range of one
		 * first day.  Ranges no date can be in are left out. */
		p->nidr = 0;
		zt_id a, b;
		if (lo <= hi && zt_date_id_range((zt_span){ lo, hi }, &a, &b) == ZT_OK) {
			p->idr[p->nidr][0] = a;
			p->idr[p->nidr++][1] = b;
		}
		if (lo != ZT_DAY_MIN && lo <= hi) {
			int y, m, d;
			zt_civil_from_days(lo, &y, &m, &d);
			int32_t starts[3] = { zt_days_from_civil(y, m, 1), zt_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1),
			                      zt_days_from_civil(y, 1, 1) };
			for (int i = 0; i < 3; i++) {
				int dup = starts[i] >= lo;
				for (int j = 0; j < i; j++)
					dup |= starts[j] == starts[i];
				if (!dup && zt_date_id_range((zt_span){ starts[i], starts[i] }, &a, &b) == ZT_OK) {
					p->idr[p->nidr][0] = a;
					p->idr[p->nidr++][1] = b;
				}
			}
		}
	}
}


static zt_status plan_group(zt_q *q, zt_qfind *f, const zt_aitem *items, uint64_t bound, zt_qplan *pl,
                            uint64_t *bound_out)
{
	group_src g = { 0 };
	zt_status st = group_collect(q, f, items, &g);
	if (st != ZT_OK)
		goto out;
	date_ranges(q, &g);
	if ((st = place_filters(q, &g, bound, pl, 0)) != ZT_OK)
		goto out;
	for (size_t placed = 0; placed < g.npats; placed++) {
		size_t best = SIZE_MAX;
		double best_cost = 0;
		int best_conn = 0;
		const char *best_index = "-";
		for (size_t i = 0; i < g.npats; i++) {
			zt_qpat *p = g.pats[i];
			if (!p)
				continue;
			const char *index;
			double c = pat_cost(q, p, bound, &index);
			int conn = (p->vars & bound) != 0 || p->s.var < 0 || p->o.var < 0 || bound == 0;
			if (best == SIZE_MAX || (conn && !best_conn) || (conn == best_conn && c < best_cost)) {
				best = i;
				best_cost = c;
				best_conn = conn;
				best_index = index;
			}
		}
		zt_qpat *p = g.pats[best];
		g.pats[best] = NULL;
		p->est = best_cost;
		p->index = best_index;
		if ((st = plan_push(q, pl, (zt_qop){ .kind = ZT_QOP_PAT, .pat = p })) != ZT_OK) {
			pat_free(p);
			goto out;
		}
		bound |= p->vars;
		if ((st = place_filters(q, &g, bound, pl, 0)) != ZT_OK)
			goto out;
	}
	for (size_t i = 0; i < g.nopts; i++) {
		zt_qplan *sub = calloc(1, sizeof *sub);
		if (!sub) {
			st = nomem(q);
			goto out;
		}
		uint64_t inner = bound;
		if ((st = plan_group(q, f, g.opts[i]->group, bound, sub, &inner)) != ZT_OK ||
		    (st = plan_push(q, pl, (zt_qop){ .kind = ZT_QOP_OPTIONAL, .sub = sub })) != ZT_OK) {
			plan_free(sub);
			free(sub);
			goto out;
		}
		bound = inner;
	}
	/* filters on variables only OPTIONAL binds, or never bound, go last */
	st = place_filters(q, &g, bound, pl, 1);
	if (bound_out)
		*bound_out = bound;
out:
	group_src_free(&g);
	return st;
}

/* ------------------------------------------------------------ statement */

static zt_status add_col(zt_q *q, zt_qfind *f, int var, int count, const char *name)
{
	zt_qcol *c = realloc(f->cols, (f->ncols + 1) * sizeof *c);
	if (!c)
		return nomem(q);
	f->cols = c;
	char *n = strdup(name);
	if (!n)
		return nomem(q);
	f->cols[f->ncols++] = (zt_qcol){ .var = var, .count = count, .name = n };
	return ZT_OK;
}

static uint64_t where_vars_bound(const zt_qplan *pl)
{
	uint64_t m = 0;
	for (size_t i = 0; i < pl->n; i++) {
		if (pl->ops[i].pat)
			m |= pl->ops[i].pat->vars;
		if (pl->ops[i].sub)
			m |= where_vars_bound(pl->ops[i].sub);
	}
	return m;
}

zt_status zt_qfind_compile(zt_q *q, const zt_astmt *st, zt_qfind **out)
{
	zt_status rc;
	*out = NULL;
	zt_qfind *f = calloc(1, sizeof *f);
	if (!f)
		return nomem(q);
	int v;
	/* variables: first the WHERE clause's, in order, so FIND * lists them so */
	if ((rc = collect_vars_items(q, f, st->where)) != ZT_OK)
		goto fail;
	size_t where_nvars = f->nvars;
	for (const zt_aproj *p = st->proj; p; p = p->next) {
		if (p->var && (rc = var_index(q, f, p->var, &v)) != ZT_OK)
			goto fail;
		if (p->as && (rc = var_index(q, f, p->as, &v)) != ZT_OK)
			goto fail;
	}
	if ((rc = zt_q_mods(q, st, 1u << ZT_MOD_TIME | 1u << ZT_MOD_ASOF | 1u << ZT_MOD_GROUP |
	                               1u << ZT_MOD_ORDER | 1u << ZT_MOD_LIMIT | 1u << ZT_MOD_OFFSET,
	                    &f->limit, &f->offset, NULL)) != ZT_OK)
		goto fail;

	uint64_t bound = 0;
	if ((rc = plan_group(q, f, st->where, 0, &f->plan, &bound)) != ZT_OK)
		goto fail;
	uint64_t in_where = where_vars_bound(&f->plan);

	/* columns */
	if (st->star) {
		for (size_t i = 0; i < where_nvars; i++)
			if ((rc = add_col(q, f, (int)i, 0, f->vars[i])) != ZT_OK)
				goto fail;
	}
	for (const zt_aproj *p = st->proj; p; p = p->next) {
		int var = p->var ? var_find(f, p->var->text) : -1;
		if (var >= 0 && !(in_where >> var & 1)) {
			rc = zt_q_fail_at(q, &p->var->loc, ZT_ERR_SYNTAX, "?%s does not appear in a WHERE pattern", p->var->text);
			goto fail;
		}
		const char *name = p->as ? p->as->text : p->count ? "count" : p->var->text;
		if ((rc = add_col(q, f, var, p->count, name)) != ZT_OK)
			goto fail;
		if (p->count)
			f->aggregate = 1;
	}
	if (f->ncols == 0) {
		rc = zt_q_fail_at(q, &st->loc, ZT_ERR_SYNTAX, "FIND needs at least one variable to show");
		goto fail;
	}
	/* grouping: GROUP BY names the plain columns; without it they all group */
	const zt_amod *group = NULL, *order = NULL;
	for (const zt_amod *m = st->mods; m; m = m->next) {
		if (m->kind == ZT_MOD_GROUP)
			group = m;
		if (m->kind == ZT_MOD_ORDER)
			order = m;
	}
	if (group)
		f->aggregate = 1;
	if (f->aggregate) {
		for (size_t i = 0; i < f->ncols; i++) {
			if (f->cols[i].count)
				continue;
			int grouped = !group;
			for (const zt_avar *gv = group ? group->vars : NULL; gv; gv = gv->next)
				grouped |= strcmp(gv->var->text, f->vars[f->cols[i].var]) == 0;
			if (!grouped) {
				rc = zt_q_fail_at(q, &group->loc, ZT_ERR_SYNTAX,
				                  "?%s is shown but neither grouped nor counted; add it to GROUP BY",
				                  f->vars[f->cols[i].var]);
				goto fail;
			}
			f->group[f->ngroup++] = i;
		}
		for (const zt_avar *gv = group ? group->vars : NULL; gv; gv = gv->next) {
			int found = 0;
			for (size_t i = 0; i < f->ncols; i++)
				found |= !f->cols[i].count && strcmp(gv->var->text, f->vars[f->cols[i].var]) == 0;
			if (!found) {
				rc = zt_q_fail_at(q, &gv->var->loc, ZT_ERR_SYNTAX,
				                  "GROUP BY ?%s: show it in FIND too, so each group can be told apart", gv->var->text);
				goto fail;
			}
		}
	}
	/* ordering: by shown columns (a count by its AS name) */
	for (const zt_aorder *o = order ? order->order : NULL; o; o = o->next) {
		size_t col = SIZE_MAX;
		for (size_t i = 0; i < f->ncols && col == SIZE_MAX; i++)
			if (strcmp(f->cols[i].name, o->var->text) == 0)
				col = i;
		if (col == SIZE_MAX) {
			rc = zt_q_fail_at(q, &o->var->loc, ZT_ERR_SYNTAX,
			                  "ORDER BY ?%s: only shown columns can order the result; add ?%s to FIND",
			                  o->var->text, o->var->text);
			goto fail;
		}
		zt_qorder *no = realloc(f->order, (f->norder + 1) * sizeof *no);
		if (!no) {
			rc = nomem(q);
			goto fail;
		}
		f->order = no;
		f->order[f->norder++] = (zt_qorder){ col, o->desc };
	}
	*out = f;
	return ZT_OK;
fail:
	zt_qfind_free(f);
	return rc;
}

/* ----------------------------------------------------------- clauses */

static const char *mod_name(zt_amod_kind k)
{
	switch (k) {
	case ZT_MOD_TIME: return "a time clause (DURING, BETWEEN, BEFORE, AFTER, ON)";
	case ZT_MOD_ASOF: return "AS OF";
	case ZT_MOD_GROUP: return "GROUP BY";
	case ZT_MOD_ORDER: return "ORDER BY";
	case ZT_MOD_LIMIT: return "LIMIT";
	case ZT_MOD_OFFSET: return "OFFSET";
	case ZT_MOD_MAX: return "MAX";
	}
	return "?";
}

static const char *stmt_name(zt_astmt_kind k)
{
	switch (k) {
	case ZT_ST_FIND: return "FIND";
	case ZT_ST_DESCRIBE: return "DESCRIBE";
	case ZT_ST_TIMELINE: return "TIMELINE";
	case ZT_ST_PATH: return "PATH";
	case ZT_ST_SHOW: return "SHOW";
	case ZT_ST_EXPLAIN: return "EXPLAIN";
	}
	return "?";
}

static zt_status count_value(zt_q *q, const zt_aterm *t, unsigned long *out)
{
	char *end;
	unsigned long long v = strtoull(t->text, &end, 10);
	if (*end || v > 1000000000ULL)
		return zt_q_fail_at(q, &t->loc, ZT_ERR_LIMIT, "'%s' is too large (at most 1000000000)", t->text);
	*out = (unsigned long)v;
	return ZT_OK;
}

zt_status zt_q_mods(zt_q *q, const zt_astmt *st, unsigned allowed,
                    unsigned long *limit, unsigned long *offset, unsigned long *max)
{
	zt_status rc;
	unsigned seen = 0;
	if (limit)
		*limit = ULONG_MAX;
	if (offset)
		*offset = 0;
	if (max)
		*max = 0;
	q->range = ZT_SPAN_ALWAYS;
	q->has_asof = 0;
	for (const zt_amod *m = st->mods; m; m = m->next) {
		unsigned bit = 1u << m->kind;
		if (!(allowed & bit))
			return zt_q_fail_at(q, &m->loc, ZT_ERR_SYNTAX, "%s does not apply to %s",
			                    mod_name(m->kind), stmt_name(st->kind));
		if (seen & bit)
			return zt_q_fail_at(q, &m->loc, ZT_ERR_SYNTAX, "%s is given twice", mod_name(m->kind));
		seen |= bit;
		zt_date a, b;
		switch (m->kind) {
		case ZT_MOD_TIME:
			ZT_TRY(rc, zt_q_date(q, m->a, &a));
			switch (m->time) {
			case ZT_TM_DURING:
			case ZT_TM_ON:
				q->range = a.span;
				break;
			case ZT_TM_BETWEEN:
				ZT_TRY(rc, zt_q_date(q, m->b, &b));
				if (b.span.to < a.span.from)
					return zt_q_fail_at(q, &m->loc, ZT_ERR_SYNTAX, "BETWEEN %s AND %s: the range ends before it begins",
					                    m->a->text, m->b->text);
				q->range = (zt_span){ a.span.from, b.span.to };
				break;
			case ZT_TM_BEFORE:
				q->range = (zt_span){ ZT_DAY_MIN, a.span.from - 1 };
				break;
			case ZT_TM_AFTER:
				q->range = (zt_span){ a.span.to + 1, ZT_DAY_MAX };
				break;
			}
			break;
		case ZT_MOD_ASOF:
			ZT_TRY(rc, zt_q_date(q, m->a, &a));
			q->has_asof = 1;
			q->asof = a.span.to;     /* AS OF 2024-05 means by the end of May */
			break;
		case ZT_MOD_LIMIT:
			if (limit)
				ZT_TRY(rc, count_value(q, m->a, limit));
			break;
		case ZT_MOD_OFFSET:
			if (offset)
				ZT_TRY(rc, count_value(q, m->a, offset));
			break;
		case ZT_MOD_MAX:
			if (max)
				ZT_TRY(rc, count_value(q, m->a, max));
			break;
		case ZT_MOD_GROUP:
		case ZT_MOD_ORDER:
			break;
		}
	}
	return ZT_OK;
}
