/* paths.c — property paths: p, ^p, p/q, p|q, p*, p+, p?, p{m,n}.
 *
 * A path is evaluated from its bound end over sets of ids, one frontier
 * at a time: a link is one index range per frontier node (SPO going
 * forward, OSP going backward), and repetition is breadth-first with a
 * visited set, so cycles end and p{m,n} counts hops exactly.  Every hop
 * goes through zt_match with the statement's time range and is checked
 * against AS OF, so `part_of+ DURING 2024` follows only links valid in
 * 2024.
 */
#include <stdint.h>
#include <stdlib.h>

#include "engine.h"

/* Repetition bounds beyond this are refused: a path of more hops than
 * this is not a question anybody asks, and the levels cost memory. */
#define MAX_REPEAT 1000

void zt_qpath_free(zt_qpath *p)
{
	if (!p)
		return;
	zt_qpath_free(p->a);
	zt_qpath_free(p->b);
	zt_idvec_free(&p->p);
	free(p);
}

int zt_qpath_is_link(const zt_qpath *p)
{
	return p && p->kind == ZT_QP_LINK;
}

zt_status zt_qpath_compile(zt_q *q, const zt_apath *ap, zt_qpath **out)
{
	*out = NULL;
	zt_qpath *p = calloc(1, sizeof *p);
	if (!p)
		return zt_q_fail(q, ZT_ERR_NOMEM, "out of memory");
	zt_status st = ZT_OK;
	switch (ap->kind) {
	case ZT_AP_LINK:
		p->kind = ZT_QP_LINK;
		st = zt_q_resolve(q, ap->pred, ZT_ROLE_PRED, &p->p);
		break;
	case ZT_AP_VAR:
		st = zt_q_fail_at(q, &ap->loc, ZT_ERR_SYNTAX,
		                  "a variable predicate cannot be part of a path; write ?s ?p ?o alone");
		break;
	case ZT_AP_INV:
		p->kind = ZT_QP_INV;
		st = zt_qpath_compile(q, ap->a, &p->a);
		break;
	case ZT_AP_SEQ:
	case ZT_AP_ALT:
		p->kind = ap->kind == ZT_AP_SEQ ? ZT_QP_SEQ : ZT_QP_ALT;
		st = zt_qpath_compile(q, ap->a, &p->a);
		if (st == ZT_OK)
			st = zt_qpath_compile(q, ap->b, &p->b);
		break;
	case ZT_AP_REPEAT:
		p->kind = ZT_QP_REPEAT;
		p->min = ap->min;
		p->max = ap->max;
		if (p->min > MAX_REPEAT || p->max > MAX_REPEAT)
			st = zt_q_fail_at(q, &ap->loc, ZT_ERR_LIMIT, "a repetition of more than %d hops is not supported", MAX_REPEAT);
		else if (p->max != ZT_REPEAT_INF && p->max < p->min)
			st = zt_q_fail_at(q, &ap->loc, ZT_ERR_SYNTAX, "in {%d,%d} the lower bound is above the upper one", p->min, p->max);
		else
			st = zt_qpath_compile(q, ap->a, &p->a);
		break;
	}
	if (st != ZT_OK) {
		zt_qpath_free(p);
		return st;
	}
	*out = p;
	return ZT_OK;
}

/* Add y to the result when new. */
static zt_status add_node(zt_q *q, zt_idset *seen, zt_idvec *out, zt_id y)
{
	int added;
	zt_status st = zt_idset_add(seen, y, &added, &q->mem);
	if (st == ZT_OK && added)
		st = zt_idvec_push(out, y, &q->mem);
	return st == ZT_ERR_NOMEM ? zt_q_fail(q, st, "out of memory") : st;
}

static zt_status eval_set(zt_q *q, const zt_qpath *p, const zt_idvec *in, int fwd,
                          zt_idvec *out, zt_idset *seen);

/* Frontiers smaller than this are always walked node by node. */
#define SCAN_MIN_FRONTIER 256
/* One index seek costs about as much as stepping over this many facts in
 * one range scan (LMDB descends its B-tree for a seek; a step is a
 * cursor move): a frontier bigger than the predicate's facts divided by
 * this is served by one scan over them all. */
#define SEEK_PER_STEP 8

static zt_status visit(zt_q *q, const zt_fact *f, int fwd, zt_idvec *out, zt_idset *seen)
{
	zt_status st;
	if ((st = zt_q_check(q)) != ZT_OK)
		return st;
	if (!zt_q_visible(q, f->s, f->p, f->o, &st))
		return st;
	return add_node(q, seen, out, fwd ? f->o : f->s);
}

