/* test_ntriples.c — the N-Triples / N-Quads reader and loader
 * (import/ntriples.h).  Run from the repository root (tests/run.sh does):
 * the fixtures are tests/rdf/good/NAME.{nt,nq} with the expected reading
 * in NAME.out, and every file of tests/rdf/bad, whose first line says
 * "# expect: LINE:COLUMN: part of the message". */
#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/ntriples.h"
#include "store/export.h"
#include "store/schema.h"

static const char *kind_name(zt_kind k)
{
	static const char *const names[] = { "?", "IRI", "BLANK", "TEXT", "DATE", "NUMBER",
	                                     "MONEY", "TYPED" };
	return k >= ZT_IRI && k <= ZT_TYPED ? names[k] : "?";
}

/* Print each statement as an N-Quads line and the object's kind. */
static zt_status print_quad(void *ctx, const zt_quad *q)
{
	FILE *out = ctx;
	zt_term_write(out, &q->s);
	putc(' ', out);
	zt_term_write(out, &q->p);
	putc(' ', out);
	zt_term_write(out, &q->o);
	if (q->has_graph) {
		putc(' ', out);
		zt_term_write(out, &q->g);
	}
	fprintf(out, " .\t# %s\n", kind_name(q->o.kind));
	return ZT_OK;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	char tmp[65536];
	size_t got;
	while ((got = fread(tmp, 1, sizeof tmp, f)) > 0)
		fwrite(tmp, 1, got, m);
	fclose(f);
	fclose(m);
	if (len)
		*len = n;
	return buf;
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcmp(name + n - e, ext) == 0;
}

START_TEST(good_fixtures)
{
	DIR *d = opendir("tests/rdf/good");
	ck_assert_msg(d != NULL, "run from the repository root");
	struct dirent *de;
	int files = 0;
	while ((de = readdir(d))) {
		if (!has_ext(de->d_name, ".nt") && !has_ext(de->d_name, ".nq"))
			continue;
		char path[512], want_path[512];
		snprintf(path, sizeof path, "tests/rdf/good/%s", de->d_name);
		snprintf(want_path, sizeof want_path, "%.*s.out", (int)strlen(path) - 3, path);
		int fs;
		zt_rdf_syntax syn = zt_rdf_syntax_for(path, &fs);
		char *got = NULL;
		size_t gotlen = 0;
		FILE *m = open_memstream(&got, &gotlen);
		FILE *f = fopen(path, "rb");
		ck_assert_ptr_nonnull(f);
		zt_error err;
		zt_status st = zt_rdf_read_file(f, path, syn, print_quad, m, &err);
		fclose(f);
		fclose(m);
		ck_assert_msg(st == ZT_OK, "%s: %s", path, err.msg);
		if (getenv("ZT_REGEN")) {
			FILE *w = fopen(want_path, "w");
			fwrite(got, 1, gotlen, w);
			fclose(w);
		}
		char *want = slurp(want_path, NULL);
		ck_assert_msg(want != NULL, "missing %s", want_path);
		ck_assert_msg(strcmp(got, want) == 0, "%s: got\n%s\nwant\n%s", path, got, want);
		free(got);
		free(want);
		files++;
	}
	closedir(d);
	ck_assert_int_ge(files, 4);
}
END_TEST

/* ------------------------------------------------------- store helpers */

static char tmpdir[64];

