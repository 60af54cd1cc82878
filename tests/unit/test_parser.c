/* test_parser.c — the ZQ grammar: every form of docs/query-language.md
 * parses to the expected tree, and mistakes give located messages. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/ast.h"

/* Parse text that must be valid and return the dump of statement `i`. */
static const char *dump(const char *text, int i)
{
	static char buf[4096];
	zt_ascript *s = NULL;
	int r = zt_parse(text, strlen(text), &s);
	ck_assert_msg(r == 0, "parse failed (%d) for: %s\n  %s", r, text,
	              s && s->nerrors ? s->errors[0].msg : "");
	zt_astmt *st = s->stmts;
	while (st && i-- > 0)
		st = st->next;
	ck_assert_ptr_nonnull(st);
	zt_astmt_dump(st, buf, sizeof buf);
	zt_ascript_free(s);
	return buf;
}

#define DUMP(text, expected) ck_assert_str_eq(dump((text), 0), (expected))

/* Parse text that must fail; return error `i` as "L:C:msg". */
static const char *error(const char *text, size_t i, int *at_end)
{
	static char buf[512];
	zt_ascript *s = NULL;
	int r = zt_parse(text, strlen(text), &s);
	ck_assert_msg(r == 1, "expected a syntax error for: %s", text);
	ck_assert_msg(s->nerrors > i, "only %zu errors for: %s", s->nerrors, text);
	const zt_aerror *e = &s->errors[i];
	snprintf(buf, sizeof buf, "%d:%d:%s", e->loc.first_line, e->loc.first_column, e->msg);
	if (at_end)
		*at_end = e->at_end;
	zt_ascript_free(s);
	return buf;
}

START_TEST(analyst_queries)
{
	DUMP("FIND ?who WHERE ?e actor ?who AND ?who a Regulator AND ?e topic FoundationModel DURING 2024",
	     "(find (?who) (where (?e actor ?who) (?who a Regulator) (?e topic FoundationModel)) (during date:2024))");
	DUMP("FIND ?co, ?lead WHERE ?r a FundingRound AND ?r investee ?co OPTIONAL ?r lead_investor ?lead DURING 2024-05",
	     "(find (?co ?lead) (where (?r a FundingRound) (?r investee ?co) (optional (?r lead_investor ?lead))) (during date:2024-05))");
	DUMP("FIND ?court WHERE ?c a CourtCase AND ?c court ?court BETWEEN 2023-10-01 AND 2023-12-31",
	     "(find (?court) (where (?c a CourtCase) (?c court ?court)) (between date:2023-10-01 date:2023-12-31))");
	DUMP("FIND ?who WHERE ?e actor ?who AND ?who part_of+ 欧盟",
	     "(find (?who) (where (?e actor ?who) (?who ({1,} part_of) 欧盟)))");
	DUMP("FIND ?law WHERE ?law a Law AS OF 2024-01-01",
	     "(find (?law) (where (?law a Law)) (as-of date:2024-01-01))");
	DUMP("PATH 微软 TO OpenAI MAX 2", "(path 微软 OpenAI (max int:2))");
	DUMP("TIMELINE OpenAI", "(timeline OpenAI)");
}
END_TEST

START_TEST(terms)
{
	DUMP("FIND ?公司 WHERE ?公司 a 公司", "(find (?公司) (where (?公司 a 公司)))");
	DUMP("FIND ?m WHERE ?m developer OpenAI, ?m alias GPT-4o, ?l alias H.R.8315",
	     "(find (?m) (where (?m developer OpenAI) (?m alias GPT-4o) (?l alias H.R.8315)))");
	DUMP("FIND ?x WHERE ?x a \"Copilot+ PC\" AND ?y a “豆包大模型” AND ?z a 「欧盟」 AND ?w a 《人工智能法案》 AND ?v a 'it\\'s'",
	     "(find (?x) (where (?x a \"Copilot+ PC\") (?y a \"豆包大模型\") (?z a \"欧盟\") (?w a \"人工智能法案\") (?v a \"it's\")))");
}
END_TEST

