/* test_norm.c — name keys and UTF-8 helpers (store/norm.h).  Expected keys
 * were produced by the scorers' Python norm (shared/tools/zqlib.py). */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "store/norm.h"

static void expect_norm(const char *in, const char *want)
{
	char *out = NULL;
	size_t n = 99;
	zt_status st = zt_norm(in, strlen(in), &out, &n);
	ck_assert_int_eq(st, ZT_OK);
	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(n, strlen(want));
	free(out);
}

START_TEST(ascii_names)
{
	expect_norm("Open AI", "openai");
	expect_norm("openai", "openai");
	expect_norm("  EU AI Act\t", "euaiact");
	expect_norm("\"Quoted\" (x) [y] 'z'", "quotedxyz");
	expect_norm("", "");
}
END_TEST

START_TEST(fullwidth_and_cjk)
{
	expect_norm("ＯｐｅｎＡＩ", "openai");
	expect_norm("《生成式人工智能服务管理暂行办法》", "生成式人工智能服务管理暂行办法");
	expect_norm("“深度求索”", "深度求索");
	expect_norm("欧盟 人工智能法（AI Act）", "欧盟人工智能法aiact");
	expect_norm("「文心一言」『x』", "文心一言x");
	expect_norm("Jean·Dupont", "jeandupont");
	expect_norm("山田・太郎", "山田太郎");
	expect_norm("ﾃｽﾄ", "テスト");
	expect_norm("中\u3000国", "中国");           /* ideographic space */
	expect_norm("a\u2028b\u00a0c", "abc");
}
END_TEST

START_TEST(compat_and_fold)
{
	expect_norm("Straße", "strasse");
	expect_norm("①", "1");
	expect_norm("Ⅻ", "xii");
	expect_norm("ﬁ", "fi");
	expect_norm("ÉCOLE", "école");
	expect_norm("E\xcc\x81" "cole", "école");   /* combining acute composes */
	/* folding after NFKC is not recomposed, as in Python: ΐ -> ΐ */
	expect_norm("\xce\x90", "\xce\xb9\xcc\x88\xcc\x81");
	expect_norm("\xe1\xbe\xb7", "\xce\xb1\xcd\x82\xce\xb9");   /* ᾷ */
}
END_TEST

START_TEST(invalid_utf8)
{
	char *out = (char *)1;
	ck_assert_int_eq(zt_norm("a\xff", 2, &out, NULL), ZT_ERR_UTF8);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(zt_norm("\xe4\xb8", 2, &out, NULL), ZT_ERR_UTF8);
}
END_TEST

START_TEST(valid)
{
	size_t off = 99;
	ck_assert(zt_utf8_valid("abc 中文", strlen("abc 中文"), &off));
	ck_assert(!zt_utf8_valid("ab\xc0\xaf", 4, &off));       /* overlong '/' */
	ck_assert_uint_eq(off, 2);
	ck_assert(!zt_utf8_valid("\xed\xa0\x80", 3, &off));     /* surrogate */
	ck_assert_uint_eq(off, 0);
	ck_assert(!zt_utf8_valid("x\xf4\x90\x80\x80", 5, &off)); /* > U+10FFFF */
	ck_assert_uint_eq(off, 1);
	ck_assert(!zt_utf8_valid("中\xe6\x96", 5, &off));        /* truncated */
	ck_assert_uint_eq(off, 3);
	ck_assert(!zt_utf8_valid("\x80", 1, NULL));
	ck_assert(zt_utf8_valid("\xf0\x9f\x98\x80", 4, NULL));  /* emoji */
	ck_assert(zt_utf8_valid("", 0, NULL));
}
END_TEST

START_TEST(chars_and_width)
{
	const char *s = "AI法案";
	ck_assert_uint_eq(zt_utf8_chars(s, strlen(s)), 4);
	ck_assert_uint_eq(zt_utf8_width(s, strlen(s)), 6);
	ck_assert_uint_eq(zt_utf8_width("ＡＢ", strlen("ＡＢ")), 4);
	ck_assert_uint_eq(zt_utf8_width("e\xcc\x81", 3), 1);   /* combining mark: 0 */
	ck_assert_uint_eq(zt_utf8_width("ab", 2), 2);
	ck_assert_uint_eq(zt_utf8_chars("", 0), 0);
}
END_TEST

START_TEST(cjk)
{
	ck_assert(zt_has_cjk("OpenAI 公司", strlen("OpenAI 公司")));
	ck_assert(!zt_has_cjk("OpenAI “x” ①", strlen("OpenAI “x” ①")));
	ck_assert(zt_has_cjk("テスト", strlen("テスト")));
	ck_assert(!zt_has_cjk("ＡＢ", strlen("ＡＢ")));
	ck_assert_str_eq(zt_label_lang("微软", strlen("微软")), "zh");
	ck_assert_str_eq(zt_label_lang("Microsoft", 9), "en");
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	Suite *s = suite_create("norm");
	TCase *tc = tcase_create("norm");
	tcase_add_test(tc, ascii_names);
	tcase_add_test(tc, fullwidth_and_cjk);
	tcase_add_test(tc, compat_and_fold);
	tcase_add_test(tc, invalid_utf8);
	tcase_add_test(tc, valid);
	tcase_add_test(tc, chars_and_width);
	tcase_add_test(tc, cjk);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