/* One hop from a large frontier: scan every fact of the predicate once
 * and keep those whose near end is in the frontier. */
static zt_status eval_link_scan(zt_q *q, zt_id pred, const zt_idvec *in, const zt_idset *from, int fwd,
                                zt_idvec *out, zt_idset *seen)
{
	(void)in;
	zt_iter *it;
	zt_status st = zt_match(q->txn, 0, pred, 0, q->range, &it);
	if (st != ZT_OK)
		return zt_q_store_error(q, st);
	zt_fact f;
	while ((st = zt_iter_next(it, &f)) == ZT_OK) {
		if (zt_idset_has(from, fwd ? f.s : f.o) && (st = visit(q, &f, fwd, out, seen)) != ZT_OK)
			break;
	}
	zt_iter_free(it);
	return zt_q_iter_status(q, st);
}

static zt_status eval_link(zt_q *q, const zt_qpath *p, const zt_idvec *in, int fwd,
                           zt_idvec *out, zt_idset *seen)
{
	zt_status st = ZT_OK;
	for (size_t k = 0; k < p->p.n && st == ZT_OK; k++) {
		zt_id pred = p->p.v[k];
		uint64_t facts = 0;
		if (in->n >= SCAN_MIN_FRONTIER && zt_match_estimate(q->txn, 0, pred, 0, &facts) == ZT_OK &&
		    (uint64_t)in->n * SEEK_PER_STEP >= facts) {
			zt_idset from = { 0 };
			for (size_t i = 0; i < in->n && st == ZT_OK; i++)
				st = zt_idset_add(&from, in->v[i], NULL, &q->mem);
			if (st == ZT_OK)
				st = eval_link_scan(q, pred, in, &from, fwd, out, seen);
			zt_idset_free(&from);
			if (st == ZT_ERR_NOMEM)
				st = zt_q_fail(q, st, "out of memory");
			continue;
		}
		for (size_t i = 0; i < in->n && st == ZT_OK; i++) {
			zt_id x = in->v[i];
			zt_iter *it;
			st = zt_match(q->txn, fwd ? x : 0, pred, fwd ? 0 : x, q->range, &it);
			if (st != ZT_OK)
				return zt_q_store_error(q, st);
			zt_fact f;
			while ((st = zt_iter_next(it, &f)) == ZT_OK)
				if ((st = visit(q, &f, fwd, out, seen)) != ZT_OK)
					break;
			zt_iter_free(it);
			st = zt_q_iter_status(q, st);
		}
	}
	return st;
}

/* The links of one predicate held in memory, near end -> far ends, for a
 * repetition whose frontiers have grown large: one scan serves all its
 * remaining levels. */
typedef struct adjacency {
	zt_idmap head;          /* near end -> index + 1 of its last link */
	zt_idvec far, next;     /* per link: the far end, the index + 1 of the near end's previous link */
} adjacency;

static void adj_free(adjacency *a)
{
	zt_idmap_free(&a->head);
	zt_idvec_free(&a->far);
	zt_idvec_free(&a->next);
}

static zt_status adj_build(zt_q *q, const zt_qpath *link, int fwd, adjacency *a)
{
	zt_status st = ZT_OK;
	for (size_t k = 0; k < link->p.n && st == ZT_OK; k++) {
		zt_iter *it;
		if ((st = zt_match(q->txn, 0, link->p.v[k], 0, q->range, &it)) != ZT_OK)
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
			uint64_t *slot;
			if ((st = zt_idmap_get(&a->head, fwd ? f.s : f.o, 0, &slot, NULL, &q->mem)) != ZT_OK)
				break;
			uint64_t prev = *slot;
			*slot = a->far.n + 1;
			if ((st = zt_idvec_push(&a->far, fwd ? f.o : f.s, &q->mem)) != ZT_OK ||
			    (st = zt_idvec_push(&a->next, prev, &q->mem)) != ZT_OK)
				break;
		}
		zt_iter_free(it);
		st = zt_q_iter_status(q, st);
	}
	return st == ZT_ERR_NOMEM ? zt_q_fail(q, st, "out of memory") : st;
}

static zt_status adj_step(zt_q *q, const adjacency *a, const zt_idvec *in, zt_idvec *out, zt_idset *seen)
{
	zt_status st = ZT_OK;
	for (size_t i = 0; i < in->n && st == ZT_OK; i++) {
		const uint64_t *slot = zt_idmap_find(&a->head, in->v[i]);
		for (uint64_t j = slot ? *slot : 0; j && st == ZT_OK; j = a->next.v[j - 1])
			st = add_node(q, seen, out, a->far.v[j - 1]);
		if (st == ZT_OK)
			st = zt_q_check(q);
	}
	return st;
}