START_TEST(quotes_and_escapes)
{
	DUMP("DESCRIBE \"say \\\"hi\\\"\"", "(describe \"say \"hi\"\")");
	DUMP("DESCRIBE 『欧盟』", "(describe \"欧盟\")");
	/* a closing quote of another kind is just text inside */
	DUMP("DESCRIBE “a」b”", "(describe \"a」b\")");
	/* full-width comma and semicolon separate like ASCII ones */
	DUMP("FIND ?x，?y WHERE ?x p ?y；", "(find (?x ?y) (where (?x p ?y)))");
}
END_TEST

START_TEST(dates_numbers_money)
{
	DUMP("FIND ?e WHERE ?e date ?d DURING 2024-Q2", "(find (?e) (where (?e date ?d)) (during date:2024-Q2))");
	DUMP("FIND ?e WHERE ?e date ?d DURING 2024年", "(find (?e) (where (?e date ?d)) (during date:2024年))");
	DUMP("FIND ?e WHERE ?e date ?d ON 2024年5月14日", "(find (?e) (where (?e date ?d)) (on date:2024年5月14日))");
	DUMP("FIND ?e WHERE ?e date ?d AFTER 2024年5月 BEFORE 2025", "(find (?e) (where (?e date ?d)) (after date:2024年5月) (before date:2025))");
	DUMP("FIND ?r WHERE ?r amount ?a FILTER ?a >= 2.5e8", "(find (?r) (where (?r amount ?a) (filter (>= ?a num:2.5e8))))");
	DUMP("FIND ?r WHERE ?r amount ?a FILTER ?a >= 2.5亿", "(find (?r) (where (?r amount ?a) (filter (>= ?a num:2.5亿))))");
	DUMP("FIND ?r WHERE ?r amount ?a FILTER ?a > 10亿美元", "(find (?r) (where (?r amount ?a) (filter (> ?a money:10亿美元))))");
	DUMP("FIND ?r WHERE ?r amount ?a FILTER ?a < 1B USD", "(find (?r) (where (?r amount ?a) (filter (< ?a money:1B USD))))");
	DUMP("FIND ?r WHERE ?r amount ?a FILTER ?a < $350M", "(find (?r) (where (?r amount ?a) (filter (< ?a money:$350M))))");
	DUMP("FIND ?r WHERE ?r amount 250000000", "(find (?r) (where (?r amount int:250000000)))");
	DUMP("FIND ?e WHERE ?e date 2024-05-14", "(find (?e) (where (?e date date:2024-05-14)))");
}
END_TEST

START_TEST(paths)
{
	DUMP("FIND ?x WHERE ?x ^p ?y", "(find (?x) (where (?x (^ p) ?y)))");
	DUMP("FIND ?x WHERE ?x p/q|r ?y", "(find (?x) (where (?x (| (/ p q) r) ?y)))");
	DUMP("FIND ?x WHERE ?x p/(q|r) ?y", "(find (?x) (where (?x (/ p (| q r)) ?y)))");
	DUMP("FIND ?x WHERE ?x p* ?y", "(find (?x) (where (?x ({0,} p) ?y)))");
	DUMP("FIND ?x WHERE ?x p? ?y", "(find (?x) (where (?x ({0,1} p) ?y)))");
	DUMP("FIND ?x WHERE ?x p{1,3} ?y", "(find (?x) (where (?x ({1,3} p) ?y)))");
	DUMP("FIND ?x WHERE ?x p{2} ?y", "(find (?x) (where (?x ({2,2} p) ?y)))");
	DUMP("FIND ?x WHERE ?x p{2,} ?y", "(find (?x) (where (?x ({2,} p) ?y)))");
	DUMP("FIND ?x WHERE ?x p{,2} ?y", "(find (?x) (where (?x ({0,2} p) ?y)))");
	DUMP("FIND ?x WHERE ?x ^(p|^q)+/s ?y", "(find (?x) (where (?x (/ ({1,} (^ (| p (^ q)))) s) ?y)))");
	DUMP("FIND ?p WHERE OpenAI ?p ?o", "(find (?p) (where (OpenAI ?p ?o)))");
}
END_TEST

