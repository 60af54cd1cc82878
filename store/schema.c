/* schema.c — seeding the vocabulary from data/types.tsv, predicates.tsv and
 * topics.tsv (store/schema.h). */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "embedded.h"
#include "norm.h"

/* Bump when the mapping from the files to facts changes, so databases
 * seeded by an older build are re-seeded. */
#define SEED_VERSION "zhitu-seed-1"

/* One parsed row: up to four columns, pointing into a private copy of the
 * file with NULs written over tabs and line ends. */
typedef struct row {
	int line;
	char *col[4];
} row;

typedef struct table {
	const char *file;
	char *text;
	row *rows;
	size_t n;
} table;

static void table_free(table *t)
{
	free(t->text);
	free(t->rows);
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

static zt_status table_parse(const char *file, const char *data, size_t len, table *t,
                             zt_error *err)
{
	*t = (table){ .file = file };
	t->text = malloc(len + 1);
	if (!t->text)
		return ZT_ERR_NOMEM;
	memcpy(t->text, data, len);
	t->text[len] = 0;
	size_t bad;
	if (!zt_utf8_valid(t->text, len, &bad))
		return zt_fail(err, ZT_ERR_UTF8, "%s: invalid UTF-8 at byte %zu", file, bad);
	size_t cap = 0;
	int line = 0;
	for (char *p = t->text; *p;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = 0;
		line++;
		char *s = p;
		p = nl ? nl + 1 : p + strlen(p);
		size_t sl = strlen(s);
		if (sl && s[sl - 1] == '\r')
			s[--sl] = 0;
		if (*trim(s) == 0 || *trim(s) == '#')
			continue;
		if (t->n == cap) {
			cap = cap ? cap * 2 : 64;
			row *nr = realloc(t->rows, cap * sizeof *nr);
			if (!nr)
				return ZT_ERR_NOMEM;
			t->rows = nr;
		}
		row *r = &t->rows[t->n++];
		r->line = line;
		int c = 0;
		for (char *f = s;; c++) {
			char *tab = strchr(f, '\t');
			if (c == 4)
				return zt_fail(err, ZT_ERR_SYNTAX,
				               "%s:%d: more than 4 tab-separated columns", file, line);
			if (tab)
				*tab = 0;
			r->col[c] = trim(f);
			if (!tab)
				break;
			f = tab + 1;
		}
		for (c++; c < 4; c++)
			r->col[c] = "";
	}
	return ZT_OK;
}

static int valid_name(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* ------------------------------------------------------------- writing */

typedef struct seeder {
	zt_txn *txn;
	zt_id src;
	zt_id type, label, alt, subclass;
	char iri[512];
} seeder;

static zt_status add(seeder *sd, zt_id s, zt_id p, const zt_term *o)
{
	zt_id oid;
	zt_status st;
	ZT_TRY(st, zt_intern(sd->txn, o, &oid));
	return zt_fact_add(sd->txn, s, p, oid, ZT_SPAN_ALWAYS, sd->src, 0);
}

static zt_status add_iri(seeder *sd, zt_id s, zt_id p, const char *iri)
{
	zt_term t = zt_iri(iri);
	return add(sd, s, p, &t);
}

static zt_status add_text(seeder *sd, zt_id s, zt_id p, const char *text)
{
	zt_term t = zt_text(text, zt_label_lang(text, strlen(text)));
	return add(sd, s, p, &t);
}

/* rdfs:label NAME@en, rdfs:label ZH@zh, skos:altLabel per alias. */
static zt_status add_names(seeder *sd, zt_id node, const char *name, const char *zh,
                           char *aliases)
{
	zt_status st;
	ZT_TRY(st, add_text(sd, node, sd->label, name));
	if (*zh)
		ZT_TRY(st, add_text(sd, node, sd->label, zh));
	for (char *a = aliases; a && *a;) {
		char *bar = strchr(a, '|');
		if (bar)
			*bar = 0;
		char *t = trim(a);
		if (*t && strcmp(t, name) != 0 && strcmp(t, zh) != 0)
			ZT_TRY(st, add_text(sd, node, sd->alt, t));
		a = bar ? bar + 1 : NULL;
	}
	return ZT_OK;
}

static zt_status node(seeder *sd, const char *ns, const char *name, zt_id *out)
{
	snprintf(sd->iri, sizeof sd->iri, "%s%s", ns, name);
	zt_term t = zt_iri(sd->iri);
	return zt_intern(sd->txn, &t, out);
}

static zt_status seed_types(seeder *sd, table *t, zt_error *err)
{
	zt_status st;
	for (size_t i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		if (!valid_name(r->col[0]))
			return zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: '%s' is not a type name "
			               "(letters, digits, '_', starting with a letter)",
			               t->file, r->line, r->col[0]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(t->rows[j].col[0], r->col[0]) == 0)
				return zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: type '%s' is defined twice "
				               "(first on line %d)", t->file, r->line, r->col[0],
				               t->rows[j].line);
	}
	for (size_t i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		if (!*r->col[1])
			continue;
		size_t j = 0;
		while (j < t->n && strcmp(t->rows[j].col[0], r->col[1]) != 0)
			j++;
		if (j == t->n)
			return zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: parent '%s' of type '%s' is not "
			               "a type of this file", t->file, r->line, r->col[1], r->col[0]);
		/* A cycle would make subtype closure loop forever. */
		const char *p = r->col[1];
		for (size_t steps = 0; p && *p; steps++) {
			if (steps > t->n || strcmp(p, r->col[0]) == 0)
				return zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: type '%s' is its own ancestor",
				               t->file, r->line, r->col[0]);
			size_t k = 0;
			while (k < t->n && strcmp(t->rows[k].col[0], p) != 0)
				k++;
			p = k < t->n ? t->rows[k].col[1] : NULL;
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		zt_id id;
		ZT_TRY(st, node(sd, ZT_NS_TYPE, r->col[0], &id));
		ZT_TRY(st, add_iri(sd, id, sd->type, ZT_RDFS_CLASS));
		ZT_TRY(st, add_names(sd, id, r->col[0], r->col[2], r->col[3]));
		if (*r->col[1]) {
			snprintf(sd->iri, sizeof sd->iri, "%s%s", ZT_NS_TYPE, r->col[1]);
			ZT_TRY(st, add_iri(sd, id, sd->subclass, sd->iri));
		}
	}
	return ZT_OK;
}

