/* resolve.c — from what a user wrote to ids: names through the name index
 * (labels and aliases in either language, after normalization), chosen
 * by position; literals to their canonical terms; types to themselves
 * and their subtypes.  And back: ids to the strings a user reads, and the
 * provenance (AS OF visibility, citations) of facts. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/literal.h"
#include "../store/norm.h"
#include "engine.h"

#define NS_RDF_TYPE ZT_RDF_TYPE

static const char ZT_RDFS_CLASS_IRI[] = "http://www.w3.org/2000/01/rdf-schema#Class";
static const char ZT_RDF_PROPERTY_IRI[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property";

static zt_id lookup_iri(zt_q *q, const char *iri)
{
	zt_term t = zt_iri(iri);
	zt_id id = 0;
	if (zt_lookup(q->txn, &t, &id) != ZT_OK)
		return 0;
	return id;
}

zt_status zt_q_init_wk(zt_q *q, zt_wk *cache)
{
	/* Dictionary ids never change once assigned, so ids found once are
	 * kept by the session; only the ones still missing are looked up. */
	static const struct { size_t off; const char *iri; } wk[] = {
		{ offsetof(zt_wk, type), ZT_RDF_TYPE },
		{ offsetof(zt_wk, label), ZT_RDFS_LABEL },
		{ offsetof(zt_wk, alt), ZT_SKOS_ALT },
		{ offsetof(zt_wk, subclass), ZT_RDFS_SUBCLASS },
		{ offsetof(zt_wk, cls), ZT_RDFS_CLASS_IRI },
		{ offsetof(zt_wk, property), ZT_RDF_PROPERTY_IRI },
		{ offsetof(zt_wk, topic_type), ZT_NS_TYPE "Topic" },
		{ offsetof(zt_wk, date), ZT_NS_PRED "date" },
		{ offsetof(zt_wk, title), ZT_NS_PRED "title" },
		{ offsetof(zt_wk, url), ZT_NS_PRED "url" },
		{ offsetof(zt_wk, source), ZT_NS_PRED "source" },
		{ offsetof(zt_wk, published), ZT_NS_PRED "published" },
		{ offsetof(zt_wk, content_hash), ZT_NS_PRED "content_hash" },
		{ offsetof(zt_wk, round), ZT_NS_PRED "round" },
		{ offsetof(zt_wk, outcome), ZT_NS_PRED "outcome" },
	};
	for (size_t i = 0; i < sizeof wk / sizeof wk[0]; i++) {
		zt_id *c = cache ? (zt_id *)((char *)cache + wk[i].off) : NULL;
		zt_id *mine = (zt_id *)((char *)&q->wk + wk[i].off);
		if (c && *c) {
			*mine = *c;
			continue;
		}
		*mine = lookup_iri(q, wk[i].iri);
		if (c)
			*c = *mine;
	}
	return ZT_OK;
}

static int has_prefix(const zt_term *t, const char *prefix)
{
	size_t n = strlen(prefix);
	return t->len > n && memcmp(t->str, prefix, n) == 0;
}

static int fact_exists(zt_q *q, zt_id s, zt_id p, zt_id o)
{
	if (!s || !p || !o)
		return 0;
	return zt_fact_get(q->txn, s, p, o, NULL) == ZT_OK;
}

zt_nodekind zt_q_node_kind(zt_q *q, zt_id id)
{
	zt_kind k = zt_id_kind(id);
	if (k != ZT_IRI && k != ZT_BLANK)
		return ZT_NK_LITERAL;
	if (k == ZT_IRI) {
		zt_term t;
		if (zt_term_of(q->txn, id, &t) == ZT_OK) {
			if (has_prefix(&t, ZT_NS_PRED))
				return ZT_NK_PRED;
			if (has_prefix(&t, ZT_NS_TYPE))
				return ZT_NK_TYPE;
			if (has_prefix(&t, ZT_NS_TOPIC))
				return ZT_NK_TOPIC;
			if (has_prefix(&t, ZT_NS_ENTITY) || has_prefix(&t, ZT_NS_EVENT) || has_prefix(&t, ZT_NS_SOURCE))
				return ZT_NK_ENTITY;
		}
	}
	if (id == q->wk.type || id == q->wk.label || id == q->wk.alt || id == q->wk.subclass)
		return ZT_NK_PRED;
	/* foreign vocabulary, typed the RDF way */
	if (fact_exists(q, id, q->wk.type, q->wk.property))
		return ZT_NK_PRED;
	if (fact_exists(q, id, q->wk.type, q->wk.cls))
		return ZT_NK_TYPE;
	if (fact_exists(q, id, q->wk.type, q->wk.topic_type))
		return ZT_NK_TOPIC;
	return ZT_NK_ENTITY;
}

