/* test_format.c — the row writers and the DOT writer, byte for byte. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query/format.h"

/* Output captured in memory. */
typedef struct cap {
	FILE *f;
	char *text;
	size_t len;
} cap;

static void cap_open(cap *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
	ck_assert_ptr_nonnull(c->f);
}

static const char *cap_close(cap *c)
{
	fclose(c->f);
	return c->text;
}

/* Write `nrows` rows of `ncols` cells in `fmt` and return the output
 * (caller frees). */
static char *render(zt_format fmt, size_t ncols, const char *const *names, size_t nrows,
                    const char *const *cells)
{
	cap c;
	cap_open(&c);
	zt_writer *w = NULL;
	ck_assert_int_eq(zt_writer_new(fmt, c.f, ncols, names, &w), ZT_OK);
	for (size_t r = 0; r < nrows; r++)
		ck_assert_int_eq(zt_writer_row(w, cells + r * ncols), ZT_OK);
	ck_assert_uint_eq(zt_writer_rows(w), nrows);
	ck_assert_int_eq(zt_writer_end(w), ZT_OK);
	return (char *)cap_close(&c);
}

static const char *const names2[] = { "name", "date" };
static const char *const rows3[] = {
	"欧盟委员会", "2024-05-14",
	"OpenAI", NULL,
	"微软", "2023",
};

START_TEST(table_aligns_chinese_by_display_width)
{
	char *out = render(ZT_FMT_TABLE, 2, names2, 3, rows3);
	ck_assert_str_eq(out,
		"name        date\n"
		"----------  ----------\n"
		"欧盟委员会  2024-05-14\n"
		"OpenAI\n"
		"微软        2023\n"
		"(3 rows)\n");
	free(out);
}
END_TEST

START_TEST(table_chinese_header_and_middle_column)
{
	static const char *const names[] = { "公司", "轮次", "amount" };
	static const char *const cells[] = {
		"智谱AI", "B轮", "2500000000 CNY",
		"Mistral AI", NULL, "600000000 EUR",
	};
	char *out = render(ZT_FMT_TABLE, 3, names, 2, cells);
	ck_assert_str_eq(out,
		"公司        轮次  amount\n"
		"----------  ----  --------------\n"
		"智谱AI      B轮   2500000000 CNY\n"
		"Mistral AI        600000000 EUR\n"
		"(2 rows)\n");
	free(out);
}
END_TEST

START_TEST(table_counts_one_row_and_none)
{
	static const char *const one[] = { "OpenAI", "2024" };
	char *out = render(ZT_FMT_TABLE, 2, names2, 1, one);
	ck_assert_str_eq(out, "name    date\n------  ----\nOpenAI  2024\n(1 row)\n");
	free(out);
	out = render(ZT_FMT_TABLE, 2, names2, 0, NULL);
	ck_assert_str_eq(out, "name  date\n----  ----\n(0 rows)\n");
	free(out);
}
END_TEST

START_TEST(table_flattens_control_characters)
{
	static const char *const names[] = { "title", "n" };
	static const char *const cells[] = { "line one\nline\ttwo", "1" };
	char *out = render(ZT_FMT_TABLE, 2, names, 1, cells);
	ck_assert_str_eq(out,
		"title              n\n"
		"-----------------  -\n"
		"line one line two  1\n"
		"(1 row)\n");
	free(out);
}
END_TEST

START_TEST(tsv_has_header_and_flattens_tabs)
{
	char *out = render(ZT_FMT_TSV, 2, names2, 3, rows3);
	ck_assert_str_eq(out,
		"name\tdate\n"
		"欧盟委员会\t2024-05-14\n"
		"OpenAI\t\n"
		"微软\t2023\n");
	free(out);
	static const char *const cells[] = { "a\tb", "c\r\nd" };
	out = render(ZT_FMT_TSV, 2, names2, 1, cells);
	ck_assert_str_eq(out, "name\tdate\na b\tc  d\n");
	free(out);
	out = render(ZT_FMT_TSV, 2, names2, 0, NULL);
	ck_assert_str_eq(out, "name\tdate\n");
	free(out);
}
END_TEST

