/* gazetteer.c — parsing data/gazetteer.tsv and data/topics.tsv, lookup by
 * normalized name, and the name and keyword scans (see gazetteer.h).
 *
 * Type names are checked against the hierarchy of data/types.tsv (the
 * vocabulary seeded into every database), so the gazetteer can never use
 * a type the store does not know.  Lookup keys are zt_fold'ed names (see
 * acscan.h) kept in a hash; scanning uses an Aho-Corasick automaton over
 * the same folded keys. */
#include "gazetteer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../store/embedded.h"
#include "../store/norm.h"
#include "acscan.h"

/* ---- small helpers ---------------------------------------------------- */

/* Strings live in arena blocks freed together with the table. */
struct arena {
	char **blocks;
	size_t nblocks;
	char *cur;
	size_t left;
};

static void *arena_alloc(struct arena *a, size_t n, size_t align)
{
	size_t pad = a->cur ? (size_t)(-(uintptr_t)a->cur & (align - 1)) : 0;
	if (!a->cur || a->left < n + pad) {
		size_t sz = n + align > 65536 ? n + align : 65536;
		char **nb = realloc(a->blocks, (a->nblocks + 1) * sizeof *nb);
		if (!nb)
			return NULL;
		a->blocks = nb;
		char *b = malloc(sz);
		if (!b)
			return NULL;
		a->blocks[a->nblocks++] = b;
		a->cur = b;
		a->left = sz;
		pad = (size_t)(-(uintptr_t)b & (align - 1));
	}
	char *p = a->cur + pad;
	a->cur += pad + n;
	a->left -= pad + n;
	return p;
}

static char *arena_strdup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1, 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static void arena_free(struct arena *a)
{
	for (size_t i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 16;
	while (nc < need)
		nc *= 2;
	void *np = realloc(*p, nc * elem);
	if (!np)
		return -1;
	*p = np;
	*cap = nc;
	return 0;
}

/* A line of a TSV file, split into fields (pointers into the text). */
#define MAX_FIELDS 8
struct line {
	const char *start;
	size_t len;
	int nfields;
	const char *f[MAX_FIELDS];
	size_t flen[MAX_FIELDS];
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Trim ASCII spaces (not tabs: they separate fields) around a field. */
static void trim(const char **s, size_t *n)
{
	while (*n && ((*s)[0] == ' ' || (*s)[0] == '\r'))
		(*s)++, (*n)--;
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

/* Split; returns 0 for a blank or comment line, -1 for too many fields. */
static int split_line(struct line *ln)
{
	size_t i = 0;
	while (i < ln->len && is_space(ln->start[i]))
		i++;
	if (i == ln->len || ln->start[i] == '#')
		return 0;
	ln->nfields = 0;
	const char *p = ln->start, *end = ln->start + ln->len;
	for (;;) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *fe = tab ? tab : end;
		if (ln->nfields == MAX_FIELDS)
			return -1;
		ln->f[ln->nfields] = p;
		ln->flen[ln->nfields] = (size_t)(fe - p);
		trim(&ln->f[ln->nfields], &ln->flen[ln->nfields]);
		ln->nfields++;
		if (!tab)
			break;
		p = tab + 1;
	}
	return 1;
}

/* 1-based character column of `at` within the line. */
static int column_of(const struct line *ln, const char *at)
{
	return (int)zt_utf8_chars(ln->start, (size_t)(at - ln->start)) + 1;
}

static zt_status fail_at(zt_error *err, zt_status st, const char *origin, int line, int col,
                         const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static zt_status fail_at(zt_error *err, zt_status st, const char *origin, int line, int col,
                         const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (col > 0)
		zt_fail(err, st, "%s:%d:%d: %s", origin, line, col, what);
	else
		zt_fail(err, st, "%s:%d: %s", origin, line, what);
	if (err) {
		err->line = line;
		err->column = col;
	}
	return st;
}

/* ---- the type hierarchy (data/types.tsv) ------------------------------ */

struct types {
	char **name;
	int *parent;            /* index, or -1 for a root */
	size_t n, cap;
};

static void types_free(struct types *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->name[i]);
	free(t->name);
	free(t->parent);
}

static int types_find(const struct types *t, const char *s, size_t n)
{
	for (size_t i = 0; i < t->n; i++)
		if (strlen(t->name[i]) == n && strncasecmp(t->name[i], s, n) == 0)
			return (int)i;
	return -1;
}

static int types_is_a(const struct types *t, int a, int b)
{
	for (int guard = 0; a >= 0 && guard < 64; guard++, a = t->parent[a])
		if (a == b)
			return 1;
	return 0;
}

/* Load `name<TAB>parent<TAB>…` rows; only the first two columns matter
 * here.  The parent may appear after the child. */
static zt_status types_load(struct types *t, zt_error *err)
{
	memset(t, 0, sizeof *t);
	size_t len;
	const char *text = zt_data_file("types.tsv", &len);
	if (!text)
		return zt_fail(err, ZT_ERR_IO,
		               "types.tsv: the type hierarchy is missing (it belongs in data/ or in "
		               "the directory named by ZHITU_DATA)");
	zt_status st = ZT_OK;
	char **parents = NULL;
	size_t pcap = 0;
	const char *p = text, *end = text + len;
	int lineno = 0;
	while (p < end && st == ZT_OK) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct line ln = { .start = p, .len = (size_t)((nl ? nl : end) - p) };
		p = nl ? nl + 1 : end;
		lineno++;
		int r = split_line(&ln);
		if (r == 0)
			continue;
		if (r < 0 || ln.flen[0] == 0) {
			st = fail_at(err, ZT_ERR_SYNTAX, "types.tsv", lineno, 0, "malformed type row");
			break;
		}
		if (grow((void **)&t->name, &t->cap, t->n + 1, sizeof *t->name) ||
		    grow((void **)&parents, &pcap, t->n + 1, sizeof *parents)) {
			st = ZT_ERR_NOMEM;
			break;
		}
		t->name[t->n] = strndup(ln.f[0], ln.flen[0]);
		parents[t->n] = ln.nfields > 1 && ln.flen[1] ? strndup(ln.f[1], ln.flen[1]) : NULL;
		t->n++;
		if (!t->name[t->n - 1] || (ln.nfields > 1 && ln.flen[1] && !parents[t->n - 1]))
			st = ZT_ERR_NOMEM;
	}
	if (st == ZT_OK) {
		t->parent = malloc((t->n ? t->n : 1) * sizeof *t->parent);
		if (!t->parent)
			st = ZT_ERR_NOMEM;
	}
	for (size_t i = 0; st == ZT_OK && i < t->n; i++) {
		t->parent[i] = parents[i] ? types_find(t, parents[i], strlen(parents[i])) : -1;
		if (parents[i] && t->parent[i] < 0)
			st = zt_fail(err, ZT_ERR_SYNTAX, "types.tsv: type '%s' names an unknown parent '%s'",
			             t->name[i], parents[i]);
	}
	for (size_t i = 0; i < t->n; i++)
		free(parents ? parents[i] : NULL);
	free(parents);
	zt_data_release(text);
	if (st != ZT_OK)
		types_free(t);
	return st;
}

/* Edit distance, case-insensitive, for "did you mean". */
static size_t edit_distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t row[64];
	if (m >= 63 || n >= 63)
		return 99;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cur = row[j];
			size_t cost = (a[i - 1] | 32) == (b[j - 1] | 32) ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[m];
}