static zt_status seed_predicates(seeder *sd, table *t, zt_error *err)
{
	zt_status st;
	for (size_t i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		if (!valid_name(r->col[0]))
			return zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: '%s' is not a predicate name",
			               t->file, r->line, r->col[0]);
		const char *iri = r->col[1];
		if (*iri && (!strchr(iri, ':') || strpbrk(iri, " <>\"{}|^`\\")))
			return zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: '%s' is not an absolute IRI",
			               t->file, r->line, iri);
		if (!*iri) {
			snprintf(sd->iri, sizeof sd->iri, "%s%s", ZT_NS_PRED, r->col[0]);
			iri = sd->iri;
		}
		zt_term term = zt_iri(iri);
		zt_id id;
		ZT_TRY(st, zt_intern(sd->txn, &term, &id));
		ZT_TRY(st, add_iri(sd, id, sd->type, ZT_RDF_PROPERTY));
		ZT_TRY(st, add_names(sd, id, r->col[0], r->col[2], r->col[3]));
	}
	return ZT_OK;
}

static zt_status seed_topics(seeder *sd, table *t, zt_error *err)
{
	zt_status st;
	zt_id topic_type;
	ZT_TRY(st, node(sd, ZT_NS_TYPE, "Topic", &topic_type));
	for (size_t i = 0; i < t->n; i++) {
		row *r = &t->rows[i];
		if (!valid_name(r->col[0]))
			return zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: '%s' is not a topic name",
			               t->file, r->line, r->col[0]);
		zt_id id;
		ZT_TRY(st, node(sd, ZT_NS_TOPIC, r->col[0], &id));
		zt_id o = topic_type;
		ZT_TRY(st, zt_fact_add(sd->txn, id, sd->type, o, ZT_SPAN_ALWAYS, sd->src, 0));
		ZT_TRY(st, add_names(sd, id, r->col[0], r->col[1], r->col[2]));
	}
	return ZT_OK;
}

/* ---------------------------------------------------------------- seed */

typedef struct files {
	const char *name[3];
	const char *data[3];
	size_t len[3];
} files;