static zt_status eval_repeat(zt_q *q, const zt_qpath *p, const zt_idvec *in, int fwd,
                             zt_idvec *out, zt_idset *seen)
{
	/* done: nodes already reported at a level >= min; their expansion
	 * has been (or is being) done, so they are not walked again. */
	zt_idset done = { 0 };
	zt_idvec cur = { 0 }, next = { 0 };
	zt_idset nextset = { 0 };
	adjacency adj = { 0 };
	int have_adj = 0;
	/* When the caller's set is empty, what this repetition reports is
	 * exactly what it has done: one set serves both (a closure of 100k
	 * nodes keeps one set of them, not two). */
	zt_idset *dset = seen->n == 0 ? seen : &done;
	zt_status st = ZT_OK;
	for (size_t i = 0; i < in->n && st == ZT_OK; i++)
		st = zt_idvec_push(&cur, in->v[i], &q->mem);
	for (int level = 0; st == ZT_OK; level++) {
		if (level >= p->min) {
			size_t keep = 0;
			for (size_t i = 0; i < cur.n && st == ZT_OK; i++) {
				int added;
				st = zt_idset_add(dset, cur.v[i], &added, &q->mem);
				if (st == ZT_OK && added) {
					cur.v[keep++] = cur.v[i];
					st = dset == seen ? zt_idvec_push(out, cur.v[i], &q->mem) : add_node(q, seen, out, cur.v[i]);
				}
			}
			cur.n = keep;
		}
		if (st != ZT_OK || cur.n == 0 || (p->max != ZT_REPEAT_INF && level >= p->max))
			break;
		if ((st = zt_q_check(q)) != ZT_OK)
			break;
		next.n = 0;
		zt_idset_clear(&nextset);
		if (!have_adj && p->a->kind == ZT_QP_LINK && cur.n >= SCAN_MIN_FRONTIER) {
			/* worth holding the links in memory once the frontier is as
			 * large as a scan's break-even: later levels are larger still */
			uint64_t facts = 0, all = 0;
			for (size_t k = 0; k < p->a->p.n; k++)
				if (zt_match_estimate(q->txn, 0, p->a->p.v[k], 0, &facts) == ZT_OK)
					all += facts;
			if ((uint64_t)cur.n * SEEK_PER_STEP >= all) {
				if ((st = adj_build(q, p->a, fwd, &adj)) != ZT_OK)
					break;
				have_adj = 1;
			}
		}
		if (have_adj)
			st = adj_step(q, &adj, &cur, &next, &nextset);
		else
			st = eval_set(q, p->a, &cur, fwd, &next, &nextset);
		zt_idvec t = cur;
		cur = next;
		next = t;
	}
	zt_idset_free(&done);
	zt_idset_free(&nextset);
	zt_idvec_free(&cur);
	zt_idvec_free(&next);
	adj_free(&adj);
	return st == ZT_ERR_NOMEM ? zt_q_fail(q, st, "out of memory") : st;
}

static zt_status eval_set(zt_q *q, const zt_qpath *p, const zt_idvec *in, int fwd,
                          zt_idvec *out, zt_idset *seen)
{
	zt_status st = ZT_OK;
	switch (p->kind) {
	case ZT_QP_LINK:
		return eval_link(q, p, in, fwd, out, seen);
	case ZT_QP_INV:
		return eval_set(q, p->a, in, !fwd, out, seen);
	case ZT_QP_ALT:
		st = eval_set(q, p->a, in, fwd, out, seen);
		if (st == ZT_OK)
			st = eval_set(q, p->b, in, fwd, out, seen);
		return st;
	case ZT_QP_SEQ: {
		zt_idvec mid = { 0 };
		zt_idset midseen = { 0 };
		st = eval_set(q, fwd ? p->a : p->b, in, fwd, &mid, &midseen);
		if (st == ZT_OK)
			st = eval_set(q, fwd ? p->b : p->a, &mid, fwd, out, seen);
		zt_idvec_free(&mid);
		zt_idset_free(&midseen);
		return st;
	}
	case ZT_QP_REPEAT:
		return eval_repeat(q, p, in, fwd, out, seen);
	}
	return ZT_ERR_INTERNAL;
}

zt_status zt_qpath_eval(zt_q *q, const zt_qpath *p, zt_id from, int forward, zt_idvec *out)
{
	zt_idvec in = { &from, 1, 1 };
	zt_idset seen = { 0 };
	zt_status st = eval_set(q, p, &in, forward, out, &seen);
	zt_idset_free(&seen);
	return st;
}