/* ---- the gazetteer ---------------------------------------------------- */

/* One (key, entry) pair: a name or alias of an entry. */
struct rec {
	uint32_t entry;
	uint32_t next;          /* next rec with the same key, or NONE */
	unsigned char canonical, scan;
};

#define NONE UINT32_MAX

struct zt_gazetteer {
	struct arena arena;
	struct types types;
	zt_gaz_entry *e;
	int *etype;             /* type index per entry */
	uint32_t *epart, *ejur; /* resolved entries, NONE when empty */
	int *eline;
	size_t n, cap;
	struct rec *rec;
	size_t nrec, caprec;
	uint32_t *head, *tail;  /* per key group: first and last rec */
	uint32_t *scan_entry;   /* per key group: the entry a scan reports */
	size_t ngroups, capgroups;
	zt_ac *keys;            /* every key: group id (lookup) */
	zt_ac *scan;            /* scannable keys: group id */
};

void zt_gazetteer_free(zt_gazetteer *g)
{
	if (!g)
		return;
	arena_free(&g->arena);
	types_free(&g->types);
	free(g->e);
	free(g->etype);
	free(g->epart);
	free(g->ejur);
	free(g->eline);
	free(g->rec);
	free(g->head);
	free(g->tail);
	free(g->scan_entry);
	zt_ac_free(g->keys);
	zt_ac_free(g->scan);
	free(g);
}

/* The key group of folded `key`, creating it when `create`. */
static zt_status group_of(zt_gazetteer *g, const char *key, size_t klen, int create, uint32_t *out)
{
	uint32_t id = zt_ac_find(g->keys, key, klen);
	if (id != UINT32_MAX || !create) {
		*out = id;
		return ZT_OK;
	}
	size_t c1 = g->capgroups, c2 = g->capgroups;
	if (grow((void **)&g->head, &c1, g->ngroups + 1, sizeof *g->head) ||
	    grow((void **)&g->tail, &c2, g->ngroups + 1, sizeof *g->tail))
		return ZT_ERR_NOMEM;
	g->capgroups = c1;
	id = (uint32_t)g->ngroups++;
	g->head[id] = g->tail[id] = NONE;
	zt_status st = zt_ac_add(g->keys, key, klen, id);
	*out = id;
	return st;
}