static zt_store *fresh_store(void)
{
	strcpy(tmpdir, "/tmp/zt-nt-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	char path[128];
	snprintf(path, sizeof path, "%s/db", tmpdir);
	zt_store *st;
	zt_error err;
	ck_assert_msg(zt_store_open(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &st, &err) == ZT_OK,
	              "%s", err.msg);
	ck_assert_msg(zt_schema_seed(st, &err) == ZT_OK, "%s", err.msg);
	return st;
}

static void drop_store(zt_store *st)
{
	zt_store_close(st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *export_all(zt_store *st, zt_export_format fmt)
{
	zt_txn *txn;
	zt_error err;
	ck_assert_int_eq(zt_txn_begin(st, 0, &txn, &err), ZT_OK);
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	ck_assert_msg(zt_export(txn, fmt, m, NULL, &err) == ZT_OK, "%s", err.msg);
	fclose(m);
	zt_txn_abort(txn);
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static zt_status load(zt_store *st, const char *path, zt_load_info *info, zt_error *err)
{
	return zt_rdf_load(st, path, info, err);
}

START_TEST(bad_fixtures)
{
	zt_store *st = fresh_store();
	zt_error err;
	ck_assert_msg(load(st, "tests/rdf/good/graphs.nq", NULL, &err) == ZT_OK, "%s", err.msg);
	char *before = export_all(st, ZT_EXPORT_NQUADS);
	DIR *d = opendir("tests/rdf/bad");
	ck_assert_ptr_nonnull(d);
	struct dirent *de;
	int files = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "tests/rdf/bad/%s", de->d_name);
		char *text = slurp(path, NULL);
		ck_assert_ptr_nonnull(text);
		ck_assert_msg(strncmp(text, "# expect: ", 10) == 0, "%s lacks '# expect:'", path);
		char *nl = strchr(text, '\n');
		*nl = 0;
		/* "LINE:COL: words": the message starts with PATH:LINE:COL: and
		 * has the words somewhere after it */
		char *words = strstr(text + 10, ": ");
		ck_assert_ptr_nonnull(words);
		*words = 0;
		words += 2;
		char want[600];
		snprintf(want, sizeof want, "%s:%s: ", path, text + 10);
		zt_status s = load(st, path, NULL, &err);
		ck_assert_msg(s == ZT_ERR_SYNTAX || s == ZT_ERR_UTF8, "%s loaded (status %d)", path, s);
		ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0 && strstr(err.msg, words),
		              "%s:\n  got  %s\n  want %s...%s...", path, err.msg, want, words);
		ck_assert_int_gt(err.line, 0);
		ck_assert_int_gt(err.column, 0);
		free(text);
		files++;
	}
	closedir(d);
	ck_assert_int_ge(files, 20);
	/* nothing of any bad file was kept */
	char *after = export_all(st, ZT_EXPORT_NQUADS);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	drop_store(st);
}
END_TEST

/* ------------------------------------------------------- term mapping */

typedef struct seen {
	zt_quad q;
	char o[256], extra[128], g[256];
	int n;
} seen;

static zt_status keep_last(void *ctx, const zt_quad *q)
{
	seen *s = ctx;
	s->q = *q;
	snprintf(s->o, sizeof s->o, "%.*s", (int)q->o.len, q->o.str);
	snprintf(s->extra, sizeof s->extra, "%.*s", (int)q->o.extra_len,
	         q->o.extra ? q->o.extra : "");
	snprintf(s->g, sizeof s->g, "%.*s", (int)q->g.len, q->has_graph ? q->g.str : "");
	s->n++;
	return ZT_OK;
}

static seen read1(const char *line, zt_rdf_syntax syn)
{
	seen s = { .n = 0 };
	zt_error err;
	zt_status st = zt_rdf_read_mem(line, strlen(line), "t", syn, keep_last, &s, &err);
	ck_assert_msg(st == ZT_OK, "%s: %s", line, err.msg);
	ck_assert_int_eq(s.n, 1);
	return s;
}

static void expect_obj(const char *obj, zt_kind kind, const char *lex, const char *extra)
{
	char line[512];
	snprintf(line, sizeof line, "<urn:x:s> <urn:x:p> %s .", obj);
	seen s = read1(line, ZT_RDF_NTRIPLES);
	ck_assert_msg(s.q.o.kind == kind, "%s: kind %s", obj, kind_name(s.q.o.kind));
	ck_assert_str_eq(s.o, lex);
	ck_assert_str_eq(s.extra, extra);
}

#define XSD "http://www.w3.org/2001/XMLSchema#"

START_TEST(literal_kinds)
{
	expect_obj("\"x\"", ZT_TEXT, "x", "");
	expect_obj("\"x\"@ZH-Hans", ZT_TEXT, "x", "zh-hans");
	expect_obj("\"x\"^^<" XSD "string>", ZT_TEXT, "x", "");
	expect_obj("\"2024-05-14\"^^<" XSD "date>", ZT_DATE, "2024-05-14", "");
	expect_obj("\"2024-02-29\"^^<" XSD "date>", ZT_DATE, "2024-02-29", "");
	expect_obj("\"2023-02-29\"^^<" XSD "date>", ZT_TYPED, "2023-02-29", XSD "date");
	expect_obj("\"2024-13\"^^<" XSD "gYearMonth>", ZT_TYPED, "2024-13", XSD "gYearMonth");
	expect_obj("\"2024-12\"^^<" XSD "gYearMonth>", ZT_DATE, "2024-12", "");
	expect_obj("\"0000\"^^<" XSD "gYear>", ZT_TYPED, "0000", XSD "gYear");
	expect_obj("\"2024-Q4\"^^<" ZT_DT_QUARTER ">", ZT_DATE, "2024-Q4", "");
	expect_obj("\"2024-Q5\"^^<" ZT_DT_QUARTER ">", ZT_TYPED, "2024-Q5", ZT_DT_QUARTER);
	expect_obj("\"-0012.3400\"^^<" XSD "decimal>", ZT_NUMBER, "-12.34", "");
	expect_obj("\"12345678901234567890123\"^^<" XSD "integer>", ZT_NUMBER,
	           "12345678901234567890123", "");
	expect_obj("\"1.0\"^^<" XSD "integer>", ZT_TYPED, "1.0", XSD "integer");
	expect_obj("\"abc\"^^<" XSD "decimal>", ZT_TYPED, "abc", XSD "decimal");
	expect_obj("\"2.5e8\"^^<" XSD "double>", ZT_NUMBER, "250000000", "");
	expect_obj("\"NaN\"^^<" XSD "double>", ZT_TYPED, "NaN", XSD "double");
	expect_obj("\"1e999\"^^<" XSD "double>", ZT_TYPED, "1e999", XSD "double");
	expect_obj("\"true\"^^<" XSD "boolean>", ZT_TYPED, "true", XSD "boolean");
	expect_obj("\"a\\u0041\\U0001F600\"", ZT_TEXT, "aA\xF0\x9F\x98\x80", "");
	expect_obj("\"\"", ZT_TEXT, "", "");
}
END_TEST

START_TEST(terms_and_graphs)
{
	seen s = read1("_:a1 <urn:x:p> _:b.c .", ZT_RDF_NTRIPLES);
	ck_assert_int_eq(s.q.s.kind, ZT_BLANK);
	ck_assert_int_eq((int)s.q.s.len, 2);
	ck_assert_int_eq(s.q.o.kind, ZT_BLANK);
	ck_assert_str_eq(s.o, "b.c");
	s = read1("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .", ZT_RDF_NQUADS);
	ck_assert(s.q.has_graph);
	ck_assert_str_eq(s.g, "urn:x:g");
	s = read1("<urn:x:s> <urn:x:p> <urn:x:o> .", ZT_RDF_NQUADS);
	ck_assert(!s.q.has_graph);
	s = read1("<urn:x:s> <urn:x:p> \"o\" _:g.", ZT_RDF_NQUADS);
	ck_assert_int_eq(s.q.g.kind, ZT_BLANK);
	ck_assert_str_eq(s.g, "g");
	/* the IRI <urn:x:o\u00E9> decodes to UTF-8 */
	s = read1("<urn:x:s> <urn:x:p> <urn:x:o\\u00E9> .", ZT_RDF_NTRIPLES);
	ck_assert_str_eq(s.o, "urn:x:o\xC3\xA9");   /* (the terms were borrowed: use the copy) */
}
END_TEST

START_TEST(error_positions)
{
	/* The column counts characters, not bytes: 5 CJK characters before. */
	const char *line = "<urn:x:s> <urn:x:p> \"中文中文中\\x\" .";
	seen s;
	zt_error err;
	ck_assert_int_eq(zt_rdf_read_mem(line, strlen(line), "in.nt", ZT_RDF_NTRIPLES, keep_last,
	                                 &s, &err), ZT_ERR_SYNTAX);
	ck_assert_int_eq(err.line, 1);
	ck_assert_int_eq(err.column, 27);
	ck_assert_msg(strncmp(err.msg, "in.nt:1:27: bad escape", 22) == 0, "%s", err.msg);
	/* line numbers count every line, comments and blank lines included */
	const char *text = "# c\n\n<urn:x:s> <urn:x:p> <urn:x:o> .\r\n<urn:x:s> <urn:x:p> <o> .\n";
	ck_assert_int_eq(zt_rdf_read_mem(text, strlen(text), "in.nt", ZT_RDF_NTRIPLES, keep_last,
	                                 &s, &err), ZT_ERR_SYNTAX);
	ck_assert_int_eq(err.line, 4);
	ck_assert_int_eq(err.column, 22);
	/* a statement may not span lines */
	text = "<urn:x:s> <urn:x:p>\n<urn:x:o> .\n";
	ck_assert_int_eq(zt_rdf_read_mem(text, strlen(text), "in.nt", ZT_RDF_NTRIPLES, keep_last,
	                                 &s, &err), ZT_ERR_SYNTAX);
	ck_assert_int_eq(err.line, 1);
}
END_TEST

/* ------------------------------------------------- big lines and blocks */

typedef struct count {
	uint64_t n, bytes;
	size_t longest;
} count;

static zt_status count_quad(void *ctx, const zt_quad *q)
{
	count *c = ctx;
	c->n++;
	c->bytes += q->o.len;
	if (q->o.len > c->longest)
		c->longest = q->o.len;
	return ZT_OK;
}

START_TEST(million_char_literal)
{
	char path[] = "/tmp/zt-nt-long-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("<urn:x:s> <urn:x:p> \"short\" .\n<urn:x:s> <urn:x:p> \"", f);
	for (int i = 0; i < 1000000; i++)
		fputs(i % 3 ? "a" : "字", f);
	fputs("\\n\" .\n<urn:x:s> <urn:x:p> \"after\" .\n", f);
	fclose(f);
	count c = { 0 };
	zt_error err;
	f = fopen(path, "rb");
	ck_assert_msg(zt_rdf_read_file(f, path, ZT_RDF_NTRIPLES, count_quad, &c, &err) == ZT_OK,
	              "%s", err.msg);
	fclose(f);
	ck_assert_uint_eq(c.n, 3);
	ck_assert_uint_eq(c.longest, 333334 * 3 + 666666 + 1);
	/* and through the store: the literal comes back whole */
	zt_store *st = fresh_store();
	ck_assert_msg(load(st, path, NULL, &err) == ZT_OK, "%s", err.msg);
	char *out = export_all(st, ZT_EXPORT_NTRIPLES);
	ck_assert_uint_gt(strlen(out), 1666668);
	ck_assert_ptr_nonnull(strstr(out, "aa字aa字"));
	free(out);
	drop_store(st);
	unlink(path);
}
END_TEST

