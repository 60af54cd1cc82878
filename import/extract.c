/* extract.c — entities and the mention finders (see extract.h).
 *
 * For each item the finders mark every name they can type, strongest
 * evidence first: the gazetteer; 《…》 documents typed by their ending and
 * bill numbers; people (dotted transliterations, a role before a name);
 * organisations by their ending; names after a descriptor ("初创公司 X")
 * or before a cue ("X 大模型"); quoted names typed by context.  Later
 * finders never override earlier ones on overlapping text.  events.c then
 * picks actors, objects and the rest from these mentions.
 */
#define _GNU_SOURCE   /* memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "../store/norm.h"

/* ------------------------------------------------------------ types */

static const struct { const char *type; const char *group; int depth; } schema_types[] = {
	{ "Entity", NULL, 0 },
	{ "Jurisdiction", "jur", 1 }, { "Country", "jur", 2 }, { "Region", "jur", 2 }, { "Bloc", "jur", 2 },
	{ "Organization", "org", 1 }, { "Authority", "org", 2 }, { "Regulator", "org", 3 },
	{ "Government", "org", 4 }, { "Agency", "org", 4 }, { "Legislature", "org", 4 }, { "Court", "org", 3 },
	{ "Company", "org", 2 }, { "Investor", "org", 2 }, { "Institute", "org", 2 }, { "IntlOrg", "org", 2 },
	{ "Person", "person", 1 },
	{ "Document", "doc", 1 }, { "Law", "doc", 2 }, { "Policy", "doc", 2 }, { "Report", "doc", 2 },
	{ "Model", "model", 1 }, { "Product", "product", 1 },
};

const char *zt_type_group(const zt_gazetteer *gaz, const char *type)
{
	for (size_t k = 0; k < sizeof schema_types / sizeof schema_types[0]; k++)
		if (strcmp(schema_types[k].type, type) == 0)
			return schema_types[k].group;
	/* A type added to data/types.tsv: its group is its schema ancestor's. */
	if (gaz)
		for (size_t k = 1; k < sizeof schema_types / sizeof schema_types[0]; k++)
			if (schema_types[k].depth == 1 && zt_gazetteer_is_a(gaz, type, schema_types[k].type))
				return schema_types[k].group;
	return "org";
}

int x_type_depth(const char *type)
{
	for (size_t k = 0; k < sizeof schema_types / sizeof schema_types[0]; k++)
		if (strcmp(schema_types[k].type, type) == 0)
			return schema_types[k].depth;
	return 5;
}

/* Whether `type` is `ancestor` or below it. */
int x_is_a(const item_state *st, const char *type, const char *ancestor)
{
	if (strcmp(type, ancestor) == 0)
		return 1;
	if (st->ctx->gaz)
		return zt_gazetteer_is_a(st->ctx->gaz, type, ancestor);
	return 0;
}

/* The interned type name (a static string), so facts can keep pointers. */
static const char *type_static(const char *type)
{
	for (size_t k = 0; k < sizeof schema_types / sizeof schema_types[0]; k++)
		if (strcmp(schema_types[k].type, type) == 0)
			return schema_types[k].type;
	return NULL;
}

/* ------------------------------------------------------------ registry */

typedef struct ent_index {
	uint64_t *hash;
	int *slot;
	size_t cap, used;
	const zt_gaz_entry **gkey;   /* gazetteer entry -> entity */
	int *gval;
	size_t gcap, gused;
} ent_index;

static uint64_t fnv(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ULL;
	h = (h ^ 0x1F) * 1099511628211ULL;
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ULL;
	return h ? h : 1;
}

static int index_find(zt_extraction *x, const char *group, const char *key)
{
	ent_index *ix = x->index;
	if (!ix || !ix->cap)
		return -1;
	uint64_t h = fnv(group, key);
	for (size_t i = h & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		if (!ix->hash[i])
			return -1;
		if (ix->hash[i] == h) {
			zt_x_entity *e = &x->ents[ix->slot[i]];
			if (strcmp(e->group, group) == 0 && strcmp(e->key, key) == 0)
				return ix->slot[i];
		}
	}
}

static int index_put(zt_extraction *x, int ent)
{
	ent_index *ix = x->index;
	if (ix->used * 2 >= ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 256;
		uint64_t *h = calloc(cap, sizeof *h);
		int *s = calloc(cap, sizeof *s);
		if (!h || !s) {
			free(h);
			free(s);
			return -1;
		}
		for (size_t i = 0; i < ix->cap; i++)
			if (ix->hash[i]) {
				size_t j = ix->hash[i] & (cap - 1);
				while (h[j])
					j = (j + 1) & (cap - 1);
				h[j] = ix->hash[i];
				s[j] = ix->slot[i];
			}
		free(ix->hash);
		free(ix->slot);
		ix->hash = h;
		ix->slot = s;
		ix->cap = cap;
	}
	zt_x_entity *e = &x->ents[ent];
	uint64_t hv = fnv(e->group, e->key);
	size_t j = hv & (ix->cap - 1);
	while (ix->hash[j])
		j = (j + 1) & (ix->cap - 1);
	ix->hash[j] = hv;
	ix->slot[j] = ent;
	ix->used++;
	return 0;
}

/* The key of a name: its normalization; a law's "…法案" and "…法" are one
 * act ("人工智能法案" = "人工智能法"), so a trailing 案 after 法 is dropped. */
static char *name_key(const char *name, size_t len, const char *type)
{
	char *k;
	size_t kl;
	if (zt_norm(name, len, &k, &kl))
		return NULL;
	if (type && strcmp(type, "Law") == 0 && kl > 6 && memcmp(k + kl - 6, "法案", 6) == 0)
		k[kl - 3] = 0;
	return k;
}

static int alias_known(zt_x_entity *e, const char *key)
{
	if (strcmp(e->key, key) == 0)
		return 1;
	for (size_t i = 0; i < e->naliases; i++) {
		/* gazetteer aliases are normalized only when first compared */
		if (!e->alias_keys[i] && zt_norm(e->aliases[i], strlen(e->aliases[i]), &e->alias_keys[i], NULL))
			continue;
		if (strcmp(e->alias_keys[i], key) == 0)
			return 1;
	}
	return 0;
}

/* Add the gazetteer's aliases as they are: the gazetteer keeps them
 * distinct, so no normalization is needed now. */
static void gaz_aliases(item_state *st, int ent, const zt_gaz_entry *g)
{
	zt_x_entity *e = &st->x->ents[ent];
	if (!g->naliases)
		return;
	char **na = realloc(e->aliases, (e->naliases + g->naliases) * sizeof *na);
	if (na)
		e->aliases = na;
	char **nk = na ? realloc(e->alias_keys, (e->naliases + g->naliases) * sizeof *nk) : NULL;
	if (!nk)
		return;
	e->alias_keys = nk;
	for (size_t a = 0; a < g->naliases; a++) {
		char *c = strdup(g->aliases[a]);
		if (!c)
			return;
		e->aliases[e->naliases] = c;
		e->alias_keys[e->naliases++] = NULL;
	}
}

void x_alias(item_state *st, int ent, const char *name, size_t len)
{
	if (ent < 0 || !len)
		return;
	zt_x_entity *e = &st->x->ents[ent];
	char *clean = zt_tidy_name(name, len);
	if (!clean || !*clean) {
		free(clean);
		return;
	}
	char *k;
	if (zt_norm(clean, strlen(clean), &k, NULL)) {
		free(clean);
		return;
	}
	if (!*k || alias_known(e, k) || e->naliases >= 32) {
		free(k);
		free(clean);
		return;
	}
	char **na = realloc(e->aliases, (e->naliases + 1) * sizeof *na);
	char **nk = na ? realloc(e->alias_keys, (e->naliases + 1) * sizeof *nk) : NULL;
	if (na)
		e->aliases = na;
	if (!nk) {
		free(k);
		free(clean);
		return;
	}
	e->alias_keys = nk;
	e->aliases[e->naliases] = clean;
	e->alias_keys[e->naliases++] = k;
}

static int ent_new(zt_extraction *x, char *name, char *key, const char *type, const char *group,
                   uint32_t item)
{
	if (!x->index && !(x->index = calloc(1, sizeof(ent_index))))
		return -1;
	if (x->nents == x->ecap) {
		size_t cap = x->ecap ? x->ecap * 2 : 64;
		zt_x_entity *n = realloc(x->ents, cap * sizeof *n);
		if (!n)
			return -1;
		x->ents = n;
		x->ecap = cap;
	}
	zt_x_entity *e = &x->ents[x->nents];
	memset(e, 0, sizeof *e);
	e->name = name;
	e->key = key;
	e->type = type;
	e->group = group;
	e->part_of = e->jurisdiction = -1;
	e->item = item;
	if (index_put(x, (int)x->nents))
		return -1;
	return (int)x->nents++;
}

static int x_entity_gaz_new(item_state *st, const zt_gaz_entry *g);

/* Numerals that count things: "三名作家", "多家公司", "第二年", "19 款". */
static int cjk_numeral(uint32_t c)
{
	static const char nums[] = "一二三四五六七八九十两几数多首第每百千";
	char u[4];
	size_t l = zt_u8_put(c, u);
	for (size_t k = 0; k + l <= sizeof nums - 1; k += 3)
		if (memcmp(nums + k, u, l) == 0)
			return 1;
	return 0;
}

int x_descriptive(const zt_rules *R, const char *t, size_t s, size_t e)
{
	size_t adv;
	for (size_t i = s; i < e; i += adv) {
		uint32_t c = zt_u8_at(t, e, i, &adv);
		int digit = c >= '0' && c <= '9';
		if (!digit && !cjk_numeral(c))
			continue;
		size_t j = i + adv;
		while (digit && j < e && ((t[j] >= '0' && t[j] <= '9') || t[j] == '.' || t[j] == ','))
			j++;
		j = zt_skip_space(t, e, j);
		const zt_rule *m = zt_rules_at(R, ZT_R_MEASURE, t, e, j);
		/* 万/亿 count only after digits: 零一万物 is a name, 2230 万美元 is not */
		if (m && (digit || !zt_rule_has_flag(m, "digits")))
			return 1;
	}
	return 0;
}