static zt_status add_rec(zt_gazetteer *g, uint32_t group, uint32_t entry, int canonical, int scan)
{
	if (grow((void **)&g->rec, &g->caprec, g->nrec + 1, sizeof *g->rec))
		return ZT_ERR_NOMEM;
	uint32_t r = (uint32_t)g->nrec++;
	g->rec[r] = (struct rec){ entry, NONE, (unsigned char)canonical, (unsigned char)scan };
	if (g->tail[group] == NONE)
		g->head[group] = r;
	else
		g->rec[g->tail[group]].next = r;
	g->tail[group] = r;
	return ZT_OK;
}

struct pending_alias {
	const char *s;
	size_t n;
	int scan;
	const char *at;
};

/* Split an alias list "a|~b|c"; '~' marks a lookup-only alias. */
static size_t split_aliases(const char *s, size_t n, struct pending_alias *out, size_t max)
{
	size_t k = 0;
	const char *p = s, *end = s + n;
	while (p <= end && k < max) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		const char *ae = bar ? bar : end;
		const char *a = p;
		size_t an = (size_t)(ae - p);
		trim(&a, &an);
		int scan = 1;
		if (an && a[0] == '~') {
			scan = 0;
			a++, an--;
			trim(&a, &an);
		}
		if (an)
			out[k++] = (struct pending_alias){ a, an, scan, a };
		if (!bar)
			break;
		p = bar + 1;
	}
	return k;
}

/* The entry of a key group to return: one of type `hint` (or a subtype;
 * -1 for no hint) before others, then one whose canonical name has the
 * key before one whose alias has it, then the first in the file.  With
 * `scan_only`, only entries that let this key be scanned count. */
static uint32_t group_pick(const zt_gazetteer *g, uint32_t group, int hint, int scan_only)
{
	uint32_t best = NONE;
	int best_score = -1;
	for (uint32_t r = g->head[group]; r != NONE; r = g->rec[r].next) {
		const struct rec *rc = &g->rec[r];
		if (scan_only && !rc->scan)
			continue;
		int score = rc->canonical;
		if (hint >= 0 && types_is_a(&g->types, g->etype[rc->entry], hint))
			score += 2;
		if (score > best_score) {
			best_score = score;
			best = rc->entry;
		}
	}
	return best;
}

/* Resolve a part_of or jurisdiction name of entry `i` to an entry,
 * preferring one of type `want` (Jurisdiction or Organization). */
static zt_status resolve_ref(zt_gazetteer *g, size_t i, const char *name, const char *what,
                             const char *origin, uint32_t *out, zt_error *err)
{
	char *key = NULL;
	size_t klen;
	zt_status st = zt_fold(name, strlen(name), &key, &klen);
	if (st != ZT_OK)
		return st;
	uint32_t grp = zt_ac_find(g->keys, key, klen);
	free(key);
	if (grp == UINT32_MAX)
		return fail_at(err, ZT_ERR_SYNTAX, origin, g->eline[i], 0,
		               "%s '%s' of '%s' names no entry of the gazetteer (add a line for it, or "
		               "leave the column empty)", what, name, g->e[i].name);
	int jur = types_find(&g->types, "Jurisdiction", 12);
	int org = types_find(&g->types, "Organization", 12);
	int want = strcmp(what, "jurisdiction") == 0 ? jur : -1;
	uint32_t t = NONE;
	/* part_of: an Organization or a Jurisdiction, preferring the same
	 * kind as the entry itself. */
	if (want < 0)
		want = types_is_a(&g->types, g->etype[i], org) ? org : jur;
	t = group_pick(g, grp, want, 0);
	if (!types_is_a(&g->types, g->etype[t], jur) &&
	    (strcmp(what, "jurisdiction") == 0 || !types_is_a(&g->types, g->etype[t], org)))
		return fail_at(err, ZT_ERR_TYPE, origin, g->eline[i], 0,
		               "%s '%s' of '%s' is a %s; expected %s", what, name, g->e[i].name,
		               g->types.name[g->etype[t]],
		               strcmp(what, "jurisdiction") == 0 ? "a Jurisdiction"
		                                                 : "an Organization or a Jurisdiction");
	if (t == i)
		return fail_at(err, ZT_ERR_SYNTAX, origin, g->eline[i], 0, "'%s' is %s of itself",
		               g->e[i].name, what);
	*out = t;
	return ZT_OK;
}

