/* ast.c — constructors, destructors and the debug dump of the ZQ syntax
 * tree (grammar/ast.h).  No zhitu dependency beyond ast.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"

zt_aterm *zt_aterm_new(zt_aterm_kind kind, char *text, zt_loc loc)
{
	zt_aterm *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->kind = kind;
	t->text = text;
	t->loc = loc;
	return t;
}

zt_apath *zt_apath_new(zt_apath_kind kind, zt_aterm *pred, zt_apath *a, zt_apath *b, int min, int max, zt_loc loc)
{
	zt_apath *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->kind = kind;
	p->pred = pred;
	p->a = a;
	p->b = b;
	p->min = min;
	p->max = max;
	p->loc = loc;
	return p;
}

zt_aexpr *zt_aexpr_new(zt_aexpr_kind kind, zt_cmp_op op, zt_aterm *l, zt_aterm *r,
                       zt_aexpr *a, zt_aexpr *b, zt_loc loc)
{
	zt_aexpr *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->kind = kind;
	e->op = op;
	e->l = l;
	e->r = r;
	e->a = a;
	e->b = b;
	e->loc = loc;
	return e;
}

zt_aitem *zt_aitem_new(zt_aitem_kind kind, zt_loc loc)
{
	zt_aitem *it = calloc(1, sizeof *it);
	if (it) {
		it->kind = kind;
		it->loc = loc;
	}
	return it;
}

zt_aproj *zt_aproj_new(zt_aterm *var, int count, zt_aterm *as, zt_loc loc)
{
	zt_aproj *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->var = var;
	p->count = count;
	p->as = as;
	p->loc = loc;
	return p;
}

zt_aorder *zt_aorder_new(zt_aterm *var, int desc)
{
	zt_aorder *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	o->var = var;
	o->desc = desc;
	return o;
}

zt_avar *zt_avar_new(zt_aterm *var)
{
	zt_avar *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->var = var;
	return v;
}

zt_amod *zt_amod_new(zt_amod_kind kind, zt_loc loc)
{
	zt_amod *m = calloc(1, sizeof *m);
	if (m) {
		m->kind = kind;
		m->loc = loc;
	}
	return m;
}

zt_astmt *zt_astmt_new(zt_astmt_kind kind, zt_loc loc)
{
	zt_astmt *st = calloc(1, sizeof *st);
	if (st) {
		st->kind = kind;
		st->loc = loc;
	}
	return st;
}

/* The list helpers walk to the tail: lists in a query are a handful of
 * elements, and keeping them plain singly linked keeps ownership obvious. */
#define APPEND(type, list, x) \
	do { \
		if (!(list)) return (x); \
		type *t_ = (list); \
		while (t_->next) t_ = t_->next; \
		t_->next = (x); \
		return (list); \
	} while (0)

zt_aitem *zt_aitem_append(zt_aitem *list, zt_aitem *it) { APPEND(zt_aitem, list, it); }
zt_aproj *zt_aproj_append(zt_aproj *list, zt_aproj *p) { APPEND(zt_aproj, list, p); }
zt_aorder *zt_aorder_append(zt_aorder *list, zt_aorder *o) { APPEND(zt_aorder, list, o); }
zt_avar *zt_avar_append(zt_avar *list, zt_avar *v) { APPEND(zt_avar, list, v); }
zt_amod *zt_amod_append(zt_amod *list, zt_amod *m) { APPEND(zt_amod, list, m); }

void zt_aterm_free(zt_aterm *t)
{
	if (!t)
		return;
	free(t->text);
	free(t);
}

void zt_apath_free(zt_apath *p)
{
	/* Iterate down the `a` spine so that long chains do not recurse deeply. */
	while (p) {
		zt_apath *a = p->a;
		zt_aterm_free(p->pred);
		zt_apath_free(p->b);
		free(p);
		p = a;
	}
}

void zt_aexpr_free(zt_aexpr *e)
{
	while (e) {
		zt_aexpr *a = e->a;
		zt_aterm_free(e->l);
		zt_aterm_free(e->r);
		zt_aexpr_free(e->b);
		free(e);
		e = a;
	}
}

void zt_aitem_free(zt_aitem *it)
{
	while (it) {
		zt_aitem *next = it->next;
		zt_aterm_free(it->s);
		zt_aterm_free(it->o);
		zt_apath_free(it->p);
		zt_aitem_free(it->group);
		zt_aexpr_free(it->expr);
		free(it);
		it = next;
	}
}