/* Whether a name found by the rules only describes: it counts things
 * (x_descriptive) or is made only of generic words and common nouns
 * ("专家团队", "外媒", "幻觉").  Documents are exempt: titles hold years
 * and numbers ("国务院2024年度立法工作计划"). */
static int not_a_name(const item_state *st, const char *name, size_t len, const char *type)
{
	if (strcmp(zt_type_group(st->ctx->gaz, type), "doc") == 0)
		return 0;
	const zt_rules *R = st->ctx->rules;
	if (x_descriptive(R, name, 0, len))
		return 1;
	/* public bodies are named by a place and a common word (日本政府,
	 * 欧洲议会), and the generic words hold place names */
	if (x_is_a(st, type, "Authority") || x_is_a(st, type, "IntlOrg"))
		return 0;
	return zt_rules_cover2(R, ZT_R_GENERIC, ZT_R_COMMON, name, 0, len);
}

/* An entity for a name found in text (not the gazetteer): the gazetteer
 * still wins when it knows the name with a compatible type; a phrase that
 * only describes (not_a_name) is no entity (-1). */
int x_entity(item_state *st, const char *name, size_t len, const char *type)
{
	const char *ty = type_static(type);
	if (!ty)
		ty = "Organization";
	char *clean = zt_tidy_name(name, len);
	if (!clean)
		return -1;
	size_t cl = strlen(clean);
	if (cl == 0 || cl > 300) {
		free(clean);
		return -1;
	}
	const char *group = zt_type_group(st->ctx->gaz, ty);
	if (st->ctx->gaz) {
		const zt_gaz_entry *g = zt_gazetteer_get(st->ctx->gaz, clean, cl, ty);
		if (g && strcmp(zt_type_group(st->ctx->gaz, g->type), group) == 0) {
			free(clean);
			return x_entity_gaz(st, g);
		}
	}
	if (not_a_name(st, clean, cl, ty)) {
		free(clean);
		return -1;
	}
	char *key = name_key(clean, cl, ty);
	if (!key || !*key) {
		free(clean);
		free(key);
		return -1;
	}
	int i = index_find(st->x, group, key);
	if (i >= 0) {
		zt_x_entity *e = &st->x->ents[i];
		/* a more specific type for the same thing wins, never across branches */
		if (!e->from_gazetteer && x_type_depth(ty) > x_type_depth(e->type) &&
		    x_is_a(st, ty, e->type))
			e->type = ty;
		if (strcmp(e->name, clean) != 0)
			x_alias(st, i, clean, cl);
		free(clean);
		free(key);
		return i;
	}
	i = ent_new(st->x, clean, key, ty, group, st->item ? st->item->number : 0);
	if (i < 0) {
		free(clean);
		free(key);
	}
	return i;
}

/* Gazetteer entries already turned into entities, by entry address. */
static int gaz_cache_get(zt_extraction *x, const zt_gaz_entry *g)
{
	ent_index *ix = x->index;
	if (!ix || !ix->gcap)
		return -1;
	size_t h = ((uintptr_t)g >> 4) * 0x9E3779B97F4A7C15ULL;
	for (size_t i = h & (ix->gcap - 1);; i = (i + 1) & (ix->gcap - 1)) {
		if (!ix->gkey[i])
			return -1;
		if (ix->gkey[i] == g)
			return ix->gval[i];
	}
}

static void gaz_cache_put(zt_extraction *x, const zt_gaz_entry *g, int ent)
{
	ent_index *ix = x->index;
	if (!ix)
		return;
	if (ix->gused * 2 >= ix->gcap) {
		size_t cap = ix->gcap ? ix->gcap * 2 : 256;
		const zt_gaz_entry **k = calloc(cap, sizeof *k);
		int *v = calloc(cap, sizeof *v);
		if (!k || !v) {
			free(k);
			free(v);
			return;
		}
		for (size_t i = 0; i < ix->gcap; i++)
			if (ix->gkey[i]) {
				size_t j = (((uintptr_t)ix->gkey[i] >> 4) * 0x9E3779B97F4A7C15ULL) & (cap - 1);
				while (k[j])
					j = (j + 1) & (cap - 1);
				k[j] = ix->gkey[i];
				v[j] = ix->gval[i];
			}
		free(ix->gkey);
		free(ix->gval);
		ix->gkey = k;
		ix->gval = v;
		ix->gcap = cap;
	}
	size_t j = (((uintptr_t)g >> 4) * 0x9E3779B97F4A7C15ULL) & (ix->gcap - 1);
	while (ix->gkey[j])
		j = (j + 1) & (ix->gcap - 1);
	ix->gkey[j] = g;
	ix->gval[j] = ent;
	ix->gused++;
}

int x_entity_gaz(item_state *st, const zt_gaz_entry *g)
{
	int cached = gaz_cache_get(st->x, g);
	if (cached >= 0)
		return cached;
	int r = x_entity_gaz_new(st, g);
	if (r >= 0)
		gaz_cache_put(st->x, g, r);
	return r;
}

static int x_entity_gaz_new(item_state *st, const zt_gaz_entry *g)
{
	const char *ty = type_static(g->type);
	if (!ty)
		ty = g->type;   /* a type from data/types.tsv beyond the schema: lives as long as the gazetteer */
	const char *group = zt_type_group(st->ctx->gaz, ty);
	char *key = name_key(g->name, strlen(g->name), NULL);
	if (!key)
		return -1;
	int i = index_find(st->x, group, key);
	if (i >= 0) {
		zt_x_entity *e = &st->x->ents[i];
		if (!e->from_gazetteer) {
			/* the text named it first; the gazetteer's word on type wins */
			e->type = ty;
			e->from_gazetteer = 1;
			for (size_t a = 0; a < g->naliases; a++)
				x_alias(st, i, g->aliases[a], strlen(g->aliases[a]));
		}
		free(key);
		return i;
	}
	char *name = strdup(g->name);
	if (!name) {
		free(key);
		return -1;
	}
	i = ent_new(st->x, name, key, ty, group, st->item ? st->item->number : 0);
	if (i < 0) {
		free(name);
		free(key);
		return -1;
	}
	st->x->ents[i].from_gazetteer = 1;
	gaz_aliases(st, i, g);
	/* materialize the part_of chain and the jurisdiction */
	const zt_gaz_entry *p = zt_gazetteer_part_of(st->ctx->gaz, g);
	if (p && p != g) {
		int pi = x_entity_gaz(st, p);
		st->x->ents[i].part_of = pi;
	}
	const zt_gaz_entry *j = zt_gazetteer_jurisdiction(st->ctx->gaz, g);
	if (j && j != g) {
		int ji = x_entity_gaz(st, j);
		st->x->ents[i].jurisdiction = ji;
	}
	return i;
}

/* ------------------------------------------------------------ mentions */

int x_add_mention(item_state *st, size_t s, size_t e, int ent, mention_how how)
{
	if (ent < 0 || e <= s)
		return -1;
	/* never override an earlier (stronger) mention on overlapping text */
	for (size_t k = 0; k < st->nm; k++)
		if (st->m[k].s < e && s < st->m[k].e)
			return -1;
	if (st->nm == st->mcap) {
		size_t cap = st->mcap ? st->mcap * 2 : 64;
		mention *n = realloc(st->m, cap * sizeof *n);
		if (!n)
			return -1;
		st->m = n;
		st->mcap = cap;
	}
	st->m[st->nm].s = s;
	st->m[st->nm].e = e;
	st->m[st->nm].ent = ent;
	st->m[st->nm].how = how;
	st->nm++;
	return 0;
}

const mention *x_mention_at(const item_state *st, size_t s, size_t e)
{
	for (size_t k = 0; k < st->nm; k++)
		if (st->m[k].s < e && s < st->m[k].e)
			return &st->m[k];
	return NULL;
}

static int covered(const item_state *st, size_t i)
{
	for (size_t k = 0; k < st->nm; k++)
		if (st->m[k].s <= i && i < st->m[k].e)
			return 1;
	return 0;
}

/* Report prose restates background: it names companies, people and
 * their roles, but the documents it cites are not news of the report's
 * date (the newsletters record when laws and policies were issued), so
 * they are left out.  Funding tables are read separately. */
static int report_prose(const item_state *st)
{
	return st->doc->layout == ZT_LAYOUT_REPORT && st->item->kind == ZT_ITEM_PROSE;
}

static int gaz_cb(void *ctx, const zt_gaz_entry *e, size_t s, size_t end)
{
	item_state *st = ctx;
	/* A document's title is written in 《》 or quotes; the same words bare
	 * in running text ("受到著作权法保护") speak of the law in general.
	 * Latin names ("the AI Act") are specific enough as they are. */
	int doc = strcmp(zt_type_group(st->ctx->gaz, e->type), "doc") == 0;
	if (doc && report_prose(st))
		return 0;
	if (doc && (unsigned char)st->t[s] >= 0x80) {
		uint32_t b = zt_u8_before(st->t, s);
		if (b != 0x300A && b != 0x201C && b != 0x300C && b != 0x300E)
			return 0;
	}
	/* a Latin name glued to more of a longer one is not that name:
	 * PaLM in "Med-PaLM M", Copilot in "Copilot+ PC", Kimi in "Kimi+" */
	if ((unsigned char)st->t[s] < 0x80) {
		const char *t = st->t;
		if (s >= 2 && t[s - 1] == '-' && zt_is_latin_word((unsigned char)t[s - 2]))
			return 0;
		if (end < st->n && t[end] == '+')
			return 0;
		if (end + 1 < st->n && t[end] == '-' && zt_is_latin_word((unsigned char)t[end + 1]) &&
		    zt_is_latin_word((unsigned char)t[end - 1]))
			return 0;
		/* a version after it names another model: "Claude 3", "Llama 2"
		 * (but "Anthropic 2024 年" is a year) */
		if (end + 1 < st->n && t[end] == ' ' && t[end + 1] >= '0' && t[end + 1] <= '9' ) {
			size_t q = end + 1;
			while (q < st->n && ((t[q] >= '0' && t[q] <= '9') || t[q] == '.'))
				q++;
			size_t r = zt_skip_space(t, st->n, q), adv;
			uint32_t c = r < st->n ? zt_u8_at(t, st->n, r, &adv) : 0;
			if (!(zt_is_cjk(c) && x_rule_at(st, ZT_R_MEASURE, r)) && c != '%' && !(q < st->n && zt_is_latin_word((unsigned char)t[q])))
				return 0;
		}
	}
	int ent = x_entity_gaz(st, e);
	x_add_mention(st, s, end, ent, HOW_GAZ);
	return 0;
}

