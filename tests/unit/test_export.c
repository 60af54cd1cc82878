/* test_export.c — the vocabulary seed (store/schema.h) and RDF export
 * (store/export.h), with export → load round trips (import/ntriples.h). */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/ntriples.h"
#include "store/export.h"
#include "store/literal.h"
#include "store/schema.h"

/* ------------------------------------------------------------- helpers */

typedef struct db {
	char dir[64];
	zt_store *st;
} db;

static void db_open(db *d)
{
	strcpy(d->dir, "/tmp/zt-export-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d->dir));
	char path[128];
	snprintf(path, sizeof path, "%s/db", d->dir);
	zt_error err;
	ck_assert_msg(zt_store_open(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &d->st, &err) == ZT_OK,
	              "%s", err.msg);
	ck_assert_msg(zt_schema_seed(d->st, &err) == ZT_OK, "%s", err.msg);
}

static void db_close(db *d)
{
	zt_store_close(d->st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->dir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *export_str(zt_store *st, zt_export_format fmt)
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

/* The lines of `text` that do not mention `skip` (NULL for none), sorted,
 * joined with '\n'. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *sorted_lines(const char *text, const char *skip)
{
	char *copy = strdup(text);
	size_t n = 0, cap = 1024;
	char **lines = malloc(cap * sizeof *lines);
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (skip && strstr(l, skip))
			continue;
		if (n == cap)
			lines = realloc(lines, (cap *= 2) * sizeof *lines);
		lines[n++] = l;
	}
	qsort(lines, n, sizeof *lines, cmp_str);
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	for (size_t i = 0; i < n; i++)
		fprintf(m, "%s\n", lines[i]);
	fclose(m);
	free(lines);
	free(copy);
	return out;
}

static zt_id intern(zt_txn *txn, zt_term t)
{
	zt_id id;
	ck_assert_int_eq(zt_intern(txn, &t, &id), ZT_OK);
	return id;
}

static void add(zt_txn *txn, zt_term s, zt_term p, zt_term o, zt_span time, zt_id src,
                uint32_t item)
{
	ck_assert_int_eq(zt_fact_add(txn, intern(txn, s), intern(txn, p), intern(txn, o), time,
	                             src, item), ZT_OK);
}

static zt_span day(const char *d)
{
	zt_date dt;
	ck_assert_int_eq(zt_date_parse(d, strlen(d), &dt, NULL), ZT_OK);
	return dt.span;
}

/* A small graph with every kind of term, times, items, two supports of one
 * fact, an unsourced fact and a source named by a foreign IRI. */
static void build_graph(zt_store *st)
{
	zt_txn *txn;
	zt_error err;
	ck_assert_int_eq(zt_txn_begin(st, 1, &txn, &err), ZT_OK);
	zt_id a, b, g;
	int unchanged;
	ck_assert_int_eq(zt_source_begin(txn, "2024-05-monthly", "h1", day("2024-05-31").from, &a,
	                                 &unchanged), ZT_OK);
	ck_assert_int_eq(zt_source_begin(txn, "digest", "h2", ZT_DAY_MIN, &b, &unchanged), ZT_OK);
	ck_assert_int_eq(zt_source_begin(txn, "http://example.org/graph", "h3", ZT_DAY_MIN, &g,
	                                 &unchanged), ZT_OK);
	zt_term ev = zt_iri(ZT_NS_EVENT "2024-05-monthly/I8/1");
	zt_term scale = zt_iri(ZT_NS_ENTITY "org/scaleai");
	zt_span d = day("2024-05-21");
	add(txn, ev, zt_iri(ZT_RDF_TYPE), zt_iri(ZT_NS_TYPE "FundingRound"), d, a, 8);
	add(txn, ev, zt_iri(ZT_NS_PRED "date"), zt_lit(ZT_DATE, "2024-05-21"), d, a, 8);
	add(txn, ev, zt_iri(ZT_NS_PRED "amount"), zt_lit(ZT_MONEY, "1000000000 USD"), d, a, 8);
	add(txn, ev, zt_iri(ZT_NS_PRED "investee"), scale, d, a, 8);
	add(txn, ev, zt_iri(ZT_NS_PRED "title"), zt_text("Scale AI 获 10 亿美元融资，估值 138 亿美元", "zh"),
	    d, a, 8);
	add(txn, ev, zt_iri(ZT_NS_PRED "source"), zt_iri(ZT_NS_SOURCE "2024-05-monthly"), d, a, 8);
	add(txn, scale, zt_iri(ZT_RDF_TYPE), zt_iri(ZT_NS_TYPE "Company"), ZT_SPAN_ALWAYS, a, 8);
	add(txn, scale, zt_iri(ZT_RDFS_LABEL), zt_text("Scale AI", "en"), ZT_SPAN_ALWAYS, a, 8);
	/* the same fact from a second source, another item and time */
	add(txn, scale, zt_iri(ZT_RDF_TYPE), zt_iri(ZT_NS_TYPE "Company"), ZT_SPAN_ALWAYS, b, 2);
	add(txn, scale, zt_iri(ZT_NS_PRED "note"), zt_text("tab\there \"q\" \\ line\nbreak", NULL),
	    day("2023-07"), b, 0);
	add(txn, scale, zt_iri(ZT_NS_PRED "since"), zt_lit(ZT_DATE, "2023-07"), day("2023"), b, 0);
	add(txn, scale, zt_iri(ZT_NS_PRED "year"), zt_lit(ZT_DATE, "2016"), ZT_SPAN_ALWAYS, b, 0);
	add(txn, scale, zt_iri(ZT_NS_PRED "q"), zt_lit(ZT_DATE, "2024-Q2"), ZT_SPAN_ALWAYS, b, 0);
	add(txn, scale, zt_iri(ZT_NS_PRED "n"), zt_lit(ZT_NUMBER, "250000000"), ZT_SPAN_ALWAYS, b, 0);
	add(txn, scale, zt_iri(ZT_NS_PRED "n"), zt_lit(ZT_NUMBER, "2.5"), ZT_SPAN_ALWAYS, b, 0);
	add(txn, scale, zt_iri(ZT_NS_PRED "n"), zt_lit(ZT_NUMBER, "1e300"), ZT_SPAN_ALWAYS, b, 0);
	zt_term typed = { .kind = ZT_TYPED, .str = "true", .len = 4,
	                  .extra = "http://www.w3.org/2001/XMLSchema#boolean", .extra_len = 40 };
	add(txn, scale, zt_iri(ZT_NS_PRED "flag"), typed, ZT_SPAN_ALWAYS, b, 0);
	zt_term blank = { .kind = ZT_BLANK, .str = "b0", .len = 2 };
	add(txn, blank, zt_iri("http://example.org/p"), zt_iri("http://example.org/with space"),
	    ZT_SPAN_ALWAYS, g, 0);
	add(txn, scale, zt_iri("http://example.org/open"), zt_text("x", NULL),
	    (zt_span){ day("2024-01-01").from, ZT_DAY_MAX }, g, 0);
	add(txn, scale, zt_iri("http://example.org/unsourced"), zt_text("free", NULL),
	    ZT_SPAN_ALWAYS, 0, 0);
	ck_assert_int_eq(zt_source_end(txn, a), ZT_OK);
	ck_assert_int_eq(zt_source_end(txn, b), ZT_OK);
	ck_assert_int_eq(zt_source_end(txn, g), ZT_OK);
	ck_assert_msg(zt_txn_commit(txn, &err) == ZT_OK, "%s", err.msg);
}

/* ---------------------------------------------------------------- tests */

static void expect_term(zt_term t, const char *want)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	ck_assert_int_eq(zt_term_write(m, &t), 0);
	fclose(m);
	ck_assert_str_eq(buf, want);
	free(buf);
}

START_TEST(term_syntax)
{
	expect_term(zt_iri("urn:x"), "<urn:x>");
	expect_term(zt_iri("urn:a b<>\"{}|^`\\"), "<urn:a\\u0020b\\u003C\\u003E\\u0022\\u007B\\u007D"
	                                          "\\u007C\\u005E\\u0060\\u005C>");
	expect_term(zt_text("中文", "zh"), "\"中文\"@zh");
	expect_term(zt_text("a\"b\\c\nd\re\tf\x01", NULL), "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\"");
	expect_term(zt_lit(ZT_DATE, "2024-05-14"),
	            "\"2024-05-14\"^^<http://www.w3.org/2001/XMLSchema#date>");
	expect_term(zt_lit(ZT_DATE, "2024-05"),
	            "\"2024-05\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>");
	expect_term(zt_lit(ZT_DATE, "2024"), "\"2024\"^^<http://www.w3.org/2001/XMLSchema#gYear>");
	expect_term(zt_lit(ZT_DATE, "2024-Q2"), "\"2024-Q2\"^^<" ZT_DT_QUARTER ">");
	expect_term(zt_lit(ZT_NUMBER, "42"), "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer>");
	expect_term(zt_lit(ZT_NUMBER, "-4.2"), "\"-4.2\"^^<http://www.w3.org/2001/XMLSchema#decimal>");
	expect_term(zt_lit(ZT_NUMBER, "1e300"), "\"1e300\"^^<http://www.w3.org/2001/XMLSchema#double>");
	expect_term(zt_lit(ZT_MONEY, "6000000000 USD"), "\"6000000000 USD\"");
	zt_term b = { .kind = ZT_BLANK, .str = "n1", .len = 2 };
	expect_term(b, "_:n1");
	zt_term t = { .kind = ZT_TYPED, .str = "x", .len = 1, .extra = "urn:dt", .extra_len = 6 };
	expect_term(t, "\"x\"^^<urn:dt>");
	zt_export_format f;
	ck_assert_int_eq(zt_export_format_parse("nquads", &f), ZT_OK);
	ck_assert_int_eq(f, ZT_EXPORT_NQUADS);
	ck_assert_int_eq(zt_export_format_parse("nt", &f), ZT_OK);
	ck_assert_int_eq(f, ZT_EXPORT_NTRIPLES);
	ck_assert_int_eq(zt_export_format_parse("tsv", &f), ZT_OK);
	ck_assert_int_eq(f, ZT_EXPORT_TSV);
	ck_assert_int_eq(zt_export_format_parse("turtle", &f), ZT_ERR_ARG);
}
END_TEST

START_TEST(seed_vocabulary)
{
	db d;
	db_open(&d);
	zt_error err;
	zt_txn *txn;
	/* seeding again changes nothing */
	ck_assert_int_eq(zt_txn_begin(d.st, 1, &txn, &err), ZT_OK);
	int changed = 1;
	ck_assert_msg(zt_schema_seed_txn(txn, &changed, &err) == ZT_OK, "%s", err.msg);
	ck_assert_int_eq(changed, 0);
	zt_txn_abort(txn);
	char *e1 = export_str(d.st, ZT_EXPORT_NQUADS);
	ck_assert_int_eq(zt_schema_seed(d.st, &err), ZT_OK);
	char *e2 = export_str(d.st, ZT_EXPORT_NQUADS);
	ck_assert_str_eq(e1, e2);

	ck_assert_int_eq(zt_txn_begin(d.st, 0, &txn, &err), ZT_OK);
	zt_id ids[8];
	size_t n;
	struct { const char *name, *iri; } names[] = {
		{ "监管机构", ZT_NS_TYPE "Regulator" }, { "regulator", ZT_NS_TYPE "Regulator" },
		{ "a", ZT_RDF_TYPE }, { "subtype_of", ZT_RDFS_SUBCLASS }, { "行为方", ZT_NS_PRED "actor" },
		{ "司辖区", ZT_NS_PRED "jurisdiction" }, { "融资轮", ZT_NS_TYPE "FundingRound" },
		{ "领投方", ZT_NS_PRED "lead_investor" }, { "alias", ZT_SKOS_ALT },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		ck_assert_int_eq(zt_name_find(txn, names[i].name, ids, 8, &n), ZT_OK);
		zt_term t = zt_iri(names[i].iri);
		zt_id want;
		ck_assert_int_eq(zt_lookup(txn, &t, &want), ZT_OK);
		int found = 0;
		for (size_t k = 0; k < n && k < 8; k++)
			found |= ids[k] == want;
		ck_assert_msg(found, "'%s' does not name %s", names[i].name, names[i].iri);
	}
	zt_txn_abort(txn);
	/* the hierarchy and labels are there, as the conventions spell them */
	ck_assert_ptr_nonnull(strstr(e1, "<urn:zhitu:type:Regulator> "
	                              "<http://www.w3.org/2000/01/rdf-schema#subClassOf> "
	                              "<urn:zhitu:type:Authority> <urn:zhitu:source:zhitu:schema> .\n"));
	ck_assert_ptr_nonnull(strstr(e1, "<urn:zhitu:type:Regulator> "
	                              "<http://www.w3.org/2000/01/rdf-schema#label> \"监管机构\"@zh"));
	ck_assert_ptr_nonnull(strstr(e1, "<urn:zhitu:type:Regulator> "
	                              "<http://www.w3.org/2000/01/rdf-schema#label> \"Regulator\"@en"));
	ck_assert_ptr_nonnull(strstr(e1, "<urn:zhitu:p:actor> "
	                              "<http://www.w3.org/2000/01/rdf-schema#label> \"行为方\"@zh"));
	ck_assert_ptr_nonnull(strstr(e1, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
	                              "<http://www.w3.org/2004/02/skos/core#altLabel> \"a\"@en"));
	free(e1);
	free(e2);
	db_close(&d);
}
END_TEST

START_TEST(seed_errors)
{
	char dir[] = "/tmp/zt-data-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/types.tsv", dir);
	FILE *f = fopen(path, "w");
	fputs("# test\nEntity\t\t实体\tentity\nThing\tNope\t东西\t\n", f);
	fclose(f);
	setenv("ZHITU_DATA", dir, 1);
	db d;
	strcpy(d.dir, "/tmp/zt-export-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d.dir));
	snprintf(path, sizeof path, "%s/db", d.dir);
	zt_error err;
	ck_assert_int_eq(zt_store_open(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &d.st, &err), ZT_OK);
	ck_assert_int_eq(zt_schema_seed(d.st, &err), ZT_ERR_SYNTAX);
	ck_assert_msg(strstr(err.msg, "types.tsv:3: parent 'Nope'") != NULL, "%s", err.msg);
	snprintf(path, sizeof path, "%s/types.tsv", dir);
	f = fopen(path, "w");
	fputs("A\tB\t\t\nB\tA\t\t\n", f);
	fclose(f);
	ck_assert_int_eq(zt_schema_seed(d.st, &err), ZT_ERR_SYNTAX);
	ck_assert_msg(strstr(err.msg, "its own ancestor") != NULL, "%s", err.msg);
	f = fopen(path, "w");
	fputs("A\t\t\t\t\textra\n", f);
	fclose(f);
	ck_assert_int_eq(zt_schema_seed(d.st, &err), ZT_ERR_SYNTAX);
	ck_assert_msg(strstr(err.msg, "types.tsv:1: more than 4") != NULL, "%s", err.msg);
	/* a changed vocabulary replaces the old one */
	f = fopen(path, "w");
	fputs("Entity\t\t实体\t\nWidget\tEntity\t部件\tgadget\n", f);
	fclose(f);
	ck_assert_msg(zt_schema_seed(d.st, &err) == ZT_OK, "%s", err.msg);
	char *e = export_str(d.st, ZT_EXPORT_NQUADS);
	ck_assert_ptr_nonnull(strstr(e, "<urn:zhitu:type:Widget>"));
	ck_assert_ptr_null(strstr(e, "<urn:zhitu:type:Regulator>"));
	free(e);
	unsetenv("ZHITU_DATA");
	ck_assert_msg(zt_schema_seed(d.st, &err) == ZT_OK, "%s", err.msg);
	e = export_str(d.st, ZT_EXPORT_NQUADS);
	ck_assert_ptr_null(strstr(e, "<urn:zhitu:type:Widget>"));
	ck_assert_ptr_nonnull(strstr(e, "<urn:zhitu:type:Regulator>"));
	free(e);
	db_close(&d);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(nquads_lines)
{
	db d;
	db_open(&d);
	build_graph(d.st);
	char *e = export_str(d.st, ZT_EXPORT_NQUADS);
	char *got = sorted_lines(e, "zhitu:schema");
	const char *want_lines[] = {
		"<urn:zhitu:source:2024-05-monthly> <urn:zhitu:p:published> \"2024-05-31\"^^<http://www.w3.org/2001/XMLSchema#date> <urn:zhitu:source:2024-05-monthly> .",
		"<urn:zhitu:source:2024-05-monthly> <urn:zhitu:p:content_hash> \"h1\" <urn:zhitu:source:2024-05-monthly> .",
		"<urn:zhitu:source:2024-05-monthly> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:Source> <urn:zhitu:source:2024-05-monthly> .",
		"<urn:zhitu:source:2024-05-monthly> <http://www.w3.org/2000/01/rdf-schema#label> \"2024-05-monthly\" <urn:zhitu:source:2024-05-monthly> .",
		"<urn:zhitu:source:digest> <urn:zhitu:p:content_hash> \"h2\" <urn:zhitu:source:digest> .",
		"<urn:zhitu:source:digest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:Source> <urn:zhitu:source:digest> .",
		"<urn:zhitu:source:digest> <http://www.w3.org/2000/01/rdf-schema#label> \"digest\" <urn:zhitu:source:digest> .",
		"<urn:zhitu:source:http://example.org/graph> <urn:zhitu:p:content_hash> \"h3\" <http://example.org/graph> .",
		"<urn:zhitu:source:http://example.org/graph> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:Source> <http://example.org/graph> .",
		"<urn:zhitu:source:http://example.org/graph> <http://www.w3.org/2000/01/rdf-schema#label> \"http://example.org/graph\" <http://example.org/graph> .",
		"<urn:zhitu:ev:2024-05-monthly/I8/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:FundingRound> <urn:zhitu:source:2024-05-monthly#i=8;t=2024-05-21..2024-05-21> .",
		"<urn:zhitu:ev:2024-05-monthly/I8/1> <urn:zhitu:p:date> \"2024-05-21\"^^<http://www.w3.org/2001/XMLSchema#date> <urn:zhitu:source:2024-05-monthly#i=8;t=2024-05-21..2024-05-21> .",
		"<urn:zhitu:ev:2024-05-monthly/I8/1> <urn:zhitu:p:amount> \"1000000000 USD\" <urn:zhitu:source:2024-05-monthly#i=8;t=2024-05-21..2024-05-21> .",
		"<urn:zhitu:ev:2024-05-monthly/I8/1> <urn:zhitu:p:investee> <urn:zhitu:e:org/scaleai> <urn:zhitu:source:2024-05-monthly#i=8;t=2024-05-21..2024-05-21> .",
		"<urn:zhitu:ev:2024-05-monthly/I8/1> <urn:zhitu:p:title> \"Scale AI 获 10 亿美元融资，估值 138 亿美元\"@zh <urn:zhitu:source:2024-05-monthly#i=8;t=2024-05-21..2024-05-21> .",
		"<urn:zhitu:ev:2024-05-monthly/I8/1> <urn:zhitu:p:source> <urn:zhitu:source:2024-05-monthly> <urn:zhitu:source:2024-05-monthly#i=8;t=2024-05-21..2024-05-21> .",
		"<urn:zhitu:e:org/scaleai> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:Company> <urn:zhitu:source:2024-05-monthly#i=8> .",
		"<urn:zhitu:e:org/scaleai> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:Company> <urn:zhitu:source:digest#i=2> .",
		"<urn:zhitu:e:org/scaleai> <http://www.w3.org/2000/01/rdf-schema#label> \"Scale AI\"@en <urn:zhitu:source:2024-05-monthly#i=8> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:note> \"tab\\there \\\"q\\\" \\\\ line\\nbreak\" <urn:zhitu:source:digest#t=2023-07-01..2023-07-31> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:since> \"2023-07\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> <urn:zhitu:source:digest#t=2023-01-01..2023-12-31> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:year> \"2016\"^^<http://www.w3.org/2001/XMLSchema#gYear> <urn:zhitu:source:digest> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:q> \"2024-Q2\"^^<urn:zhitu:dt:quarter> <urn:zhitu:source:digest> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:n> \"250000000\"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:zhitu:source:digest> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:n> \"2.5\"^^<http://www.w3.org/2001/XMLSchema#decimal> <urn:zhitu:source:digest> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:n> \"1e300\"^^<http://www.w3.org/2001/XMLSchema#double> <urn:zhitu:source:digest> .",
		"<urn:zhitu:e:org/scaleai> <urn:zhitu:p:flag> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> <urn:zhitu:source:digest> .",
		"_:b0 <http://example.org/p> <http://example.org/with\\u0020space> <http://example.org/graph> .",
		"<urn:zhitu:e:org/scaleai> <http://example.org/open> \"x\" <urn:zhitu:source:http://example.org/graph#t=2024-01-01..> .",
		"<urn:zhitu:e:org/scaleai> <http://example.org/unsourced> \"free\" .",
	};
	char *want_text = NULL;
	size_t wl = 0;
	FILE *m = open_memstream(&want_text, &wl);
	for (size_t i = 0; i < sizeof want_lines / sizeof want_lines[0]; i++)
		fprintf(m, "%s\n", want_lines[i]);
	fclose(m);
	char *want = sorted_lines(want_text, NULL);
	ck_assert_msg(strcmp(got, want) == 0, "got\n%s\nwant\n%s", got, want);
	/* descriptions come first */
	const char *first = "<urn:zhitu:source:2024-05-monthly> <urn:zhitu:p:published> ";
	ck_assert(strncmp(e, first, strlen(first)) == 0);
	free(e);
	free(got);
	free(want);
	free(want_text);
	db_close(&d);
}
END_TEST

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

START_TEST(tsv_and_ntriples)
{
	db d;
	db_open(&d);
	build_graph(d.st);
	char *nq = export_str(d.st, ZT_EXPORT_NQUADS);
	char *tsv = export_str(d.st, ZT_EXPORT_TSV);
	char *nt = export_str(d.st, ZT_EXPORT_NTRIPLES);
	ck_assert(strncmp(tsv, "s\tp\to\tgraph\n", 12) == 0);
	ck_assert_int_eq(count_lines(tsv), count_lines(nq) + 1);
	ck_assert_ptr_nonnull(strstr(tsv, "<urn:zhitu:e:org/scaleai>\t<http://example.org/unsourced>\t"
	                                  "\"free\"\t\n"));
	ck_assert_ptr_nonnull(strstr(tsv, "\t<urn:zhitu:source:digest#i=2>\n"));
	/* every TSV row has four columns (tabs inside literals are escaped) */
	for (const char *l = tsv; *l;) {
		const char *nl = strchr(l, '\n');
		int tabs = 0;
		for (const char *p = l; p < nl; p++)
			tabs += *p == '\t';
		ck_assert_int_eq(tabs, 3);
		l = nl + 1;
	}
	/* N-Triples: one line per fact, no graph names */
	ck_assert_int_eq(count_lines(nt), count_lines(nq) - 1);   /* one fact had 2 supports */
	ck_assert_ptr_null(strstr(nt, "#i="));
	ck_assert_ptr_nonnull(strstr(nt, "<urn:zhitu:e:org/scaleai> "
	                                 "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
	                                 "<urn:zhitu:type:Company> .\n"));
	free(nq);
	free(tsv);
	free(nt);
	db_close(&d);
}
END_TEST

static void save(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(roundtrip)
{
	db a, b;
	db_open(&a);
	build_graph(a.st);
	char *e1 = export_str(a.st, ZT_EXPORT_NQUADS);
	char path[128];
	snprintf(path, sizeof path, "%s/export.nq", a.dir);
	save(path, e1);
	db_open(&b);
	zt_error err;
	zt_load_info info;
	ck_assert_msg(zt_rdf_load(b.st, path, &info, &err) == ZT_OK, "%s", err.msg);
	char *e2 = export_str(b.st, ZT_EXPORT_NQUADS);
	char *s1 = sorted_lines(e1, NULL), *s2 = sorted_lines(e2, NULL);
	if (strcmp(s1, s2) != 0) {
		save("/tmp/zt-roundtrip-1.nq", s1);
		save("/tmp/zt-roundtrip-2.nq", s2);
		ck_abort_msg("export -> load -> export differs: see /tmp/zt-roundtrip-[12].nq");
	}
	/* the source records came back too */
	zt_txn *txn;
	ck_assert_int_eq(zt_txn_begin(b.st, 0, &txn, &err), ZT_OK);
	zt_term t = zt_iri(ZT_NS_SOURCE "2024-05-monthly");
	zt_id id;
	ck_assert_int_eq(zt_lookup(txn, &t, &id), ZT_OK);
	zt_source_info si;
	ck_assert_int_eq(zt_source_get(txn, id, &si), ZT_OK);
	ck_assert_str_eq(si.hash, "h1");
	ck_assert_int_eq(si.published, day("2024-05-31").from);
	zt_txn_abort(txn);
	/* loading the export into the database it came from changes nothing:
	 * every source has the same hash */
	ck_assert_msg(zt_rdf_load(a.st, path, &info, &err) == ZT_OK, "%s", err.msg);
	ck_assert_uint_eq(info.sources, 0);
	char *e3 = export_str(a.st, ZT_EXPORT_NQUADS);
	ck_assert_str_eq(e1, e3);
	free(e1);
	free(e2);
	free(e3);
	free(s1);
	free(s2);
	db_close(&a);
	db_close(&b);
}
END_TEST

START_TEST(forget_exact)
{
	db d;
	db_open(&d);
	char p1[128], p2[128];
	snprintf(p1, sizeof p1, "%s/one.nt", d.dir);
	snprintf(p2, sizeof p2, "%s/two.nt", d.dir);
	save(p1, "<urn:x:a> <urn:x:p> \"shared\" .\n<urn:x:a> <urn:x:p> \"only one\" .\n");
	save(p2, "<urn:x:a> <urn:x:p> \"shared\" .\n<urn:x:b> <urn:x:p> \"only two\" .\n");
	zt_error err;
	ck_assert_msg(zt_rdf_load(d.st, p1, NULL, &err) == ZT_OK, "%s", err.msg);
	char *before = export_str(d.st, ZT_EXPORT_NQUADS);
	ck_assert_msg(zt_rdf_load(d.st, p2, NULL, &err) == ZT_OK, "%s", err.msg);
	char *both = export_str(d.st, ZT_EXPORT_NQUADS);
	ck_assert_ptr_nonnull(strstr(both, "\"only two\""));
	zt_txn *txn;
	ck_assert_int_eq(zt_txn_begin(d.st, 1, &txn, &err), ZT_OK);
	ck_assert_int_eq(zt_source_forget(txn, "two"), ZT_OK);
	ck_assert_int_eq(zt_txn_commit(txn, &err), ZT_OK);
	char *after = export_str(d.st, ZT_EXPORT_NQUADS);
	char *s1 = sorted_lines(before, NULL), *s2 = sorted_lines(after, NULL);
	ck_assert_str_eq(s1, s2);
	free(before);
	free(both);
	free(after);
	free(s1);
	free(s2);
	db_close(&d);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	unsetenv("ZHITU_DATA");
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("export");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, term_syntax);
	tcase_add_test(tc, seed_vocabulary);
	tcase_add_test(tc, seed_errors);
	tcase_add_test(tc, nquads_lines);
	tcase_add_test(tc, tsv_and_ntriples);
	tcase_add_test(tc, roundtrip);
	tcase_add_test(tc, forget_exact);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
