/* export.c — N-Quads, N-Triples and TSV export (store/export.h). */
#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "literal.h"

#define DT_QUARTER "urn:zhitu:dt:quarter"   /* = ZT_DT_QUARTER of import/ntriples.h */

zt_status zt_export_format_parse(const char *name, zt_export_format *out)
{
	if (strcmp(name, "nquads") == 0 || strcmp(name, "nq") == 0)
		*out = ZT_EXPORT_NQUADS;
	else if (strcmp(name, "ntriples") == 0 || strcmp(name, "nt") == 0)
		*out = ZT_EXPORT_NTRIPLES;
	else if (strcmp(name, "tsv") == 0)
		*out = ZT_EXPORT_TSV;
	else
		return ZT_ERR_ARG;
	return ZT_OK;
}

/* ------------------------------------------------------------ terms */

/* Terms are rendered into a growable buffer, then written with one
 * fwrite: cheaper than many small stdio calls. */
typedef struct buf {
	char *p;
	size_t n, cap;
	int oom;
} buf;

static int grow(buf *b, size_t more)
{
	if (b->n + more <= b->cap)
		return 1;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + more)
		cap *= 2;
	char *np = realloc(b->p, cap);
	if (!np) {
		b->oom = 1;
		return 0;
	}
	b->p = np;
	b->cap = cap;
	return 1;
}

static void put(buf *b, const char *s, size_t n)
{
	if (n && grow(b, n)) {
		memcpy(b->p + b->n, s, n);
		b->n += n;
	}
}

static void putstr(buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static const char hexd[] = "0123456789ABCDEF";

static void put_u00(buf *b, unsigned char c)
{
	char e[6] = { '\\', 'u', '0', '0', hexd[c >> 4], hexd[c & 15] };
	put(b, e, 6);
}

static void render_iri(buf *b, const char *s, size_t n)
{
	put(b, "<", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' &&
		    c != '|' && c != '^' && c != '`' && c != '\\')
			continue;
		put(b, s + run, i - run);
		put_u00(b, c);
		run = i + 1;
	}
	put(b, s + run, n - run);
	put(b, ">", 1);
}

static void render_string(buf *b, const char *s, size_t n)
{
	put(b, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(b, s + run, i - run);
		switch (c) {
		case '"': put(b, "\\\"", 2); break;
		case '\\': put(b, "\\\\", 2); break;
		case '\n': put(b, "\\n", 2); break;
		case '\r': put(b, "\\r", 2); break;
		case '\t': put(b, "\\t", 2); break;
		default: put_u00(b, c); break;
		}
		run = i + 1;
	}
	put(b, s + run, n - run);
	put(b, "\"", 1);
}

static void render_dt(buf *b, const char *dt)
{
	put(b, "^^<", 3);
	putstr(b, dt);
	put(b, ">", 1);
}

static void render_term(buf *b, const zt_term *t)
{
	switch (t->kind) {
	case ZT_IRI:
		render_iri(b, t->str, t->len);
		break;
	case ZT_BLANK:
		put(b, "_:", 2);
		put(b, t->str, t->len);
		break;
	case ZT_TEXT:
		render_string(b, t->str, t->len);
		if (t->extra_len) {
			put(b, "@", 1);
			put(b, t->extra, t->extra_len);
		}
		break;
	case ZT_DATE:
		render_string(b, t->str, t->len);
		if (t->len == 10)
			render_dt(b, ZT_XSD_DATE);
		else if (t->len == 7 && t->str[5] == 'Q')
			render_dt(b, DT_QUARTER);
		else if (t->len == 7)
			render_dt(b, ZT_XSD_GYEARMONTH);
		else if (t->len == 4)
			render_dt(b, ZT_XSD_GYEAR);
		break;
	case ZT_NUMBER:
		render_string(b, t->str, t->len);
		if (memchr(t->str, 'e', t->len) || memchr(t->str, 'E', t->len) ||
		    memchr(t->str, 'N', t->len) || memchr(t->str, 'I', t->len))
			render_dt(b, ZT_XSD_DOUBLE);
		else if (memchr(t->str, '.', t->len))
			render_dt(b, ZT_XSD_DECIMAL);
		else
			render_dt(b, ZT_XSD_INTEGER);
		break;
	case ZT_MONEY:
		render_string(b, t->str, t->len);
		break;
	case ZT_TYPED:
		render_string(b, t->str, t->len);
		put(b, "^^", 2);
		render_iri(b, t->extra, t->extra_len);
		break;
	}
}