static int is_dot(uint32_t c)
{
	return c == 0x00B7 || c == 0x30FB || c == 0x2022 || c == 0x2027 || c == 0xFF65 || c == 0x2219;
}

static int is_latin_name_char(uint32_t c)
{
	return zt_is_latin_word(c) || c == '-' || c == '+' || c == '.' || c == '&' || c == '\'' || c == '_';
}

/* A Latin name starting at t[i]: tokens of letters, digits and - + . & '
 * separated by single spaces, each further token starting with a capital
 * or a digit (or being '&'), at most 6 tokens.  Returns its length (0 if
 * none) and *end. */
size_t x_latin_name(const char *t, size_t n, size_t i, size_t *end)
{
	size_t j = i, adv, last = i;
	int tokens = 0;
	while (j < n && tokens < 6) {
		uint32_t c = zt_u8_at(t, n, j, &adv);
		if (tokens > 0) {
			int upper = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '&' ||
			            (c >= 0xFF21 && c <= 0xFF3A);
			if (!upper)
				break;
		} else if (!zt_is_latin_word(c)) {
			break;
		}
		size_t k = j;
		while (k < n) {
			uint32_t d = zt_u8_at(t, n, k, &adv);
			if (!is_latin_name_char(d))
				break;
			k += adv;
		}
		/* a trailing '.' or '-' belongs to the sentence, not the name */
		while (k > j && (t[k - 1] == '.' || t[k - 1] == '-' || t[k - 1] == '\''))
			k--;
		if (k == j)
			break;
		last = k;
		tokens++;
		/* "Copilot+ PC": a space then another capitalised token continues */
		if (k < n && t[k] == ' ' && k + 1 < n)
			j = k + 1;
		else
			break;
	}
	if (!tokens)
		return 0;
	int letter = 0;
	for (size_t k = i; k < last; k++)
		letter |= (t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= 'a' && t[k] <= 'z');
	if (!letter)
		return 0;
	*end = last;
	return last - i;
}

/* Organisations that can be part of one another's names. */
static int org_family(const item_state *st, const char *type)
{
	if (x_is_a(st, type, "Authority"))
		return 1;
	if (x_is_a(st, type, "Company") || x_is_a(st, type, "Investor"))
		return 2;
	if (x_is_a(st, type, "Institute"))
		return 3;
	if (x_is_a(st, type, "IntlOrg"))
		return 4;
	return 5;
}

/* Scan left from `end` over ideographs (and, with allow_latin, Latin
 * words) while no stop word or earlier mention intervenes; returns the
 * start.  At most `limit_chars` characters. */
size_t x_left_name(const item_state *st, size_t end, size_t limit_chars, int flags)
{
	const char *t = st->t;
	size_t i = end, chars = 0;
	int allow_latin = flags & LEFT_LATIN, and_used = 0;
	while (i > 0 && chars < limit_chars) {
		const zt_rule *stop = zt_rules_ending(st->ctx->rules, ZT_R_STOP, t, i);
		/* legal names run long and hold words like 在 (中文在线集团股份有限公司):
		 * only 的 and multi-character stop words end them */
		/* public bodies join two fields with 和 (印度电子和信息技术部,
		 * 工业和信息化部) — once, and not between places (美国和英国政府) */
		if (stop && (flags & LEFT_AND) && !and_used && chars >= 2 && i >= 6 && zt_starts(t, st->n, i - 3, "和") &&
		    zt_is_cjk(zt_u8_before(t, i - 3)) && !covered(st, i) && !covered(st, zt_u8_prev(t, i - 3))) {
			and_used = 1;
			i -= 3;
			chars++;
			continue;
		}
		if (stop && (!(flags & LEFT_WEAK_STOPS) || stop->len > 3 || zt_starts(t, i, i - 3, "的")))
			break;
		size_t p = zt_u8_prev(t, i), adv;
		uint32_t c = zt_u8_at(t, st->n, p, &adv);
		int ok = zt_is_cjk(c) || (allow_latin && (zt_is_latin_word(c) || c == ' ' || c == '&'));
		/* a region in brackets inside a company name: 中电信人工智能科技（北京）有限公司 */
		if (!ok && (c == 0xFF09 || c == ')')) {
			size_t q = p;
			int k = 0;
			while (q > 0 && k < 6) {
				size_t pq = zt_u8_prev(t, q);
				uint32_t d = zt_u8_at(t, st->n, pq, &adv);
				if (d == 0xFF08 || d == '(') {
					if (k >= 2 && pq > 0 && zt_is_cjk(zt_u8_before(t, pq))) {
						i = pq;
						chars += (size_t)k + 2;
						goto next;
					}
					break;
				}
				if (!zt_is_cjk(d))
					break;
				q = pq;
				k++;
			}
		}
		if (ok && covered(st, p) && (flags & LEFT_ABSORB)) {
			/* a place or an organisation of the same kind glued to the front
			 * is part of this longer name: 北京 + 互联网法院, 腾讯云 +
			 * 计算（北京）有限责任公司 — but a company is not part of a court */
			const mention *m = x_mention_at(st, p, p + 1);
			const zt_x_entity *me = m ? &st->x->ents[m->ent] : NULL;
			if (m && m->e == i && m->how != HOW_ABBREV &&
			    (strcmp(me->group, "jur") == 0 ||
			     (strcmp(me->group, "org") == 0 && st->want && org_family(st, me->type) == org_family(st, st->want)))) {
				chars += zt_u8_count(t + m->s, m->e - m->s);
				i = m->s;
				continue;
			}
		}
		if (!ok || covered(st, p))
			break;
		i = p;
		chars++;
	next:;
	}
	/* no leading spaces */
	while (i < end && t[i] == ' ')
		i++;
	return i;
}

static size_t char_count(const char *s, size_t a, size_t b)
{
	return zt_u8_count(s + a, b - a);
}

/* Whether the gazetteer knows this name as an organisation (also through
 * its lookup-only aliases, which the scan does not report). */
static int known_org(const item_state *st, const char *s, size_t n)
{
	const zt_gaz_entry *g = st->ctx->gaz ? zt_gazetteer_get(st->ctx->gaz, s, n, "Organization") : NULL;
	return g && strcmp(zt_type_group(st->ctx->gaz, g->type), "org") == 0;
}

/* Whether a name found by scanning left really starts at s: the text
 * before it is not more ideographs of the same run (the scan stopped at a
 * boundary, a stop word or a verb, not at its length limit). */
static int name_boundary(const item_state *st, size_t s)
{
	if (s == 0)
		return 1;
	uint32_t c = zt_u8_before(st->t, s);
	if (!zt_is_cjk(c))
		return 1;
	const zt_rules *R = st->ctx->rules;
	return zt_rules_ending(R, ZT_R_STOP, st->t, s) || zt_rules_ending(R, ZT_R_VERB, st->t, s) ||
	       covered(st, zt_u8_prev(st->t, s));
}

/* The type of a 《…》 at [s, e) whose name has no document ending: a
 * paper ("论文题为《…》") is a Report; a work named in a title (a film, a
 * trailer) a Document; a newspaper ("据《科创板日报》报道") or anything in
 * running text nothing. */
static const char *untyped_work(const item_state *st, size_t s, size_t e)
{
	const char *t = st->t;
	size_t from = s > 12 ? s - 12 : 0;
	if (zt_find(t, from, s, "论文") != (size_t)-1 || zt_find(t, from, s, "题为") != (size_t)-1)
		return "Report";
	if (e > st->tl)
		return NULL;
	if (zt_find(t, from, s, "据") != (size_t)-1 || zt_starts(t, st->n, e, "报道") ||
	    zt_starts(t, st->n, e, "消息") || zt_starts(t, st->n, e, "援引"))
		return NULL;
	return "Document";
}

