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

static const char hexd[] = "0123456789ABCDEF";

static void put_u00(FILE *out, unsigned char c)
{
	char b[6] = { '\\', 'u', '0', '0', hexd[c >> 4], hexd[c & 15] };
	fwrite(b, 1, 6, out);
}

static void write_iri(FILE *out, const char *s, size_t n)
{
	putc('<', out);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' &&
		    c != '|' && c != '^' && c != '`' && c != '\\')
			continue;
		fwrite(s + run, 1, i - run, out);
		put_u00(out, c);
		run = i + 1;
	}
	fwrite(s + run, 1, n - run, out);
	putc('>', out);
}

static void write_string(FILE *out, const char *s, size_t n)
{
	putc('"', out);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		fwrite(s + run, 1, i - run, out);
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default: put_u00(out, c); break;
		}
		run = i + 1;
	}
	fwrite(s + run, 1, n - run, out);
	putc('"', out);
}

static void write_dt(FILE *out, const char *dt)
{
	fputs("^^<", out);
	fputs(dt, out);
	putc('>', out);
}

int zt_term_write(FILE *out, const zt_term *t)
{
	switch (t->kind) {
	case ZT_IRI:
		write_iri(out, t->str, t->len);
		break;
	case ZT_BLANK:
		fputs("_:", out);
		fwrite(t->str, 1, t->len, out);
		break;
	case ZT_TEXT:
		write_string(out, t->str, t->len);
		if (t->extra_len) {
			putc('@', out);
			fwrite(t->extra, 1, t->extra_len, out);
		}
		break;
	case ZT_DATE:
		write_string(out, t->str, t->len);
		if (t->len == 10)
			write_dt(out, ZT_XSD_DATE);
		else if (t->len == 7 && t->str[5] == 'Q')
			write_dt(out, DT_QUARTER);
		else if (t->len == 7)
			write_dt(out, ZT_XSD_GYEARMONTH);
		else if (t->len == 4)
			write_dt(out, ZT_XSD_GYEAR);
		break;
	case ZT_NUMBER:
		write_string(out, t->str, t->len);
		if (memchr(t->str, 'e', t->len) || memchr(t->str, 'E', t->len) ||
		    memchr(t->str, 'N', t->len) || memchr(t->str, 'I', t->len))
			write_dt(out, ZT_XSD_DOUBLE);
		else if (memchr(t->str, '.', t->len))
			write_dt(out, ZT_XSD_DECIMAL);
		else
			write_dt(out, ZT_XSD_INTEGER);
		break;
	case ZT_MONEY:
		write_string(out, t->str, t->len);
		break;
	case ZT_TYPED:
		write_string(out, t->str, t->len);
		fputs("^^", out);
		write_iri(out, t->extra, t->extra_len);
		break;
	}
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
	src *srcs;              /* sorted by id */
	size_t nsrc, capsrc;
	zt_id type, label, published, hash, source_type;
	zt_export_info info;
	zt_status st;           /* first failure inside a callback */
	/* the last term written per position: predicates and hot objects
	 * repeat, and a lookup costs more than a compare */
	zt_id last_id[3];
	char *last_text[3];
	size_t last_len[3], last_cap[3];
} exporter;

static int cmp_src(const void *a, const void *b)
{
	zt_id x = ((const src *)a)->id, y = ((const src *)b)->id;
	return x < y ? -1 : x > y;
}

static int is_foreign(const char *name)
{
	return strstr(name, "://") != NULL || strncmp(name, "urn:", 4) == 0;
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
		if (x->srcs[mid].id < id)
			lo = mid + 1;
		else if (x->srcs[mid].id > id)
			hi = mid;
		else
			return &x->srcs[mid];
	}
	return NULL;
}

static void write_graph(exporter *x, const src *s, uint32_t item, zt_span time)
{
	int has_t = !zt_span_is_always(time);
	if (s->foreign && !item && !has_t) {
		write_iri(x->out, s->name, strlen(s->name));
		return;
	}
	/* The graph IRI: ZT_NS_SOURCE + name [# fragment], escaped like any IRI. */
	char frag[64];
	size_t fl = 0;
	if (item || has_t) {
		frag[fl++] = '#';
		if (item)
			fl += (size_t)snprintf(frag + fl, sizeof frag - fl, "i=%u", item);
		if (has_t) {
			char a[16] = "", b[16] = "";
			if (time.from != ZT_DAY_MIN)
				zt_day_format(time.from, a);
			if (time.to != ZT_DAY_MAX)
				zt_day_format(time.to, b);
			fl += (size_t)snprintf(frag + fl, sizeof frag - fl, "%st=%s..%s",
			                       item ? ";" : "", a, b);
		}
	}
	size_t nl = strlen(s->name), pl = sizeof ZT_NS_SOURCE - 1;
	char stackbuf[512];
	char *buf = nl + pl + fl <= sizeof stackbuf ? stackbuf : malloc(nl + pl + fl);
	if (!buf) {
		x->st = ZT_ERR_NOMEM;
		return;
	}
	memcpy(buf, ZT_NS_SOURCE, pl);
	memcpy(buf + pl, s->name, nl);
	memcpy(buf + pl + nl, frag, fl);
	write_iri(x->out, buf, pl + nl + fl);
	if (buf != stackbuf)
		free(buf);
}