static zt_status parse_entry(zt_gazetteer *g, struct line *ln, int lineno, const char *origin,
                             zt_error *err)
{
	if (ln->nfields > 5)
		return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, column_of(ln, ln->f[5]),
		               "too many columns (expected name, type, aliases, part_of, jurisdiction "
		               "separated by tabs)");
	if (ln->nfields < 2)
		return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 0,
		               "expected at least a name and a type separated by a tab");
	const char *name = ln->f[0];
	size_t nlen = ln->flen[0];
	int name_scan = 1;
	if (nlen && name[0] == '~') {
		name_scan = 0;
		name++, nlen--;
		trim(&name, &nlen);
	}
	if (nlen == 0)
		return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 1, "empty name");
	for (int f = 0; f < ln->nfields; f++) {
		size_t bad;
		if (!zt_utf8_valid(ln->f[f], ln->flen[f], &bad))
			return fail_at(err, ZT_ERR_UTF8, origin, lineno, 0,
			               "invalid UTF-8 in column %d (byte %zu of the field)", f + 1, bad);
	}
	int type = types_find(&g->types, ln->f[1], ln->flen[1]);
	if (type < 0) {
		const char *sugg = NULL;
		size_t bestd = 3;
		for (size_t k = 0; k < g->types.n; k++) {
			size_t d = edit_distance(ln->f[1], ln->flen[1], g->types.name[k],
			                         strlen(g->types.name[k]));
			if (d < bestd) {
				bestd = d;
				sugg = g->types.name[k];
			}
		}
		if (sugg)
			return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, column_of(ln, ln->f[1]),
			               "unknown type '%.*s' (did you mean '%s'?)", (int)ln->flen[1],
			               ln->f[1], sugg);
		return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, column_of(ln, ln->f[1]),
		               "unknown type '%.*s' (expected a schema type such as Country, Agency, "
		               "Legislature, Court, Company, Investor, Institute, Person, Model)",
		               (int)ln->flen[1], ln->f[1]);
	}
	int entity = types_find(&g->types, "Entity", 6);
	int event = types_find(&g->types, "Event", 5);
	int topic = types_find(&g->types, "Topic", 5);
	if (!types_is_a(&g->types, type, entity) || types_is_a(&g->types, type, event) ||
	    types_is_a(&g->types, type, topic))
		return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, column_of(ln, ln->f[1]),
		               "type '%s' cannot be a gazetteer entry (entries are jurisdictions, "
		               "organizations, people, documents, models and products; topics belong "
		               "in topics.tsv)", g->types.name[type]);

	if (g->n == g->cap) {
		/* The parallel per-entry arrays grow together. */
		size_t nc = g->cap ? g->cap * 2 : 256;
		zt_gaz_entry *ne = realloc(g->e, nc * sizeof *ne);
		if (ne)
			g->e = ne;
		int *nt = realloc(g->etype, nc * sizeof *nt);
		if (nt)
			g->etype = nt;
		uint32_t *np = realloc(g->epart, nc * sizeof *np);
		if (np)
			g->epart = np;
		uint32_t *nj = realloc(g->ejur, nc * sizeof *nj);
		if (nj)
			g->ejur = nj;
		int *nl = realloc(g->eline, nc * sizeof *nl);
		if (nl)
			g->eline = nl;
		if (!ne || !nt || !np || !nj || !nl)
			return ZT_ERR_NOMEM;
		g->cap = nc;
	}
	uint32_t idx = (uint32_t)g->n;
	zt_gaz_entry *e = &g->e[idx];
	memset(e, 0, sizeof *e);
	g->etype[idx] = type;
	g->epart[idx] = g->ejur[idx] = NONE;
	g->eline[idx] = lineno;

	e->name = arena_strdup(&g->arena, name, nlen);
	e->type = g->types.name[type];
	struct pending_alias al[256];
	size_t nal = ln->nfields > 2 ? split_aliases(ln->f[2], ln->flen[2], al, 256) : 0;
	if (nal == 256)
		return fail_at(err, ZT_ERR_LIMIT, origin, lineno, 0,
		               "more than 255 aliases for '%.*s'", (int)nlen, name);
	const char **aliases = arena_alloc(&g->arena, (nal ? nal : 1) * sizeof *aliases,
	                                   sizeof(void *));
	if (!e->name || !aliases)
		return ZT_ERR_NOMEM;
	e->part_of = ln->nfields > 3 && ln->flen[3] ? arena_strdup(&g->arena, ln->f[3], ln->flen[3])
	                                            : NULL;
	e->jurisdiction = ln->nfields > 4 && ln->flen[4]
	                      ? arena_strdup(&g->arena, ln->f[4], ln->flen[4]) : NULL;
	g->n++;

	/* Keys: the name, then each alias. */
	for (size_t k = 0; k <= nal; k++) {
		const char *s = k == 0 ? name : al[k - 1].s;
		size_t sn = k == 0 ? nlen : al[k - 1].n;
		int scan = k == 0 ? name_scan : al[k - 1].scan;
		char *key = NULL;
		size_t klen;
		zt_status st = zt_fold(s, sn, &key, &klen);
		if (st != ZT_OK)
			return st;
		if (klen == 0) {
			free(key);
			return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, column_of(ln, s),
			               "'%.*s' is empty once spaces and quoting marks are removed", (int)sn, s);
		}
		uint32_t grp;
		st = group_of(g, key, klen, 1, &grp);
		free(key);
		if (st != ZT_OK)
			return st;
		/* Same key twice for one entry: keep the first (a scannable
		 * alias wins over a lookup-only spelling). */
		int dup = 0;
		for (uint32_t r = g->head[grp]; r != NONE; r = g->rec[r].next) {
			const struct rec *rc = &g->rec[r];
			if (rc->entry == idx) {
				if (scan)
					g->rec[r].scan = 1;
				dup = 1;
				break;
			}
			if (g->etype[rc->entry] == type) {
				const zt_gaz_entry *o = &g->e[rc->entry];
				if (k == 0 && rc->canonical)
					return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 1,
					               "duplicate entry '%s' (%s), first on line %d", e->name,
					               e->type, g->eline[rc->entry]);
				return fail_at(err, ZT_ERR_SYNTAX, origin, lineno, column_of(ln, s),
				               "'%.*s' also names '%s' (%s, line %d): one name may not mean "
				               "two entries of the same type", (int)sn, s, o->name, o->type,
				               g->eline[rc->entry]);
			}
		}
		if (dup) {
			if (k > 0) {
				/* Still record the spelling as an alias when it differs
				 * in text (e.g. "Open AI" next to "OpenAI"). */
				int same = 0;
				for (size_t j = 0; j < e->naliases; j++)
					same |= strlen(aliases[j]) == sn && memcmp(aliases[j], s, sn) == 0;
				same |= nlen == sn && memcmp(name, s, sn) == 0;
				if (!same && !(aliases[e->naliases++] = arena_strdup(&g->arena, s, sn)))
					return ZT_ERR_NOMEM;
			}
			continue;
		}
		st = add_rec(g, grp, idx, k == 0, scan);
		if (st != ZT_OK)
			return st;
		if (k > 0 && !(aliases[e->naliases++] = arena_strdup(&g->arena, s, sn)))
			return ZT_ERR_NOMEM;
	}
	e->aliases = aliases;
	return ZT_OK;
}

