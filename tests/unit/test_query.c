/* test_query.c — the session API (query/session.h) over the golden world
 * (tests/golden/fixtures/world.nq): results, errors and their places,
 * input completeness for the REPL, completion, and the guards (row and
 * memory limits, time limit, interrupt). */
#include <check.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "import/ntriples.h"
#include "query/session.h"
#include "store/schema.h"

static char dbdir[256];
static zt_store *store;

static void setup(void)
{
	snprintf(dbdir, sizeof dbdir, "/tmp/zt-test-query-%ld-XXXXXX", (long)getpid());
	ck_assert_ptr_nonnull(mkdtemp(dbdir));
	char path[300];
	snprintf(path, sizeof path, "%s/db", dbdir);
	zt_error err = { 0 };
	ck_assert_int_eq(zt_store_open(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &store, &err), ZT_OK);
	ck_assert_int_eq(zt_schema_seed(store, &err), ZT_OK);
	zt_load_info info;
	zt_status st = zt_rdf_load(store, "tests/golden/fixtures/world.nq", &info, &err);
	ck_assert_msg(st == ZT_OK, "loading the fixture: %s", err.msg);
}

static void teardown(void)
{
	zt_store_close(store);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dbdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Run text in a fresh session (tsv) and return what it wrote (static). */
static const char *run(const char *text, zt_status *status, zt_error *err, zt_session *s)
{
	static char out[65536];
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	zt_session *own = NULL;
	if (!s) {
		ck_assert_int_eq(zt_session_new(store, &own), ZT_OK);
		s = own;
	}
	zt_error e;
	zt_error_clear(&e);
	zt_status st = zt_session_run(s, text, strlen(text), "<test>", 1, f, err ? err : &e);
	if (status)
		*status = st;
	else
		ck_assert_msg(st == ZT_OK, "%s: %s", text, (err ? err : &e)->msg);
	rewind(f);
	size_t n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	fclose(f);
	zt_session_free(own);
	return out;
}

START_TEST(format_names)
{
	zt_format f;
	ck_assert_int_eq(zt_format_parse("table", &f), ZT_OK);
	ck_assert_int_eq(f, ZT_FMT_TABLE);
	ck_assert_int_eq(zt_format_parse("JSON", &f), ZT_OK);
	ck_assert_int_eq(f, ZT_FMT_JSON);
	ck_assert_int_eq(zt_format_parse("dot", &f), ZT_OK);
	ck_assert_int_eq(f, ZT_FMT_DOT);
	ck_assert_int_eq(zt_format_parse("xml", &f), ZT_ERR_ARG);
	ck_assert_int_eq(zt_format_parse(NULL, &f), ZT_ERR_ARG);
}
END_TEST

START_TEST(input_complete)
{
	struct { const char *text; int complete; } cases[] = {
		{ "FIND ?x WHERE ?x a Law", 1 },
		{ "FIND ?x WHERE ?x a Law;", 1 },
		{ "FIND ?x WHERE ?x a Law;\n  ", 1 },
		{ "FIND ?x WHERE", 0 },
		{ "FIND ?x\nWHERE ?x a Law\n  AND", 0 },
		{ "FIND ?x WHERE ?x a \"Copilot", 0 },
		{ "FIND ?x WHERE ?x a “豆包", 0 },
		{ "FIND ?x WHERE ?x (part_of", 0 },
		{ "FIND ?x WHERE ?x a Law BETWEEN 2023 AND", 0 },
		{ "", 0 },
		{ "   -- only a comment", 0 },
		/* a mistake in the middle: complete, so the REPL runs it and shows the error */
		{ "FIND ?x WHERE AND ?x a Law", 1 },
		{ "SHOW TYPES", 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(zt_session_input_complete(cases[i].text, strlen(cases[i].text)) == cases[i].complete,
		              "'%s' should be %s", cases[i].text, cases[i].complete ? "complete" : "incomplete");
}
END_TEST

START_TEST(results)
{
	ck_assert_str_eq(run("FIND ?m WHERE ?m developer OpenAI", NULL, NULL, NULL), "m\nGPT-4o\n");
	ck_assert_str_eq(run("FIND ?b WHERE ?b part_of+ 欧盟 ORDER BY ?b DESC", NULL, NULL, NULL),
	                 "b\n欧盟委员会\n欧盟人工智能办公室\n欧洲议会\n");
	/* statements run in order into one output */
	ck_assert_str_eq(run("FIND ?x WHERE ?x a Bloc;\nFIND ?x WHERE ?x a Court", NULL, NULL, NULL),
	                 "x\n欧盟\nx\n北京互联网法院\n");
	/* an empty text runs nothing */
	ck_assert_str_eq(run("  ;; -- nothing\n", NULL, NULL, NULL), "");
}
END_TEST

/* A session keeps resolved names, type closures, estimates and labels
 * between statements; a write makes it see the new snapshot. */
START_TEST(cache_follows_writes)
{
	zt_session *s;
	ck_assert_int_eq(zt_session_new(store, &s), ZT_OK);
	const char *q = "FIND ?x WHERE ?x a Court ORDER BY ?x";
	ck_assert_str_eq(run(q, NULL, NULL, s), "x\n北京互联网法院\n");
	ck_assert_str_eq(run(q, NULL, NULL, s), "x\n北京互联网法院\n");
	zt_status st;
	zt_error err;
	run("FIND ?x WHERE ?x a 仲裁庭", &st, &err, s);
	ck_assert_int_eq(st, ZT_ERR_UNKNOWN);
	/* a new subtype of Court with a member, and a new name */
	char path[300];
	snprintf(path, sizeof path, "%s/more.nt", dbdir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("<urn:zhitu:type:Tribunal> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <urn:zhitu:type:Court> .\n"
	      "<urn:zhitu:type:Tribunal> <http://www.w3.org/2000/01/rdf-schema#label> \"仲裁庭\"@zh .\n"
	      "<urn:zhitu:e:org/t1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:zhitu:type:Tribunal> .\n"
	      "<urn:zhitu:e:org/t1> <http://www.w3.org/2000/01/rdf-schema#label> \"海牙仲裁庭\"@zh .\n", f);
	fclose(f);
	zt_load_info info;
	ck_assert_int_eq(zt_rdf_load(store, path, &info, &err), ZT_OK);
	ck_assert_str_eq(run(q, NULL, NULL, s), "x\n北京互联网法院\n海牙仲裁庭\n");
	ck_assert_str_eq(run("FIND ?x WHERE ?x a 仲裁庭", NULL, NULL, s), "x\n海牙仲裁庭\n");
	zt_session_free(s);
}
END_TEST

/* Closures big enough that the engine switches from one seek per node to
 * scanning the predicate and holding its links in memory: the answers
 * (counts, time ranges, AS OF) must be those of the small case. */
START_TEST(large_closures)
{
	char path[300];
	snprintf(path, sizeof path, "%s/tree.nq", dbdir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("<urn:zhitu:source:tree-late> <urn:zhitu:p:published> \"2025-12-31\"^^<http://www.w3.org/2001/XMLSchema#date> "
	      "<urn:zhitu:source:tree-late> .\n", f);
	fputs("<urn:zhitu:e:org/t0> <http://www.w3.org/2000/01/rdf-schema#label> \"树根\"@zh .\n"
	      "<urn:zhitu:e:org/t600> <http://www.w3.org/2000/01/rdf-schema#label> \"节点600\"@zh .\n"
	      "<urn:zhitu:e:org/t2999> <http://www.w3.org/2000/01/rdf-schema#label> \"树叶\"@zh .\n", f);
	/* a 4-ary tree of 3000 nodes; the links of nodes above 2000 hold in
	 * 2023 only, and come from a source published at the end of 2025 */
	for (int i = 1; i < 3000; i++)
		fprintf(f, "<urn:zhitu:e:org/t%d> <urn:zhitu:p:part_of> <urn:zhitu:e:org/t%d>%s .\n", i, (i - 1) / 4,
		        i > 2000 ? " <urn:zhitu:source:tree-late#t=2023-01-01..2023-12-31>" : "");
	fclose(f);
	zt_load_info info;
	zt_error err;
	ck_assert_int_eq(zt_rdf_load(store, path, &info, &err), ZT_OK);
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of+ 树根", NULL, NULL, NULL), "count\n2999\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of* 树根", NULL, NULL, NULL), "count\n3000\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of+ 树根 DURING 2024", NULL, NULL, NULL), "count\n2000\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of+ 树根 AS OF 2025-01-01", NULL, NULL, NULL), "count\n2000\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE 树根 ^part_of+ ?x", NULL, NULL, NULL), "count\n2999\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of{6,6} 树根", NULL, NULL, NULL), "count\n1635\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of/part_of+ 树根", NULL, NULL, NULL), "count\n2995\n");
	/* thousands of rows probing one constant: its members are read once */
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of+ 树根 AND ?x part_of 节点600", NULL, NULL, NULL),
	                 "count\n4\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of+ 树根 AND ?x part_of 节点600 DURING 2023", NULL, NULL, NULL),
	                 "count\n4\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of* 树根 AND OPTIONAL { ?x part_of 节点600 } DURING 2024",
	                     NULL, NULL, NULL), "count\n2001\n");
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE ?x part_of* 树根 AND ?x part_of 节点600 AS OF 2025-01-01", NULL, NULL, NULL),
	                 "count\n0\n");
	/* upwards from a leaf: its six ancestors, the link of each cited */
	ck_assert_str_eq(run("FIND COUNT(?x) WHERE 树叶 part_of+ ?x", NULL, NULL, NULL), "count\n6\n");
	zt_session *s;
	ck_assert_int_eq(zt_session_new(store, &s), ZT_OK);
	zt_session_set_cite(s, 1);
	/* only the leaf's own link has a source (the others are unsourced) */
	ck_assert_str_eq(run("FIND ?x WHERE ?x part_of+ 树根 AND ?x label 树叶", NULL, NULL, s),
	                 "x\tcite\n树叶\ttree-late 2023-01-01..2023-12-31\n");
	zt_session_free(s);
}
END_TEST

/* A date variable narrowed by FILTER comparisons and by the time clause
 * (which speaks of the event's date even when its fact is timeless). */
START_TEST(date_ranges)
{
	char path[300];
	snprintf(path, sizeof path, "%s/dates.nt", dbdir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	static const char *const dates[] = {
		"\"2019-03-02\"^^<http://www.w3.org/2001/XMLSchema#date>",
		"\"2024-01\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>",
		"\"2024-06-30\"^^<http://www.w3.org/2001/XMLSchema#date>",
		"\"2023-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>",
		"\"2025\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
		"\"sometime\"",
	};
	for (int i = 0; i < 6; i++) {
		fprintf(f, "<urn:zhitu:ev:d/%d/1> <urn:zhitu:p:date> %s .\n", i, dates[i]);
		fprintf(f, "<urn:zhitu:ev:d/%d/1> <urn:zhitu:p:title> \"事件%d\"@zh .\n", i, i);
		fprintf(f, "<urn:zhitu:ev:d/%d/1> <urn:zhitu:p:topic> <urn:zhitu:topic:Deepfake> .\n", i);
	}
	fclose(f);
	zt_load_info info;
	zt_error err;
	ck_assert_int_eq(zt_rdf_load(store, path, &info, &err), ZT_OK);
	const char *base = "FIND ?e WHERE ?e topic Deepfake AND ?e date ?d";
	char q[512];
	snprintf(q, sizeof q, "%s AND FILTER (?d >= 2024-01-01 AND ?d <= 2024-12-31) ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件1\n事件2\n");
	snprintf(q, sizeof q, "%s AND FILTER (2024-06 <= ?d AND ?d < 2025) ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件2\n");
	snprintf(q, sizeof q, "%s AND FILTER (?d = 2024-06) ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件2\n");
	/* OR is not narrowed, and a text date fails a date comparison */
	snprintf(q, sizeof q, "%s AND FILTER (?d < 2020 OR ?d > 2024-12-31) ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件0\n事件4\n");
	snprintf(q, sizeof q, "%s AND FILTER (?d != 2024-06-30) ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件0\n事件1\n事件3\n事件4\n事件5\n");
	/* the time clause: timeless date facts count by their value, and a
	 * date that is not a date does not say when */
	snprintf(q, sizeof q, "%s DURING 2024 ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件1\n事件2\n");
	snprintf(q, sizeof q, "%s BEFORE 2024 ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件0\n事件3\n");
	/* the same with the event bound first (no range scan) */
	ck_assert_str_eq(run("FIND ?d WHERE 事件5 date ?d DURING 2024", NULL, NULL, NULL), "d\n");
	ck_assert_str_eq(run("FIND ?d WHERE 事件1 date ?d DURING 2024", NULL, NULL, NULL), "d\n2024-01\n");
	/* from the dates: a range scan, then the topic */
	ck_assert_str_eq(run("FIND ?e WHERE ?e date ?d AND ?e topic Deepfake AND FILTER (?d > 2023-12-31) ORDER BY ?e",
	                     NULL, NULL, NULL), "e\n事件1\n事件2\n事件4\n");
	snprintf(q, sizeof q, "%s AND FILTER (?d >= 2024-06) DURING 2024 ORDER BY ?e", base);
	ck_assert_str_eq(run(q, NULL, NULL, NULL), "e\n事件2\n");
	/* without the date pattern the time clause keeps timeless facts */
	ck_assert_str_eq(run("FIND COUNT(?e) WHERE ?e topic Deepfake DURING 2024", NULL, NULL, NULL), "count\n6\n");
}
END_TEST

START_TEST(settings)
{
	zt_session *s;
	ck_assert_int_eq(zt_session_new(store, &s), ZT_OK);
	zt_session_set_format(s, ZT_FMT_JSON);
	ck_assert_int_eq(zt_session_format(s), ZT_FMT_JSON);
	ck_assert_str_eq(run("FIND ?x WHERE ?x a Bloc", NULL, NULL, s), "[\n  {\"x\": \"欧盟\"}\n]\n");
	zt_session_set_format(s, ZT_FMT_TSV);
	zt_session_set_cite(s, 1);
	ck_assert_str_eq(run("FIND ?e WHERE ?e round B", NULL, NULL, s),
	                 "e\tcite\nxAI完成60亿美元B轮融资\t2024-05-issue#4 2024-05-26 https://example.org/2024-05/4\n");
	zt_session_set_cite(s, 0);
	zt_session_set_timer(s, 1);
	const char *out = run("FIND ?x WHERE ?x a Bloc", NULL, NULL, s);
	ck_assert_msg(strncmp(out, "x\n欧盟\ntime: ", strlen("x\n欧盟\ntime: ")) == 0, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, " ms\n"));
	zt_session_free(s);
	zt_session_free(NULL);
}
END_TEST

START_TEST(errors)
{
	zt_status st;
	zt_error err;
	run("FIND ?x WHERE ?x a Law\n  AND ?x issued_by 欧洲议员", &st, &err, NULL);
	ck_assert_int_eq(st, ZT_ERR_UNKNOWN);
	ck_assert_str_eq(err.msg, "error: line 2, column 20: unknown entity '欧洲议员' — did you mean 欧洲议会?\n"
	                          "    AND ?x issued_by 欧洲议员\n"
	                          "                     ^");
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.column, 20);

	run("FIND ?x WHERE ?x 隶属 AND", &st, &err, NULL);
	ck_assert_int_eq(st, ZT_ERR_SYNTAX);
	ck_assert_int_eq(err.line, 1);
	ck_assert_int_eq(err.column, 21);
	ck_assert_ptr_nonnull(strstr(err.msg, "unexpected 'AND'"));

	/* a syntax error anywhere means nothing runs */
	const char *out = run("FIND ?x WHERE ?x a Bloc; FIND ?y WHERE", &st, &err, NULL);
	ck_assert_int_eq(st, ZT_ERR_SYNTAX);
	ck_assert_str_eq(out, "");

	/* a failing statement stops the ones after it, not the ones before */
	out = run("FIND ?x WHERE ?x a Bloc; FIND ?y WHERE ?y a Nothingness; FIND ?z WHERE ?z a Court", &st, &err, NULL);
	ck_assert_int_eq(st, ZT_ERR_UNKNOWN);
	ck_assert_str_eq(out, "x\n欧盟\n");

	run("FIND ?x WHERE ?x a \xff\xfe", &st, &err, NULL);
	ck_assert_int_eq(st, ZT_ERR_UTF8);
	ck_assert_str_eq(err.msg, "error: line 1, column 20: the query is not valid UTF-8");
}
END_TEST