int zt_q_text_predicate(zt_q *q, zt_id p)
{
	if (!p)
		return 0;
	return p == q->wk.label || p == q->wk.alt || p == q->wk.title || p == q->wk.url ||
	       p == q->wk.content_hash || p == q->wk.round || p == q->wk.outcome;
}

/* Whether a candidate fits a position. */
static int fits(zt_q *q, zt_id id, zt_role role)
{
	zt_nodekind k = zt_q_node_kind(q, id);
	switch (role) {
	case ZT_ROLE_PRED:
		return k == ZT_NK_PRED;
	case ZT_ROLE_TYPE:
		return k == ZT_NK_TYPE;
	case ZT_ROLE_NODE:
		return k == ZT_NK_ENTITY || k == ZT_NK_TOPIC;
	}
	return 0;
}

/* A weaker fit, for data that does not follow the vocabulary: anything
 * used as a predicate, anything used as a type. */
static int fits_by_use(zt_q *q, zt_id id, zt_role role)
{
	uint64_t n = 0;
	switch (role) {
	case ZT_ROLE_PRED:
		return zt_match_estimate(q->txn, 0, id, 0, &n) == ZT_OK && n > 0;
	case ZT_ROLE_TYPE:
		return q->wk.type && zt_match_estimate(q->txn, 0, q->wk.type, id, &n) == ZT_OK && n > 0;
	case ZT_ROLE_NODE:
		return 1;
	}
	return 0;
}

static const char *role_noun(zt_role role)
{
	switch (role) {
	case ZT_ROLE_PRED: return "predicate";
	case ZT_ROLE_TYPE: return "type";
	case ZT_ROLE_NODE: return "entity";
	}
	return "name";
}

/* Edit distance over code points between two normalized strings (small:
 * names are short; longer inputs are cut). */