/* part_of chains must end: walk each one. */
static zt_status check_cycles(const zt_gazetteer *g, const char *origin, zt_error *err)
{
	for (size_t i = 0; i < g->n; i++) {
		uint32_t slow = (uint32_t)i, fast = (uint32_t)i;
		while (fast != NONE && g->epart[fast] != NONE) {
			fast = g->epart[g->epart[fast]];
			slow = g->epart[slow];
			if (fast == slow)
				return fail_at(err, ZT_ERR_SYNTAX, origin, g->eline[i], 0,
				               "part_of of '%s' leads back to itself", g->e[i].name);
		}
	}
	return ZT_OK;
}

zt_status zt_gazetteer_parse(const char *text, size_t len, const char *origin,
                             zt_gazetteer **out, zt_error *err)
{
	*out = NULL;
	if (!origin)
		origin = "gazetteer";
	zt_gazetteer *g = calloc(1, sizeof *g);
	if (!g)
		return ZT_ERR_NOMEM;
	zt_status st = types_load(&g->types, err);
	if (st != ZT_OK) {
		free(g);
		return st;
	}
	if ((st = zt_ac_new(&g->keys)) != ZT_OK || (st = zt_ac_new(&g->scan)) != ZT_OK)
		goto fail;

	const char *p = text, *end = text + len;
	int lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct line ln = { .start = p, .len = (size_t)((nl ? nl : end) - p) };
		p = nl ? nl + 1 : end;
		lineno++;
		int r = split_line(&ln);
		if (r == 0)
			continue;
		if (r < 0) {
			st = fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 0,
			             "too many columns (expected name, type, aliases, part_of, "
			             "jurisdiction separated by tabs)");
			goto fail;
		}
		if ((st = parse_entry(g, &ln, lineno, origin, err)) != ZT_OK)
			goto fail;
	}
	for (size_t i = 0; i < g->n; i++) {
		zt_gaz_entry *e = &g->e[i];
		if (e->part_of) {
			if ((st = resolve_ref(g, i, e->part_of, "part_of", origin, &g->epart[i], err)))
				goto fail;
			e->part_of = g->e[g->epart[i]].name;
		}
		if (e->jurisdiction) {
			if ((st = resolve_ref(g, i, e->jurisdiction, "jurisdiction", origin, &g->ejur[i],
			                      err)))
				goto fail;
			e->jurisdiction = g->e[g->ejur[i]].name;
		}
	}
	if ((st = check_cycles(g, origin, err)) != ZT_OK)
		goto fail;

	/* The scanner: one pattern per key that some entry lets be scanned. */
	g->scan_entry = malloc((g->ngroups ? g->ngroups : 1) * sizeof *g->scan_entry);
	if (!g->scan_entry) {
		st = ZT_ERR_NOMEM;
		goto fail;
	}
	for (uint32_t grp = 0; grp < g->ngroups; grp++)
		g->scan_entry[grp] = group_pick(g, grp, -1, 1);
	/* Keys are re-derived from the entries so that each scan pattern is
	 * the folded text of a name or alias that allows scanning. */
	for (size_t i = 0; i < g->n; i++) {
		const zt_gaz_entry *e = &g->e[i];
		for (size_t k = 0; k <= e->naliases; k++) {
			const char *s = k == 0 ? e->name : e->aliases[k - 1];
			char *key = NULL;
			size_t klen;
			if ((st = zt_fold(s, strlen(s), &key, &klen)) != ZT_OK)
				goto fail;
			uint32_t grp = zt_ac_find(g->keys, key, klen);
			if (grp != UINT32_MAX && g->scan_entry[grp] != NONE)
				st = zt_ac_add(g->scan, key, klen, grp);
			free(key);
			if (st != ZT_OK)
				goto fail;
		}
	}
	if ((st = zt_ac_build(g->scan)) != ZT_OK)
		goto fail;
	*out = g;
	return ZT_OK;