START_TEST(lines_across_blocks)
{
	/* More than one 8 MiB block, with lines of varied length, so lines
	 * straddle the block boundary; every statement must arrive whole. */
	char path[] = "/tmp/zt-nt-blocks-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	uint64_t want_bytes = 0;
	int lines = 120000;
	for (int i = 0; i < lines; i++) {
		int len = 1 + (i * 7919) % 97;
		fprintf(f, "<urn:x:s%d> <urn:x:p> \"", i);
		for (int k = 0; k < len; k++)
			putc('a' + (k + i) % 26, f);
		fputs("\" .\n", f);
		want_bytes += (uint64_t)len;
	}
	long size = ftell(f);
	fclose(f);
	ck_assert_int_gt(size, 8 << 20);
	count c = { 0 };
	zt_error err;
	f = fopen(path, "rb");
	ck_assert_msg(zt_rdf_read_file(f, path, ZT_RDF_NTRIPLES, count_quad, &c, &err) == ZT_OK,
	              "%s", err.msg);
	fclose(f);
	ck_assert_uint_eq(c.n, (uint64_t)lines);
	ck_assert_uint_eq(c.bytes, want_bytes);
	unlink(path);
}
END_TEST

/* ---------------------------------------------------------- the loader */

static zt_id id_of(zt_txn *txn, zt_term t)
{
	zt_id id = 0;
	ck_assert_int_eq(zt_lookup(txn, &t, &id), ZT_OK);
	return id;
}