START_TEST(row_and_memory_guards)
{
	zt_session *s;
	zt_status st;
	zt_error err;
	ck_assert_int_eq(zt_session_new(store, &s), ZT_OK);
	zt_session_set_max_rows(s, 100);
	run("FIND ?a ?b WHERE ?a a ?t AND ?b a ?u", &st, &err, s);
	ck_assert_int_eq(st, ZT_ERR_LIMIT);
	ck_assert_ptr_nonnull(strstr(err.msg, "more than 100 rows"));
	/* the limit is about the result: LIMIT keeps a big join small */
	run("FIND ?a ?b WHERE ?a a ?t AND ?b a ?u LIMIT 5", &st, &err, s);
	ck_assert_int_eq(st, ZT_OK);
	zt_session_set_max_rows(s, 0);
	zt_session_set_max_memory(s, 64 * 1024);
	run("FIND ?a ?b WHERE ?a a ?t AND ?b a ?u", &st, &err, s);
	ck_assert_int_eq(st, ZT_ERR_LIMIT);
	ck_assert_ptr_nonnull(strstr(err.msg, "working memory"));
	zt_session_free(s);
}
END_TEST

START_TEST(time_guard)
{
	zt_session *s;
	zt_status st;
	zt_error err;
	ck_assert_int_eq(zt_session_new(store, &s), ZT_OK);
	zt_session_set_max_rows(s, 1000000000UL);
	zt_session_set_max_memory(s, (size_t)1 << 34);
	zt_session_set_timeout(s, 0.001);
	run("FIND ?a ?b ?c WHERE ?a ?p ?x AND ?b ?q ?y AND ?c ?r ?z", &st, &err, s);
	ck_assert_int_eq(st, ZT_ERR_TIMEOUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "time limit of 0.001 s"));
	zt_session_free(s);
}
END_TEST

