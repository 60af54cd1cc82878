/* commands.c — DESCRIBE, TIMELINE, PATH and SHOW.
 *
 * DESCRIBE lists every fact about a node, both directions, with its valid
 * time and sources.  TIMELINE lists the events a node takes part in, in
 * date order.  PATH finds the shortest connecting paths over any
 * predicate in either direction (breadth-first, levels recorded, all
 * shortest paths enumerated up to a limit) and prints them hop by hop.
 * SHOW lists the vocabulary and the store.  DESCRIBE, TIMELINE and PATH
 * can also be drawn as Graphviz DOT.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/literal.h"
#include "engine.h"
#include "format.h"

static zt_status nomem(zt_q *q)
{
	return zt_q_fail(q, ZT_ERR_NOMEM, "out of memory");
}

/* The node(s) a command is about. */
static zt_status subject_nodes(zt_q *q, const zt_aterm *t, const char *cmd, zt_idvec *out)
{
	if (t->kind == ZT_AT_VAR)
		return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "%s needs a name, not a variable", cmd);
	if (t->kind != ZT_AT_NAME && t->kind != ZT_AT_QUOTED && t->kind != ZT_AT_KEYWORD)
		return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "%s needs the name of a node", cmd);
	return zt_q_resolve(q, t, ZT_ROLE_NODE, out);
}

static zt_status write_fail(zt_q *q, zt_status st)
{
	if (q->err && q->err->msg[0])
		return st;
	return zt_q_fail(q, st, "writing the result failed: %s", zt_strerror(st));
}

/* A node's id in DOT: its IRI (stable across databases), "_:label" for a
 * blank node, "lit:text" for a literal. */
#define DOT_ID 1024
static void dot_id(zt_q *q, zt_id id, char *buf)
{
	zt_term t;
	if (zt_term_of(q->txn, id, &t) != ZT_OK) {
		snprintf(buf, DOT_ID, "id:%llu", (unsigned long long)id);
		return;
	}
	const char *pre = t.kind == ZT_IRI ? "" : t.kind == ZT_BLANK ? "_:" : "lit:";
	snprintf(buf, DOT_ID, "%s%.*s", pre, (int)(t.len < DOT_ID ? t.len : DOT_ID), t.str);
}

