/* import.c — one file, one transaction (see import.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "import.h"
#include "detect.h"
#include "emit.h"
#include "extract.h"
#include "readers.h"
#include "text.h"
#include "../store/norm.h"

struct zt_importer {
	zt_gazetteer *gaz;
	zt_topics *topics;
	zt_rules *rules;
};

zt_status zt_importer_new(zt_importer **out, zt_error *err)
{
	zt_importer *imp = calloc(1, sizeof *imp);
	if (!imp)
		return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
	zt_status st;
	if ((st = zt_gazetteer_default(&imp->gaz, err)) || (st = zt_topics_default(&imp->topics, err)) ||
	    (st = zt_rules_default(&imp->rules, err))) {
		zt_importer_free(imp);
		return st;
	}
	*out = imp;
	return ZT_OK;
}

void zt_importer_free(zt_importer *imp)
{
	if (!imp)
		return;
	zt_gazetteer_free(imp->gaz);
	zt_topics_free(imp->topics);
	zt_rules_free(imp->rules);
	free(imp);
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void zt_import_summary_clear(zt_import_summary *s)
{
	if (!s)
		return;
	free_list(s->new_names, s->nnew_names);
	free_list(s->seen_names, s->nseen_names);
	free_list(s->warnings, s->nwarnings);
	free(s->explain);
	memset(s, 0, sizeof *s);
}

static void push(char ***v, size_t *n, const char *s, size_t max)
{
	if (*n >= max)
		return;
	char **nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return;
	*v = nv;
	if (((*v)[*n] = strdup(s)))
		(*n)++;
}

static void count_type(zt_type_count *v, size_t *n, size_t max, const char *type)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i].type, type) == 0) {
			v[i].n++;
			return;
		}
	if (*n < max) {
		snprintf(v[*n].type, sizeof v[*n].type, "%s", type);
		v[*n].n = 1;
		(*n)++;
	}
}

void zt_import_source_name(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	const char *dot = strrchr(base, '.');
	if (dot && dot > base)
		n = (size_t)(dot - base);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, base, n);
	out[n] = 0;
}

/* Read, check and extract: everything before the store. */
typedef struct prepared {
	char *text;
	size_t len;
	zt_doc *doc;
	zt_extraction *x;
	char hash[33];
} prepared;

static void prepared_free(prepared *p)
{
	free(p->text);
	zt_doc_free(p->doc);
	zt_extraction_free(p->x);
	memset(p, 0, sizeof *p);
}

static zt_status prepare(zt_importer *imp, const char *name, const char *data, size_t len, int lenient,
                         prepared *p, zt_import_summary *sum, zt_error *err)
{
	memset(p, 0, sizeof *p);
	const char *conv = NULL;
	size_t replaced = 0;
	zt_status st = zt_text_prepare(name, data, len, lenient, &p->text, &p->len, &conv, &replaced, err);
	if (st)
		return st;
	/* the hash of the bytes as given: a re-saved file in another encoding is new content */
	XXH128_hash_t h = XXH3_128bits(data, len);
	snprintf(p->hash, sizeof p->hash, "%016llx%016llx", (unsigned long long)h.high64,
	         (unsigned long long)h.low64);
	zt_layout layout = zt_detect_layout(p->text, p->len);
	if ((st = zt_read(layout, p->text, p->len, &p->doc))) {
		prepared_free(p);
		return zt_fail(err, st, "%s: %s while reading", name, zt_strerror(st));
	}
	zt_extract_ctx ctx = { imp->gaz, imp->topics, imp->rules };
	if ((st = zt_extract(&ctx, p->doc, &p->x))) {
		prepared_free(p);
		return zt_fail(err, st, "%s: %s while extracting", name, zt_strerror(st));
	}
	if (sum) {
		sum->layout = zt_layout_name(layout);
		sum->converted = conv;
		sum->replaced = replaced;
		sum->bytes = len;
		sum->items = (unsigned)p->doc->nitems;
		sum->events = (unsigned)p->x->nevents;
		sum->entities = (unsigned)p->x->nents;
		if (p->doc->has_published)
			zt_date_format(&p->doc->published, sum->published);
		char msg[300];
		if (conv) {
			snprintf(msg, sizeof msg, "converted from %s", conv);
			push(&sum->warnings, &sum->nwarnings, msg, 1000);
		}
		if (replaced) {
			snprintf(msg, sizeof msg, "%zu invalid UTF-8 sequence%s replaced by U+FFFD", replaced,
			         replaced == 1 ? "" : "s");
			push(&sum->warnings, &sum->nwarnings, msg, 1000);
		}
		for (size_t i = 0; i < p->doc->nwarnings; i++)
			push(&sum->warnings, &sum->nwarnings, p->doc->warnings[i], 1000);
		for (size_t i = 0; i < p->doc->nitems; i++)
			if (p->doc->items[i].truncated) {
				snprintf(msg, sizeof msg, "item %zu is longer than %d KB; only its start was read", i + 1,
				         ZT_ITEM_BODY_MAX / 1024);
				push(&sum->warnings, &sum->nwarnings, msg, 1000);
			}
		for (size_t i = 0; i < p->x->nwarnings; i++)
			push(&sum->warnings, &sum->nwarnings, p->x->warnings[i], 1000);
		if (!p->doc->nitems)
			push(&sum->warnings, &sum->nwarnings, "no items found", 1000);
		for (size_t i = 0; i < p->x->nevents; i++) {
			count_type(sum->events_by_type, &sum->nevent_types, 16, p->x->events[i].type);
			/* an event of two kinds counts under each */
			if (p->x->events[i].also)
				count_type(sum->events_by_type, &sum->nevent_types, 16, p->x->events[i].also);
		}
	}
	return ZT_OK;
}