struct interrupter {
	zt_session *s;
};

static void *interrupt_later(void *arg)
{
	struct interrupter *in = arg;
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	zt_session_interrupt(in->s);
	return NULL;
}

START_TEST(interrupt)
{
	zt_session *s;
	zt_status st;
	zt_error err;
	ck_assert_int_eq(zt_session_new(store, &s), ZT_OK);
	zt_session_set_max_rows(s, 1000000000UL);
	zt_session_set_max_memory(s, (size_t)1 << 34);
	struct interrupter in = { s };
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, interrupt_later, &in), 0);
	/* far more work than 50 ms: 750^3 combinations */
	run("FIND ?a ?b ?c WHERE ?a ?p ?x AND ?b ?q ?y AND ?c ?r ?z", &st, &err, s);
	pthread_join(t, NULL);
	ck_assert_int_eq(st, ZT_ERR_CANCELED);
	ck_assert_str_eq(err.msg, "error: query canceled");
	/* the next run starts afresh */
	run("FIND ?x WHERE ?x a Bloc", &st, &err, s);
	ck_assert_int_eq(st, ZT_OK);
	zt_session_free(s);
}
END_TEST

typedef struct cands {
	char list[4096];
	int n;
} cands;

static int collect(void *ctx, const char *cand)
{
	cands *c = ctx;
	size_t len = strlen(c->list);
	snprintf(c->list + len, sizeof c->list - len, "%s|", cand);
	c->n++;
	return 0;
}