START_TEST(csv_quotes_per_rfc4180)
{
	static const char *const names[] = { "who", "said" };
	static const char *const cells[] = {
		"OpenAI, Inc.", "say \"hi\"",
		"微软", "two\nlines",
		NULL, "plain",
	};
	char *out = render(ZT_FMT_CSV, 2, names, 3, cells);
	ck_assert_str_eq(out,
		"who,said\r\n"
		"\"OpenAI, Inc.\",\"say \"\"hi\"\"\"\r\n"
		"微软,\"two\nlines\"\r\n"
		",plain\r\n");
	free(out);
	out = render(ZT_FMT_CSV, 2, names, 0, NULL);
	ck_assert_str_eq(out, "who,said\r\n");
	free(out);
}
END_TEST

START_TEST(json_array_of_objects)
{
	char *out = render(ZT_FMT_JSON, 2, names2, 3, rows3);
	ck_assert_str_eq(out,
		"[\n"
		"  {\"name\": \"欧盟委员会\", \"date\": \"2024-05-14\"},\n"
		"  {\"name\": \"OpenAI\", \"date\": null},\n"
		"  {\"name\": \"微软\", \"date\": \"2023\"}\n"
		"]\n");
	free(out);
	out = render(ZT_FMT_JSON, 2, names2, 0, NULL);
	ck_assert_str_eq(out, "[]\n");
	free(out);
}
END_TEST

START_TEST(json_escapes)
{
	static const char *const names[] = { "t\"x" };
	static const char *const cells[] = { "a\\b\"c\nd\te\x01" };
	char *out = render(ZT_FMT_JSON, 1, names, 1, cells);
	ck_assert_str_eq(out, "[\n  {\"t\\\"x\": \"a\\\\b\\\"c\\nd\\te\\u0001\"}\n]\n");
	free(out);
}
END_TEST

START_TEST(invalid_utf8_becomes_replacement_character)
{
	static const char *const names[] = { "x" };
	static const char *const cells[] = { "ab\xff" "c\xe4\xb8" };
	char *out = render(ZT_FMT_TSV, 1, names, 1, cells);
	/* "\xe4\xb8" is a truncated sequence: each byte is replaced. */
	ck_assert_str_eq(out, "x\nab\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\n");
	free(out);
	out = render(ZT_FMT_TABLE, 1, names, 1, cells);
	ck_assert_str_eq(out, "x\n------\nab\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\n(1 row)\n");
	free(out);
}
END_TEST

START_TEST(dot_is_not_a_row_format)
{
	zt_writer *w = (zt_writer *)1;
	ck_assert_int_eq(zt_writer_new(ZT_FMT_DOT, stdout, 2, names2, &w), ZT_ERR_ARG);
	ck_assert_ptr_null(w);
	zt_writer_free(NULL);
	ck_assert_int_eq(zt_writer_end(NULL), ZT_OK);
}
END_TEST

START_TEST(write_error_is_reported)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		return;   /* no /dev/full in this sandbox: nothing to test */
	zt_writer *w = NULL;
	ck_assert_int_eq(zt_writer_new(ZT_FMT_TABLE, f, 2, names2, &w), ZT_OK);
	ck_assert_int_eq(zt_writer_row(w, rows3), ZT_OK);
	ck_assert_int_eq(zt_writer_end(w), ZT_ERR_IO);
	fclose(f);
}
END_TEST