/* 《…》: documents typed by their ending. */
static void find_documents(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n;
	for (size_t i = 0; i + 3 <= n; i++) {
		if (!zt_starts(t, n, i, "《"))
			continue;
		size_t a = i + 3;
		size_t b = zt_find(t, a, n < a + 300 ? n : a + 300, "》");
		if (b == (size_t)-1)
			continue;
		/* the name may carry a parenthesized edition: 《…指南(1.0)》 */
		size_t e = b;
		size_t adv;
		while (e > a) {
			uint32_t c = zt_u8_at(t, e, zt_u8_prev(t, e), &adv);
			if (c != ')' && c != 0xFF09)
				break;
			/* drop a trailing (…) for typing */
			size_t q = e;
			while (q > a && t[q - 1] != '(' && !zt_starts(t, n, q >= 3 ? q - 3 : 0, "（"))
				q--;
			if (q <= a)
				break;
			e = t[q - 1] == '(' ? q - 1 : q - 3;
			while (e > a && t[e - 1] == ' ')
				e--;
		}
		/* a subtitle after a dash does not type the document:
		 * 《大模型治理蓝皮报告（2023年）——从规则走向实践》 is a report */
		size_t dash = zt_find(t, a, e, "——");
		if (dash == (size_t)-1)
			dash = zt_find(t, a, e, "—");
		if (dash != (size_t)-1 && dash > a) {
			e = dash;
			while (e > a && (t[e - 1] == ' ' || t[e - 1] == ')' || zt_starts(t, n, e - 3, "）"))) {
				if (t[e - 1] == ' ') {
					e--;
					continue;
				}
				size_t q = e;
				while (q > a && t[q - 1] != '(' && !zt_starts(t, n, q - 3, "（"))
					q--;
				if (q <= a)
					break;
				e = t[q - 1] == '(' ? q - 1 : q - 3;
			}
		}
		const zt_rule *r = zt_rules_ending(st->ctx->rules, ZT_R_DOC_SUFFIX, t, e);
		const char *dtype = r ? r->value : untyped_work(st, i, b + 3);
		if (!dtype) {
			i = b;
			continue;
		}
		const zt_gaz_entry *g = st->ctx->gaz ? zt_gazetteer_get(st->ctx->gaz, t + a, b - a, dtype) : NULL;
		int ent;
		if (g && strcmp(zt_type_group(st->ctx->gaz, g->type), "doc") == 0)
			ent = x_entity_gaz(st, g);
		else
			ent = x_entity(st, t + a, b - a, dtype);
		/* replace weaker mentions inside the brackets */
		for (size_t k = 0; k < st->nm;)
			if (st->m[k].s >= a && st->m[k].e <= b)
				st->m[k] = st->m[--st->nm];
			else
				k++;
		x_add_mention(st, i, b + 3, ent, HOW_DOC);
		/* an alias in brackets right after: 《…法案》（SB24-205） */
		size_t p = b + 3;
		if (zt_starts(t, n, p, "（") || zt_starts(t, n, p, "(")) {
			size_t q = p + (t[p] == '(' ? 1 : 3);
			size_t close = q;
			while (close < n && close < q + 200 && t[close] != ')' && !zt_starts(t, n, close, "）") &&
			       !zt_starts(t, n, close, "（"))
				close++;
			if (close < n && close > q && (t[close] == ')' || zt_starts(t, n, close, "）")) &&
			    !zt_has_cjk(t + q, close - q))
				x_alias(st, ent, t + q, close - q);
		}
		i = b;
	}
}

/* Bill numbers: H.R.8315, S.1234, SB24-205, AB 331. */
static void find_bills(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n;
	for (size_t i = 0; i + 4 < n; i++) {
		if ((t[i] != 'H' && t[i] != 'S' && t[i] != 'A') || (i > 0 && zt_is_latin_word((unsigned char)t[i - 1])))
			continue;
		size_t j = i;
		if (zt_starts(t, n, i, "H.R.") || zt_starts(t, n, i, "H. R."))
			j = i + (t[i + 2] == ' ' ? 5 : 4);
		else if (zt_starts(t, n, i, "S.") && i + 2 < n && t[i + 2] >= '0' && t[i + 2] <= '9')
			j = i + 2;
		else if ((zt_starts(t, n, i, "SB") || zt_starts(t, n, i, "AB") || zt_starts(t, n, i, "HB")) &&
		         i + 2 < n && (t[i + 2] == ' ' || (t[i + 2] >= '0' && t[i + 2] <= '9')))
			j = i + 2 + (t[i + 2] == ' ');
		else
			continue;
		size_t k = j;
		while (k < n && ((t[k] >= '0' && t[k] <= '9') || (t[k] == '-' && k + 1 < n && t[k + 1] >= '0' && t[k + 1] <= '9')))
			k++;
		if (k == j || !(t[j] >= '0' && t[j] <= '9') || (k < n && zt_is_latin_word((unsigned char)t[k])))
			continue;
		if (covered(st, i)) {
			i = k;
			continue;
		}
		int ent = x_entity(st, t + i, k - i, "Law");
		x_add_mention(st, i, k, ent, HOW_DOC);
		/* "H.R.8315-Enhancing National Frameworks … Act" */
		if (k + 1 < n && t[k] == '-' && t[k + 1] >= 'A' && t[k + 1] <= 'Z') {
			size_t e = k + 1;
			while (e < n && t[e] != ')' && !zt_starts(t, n, e, "）") && (unsigned char)t[e] < 0x80)
				e++;
			if (e - k > 8)
				x_alias(st, ent, t + k + 1, e - k - 1);
		}
		i = k;
	}
}

/* An alias in brackets right after a mention: "吉娜·雷蒙多(Gina Raimondo)",
 * "人工智能办公室（AI Office）", "（以下简称“风乌”）". */
static void bracket_alias(item_state *st, const mention *m)
{
	const char *t = st->t;
	size_t n = st->n, p = m->e;
	if (!(zt_starts(t, n, p, "（") || zt_starts(t, n, p, "(")))
		return;
	size_t q = p + (t[p] == '(' ? 1 : 3);
	size_t close = q;
	while (close < n && close < q + 160 && t[close] != ')' && !zt_starts(t, n, close, "）") && t[close] != '\n')
		close++;
	if (close >= n || close == q || !(t[close] == ')' || zt_starts(t, n, close, "）")))
		return;
	size_t jc = zt_find(t, q, close, "简称");
	if (jc != (size_t)-1) {
		size_t o = zt_find(t, jc, close, "“"), c2;
		if (o != (size_t)-1 && (c2 = zt_find(t, o, close, "”")) != (size_t)-1)
			x_alias(st, m->ent, t + o + 3, c2 - o - 3);
		return;
	}
	/* Latin text in brackets after a Chinese name, or a short Chinese name after a Latin one */
	int cjk = zt_has_cjk(t + q, close - q);
	const zt_x_entity *e = &st->x->ents[m->ent];
	if (!cjk && zt_has_cjk(t + m->s, m->e - m->s)) {
		/* not a stock code or a year */
		int letters = 0;
		for (size_t k = q; k < close; k++)
			letters += (t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= 'a' && t[k] <= 'z');
		const char *quote = NULL;
		size_t ql = 0;
		/* "The Monetary Authority of Singapore “MAS”" */
		size_t o = zt_find(t, q, close, "“");
		if (o != (size_t)-1) {
			size_t c2 = zt_find(t, o, close, "”");
			if (c2 != (size_t)-1) {
				quote = t + o + 3;
				ql = c2 - o - 3;
				x_alias(st, m->ent, quote, ql);
				close = o;
			}
		}
		if (letters >= 2 && strcmp(e->group, "doc") != 0)
			x_alias(st, m->ent, t + q, close - q);
	}
}

/* People: a dotted transliteration (迈克尔·麦考尔) and a role before a
 * name (州长 Jared Polis, 主席习近平, CEO, David Luan). */
static void find_people(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n, adv;
	const zt_rules *R = st->ctx->rules;
	for (size_t i = 0; i < n; i += adv) {
		uint32_t c = zt_u8_at(t, n, i, &adv);
		if (!is_dot(c) || covered(st, i))
			continue;
		uint32_t before = zt_u8_before(t, i);
		size_t aft;
		uint32_t after = i + adv < n ? zt_u8_at(t, n, i + adv, &aft) : 0;
		if (!zt_is_cjk(before) || !zt_is_cjk(after))
			continue;
		/* left part: up to 5 ideographs, stopping at roles and stop words */
		size_t s = i, k = 0;
		while (s > 0 && k < 5) {
			if (zt_rules_ending(R, ZT_R_ROLE, t, s) || zt_rules_ending(R, ZT_R_STOP, t, s))
				break;
			size_t p = zt_u8_prev(t, s);
			if (!zt_is_cjk(zt_u8_at(t, n, p, &aft)) || covered(st, p))
				break;
			s = p;
			k++;
		}
		if (k == 0)
			continue;
		/* right part(s): up to 6 ideographs each, dots may chain */
		size_t e = i;
		for (;;) {
			size_t j = e + 3 > n ? n : e;
			uint32_t d = zt_u8_at(t, n, e, &aft);
			if (!is_dot(d))
				break;
			j = e + aft;
			size_t r = 0;
			while (j < n && r < 6) {
				if (r > 0 && x_rule_at(st, ZT_R_STOP, j))
					break;
				uint32_t x = zt_u8_at(t, n, j, &aft);
				if (!zt_is_cjk(x))
					break;
				j += aft;
				r++;
			}
			if (r == 0)
				break;
			e = j;
			if (e >= n)
				break;
		}
		if (e == i)
			continue;
		int ent = x_entity(st, t + s, e - s, "Person");
		if (x_add_mention(st, s, e, ent, HOW_PERSON) == 0)
			bracket_alias(st, &st->m[st->nm - 1]);
		adv = e - i;
	}

	/* role + name */
	for (size_t i = 0; i < n;) {
		const zt_rule *r = x_rule_at(st, ZT_R_ROLE, i);
		if (!r) {
			zt_u8_at(t, n, i, &adv);
			i += adv;
			continue;
		}
		size_t j = i + r->len;
		/* "CEO, David Luan" in report bullets */
		if (j < n && (t[j] == ',' || zt_starts(t, n, j, "，")))
			j += t[j] == ',' ? 1 : 3;
		j = zt_skip_space(t, n, j);
		for (int more = 0; more < 4 && j < n; more++) {
			if (covered(st, j))
				break;
			uint32_t c = zt_u8_at(t, n, j, &adv);
			size_t e = j;
			if (c >= 'A' && c <= 'Z') {
				/* two or three capitalised words */
				size_t k = j;
				int words = 0;
				while (k < n && words < 3) {
					if (!(t[k] >= 'A' && t[k] <= 'Z'))
						break;
					size_t w = k + 1;
					while (w < n && ((t[w] >= 'a' && t[w] <= 'z') || t[w] == '\'' || t[w] == '-' ||
					                 (t[w] >= 'A' && t[w] <= 'Z')))
						w++;
					words++;
					e = w;
					if (w < n && t[w] == ' ' && w + 1 < n && t[w + 1] >= 'A' && t[w + 1] <= 'Z')
						k = w + 1;
					else
						break;
				}
				if (words < 2)
					break;
			} else if (zt_is_cjk(c)) {
				if (x_rule_at(st, ZT_R_STOP, j) || x_rule_at(st, ZT_R_VERB, j))
					break;
				size_t k = j;
				int chars = 0;
				while (k < n && chars < 4) {
					/* "徐洲金跟投", "王小川表示" */
					if (chars >= 2 && (x_rule_at(st, ZT_R_STOP, k) || x_rule_at(st, ZT_R_VERB, k) ||
					                   x_rule_at(st, ZT_R_LEAD_AFTER, k) || x_rule_at(st, ZT_R_FOLLOW_AFTER, k)))
						break;
					uint32_t d = zt_u8_at(t, n, k, &adv);
					if (!zt_is_cjk(d))
						break;
					k += adv;
					chars++;
				}
				/* Chinese names have two or three characters and start with
				 * a family name */
				if (chars < 2 || chars > 3 || (k < n && is_dot(zt_u8_at(t, n, k, &adv))) ||
				    !x_rule_at(st, ZT_R_SURNAME, j))
					break;
				/* "搜狗原 COO 茹立云": a name followed by a role belongs to that role */
				size_t kr = zt_skip_space(t, n, k);
				if (x_rule_at(st, ZT_R_ROLE, kr) && kr > k)
					break;
				e = k;
			} else {
				break;
			}
			int ent = x_entity(st, t + j, e - j, "Person");
			if (x_add_mention(st, j, e, ent, HOW_PERSON) == 0)
				bracket_alias(st, &st->m[st->nm - 1]);
			/* "Manny Rutinel 和 Brianna Titone" */
			size_t k = zt_skip_space(t, n, e);
			if (zt_starts(t, n, k, "和") || zt_starts(t, n, k, "、") || zt_starts(t, n, k, "及"))
				j = zt_skip_space(t, n, k + 3);
			else if (zt_starts(t, n, k, "and "))
				j = k + 4;
			else
				break;
		}
		i += r->len;
	}
}