void zt_aproj_free(zt_aproj *p)
{
	while (p) {
		zt_aproj *next = p->next;
		zt_aterm_free(p->var);
		zt_aterm_free(p->as);
		free(p);
		p = next;
	}
}

void zt_aorder_free(zt_aorder *o)
{
	while (o) {
		zt_aorder *next = o->next;
		zt_aterm_free(o->var);
		free(o);
		o = next;
	}
}

void zt_avar_free(zt_avar *v)
{
	while (v) {
		zt_avar *next = v->next;
		zt_aterm_free(v->var);
		free(v);
		v = next;
	}
}

void zt_amod_free(zt_amod *m)
{
	while (m) {
		zt_amod *next = m->next;
		zt_aterm_free(m->a);
		zt_aterm_free(m->b);
		zt_avar_free(m->vars);
		zt_aorder_free(m->order);
		free(m);
		m = next;
	}
}

void zt_astmt_free(zt_astmt *st)
{
	while (st) {
		zt_astmt *next = st->next;
		zt_aproj_free(st->proj);
		zt_aitem_free(st->where);
		zt_aterm_free(st->a);
		zt_aterm_free(st->b);
		zt_astmt_free(st->inner);
		zt_amod_free(st->mods);
		free(st);
		st = next;
	}
}

void zt_ascript_free(zt_ascript *s)
{
	if (!s)
		return;
	zt_astmt_free(s->stmts);
	free(s);
}

const char *zt_cmp_op_name(zt_cmp_op op)
{
	switch (op) {
	case ZT_OP_EQ: return "=";
	case ZT_OP_NE: return "!=";
	case ZT_OP_LT: return "<";
	case ZT_OP_LE: return "<=";
	case ZT_OP_GT: return ">";
	case ZT_OP_GE: return ">=";
	case ZT_OP_MATCH: return "~";
	}
	return "?";
}

const char *zt_time_kind_name(zt_atime_kind k)
{
	switch (k) {
	case ZT_TM_DURING: return "during";
	case ZT_TM_BETWEEN: return "between";
	case ZT_TM_BEFORE: return "before";
	case ZT_TM_AFTER: return "after";
	case ZT_TM_ON: return "on";
	}
	return "?";
}

/* ------------------------------------------------------------------ dump */

typedef struct dumpbuf {
	char *buf;
	size_t cap, len;
} dumpbuf;