/* ---------------------------------------------------------------- store */

/* Facts go through the store's bulk loader: terms are interned through
 * its in-memory hash and the facts written sorted, which is several times
 * cheaper than one zt_intern + zt_fact_add per fact. */
typedef struct writer {
	zt_bulk *bulk;
	zt_id source;
	zt_status st;
	unsigned facts;
} writer;

static int write_fact(void *ctx, const zt_term *s, const zt_term *p, const zt_term *o, zt_span time, uint32_t item)
{
	writer *w = ctx;
	if ((w->st = zt_bulk_add(w->bulk, s, p, o, time, w->source, item)))
		return 1;
	w->facts++;
	return 0;
}

/* Whether node `id` already has facts of its own in the graph. */
static int has_facts(zt_txn *txn, zt_id id)
{
	zt_iter *it;
	if (zt_match(txn, id, 0, 0, ZT_SPAN_ALWAYS, &it))
		return 0;
	zt_fact f;
	int any = zt_iter_next(it, &f) == ZT_OK;
	zt_iter_free(it);
	return any;
}

/* Join text-found entities to nodes the graph already has under one of
 * their names (same group only), and sort every entity into new or seen. */
static void resolve_entities(zt_txn *txn, zt_extraction *x, zt_import_summary *sum)
{
	for (size_t i = 0; i < x->nents; i++) {
		zt_x_entity *e = &x->ents[i];
		zt_term t = zt_iri(e->iri);
		zt_id id;
		int known = zt_lookup(txn, &t, &id) == ZT_OK && has_facts(txn, id);
		if (!known && !e->from_gazetteer) {
			char prefix[64];
			snprintf(prefix, sizeof prefix, "%s%s/", ZT_NS_ENTITY, e->group);
			size_t pl = strlen(prefix);
			for (size_t a = 0; a <= e->naliases && !known; a++) {
				const char *nm = a == 0 ? e->name : e->aliases[a - 1];
				zt_id ids[8];
				size_t n = 0;
				if (zt_name_find(txn, nm, ids, 8, &n) != ZT_OK)
					continue;
				for (size_t k = 0; k < n && k < 8; k++) {
					zt_term nt;
					if (zt_term_of(txn, ids[k], &nt) || nt.kind != ZT_IRI || nt.len <= pl ||
					    memcmp(nt.str, prefix, pl) != 0)
						continue;
					char *iri = malloc(nt.len + 1);
					if (!iri)
						continue;
					memcpy(iri, nt.str, nt.len);
					iri[nt.len] = 0;
					free(e->iri);
					e->iri = iri;
					known = 1;
					if (sum)
						sum->merged++;
					break;
				}
			}
		}
		if (!sum)
			continue;
		char line[400];
		if (known) {
			sum->seen_entities++;
			push(&sum->seen_names, &sum->nseen_names, e->name, 200);
		} else {
			sum->new_entities++;
			count_type(sum->new_by_type, &sum->ntypes, 40, e->type);
			snprintf(line, sizeof line, "%s\t%s", e->type, e->name);
			push(&sum->new_names, &sum->nnew_names, line, 200);
		}
	}
}