/* Whether t[a, b) is only `generic` words flagged "place" (欧洲, 美国). */
static int place_words(const zt_rules *R, const char *t, size_t a, size_t b)
{
	if (a >= b)
		return 0;
	while (a < b) {
		a = zt_skip_space(t, b, a);
		if (a >= b)
			break;
		const zt_rule *r = zt_rules_at(R, ZT_R_GENERIC, t, b, a);
		if (!r || !zt_rule_has_flag(r, "place"))
			return 0;
		a += r->len;
	}
	return 1;
}

/* Whether t[a, b) is only places (jurisdiction mentions, spaces). */
static int prefix_is_place(const item_state *st, size_t a, size_t b)
{
	if (a >= b)
		return 0;
	while (a < b) {
		a = zt_skip_space(st->t, b, a);
		if (a >= b)
			break;
		const mention *m = x_mention_at(st, a, a + 1);
		if (!m || m->s != a || m->e > b || strcmp(st->x->ents[m->ent].group, "jur") != 0)
			return 0;
		a = m->e;
	}
	return 1;
}

/* Where an organisation's name starts, given the start a left scan
 * found: a public body's name starts with its place, so words glued in
 * front of the first place are not part of it ("继欧洲议会", "送呈欧盟
 * 议会" → 欧洲议会, 欧盟议会) unless they are a `place_prefix` (中共);
 * a country right before one of its regions is dropped (美国科罗拉多州
 * 立法机构 → 科罗拉多州立法机构; the caller keeps the long form as an
 * alias).  With `whole` (国务院) the ending is a name by itself and only
 * places may precede it. */
static size_t place_start(const item_state *st, size_t s, size_t end, int whole)
{
	const char *t = st->t;
	const mention *first = NULL;
	for (size_t k = 0; k < st->nm; k++) {
		const mention *m = &st->m[k];
		if (m->s >= s && m->e <= end && strcmp(st->x->ents[m->ent].group, "jur") == 0 &&
		    (!first || m->s < first->s))
			first = m;
	}
	if (!first) {
		if (whole)
			return end;
		return s;
	}
	/* one or two glued characters ("继", "送呈"), not a name of its own
	 * before the place (阿里巴巴杭州研究院) */
	if (first->s > s && char_count(t, s, first->s) <= 2 && !x_mention_at(st, s, first->s) &&
	    !zt_rules_cover(st->ctx->rules, ZT_R_PLACE_PREFIX, t, s, first->s))
		s = first->s;
	if (whole && !prefix_is_place(st, s, end))
		return end;
	/* a country, then a region of it */
	if (s == first->s && x_is_a(st, st->x->ents[first->ent].type, "Country")) {
		size_t q = zt_skip_space(t, end, first->e);
		const mention *next = x_mention_at(st, q, q + 1);
		if (next && next->s == q && next->e <= end && x_is_a(st, st->x->ents[next->ent].type, "Region")) {
			int up = st->x->ents[next->ent].part_of;
			for (int d = 0; up >= 0 && d < 8 && up != first->ent; d++)
				up = st->x->ents[up].part_of;
			if (up == first->ent)
				s = q;
		}
	}
	return s;
}

/* Organisations by their ending. */
static void find_orgs(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n, adv;
	const zt_rules *R = st->ctx->rules;
	for (size_t i = 0; i < n;) {
		const zt_rule *r = x_rule_at(st, ZT_R_ORG_SUFFIX, i);
		if (!r) {
			zt_u8_at(t, n, i, &adv);
			i += adv;
			continue;
		}
		size_t e = i + r->len;
		if (covered(st, i) || (e < n && covered(st, e - 1))) {
			i = e;
			continue;
		}
		/* 部 in 商务部 but not in 部长; no ending inside a longer word
		 * unless a verb or stop word follows (新壹科技发布) */
		if (e < n && zt_rule_has_flag(r, "short") && zt_is_cjk(zt_u8_at(t, n, e, &adv)) &&
		    !x_rule_at(st, ZT_R_STOP, e) && !x_rule_at(st, ZT_R_VERB, e)) {
			i += 3;
			continue;
		}
		if (zt_rules_ending(R, ZT_R_NOT_ORG, t, e)) {
			i = e;
			continue;
		}
		if (r->latin) {
			/* Latin: the capitalised words before "Ventures"/"Capital" */
			size_t s = i;
			int words = 0;
			while (s > 0 && words < 4) {
				size_t p = s;
				if (t[p - 1] != ' ')
					break;
				p--;
				size_t w = p;
				while (w > 0 && (zt_is_latin_word((unsigned char)t[w - 1]) || t[w - 1] == '&' || t[w - 1] == '.'))
					w--;
				if (w == p || (unsigned char)t[w] >= 0x80)
					break;
				s = w;
				words++;
			}
			if (words == 0 || (e < n && zt_is_latin_word((unsigned char)t[e]))) {
				i = e;
				continue;
			}
			int ent = x_entity(st, t + s, e - s, r->value);
			x_add_mention(st, s, e, ent, HOW_ORG);
			i = e;
			continue;
		}
		/* a descriptor before a name ("蛋白质设计公司“力文所”", "服务公司
		 * CGI") says what the name is; it is not a name itself */
		if (zt_rules_get(R, ZT_R_DESCRIPTOR, r->phrase, r->len)) {
			size_t q = zt_skip_space(t, n, e);
			if (zt_starts(t, n, q, "“") || zt_starts(t, n, q, "「") || (q < n && t[q] >= 'A' && t[q] <= 'Z')) {
				i = e;
				continue;
			}
		}
		/* report prose speaks of "应用层公司" and "即便公司…" in general: a
		 * common ending there does not make a name */
		if (zt_rule_has_flag(r, "brief") && st->item->kind == ZT_ITEM_PROSE) {
			i = e;
			continue;
		}
		/* Chinese: the ideographs before the ending */
		int legal = zt_rule_has_flag(r, "legal");
		const char *type = r->value;
		size_t limit = legal ? 24 : zt_rule_has_flag(r, "brief") ? 6 : 18;
		st->want = r->value;
		int public_body = x_is_a(st, type, "Authority");
		size_t s = x_left_name(st, i, limit, LEFT_ABSORB | (legal ? LEFT_WEAK_STOPS : 0) | (public_body ? LEFT_AND : 0));
		st->want = NULL;
		if (!name_boundary(st, s)) {
			i = e;
			continue;
		}
		/* "10 余家公司", "一些场景下…": a count cut off in front */
		if (s > 0 && s < i) {
			uint32_t b4 = zt_u8_before(t, s);
			if ((b4 >= '0' && b4 <= '9') || cjk_numeral(b4) || x_rule_at(st, ZT_R_MEASURE, s)) {
				i = e;
				continue;
			}
		}
		size_t full = s;
		s = place_start(st, s, i, zt_rule_has_flag(r, "whole"));
		size_t pre = char_count(t, s, i);
		/* "日本政府" names a government; "…会上作政府工作报告" does not */
		if (zt_rule_has_flag(r, "place")) {
			const mention *pm = s < i ? x_mention_at(st, zt_u8_prev(t, i), i) : NULL;
			int place = pm && pm->e == i && strcmp(st->x->ents[pm->ent].group, "jur") == 0;
			if (!place) {
				const zt_gaz_entry *g = st->ctx->gaz ? zt_gazetteer_get(st->ctx->gaz, t + s, i - s, "Jurisdiction") : NULL;
				place = g && strcmp(zt_type_group(st->ctx->gaz, g->type), "jur") == 0;
			}
			if (!place) {
				i = e;
				continue;
			}
		}
		/* 日本政府, 欧洲理事会: a place and a public body's ending */
		int only_place = prefix_is_place(st, s, i) || place_words(R, t, s, i);
		int business = x_is_a(st, type, "Company") || x_is_a(st, type, "Investor");
		if ((pre < 2 && !zt_rule_has_flag(r, "whole")) || x_descriptive(R, t, s, i) ||
		    (zt_rules_cover2(R, ZT_R_GENERIC, ZT_R_COMMON, t, s, i) && !(only_place && !business) &&
		     !known_org(st, t + s, e - s))) {
			i = e;
			continue;
		}
		/* a committee or office of a parliament is part of the legislature
		 * (美国众议院外交事务委员会) */
		if (zt_rule_has_flag(r, "sub"))
			for (size_t q = s; q < i; q++) {
				const zt_rule *in = x_rule_at(st, ZT_R_ORG_SUFFIX, q);
				if (in && q + in->len <= i && strcmp(in->value, "Legislature") == 0 && !zt_rule_has_flag(in, "sub"))
					type = "Legislature";
			}
		/* "polity": a council named by its polity alone legislates there
		 * (欧盟理事会); one of a continent, of a treaty or of a purpose
		 * is an international body (欧洲理事会, 人权理事会) */
		if (zt_rule_has_flag(r, "polity") && only_place && prefix_is_place(st, s, i))
			type = "Legislature";
		/* absorbed mentions give way to the longer name */
		for (size_t k = 0; k < st->nm;)
			if (st->m[k].s >= s && st->m[k].e <= i)
				st->m[k] = st->m[--st->nm];
			else
				k++;
		/* the longest ending wins: 有限责任公司 over 公司 */
		int ent = x_entity(st, t + s, e - s, type);
		if (x_add_mention(st, s, e, ent, HOW_ORG) == 0)
			bracket_alias(st, &st->m[st->nm - 1]);
		if (ent >= 0 && full < s && prefix_is_place(st, full, s))
			x_alias(st, ent, t + full, e - full);
		i = e;
	}
}