int zt_term_write(FILE *out, const zt_term *t)
{
	buf b = { 0 };
	render_term(&b, t);
	if (b.oom) {
		free(b.p);
		return -1;
	}
	fwrite(b.p, 1, b.n, out);
	free(b.p);
	return ferror(out) ? -1 : 0;
}

/* ----------------------------------------------------------- export */

typedef struct src {
	zt_id id;
	char *name;
	char *hash;
	int32_t published;
	int foreign;            /* the name is an IRI of its own */
} src;

typedef struct exporter {
	zt_txn *txn;
	FILE *out;
	zt_export_format fmt;
	src *srcs;              /* in the store's order: by name */
	src **byid;             /* the same, sorted by id for lookups */
	size_t nsrc, capsrc;
	zt_id type, label, published, hash, source_type;
	zt_export_info info;
	zt_status st;           /* first failure inside a callback */
	/* rendered terms by id, direct-mapped: predicates, types and hot
	 * objects repeat, and a dictionary lookup costs more than a copy */
	struct cached { zt_id id; buf text; } *cache;
	/* the last graph name rendered */
	const src *g_src;
	uint32_t g_item;
	zt_span g_time;
	buf g_text;
	buf ob;                 /* output, flushed to `out` in large writes */
} exporter;

#define OUT_FLUSH ((size_t)1 << 20)

static void flush_out(exporter *x)
{
	if (x->ob.oom)
		x->st = ZT_ERR_NOMEM;
	else if (x->ob.n)
		fwrite(x->ob.p, 1, x->ob.n, x->out);
	x->ob.n = 0;
}

#define CACHE_SLOTS 8192

static int cmp_src(const void *a, const void *b)
{
	zt_id x = (*(src *const *)a)->id, y = (*(src *const *)b)->id;
	return x < y ? -1 : x > y;
}

/* Whether a source name is an IRI of its own (a foreign graph name): a
 * scheme (RFC 3986: a letter, then letters, digits, '+', '-' or '.') and
 * ':', then "//", or "urn:".  Anything else written as a graph IRI would
 * be relative, which the loader refuses. */
static int is_foreign(const char *name)
{
	const char *p = name;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	for (p++; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	          *p == '+' || *p == '-' || *p == '.'; p++)
		;
	if (*p != ':')
		return 0;
	return (p[1] == '/' && p[2] == '/') || strncmp(name, "urn:", 4) == 0;
}

static int collect_source(void *ctx, const zt_source_info *in)
{
	exporter *x = ctx;
	if (x->nsrc == x->capsrc) {
		size_t cap = x->capsrc ? x->capsrc * 2 : 16;
		src *ns = realloc(x->srcs, cap * sizeof *ns);
		if (!ns) {
			x->st = ZT_ERR_NOMEM;
			return 1;
		}
		x->srcs = ns;
		x->capsrc = cap;
	}
	src *s = &x->srcs[x->nsrc];
	s->id = in->id;
	s->name = strdup(in->name);
	s->hash = strdup(in->hash ? in->hash : "");
	s->published = in->published;
	if (!s->name || !s->hash) {
		free(s->name);
		free(s->hash);
		x->st = ZT_ERR_NOMEM;
		return 1;
	}
	s->foreign = is_foreign(s->name);
	x->nsrc++;
	return 0;
}