START_TEST(free_without_end_writes_no_table)
{
	cap c;
	cap_open(&c);
	zt_writer *w = NULL;
	ck_assert_int_eq(zt_writer_new(ZT_FMT_TABLE, c.f, 2, names2, &w), ZT_OK);
	ck_assert_int_eq(zt_writer_row(w, rows3), ZT_OK);
	zt_writer_free(w);
	char *out = (char *)cap_close(&c);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(dot_graph_dedupes_and_escapes)
{
	cap c;
	cap_open(&c);
	zt_dot *d = NULL;
	ck_assert_int_eq(zt_dot_new(c.f, "DESCRIBE 微软", &d), ZT_OK);
	ck_assert_int_eq(zt_dot_node(d, "urn:zhitu:e:org/微软", "微软", "Company"), ZT_OK);
	ck_assert_int_eq(zt_dot_node(d, "urn:zhitu:e:org/openai", "OpenAI", NULL), ZT_OK);
	ck_assert_int_eq(zt_dot_node(d, "urn:zhitu:e:org/微软", "微软", "Company"), ZT_OK);
	ck_assert_int_eq(zt_dot_edge(d, "urn:zhitu:e:org/微软", "urn:zhitu:e:org/openai", "investor"), ZT_OK);
	ck_assert_int_eq(zt_dot_edge(d, "urn:zhitu:e:org/微软", "urn:zhitu:e:org/openai", "investor"), ZT_OK);
	ck_assert_int_eq(zt_dot_edge(d, "urn:zhitu:e:org/微软", "urn:zhitu:e:org/openai", "partner"), ZT_OK);
	ck_assert_int_eq(zt_dot_node(d, "x", "say \"hi\"\\now", NULL), ZT_OK);
	ck_assert_int_eq(zt_dot_edge(d, "x", "y", NULL), ZT_OK);
	ck_assert_int_eq(zt_dot_end(d), ZT_OK);
	char *out = (char *)cap_close(&c);
	ck_assert_str_eq(out,
		"digraph \"DESCRIBE 微软\" {\n"
		"  graph [rankdir=LR, charset=\"UTF-8\"];\n"
		"  node [shape=box];\n"
		"  \"urn:zhitu:e:org/微软\" [label=\"微软\\n(Company)\"];\n"
		"  \"urn:zhitu:e:org/openai\" [label=\"OpenAI\"];\n"
		"  \"urn:zhitu:e:org/微软\" -> \"urn:zhitu:e:org/openai\" [label=\"investor\"];\n"
		"  \"urn:zhitu:e:org/微软\" -> \"urn:zhitu:e:org/openai\" [label=\"partner\"];\n"
		"  \"x\" [label=\"say \\\"hi\\\"\\\\now\"];\n"
		"  \"x\" -> \"y\";\n"
		"}\n");
	free(out);
	zt_dot_free(NULL);
	ck_assert_int_eq(zt_dot_end(NULL), ZT_OK);
}
END_TEST

START_TEST(dot_many_nodes_grow_the_set)
{
	cap c;
	cap_open(&c);
	zt_dot *d = NULL;
	ck_assert_int_eq(zt_dot_new(c.f, NULL, &d), ZT_OK);
	char id[32];
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 500; i++) {
			snprintf(id, sizeof id, "n%d", i);
			ck_assert_int_eq(zt_dot_node(d, id, NULL, NULL), ZT_OK);
		}
	ck_assert_int_eq(zt_dot_end(d), ZT_OK);
	char *out = (char *)cap_close(&c);
	size_t lines = 0;
	for (const char *p = out; *p; p++)
		lines += *p == '\n';
	ck_assert_uint_eq(lines, 500 + 4);   /* each node once + 3 header lines + "}" */
	ck_assert_ptr_nonnull(strstr(out, "  \"n499\" [label=\"n499\"];\n"));
	free(out);
}
END_TEST

static Suite *format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("writers");
	tcase_add_test(tc, table_aligns_chinese_by_display_width);
	tcase_add_test(tc, table_chinese_header_and_middle_column);
	tcase_add_test(tc, table_counts_one_row_and_none);
	tcase_add_test(tc, table_flattens_control_characters);
	tcase_add_test(tc, tsv_has_header_and_flattens_tabs);
	tcase_add_test(tc, csv_quotes_per_rfc4180);
	tcase_add_test(tc, json_array_of_objects);
	tcase_add_test(tc, json_escapes);
	tcase_add_test(tc, invalid_utf8_becomes_replacement_character);
	tcase_add_test(tc, dot_is_not_a_row_format);
	tcase_add_test(tc, write_error_is_reported);
	tcase_add_test(tc, free_without_end_writes_no_table);
	tcase_add_test(tc, dot_graph_dedupes_and_escapes);
	tcase_add_test(tc, dot_many_nodes_grow_the_set);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(format_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