static const char *complete(zt_session *s, const char *line)
{
	static cands c;
	memset(&c, 0, sizeof c);
	ck_assert_int_eq(zt_session_complete(s, line, strlen(line), collect, &c), ZT_OK);
	return c.list;
}

START_TEST(completion)
{
	zt_session *s;
	ck_assert_int_eq(zt_session_new(store, &s), ZT_OK);
	ck_assert_str_eq(complete(s, "DESC"), "DESC|DESCRIBE|");
	/* keywords first, in the case typed; then names */
	ck_assert_str_eq(complete(s, "find ?x wh"), "where|\"white paper\"|");
	ck_assert_str_eq(complete(s, "FIND ?公司 ?x WHERE ?公司 a Company AND ?"), "?公司|?x|");
	ck_assert_ptr_nonnull(strstr(complete(s, "FIND ?x WHERE ?x a Regul"), "Regulator|"));
	const char *eu = complete(s, "DESCRIBE 欧盟");
	ck_assert_ptr_nonnull(strstr(eu, "|欧盟委员会|"));
	ck_assert_ptr_nonnull(strstr(eu, "欧盟人工智能办公室|"));
	/* a name with spaces or operators is offered quoted */
	ck_assert_ptr_nonnull(strstr(complete(s, "DESCRIBE copilot"), "\"Copilot+ PC\"|"));
	ck_assert_ptr_nonnull(strstr(complete(s, "DESCRIBE valor"), "\"Valor Equity Partners\"|"));
	/* completion in the middle of a line looks at the word before the cursor */
	cands c = { 0 };
	const char *line = "FIND ?x WHERE ?x part_of 欧 AND ?x a Law";
	ck_assert_int_eq(zt_session_complete(s, line, strlen("FIND ?x WHERE ?x part_of 欧"), collect, &c), ZT_OK);
	ck_assert_ptr_nonnull(strstr(c.list, "欧盟|"));
	zt_session_free(s);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("session");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, format_names);
	tcase_add_test(tc, input_complete);
	tcase_add_test(tc, results);
	tcase_add_test(tc, cache_follows_writes);
	tcase_add_test(tc, large_closures);
	tcase_add_test(tc, date_ranges);
	tcase_add_test(tc, settings);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, row_and_memory_guards);
	tcase_add_test(tc, time_guard);
	tcase_add_test(tc, interrupt);
	tcase_add_test(tc, completion);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
