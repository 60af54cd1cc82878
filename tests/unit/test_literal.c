/* test_literal.c — dates, numbers and money (store/literal.h). */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/literal.h"

/* Parse `in` as a date and compare its canonical form and span. */
static void expect_date(const char *in, const char *canon, const char *from, const char *to)
{
	zt_date d;
	zt_error err;
	zt_error_clear(&err);
	zt_status st = zt_date_parse(in, strlen(in), &d, &err);
	ck_assert_msg(st == ZT_OK, "'%s': %s", in, err.msg);
	char buf[16], f[16], t[16];
	zt_date_format(&d, buf);
	ck_assert_msg(strcmp(buf, canon) == 0, "'%s' -> '%s', want '%s'", in, buf, canon);
	zt_day_format(d.span.from, f);
	zt_day_format(d.span.to, t);
	ck_assert_msg(strcmp(f, from) == 0 && strcmp(t, to) == 0, "'%s' span %s..%s, want %s..%s",
	              in, f, t, from, to);
}

static void expect_bad_date(const char *in, const char *msg_part)
{
	zt_date d;
	zt_error err;
	zt_error_clear(&err);
	zt_status st = zt_date_parse(in, strlen(in), &d, &err);
	ck_assert_msg(st == ZT_ERR_SYNTAX, "'%s' should not parse", in);
	if (msg_part)
		ck_assert_msg(strstr(err.msg, msg_part) != NULL, "'%s': message '%s' lacks '%s'",
		              in, err.msg, msg_part);
}

START_TEST(civil_days)
{
	ck_assert_int_eq(zt_days_from_civil(1970, 1, 1), 0);
	ck_assert_int_eq(zt_days_from_civil(2000, 3, 1), 11017);
	ck_assert_int_eq(zt_days_from_civil(1969, 12, 31), -1);
	ck_assert_int_eq(zt_days_from_civil(2024, 5, 14), 19857);
	/* every day from 1600 to 2400 round-trips and days are consecutive */
	int32_t prev = zt_days_from_civil(1600, 1, 1) - 1;
	for (int y = 1600; y <= 2400; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= zt_days_in_month(y, m); d++) {
				int32_t n = zt_days_from_civil(y, m, d);
				ck_assert_int_eq(n, prev + 1);
				prev = n;
				int yy, mm, dd;
				zt_civil_from_days(n, &yy, &mm, &dd);
				ck_assert(yy == y && mm == m && dd == d);
			}
	ck_assert_int_eq(zt_days_in_month(2024, 2), 29);
	ck_assert_int_eq(zt_days_in_month(2023, 2), 28);
	ck_assert_int_eq(zt_days_in_month(1900, 2), 28);
	ck_assert_int_eq(zt_days_in_month(2000, 2), 29);
}
END_TEST