static void files_release(files *f)
{
	for (int i = 0; i < 3; i++)
		zt_data_release(f->data[i]);
}

static zt_status files_load(files *f, zt_error *err)
{
	static const char *const names[3] = { "types.tsv", "predicates.tsv", "topics.tsv" };
	*f = (files){ 0 };
	for (int i = 0; i < 3; i++) {
		f->name[i] = names[i];
		f->data[i] = zt_data_file(names[i], &f->len[i]);
		if (!f->data[i] && i < 2) {
			files_release(f);
			return zt_fail(err, ZT_ERR_IO, "the vocabulary file %s is missing (not built in, "
			               "and not in $ZHITU_DATA)", names[i]);
		}
	}
	return ZT_OK;
}

static void files_hash(const files *f, char hex[33])
{
	XXH3_state_t *s = XXH3_createState();
	XXH3_128bits_reset(s);
	XXH3_128bits_update(s, SEED_VERSION, sizeof SEED_VERSION);
	for (int i = 0; i < 3; i++) {
		unsigned char n[8];
		uint64_t len = f->data[i] ? f->len[i] : UINT64_MAX;
		for (int k = 0; k < 8; k++)
			n[k] = (unsigned char)(len >> (8 * k));
		XXH3_128bits_update(s, f->name[i], strlen(f->name[i]) + 1);
		XXH3_128bits_update(s, n, sizeof n);
		if (f->data[i])
			XXH3_128bits_update(s, f->data[i], f->len[i]);
	}
	XXH128_hash_t h = XXH3_128bits_digest(s);
	XXH3_freeState(s);
	snprintf(hex, 33, "%016llx%016llx", (unsigned long long)h.high64,
	         (unsigned long long)h.low64);
}

zt_status zt_schema_seed_txn(zt_txn *txn, int *changed, zt_error *err)
{
	if (changed)
		*changed = 0;
	zt_error_clear(err);
	files f;
	zt_status st = files_load(&f, err);
	if (st != ZT_OK)
		return st;
	char hex[33];
	files_hash(&f, hex);
	table t[3] = { { 0 }, { 0 }, { 0 } };
	for (int i = 0; i < 3 && st == ZT_OK; i++)
		if (f.data[i])
			st = table_parse(f.name[i], f.data[i], f.len[i], &t[i], err);
	if (st != ZT_OK)
		goto out;

	seeder sd = { .txn = txn };
	int unchanged = 0;
	st = zt_source_begin(txn, ZT_SCHEMA_SOURCE, hex, ZT_DAY_MIN, &sd.src, &unchanged);
	if (st != ZT_OK || unchanged)
		goto out;
	const char *wk[4] = { ZT_RDF_TYPE, ZT_RDFS_LABEL, ZT_SKOS_ALT, ZT_RDFS_SUBCLASS };
	zt_id *ids[4] = { &sd.type, &sd.label, &sd.alt, &sd.subclass };
	for (int i = 0; i < 4 && st == ZT_OK; i++) {
		zt_term term = zt_iri(wk[i]);
		st = zt_intern(txn, &term, ids[i]);
	}
	if (st == ZT_OK)
		st = seed_types(&sd, &t[0], err);
	if (st == ZT_OK)
		st = seed_predicates(&sd, &t[1], err);
	if (st == ZT_OK && f.data[2])
		st = seed_topics(&sd, &t[2], err);
	if (st == ZT_OK)
		st = zt_source_end(txn, sd.src);
	if (st == ZT_OK && changed)
		*changed = 1;
out:
	for (int i = 0; i < 3; i++)
		table_free(&t[i]);
	files_release(&f);
	if (st >= ZT_ERR_FIRST && err && !err->msg[0])
		zt_fail(err, st, "seeding the vocabulary failed: %s", zt_strerror(st));
	return st;
}

static zt_status seed_fn(zt_txn *txn, void *ctx, zt_error *err)
{
	(void)ctx;
	int changed = 0;
	zt_status st = zt_schema_seed_txn(txn, &changed, err);
	return st != ZT_OK ? st : changed ? ZT_OK : ZT_DONE;
}

zt_status zt_schema_seed(zt_store *store, zt_error *err)
{
	return zt_store_write(store, seed_fn, NULL, err);
}