static const src *find_src(const exporter *x, zt_id id)
{
	size_t lo = 0, hi = x->nsrc;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->byid[mid]->id < id)
			lo = mid + 1;
		else if (x->byid[mid]->id > id)
			hi = mid;
		else
			return x->byid[mid];
	}
	return NULL;
}

static void render_graph(buf *b, const src *s, uint32_t item, zt_span time)
{
	int has_t = !zt_span_is_always(time);
	if (s->foreign && !item && !has_t) {
		render_iri(b, s->name, strlen(s->name));
		return;
	}
	/* ZT_NS_SOURCE + name [# fragment], escaped like any IRI */
	char frag[64];
	size_t fl = 0;
	if (item || has_t) {
		frag[fl++] = '#';
		if (item)
			fl += (size_t)snprintf(frag + fl, sizeof frag - fl, "i=%u", item);
		if (has_t) {
			char from[16] = "", to[16] = "";
			if (time.from != ZT_DAY_MIN)
				zt_day_format(time.from, from);
			if (time.to != ZT_DAY_MAX)
				zt_day_format(time.to, to);
			fl += (size_t)snprintf(frag + fl, sizeof frag - fl, "%st=%s..%s",
			                       item ? ";" : "", from, to);
		}
	}
	/* The loader takes the text after the last '#' as this fragment: a
	 * name holding '#' itself (a foreign graph IRI) needs one, so write
	 * the timeless range "t=.." when there is nothing else to say. */
	if (!fl && strchr(s->name, '#'))
		fl = (size_t)snprintf(frag, sizeof frag, "#t=..");
	buf iri = { 0 };
	putstr(&iri, ZT_NS_SOURCE);
	putstr(&iri, s->name);
	put(&iri, frag, fl);
	if (iri.oom)
		b->oom = 1;
	else
		render_iri(b, iri.p, iri.n);
	free(iri.p);
}

static void write_graph(exporter *x, const src *s, uint32_t item, zt_span time)
{
	if (x->g_src != s || x->g_item != item || x->g_time.from != time.from ||
	    x->g_time.to != time.to) {
		x->g_text.n = 0;
		render_graph(&x->g_text, s, item, time);
		if (x->g_text.oom) {
			x->st = ZT_ERR_NOMEM;
			x->g_src = NULL;
			return;
		}
		x->g_src = s;
		x->g_item = item;
		x->g_time = time;
	}
	put(&x->ob, x->g_text.p, x->g_text.n);
}

/* Write the term of `id`, rendered once per cache slot. */
static zt_status write_id(exporter *x, zt_id id)
{
	struct cached *c = &x->cache[(id * 0x9E3779B97F4A7C15ull) >> 51];
	if (c->id != id || !c->text.p) {
		zt_term t;
		zt_status st = zt_term_of(x->txn, id, &t);
		if (st != ZT_OK)
			return st == ZT_NOTFOUND ? ZT_ERR_CORRUPT : st;
		c->text.n = 0;
		render_term(&c->text, &t);
		if (c->text.oom) {
			c->id = 0;
			return ZT_ERR_NOMEM;
		}
		c->id = id;
	}
	put(&x->ob, c->text.p, c->text.n);
	return ZT_OK;
}

static void end_line(exporter *x)
{
	if (x->fmt == ZT_EXPORT_TSV)
		put(&x->ob, "\n", 1);
	else
		put(&x->ob, " .\n", 3);
	x->info.lines++;
	if (x->ob.n >= OUT_FLUSH)
		flush_out(x);
}

static void sep(exporter *x)
{
	put(&x->ob, x->fmt == ZT_EXPORT_TSV ? "\t" : " ", 1);
}