START_TEST(date_iso_forms)
{
	expect_date("2024-05-14", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("2024-5-4", "2024-05-04", "2024-05-04", "2024-05-04");
	expect_date("2024-05", "2024-05", "2024-05-01", "2024-05-31");
	expect_date("2024-02", "2024-02", "2024-02-01", "2024-02-29");
	expect_date("2024", "2024", "2024-01-01", "2024-12-31");
	expect_date("2024.5.14", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("2024/5/14", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("2024/5", "2024-05", "2024-05-01", "2024-05-31");
	expect_date("  2023-11-07 ", "2023-11-07", "2023-11-07", "2023-11-07");
	expect_date("２０２４－０５－１４", "2024-05-14", "2024-05-14", "2024-05-14");
}
END_TEST

START_TEST(date_quarters)
{
	expect_date("2024-Q2", "2024-Q2", "2024-04-01", "2024-06-30");
	expect_date("2024Q1", "2024-Q1", "2024-01-01", "2024-03-31");
	expect_date("2024 Q4", "2024-Q4", "2024-10-01", "2024-12-31");
	expect_date("Q3 2023", "2023-Q3", "2023-07-01", "2023-09-30");
	expect_date("2023 年 Q1", "2023-Q1", "2023-01-01", "2023-03-31");
	expect_date("2024年第二季度", "2024-Q2", "2024-04-01", "2024-06-30");
	expect_date("2024年三季度", "2024-Q3", "2024-07-01", "2024-09-30");
	expect_date("2024年第4季度", "2024-Q4", "2024-10-01", "2024-12-31");
	expect_bad_date("2024-Q5", "quarter 5");
}
END_TEST

START_TEST(date_chinese)
{
	expect_date("2024年5月14日", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("2024 年 5 月 8 日", "2024-05-08", "2024-05-08", "2024-05-08");
	expect_date("2023年 11月 7日", "2023-11-07", "2023-11-07", "2023-11-07");
	expect_date("2024年5月14号", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("2024年5月14", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("2023年3月", "2023-03", "2023-03-01", "2023-03-31");
	expect_date("2024 年 1 月", "2024-01", "2024-01-01", "2024-01-31");
	expect_date("2024年", "2024", "2024-01-01", "2024-12-31");
	expect_date("２０２４年５月１４日", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_bad_date("2024\u30005月", "not a date");   /* no 年 */
}
END_TEST

START_TEST(date_english)
{
	expect_date("May 14, 2024", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("14 May 2024", "2024-05-14", "2024-05-14", "2024-05-14");
	expect_date("Sept. 3, 2023", "2023-09-03", "2023-09-03", "2023-09-03");
	expect_date("November 2023", "2023-11", "2023-11-01", "2023-11-30");
	expect_date("Mar 2024", "2024-03", "2024-03-01", "2024-03-31");
	expect_date("June 1st, 2024", "2024-06-01", "2024-06-01", "2024-06-01");
}
END_TEST

START_TEST(date_invalid)
{
	expect_bad_date("2024年13月40日", "month 13");
	expect_bad_date("2024年2月30日", "day 30");
	expect_bad_date("2023-02-29", "day 29");
	expect_bad_date("2024-00-10", "month 0");
	expect_bad_date("2024-04-31", "day 31");
	expect_bad_date("0000", "year 0");
	expect_bad_date("", "not a date");
	expect_bad_date("tomorrow", "not a date");
	expect_bad_date("24-05-14", "not a date");
	expect_bad_date("20240514", "not a date");
	expect_bad_date("2024-05-14x", "not a date");
	expect_bad_date("2024年5月14日下午", "not a date");
	expect_bad_date("5月14日", "not a date");
	/* the message quotes the input */
	expect_bad_date("2024年13月", "'2024年13月'");
	expect_date("2024-02-29", "2024-02-29", "2024-02-29", "2024-02-29");
}
END_TEST

START_TEST(date_scan)
{
	zt_date d;
	size_t used;
	const char *s = "2024 年 5 月 8 日，美国科罗拉多州";
	ck_assert_int_eq(zt_date_scan(s, strlen(s), &d, &used, NULL), ZT_OK);
	ck_assert_int_eq(d.prec, ZT_PREC_DAY);
	ck_assert_uint_eq(used, strlen("2024 年 5 月 8 日"));
	s = "2024年5月发布";
	ck_assert_int_eq(zt_date_scan(s, strlen(s), &d, &used, NULL), ZT_OK);
	ck_assert_int_eq(d.prec, ZT_PREC_MONTH);
	ck_assert_uint_eq(used, strlen("2024年5月"));
	s = "2024年5月30万";     /* a count, not a day */
	ck_assert_int_eq(zt_date_scan(s, strlen(s), &d, &used, NULL), ZT_OK);
	ck_assert_int_eq(d.prec, ZT_PREC_MONTH);
	s = "OpenAI 2024";
	ck_assert_int_eq(zt_date_scan(s, strlen(s), &d, &used, NULL), ZT_NOTFOUND);
	ck_assert_uint_eq(used, 0);
	s = "2024年2月30日";
	zt_error err;
	ck_assert_int_eq(zt_date_scan(s, strlen(s), &d, &used, &err), ZT_ERR_SYNTAX);
	ck_assert_ptr_nonnull(strstr(err.msg, "day 30"));
}
END_TEST

START_TEST(date_make)
{
	zt_date d;
	ck_assert_int_eq(zt_date_make(2024, 2, 29, &d, NULL), ZT_OK);
	ck_assert_int_eq(d.span.from, d.span.to);
	ck_assert_int_eq(zt_date_make(2023, 2, 29, &d, NULL), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_date_make(2023, 0, 5, &d, NULL), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_date_make(10000, 1, 1, &d, NULL), ZT_ERR_SYNTAX);
	char buf[16];
	ck_assert_int_eq(zt_date_make(7, 0, 0, &d, NULL), ZT_OK);
	zt_date_format(&d, buf);
	ck_assert_str_eq(buf, "0007");
}
END_TEST

static void expect_money(const char *in, double value, const char *cur, const char *canon)
{
	double v = -1;
	char c[4] = "";
	zt_error err;
	zt_error_clear(&err);
	zt_status st = zt_money_parse(in, strlen(in), &v, c, &err);
	ck_assert_msg(st == ZT_OK, "'%s': %s", in, err.msg);
	ck_assert_msg(v == value, "'%s' -> %.17g, want %.17g", in, v, value);
	ck_assert_str_eq(c, cur);
	char buf[64];
	zt_money_format(v, c, buf, sizeof buf);
	ck_assert_str_eq(buf, canon);
}

static void expect_bad_money(const char *in)
{
	double v;
	char c[4];
	zt_error err;
	zt_error_clear(&err);
	ck_assert_msg(zt_money_parse(in, strlen(in), &v, c, &err) == ZT_ERR_SYNTAX,
	              "'%s' should not parse", in);
	ck_assert(err.msg[0]);
}

START_TEST(money_forms)
{
	expect_money("6000000000 USD", 6e9, "USD", "6000000000 USD");
	expect_money("2.5亿美元", 2.5e8, "USD", "250000000 USD");
	expect_money("10 亿美元", 1e9, "USD", "1000000000 USD");
	expect_money("60亿元人民币", 6e9, "CNY", "6000000000 CNY");
	expect_money("$350M", 3.5e8, "USD", "350000000 USD");
	expect_money("$1.3B", 1.3e9, "USD", "1300000000 USD");
	expect_money("1B USD", 1e9, "USD", "1000000000 USD");
	expect_money("€20M", 2e7, "EUR", "20000000 EUR");
	expect_money("10 亿加元", 1e9, "CAD", "1000000000 CAD");
	expect_money("3 亿港元", 3e8, "HKD", "300000000 HKD");
	expect_money("500万元", 5e6, "CNY", "5000000 CNY");
	expect_money("715 万人民币", 7.15e6, "CNY", "7150000 CNY");
	expect_money("7.563 亿美元", 756300000, "USD", "756300000 USD");
	expect_money("647.67 万人民币", 6476700, "CNY", "6476700 CNY");
	expect_money("54.89 亿港元", 5489000000, "HKD", "5489000000 HKD");
	expect_money("3千万美元", 3e7, "USD", "30000000 USD");
	expect_money("2百万欧元", 2e6, "EUR", "2000000 EUR");
	expect_money("1.2万亿元", 1.2e12, "CNY", "1200000000000 CNY");
	expect_money("US$1.3 billion", 1.3e9, "USD", "1300000000 USD");
	expect_money("HK$ 54.89亿", 5489000000, "HKD", "5489000000 HKD");
	expect_money("RMB 500 million", 5e8, "CNY", "500000000 CNY");
	expect_money("人民币500万元", 5e6, "CNY", "5000000 CNY");
	expect_money("1,000 EUR", 1000, "EUR", "1000 EUR");
	expect_money("$0.0015", 0.0015, "USD", "0.0015 USD");
	expect_money("￥300", 300, "CNY", "300 CNY");
	expect_money("£5bn", 5e9, "GBP", "5000000000 GBP");
	expect_money("400 亿日元", 4e10, "JPY", "40000000000 JPY");
	expect_money("$65K", 65000, "USD", "65000 USD");
	expect_money("20 million euros", 2e7, "EUR", "20000000 EUR");
	expect_money("5 CHF", 5, "CHF", "5 CHF");
	expect_money("$3 亿港元", 3e8, "HKD", "300000000 HKD");  /* generic $ gives way */
	expect_money("３亿美元", 3e8, "USD", "300000000 USD");
}
END_TEST

START_TEST(money_bad)
{
	expect_bad_money("500万");                 /* no currency */
	expect_bad_money("美元");                  /* no amount */
	expect_bad_money("");
	expect_bad_money("数十亿美元");
	expect_bad_money("€5 USD");               /* two currencies */
	expect_bad_money("5 亿美元 and more");
	expect_bad_money("1,00 USD");
}
END_TEST

START_TEST(money_scan)
{
	double v;
	char c[4];
	size_t used;
	const char *s = "10 亿美元融资，估值 138 亿美元";
	ck_assert_int_eq(zt_money_scan(s, strlen(s), &v, c, &used, NULL), ZT_OK);
	ck_assert(v == 1e9);
	ck_assert_str_eq(c, "USD");
	ck_assert_uint_eq(used, strlen("10 亿美元"));
	s = "2024 年";
	ck_assert_int_eq(zt_money_scan(s, strlen(s), &v, c, &used, NULL), ZT_NOTFOUND);
	s = "融资";
	ck_assert_int_eq(zt_money_scan(s, strlen(s), &v, c, &used, NULL), ZT_NOTFOUND);
}
END_TEST

static void expect_number(const char *in, double value, const char *canon)
{
	double v = -1;
	zt_error err;
	zt_error_clear(&err);
	ck_assert_msg(zt_number_parse(in, strlen(in), &v, &err) == ZT_OK, "'%s': %s", in, err.msg);
	ck_assert_msg(v == value, "'%s' -> %.17g", in, v);
	char buf[48];
	zt_number_format(v, buf, sizeof buf);
	ck_assert_str_eq(buf, canon);
}

START_TEST(numbers)
{
	expect_number("250000000", 25e7, "250000000");
	expect_number("2.5e8", 2.5e8, "250000000");
	expect_number("2.5E-3", 0.0025, "0.0025");
	expect_number("2.5亿", 2.5e8, "250000000");
	expect_number("1,000", 1000, "1000");
	expect_number("1,000,000.5", 1000000.5, "1000000.5");
	expect_number("30万", 3e5, "300000");
	expect_number("1.5M", 1.5e6, "1500000");
	expect_number("-3", -3, "-3");
	expect_number("+0.10", 0.1, "0.1");
	expect_number("0", 0, "0");
	expect_number("-0", 0, "0");
	expect_number("007", 7, "7");
	expect_number("0.1", 0.1, "0.1");
	expect_number("1e300", 1e300, "1e300");
	expect_number("1.5e-25", 1.5e-25, "1.5e-25");
	expect_number("123456789012", 123456789012.0, "123456789012");
	double v;
	ck_assert_int_eq(zt_number_parse("abc", 3, &v, NULL), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_parse("1.2.3", 5, &v, NULL), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_parse("", 0, &v, NULL), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_parse("45%", 3, &v, NULL), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_parse("1e999", 5, &v, NULL), ZT_ERR_SYNTAX);
}
END_TEST

START_TEST(number_format_roundtrip)
{
	/* Canonical forms read back to the same double. */
	const double vals[] = { 0.1, 1.0 / 3, 2.0 / 3e10, 123456.789, 1e21, 9007199254740993.0,
	                        5e-324, 1.7976931348623157e308, 0.000001, 42 };
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		char buf[48];
		zt_number_format(vals[i], buf, sizeof buf);
		double back;
		ck_assert_msg(zt_number_parse(buf, strlen(buf), &back, NULL) == ZT_OK, "%s", buf);
		ck_assert_msg(back == vals[i], "%s", buf);
	}
}
END_TEST

static void expect_canon(const char *in, const char *want)
{
	char buf[64];
	size_t n;
	ck_assert_int_eq(zt_number_canon(in, strlen(in), buf, sizeof buf, &n), ZT_OK);
	ck_assert_str_eq(buf, want);
	ck_assert_uint_eq(n, strlen(want));
}

START_TEST(number_canon)
{
	expect_canon("+007.50", "7.5");
	expect_canon(".5", "0.5");
	expect_canon("5.", "5");
	expect_canon("-0.000", "0");
	expect_canon("-12", "-12");
	expect_canon("123456789012345678901234567890", "123456789012345678901234567890");
	expect_canon("0", "0");
	char buf[8];
	size_t n;
	ck_assert_int_eq(zt_number_canon(".", 1, buf, sizeof buf, &n), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_canon("1e5", 3, buf, sizeof buf, &n), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_canon("", 0, buf, sizeof buf, &n), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_canon("+", 1, buf, sizeof buf, &n), ZT_ERR_SYNTAX);
	ck_assert_int_eq(zt_number_canon(" 1", 2, buf, sizeof buf, &n), ZT_ERR_SYNTAX);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	Suite *s = suite_create("literal");
	TCase *tc = tcase_create("literal");
	tcase_add_test(tc, civil_days);
	tcase_add_test(tc, date_iso_forms);
	tcase_add_test(tc, date_quarters);
	tcase_add_test(tc, date_chinese);
	tcase_add_test(tc, date_english);
	tcase_add_test(tc, date_invalid);
	tcase_add_test(tc, date_scan);
	tcase_add_test(tc, date_make);
	tcase_add_test(tc, money_forms);
	tcase_add_test(tc, money_bad);
	tcase_add_test(tc, money_scan);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, number_format_roundtrip);
	tcase_add_test(tc, number_canon);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