/* Write the term of `id` in position `pos` (0 s, 1 p, 2 o), reusing the
 * text of the last id written there. */
static zt_status write_id(exporter *x, int pos, zt_id id)
{
	if (x->last_id[pos] == id && x->last_text[pos]) {
		fwrite(x->last_text[pos], 1, x->last_len[pos], x->out);
		return ZT_OK;
	}
	zt_term t;
	zt_status st = zt_term_of(x->txn, id, &t);
	if (st != ZT_OK)
		return st == ZT_NOTFOUND ? ZT_ERR_CORRUPT : st;
	/* Render into memory once, then copy to the stream. */
	char *mem = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&mem, &len);
	if (!m)
		return ZT_ERR_NOMEM;
	zt_term_write(m, &t);
	if (fclose(m) != 0 || !mem) {
		free(mem);
		return ZT_ERR_NOMEM;
	}
	fwrite(mem, 1, len, x->out);
	free(x->last_text[pos]);
	x->last_text[pos] = mem;
	x->last_len[pos] = len;
	x->last_id[pos] = id;
	return ZT_OK;
}

static void end_line(exporter *x)
{
	fputs(x->fmt == ZT_EXPORT_TSV ? "\n" : " .\n", x->out);
	x->info.lines++;
}

static void sep(exporter *x)
{
	putc(x->fmt == ZT_EXPORT_TSV ? '\t' : ' ', x->out);
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
	zt_term_write(x->out, &node);
	sep(x);
	zt_term_write(x->out, &p);
	sep(x);
	zt_term_write(x->out, o);
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
 * descriptions written from the records (so it is not written twice). */
static int is_description(exporter *x, const zt_fact *f, zt_id source)
{
	if (!source || f->s != source)
		return 0;
	if (f->p == x->type)
		return f->o == x->source_type;
	return f->p == x->label || f->p == x->published || f->p == x->hash;
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
	if ((st = zt_source_list(txn, collect_source, &x)) != ZT_OK || (st = x.st) != ZT_OK)
		goto out;
	qsort(x.srcs, x.nsrc, sizeof *x.srcs, cmp_src);
	if ((st = lookup(txn, ZT_RDF_TYPE, &x.type)) != ZT_OK ||
	    (st = lookup(txn, ZT_RDFS_LABEL, &x.label)) != ZT_OK ||
	    (st = lookup(txn, ZT_NS_PRED "published", &x.published)) != ZT_OK ||
	    (st = lookup(txn, ZT_NS_PRED "content_hash", &x.hash)) != ZT_OK ||
	    (st = lookup(txn, ZT_NS_TYPE "Source", &x.source_type)) != ZT_OK)
		goto out;

	if (fmt == ZT_EXPORT_TSV) {
		fputs("s\tp\to\tg\n", out);
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
		if ((st = zt_fact_supports(txn, f.s, f.p, f.o, sup, scap, &n)) != ZT_OK)
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
			if ((st = zt_fact_supports(txn, f.s, f.p, f.o, sup, scap, &n)) != ZT_OK)
				goto out;
		}
		if (n == 0) {       /* defensive: a fact always has a support */
			sup[0] = (zt_support){ .source = 0, .time = f.time };
			n = 1;
		}
		for (size_t i = 0; i < n; i++) {
			if (is_description(&x, &f, sup[i].source))
				continue;
			if ((st = write_id(&x, 0, f.s)) != ZT_OK)
				goto out;
			sep(&x);
			if ((st = write_id(&x, 1, f.p)) != ZT_OK)
				goto out;
			sep(&x);
			if ((st = write_id(&x, 2, f.o)) != ZT_OK)
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
	if (st == ZT_OK && fflush(out) != 0)
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
	for (int i = 0; i < 3; i++)
		free(x.last_text[i]);
	if (info)
		*info = x.info;
	if (st >= ZT_ERR_FIRST && err && !err->msg[0])
		zt_fail(err, st, "export failed: %s", zt_strerror(st));
	return st;
}