static size_t edit_distance(const char *a, const char *b)
{
	enum { MAXC = 64 };
	uint32_t x[MAXC], y[MAXC];
	size_t n = 0, m = 0;
	for (const unsigned char *p = (const unsigned char *)a; *p && n < MAXC; n++) {
		uint32_t c = *p++;
		while ((*p & 0xC0) == 0x80)
			c = (c << 8) | *p++;
		x[n] = c;
	}
	for (const unsigned char *p = (const unsigned char *)b; *p && m < MAXC; m++) {
		uint32_t c = *p++;
		while ((*p & 0xC0) == 0x80)
			c = (c << 8) | *p++;
		y[m] = c;
	}
	size_t row[MAXC + 1];
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (x[i - 1] != y[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

/* " — did you mean A, B or C?": the known names nearest to `name` that fit
 * the position (any name when none fits), one per node, only the closest
 * ones, and only when they are close enough to be a likely slip. */
static void suggest(zt_q *q, const char *name, zt_role role, char *out, size_t cap)
{
	const char *cand[12];
	size_t n = 0;
	out[0] = '\0';
	if (zt_name_suggest(q->txn, name, cand, 12, &n) != ZT_OK || n == 0)
		return;
	if (n > 12)
		n = 12;
	char *key = NULL;
	size_t keylen = 0;
	if (zt_norm(name, strlen(name), &key, &keylen) != ZT_OK)
		return;
	size_t chars = zt_utf8_chars(key, keylen);
	size_t limit = chars / 2 > 1 ? chars / 2 : 1;
	const char *pick[3];
	size_t np = 0, best = SIZE_MAX;
	zt_id picked[3];
	for (int pass = 0; pass < 2 && np == 0; pass++) {
		for (size_t i = 0; i < n && np < 3; i++) {
			zt_id ids[16];
			size_t m = 0;
			if (zt_name_find(q->txn, cand[i], ids, 16, &m) != ZT_OK || m == 0)
				continue;
			if (m > 16)
				m = 16;
			zt_id node = 0;
			for (size_t j = 0; j < m && !node; j++)
				if (pass == 1 || role == ZT_ROLE_NODE || fits(q, ids[j], role))
					node = ids[j];
			if (!node)
				continue;
			int dup = 0;
			for (size_t j = 0; j < np; j++)
				dup |= picked[j] == node;
			if (dup)
				continue;
			char *ck = NULL;
			size_t cl = 0;
			if (zt_norm(cand[i], strlen(cand[i]), &ck, &cl) != ZT_OK)
				continue;
			size_t d = edit_distance(key, ck);
			free(ck);
			if (d > limit || (best != SIZE_MAX && d > best))
				continue;
			if (d < best) {
				best = d;
				np = 0;     /* a closer name replaces farther ones */
			}
			/* offer the node's own name: the label, not the alias that matched */
			const char *shown = zt_q_display(q, node);
			picked[np] = node;
			pick[np++] = shown ? shown : cand[i];
		}
	}
	free(key);
	if (np == 0)
		return;
	size_t len = (size_t)snprintf(out, cap, " — did you mean ");
	for (size_t i = 0; i < np && len < cap; i++) {
		const char *sep = i == 0 ? "" : i == np - 1 ? " or " : ", ";
		len += (size_t)snprintf(out + len, cap - len, "%s%s", sep, pick[i]);
	}
	if (len < cap)
		snprintf(out + len, cap - len, "?");
}

static const char *kind_noun(zt_nodekind k)
{
	switch (k) {
	case ZT_NK_ENTITY: return "an entity";
	case ZT_NK_PRED: return "a predicate";
	case ZT_NK_TYPE: return "a type";
	case ZT_NK_TOPIC: return "a topic";
	case ZT_NK_LITERAL: return "a value";
	}
	return "something else";
}

static zt_status resolve_name(zt_q *q, const zt_aterm *t, zt_role role, zt_idvec *out)
{
	zt_id ids[64];
	size_t n = 0;
	zt_status st = zt_name_find(q->txn, t->text, ids, 64, &n);
	if (st >= ZT_ERR_FIRST)
		return zt_q_store_error(q, st);
	if (n > 64)
		n = 64;
	char sug[400], shortbuf[256];
	const char *shown = zt_q_short(t->text, shortbuf, sizeof shortbuf);
	if (n == 0 && role == ZT_ROLE_NODE && q->wk.title) {
		/* events have titles, not names: a headline names its event */
		zt_idvec texts = { 0 };
		size_t before = out->n;
		st = zt_q_text_ids(q, t->text, &texts);
		for (size_t i = 0; i < texts.n && st == ZT_OK; i++) {
			zt_iter *it;
			if ((st = zt_match(q->txn, 0, q->wk.title, texts.v[i], ZT_SPAN_ALWAYS, &it)) != ZT_OK) {
				st = zt_q_store_error(q, st);
				break;
			}
			zt_fact f;
			while ((st = zt_iter_next(it, &f)) == ZT_OK)
				if ((st = zt_idvec_push(out, f.s, &q->mem)) != ZT_OK)
					break;
			zt_iter_free(it);
			st = zt_q_iter_status(q, st);
		}
		zt_idvec_free(&texts);
		if (st != ZT_OK || out->n > before)
			return st;
	}
	if (n == 0) {
		suggest(q, t->text, role, sug, sizeof sug);
		return zt_q_fail_at(q, &t->loc, ZT_ERR_UNKNOWN, "unknown %s '%s'%s", role_noun(role), shown, sug);
	}
	size_t before = out->n;
	for (size_t i = 0; i < n; i++)
		if (fits(q, ids[i], role))
			ZT_TRY(st, zt_idvec_push(out, ids[i], &q->mem));
	if (out->n == before)
		for (size_t i = 0; i < n; i++)
			if (fits_by_use(q, ids[i], role))
				ZT_TRY(st, zt_idvec_push(out, ids[i], &q->mem));
	if (out->n == before)
		return zt_q_fail_at(q, &t->loc, ZT_ERR_UNKNOWN, "'%s' is not a %s (it names %s)", shown,
		                    role_noun(role), kind_noun(zt_q_node_kind(q, ids[0])));
	return ZT_OK;
}

/* Cache keys: a tag byte, then what the result depends on. */
static size_t cache_key(char *buf, size_t cap, char tag, char sub, const char *text)
{
	size_t n = strlen(text);
	if (n + 2 > cap)
		return 0;      /* too long to be worth keeping */
	buf[0] = tag;
	buf[1] = sub;
	memcpy(buf + 2, text, n);
	return n + 2;
}

/* Append the ids cached under key, or compute them with fn and keep them. */
static zt_status resolve_cached(zt_q *q, const zt_aterm *t, zt_role role, zt_idvec *out)
{
	char key[512];
	size_t klen = cache_key(key, sizeof key, 'N', (char)('0' + role), t->text), n;
	const uint64_t *hit = klen ? zt_qcache_get(q->cache, key, klen, &n) : NULL;
	zt_status st;
	if (hit) {
		for (size_t i = 0; i < n; i++)
			ZT_TRY(st, zt_idvec_push(out, hit[i], &q->mem));
		return ZT_OK;
	}
	size_t before = out->n;
	ZT_TRY(st, resolve_name(q, t, role, out));
	if (klen)
		zt_qcache_put(q->cache, key, klen, out->v ? out->v + before : NULL, out->n - before);
	return ZT_OK;
}

static zt_status lookup_lit(zt_q *q, zt_kind kind, const char *lex, zt_idvec *out)
{
	zt_term t = zt_lit(kind, lex);
	zt_id id = 0;
	zt_status st = zt_lookup(q->txn, &t, &id);
	if (st == ZT_OK)
		return zt_idvec_push(out, id, &q->mem);
	if (st == ZT_NOTFOUND)
		return ZT_OK;
	return zt_q_store_error(q, st);
}

zt_status zt_q_text_ids(zt_q *q, const char *text, zt_idvec *out)
{
	static const char *const langs[] = { "zh", "en", NULL };
	char key[512];
	size_t klen = cache_key(key, sizeof key, 'T', 0, text), n;
	const uint64_t *hit = klen ? zt_qcache_get(q->cache, key, klen, &n) : NULL;
	if (hit) {
		for (size_t i = 0; i < n; i++)
			if (zt_idvec_push(out, hit[i], &q->mem) != ZT_OK)
				return zt_q_fail(q, ZT_ERR_NOMEM, "out of memory");
		return ZT_OK;
	}
	size_t before = out->n;
	for (size_t i = 0; i < 3; i++) {
		zt_term t = zt_text(text, langs[i]);
		zt_id id = 0;
		zt_status st = zt_lookup(q->txn, &t, &id);
		if (st == ZT_OK)
			ZT_TRY(st, zt_idvec_push(out, id, &q->mem));
		else if (st != ZT_NOTFOUND)
			return zt_q_store_error(q, st);
	}
	if (klen)
		zt_qcache_put(q->cache, key, klen, out->v ? out->v + before : NULL, out->n - before);
	return ZT_OK;
}

zt_status zt_q_date(zt_q *q, const zt_aterm *t, zt_date *out)
{
	zt_error e = { 0 };
	if (zt_date_parse(t->text, strlen(t->text), out, &e) != ZT_OK) {
		if (e.msg[0])
			return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "%s", e.msg);
		return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "'%s' is not a valid date", t->text);
	}
	return ZT_OK;
}

zt_status zt_q_resolve(zt_q *q, const zt_aterm *t, zt_role role, zt_idvec *out)
{
	char buf[64];
	zt_error e = { 0 };
	zt_status st;
	switch (t->kind) {
	case ZT_AT_VAR:
		return zt_q_fail_at(q, &t->loc, ZT_ERR_INTERNAL, "a variable cannot be resolved");
	case ZT_AT_NAME:
	case ZT_AT_QUOTED:
	case ZT_AT_KEYWORD:
		return resolve_cached(q, t, role, out);
	case ZT_AT_INTEGER: {
		/* 2024 may be a number or a year */
		double v;
		if (zt_number_parse(t->text, strlen(t->text), &v, &e) == ZT_OK) {
			zt_number_format(v, buf, sizeof buf);
			ZT_TRY(st, lookup_lit(q, ZT_NUMBER, buf, out));
		}
		if (strlen(t->text) == 4)
			ZT_TRY(st, lookup_lit(q, ZT_DATE, t->text, out));
		return ZT_OK;
	}
	case ZT_AT_NUMBER: {
		double v;
		if (zt_number_parse(t->text, strlen(t->text), &v, &e) != ZT_OK)
			return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "'%s' is not a number", t->text);
		zt_number_format(v, buf, sizeof buf);
		return lookup_lit(q, ZT_NUMBER, buf, out);
	}
	case ZT_AT_MONEY: {
		double v;
		char cur[4];
		if (zt_money_parse(t->text, strlen(t->text), &v, cur, &e) != ZT_OK)
			return zt_q_fail_at(q, &t->loc, ZT_ERR_SYNTAX, "'%s' is not an amount of money", t->text);
		zt_money_format(v, cur, buf, sizeof buf);
		return lookup_lit(q, ZT_MONEY, buf, out);
	}
	case ZT_AT_DATE: {
		zt_date d;
		ZT_TRY(st, zt_q_date(q, t, &d));
		zt_date_format(&d, buf);
		return lookup_lit(q, ZT_DATE, buf, out);
	}
	}
	return ZT_ERR_INTERNAL;
}