/* The display of a node's type, for DOT node kinds and TIMELINE. */
static const char *type_of(zt_q *q, zt_id id)
{
	if (!q->wk.type)
		return NULL;
	zt_iter *it;
	if (zt_match(q->txn, id, q->wk.type, 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
		return NULL;
	zt_fact f;
	zt_id t = 0;
	if (zt_iter_next(it, &f) == ZT_OK)
		t = f.o;
	zt_iter_free(it);
	return t ? zt_q_display(q, t) : NULL;
}

/* ------------------------------------------------------------- DESCRIBE */

typedef struct drow {
	zt_id s, p, o;
	zt_span time;
	int in;
	int rank;
	const char *pname, *value;
} drow;

static int drow_cmp(const void *a, const void *b)
{
	const drow *x = a, *y = b;
	if (x->in != y->in)
		return x->in - y->in;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	int c = strcmp(x->pname, y->pname);
	if (c)
		return c;
	c = strcmp(x->value, y->value);
	if (c)
		return c;
	return x->time.from < y->time.from ? -1 : x->time.from > y->time.from;
}

static zt_status collect_facts(zt_q *q, zt_id node, int in, drow **rows, size_t *n, size_t *cap)
{
	zt_iter *it;
	zt_status st = zt_match(q->txn, in ? 0 : node, 0, in ? node : 0, q->range, &it);
	if (st != ZT_OK)
		return zt_q_store_error(q, st);
	zt_fact f;
	while ((st = zt_iter_next(it, &f)) == ZT_OK) {
		if ((st = zt_q_check(q)) != ZT_OK)
			break;
		if (in && f.s == node)
			continue;     /* a loop is listed once, as outgoing */
		if (!zt_q_visible(q, f.s, f.p, f.o, &st)) {
			if (st != ZT_OK)
				break;
			continue;
		}
		if (*n >= q->max_rows) {
			st = zt_q_fail(q, ZT_ERR_LIMIT, "the node has more than %lu facts; narrow DESCRIBE with a time range",
			               q->max_rows);
			break;
		}
		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 64;
			drow *r = realloc(*rows, nc * sizeof *r);
			if (!r) {
				st = nomem(q);
				break;
			}
			q->mem += (nc - *cap) * sizeof *r;
			*rows = r;
			*cap = nc;
		}
		drow *d = &(*rows)[(*n)++];
		d->s = f.s;
		d->p = f.p;
		d->o = f.o;
		d->time = f.time;
		d->in = in;
		d->rank = f.p == q->wk.type ? 0 : f.p == q->wk.label ? 1 : f.p == q->wk.alt ? 2 : 3;
		d->pname = zt_q_display(q, f.p);
		d->value = zt_q_display(q, in ? f.s : f.o);
		if (!d->pname || !d->value) {
			st = nomem(q);
			break;
		}
	}
	zt_iter_free(it);
	return zt_q_iter_status(q, st);
}

static zt_status describe_dot(zt_q *q, const zt_idvec *nodes, drow *rows, size_t n)
{
	zt_dot *d;
	zt_status st = zt_dot_new(q->out, "describe", &d);
	if (st != ZT_OK)
		return write_fail(q, st);
	char a[DOT_ID], b[DOT_ID];
	for (size_t i = 0; i < nodes->n && st == ZT_OK; i++) {
		dot_id(q, nodes->v[i], a);
		st = zt_dot_node(d, a, zt_q_display(q, nodes->v[i]), type_of(q, nodes->v[i]));
	}
	for (size_t i = 0; i < n && st == ZT_OK; i++) {
		drow *r = &rows[i];
		/* names and types are shown on the node itself */
		if (r->p == q->wk.label || r->p == q->wk.alt || r->p == q->wk.type)
			continue;
		zt_id other = r->in ? r->s : r->o;
		dot_id(q, other, b);
		int lit = zt_id_kind(other) != ZT_IRI && zt_id_kind(other) != ZT_BLANK;
		st = zt_dot_node(d, b, r->value, lit ? "value" : type_of(q, other));
		if (st == ZT_OK) {
			dot_id(q, r->s, a);
			dot_id(q, r->o, b);
			st = zt_dot_edge(d, a, b, r->pname);
		}
	}
	if (st != ZT_OK) {
		zt_dot_free(d);
		return write_fail(q, st);
	}
	st = zt_dot_end(d);
	return st == ZT_OK ? ZT_OK : write_fail(q, st);
}

zt_status zt_q_describe(zt_q *q, const zt_astmt *stmt)
{
	zt_status st;
	unsigned long limit, offset;
	ZT_TRY(st, zt_q_mods(q, stmt, 1u << ZT_MOD_TIME | 1u << ZT_MOD_ASOF | 1u << ZT_MOD_LIMIT | 1u << ZT_MOD_OFFSET,
	                     &limit, &offset, NULL));
	zt_idvec nodes = { 0 };
	drow *rows = NULL;
	size_t n = 0, cap = 0;
	zt_writer *w = NULL;
	if ((st = subject_nodes(q, stmt->a, "DESCRIBE", &nodes)) != ZT_OK)
		goto out;
	size_t *starts = calloc(nodes.n + 1, sizeof *starts);
	if (!starts) {
		st = nomem(q);
		goto out;
	}
	for (size_t i = 0; i < nodes.n && st == ZT_OK; i++) {
		starts[i] = n;
		st = collect_facts(q, nodes.v[i], 0, &rows, &n, &cap);
		if (st == ZT_OK)
			st = collect_facts(q, nodes.v[i], 1, &rows, &n, &cap);
		qsort(rows + starts[i], n - starts[i], sizeof *rows, drow_cmp);
	}
	starts[nodes.n] = n;
	if (st != ZT_OK) {
		free(starts);
		goto out;
	}
	if (q->fmt == ZT_FMT_DOT) {
		free(starts);
		st = describe_dot(q, &nodes, rows, n);
		goto out;
	}
	int multi = nodes.n > 1;
	static const char *const names[] = { "node", "predicate", "value", "valid", "source" };
	if ((st = zt_q_writer(q, multi ? 5 : 4, multi ? names : names + 1, &w)) != ZT_OK) {
		free(starts);
		goto out;
	}
	size_t shown = 0, skipped = 0;
	for (size_t k = 0; k < nodes.n && st == ZT_OK; k++) {
		const char *nodename = zt_q_display(q, nodes.v[k]);
		for (size_t i = starts[k]; i < starts[k + 1] && st == ZT_OK && shown < limit; i++) {
			if (skipped < offset) {
				skipped++;
				continue;
			}
			drow *r = &rows[i];
			char pred[600], valid[64];
			snprintf(pred, sizeof pred, "%s%s", r->in ? "^" : "", r->pname);
			zt_q_span_text(r->time, valid, sizeof valid);
			zt_sbuf src = { 0 };
			zt_cites cites = { 0 };
			st = zt_q_cite_add(q, r->s, r->p, r->o, &cites);
			if (st == ZT_OK)
				st = zt_q_cite_text(q, &cites, &src);
			zt_cites_free(&cites);
			const char *cells[5] = { nodename, pred, r->value, valid, zt_sbuf_str(&src) };
			if (st == ZT_OK && (st = zt_writer_row(w, multi ? cells : cells + 1)) != ZT_OK)
				st = write_fail(q, st);
			zt_sbuf_free(&src);
			shown++;
		}
	}
	free(starts);
	if (st == ZT_OK) {
		st = zt_writer_end(w);
		w = NULL;
		if (st != ZT_OK)
			st = write_fail(q, st);
	}
out:
	zt_writer_free(w);
	free(rows);
	zt_idvec_free(&nodes);
	return st;
}

/* ------------------------------------------------------------- TIMELINE */

typedef struct trow {
	zt_id event;
	zt_span when;
	char *roles;
	zt_id s, p, o;        /* the fact that links the event to the node (cited) */
	const char *title;
} trow;

static int trow_cmp(const void *a, const void *b)
{
	const trow *x = a, *y = b;
	if (x->when.from != y->when.from)
		return x->when.from < y->when.from ? -1 : 1;
	if (x->when.to != y->when.to)
		return x->when.to < y->when.to ? -1 : 1;
	int c = strcmp(x->title, y->title);
	if (c)
		return c;
	return x->event < y->event ? -1 : x->event > y->event;
}

/* The event's own date, as a period; 0 when it has none. */
static int event_date(zt_q *q, zt_id e, zt_span *out)
{
	if (!q->wk.date)
		return 0;
	zt_iter *it;
	if (zt_match(q->txn, e, q->wk.date, 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
		return 0;
	zt_fact f;
	int found = 0;
	while (!found && zt_iter_next(it, &f) == ZT_OK) {
		zt_term t;
		zt_date d;
		if (zt_term_of(q->txn, f.o, &t) == ZT_OK && t.kind == ZT_DATE &&
		    zt_date_parse(t.str, t.len, &d, NULL) == ZT_OK) {
			*out = d.span;
			found = 1;
		}
	}
	zt_iter_free(it);
	return found;
}

static int timeline_skip_pred(zt_q *q, zt_id p)
{
	return p == q->wk.type || p == q->wk.label || p == q->wk.alt || p == q->wk.subclass ||
	       p == q->wk.source || p == q->wk.url || p == q->wk.title;
}

zt_status zt_q_timeline(zt_q *q, const zt_astmt *stmt)
{
	zt_status st;
	unsigned long limit, offset;
	ZT_TRY(st, zt_q_mods(q, stmt, 1u << ZT_MOD_TIME | 1u << ZT_MOD_ASOF | 1u << ZT_MOD_LIMIT | 1u << ZT_MOD_OFFSET,
	                     &limit, &offset, NULL));
	zt_idvec nodes = { 0 };
	trow *rows = NULL;
	size_t n = 0, cap = 0;
	zt_idmap where = { 0 };   /* event -> row + 1 */
	zt_writer *w = NULL;
	zt_dot *d = NULL;
	if ((st = subject_nodes(q, stmt->a, "TIMELINE", &nodes)) != ZT_OK)
		goto out;
	for (size_t k = 0; k < nodes.n && st == ZT_OK; k++) {
		zt_iter *it;
		if ((st = zt_match(q->txn, 0, 0, nodes.v[k], q->range, &it)) != ZT_OK) {
			st = zt_q_store_error(q, st);
			break;
		}
		zt_fact f;
		while ((st = zt_iter_next(it, &f)) == ZT_OK) {
			if ((st = zt_q_check(q)) != ZT_OK)
				break;
			if (timeline_skip_pred(q, f.p))
				continue;
			if (!zt_q_visible(q, f.s, f.p, f.o, &st)) {
				if (st != ZT_OK)
					break;
				continue;
			}
			zt_span when;
			if (!event_date(q, f.s, &when)) {
				if (zt_span_is_always(f.time))
					continue;      /* not an event: nothing to place on a timeline */
				when = f.time;
			}
			if (!zt_span_overlaps(when, q->range))
				continue;
			const char *role = zt_q_display(q, f.p);
			uint64_t *slot;
			int added;
			if (!role || zt_idmap_get(&where, f.s, 0, &slot, &added, &q->mem) != ZT_OK) {
				st = nomem(q);
				break;
			}
			if (!added) {
				trow *r = &rows[*slot - 1];
				if (!strstr(r->roles, role)) {
					size_t len = strlen(r->roles) + strlen(role) + 3;
					char *nr = malloc(len);
					if (!nr) {
						st = nomem(q);
						break;
					}
					snprintf(nr, len, "%s, %s", r->roles, role);
					free(r->roles);
					r->roles = nr;
				}
				continue;
			}
			if (n >= q->max_rows) {
				st = zt_q_fail(q, ZT_ERR_LIMIT, "more than %lu events; narrow TIMELINE with DURING", q->max_rows);
				break;
			}
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 32;
				trow *r = realloc(rows, nc * sizeof *r);
				if (!r) {
					st = nomem(q);
					break;
				}
				rows = r;
				cap = nc;
			}
			*slot = n + 1;
			trow *r = &rows[n++];
			r->event = f.s;
			r->when = when;
			r->roles = strdup(role);
			r->s = f.s;
			r->p = f.p;
			r->o = f.o;
			r->title = zt_q_display(q, f.s);
			if (!r->roles || !r->title) {
				st = nomem(q);
				break;
			}
		}
		zt_iter_free(it);
		st = zt_q_iter_status(q, st);
	}
	if (st != ZT_OK)
		goto out;
	if (n)          /* qsort(NULL, 0, ...) is undefined */
		qsort(rows, n, sizeof *rows, trow_cmp);
	size_t from = offset < n ? offset : n;
	size_t to = limit < n - from ? from + limit : n;
	if (q->fmt == ZT_FMT_DOT) {
		char a[DOT_ID], b[DOT_ID], prev[DOT_ID] = "";
		if ((st = zt_dot_new(q->out, "timeline", &d)) != ZT_OK) {
			st = write_fail(q, st);
			goto out;
		}
		for (size_t k = 0; k < nodes.n && st == ZT_OK; k++) {
			dot_id(q, nodes.v[k], a);
			st = zt_dot_node(d, a, zt_q_display(q, nodes.v[k]), type_of(q, nodes.v[k]));
		}
		for (size_t i = from; i < to && st == ZT_OK; i++) {
			char day[16], label[600];
			zt_day_format(rows[i].when.from, day);
			snprintf(label, sizeof label, "%s %s", day, rows[i].title);
			dot_id(q, rows[i].event, b);
			st = zt_dot_node(d, b, label, type_of(q, rows[i].event));
			if (st == ZT_OK) {
				dot_id(q, rows[i].o, a);
				st = zt_dot_edge(d, b, a, rows[i].roles);
			}
			if (st == ZT_OK && prev[0])
				st = zt_dot_edge(d, prev, b, "then");
			memcpy(prev, b, sizeof prev);
		}
		if (st == ZT_OK) {
			st = zt_dot_end(d);
			d = NULL;
		}
		if (st != ZT_OK)
			st = write_fail(q, st);
		goto out;
	}
	static const char *const names[] = { "event", "date", "type", "role", "source" };
	if ((st = zt_q_writer(q, 5, names, &w)) != ZT_OK)
		goto out;
	for (size_t i = from; i < to && st == ZT_OK; i++) {
		trow *r = &rows[i];
		char date[48];
		/* a day prints as one day; a month or year known only to that
		 * precision prints as its range of days */
		zt_q_span_text(r->when, date, sizeof date);
		zt_sbuf src = { 0 };
		zt_cites cites = { 0 };
		st = zt_q_cite_add(q, r->s, r->p, r->o, &cites);
		if (st == ZT_OK)
			st = zt_q_cite_text(q, &cites, &src);
		zt_cites_free(&cites);
		const char *type = type_of(q, r->event);
		const char *cells[5] = { r->title, date, type ? type : "", r->roles, zt_sbuf_str(&src) };
		if (st == ZT_OK && (st = zt_writer_row(w, cells)) != ZT_OK)
			st = write_fail(q, st);
		zt_sbuf_free(&src);
	}
	if (st == ZT_OK) {
		st = zt_writer_end(w);
		w = NULL;
		if (st != ZT_OK)
			st = write_fail(q, st);
	}
out:
	zt_dot_free(d);
	zt_writer_free(w);
	for (size_t i = 0; i < n; i++)
		free(rows[i].roles);
	free(rows);
	zt_idmap_free(&where);
	zt_idvec_free(&nodes);
	return st;
}

/* ----------------------------------------------------------------- PATH */

#define PATH_DEFAULT_MAX 4
#define PATH_MAX_HOPS 12
#define PATH_DEFAULT_PATHS 10
#define PATH_MAX_NODES 2000000

typedef struct pedge {
	zt_id parent, p;
	int fwd;                 /* the fact is parent -p-> child */
	zt_span time;
	size_t next;             /* next edge into the same child, + 1 */
} pedge;

typedef struct pathbfs {
	zt_idmap level;          /* node -> level + 1 */
	zt_idmap head;           /* node -> first parent edge + 1 */
	pedge *edges;
	size_t nedges, capedges;
} pathbfs;

/* Predicates that do not connect things: names, types, bookkeeping. */
static int path_skip_pred(zt_q *q, zt_id p)
{
	return p == q->wk.type || p == q->wk.label || p == q->wk.alt || p == q->wk.subclass ||
	       p == q->wk.source || p == q->wk.url || p == q->wk.title || p == q->wk.date ||
	       p == q->wk.published || p == q->wk.content_hash;
}

static zt_status add_parent(zt_q *q, pathbfs *b, zt_id child, pedge e)
{
	if (b->nedges == b->capedges) {
		size_t nc = b->capedges ? b->capedges * 2 : 256;
		pedge *ne = realloc(b->edges, nc * sizeof *ne);
		if (!ne)
			return nomem(q);
		q->mem += (nc - b->capedges) * sizeof *ne;
		b->edges = ne;
		b->capedges = nc;
	}
	uint64_t *slot;
	if (zt_idmap_get(&b->head, child, 0, &slot, NULL, &q->mem) != ZT_OK)
		return nomem(q);
	e.next = *slot;
	b->edges[b->nedges] = e;
	*slot = ++b->nedges;
	return ZT_OK;
}

static zt_status expand(zt_q *q, pathbfs *b, zt_id x, int level, int out, zt_idvec *next)
{
	zt_iter *it;
	zt_status st = zt_match(q->txn, out ? x : 0, 0, out ? 0 : x, q->range, &it);
	if (st != ZT_OK)
		return zt_q_store_error(q, st);
	zt_fact f;
	while ((st = zt_iter_next(it, &f)) == ZT_OK) {
		if ((st = zt_q_check(q)) != ZT_OK)
			break;
		if (path_skip_pred(q, f.p))
			continue;
		zt_id y = out ? f.o : f.s;
		zt_kind k = zt_id_kind(y);
		if (k != ZT_IRI && k != ZT_BLANK)
			continue;
		if (!zt_q_visible(q, f.s, f.p, f.o, &st)) {
			if (st != ZT_OK)
				break;
			continue;
		}
		uint64_t *slot;
		int added;
		if (zt_idmap_get(&b->level, y, (uint64_t)level + 2, &slot, &added, &q->mem) != ZT_OK) {
			st = nomem(q);
			break;
		}
		if (added) {
			if (b->level.n > PATH_MAX_NODES) {
				st = zt_q_fail(q, ZT_ERR_LIMIT, "PATH visited more than %d nodes; lower MAX or add a time range",
				               PATH_MAX_NODES);
				break;
			}
			if ((st = zt_idvec_push(next, y, &q->mem)) != ZT_OK) {
				st = nomem(q);
				break;
			}
		}
		if (*slot == (uint64_t)level + 2 &&
		    (st = add_parent(q, b, y, (pedge){ .parent = x, .p = f.p, .fwd = out, .time = f.time })) != ZT_OK)
			break;
	}
	zt_iter_free(it);
	return zt_q_iter_status(q, st);
}

typedef struct pathout {
	zt_q *q;
	pathbfs *b;
	zt_writer *w;
	zt_dot *dot;
	size_t npaths, limit;
	const pedge *stack[PATH_MAX_HOPS + 1];
	zt_idset dotnodes;
} pathout;

static zt_status print_path(pathout *po, size_t hops, zt_id end)
{
	zt_q *q = po->q;
	zt_status st = ZT_OK;
	po->npaths++;
	/* stack[hops-1] is the first hop (from a start), stack[0] the last */
	zt_id nodes[PATH_MAX_HOPS + 2];
	nodes[hops] = end;
	for (size_t i = 0; i < hops; i++)
		nodes[hops - 1 - i] = po->stack[i]->parent;
	for (size_t h = 0; h < hops && st == ZT_OK; h++) {
		const pedge *e = po->stack[hops - 1 - h];
		zt_id from = nodes[h], to = nodes[h + 1];
		const char *pn = zt_q_display(q, e->p);
		if (po->dot) {
			char a[DOT_ID], b[DOT_ID];
			dot_id(q, from, a);
			dot_id(q, to, b);
			for (int k = 0; k < 2 && st == ZT_OK; k++) {
				zt_id id = k ? to : from;
				int added;
				if (zt_idset_add(&po->dotnodes, id, &added, &q->mem) != ZT_OK)
					return nomem(q);
				if (added)
					st = zt_dot_node(po->dot, k ? b : a, zt_q_display(q, id), type_of(q, id));
			}
			if (st == ZT_OK)
				st = e->fwd ? zt_dot_edge(po->dot, a, b, pn) : zt_dot_edge(po->dot, b, a, pn);
			if (st != ZT_OK)
				return write_fail(q, st);
			continue;
		}
		char pathno[24], hop[24], pred[600], valid[64];
		snprintf(pathno, sizeof pathno, "%zu", po->npaths);
		snprintf(hop, sizeof hop, "%zu", h + 1);
		snprintf(pred, sizeof pred, "%s%s", e->fwd ? "" : "^", pn ? pn : "");
		zt_q_span_text(e->time, valid, sizeof valid);
		zt_sbuf cite = { 0 };
		if (q->cite) {
			zt_cites cites = { 0 };
			st = zt_q_cite_add(q, e->fwd ? from : to, e->p, e->fwd ? to : from, &cites);
			if (st == ZT_OK)
				st = zt_q_cite_text(q, &cites, &cite);
			zt_cites_free(&cites);
		}
		const char *cells[7] = { pathno, hop, zt_q_display(q, from), pred, zt_q_display(q, to), valid,
		                         zt_sbuf_str(&cite) };
		if (st == ZT_OK && (st = zt_writer_row(po->w, cells)) != ZT_OK)
			st = write_fail(q, st);
		zt_sbuf_free(&cite);
	}
	return st;
}

/* Walk the parent edges back from `node` (at `level`) to a start. */
static zt_status enumerate(pathout *po, zt_id node, int level, size_t depth, zt_id end)
{
	if (po->npaths >= po->limit)
		return ZT_OK;
	if (level == 0)
		return print_path(po, depth, end);
	uint64_t *head = zt_idmap_find(&po->b->head, node);
	zt_status st = ZT_OK;
	for (size_t e = head ? *head : 0; e && st == ZT_OK && po->npaths < po->limit; e = po->b->edges[e - 1].next) {
		const pedge *pe = &po->b->edges[e - 1];
		uint64_t *pl = zt_idmap_find(&po->b->level, pe->parent);
		if (!pl || (int)*pl - 1 != level - 1)
			continue;
		po->stack[depth] = pe;
		st = enumerate(po, pe->parent, level - 1, depth + 1, end);
	}
	return st;
}

zt_status zt_q_path(zt_q *q, const zt_astmt *stmt)
{
	zt_status st;
	unsigned long limit, offset, max;
	ZT_TRY(st, zt_q_mods(q, stmt, 1u << ZT_MOD_TIME | 1u << ZT_MOD_ASOF | 1u << ZT_MOD_LIMIT | 1u << ZT_MOD_MAX,
	                     &limit, &offset, &max));
	if (max == 0)
		max = PATH_DEFAULT_MAX;
	if (max > PATH_MAX_HOPS) {
		for (const zt_amod *m = stmt->mods; m; m = m->next)
			if (m->kind == ZT_MOD_MAX)
				return zt_q_fail_at(q, &m->a->loc, ZT_ERR_LIMIT, "PATH looks at most %d hops far", PATH_MAX_HOPS);
	}
	if (limit == ULONG_MAX)
		limit = PATH_DEFAULT_PATHS;
	zt_idvec from = { 0 }, to = { 0 }, frontier = { 0 }, next = { 0 };
	pathbfs b = { 0 };
	pathout po = { .q = q, .b = &b, .limit = limit };
	zt_idset targets = { 0 };
	zt_idvec found = { 0 };
	if ((st = subject_nodes(q, stmt->a, "PATH", &from)) != ZT_OK ||
	    (st = subject_nodes(q, stmt->b, "PATH", &to)) != ZT_OK)
		goto out;
	for (size_t i = 0; i < to.n; i++)
		if (zt_idset_add(&targets, to.v[i], NULL, &q->mem) != ZT_OK) {
			st = nomem(q);
			goto out;
		}
	for (size_t i = 0; i < from.n; i++) {
		uint64_t *slot;
		int added;
		if (zt_idmap_get(&b.level, from.v[i], 1, &slot, &added, &q->mem) != ZT_OK ||
		    (added && zt_idvec_push(&frontier, from.v[i], &q->mem) != ZT_OK)) {
			st = nomem(q);
			goto out;
		}
	}
	/* breadth-first, a level at a time, until a target is reached */
	int reached = 0;
	for (int level = 0; level < (int)max && frontier.n && !reached && st == ZT_OK; level++) {
		next.n = 0;
		for (size_t i = 0; i < frontier.n && st == ZT_OK; i++) {
			st = expand(q, &b, frontier.v[i], level, 1, &next);
			if (st == ZT_OK)
				st = expand(q, &b, frontier.v[i], level, 0, &next);
		}
		for (size_t i = 0; i < next.n && st == ZT_OK; i++)
			if (zt_idset_has(&targets, next.v[i])) {
				reached = level + 1;
				if (zt_idvec_push(&found, next.v[i], &q->mem) != ZT_OK)
					st = nomem(q);
			}
		zt_idvec t = frontier;
		frontier = next;
		next = t;
	}
	if (st != ZT_OK)
		goto out;
	if (q->fmt == ZT_FMT_DOT) {
		if ((st = zt_dot_new(q->out, "path", &po.dot)) != ZT_OK) {
			st = write_fail(q, st);
			goto out;
		}
	} else {
		static const char *const names[] = { "path", "hop", "from", "predicate", "to", "valid", "cite" };
		if ((st = zt_q_writer(q, q->cite ? 7 : 6, names, &po.w)) != ZT_OK)
			goto out;
	}
	for (size_t i = 0; i < found.n && st == ZT_OK; i++)
		st = enumerate(&po, found.v[i], reached, 0, found.v[i]);
	if (st == ZT_OK) {
		if (po.dot) {
			st = zt_dot_end(po.dot);
			po.dot = NULL;
		} else {
			st = zt_writer_end(po.w);
			po.w = NULL;
		}
		if (st != ZT_OK)
			st = write_fail(q, st);
	}
out:
	zt_dot_free(po.dot);
	zt_writer_free(po.w);
	zt_idset_free(&po.dotnodes);
	zt_idvec_free(&from);
	zt_idvec_free(&to);
	zt_idvec_free(&frontier);
	zt_idvec_free(&next);
	zt_idvec_free(&found);
	zt_idset_free(&targets);
	zt_idmap_free(&b.level);
	zt_idmap_free(&b.head);
	free(b.edges);
	return st;
}

/* ----------------------------------------------------------------- SHOW */

typedef struct srow {
	zt_id id;
	char *key;          /* sort key */
	char *cells[5];
} srow;

static int srow_cmp(const void *a, const void *b)
{
	return strcmp(((const srow *)a)->key, ((const srow *)b)->key);
}

/* All labels or aliases of a node in one cell. */
static char *names_of(zt_q *q, zt_id node, zt_id pred, const char *skip)
{
	zt_sbuf b = { 0 };
	zt_iter *it;
	if (pred && zt_match(q->txn, node, pred, 0, ZT_SPAN_ALWAYS, &it) == ZT_OK) {
		zt_fact f;
		while (zt_iter_next(it, &f) == ZT_OK) {
			zt_term t;
			if (zt_term_of(q->txn, f.o, &t) != ZT_OK || t.kind == ZT_IRI)
				continue;
			if (skip && strlen(skip) == t.len && memcmp(skip, t.str, t.len) == 0)
				continue;
			if (b.n)
				zt_sbuf_puts(&b, ", ");
			zt_sbuf_add(&b, t.str, t.len);
		}
		zt_iter_free(it);
	}
	if (!b.s)
		zt_sbuf_add(&b, "", 0);
	return b.s;
}

static uint64_t est(zt_q *q, zt_id s, zt_id p, zt_id o)
{
	uint64_t n = 0;
	if (zt_match_estimate(q->txn, s, p, o, &n) != ZT_OK)
		return 0;
	return n;
}

/* The chain of parents as a sort key, so the hierarchy prints in order. */
static char *type_key(zt_q *q, zt_id t)
{
	zt_id chain[32];
	size_t n = 0;
	while (t && n < 32) {
		chain[n++] = t;
		zt_id parent = 0;
		zt_iter *it;
		if (q->wk.subclass && zt_match(q->txn, t, q->wk.subclass, 0, ZT_SPAN_ALWAYS, &it) == ZT_OK) {
			zt_fact f;
			if (zt_iter_next(it, &f) == ZT_OK)
				parent = f.o;
			zt_iter_free(it);
		}
		int loop = 0;
		for (size_t i = 0; i < n; i++)
			loop |= chain[i] == parent;
		t = loop ? 0 : parent;
	}
	zt_sbuf b = { 0 };
	for (size_t i = n; i-- > 0;) {
		zt_sbuf_puts(&b, zt_q_display(q, chain[i]));
		zt_sbuf_add(&b, "\x01", 1);
	}
	if (!b.s)
		zt_sbuf_add(&b, "", 0);
	return b.s;
}

static zt_status show_vocab(zt_q *q, zt_show_what what)
{
	zt_id cls = what == ZT_SHOW_TYPES ? q->wk.cls : what == ZT_SHOW_PREDICATES ? q->wk.property : q->wk.topic_type;
	srow *rows = NULL;
	size_t n = 0, cap = 0;
	zt_status st = ZT_OK;
	zt_writer *w = NULL;
	if (cls && q->wk.type) {
		zt_iter *it;
		if ((st = zt_match(q->txn, 0, q->wk.type, cls, ZT_SPAN_ALWAYS, &it)) != ZT_OK)
			return zt_q_store_error(q, st);
		zt_fact f;
		while ((st = zt_iter_next(it, &f)) == ZT_OK) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 64;
				srow *r = realloc(rows, nc * sizeof *r);
				if (!r) {
					st = nomem(q);
					break;
				}
				rows = r;
				cap = nc;
			}
			srow *r = &rows[n++];
			memset(r, 0, sizeof *r);
			r->id = f.s;
			const char *name = zt_q_display(q, f.s);
			const char *zh = zt_label_of(q->txn, f.s, "zh");
			char count[32];
			r->cells[0] = strdup(name ? name : "");
			r->cells[2] = strdup(zh && (!name || strcmp(zh, name)) ? zh : "");
			r->cells[3] = names_of(q, f.s, q->wk.alt, NULL);
			if (what == ZT_SHOW_TYPES) {
				zt_id parent = 0;
				zt_iter *pi;
				if (q->wk.subclass && zt_match(q->txn, f.s, q->wk.subclass, 0, ZT_SPAN_ALWAYS, &pi) == ZT_OK) {
					zt_fact pf;
					if (zt_iter_next(pi, &pf) == ZT_OK)
						parent = pf.o;
					zt_iter_free(pi);
				}
				r->cells[1] = strdup(parent ? zt_q_display(q, parent) : "");
				snprintf(count, sizeof count, "%llu", (unsigned long long)est(q, 0, q->wk.type, f.s));
				r->key = type_key(q, f.s);
			} else {
				r->cells[1] = NULL;
				snprintf(count, sizeof count, "%llu", (unsigned long long)(what == ZT_SHOW_PREDICATES
				         ? est(q, 0, f.s, 0) : est(q, 0, 0, f.s)));
				r->key = strdup(name ? name : "");
			}
			r->cells[4] = strdup(count);
			if (!r->cells[0] || !r->cells[2] || !r->cells[3] || !r->cells[4] || !r->key ||
			    (what == ZT_SHOW_TYPES && !r->cells[1])) {
				st = nomem(q);
				break;
			}
		}
		zt_iter_free(it);
		st = zt_q_iter_status(q, st);
	}
	if (st == ZT_OK) {
		qsort(rows, n, sizeof *rows, srow_cmp);
		const char *tnames[] = { "type", "subtype_of", "zh", "aliases", "instances" };
		const char *pnames[] = { what == ZT_SHOW_PREDICATES ? "predicate" : "topic", "zh", "aliases", "facts" };
		if (what == ZT_SHOW_TYPES)
			st = zt_q_writer(q, 5, tnames, &w);
		else
			st = zt_q_writer(q, 4, pnames, &w);
		for (size_t i = 0; i < n && st == ZT_OK; i++) {
			const char *c5[5] = { rows[i].cells[0], rows[i].cells[1], rows[i].cells[2], rows[i].cells[3], rows[i].cells[4] };
			const char *c4[4] = { rows[i].cells[0], rows[i].cells[2], rows[i].cells[3], rows[i].cells[4] };
			if ((st = zt_writer_row(w, what == ZT_SHOW_TYPES ? c5 : c4)) != ZT_OK)
				st = write_fail(q, st);
		}
		if (st == ZT_OK) {
			st = zt_writer_end(w);
			w = NULL;
			if (st != ZT_OK)
				st = write_fail(q, st);
		}
	}
	zt_writer_free(w);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 5; k++)
			free(rows[i].cells[k]);
		free(rows[i].key);
	}
	free(rows);
	return st;
}