START_TEST(clauses)
{
	DUMP("find ?x count(?e) as ?n where ?e actor ?x group by ?x order by ?n desc, ?x limit 10 offset 5",
	     "(find (?x (count ?e) as ?n) (where (?e actor ?x)) (group ?x) (order ?n desc ?x asc) (limit int:10) (offset int:5))");
	DUMP("FIND COUNT(*) WHERE ?x a Law", "(find ((count *)) (where (?x a Law)))");
	DUMP("FIND * WHERE ?x a Law", "(find (*) (where (?x a Law)))");
	DUMP("FIND ?x WHERE ?x label ?n FILTER ?n ~ \"大模型\"", "(find (?x) (where (?x label ?n) (filter (~ ?n \"大模型\"))))");
	DUMP("FIND ?x WHERE ?x p ?a FILTER (?a < 1 OR NOT ?a = 2 AND ?a != 3)",
	     "(find (?x) (where (?x p ?a) (filter (or (< ?a int:1) (and (not (= ?a int:2)) (!= ?a int:3))))))");
	DUMP("FIND ?x WHERE ?x p ?a OPTIONAL { ?a q ?b AND ?b r ?c FILTER ?c > 1 }",
	     "(find (?x) (where (?x p ?a) (optional (?a q ?b) (?b r ?c) (filter (> ?c int:1)))))");
	DUMP("FIND ?x WHERE ?x p ?a AND OPTIONAL ?a q ?b, FILTER ?b <= 2",
	     "(find (?x) (where (?x p ?a) (optional (?a q ?b)) (filter (<= ?b int:2))))");
	/* soft keywords are names outside their clause */
	DUMP("DESCRIBE Max", "(describe Max)");
	DUMP("PATH to TO max MAX 3", "(path to max (max int:3))");
}
END_TEST

START_TEST(commands)
{
	ck_assert_str_eq(dump("SHOW TYPES; show predicates; Show Topics; SHOW SOURCES; SHOW STATS", 4), "(show stats)");
	ck_assert_str_eq(dump("SHOW TYPES; show predicates; Show Topics; SHOW SOURCES; SHOW STATS", 1), "(show predicates)");
	DUMP("DESCRIBE 微软 DURING 2024 AS OF 2024-06-01", "(describe 微软 (during date:2024) (as-of date:2024-06-01))");
	DUMP("TIMELINE OpenAI DURING 2024", "(timeline OpenAI (during date:2024))");
	DUMP("EXPLAIN FIND ?x WHERE ?x a Law", "(explain (find (?x) (where (?x a Law))))");
	/* empty statements and comments are skipped */
	ck_assert_str_eq(dump(";; -- a comment\nSHOW STATS # another\n;", 0), "(show stats)");
}
END_TEST

START_TEST(errors_located)
{
	int end = -1;
	ck_assert_str_eq(error("FIND ?who\nWHERE ?e actor AND ?who a Regulator", 0, &end),
	                 "2:16:unexpected 'AND', expected a variable, name or value");
	ck_assert_int_eq(end, 0);
	ck_assert_str_eq(error("FIND ?x WHERE ?x ^ ?y", 0, NULL), "1:20:unexpected '?y', expected a predicate or path");
	/* columns count characters, not bytes */
	ck_assert_str_eq(error("FIND ?x WHERE ?x a 欧盟委员会 @", 0, NULL),
	                 "1:26:unexpected '@', expected AND, ',', OPTIONAL, FILTER, a clause (DURING, AS OF, ORDER BY, LIMIT …) or the end of the statement");
	ck_assert_str_eq(error("FOO", 0, NULL),
	                 "1:1:unexpected 'FOO', expected a statement (FIND, DESCRIBE, TIMELINE, PATH, SHOW or EXPLAIN)");
	ck_assert_str_eq(error("FIND ?x WHERE ?x a Law LIMIT ?x", 0, NULL), "1:30:unexpected '?x', expected a number");
	ck_assert_str_eq(error("FIND ?x WHERE ?x date ?d DURING OpenAI", 0, NULL), "1:33:unexpected 'OpenAI', expected a date");
}
END_TEST