/* Every subtype of `type` (itself first), breadth-first, into out. */
static zt_status subtype_closure(zt_q *q, zt_id type, zt_idvec *out)
{
	zt_idset seen = { 0 };
	zt_status st = zt_idset_add(&seen, type, NULL, &q->mem);
	if (st == ZT_OK)
		st = zt_idvec_push(out, type, &q->mem);
	for (size_t i = 0; i < out->n && st == ZT_OK; i++) {
		zt_iter *it;
		st = zt_match(q->txn, 0, q->wk.subclass, out->v[i], ZT_SPAN_ALWAYS, &it);
		if (st != ZT_OK)
			break;
		zt_fact f;
		while ((st = zt_iter_next(it, &f)) == ZT_OK) {
			int added;
			if ((st = zt_idset_add(&seen, f.s, &added, &q->mem)) != ZT_OK)
				break;
			if (added && (st = zt_idvec_push(out, f.s, &q->mem)) != ZT_OK)
				break;
		}
		zt_iter_free(it);
		if (st == ZT_DONE)
			st = ZT_OK;
	}
	zt_idset_free(&seen);
	return st;
}

zt_status zt_q_subtypes(zt_q *q, zt_idvec *v)
{
	if (!q->wk.subclass)
		return ZT_OK;
	/* Each type's closure is kept by the session (types rarely change);
	 * the union keeps the order: the given ids, then subtypes as found. */
	zt_idset seen = { 0 };
	zt_idvec one = { 0 };
	zt_status st = ZT_OK;
	size_t given = v->n;
	for (size_t i = 0; i < given && st == ZT_OK; i++)
		st = zt_idset_add(&seen, v->v[i], NULL, &q->mem);
	for (size_t i = 0; i < given && st == ZT_OK; i++) {
		char key[1 + sizeof(zt_id)];
		key[0] = 'S';
		memcpy(key + 1, &v->v[i], sizeof(zt_id));
		size_t n = 0;
		const uint64_t *sub = zt_qcache_get(q->cache, key, sizeof key, &n);
		if (!sub) {
			one.n = 0;
			if ((st = subtype_closure(q, v->v[i], &one)) != ZT_OK)
				break;
			zt_qcache_put(q->cache, key, sizeof key, one.v, one.n);
			sub = one.v;
			n = one.n;
		}
		for (size_t j = 0; j < n && st == ZT_OK; j++) {
			int added;
			st = zt_idset_add(&seen, sub[j], &added, &q->mem);
			if (st == ZT_OK && added)
				st = zt_idvec_push(v, sub[j], &q->mem);
		}
	}
	zt_idset_free(&seen);
	zt_idvec_free(&one);
	return st >= ZT_ERR_FIRST ? zt_q_store_error(q, st) : ZT_OK;
}