static void put(dumpbuf *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(dumpbuf *d, const char *fmt, ...)
{
	if (d->len + 1 >= d->cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(d->buf + d->len, d->cap - d->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	d->len += (size_t)n;
	if (d->len >= d->cap)
		d->len = d->cap - 1;
}

static void dump_term(dumpbuf *d, const zt_aterm *t)
{
	if (!t) {
		put(d, "_");
		return;
	}
	switch (t->kind) {
	case ZT_AT_VAR: put(d, "?%s", t->text); break;
	case ZT_AT_NAME: put(d, "%s", t->text); break;
	case ZT_AT_KEYWORD: put(d, "%s", t->text); break;
	case ZT_AT_QUOTED: put(d, "\"%s\"", t->text); break;
	case ZT_AT_INTEGER: put(d, "int:%s", t->text); break;
	case ZT_AT_NUMBER: put(d, "num:%s", t->text); break;
	case ZT_AT_MONEY: put(d, "money:%s", t->text); break;
	case ZT_AT_DATE: put(d, "date:%s", t->text); break;
	}
}

static void dump_path(dumpbuf *d, const zt_apath *p)
{
	switch (p->kind) {
	case ZT_AP_LINK:
	case ZT_AP_VAR:
		dump_term(d, p->pred);
		break;
	case ZT_AP_INV:
		put(d, "(^ ");
		dump_path(d, p->a);
		put(d, ")");
		break;
	case ZT_AP_SEQ:
	case ZT_AP_ALT:
		put(d, "(%s ", p->kind == ZT_AP_SEQ ? "/" : "|");
		dump_path(d, p->a);
		put(d, " ");
		dump_path(d, p->b);
		put(d, ")");
		break;
	case ZT_AP_REPEAT:
		if (p->max == ZT_REPEAT_INF)
			put(d, "({%d,} ", p->min);
		else
			put(d, "({%d,%d} ", p->min, p->max);
		dump_path(d, p->a);
		put(d, ")");
		break;
	}
}

static void dump_expr(dumpbuf *d, const zt_aexpr *e)
{
	switch (e->kind) {
	case ZT_AE_CMP:
		put(d, "(%s ", zt_cmp_op_name(e->op));
		dump_term(d, e->l);
		put(d, " ");
		dump_term(d, e->r);
		put(d, ")");
		break;
	case ZT_AE_AND:
	case ZT_AE_OR:
		put(d, "(%s ", e->kind == ZT_AE_AND ? "and" : "or");
		dump_expr(d, e->a);
		put(d, " ");
		dump_expr(d, e->b);
		put(d, ")");
		break;
	case ZT_AE_NOT:
		put(d, "(not ");
		dump_expr(d, e->a);
		put(d, ")");
		break;
	}
}

static void dump_items(dumpbuf *d, const zt_aitem *it)
{
	for (int first = 1; it; it = it->next, first = 0) {
		if (!first)
			put(d, " ");
		switch (it->kind) {
		case ZT_AI_TRIPLE:
			put(d, "(");
			dump_term(d, it->s);
			put(d, " ");
			dump_path(d, it->p);
			put(d, " ");
			dump_term(d, it->o);
			put(d, ")");
			break;
		case ZT_AI_OPTIONAL:
			put(d, "(optional ");
			dump_items(d, it->group);
			put(d, ")");
			break;
		case ZT_AI_FILTER:
			put(d, "(filter ");
			dump_expr(d, it->expr);
			put(d, ")");
			break;
		}
	}
}

static void dump_mods(dumpbuf *d, const zt_amod *m)
{
	for (; m; m = m->next) {
		put(d, " (");
		switch (m->kind) {
		case ZT_MOD_TIME:
			put(d, "%s ", zt_time_kind_name(m->time));
			dump_term(d, m->a);
			if (m->b) {
				put(d, " ");
				dump_term(d, m->b);
			}
			break;
		case ZT_MOD_ASOF:
			put(d, "as-of ");
			dump_term(d, m->a);
			break;
		case ZT_MOD_GROUP:
			put(d, "group");
			for (const zt_avar *v = m->vars; v; v = v->next) {
				put(d, " ");
				dump_term(d, v->var);
			}
			break;
		case ZT_MOD_ORDER:
			put(d, "order");
			for (const zt_aorder *o = m->order; o; o = o->next) {
				put(d, " ");
				dump_term(d, o->var);
				put(d, o->desc ? " desc" : " asc");
			}
			break;
		case ZT_MOD_LIMIT:
			put(d, "limit ");
			dump_term(d, m->a);
			break;
		case ZT_MOD_OFFSET:
			put(d, "offset ");
			dump_term(d, m->a);
			break;
		case ZT_MOD_MAX:
			put(d, "max ");
			dump_term(d, m->a);
			break;
		}
		put(d, ")");
	}
}

static void dump_stmt(dumpbuf *d, const zt_astmt *st)
{
	static const char *const show[] = { "types", "predicates", "topics", "sources", "stats" };
	switch (st->kind) {
	case ZT_ST_FIND:
		put(d, "(find (");
		if (st->star)
			put(d, "*");
		for (const zt_aproj *p = st->proj; p; p = p->next) {
			if (p != st->proj)
				put(d, " ");
			if (p->count) {
				put(d, "(count ");
				if (p->var)
					dump_term(d, p->var);
				else
					put(d, "*");
				put(d, ")");
			} else {
				dump_term(d, p->var);
			}
			if (p->as) {
				put(d, " as ");
				dump_term(d, p->as);
			}
		}
		put(d, ") (where ");
		dump_items(d, st->where);
		put(d, ")");
		break;
	case ZT_ST_DESCRIBE:
	case ZT_ST_TIMELINE:
		put(d, "(%s ", st->kind == ZT_ST_DESCRIBE ? "describe" : "timeline");
		dump_term(d, st->a);
		break;
	case ZT_ST_PATH:
		put(d, "(path ");
		dump_term(d, st->a);
		put(d, " ");
		dump_term(d, st->b);
		break;
	case ZT_ST_SHOW:
		put(d, "(show %s", show[st->show]);
		break;
	case ZT_ST_EXPLAIN:
		put(d, "(explain ");
		dump_stmt(d, st->inner);
		break;
	}
	dump_mods(d, st->mods);
	put(d, ")");
}

void zt_astmt_dump(const zt_astmt *st, char *buf, size_t cap)
{
	if (!cap)
		return;
	dumpbuf d = { buf, cap, 0 };
	buf[0] = '\0';
	if (st)
		dump_stmt(&d, st);
}