/* Whether t[s, e) occurs more than once in the item: a name recurs
 * ("夸克大模型……夸克大模型能力"), a descriptive phrase seldom does. */
static int recurs(const item_state *st, size_t s, size_t e)
{
	const char *first = memmem(st->t, st->n, st->t + s, e - s);
	if (!first)
		return 0;
	const char *from = first + (e - s);
	return memmem(from, st->n - (size_t)(from - st->t), st->t + s, e - s) != NULL;
}

/* A name right after a descriptor ("初创公司 AssemblyAI", "企业“出门问问”")
 * or right before a cue ("Stable Diffusion 模型", "混元文生图大模型"). */
static void find_described(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n, adv;
	const zt_rules *R = st->ctx->rules;
	for (size_t i = 0; i < n;) {
		const zt_rule *r = x_rule_at(st, ZT_R_DESCRIPTOR, i);
		if (!r) {
			zt_u8_at(t, n, i, &adv);
			i += adv;
			continue;
		}
		size_t j = zt_skip_space(t, n, i + r->len), e;
		if (zt_starts(t, n, j, "“") || zt_starts(t, n, j, "「")) {
			size_t c = zt_find(t, j + 3, n < j + 90 ? n : j + 90, zt_starts(t, n, j, "“") ? "”" : "」");
			if (c != (size_t)-1 && c > j + 3 && !covered(st, j + 3)) {
				/* the name's own ending outweighs the descriptor:
				 * 视频生成平台“秒创视频创作平台” is a product, not a company */
				const char *type = r->value;
				const zt_rule *own = zt_rules_ending(R, ZT_R_MODEL_CUE, t + j + 3, c - j - 3);
				if (own && own->len < c - j - 3)
					type = "Model";
				else if ((own = zt_rules_ending(R, ZT_R_PRODUCT_CUE, t + j + 3, c - j - 3)) && own->len < c - j - 3)
					type = "Product";
				int ent = x_entity(st, t + j + 3, c - j - 3, type);
				x_add_mention(st, j + 3, c, ent, HOW_DESC);
			}
		} else if (j < n && (unsigned char)t[j] < 0x80 && x_latin_name(t, n, j, &e) && !covered(st, j)) {
			/* not a bare number or a word in lower case */
			int upper = 0;
			for (size_t k = j; k < e; k++)
				upper += (t[k] >= 'A' && t[k] <= 'Z');
			if (upper && !(e - j <= 3 && strncmp(t + j, "AI", 2) == 0)) {
				x_add_mention(st, j, e, x_entity(st, t + j, e - j, r->value), HOW_DESC);
				/* "大模型 ENIRE Speed、ENIRE Lite": the list shares the descriptor */
				for (int more = 0; more < 8; more++) {
					size_t q = zt_skip_space(t, n, e);
					if (zt_starts(t, n, q, "、") || zt_starts(t, n, q, "和") || zt_starts(t, n, q, "及"))
						q += 3;
					else if (q < n && t[q] == ',')
						q++;
					else
						break;
					q = zt_skip_space(t, n, q);
					size_t e2;
					if (q >= n || (unsigned char)t[q] >= 0x80 || !x_latin_name(t, n, q, &e2) || covered(st, q))
						break;
					x_add_mention(st, q, e2, x_entity(st, t + q, e2 - q, r->value), HOW_DESC);
					e = e2;
				}
			}
		}
		i += r->len;
	}
	/* cues after a name */
	for (size_t i = 0; i < n;) {
		const zt_rule *r = x_rule_at(st, ZT_R_MODEL_CUE, i);
		const char *type = "Model";
		if (!r) {
			r = x_rule_at(st, ZT_R_PRODUCT_CUE, i);
			type = "Product";
		}
		if (!r) {
			zt_u8_at(t, n, i, &adv);
			i += adv;
			continue;
		}
		size_t e = i + r->len;
		if (covered(st, i)) {
			i = e;
			continue;
		}
		/* Latin name before, maybe after a space */
		size_t p = i;
		while (p > 0 && t[p - 1] == ' ')
			p--;
		if (p > 0 && (unsigned char)t[p - 1] < 0x80 && zt_is_latin_word((unsigned char)t[p - 1])) {
			size_t s = p;
			/* walk back over tokens */
			for (;;) {
				size_t w = s;
				while (w > 0 && ((unsigned char)t[w - 1] < 0x80) && is_latin_name_char((unsigned char)t[w - 1]))
					w--;
				if (w == s)
					break;
				s = w;
				if (s > 1 && t[s - 1] == ' ' && (unsigned char)t[s - 2] < 0x80 &&
				    zt_is_latin_word((unsigned char)t[s - 2]) && t[s] >= 'A' && t[s] <= 'Z' && p - s < 40)
					s--;
				else
					break;
			}
			while (s < p && t[s] == ' ')
				s++;
			int upper = 0;
			for (size_t k = s; k < p; k++)
				upper += (t[k] >= 'A' && t[k] <= 'Z');
			if (upper && !covered(st, s) && !(p - s == 2 && strncmp(t + s, "AI", 2) == 0) &&
			    strcmp(type, "Model") == 0) {
				int ent = x_entity(st, t + s, p - s, type);
				x_add_mention(st, s, p, ent, HOW_CUE);
			} else if (upper && !covered(st, s) && p - s > 2 && strncmp(t + s, "AI", 2) != 0) {
				int ent = x_entity(st, t + s, p - s, type);
				x_add_mention(st, s, p, ent, HOW_CUE);
			}
		} else if (strcmp(type, "Model") == 0 && zt_starts(t, n, i, "大模型") && st->item->kind != ZT_ITEM_PROSE) {
			/* a Chinese model name ending in 大模型: 豆包大模型 */
			size_t s = x_left_name(st, i, 6, 0);
			if (char_count(t, s, i) >= 2 && !zt_rules_get(R, ZT_R_STOP, t + s, i - s) &&
			    !zt_rules_cover(R, ZT_R_GENERIC, t, s, i) && name_boundary(st, s) &&
			    (e <= st->tl || recurs(st, s, e))) {
				int ent = x_entity(st, t + s, e - s, "Model");
				x_add_mention(st, s, e, ent, HOW_CUE);
			}
		}
		i = e;
	}
}

/* The Latin name ending at t[e] (spaces before e skipped): capitalised
 * words joined by single spaces, at most 40 bytes; *s gets its start.
 * Returns 0 when there is none. */
static int latin_name_before(const char *t, size_t lo, size_t e, size_t *s, size_t *end)
{
	while (e > lo && t[e - 1] == ' ')
		e--;
	size_t p = e;
	for (;;) {
		size_t w = p;
		while (w > lo && (unsigned char)t[w - 1] < 0x80 && is_latin_name_char((unsigned char)t[w - 1]))
			w--;
		if (w == p || e - w > 40)
			break;
		p = w;
		/* another capitalised word before a single space: "Stack Exchange" */
		if (p > lo + 1 && t[p - 1] == ' ' && (unsigned char)t[p - 2] < 0x80 && zt_is_latin_word((unsigned char)t[p - 2]) &&
		    t[p] >= 'A' && t[p] <= 'Z')
			p--;
		else
			break;
	}
	while (p < e && t[p] == ' ')
		p++;
	int upper = 0;
	for (size_t k = p; k < e; k++)
		upper += t[k] >= 'A' && t[k] <= 'Z';
	if (p == e || !upper || !((t[p] >= 'A' && t[p] <= 'Z') || (t[p] >= '0' && t[p] <= '9')) ||
	    (e - p == 2 && strncmp(t + p, "AI", 2) == 0))
		return 0;
	/* glued to a longer Latin token or a digit run before ("2023Adobe") */
	if (p > lo && (unsigned char)t[p - 1] < 0x80 && zt_is_latin_word((unsigned char)t[p - 1]))
		return 0;
	*s = p;
	*end = e;
	return 1;
}

/* Latin names before an org_cue ("Adobe 公司推出", "Microsoft 、Google、
 * Adobe等公司"): organisations of the cue's type, the list included. */