/* ------------------------------------------------------------- display */

static char *dup_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static char *compute_display(zt_q *q, zt_id id)
{
	zt_term t;
	if (zt_term_of(q->txn, id, &t) != ZT_OK)
		return dup_n("?", 1);
	if (t.kind == ZT_BLANK) {
		char *p = malloc(t.len + 3);
		if (p) {
			memcpy(p, "_:", 2);
			memcpy(p + 2, t.str, t.len);
			p[t.len + 2] = '\0';
		}
		return p;
	}
	if (t.kind != ZT_IRI)
		return dup_n(t.str, t.len);
	int vocab = has_prefix(&t, ZT_NS_PRED) || has_prefix(&t, ZT_NS_TYPE) || has_prefix(&t, ZT_NS_TOPIC) ||
	            id == q->wk.type || id == q->wk.label || id == q->wk.alt || id == q->wk.subclass;
	const char *l = zt_label_of(q->txn, id, vocab ? "en" : NULL);
	if (l)
		return dup_n(l, strlen(l));
	/* events have titles rather than labels (zhitu's entities, sources and
	 * vocabulary never do: no need to look) */
	if (q->wk.title && (has_prefix(&t, ZT_NS_EVENT) || !has_prefix(&t, "urn:zhitu:"))) {
		zt_iter *it;
		if (zt_match(q->txn, id, q->wk.title, 0, ZT_SPAN_ALWAYS, &it) == ZT_OK) {
			zt_fact f;
			char *r = NULL;
			if (zt_iter_next(it, &f) == ZT_OK) {
				zt_term tt;
				if (zt_term_of(q->txn, f.o, &tt) == ZT_OK && tt.kind != ZT_IRI)
					r = dup_n(tt.str, tt.len);
			}
			zt_iter_free(it);
			if (r)
				return r;
		}
	}
	/* t is still valid: terms are borrowed until the transaction ends */
	static const char *const ns[] = { ZT_NS_TYPE, ZT_NS_PRED, ZT_NS_TOPIC };
	for (size_t i = 0; i < 3; i++)
		if (has_prefix(&t, ns[i]))
			return dup_n(t.str + strlen(ns[i]), t.len - strlen(ns[i]));
	return dup_n(t.str, t.len);
}