START_TEST(loader_provenance)
{
	zt_store *st = fresh_store();
	char path[128];
	snprintf(path, sizeof path, "%s/in.nq", tmpdir);
	write_file(path,
	    "<urn:zhitu:source:doc1> <urn:zhitu:p:published> \"2024-05-31\"^^<" XSD "date> <urn:zhitu:source:doc1> .\n"
	    "<urn:zhitu:source:doc1> <urn:zhitu:p:content_hash> \"abc123\" <urn:zhitu:source:doc1> .\n"
	    "<urn:zhitu:source:doc1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:Source> <urn:zhitu:source:doc1> .\n"
	    "<urn:x:e1> <urn:zhitu:p:date> \"2024-05-14\"^^<" XSD "date> <urn:zhitu:source:doc1#i=3;t=2024-05-14..2024-05-14> .\n"
	    "<urn:x:e1> <urn:zhitu:p:amount> \"6000000000 USD\" <urn:zhitu:source:doc1#i=3;t=2024-05-14..2024-05-14> .\n"
	    "<urn:x:e1> <urn:zhitu:p:title> \"6000000000 USD\" <urn:zhitu:source:doc1#i=3> .\n"
	    "<urn:x:e1> <urn:zhitu:p:open> \"x\" <urn:zhitu:source:doc1#t=..2024-01-31> .\n"
	    "<urn:x:e1> <urn:x:p> \"free\" .\n"
	    "<urn:x:e1> <urn:x:p> \"vocab\" <urn:zhitu:source:zhitu:schema> .\n"
	    "<urn:x:e1> <urn:x:p> \"foreign\" <http://example.org/g> .\n");
	zt_load_info info;
	zt_error err;
	ck_assert_msg(load(st, path, &info, &err) == ZT_OK, "%s", err.msg);
	ck_assert_uint_eq(info.statements, 10);
	ck_assert_uint_eq(info.added, 6);   /* 3 descriptions consumed, 1 schema quad skipped */
	ck_assert_uint_eq(info.sources, 2);

	zt_txn *txn;
	ck_assert_int_eq(zt_txn_begin(st, 0, &txn, &err), ZT_OK);
	zt_id doc = id_of(txn, zt_iri(ZT_NS_SOURCE "doc1"));
	zt_source_info si;
	ck_assert_int_eq(zt_source_get(txn, doc, &si), ZT_OK);
	ck_assert_str_eq(si.hash, "abc123");
	ck_assert_int_eq(si.published, 19874);       /* 2024-05-31 */
	zt_id e1 = id_of(txn, zt_iri("urn:x:e1"));
	/* money only under amount/valuation */
	zt_id amount = id_of(txn, zt_iri(ZT_NS_PRED "amount"));
	zt_id money = id_of(txn, zt_lit(ZT_MONEY, "6000000000 USD"));
	zt_fact fact;
	ck_assert_int_eq(zt_fact_get(txn, e1, amount, money, &fact), ZT_OK);
	ck_assert_int_eq(fact.time.from, 19857);
	ck_assert_int_eq(fact.time.to, 19857);
	zt_support sup[4];
	size_t n;
	ck_assert_int_eq(zt_fact_supports(txn, e1, amount, money, sup, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(sup[0].source == doc && sup[0].item == 3);
	zt_id title = id_of(txn, zt_iri(ZT_NS_PRED "title"));
	zt_id text = id_of(txn, zt_text("6000000000 USD", NULL));
	ck_assert_int_eq(zt_fact_get(txn, e1, title, text, &fact), ZT_OK);
	ck_assert(zt_span_is_always(fact.time));
	zt_id open = id_of(txn, zt_iri(ZT_NS_PRED "open"));
	zt_id x = id_of(txn, zt_text("x", NULL));
	ck_assert_int_eq(zt_fact_get(txn, e1, open, x, &fact), ZT_OK);
	ck_assert_int_eq(fact.time.from, ZT_DAY_MIN);
	ck_assert_int_eq(fact.time.to, 19753);       /* 2024-01-31 */
	/* default graph: unsourced in .nq */
	zt_id p = id_of(txn, zt_iri("urn:x:p"));
	zt_id fr = id_of(txn, zt_text("free", NULL));
	ck_assert_int_eq(zt_fact_supports(txn, e1, p, fr, sup, 4, &n), ZT_OK);
	ck_assert(n == 1 && sup[0].source == 0);
	/* the schema graph was not loaded; the foreign graph is a source */
	zt_term vocab = zt_text("vocab", NULL);
	zt_id vid;
	ck_assert_int_eq(zt_lookup(txn, &vocab, &vid), ZT_NOTFOUND);
	zt_id g = id_of(txn, zt_iri(ZT_NS_SOURCE "http://example.org/g"));
	ck_assert_int_eq(zt_source_get(txn, g, &si), ZT_OK);
	zt_txn_abort(txn);

	/* the same file again: unchanged, nothing written */
	char *before = export_all(st, ZT_EXPORT_NQUADS);
	ck_assert_msg(load(st, path, &info, &err) == ZT_OK, "%s", err.msg);
	ck_assert_uint_eq(info.sources, 0);
	ck_assert_uint_eq(info.unchanged, 2);
	ck_assert_uint_eq(info.added, 1);   /* the unsourced statement: a no-op */
	char *after = export_all(st, ZT_EXPORT_NQUADS);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	drop_store(st);
}
END_TEST

START_TEST(loader_replace_and_file_source)
{
	zt_store *st = fresh_store();
	char path[128];
	snprintf(path, sizeof path, "%s/facts.nt", tmpdir);
	write_file(path, "<urn:x:a> <urn:x:p> \"one\" .\n<urn:x:a> <urn:x:p> \"two\" .\n");
	zt_load_info info;
	zt_error err;
	ck_assert_msg(load(st, path, &info, &err) == ZT_OK, "%s", err.msg);
	ck_assert_uint_eq(info.added, 2);
	ck_assert_uint_eq(info.sources, 1);
	/* unchanged: skipped without reading */
	ck_assert_msg(load(st, path, &info, &err) == ZT_OK, "%s", err.msg);
	ck_assert_uint_eq(info.unchanged, 1);
	ck_assert_uint_eq(info.statements, 0);
	/* changed content under the same name replaces the source */
	write_file(path, "<urn:x:a> <urn:x:p> \"two\" .\n<urn:x:a> <urn:x:p> \"three\" .\n");
	ck_assert_msg(load(st, path, &info, &err) == ZT_OK, "%s", err.msg);
	char *out = export_all(st, ZT_EXPORT_NTRIPLES);
	ck_assert_ptr_null(strstr(out, "\"one\""));
	ck_assert_ptr_nonnull(strstr(out, "<urn:x:a> <urn:x:p> \"two\" .\n"));
	ck_assert_ptr_nonnull(strstr(out, "<urn:x:a> <urn:x:p> \"three\" .\n"));
	ck_assert_ptr_nonnull(strstr(out, "<urn:zhitu:source:facts> "
	                              "<http://www.w3.org/2000/01/rdf-schema#label> \"facts\" .\n"));
	free(out);
	/* a failing file keeps nothing, even after good lines */
	snprintf(path, sizeof path, "%s/half.nt", tmpdir);
	write_file(path, "<urn:x:b> <urn:x:p> \"kept?\" .\n<urn:x:b> <urn:x:p> \"bad\\q\" .\n");
	char *before = export_all(st, ZT_EXPORT_NQUADS);
	ck_assert_int_eq(load(st, path, &info, &err), ZT_ERR_SYNTAX);
	char *after = export_all(st, ZT_EXPORT_NQUADS);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	/* a missing file */
	ck_assert_int_eq(load(st, "/nonexistent/x.nt", &info, &err), ZT_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/x.nt"));
	drop_store(st);
}
END_TEST

START_TEST(syntax_for_names)
{
	int fs;
	ck_assert_int_eq(zt_rdf_syntax_for("a/b.NQ", &fs), ZT_RDF_NQUADS);
	ck_assert_int_eq(fs, 0);
	ck_assert_int_eq(zt_rdf_syntax_for("b.nt", &fs), ZT_RDF_NTRIPLES);
	ck_assert_int_eq(fs, 1);
	ck_assert_int_eq(zt_rdf_syntax_for("dir.x/data", &fs), ZT_RDF_NQUADS);
	ck_assert_int_eq(fs, 1);
	char name[64];
	zt_rdf_source_name("/x/y/2024-05.monthly.nq", name, sizeof name);
	ck_assert_str_eq(name, "2024-05.monthly");
	zt_rdf_source_name("plain", name, sizeof name);
	ck_assert_str_eq(name, "plain");
	zt_rdf_source_name("/x/.hidden", name, sizeof name);
	ck_assert_str_eq(name, ".hidden");
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	Suite *s = suite_create("ntriples");
	TCase *tc = tcase_create("ntriples");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, good_fixtures);
	tcase_add_test(tc, bad_fixtures);
	tcase_add_test(tc, literal_kinds);
	tcase_add_test(tc, terms_and_graphs);
	tcase_add_test(tc, error_positions);
	tcase_add_test(tc, million_char_literal);
	tcase_add_test(tc, lines_across_blocks);
	tcase_add_test(tc, loader_provenance);
	tcase_add_test(tc, loader_replace_and_file_source);
	tcase_add_test(tc, syntax_for_names);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