static void find_org_cued(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n, adv;
	for (size_t i = 0; i < n;) {
		const zt_rule *r = x_rule_at(st, ZT_R_ORG_CUE, i);
		if (!r) {
			zt_u8_at(t, n, i, &adv);
			i += adv;
			continue;
		}
		size_t s, e, at = i;
		for (int k = 0; k < 8 && latin_name_before(t, 0, at, &s, &e) && !covered(st, s); k++) {
			x_add_mention(st, s, e, x_entity(st, t + s, e - s, r->value), HOW_DESC);
			/* the names listed before it share the cue */
			size_t q = s;
			while (q > 0 && t[q - 1] == ' ')
				q--;
			if (q >= 3 && zt_starts(t, n, q - 3, "、"))
				at = q - 3;
			else if (q >= 1 && t[q - 1] == ',')
				at = q - 1;
			else
				break;
		}
		i += r->len;
	}
}

/* What a cue at t[i] makes of the name before it: "Model", "Product" or
 * NULL; *len gets the cue's length. */
static const char *cue_type(const item_state *st, size_t i, size_t *len)
{
	const zt_rule *r = x_rule_at(st, ZT_R_MODEL_CUE, i);
	if (r) {
		*len = r->len;
		return "Model";
	}
	r = x_rule_at(st, ZT_R_PRODUCT_CUE, i);
	if (r) {
		*len = r->len;
		return "Product";
	}
	return NULL;
}

/* Quoted names typed by a cue: “新壹视频大模型” (the name ends with one),
 * “子曰”大模型 and “此刻”功能 (one follows, maybe after "AI"), and lists
 * “KDF 智讯”、“KDF 绝未”等金融行业工具 (one ends the words after the list). */
static void find_quoted(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n;
	const zt_rules *R = st->ctx->rules;
	for (size_t i = 0; i + 3 <= n; i++) {
		if (!zt_starts(t, n, i, "“"))
			continue;
		/* a run of quoted names joined by 、 和 及 */
		size_t qa[8], qb[8], k = 0, p = i;
		while (k < 8 && zt_starts(t, n, p, "“")) {
			size_t c = zt_find(t, p + 3, n < p + 3 + 60 ? n : p + 3 + 60, "”");
			if (c == (size_t)-1 || c == p + 3)
				break;
			size_t bad = zt_find(t, p + 3, c, "，");
			if (bad == (size_t)-1)
				bad = zt_find(t, p + 3, c, "。");
			if (bad != (size_t)-1)
				break;
			qa[k] = p + 3;
			qb[k++] = c;
			p = zt_skip_space(t, n, c + 3);
			if (zt_starts(t, n, p, "、") || zt_starts(t, n, p, "和") || zt_starts(t, n, p, "及"))
				p = zt_skip_space(t, n, p + 3);
			else
				break;
		}
		if (!k)
			continue;
		size_t after = zt_skip_space(t, n, qb[k - 1] + 3);
		/* a cue right after the last quote ("AI" may come between) */
		size_t q = after, cl = 0;
		if (q + 2 <= n && t[q] == 'A' && t[q + 1] == 'I')
			q = zt_skip_space(t, n, q + 2);
		const char *type = cue_type(st, q, &cl);
		if (!type && k > 1) {
			/* "…等金融行业工具": the words after the list end with a cue */
			size_t w = after, chars = 0, adv;
			if (zt_starts(t, n, w, "等"))
				w += 3;
			while (w < n && chars < 10 && zt_is_cjk(zt_u8_at(t, n, w, &adv))) {
				w += adv;
				chars++;
				const zt_rule *c = zt_rules_ending(R, ZT_R_PRODUCT_CUE, t, w);
				if (c)
					type = "Product";
				else if ((c = zt_rules_ending(R, ZT_R_MODEL_CUE, t, w)))
					type = "Model";
			}
		}
		for (size_t j = 0; j < k; j++) {
			const char *ty = type;
			size_t ending = 0;
			if (!ty) {
				/* a name that ends with its own cue: “新壹视频大模型” */
				const zt_rule *c = zt_rules_ending(R, ZT_R_MODEL_CUE, t, qb[j]);
				if (c && qb[j] - qa[j] > c->len)
					ty = "Model";
				else if ((c = zt_rules_ending(R, ZT_R_PRODUCT_CUE, t, qb[j])) && qb[j] - qa[j] > c->len)
					ty = "Product";
				ending = c ? c->len : 0;
			}
			if (!ty || covered(st, qa[j]))
				continue;
			(void)ending;
			int ent = x_entity(st, t + qa[j], qb[j] - qa[j], ty);
			if (x_add_mention(st, qa[j], qb[j], ent, HOW_QUOTE) == 0 && k == 1 && type && ent >= 0) {
				/* “子曰”大模型: the cued form is the same thing */
				char buf[256];
				size_t nl = qb[j] - qa[j];
				if (nl + cl < sizeof buf) {
					memcpy(buf, t + qa[j], nl);
					memcpy(buf + nl, t + q, cl);
					x_alias(st, ent, buf, nl + cl);
				}
			}
		}
		i = qb[k - 1] + 2;
	}
}

/* 中美, 中法两国: pairs of one-character country names. */
static void find_pairs(item_state *st)
{
	const char *t = st->t;
	size_t n = st->n;
	const zt_rules *R = st->ctx->rules;
	for (size_t i = 0; i + 6 <= n; i += 3) {
		if ((unsigned char)t[i] < 0xE0)
			continue;
		const zt_rule *a = x_rule_at(st, ZT_R_ABBREV, i);
		const zt_rule *b = a ? x_rule_at(st, ZT_R_ABBREV, i + 3) : NULL;
		if (!a || !b || a == b || covered(st, i) || covered(st, i + 3))
			continue;
		size_t j = zt_skip_space(t, n, i + 6);
		if (!x_rule_at(st, ZT_R_PAIR_AFTER, j))
			continue;
		if (i > 0 && zt_is_cjk(zt_u8_before(t, i)) && !zt_rules_ending(R, ZT_R_STOP, t, i))
			continue;
		const zt_gaz_entry *ga = st->ctx->gaz ? zt_gazetteer_get(st->ctx->gaz, a->value, strlen(a->value), "Jurisdiction") : NULL;
		const zt_gaz_entry *gb = st->ctx->gaz ? zt_gazetteer_get(st->ctx->gaz, b->value, strlen(b->value), "Jurisdiction") : NULL;
		int ea = ga ? x_entity_gaz(st, ga) : x_entity(st, a->value, strlen(a->value), "Country");
		int eb = gb ? x_entity_gaz(st, gb) : x_entity(st, b->value, strlen(b->value), "Country");
		x_add_mention(st, i, i + 3, ea, HOW_ABBREV);
		x_add_mention(st, i + 3, i + 6, eb, HOW_ABBREV);
		i += 3;
	}
}

zt_status x_find_mentions(item_state *st)
{
	if (st->pcap < st->n + 1) {
		uint32_t *pm = realloc(st->pmask, (st->n + 1) * sizeof *pm);
		if (!pm)
			return ZT_ERR_NOMEM;
		st->pmask = pm;
		st->pcap = st->n + 1;
	}
	for (size_t i = 0, adv; i < st->n; i += adv) {
		uint32_t c = zt_u8_at(st->t, st->n, i, &adv);
		st->pmask[i] = zt_rules_first(st->ctx->rules, c);
		for (size_t k = 1; k < adv; k++)
			st->pmask[i + k] = 0;
	}
	st->pmask[st->n] = 0;
	if (st->ctx->gaz && zt_gazetteer_scan(st->ctx->gaz, st->t, st->n, gaz_cb, st))
		return ZT_ERR_NOMEM;
	/* aliases given in brackets after known names */
	size_t ng = st->nm;
	for (size_t k = 0; k < ng; k++)
		bracket_alias(st, &st->m[k]);
	if (!report_prose(st)) {
		find_documents(st);
		find_bills(st);
	}
	find_people(st);
	find_pairs(st);
	find_orgs(st);
	find_described(st);
	find_org_cued(st);
	find_quoted(st);
	/* a name typed once in the item is that thing wherever else the item
	 * writes it: "AI 企业“出门问问”" makes the title's 出门问问 a mention */
	size_t nm = st->nm;
	for (size_t k = 0; k < nm; k++) {
		const mention m = st->m[k];
		if (m.how == HOW_GAZ || m.e - m.s < 4)
			continue;
		size_t len = m.e - m.s;
		const char *w = st->t + m.s;
		for (const char *hit = st->t; (hit = memmem(hit, st->n - (size_t)(hit - st->t), w, len)); hit++) {
			size_t i = (size_t)(hit - st->t);
			if (i == m.s)
				continue;
			/* Latin names only at word boundaries */
			if (i > 0 && zt_is_latin_word((unsigned char)st->t[i - 1]) && zt_is_latin_word((unsigned char)st->t[i]))
				continue;
			if (i + len < st->n && zt_is_latin_word((unsigned char)st->t[i + len]) &&
			    zt_is_latin_word((unsigned char)st->t[i + len - 1]))
				continue;
			x_add_mention(st, i, i + len, m.ent, m.how);
		}
	}
	return ZT_OK;
}

/* ------------------------------------------------------------ facts */

void x_warn(zt_extraction *x, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	char **n = realloc(x->warnings, (x->nwarnings + 1) * sizeof *n);
	if (!n)
		return;
	x->warnings = n;
	if ((x->warnings[x->nwarnings] = strdup(tmp)))
		x->nwarnings++;
}

zt_x_event *x_event_new(item_state *st, const char *type)
{
	zt_extraction *x = st->x;
	if (x->nevents == x->vcap) {
		size_t cap = x->vcap ? x->vcap * 2 : 32;
		zt_x_event *n = realloc(x->events, cap * sizeof *n);
		if (!n)
			return NULL;
		x->events = n;
		x->vcap = cap;
	}
	zt_x_event *ev = &x->events[x->nevents++];
	memset(ev, 0, sizeof *ev);
	ev->item = st->item->number;
	ev->type = type;
	/* an item's events are made one after another: count back while
	 * they are this item's (a scan of all events made this quadratic) */
	unsigned k = 1;
	for (size_t i = x->nevents - 1; i > 0 && x->events[i - 1].item == ev->item; i--)
		k++;
	ev->n = k;
	/* every event of an item carries the links printed with it, so an
	 * answer can cite the item's link */
	for (size_t i = 0; i < st->item->nlinks; i++)
		x_fact_lit(st, ev, "url", ZT_TEXT, st->item->links[i], NULL, 0, 0);
	return ev;
}