fail:
	if (st == ZT_ERR_NOMEM && err && !err->msg[0])
		zt_fail(err, st, "%s: out of memory", origin);
	zt_gazetteer_free(g);
	return st;
}

zt_status zt_gazetteer_default(zt_gazetteer **out, zt_error *err)
{
	*out = NULL;
	size_t len;
	const char *text = zt_data_file("gazetteer.tsv", &len);
	if (!text)
		return zt_fail(err, ZT_ERR_IO,
		               "gazetteer.tsv is missing (it belongs in data/ or in the directory "
		               "named by ZHITU_DATA)");
	zt_status st = zt_gazetteer_parse(text, len, "gazetteer.tsv", out, err);
	zt_data_release(text);
	return st;
}

const zt_gaz_entry *zt_gazetteer_get(const zt_gazetteer *g, const char *name, size_t len,
                                     const char *type_hint)
{
	if (!g || !name)
		return NULL;
	char *key = NULL;
	size_t klen;
	if (zt_fold(name, len, &key, &klen) != ZT_OK)
		return NULL;
	uint32_t grp = zt_ac_find(g->keys, key, klen);
	free(key);
	if (grp == UINT32_MAX)
		return NULL;
	int hint = type_hint ? types_find(&g->types, type_hint, strlen(type_hint)) : -1;
	uint32_t i = group_pick(g, grp, hint, 0);
	return i == NONE ? NULL : &g->e[i];
}

size_t zt_gazetteer_count(const zt_gazetteer *g)
{
	return g ? g->n : 0;
}

const zt_gaz_entry *zt_gazetteer_entry(const zt_gazetteer *g, size_t i)
{
	return g && i < g->n ? &g->e[i] : NULL;
}

static size_t entry_index(const zt_gazetteer *g, const zt_gaz_entry *e)
{
	return (size_t)(e - g->e);
}

const zt_gaz_entry *zt_gazetteer_part_of(const zt_gazetteer *g, const zt_gaz_entry *e)
{
	if (!g || !e)
		return NULL;
	uint32_t p = g->epart[entry_index(g, e)];
	return p == NONE ? NULL : &g->e[p];
}

const zt_gaz_entry *zt_gazetteer_jurisdiction(const zt_gazetteer *g, const zt_gaz_entry *e)
{
	if (!g || !e)
		return NULL;
	uint32_t p = g->ejur[entry_index(g, e)];
	return p == NONE ? NULL : &g->e[p];
}

int zt_gazetteer_is_a(const zt_gazetteer *g, const char *type, const char *ancestor)
{
	if (!g || !type || !ancestor)
		return 0;
	int a = types_find(&g->types, type, strlen(type));
	int b = types_find(&g->types, ancestor, strlen(ancestor));
	return a >= 0 && b >= 0 && types_is_a(&g->types, a, b);
}

struct gscan {
	const zt_gazetteer *g;
	zt_gaz_fn fn;
	void *ctx;
};

static int gscan_cb(void *ctx, uint32_t grp, size_t start, size_t end)
{
	struct gscan *s = ctx;
	return s->fn(s->ctx, &s->g->e[s->g->scan_entry[grp]], start, end);
}

zt_status zt_gazetteer_scan(const zt_gazetteer *g, const char *text, size_t len, zt_gaz_fn fn,
                            void *ctx)
{
	if (!g || !fn || (!text && len))
		return ZT_ERR_ARG;
	struct gscan s = { g, fn, ctx };
	return zt_ac_scan(g->scan, text, len, gscan_cb, &s);
}

size_t zt_gazetteer_scan_table_bytes(const zt_gazetteer *g)
{
	return g ? zt_ac_table_bytes(g->scan) : 0;
}

/* ---- topics ----------------------------------------------------------- */