const char *zt_q_display(zt_q *q, zt_id id)
{
	if (!id)
		return "";
	uint64_t *slot;
	int added;
	zt_idmap *labels = zt_qcache_labels(q->cache);
	if (zt_idmap_get(labels, id, 0, &slot, &added, &q->mem) != ZT_OK)
		return NULL;
	if (!added && *slot)
		return (const char *)(uintptr_t)*slot;
	char *s = compute_display(q, id);
	if (!s)
		return NULL;     /* the slot stays 0: computed again next time */
	q->mem += strlen(s) + 1;
	/* the slot pointer may have moved if compute_display grew the map: it
	 * does not touch the labels map, so it is still valid */
	*slot = (uint64_t)(uintptr_t)s;
	return s;
}

/* ------------------------------------------------------------ provenance */

static zt_status source_published(zt_q *q, zt_id src, int32_t *day)
{
	uint64_t *slot;
	int added;
	zt_status st = zt_idmap_get(zt_qcache_published(q->cache), src, 0, &slot, &added, NULL);
	if (st != ZT_OK)
		return st;
	if (!added) {
		*day = (int32_t)((int64_t)*slot - 1 + INT32_MIN);
		return ZT_OK;
	}
	zt_source_info info;
	st = zt_source_get(q->txn, src, &info);
	int32_t d = st == ZT_OK ? info.published : ZT_DAY_MIN;
	*slot = (uint64_t)((int64_t)d - INT32_MIN) + 1;
	*day = d;
	return st >= ZT_ERR_FIRST ? st : ZT_OK;
}