/* One statement of the source descriptions. */
static void write_meta(exporter *x, const src *s, const char *pred, const zt_term *o)
{
	zt_term node = { .kind = ZT_IRI };
	size_t pl = sizeof ZT_NS_SOURCE - 1, nl = strlen(s->name);
	char *iri = malloc(pl + nl + 1);
	if (!iri) {
		x->st = ZT_ERR_NOMEM;
		return;
	}
	memcpy(iri, ZT_NS_SOURCE, pl);
	memcpy(iri + pl, s->name, nl + 1);
	node.str = iri;
	node.len = pl + nl;
	zt_term p = zt_iri(pred);
	render_term(&x->ob, &node);
	sep(x);
	render_term(&x->ob, &p);
	sep(x);
	render_term(&x->ob, o);
	if (x->fmt != ZT_EXPORT_NTRIPLES) {
		sep(x);
		write_graph(x, s, 0, ZT_SPAN_ALWAYS);
	}
	end_line(x);
	free(iri);
}

static void write_descriptions(exporter *x)
{
	for (size_t i = 0; i < x->nsrc; i++) {
		const src *s = &x->srcs[i];
		if (s->published != ZT_DAY_MIN) {
			char day[16];
			zt_day_format(s->published, day);
			zt_term o = zt_lit(ZT_DATE, day);
			write_meta(x, s, ZT_NS_PRED "published", &o);
		}
		if (s->hash[0]) {
			zt_term o = zt_text(s->hash, NULL);
			write_meta(x, s, ZT_NS_PRED "content_hash", &o);
		}
		zt_term type = zt_iri(ZT_NS_TYPE "Source");
		write_meta(x, s, ZT_RDF_TYPE, &type);
		zt_term label = zt_text(s->name, NULL);
		write_meta(x, s, ZT_RDFS_LABEL, &label);
	}
}

/* Whether the support of `source` for fact f is one of the source
 * descriptions written from the records (so it is not written twice).
 * Only a fact equal to what write_descriptions writes is one: any other
 * label, `published` or `content_hash` fact of a source node (foreign
 * data may hold them) is data and must be exported. */
static int is_description(exporter *x, const zt_fact *f, zt_id source)
{
	if (!source || f->s != source)
		return 0;
	if (f->p == x->type)
		return f->o == x->source_type;
	if (f->p != x->label && f->p != x->published && f->p != x->hash)
		return 0;
	const src *s = find_src(x, source);
	zt_term t;
	if (!s || zt_term_of(x->txn, f->o, &t) != ZT_OK)
		return 0;
	const char *want;
	char day[16];
	if (f->p == x->published) {
		if (t.kind != ZT_DATE || s->published == ZT_DAY_MIN)
			return 0;
		zt_day_format(s->published, day);
		want = day;
	} else {
		if (t.kind != ZT_TEXT || t.extra_len)
			return 0;
		want = f->p == x->label ? s->name : s->hash;
	}
	return t.len == strlen(want) && memcmp(t.str, want, t.len) == 0;
}

static zt_status lookup(zt_txn *txn, const char *iri, zt_id *out)
{
	zt_term t = zt_iri(iri);
	zt_status st = zt_lookup(txn, &t, out);
	if (st == ZT_NOTFOUND) {
		*out = 0;     /* never equal to a real id */
		return ZT_OK;
	}
	return st;
}