struct topic {
	const char *name, *zh;
	const char *const *aliases;
	size_t naliases;
	size_t nkeywords;
};

/* keyword k (the scanner's id) marks topics kw_topic[kw_first[k] ...]
 * chained through kw_next. */
struct zt_topics {
	struct arena arena;
	struct topic *t;
	size_t n, cap;
	uint32_t *kw_head, *kw_tail, *kw_topic, *kw_next;
	size_t nkw, capkw, nlink, caplink;
	zt_ac *ac;
};

void zt_topics_free(zt_topics *t)
{
	if (!t)
		return;
	arena_free(&t->arena);
	free(t->t);
	free(t->kw_head);
	free(t->kw_tail);
	free(t->kw_topic);
	free(t->kw_next);
	zt_ac_free(t->ac);
	free(t);
}

/* Add keyword `s` for `topic`; a stop phrase (stop != 0) is matched like
 * a keyword but counts for no topic, so it hides the keywords inside it. */
static zt_status topic_keyword(zt_topics *t, uint32_t topic, const char *s, size_t n, int stop)
{
	char *key = NULL;
	size_t klen;
	zt_status st = zt_fold(s, n, &key, &klen);
	if (st != ZT_OK)
		return st;
	if (klen == 0) {
		free(key);
		return ZT_ERR_SYNTAX;
	}
	uint32_t k = zt_ac_find(t->ac, key, klen);
	if (k == UINT32_MAX) {
		size_t c1 = t->capkw;
		if (grow((void **)&t->kw_head, &c1, t->nkw + 1, sizeof *t->kw_head) ||
		    grow((void **)&t->kw_tail, &t->capkw, t->nkw + 1, sizeof *t->kw_tail)) {
			free(key);
			return ZT_ERR_NOMEM;
		}
		k = (uint32_t)t->nkw++;
		t->kw_head[k] = t->kw_tail[k] = NONE;
		st = zt_ac_add(t->ac, key, klen, k);
	}
	free(key);
	if (st != ZT_OK || stop)
		return st;
	for (uint32_t l = t->kw_head[k]; l != NONE; l = t->kw_next[l])
		if (t->kw_topic[l] == topic)
			return ZT_OK;
	size_t c2 = t->caplink;
	if (grow((void **)&t->kw_topic, &c2, t->nlink + 1, sizeof *t->kw_topic) ||
	    grow((void **)&t->kw_next, &t->caplink, t->nlink + 1, sizeof *t->kw_next))
		return ZT_ERR_NOMEM;
	uint32_t l = (uint32_t)t->nlink++;
	t->kw_topic[l] = topic;
	t->kw_next[l] = NONE;
	if (t->kw_tail[k] == NONE)
		t->kw_head[k] = l;
	else
		t->kw_next[t->kw_tail[k]] = l;
	t->kw_tail[k] = l;
	return ZT_OK;
}

static int valid_topic_name(const char *s, size_t n)
{
	if (n == 0 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return 0;
	}
	return 1;
}