int zt_q_visible(zt_q *q, zt_id s, zt_id p, zt_id o, zt_status *st)
{
	*st = ZT_OK;
	if (!q->has_asof)
		return 1;
	zt_support sup[16];
	size_t n = 0;
	*st = zt_fact_supports(q->txn, s, p, o, sup, 16, &n);
	if (*st >= ZT_ERR_FIRST)
		return 0;
	*st = ZT_OK;
	zt_support *all = sup;
	if (n > 16) {
		all = malloc(n * sizeof *all);
		if (!all) {
			*st = ZT_ERR_NOMEM;
			return 0;
		}
		size_t m = 0;
		*st = zt_fact_supports(q->txn, s, p, o, all, n, &m);
		if (*st >= ZT_ERR_FIRST) {
			free(all);
			return 0;
		}
		*st = ZT_OK;
		if (m < n)
			n = m;
	}
	int vis = n == 0;     /* a fact without supports is nobody's claim: keep it */
	for (size_t i = 0; i < n && !vis; i++) {
		if (!all[i].source) {
			vis = 1;
			break;
		}
		int32_t d;
		if ((*st = source_published(q, all[i].source, &d)) != ZT_OK)
			break;
		if (d == ZT_DAY_MIN || d <= q->asof)
			vis = 1;
	}
	if (all != sup)
		free(all);
	return vis;
}

void zt_q_span_text(zt_span sp, char *buf, size_t cap)
{
	char a[16], b[16];
	if (zt_span_is_always(sp)) {
		snprintf(buf, cap, "%s", "");
		return;
	}
	if (sp.from != ZT_DAY_MIN)
		zt_day_format(sp.from, a);
	if (sp.to != ZT_DAY_MAX)
		zt_day_format(sp.to, b);
	if (sp.from == sp.to)
		snprintf(buf, cap, "%s", a);
	else if (sp.from == ZT_DAY_MIN)
		snprintf(buf, cap, "..%s", b);
	else if (sp.to == ZT_DAY_MAX)
		snprintf(buf, cap, "%s..", a);
	else
		snprintf(buf, cap, "%s..%s", a, b);
}

/* The first url of a node, or NULL. */
static const char *url_of(zt_q *q, zt_id node)
{
	zt_iter *it;
	if (!node || zt_match(q->txn, node, q->wk.url, 0, ZT_SPAN_ALWAYS, &it) != ZT_OK)
		return NULL;
	zt_fact f;
	const char *r = NULL;
	zt_term t;
	if (zt_iter_next(it, &f) == ZT_OK && zt_term_of(q->txn, f.o, &t) == ZT_OK)
		r = t.str;
	zt_iter_free(it);
	return r;
}

/* The link printed with a news item: the url of one of the item's events
 * (urn:zhitu:ev:SOURCE/ITEM/N), else of the fact's subject, else of the
 * source document itself. */
static const char *item_url(zt_q *q, zt_id subject, const zt_source_info *src, uint32_t item)
{
	if (!q->wk.url)
		return NULL;
	const char *r = NULL;
	/* events are numbered from 1 (0 tolerated); the first missing number
	 * after 1 ends them */
	for (int n = 0; !r && item; n++) {
		char iri[512];
		snprintf(iri, sizeof iri, "%s%s/%u/%d", ZT_NS_EVENT, src->name, (unsigned)item, n);
		zt_id ev = lookup_iri(q, iri);
		if (!ev && n >= 1)
			break;
		r = url_of(q, ev);
	}
	if (!r)
		r = url_of(q, subject);
	if (!r)
		r = url_of(q, src->id);
	return r;
}