zt_status zt_export(zt_txn *txn, zt_export_format fmt, FILE *out, zt_export_info *info,
                    zt_error *err)
{
	exporter x = { .txn = txn, .out = out, .fmt = fmt };
	zt_status st;
	zt_error_clear(err);
	zt_iter *it = NULL;
	zt_support sbuf[16], *sup = sbuf;
	size_t scap = 16;
	x.cache = calloc(CACHE_SLOTS, sizeof *x.cache);
	if (!x.cache) {
		st = ZT_ERR_NOMEM;
		goto out;
	}
	if ((st = zt_source_list(txn, collect_source, &x)) != ZT_OK || (st = x.st) != ZT_OK)
		goto out;
	if (x.nsrc) {
		x.byid = malloc(x.nsrc * sizeof *x.byid);
		if (!x.byid) {
			st = ZT_ERR_NOMEM;
			goto out;
		}
		for (size_t i = 0; i < x.nsrc; i++)
			x.byid[i] = &x.srcs[i];
		qsort(x.byid, x.nsrc, sizeof *x.byid, cmp_src);
	}
	if ((st = lookup(txn, ZT_RDF_TYPE, &x.type)) != ZT_OK ||
	    (st = lookup(txn, ZT_RDFS_LABEL, &x.label)) != ZT_OK ||
	    (st = lookup(txn, ZT_NS_PRED "published", &x.published)) != ZT_OK ||
	    (st = lookup(txn, ZT_NS_PRED "content_hash", &x.hash)) != ZT_OK ||
	    (st = lookup(txn, ZT_NS_TYPE "Source", &x.source_type)) != ZT_OK)
		goto out;

	if (fmt == ZT_EXPORT_TSV) {
		putstr(&x.ob, "s\tp\to\tgraph\n");
	}
	write_descriptions(&x);
	if ((st = x.st) != ZT_OK)
		goto out;

	if ((st = zt_match(txn, 0, 0, 0, ZT_SPAN_ALWAYS, &it)) != ZT_OK)
		goto out;
	zt_fact f;
	while ((st = zt_iter_next(it, &f)) == ZT_OK) {
		x.info.facts++;
		size_t n;
		if ((st = zt_iter_supports(it, sup, scap, &n)) != ZT_OK)
			goto out;
		if (n > scap) {
			zt_support *ns = malloc(n * sizeof *ns);
			if (!ns) {
				st = ZT_ERR_NOMEM;
				goto out;
			}
			if (sup != sbuf)
				free(sup);
			sup = ns;
			scap = n;
			if ((st = zt_iter_supports(it, sup, scap, &n)) != ZT_OK)
				goto out;
		}
		if (n == 0) {       /* defensive: a fact always has a support */
			sup[0] = (zt_support){ .source = 0, .time = f.time };
			n = 1;
		}
		for (size_t i = 0; i < n; i++) {
			if (is_description(&x, &f, sup[i].source))
				continue;
			if ((st = write_id(&x, f.s)) != ZT_OK)
				goto out;
			sep(&x);
			if ((st = write_id(&x, f.p)) != ZT_OK)
				goto out;
			sep(&x);
			if ((st = write_id(&x, f.o)) != ZT_OK)
				goto out;
			if (fmt != ZT_EXPORT_NTRIPLES) {
				const src *s = sup[i].source ? find_src(&x, sup[i].source) : NULL;
				if (s) {
					sep(&x);
					write_graph(&x, s, sup[i].item, sup[i].time);
				} else if (fmt == ZT_EXPORT_TSV) {
					sep(&x);
				}
			}
			end_line(&x);
			if (fmt == ZT_EXPORT_NTRIPLES)
				break;      /* one triple per fact */
		}
		if (ferror(out)) {
			st = zt_fail(err, ZT_ERR_IO, "writing the export failed: %s", strerror(errno));
			goto out;
		}
		if ((st = x.st) != ZT_OK)
			goto out;
	}
	if (st == ZT_DONE)
		st = ZT_OK;
	if (st == ZT_OK) {
		flush_out(&x);
		st = x.st;
	}
	if (st == ZT_OK && (fflush(out) != 0 || ferror(out)))
		st = zt_fail(err, ZT_ERR_IO, "writing the export failed: %s", strerror(errno));
out:
	zt_iter_free(it);
	if (sup != sbuf)
		free(sup);
	for (size_t i = 0; i < x.nsrc; i++) {
		free(x.srcs[i].name);
		free(x.srcs[i].hash);
	}
	free(x.srcs);
	free(x.byid);
	if (x.cache)
		for (size_t i = 0; i < CACHE_SLOTS; i++)
			free(x.cache[i].text.p);
	free(x.cache);
	free(x.g_text.p);
	free(x.ob.p);
	if (info)
		*info = x.info;
	if (st >= ZT_ERR_FIRST && err && !err->msg[0])
		zt_fail(err, st, "export failed: %s", zt_strerror(st));
	return st;
}