typedef struct srcctx {
	zt_q *q;
	zt_writer *w;
	zt_status st;
} srcctx;

static int show_source(void *ctx, const zt_source_info *info)
{
	srcctx *c = ctx;
	char pub[16] = "", imp[32] = "", facts[32], hash[16];
	if (info->published != ZT_DAY_MIN)
		zt_day_format(info->published, pub);
	if (info->imported > 0) {
		time_t t = (time_t)info->imported;
		struct tm tm;
		if (gmtime_r(&t, &tm))
			strftime(imp, sizeof imp, "%Y-%m-%d %H:%M:%S", &tm);
	}
	snprintf(facts, sizeof facts, "%llu", (unsigned long long)info->facts);
	snprintf(hash, sizeof hash, "%.12s", info->hash ? info->hash : "");
	const char *cells[5] = { info->name, pub, imp, facts, hash };
	c->st = zt_writer_row(c->w, cells);
	return c->st != ZT_OK;
}

zt_status zt_q_show(zt_q *q, const zt_astmt *stmt)
{
	zt_status st;
	ZT_TRY(st, zt_q_mods(q, stmt, 0, NULL, NULL, NULL));
	switch (stmt->show) {
	case ZT_SHOW_TYPES:
	case ZT_SHOW_PREDICATES:
	case ZT_SHOW_TOPICS:
		return show_vocab(q, stmt->show);
	case ZT_SHOW_SOURCES: {
		static const char *const names[] = { "source", "published", "imported", "facts", "hash" };
		srcctx c = { q, NULL, ZT_OK };
		ZT_TRY(st, zt_q_writer(q, 5, names, &c.w));
		st = zt_source_list(q->txn, show_source, &c);
		if (c.st != ZT_OK)
			st = write_fail(q, c.st);
		else if (st != ZT_OK)
			st = zt_q_store_error(q, st);
		if (st != ZT_OK) {
			zt_writer_free(c.w);
			return st;
		}
		st = zt_writer_end(c.w);
		return st == ZT_OK ? ZT_OK : write_fail(q, st);
	}
	case ZT_SHOW_STATS: {
		zt_stats s;
		if ((st = zt_store_stats(q->txn, &s)) != ZT_OK)
			return zt_q_store_error(q, st);
		static const char *const names[] = { "measure", "value" };
		zt_writer *w;
		ZT_TRY(st, zt_q_writer(q, 2, names, &w));
		struct { const char *name; uint64_t v; } rows[] = {
			{ "terms", s.terms }, { "facts", s.facts }, { "supports", s.supports },
			{ "timed_facts", s.timed_facts }, { "sources", s.sources }, { "names", s.names },
			{ "map_size_bytes", s.map_size }, { "map_used_bytes", s.map_used },
		};
		for (size_t i = 0; i < sizeof rows / sizeof rows[0] && st == ZT_OK; i++) {
			char v[32];
			snprintf(v, sizeof v, "%llu", (unsigned long long)rows[i].v);
			const char *cells[2] = { rows[i].name, v };
			st = zt_writer_row(w, cells);
		}
		if (st != ZT_OK) {
			zt_writer_free(w);
			return write_fail(q, st);
		}
		st = zt_writer_end(w);
		return st == ZT_OK ? ZT_OK : write_fail(q, st);
	}
	}
	return ZT_ERR_INTERNAL;
}