static zt_status starts(zt_q *q, const zt_qpath *p, int fwd, zt_idvec *out, zt_idset *seen)
{
	zt_status st = ZT_OK;
	switch (p->kind) {
	case ZT_QP_LINK:
		for (size_t k = 0; k < p->p.n && st == ZT_OK; k++) {
			zt_iter *it;
			st = zt_match(q->txn, 0, p->p.v[k], 0, q->range, &it);
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
				if ((st = add_node(q, seen, out, fwd ? f.s : f.o)) != ZT_OK)
					break;
			}
			zt_iter_free(it);
			st = zt_q_iter_status(q, st);
		}
		return st;
	case ZT_QP_INV:
		return starts(q, p->a, !fwd, out, seen);
	case ZT_QP_SEQ:
		return starts(q, fwd ? p->a : p->b, fwd, out, seen);
	case ZT_QP_ALT:
		st = starts(q, p->a, fwd, out, seen);
		if (st == ZT_OK)
			st = starts(q, p->b, fwd, out, seen);
		return st;
	case ZT_QP_REPEAT:
		st = starts(q, p->a, fwd, out, seen);
		/* zero hops: every node the path touches reaches itself */
		if (st == ZT_OK && p->min == 0)
			st = starts(q, p->a, !fwd, out, seen);
		return st;
	}
	return ZT_ERR_INTERNAL;
}

zt_status zt_qpath_starts(zt_q *q, const zt_qpath *p, int forward, zt_idvec *out)
{
	zt_idset seen = { 0 };
	zt_status st = starts(q, p, forward, out, &seen);
	zt_idset_free(&seen);
	return st;
}

/* ------------------------------------------------------------ witnesses */

static zt_status witness(zt_q *q, const zt_qpath *p, zt_id x, zt_id y, int fwd, zt_idvec *out, int *found);

/* Whether fact (s,p,o) holds for the statement: in its time range and
 * visible AS OF its day. */
static int fact_holds(zt_q *q, zt_id s, zt_id p, zt_id o, zt_status *st)
{
	zt_fact f;
	*st = zt_fact_get(q->txn, s, p, o, &f);
	if (*st == ZT_NOTFOUND) {
		*st = ZT_OK;
		return 0;
	}
	if (*st != ZT_OK) {
		*st = zt_q_store_error(q, *st);
		return 0;
	}
	if (!zt_span_overlaps(f.time, q->range))
		return 0;
	return zt_q_visible(q, s, p, o, st);
}

static zt_status push3(zt_q *q, zt_idvec *out, zt_id s, zt_id p, zt_id o)
{
	zt_status st = zt_idvec_push(out, s, &q->mem);
	if (st == ZT_OK)
		st = zt_idvec_push(out, p, &q->mem);
	if (st == ZT_OK)
		st = zt_idvec_push(out, o, &q->mem);
	return st == ZT_OK ? st : zt_q_fail(q, st, "out of memory");
}

/* p{min,max}: breadth-first from x with each node's parent, level by
 * level as eval_repeat walks, until y is reached at a level >= min; then
 * a witness of one step for each link of the chain. */