zt_status zt_import_buffer(zt_importer *imp, zt_store *store, const char *name,
                           const char *data, size_t len, const zt_import_opts *opts,
                           zt_import_summary *sum, zt_error *err)
{
	zt_import_opts o = { 0 };
	if (opts)
		o = *opts;
	zt_import_summary local;
	if (!sum)
		sum = &local;
	memset(sum, 0, sizeof *sum);
	snprintf(sum->source, sizeof sum->source, "%s", o.source_name ? o.source_name : name);

	prepared p;
	zt_status st = prepare(imp, name, data, len, o.lenient, &p, sum, err);
	if (st) {
		if (sum == &local)
			zt_import_summary_clear(sum);
		return st;
	}
	zt_txn *txn = NULL;
	if ((st = zt_txn_begin(store, 1, &txn, err)))
		goto done;
	int32_t pub = p.doc->has_published ? p.doc->published.span.to : ZT_DAY_MIN;
	zt_id source;
	int unchanged = 0;
	zt_source_info old;
	{
		char iri[512];
		snprintf(iri, sizeof iri, "%s%s", ZT_NS_SOURCE, sum->source);
		zt_term t = zt_iri(iri);
		zt_id sid;
		if (zt_lookup(txn, &t, &sid) == ZT_OK && zt_source_get(txn, sid, &old) == ZT_OK)
			sum->replaced_source = 1;
	}
	if ((st = zt_source_begin(txn, sum->source, p.hash, pub, &source, &unchanged))) {
		zt_fail(err, st, "%s: %s", name, zt_strerror(st));
		goto done;
	}
	if (unchanged) {
		sum->unchanged = 1;
		sum->replaced_source = 0;
		zt_txn_abort(txn);
		txn = NULL;
		goto done;
	}
	resolve_entities(txn, p.x, sum);
	zt_source_meta meta = { sum->source, p.hash, p.doc->has_published, p.doc->published, p.doc->url };
	writer w = { NULL, source, ZT_OK, 0 };
	if ((st = zt_bulk_begin(txn, &w.bulk))) {
		zt_fail(err, st, "%s: %s while writing", name, zt_strerror(st));
		goto done;
	}
	st = zt_emit_facts(p.x, &meta, write_fact, &w);
	if (w.st)
		st = w.st;
	if (st) {
		zt_bulk_abort(w.bulk);
		zt_fail(err, st, "%s: %s while writing", name, zt_strerror(st));
		goto done;
	}
	if ((st = zt_bulk_finish(w.bulk))) {
		zt_fail(err, st, "%s: %s while writing", name, zt_strerror(st));
		goto done;
	}
	sum->facts = w.facts;
	if ((st = zt_source_end(txn, source))) {
		zt_fail(err, st, "%s: %s", name, zt_strerror(st));
		goto done;
	}
	if (o.explain)
		sum->explain = zt_extraction_dump(p.x, p.doc);
	if (o.dry_run) {
		zt_txn_abort(txn);
		txn = NULL;
	} else {
		st = zt_txn_commit(txn, err);
		txn = NULL;
	}
done:
	zt_txn_abort(txn);
	prepared_free(&p);
	if (sum == &local)
		zt_import_summary_clear(sum);
	return st;
}

zt_status zt_import_file(zt_importer *imp, zt_store *store, const char *path,
                         const zt_import_opts *opts, zt_import_summary *sum, zt_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return zt_fail(err, ZT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	zt_buf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		zt_buf_add(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		zt_buf_free(&b);
		return zt_fail(err, ZT_ERR_IO, "%s: read error", path);
	}
	if (b.failed) {
		zt_buf_free(&b);
		return zt_fail(err, ZT_ERR_NOMEM, "%s: out of memory", path);
	}
	char name[256];
	zt_import_source_name(path, name, sizeof name);
	zt_import_opts o = { 0 };
	if (opts)
		o = *opts;
	if (!o.source_name)
		o.source_name = name;
	zt_status st = zt_import_buffer(imp, store, path, b.s ? b.s : "", b.len, &o, sum, err);
	zt_buf_free(&b);
	return st;
}

typedef struct previewer {
	zt_buf *b;
	const char *graph;
} previewer;

static int preview_fact(void *ctx, const zt_term *s, const zt_term *p, const zt_term *o, zt_span time, uint32_t item)
{
	previewer *pv = ctx;
	char g[700];
	char a[16], z[16];
	if (zt_span_is_always(time) && !item) {
		snprintf(g, sizeof g, "%s", pv->graph);
	} else if (zt_span_is_always(time)) {
		snprintf(g, sizeof g, "%s#i=%u", pv->graph, item);
	} else {
		zt_day_format(time.from, a);
		zt_day_format(time.to, z);
		snprintf(g, sizeof g, "%s#i=%u;t=%s..%s", pv->graph, item, a, z);
	}
	zt_emit_nquad(pv->b, s, p, o, g);
	return 0;
}

zt_status zt_import_preview(zt_importer *imp, const char *name, const char *data, size_t len,
                            int lenient, char **nquads, char **listing, zt_error *err)
{
	prepared p;
	zt_status st = prepare(imp, name, data, len, lenient, &p, NULL, err);
	if (st)
		return st;
	if (nquads) {
		zt_buf b = { 0 };
		char graph[512];
		snprintf(graph, sizeof graph, "%s%s", ZT_NS_SOURCE, name);
		previewer pv = { &b, graph };
		zt_source_meta meta = { name, p.hash, p.doc->has_published, p.doc->published, p.doc->url };
		zt_emit_facts(p.x, &meta, preview_fact, &pv);
		*nquads = zt_buf_take(&b);
	}
	if (listing) {
		char *d = zt_doc_dump(p.doc);
		char *x = zt_extraction_dump(p.x, p.doc);
		zt_buf b = { 0 };
		if (d)
			zt_buf_adds(&b, d);
		if (x)
			zt_buf_adds(&b, x);
		free(d);
		free(x);
		*listing = zt_buf_take(&b);
	}
	prepared_free(&p);
	return ZT_OK;
}