START_TEST(errors_at_end)
{
	int end = 0;
	ck_assert_str_eq(error("FIND ?x WHERE", 0, &end), "1:14:unexpected end of input, expected a variable, name or value");
	ck_assert_int_eq(end, 1);
	ck_assert_str_eq(error("FIND ?x WHERE ?x a \"Copilot", 0, &end), "1:20:unterminated quoted name: the closing quote is missing");
	ck_assert_int_eq(end, 1);
	ck_assert_str_eq(error("FIND ?x WHERE ?x a “豆包\nAND", 0, &end), "1:20:unterminated quoted name: the closing quote is missing");
	ck_assert_int_eq(end, 0);
	ck_assert_str_eq(error("FIND ?x WHERE ?x (p ?y", 0, &end), "1:21:unexpected '?y', expected ')' or a path operator (/, |, *, +, ?, {m,n})");
}
END_TEST

START_TEST(errors_recovery)
{
	/* two mistakes in one statement, and one in another statement */
	zt_ascript *s = NULL;
	const char *q = "FIND ?x WHERE ?x actor AND ?y ^ ?z AND ?x a Law;\nFIND ?y WHERE ?y ;\nSHOW TYPES";
	ck_assert_int_eq(zt_parse(q, strlen(q), &s), 1);
	ck_assert_uint_eq(s->nerrors, 3);
	ck_assert_int_eq(s->errors[0].loc.first_column, 24);
	ck_assert_int_eq(s->errors[1].loc.first_column, 33);
	ck_assert_int_eq(s->errors[2].loc.first_line, 2);
	ck_assert_int_eq(s->errors[2].loc.first_column, 18);
	zt_ascript_free(s);
}
END_TEST

START_TEST(deep_nesting_refused)
{
	size_t n = 100000;
	char *q = malloc(2 * n + 64);
	strcpy(q, "FIND ?x WHERE ?x ");
	size_t len = strlen(q);
	for (size_t i = 0; i < n; i++)
		q[len++] = '(';
	q[len++] = 'p';
	for (size_t i = 0; i < n; i++)
		q[len++] = ')';
	strcpy(q + len, " ?y");
	zt_ascript *s = NULL;
	ck_assert_int_eq(zt_parse(q, strlen(q), &s), 1);
	ck_assert_str_eq(s->errors[0].msg, "the query is nested too deeply");
	zt_ascript_free(s);
	free(q);
}
END_TEST

START_TEST(long_identifier)
{
	size_t n = 1000000;
	char *q = malloc(n + 64);
	strcpy(q, "DESCRIBE ");
	memset(q + 9, 'x', n);
	q[9 + n] = '\0';
	zt_ascript *s = NULL;
	ck_assert_int_eq(zt_parse(q, strlen(q), &s), 0);
	ck_assert_uint_eq(strlen(s->stmts->a->text), n);
	zt_ascript_free(s);
	free(q);
}
END_TEST

START_TEST(locations)
{
	zt_ascript *s = NULL;
	const char *q = "FIND ?x\n  WHERE ?x a 《人工智能法案》";
	ck_assert_int_eq(zt_parse(q, strlen(q), &s), 0);
	const zt_aterm *o = s->stmts->where->o;
	ck_assert_int_eq(o->loc.first_line, 2);
	ck_assert_int_eq(o->loc.first_column, 14);
	ck_assert_int_eq(o->loc.last_column, 21);
	ck_assert_str_eq(o->text, "人工智能法案");
	ck_assert_int_eq((int)(o->loc.last_off - o->loc.first_off), 24);
	zt_ascript_free(s);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("parser");
	tcase_add_test(tc, analyst_queries);
	tcase_add_test(tc, terms);
	tcase_add_test(tc, quotes_and_escapes);
	tcase_add_test(tc, dates_numbers_money);
	tcase_add_test(tc, paths);
	tcase_add_test(tc, clauses);
	tcase_add_test(tc, commands);
	tcase_add_test(tc, errors_located);
	tcase_add_test(tc, errors_at_end);
	tcase_add_test(tc, errors_recovery);
	tcase_add_test(tc, deep_nesting_refused);
	tcase_add_test(tc, long_identifier);
	tcase_add_test(tc, locations);
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