zt_status zt_q_cite_add(zt_q *q, zt_id s, zt_id p, zt_id o, zt_cites *c)
{
	zt_support sup[32];
	size_t n = 0;
	zt_status st = zt_fact_supports(q->txn, s, p, o, sup, 32, &n);
	if (st >= ZT_ERR_FIRST)
		return zt_q_store_error(q, st);
	if (n > 32)
		n = 32;   /* an answer cites at most the first 32 supports of a fact */
	for (size_t i = 0; i < n; i++) {
		if (!sup[i].source)
			continue;
		size_t j = 0;
		while (j < c->n && !(c->v[j].source == sup[i].source && c->v[j].item == sup[i].item))
			j++;
		if (j < c->n) {
			/* the same item: keep the more telling date and subject */
			if (zt_span_is_always(c->v[j].time) && !zt_span_is_always(sup[i].time)) {
				c->v[j].time = sup[i].time;
				c->v[j].subject = s;
			}
			continue;
		}
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 8;
			zt_cite *v = realloc(c->v, cap * sizeof *v);
			if (!v)
				return zt_q_fail(q, ZT_ERR_NOMEM, "out of memory");
			q->mem += (cap - c->cap) * sizeof *v;
			c->v = v;
			c->cap = cap;
		}
		c->v[c->n++] = (zt_cite){ .source = sup[i].source, .subject = s, .item = sup[i].item, .time = sup[i].time };
	}
	return ZT_OK;
}

typedef struct cite_row {
	const zt_cite *c;
	zt_source_info info;
} cite_row;

/* Document name, then item number: the same order whatever the plan. */
static int cite_before(const cite_row *a, const cite_row *b)
{
	int c = strcmp(a->info.name, b->info.name);
	if (c)
		return c < 0;
	return a->c->item < b->c->item;
}

zt_status zt_q_cite_text(zt_q *q, const zt_cites *c, zt_sbuf *b)
{
	cite_row *rows = c->n ? malloc(c->n * sizeof *rows) : NULL;
	if (c->n && !rows)
		return zt_q_fail(q, ZT_ERR_NOMEM, "out of memory");
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++) {
		cite_row r = { .c = &c->v[i] };
		if (zt_source_get(q->txn, r.c->source, &r.info) != ZT_OK)
			continue;
		if (strcmp(r.info.name, "zhitu:schema") == 0)
			continue;
		if (q->has_asof && r.info.published != ZT_DAY_MIN && r.info.published > q->asof)
			continue;
		/* insertion sort: a row cites a handful of items */
		size_t j = n++;
		for (; j > 0 && cite_before(&r, &rows[j - 1]); j--)
			rows[j] = rows[j - 1];
		rows[j] = r;
	}
	for (size_t i = 0; i < n; i++) {
		const zt_cite *ci = rows[i].c;
		const zt_source_info *info = &rows[i].info;
		if (b->n)
			zt_sbuf_puts(b, "; ");
		zt_sbuf_puts(b, info->name);
		if (ci->item)
			zt_sbuf_printf(b, "#%u", (unsigned)ci->item);
		char when[48] = "";
		if (!zt_span_is_always(ci->time))
			zt_q_span_text(ci->time, when, sizeof when);
		else if (info->published != ZT_DAY_MIN)
			zt_day_format(info->published, when);
		if (when[0])
			zt_sbuf_printf(b, " %s", when);
		const char *url = item_url(q, zt_id_kind(ci->subject) == ZT_IRI ? ci->subject : 0, info, ci->item);
		if (url)
			zt_sbuf_printf(b, " %s", url);
	}
	free(rows);
	return b->failed ? zt_q_fail(q, ZT_ERR_NOMEM, "out of memory") : ZT_OK;
}

void zt_cites_free(zt_cites *c)
{
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

void zt_q_done(zt_q *q)
{
	/* labels and publication days stay in the session's cache */
	(void)q;
}
