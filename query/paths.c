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

static zt_status eval_link(zt_q *q, const zt_qpath *p, const zt_idvec *in, int fwd,
                           zt_idvec *out, zt_idset *seen)
{
	zt_status st = ZT_OK;
	for (size_t i = 0; i < in->n && st == ZT_OK; i++) {
		zt_id x = in->v[i];
		for (size_t k = 0; k < p->p.n && st == ZT_OK; k++) {
			zt_iter *it;
			st = zt_match(q->txn, fwd ? x : 0, p->p.v[k], fwd ? 0 : x, q->range, &it);
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
				if ((st = add_node(q, seen, out, fwd ? f.o : f.s)) != ZT_OK)
					break;
			}
			zt_iter_free(it);
			st = zt_q_iter_status(q, st);
		}
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
	zt_status st = ZT_OK;
	for (size_t i = 0; i < in->n && st == ZT_OK; i++)
		st = zt_idvec_push(&cur, in->v[i], &q->mem);
	for (int level = 0; st == ZT_OK; level++) {
		if (level >= p->min) {
			size_t keep = 0;
			for (size_t i = 0; i < cur.n && st == ZT_OK; i++) {
				int added;
				st = zt_idset_add(&done, cur.v[i], &added, &q->mem);
				if (st == ZT_OK && added) {
					cur.v[keep++] = cur.v[i];
					st = add_node(q, seen, out, cur.v[i]);
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
		st = eval_set(q, p->a, &cur, fwd, &next, &nextset);
		zt_idvec t = cur;
		cur = next;
		next = t;
	}
	zt_idset_free(&done);
	zt_idset_free(&nextset);
	zt_idvec_free(&cur);
	zt_idvec_free(&next);
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