zt_status zt_topics_parse(const char *text, size_t len, const char *origin, zt_topics **out,
                          zt_error *err)
{
	*out = NULL;
	if (!origin)
		origin = "topics";
	zt_topics *t = calloc(1, sizeof *t);
	if (!t)
		return ZT_ERR_NOMEM;
	zt_status st = zt_ac_new(&t->ac);
	if (st != ZT_OK)
		goto fail;
	const char *p = text, *end = text + len;
	int lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct line ln = { .start = p, .len = (size_t)((nl ? nl : end) - p) };
		p = nl ? nl + 1 : end;
		lineno++;
		int r = split_line(&ln);
		if (r == 0)
			continue;
		if (r < 0 || ln.nfields > 4) {
			st = fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 0,
			             "too many columns (expected name, zh_label, aliases, keywords "
			             "separated by tabs)");
			goto fail;
		}
		for (int f = 0; f < ln.nfields; f++) {
			size_t bad;
			if (!zt_utf8_valid(ln.f[f], ln.flen[f], &bad)) {
				st = fail_at(err, ZT_ERR_UTF8, origin, lineno, 0,
				             "invalid UTF-8 in column %d (byte %zu of the field)", f + 1, bad);
				goto fail;
			}
		}
		if (!valid_topic_name(ln.f[0], ln.flen[0])) {
			st = fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 1,
			             "topic name '%.*s' must be a word of Latin letters, digits or '_' "
			             "(such as FoundationModel)", (int)ln.flen[0], ln.f[0]);
			goto fail;
		}
		for (size_t i = 0; i < t->n; i++)
			if (strlen(t->t[i].name) == ln.flen[0] &&
			    strncasecmp(t->t[i].name, ln.f[0], ln.flen[0]) == 0) {
				st = fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 1,
				             "duplicate topic '%s'", t->t[i].name);
				goto fail;
			}
		if (ln.nfields < 4 || ln.flen[3] == 0) {
			st = fail_at(err, ZT_ERR_SYNTAX, origin, lineno, 0,
			             "topic '%.*s' has no keywords (the fourth column lists "
			             "'|'-separated phrases that mark a text as being about it)",
			             (int)ln.flen[0], ln.f[0]);
			goto fail;
		}
		if (grow((void **)&t->t, &t->cap, t->n + 1, sizeof *t->t)) {
			st = ZT_ERR_NOMEM;
			goto fail;
		}
		uint32_t ti = (uint32_t)t->n;
		struct topic *tp = &t->t[ti];
		memset(tp, 0, sizeof *tp);
		tp->name = arena_strdup(&t->arena, ln.f[0], ln.flen[0]);
		tp->zh = arena_strdup(&t->arena, ln.f[1], ln.flen[1]);
		struct pending_alias al[256];
		size_t nal = ln.nfields > 2 ? split_aliases(ln.f[2], ln.flen[2], al, 256) : 0;
		if (nal == 256) {
			st = fail_at(err, ZT_ERR_LIMIT, origin, lineno, 0, "more than 255 aliases");
			goto fail;
		}
		const char **aliases = arena_alloc(&t->arena, (nal ? nal : 1) * sizeof *aliases,
		                                   sizeof(void *));
		if (!tp->name || !tp->zh || !aliases) {
			st = ZT_ERR_NOMEM;
			goto fail;
		}
		for (size_t k = 0; k < nal; k++)
			if (!(aliases[k] = arena_strdup(&t->arena, al[k].s, al[k].n))) {
				st = ZT_ERR_NOMEM;
				goto fail;
			}
		tp->aliases = aliases;
		tp->naliases = nal;
		t->n++;
		struct pending_alias kw[1024];
		size_t nkw = split_aliases(ln.f[3], ln.flen[3], kw, 1024);
		if (nkw == 1024) {
			st = fail_at(err, ZT_ERR_LIMIT, origin, lineno, 0,
			             "more than 1023 keywords for one topic; split the line");
			goto fail;
		}
		for (size_t k = 0; k < nkw; k++) {
			const char *ks = kw[k].s;
			size_t kn = kw[k].n;
			int stop = kn && ks[0] == '!';
			if (stop) {
				ks++, kn--;
				trim(&ks, &kn);
			}
			st = kn ? topic_keyword(t, ti, ks, kn, stop) : ZT_ERR_SYNTAX;
			if (st == ZT_ERR_SYNTAX) {
				st = fail_at(err, ZT_ERR_SYNTAX, origin, lineno, column_of(&ln, kw[k].s),
				             "keyword '%.*s' is empty once spaces and quoting marks are "
				             "removed", (int)kw[k].n, kw[k].s);
				goto fail;
			}
			if (st != ZT_OK)
				goto fail;
			tp->nkeywords++;
		}
	}
	if ((st = zt_ac_build(t->ac)) != ZT_OK)
		goto fail;
	*out = t;
	return ZT_OK;
fail:
	zt_topics_free(t);
	return st;
}

zt_status zt_topics_default(zt_topics **out, zt_error *err)
{
	*out = NULL;
	size_t len;
	const char *text = zt_data_file("topics.tsv", &len);
	if (!text)
		return zt_fail(err, ZT_ERR_IO,
		               "topics.tsv is missing (it belongs in data/ or in the directory named "
		               "by ZHITU_DATA)");
	zt_status st = zt_topics_parse(text, len, "topics.tsv", out, err);
	zt_data_release(text);
	return st;
}

struct tscan {
	const zt_topics *t;
	unsigned *hits;
};

static int tscan_cb(void *ctx, uint32_t k, size_t start, size_t end)
{
	(void)start;
	(void)end;
	struct tscan *s = ctx;
	for (uint32_t l = s->t->kw_head[k]; l != NONE; l = s->t->kw_next[l])
		s->hits[s->t->kw_topic[l]]++;
	return 0;
}

zt_status zt_topics_scan(const zt_topics *t, const char *text, size_t len, zt_topic_fn fn,
                         void *ctx)
{
	if (!t || !fn || (!text && len))
		return ZT_ERR_ARG;
	unsigned *hits = calloc(t->n ? t->n : 1, sizeof *hits);
	if (!hits)
		return ZT_ERR_NOMEM;
	struct tscan s = { t, hits };
	zt_status st = zt_ac_scan(t->ac, text, len, tscan_cb, &s);
	for (size_t i = 0; st == ZT_OK && i < t->n; i++)
		if (hits[i] && fn(ctx, t->t[i].name, hits[i]))
			break;
	free(hits);
	return st;
}

size_t zt_topics_count(const zt_topics *t)
{
	return t ? t->n : 0;
}

const char *zt_topics_name(const zt_topics *t, size_t i)
{
	return t && i < t->n ? t->t[i].name : NULL;
}