static zt_status witness_repeat(zt_q *q, const zt_qpath *p, zt_id x, zt_id y, int fwd, zt_idvec *out,
                                int *found)
{
	/* Every level's nodes one after another: node[i], the index of its
	 * parent (SIZE_MAX for x) and whether it is walked on (a node reached
	 * before at a counted level is not, as in eval_repeat). */
	zt_idvec node = { 0 }, parent = { 0 }, walk = { 0 }, step = { 0 };
	zt_idset done = { 0 }, seen = { 0 };
	zt_status st = zt_idvec_push(&node, x, &q->mem);
	if (st == ZT_OK)
		st = zt_idvec_push(&parent, SIZE_MAX, &q->mem);
	if (st == ZT_OK)
		st = zt_idvec_push(&walk, 1, &q->mem);
	size_t from = 0, to = 1, hit = SIZE_MAX;
	for (int level = 0; st == ZT_OK && from < to; level++) {
		if (level >= p->min) {
			for (size_t i = from; i < to && st == ZT_OK; i++) {
				if (node.v[i] == y && hit == SIZE_MAX)
					hit = i;
				int added;
				st = zt_idset_add(&done, node.v[i], &added, &q->mem);
				walk.v[i] = added;
			}
		}
		if (st != ZT_OK || hit != SIZE_MAX || (p->max != ZT_REPEAT_INF && level >= p->max))
			break;
		if ((st = zt_q_check(q)) != ZT_OK)
			break;
		zt_idset_clear(&seen);
		for (size_t i = from; i < to && st == ZT_OK; i++) {
			if (!walk.v[i])
				continue;
			zt_idvec one = { &node.v[i], 1, 1 };
			zt_idset stepseen = { 0 };
			step.n = 0;
			st = eval_set(q, p->a, &one, fwd, &step, &stepseen);
			zt_idset_free(&stepseen);
			for (size_t j = 0; j < step.n && st == ZT_OK; j++) {
				int added;
				st = zt_idset_add(&seen, step.v[j], &added, &q->mem);
				if (st == ZT_OK && added) {
					st = zt_idvec_push(&node, step.v[j], &q->mem);
					if (st == ZT_OK)
						st = zt_idvec_push(&parent, i, &q->mem);
					if (st == ZT_OK)
						st = zt_idvec_push(&walk, 1, &q->mem);
				}
			}
		}
		from = to;
		to = node.n;
	}
	if (st == ZT_OK && hit != SIZE_MAX) {
		/* the chain from y back to x, then a witness for each step forward */
		zt_idvec chain = { 0 };
		for (size_t i = hit; i != SIZE_MAX && st == ZT_OK; i = parent.v[i])
			st = zt_idvec_push(&chain, i, &q->mem);
		*found = st == ZT_OK;
		for (size_t k = chain.n; k-- > 1 && st == ZT_OK && *found;) {
			int one = 0;
			st = witness(q, p->a, node.v[chain.v[k]], node.v[chain.v[k - 1]], fwd, out, &one);
			*found = one;
		}
		zt_idvec_free(&chain);
	}
	zt_idvec_free(&node);
	zt_idvec_free(&parent);
	zt_idvec_free(&walk);
	zt_idvec_free(&step);
	zt_idset_free(&done);
	zt_idset_free(&seen);
	return st == ZT_ERR_NOMEM ? zt_q_fail(q, st, "out of memory") : st;
}

static zt_status witness(zt_q *q, const zt_qpath *p, zt_id x, zt_id y, int fwd, zt_idvec *out, int *found)
{
	zt_status st = ZT_OK;
	*found = 0;
	switch (p->kind) {
	case ZT_QP_LINK:
		for (size_t k = 0; k < p->p.n && st == ZT_OK; k++) {
			zt_id s = fwd ? x : y, o = fwd ? y : x;
			if (fact_holds(q, s, p->p.v[k], o, &st)) {
				*found = 1;
				return push3(q, out, s, p->p.v[k], o);
			}
		}
		return st;
	case ZT_QP_INV:
		return witness(q, p->a, x, y, !fwd, out, found);
	case ZT_QP_ALT:
		st = witness(q, p->a, x, y, fwd, out, found);
		if (st == ZT_OK && !*found)
			st = witness(q, p->b, x, y, fwd, out, found);
		return st;
	case ZT_QP_SEQ: {
		/* a middle node reached from x by the first part and reaching y
		 * by the second */
		const zt_qpath *first = fwd ? p->a : p->b, *second = fwd ? p->b : p->a;
		zt_idvec in = { &x, 1, 1 }, back_in = { &y, 1, 1 };
		zt_idvec mid = { 0 }, back = { 0 };
		zt_idset midseen = { 0 }, backseen = { 0 };
		st = eval_set(q, first, &in, fwd, &mid, &midseen);
		if (st == ZT_OK)
			st = eval_set(q, second, &back_in, !fwd, &back, &backseen);
		size_t before = out->n;
		for (size_t i = 0; i < mid.n && st == ZT_OK && !*found; i++) {
			if (!zt_idset_has(&backseen, mid.v[i]))
				continue;
			int a = 0, b = 0;
			st = witness(q, first, x, mid.v[i], fwd, out, &a);
			if (st == ZT_OK && a)
				st = witness(q, second, mid.v[i], y, fwd, out, &b);
			if (st == ZT_OK && a && b)
				*found = 1;
			else
				out->n = before;
		}
		zt_idvec_free(&mid);
		zt_idvec_free(&back);
		zt_idset_free(&midseen);
		zt_idset_free(&backseen);
		return st;
	}
	case ZT_QP_REPEAT:
		if (p->min == 0 && x == y) {
			*found = 1;      /* zero hops: nothing to cite */
			return ZT_OK;
		}
		return witness_repeat(q, p, x, y, fwd, out, found);
	}
	return ZT_ERR_INTERNAL;
}

zt_status zt_qpath_witness(zt_q *q, const zt_qpath *p, zt_id from, zt_id to, zt_idvec *out)
{
	size_t before = out->n;
	int found = 0;
	zt_status st = witness(q, p, from, to, 1, out, &found);
	if (st == ZT_OK && !found)
		out->n = before;
	return st;
}