static zt_x_fact *fact_new(zt_x_event *ev)
{
	if (ev->nfacts == ev->cap) {
		size_t cap = ev->cap ? ev->cap * 2 : 16;
		zt_x_fact *n = realloc(ev->facts, cap * sizeof *n);
		if (!n)
			return NULL;
		ev->facts = n;
		ev->cap = cap;
	}
	zt_x_fact *f = &ev->facts[ev->nfacts++];
	memset(f, 0, sizeof *f);
	return f;
}

void x_fact_ent(item_state *st, zt_x_event *ev, const char *pred, int ent, size_t off, size_t len)
{
	(void)st;
	if (!ev || ent < 0)
		return;
	for (size_t i = 0; i < ev->nfacts; i++)
		if (ev->facts[i].what == ZT_X_ENTITY && ev->facts[i].ent == ent && strcmp(ev->facts[i].pred, pred) == 0)
			return;
	zt_x_fact *f = fact_new(ev);
	if (!f)
		return;
	f->pred = pred;
	f->what = ZT_X_ENTITY;
	f->ent = ent;
	f->ev_off = off;
	f->ev_len = len;
}

void x_fact_lit(item_state *st, zt_x_event *ev, const char *pred, zt_kind kind, const char *value,
                const char *lang, size_t off, size_t len)
{
	(void)st;
	if (!ev || !value || !*value)
		return;
	for (size_t i = 0; i < ev->nfacts; i++)
		if (ev->facts[i].what == ZT_X_LITERAL && strcmp(ev->facts[i].pred, pred) == 0 &&
		    strcmp(ev->facts[i].value, value) == 0)
			return;
	zt_x_fact *f = fact_new(ev);
	if (!f)
		return;
	if (!(f->value = strdup(value))) {
		ev->nfacts--;
		return;
	}
	f->pred = pred;
	f->what = ZT_X_LITERAL;
	f->kind = kind;
	f->lang = lang;
	f->ev_off = off;
	f->ev_len = len;
}

void x_fact_topic(item_state *st, zt_x_event *ev, const char *topic)
{
	(void)st;
	if (!ev)
		return;
	for (size_t i = 0; i < ev->nfacts; i++)
		if (ev->facts[i].what == ZT_X_TOPIC && strcmp(ev->facts[i].value, topic) == 0)
			return;
	zt_x_fact *f = fact_new(ev);
	if (!f)
		return;
	if (!(f->value = strdup(topic))) {
		ev->nfacts--;
		return;
	}
	f->pred = "topic";
	f->what = ZT_X_TOPIC;
}

void x_rel(item_state *st, int s, const char *pred, int o, zt_span time)
{
	zt_extraction *x = st->x;
	if (s < 0 || o < 0 || s == o)
		return;
	for (size_t i = 0; i < x->nrels; i++)
		if (x->rels[i].s == s && x->rels[i].o == o && strcmp(x->rels[i].pred, pred) == 0)
			return;
	if (x->nrels == x->rcap) {
		size_t cap = x->rcap ? x->rcap * 2 : 32;
		zt_x_rel *n = realloc(x->rels, cap * sizeof *n);
		if (!n)
			return;
		x->rels = n;
		x->rcap = cap;
	}
	zt_x_rel *r = &x->rels[x->nrels++];
	r->s = s;
	r->pred = pred;
	r->o = o;
	r->item = st->item->number;
	r->time = time;
}

/* ------------------------------------------------------------ driver */

zt_status zt_extract(const zt_extract_ctx *ctx, const zt_doc *doc, zt_extraction **out)
{
	zt_extraction *x = calloc(1, sizeof *x);
	if (!x)
		return ZT_ERR_NOMEM;
	zt_status st = ZT_OK;
	item_state s = { 0 };
	s.ctx = ctx;
	s.doc = doc;
	s.x = x;
	for (size_t i = 0; i < doc->nitems && st == ZT_OK; i++) {
		const zt_item *it = &doc->items[i];
		s.item = it;
		s.t = it->text;
		s.n = strlen(it->text);
		s.tl = it->title_len;
		s.b0 = it->body_off;
		s.b1 = it->body_off + it->body_len;
		const char *nl = memchr(it->text + s.b0, '\n', it->body_len);
		s.lead1 = nl ? (size_t)(nl - it->text) : s.b1;
		s.nm = 0;
		s.nmoney = 0;
		st = x_find_mentions(&s);
		if (st == ZT_OK)
			st = x_item_events(&s);
	}
	free(s.m);
	free(s.money);
	free(s.pmask);
	/* IRIs */
	for (size_t i = 0; i < x->nents && st == ZT_OK; i++) {
		zt_x_entity *e = &x->ents[i];
		size_t l = strlen(ZT_NS_ENTITY) + strlen(e->group) + strlen(e->key) + 2;
		if (!(e->iri = malloc(l)))
			st = ZT_ERR_NOMEM;
		else
			snprintf(e->iri, l, "%s%s/%s", ZT_NS_ENTITY, e->group, e->key);
	}
	if (st) {
		zt_extraction_free(x);
		return st;
	}
	*out = x;
	return ZT_OK;
}

void zt_extraction_free(zt_extraction *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nents; i++) {
		zt_x_entity *e = &x->ents[i];
		free(e->name);
		free(e->key);
		free(e->iri);
		for (size_t a = 0; a < e->naliases; a++) {
			free(e->aliases[a]);
			free(e->alias_keys[a]);
		}
		free(e->aliases);
		free(e->alias_keys);
	}
	free(x->ents);
	for (size_t i = 0; i < x->nevents; i++) {
		zt_x_event *ev = &x->events[i];
		for (size_t f = 0; f < ev->nfacts; f++)
			free(ev->facts[f].value);
		free(ev->facts);
		free(ev->title);
	}
	free(x->events);
	free(x->rels);
	for (size_t i = 0; i < x->nwarnings; i++)
		free(x->warnings[i]);
	free(x->warnings);
	ent_index *ix = x->index;
	if (ix) {
		free(ix->hash);
		free(ix->slot);
		free(ix->gkey);
		free(ix->gval);
		free(ix);
	}
	free(x);
}

static void evidence(zt_buf *b, const zt_item *it, size_t off, size_t len)
{
	if (!len || !it)
		return;
	/* a little context around the span, within its line */
	const char *t = it->text;
	size_t n = strlen(t), a = off, e = off + len;
	for (int k = 0; k < 12 && a > 0 && t[a - 1] != '\n'; k++)
		a = zt_u8_prev(t, a);
	for (int k = 0; k < 12 && e < n && t[e] != '\n'; k++) {
		size_t adv;
		zt_u8_at(t, n, e, &adv);
		e += adv;
	}
	zt_buf_adds(b, "  ← \"");
	if (a < off)
		zt_buf_adds(b, "…");
	zt_buf_add(b, t + a, off - a);
	zt_buf_adds(b, "[");
	zt_buf_add(b, t + off, len);
	zt_buf_adds(b, "]");
	zt_buf_add(b, t + off + len, e - off - len);
	if (e < n && t[e] != '\n')
		zt_buf_adds(b, "…");
	zt_buf_adds(b, "\"");
}

char *zt_extraction_dump(const zt_extraction *x, const zt_doc *doc)
{
	zt_buf b = { 0 };
	char day[16];
	for (size_t i = 0; i < x->nevents; i++) {
		const zt_x_event *ev = &x->events[i];
		const zt_item *it = doc && ev->item >= 1 && ev->item <= doc->nitems ? &doc->items[ev->item - 1] : NULL;
		zt_date_format(&ev->date, day);
		zt_buf_printf(&b, "event %u/%u %s %s %s\n", ev->item, ev->n, ev->type, day, ev->title ? ev->title : "");
		if (ev->date_len) {
			zt_buf_adds(&b, "  date");
			evidence(&b, it, ev->date_off, ev->date_len);
			zt_buf_addc(&b, '\n');
		}
		for (size_t f = 0; f < ev->nfacts; f++) {
			const zt_x_fact *fa = &ev->facts[f];
			if (!strcmp(fa->pred, "title") || !strcmp(fa->pred, "url") || !strcmp(fa->pred, "date"))
				continue;
			zt_buf_printf(&b, "  %s ", fa->pred);
			if (fa->what == ZT_X_ENTITY)
				zt_buf_printf(&b, "%s (%s)", x->ents[fa->ent].name, x->ents[fa->ent].type);
			else
				zt_buf_adds(&b, fa->value);
			evidence(&b, it, fa->ev_off, fa->ev_len);
			zt_buf_addc(&b, '\n');
		}
	}
	for (size_t i = 0; i < x->nents; i++) {
		const zt_x_entity *e = &x->ents[i];
		zt_buf_printf(&b, "entity %s %s", e->type, e->name);
		for (size_t a = 0; a < e->naliases; a++)
			zt_buf_printf(&b, " | %s", e->aliases[a]);
		if (e->part_of >= 0)
			zt_buf_printf(&b, " part_of %s", x->ents[e->part_of].name);
		zt_buf_addc(&b, '\n');
	}
	for (size_t i = 0; i < x->nrels; i++)
		zt_buf_printf(&b, "rel %s %s %s\n", x->ents[x->rels[i].s].name, x->rels[i].pred, x->ents[x->rels[i].o].name);
	for (size_t i = 0; i < x->nwarnings; i++)
		zt_buf_printf(&b, "warning %s\n", x->warnings[i]);
	return zt_buf_take(&b);
}
