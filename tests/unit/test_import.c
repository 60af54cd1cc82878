/* test_import.c — the importer's modules on small texts written for these
 * tests (fictional bodies and companies, never corpus text): encodings and
 * layout detection, the readers, the rules file, and extraction of
 * entities and events. */
#include <check.h>
#include <iconv.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "import/detect.h"
#include "import/doc.h"
#include "import/emit.h"
#include "import/extract.h"
#include "import/import.h"
#include "import/readers.h"
#include "import/rules.h"
#include "import/text.h"

static const char *MONTHLY =
	"2031 年 2 月\n"
	"人工智能月刊\n"
	"(2031.2.1-2031.2.28)\n"
	"\n"
	"导读\n"
	"\n"
	"▶ 最新法律与监管动态\n"
	"\n"
	"1. 示例省数据管理局印发《示例省人工智能促进条例实施办法》\n"
	"2. 星桥互联网法院驳回云帆科技起诉案\n"
	"\n"
	"一、最新法律与监管动态\n"
	"\n"
	"1. 示例省数据管理局印发《示例省人工智能促进条例实施办法》\n"
	"\n"
	"发布日期：2031 年 2 月 10 日\n"
	"\n"
	"来源：示例网\n"
	"\n"
	"链接：\n"
	"\n"
	"- https://example.org/a\n"
	"\n"
	"摘要：\n"
	"\n"
	"2031 年 2 月 9 日，示例省数据管理局印发了《示例省人工智能促进条例实施办法》，共分为\n"
	"\n"
	"五章。\n"
	"\n"
	"1. 第一章为总则。\n"
	"\n"
	"2. 第二章为促进措施。\n"
	"\n"
	"律师短评\n"
	"\n"
	"该办法值得关注。\n"
	"\n"
	"2. 星桥互联网法院驳回云帆科技起诉案\n"
	"\n"
	"发布日期：2031 年 2 月 20 日\n"
	"\n"
	"来源：示例网\n"
	"\n"
	"链接：\n"
	"\n"
	"- https://example.org/b\n"
	"\n"
	"摘要：\n"
	"\n"
	"当地时间 2 月 18 日，星桥互联网法院驳回了云帆科技的起诉。\n"
	"\n"
	"二、最新行业动态\n"
	"\n"
	"1. 云帆科技获 3 亿元 B 轮融资，估值 30 亿元\n"
	"\n"
	"发布日期：2031 年 2 月 25 日\n"
	"\n"
	"来源：示例网\n"
	"\n"
	"链接：\n"
	"\n"
	"- https://example.org/c\n"
	"\n"
	"摘要：\n"
	"\n"
	"2 月 24 日，云帆科技宣布完成 3 亿元 B 轮融资，估值 30 亿元（约合 4 亿美元）。本轮融资由北辰资本领投，南山基金、Orion Ventures 跟投。\n"
	"\n"
	"特此声明\n"
	"\n"
	"本刊物不代表本所意见。\n"
	"\n"
	"1. 这不是条目\n"
	"\n"
	"发布日期：2031 年 2 月 26 日\n";

static const char *DIGEST =
	"标题: 一周 AI 速览\n"
	"链接: https://example.org/d\n"
	"总结: 本周有多条新闻。01、融资云帆科技完成 1 亿元 A 轮融资据示例日报 3 月 2 日报道，云帆科技宣布完成 1 亿元 A 轮融资，"
	"由北辰资本领投。星桥智能获得天使轮投资据示例网报道，星桥智能获得数千万元天使轮投资。02、大模型示例实验室开源大模型“青松”"
	"3 月 4 日，示例实验室开源了“青松”大模型。本文为作者观点，不代表平台立场。2031-03-05 10:00来源：示例\n"
	"关键词: \n";

static const char *REPORT =
	"# 示例报告\n"
	"\n"
	"2031\n"
	"\n"
	"## Orion AI\n"
	"\n"
	"### 融资历史 & 核心团队\n"
	"\n"
	"融资日期\t轮次\t融资金额\t投资机构\n"
	"2030年3月\tB\t\\$120M\tAlpha Capital, Beta Ventures, etc.\n"
	"2029年4月\tA\t\\$30M\tAlpha Capital\n"
	"\n"
	"- CEO, Jane Doe, 前研究员\n"
	"\n"
	"## 结语\n"
	"\n"
	"本报告介绍了示例行业。\n";

static zt_extract_ctx ctx;
static zt_gazetteer *gaz;
static zt_topics *top;
static zt_rules *rules;

static void setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	zt_error err;
	ck_assert_int_eq(zt_gazetteer_default(&gaz, &err), ZT_OK);
	ck_assert_int_eq(zt_topics_default(&top, &err), ZT_OK);
	ck_assert_int_eq(zt_rules_default(&rules, &err), ZT_OK);
	ctx.gaz = gaz;
	ctx.topics = top;
	ctx.rules = rules;
}

static void teardown(void)
{
	zt_gazetteer_free(gaz);
	zt_topics_free(top);
	zt_rules_free(rules);
}

/* ------------------------------------------------------------ text */

START_TEST(tidy_and_squash)
{
	char *a = zt_tidy("国务院 2024 年度  Copilot+ PC ", 34);
	ck_assert_str_eq(a, "国务院2024年度Copilot+ PC");
	free(a);
	char *b = zt_squash("  A  B\n 中 文 ", strlen("  A  B\n 中 文 "));
	ck_assert_str_eq(b, "A B 中 文");
	free(b);
	char *c = zt_tidy_name("《示例办法》，", strlen("《示例办法》，"));
	ck_assert_str_eq(c, "示例办法");
	free(c);
}
END_TEST

/* ------------------------------------------------------------ detect */

static zt_status prep(const char *data, size_t len, int lenient, char **out, const char **conv,
                      size_t *rep, zt_error *err)
{
	size_t outlen;
	return zt_text_prepare("t.txt", data, len, lenient, out, &outlen, conv, rep, err);
}

START_TEST(encodings)
{
	zt_error err;
	char *out = NULL;
	const char *conv;
	size_t rep;
	/* invalid UTF-8: the byte offset and the line */
	const char bad[] = "第一行\n第二\xff行\n";
	ck_assert_int_eq(prep(bad, sizeof bad - 1, 0, &out, &conv, &rep, &err), ZT_ERR_UTF8);
	ck_assert_ptr_nonnull(strstr(err.msg, "t.txt: invalid UTF-8 at byte 16 (line 2)"));
	/* lenient: replaced and counted */
	ck_assert_int_eq(prep(bad, sizeof bad - 1, 1, &out, &conv, &rep, &err), ZT_OK);
	ck_assert_uint_eq(rep, 1);
	ck_assert_ptr_nonnull(strstr(out, "第二\xEF\xBF\xBD行"));
	free(out);
	/* empty and blank */
	ck_assert_int_eq(prep("", 0, 0, &out, &conv, &rep, &err), ZT_ERR_ARG);
	ck_assert_ptr_nonnull(strstr(err.msg, "empty"));
	ck_assert_int_eq(prep(" \n\t\xE3\x80\x80\n", 7, 0, &out, &conv, &rep, &err), ZT_ERR_ARG);
	/* binary */
	ck_assert_int_eq(prep("ab\0cd", 5, 0, &out, &conv, &rep, &err), ZT_ERR_ENCODING);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a text file"));
	/* UTF-16 is refused with the way to convert it */
	ck_assert_int_eq(prep("\xff\xfe" "a\0b\0", 6, 0, &out, &conv, &rep, &err), ZT_ERR_ENCODING);
	ck_assert_ptr_nonnull(strstr(err.msg, "iconv -f UTF-16"));
	/* a UTF-8 BOM is dropped */
	ck_assert_int_eq(prep("\xEF\xBB\xBF" "文本", 9, 0, &out, &conv, &rep, &err), ZT_OK);
	ck_assert_str_eq(out, "文本");
	free(out);
	/* GBK is converted */
	const char *utf = "示例监管局发布了新的管理办法。\n";
	iconv_t cd = iconv_open("GBK", "UTF-8");
	ck_assert(cd != (iconv_t)-1);
	char gbk[256], *in = (char *)utf, *o = gbk;
	size_t inl = strlen(utf), outl = sizeof gbk;
	ck_assert(iconv(cd, &in, &inl, &o, &outl) != (size_t)-1);
	iconv_close(cd);
	ck_assert_int_eq(prep(gbk, (size_t)(o - gbk), 0, &out, &conv, &rep, &err), ZT_OK);
	ck_assert_str_eq(conv, "GB18030");
	ck_assert_str_eq(out, utf);
	free(out);
}
END_TEST

START_TEST(layouts)
{
	ck_assert_int_eq(zt_detect_layout(MONTHLY, strlen(MONTHLY)), ZT_LAYOUT_MONTHLY);
	ck_assert_int_eq(zt_detect_layout(DIGEST, strlen(DIGEST)), ZT_LAYOUT_DIGEST);
	ck_assert_int_eq(zt_detect_layout(REPORT, strlen(REPORT)), ZT_LAYOUT_REPORT);
	const char *plain = "这是一段普通文字。\n\n另一段。\n";
	ck_assert_int_eq(zt_detect_layout(plain, strlen(plain)), ZT_LAYOUT_GENERIC);
}
END_TEST

/* ------------------------------------------------------------ readers */

static const char *title_of(const zt_item *it, char *buf, size_t cap)
{
	size_t n = it->title_len < cap - 1 ? it->title_len : cap - 1;
	memcpy(buf, it->text, n);
	buf[n] = 0;
	return buf;
}

START_TEST(monthly_reader)
{
	zt_doc *d;
	ck_assert_int_eq(zt_read_monthly(MONTHLY, strlen(MONTHLY), 0, &d), ZT_OK);
	/* the table of contents, the sub-list and what follows the footer are not items */
	ck_assert_uint_eq(d->nitems, 3);
	char day[16], t[256];
	ck_assert(d->has_published);
	zt_date_format(&d->published, day);
	ck_assert_str_eq(day, "2031-02-28");
	const zt_item *a = &d->items[0];
	ck_assert_str_eq(title_of(a, t, sizeof t), "示例省数据管理局印发《示例省人工智能促进条例实施办法》");
	ck_assert_int_eq(a->section, ZT_SEC_LEGAL);
	ck_assert(a->has_date);
	zt_date_format(&a->date, day);
	ck_assert_str_eq(day, "2031-02-10");
	ck_assert_str_eq(a->source, "示例网");
	ck_assert_uint_eq(a->nlinks, 1);
	ck_assert_str_eq(a->links[0], "https://example.org/a");
	/* a sentence broken across lines is joined; list entries stay apart */
	ck_assert_ptr_nonnull(strstr(a->text + a->body_off, "共分为五章。\n1. 第一章为总则。"));
	/* the commentary is kept apart from the summary */
	ck_assert_uint_gt(a->comment_len, 0);
	ck_assert_ptr_nonnull(strstr(a->text + a->comment_off, "该办法值得关注"));
	ck_assert_ptr_null(strstr(a->text + a->body_off, "律师短评"));
	ck_assert_int_eq(d->items[2].section, ZT_SEC_INDUSTRY);
	ck_assert_ptr_null(strstr(d->items[2].text, "本刊物"));
	zt_doc_free(d);
}
END_TEST

START_TEST(pdf_reader)
{
	const char *pdf =
		"1. 示例市网信办发布首批已备案生成式人工智能服务名\n"
		"\n"
		"单\n"
		"\n"
		"https://stray.example/x\n"
		" 发布日期：2031年 3月 5日\n"
		"\n"
		"来源：示例网\n"
		"\n"
		"链接：\n"
		"\n"
		" https://example.org/very-long-\n"
		"path-continued\n"
		"\n"
		"https://stray.example/y\n"
		"https://stray.example/z\n"
		"摘要：\n"
		"\n"
		"3月 5日，示例市网信办发布名单，模型包括示例科技有限公司的“青松”、云帆科技有限公司的“白\n"
		"\n"
		"鹭”。\n"
		"https://stray.example/w\n"
		"2. 第二条新闻\n"
		"\n"
		"发布日期：2031年 3月 6日\n"
		"\n"
		"摘要：\n"
		"\n"
		"内容。\n";
	zt_doc *d;
	ck_assert_int_eq(zt_read_monthly(pdf, strlen(pdf), 1, &d), ZT_OK);
	ck_assert_uint_eq(d->nitems, 2);
	char t[256];
	ck_assert_str_eq(title_of(&d->items[0], t, sizeof t), "示例市网信办发布首批已备案生成式人工智能服务名单");
	/* one link, re-joined; the stray blocks are dropped */
	ck_assert_uint_eq(d->items[0].nlinks, 1);
	ck_assert_str_eq(d->items[0].links[0], "https://example.org/very-long-path-continued");
	ck_assert_ptr_nonnull(strstr(d->items[0].text, "“白鹭”"));
	ck_assert_ptr_null(strstr(d->items[0].text, "stray"));
	zt_doc_free(d);
}
END_TEST

START_TEST(digest_reader)
{
	zt_doc *d;
	ck_assert_int_eq(zt_read_digest(DIGEST, strlen(DIGEST), &d), ZT_OK);
	/* the teaser before the first category marker is not a story */
	ck_assert_uint_eq(d->nitems, 3);
	char t[256], day[16];
	ck_assert_str_eq(title_of(&d->items[0], t, sizeof t), "云帆科技完成 1 亿元 A 轮融资");
	ck_assert_str_eq(title_of(&d->items[1], t, sizeof t), "星桥智能获得天使轮投资");
	ck_assert_str_eq(title_of(&d->items[2], t, sizeof t), "示例实验室开源大模型“青松”");
	ck_assert_int_eq(d->items[0].section, ZT_SEC_FUNDING);
	ck_assert_str_eq(d->items[2].section_label, "大模型");
	ck_assert_ptr_null(strstr(d->items[2].text, "本文为"));
	ck_assert_str_eq(d->url, "https://example.org/d");
	zt_date_format(&d->published, day);
	ck_assert_str_eq(day, "2031-03-05");
	zt_doc_free(d);
}
END_TEST

START_TEST(report_reader)
{
	zt_doc *d;
	ck_assert_int_eq(zt_read_report(REPORT, strlen(REPORT), &d), ZT_OK);
	size_t rows = 0;
	for (size_t i = 0; i < d->nitems; i++)
		if (d->items[i].kind == ZT_ITEM_FUNDING_ROW) {
			const zt_funding_row *r = d->items[i].row;
			ck_assert_str_eq(r->company, "Orion AI");
			if (rows == 0) {
				ck_assert_str_eq(r->date, "2030年3月");
				ck_assert_str_eq(r->round, "B");
				ck_assert_str_eq(r->amount, "$120M");
				ck_assert_str_eq(r->investors, "Alpha Capital, Beta Ventures, etc.");
			}
			rows++;
		}
	ck_assert_uint_eq(rows, 2);
	char day[16];
	zt_date_format(&d->published, day);
	ck_assert_str_eq(day, "2031-12-31");
	zt_doc_free(d);
}
END_TEST

/* ------------------------------------------------------------ rules */

START_TEST(rules_file)
{
	zt_rules *r;
	zt_error err;
	const char *good = "# comment\nverb\t发布\tRelease\nverb\t推\tRelease\tlatin\nstop\t的\n";
	ck_assert_int_eq(zt_rules_parse(good, strlen(good), "x.tsv", &r, &err), ZT_OK);
	const char *s = "他发布了";
	const zt_rule *ru = zt_rules_at(r, ZT_R_VERB, s, strlen(s), 3);
	ck_assert_ptr_nonnull(ru);
	ck_assert_str_eq(ru->value, "Release");
	ck_assert_ptr_null(zt_rules_at(r, ZT_R_VERB, s, strlen(s), 0));
	ck_assert(zt_rules_ending(r, ZT_R_STOP, "我的", 6) != NULL);
	size_t n;
	const zt_rule *list = zt_rules_list(r, ZT_R_VERB, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert(zt_rule_has_flag(&list[1], "latin"));
	zt_rules_free(r);
	const char *bad = "verb\t发布\tRelease\nverbs\t推\n";
	ck_assert_int_eq(zt_rules_parse(bad, strlen(bad), "x.tsv", &r, &err), ZT_ERR_SYNTAX);
	ck_assert_ptr_nonnull(strstr(err.msg, "x.tsv:2: unknown rule table 'verbs'"));
}
END_TEST

/* ------------------------------------------------------------ extraction */

static const zt_x_event *event_of(const zt_extraction *x, uint32_t item)
{
	for (size_t i = 0; i < x->nevents; i++)
		if (x->events[i].item == item)
			return &x->events[i];
	return NULL;
}

/* The value of fact `pred` of an event: an entity's name or a literal. */
static const char *fact(const zt_extraction *x, const zt_x_event *ev, const char *pred, int nth)
{
	for (size_t i = 0; i < ev->nfacts; i++)
		if (!strcmp(ev->facts[i].pred, pred) && nth-- == 0)
			return ev->facts[i].what == ZT_X_ENTITY ? x->ents[ev->facts[i].ent].name : ev->facts[i].value;
	return NULL;
}

static const char *type_of(const zt_extraction *x, const char *name)
{
	for (size_t i = 0; i < x->nents; i++)
		if (!strcmp(x->ents[i].name, name))
			return x->ents[i].type;
	return NULL;
}

START_TEST(extract_monthly)
{
	zt_doc *d;
	zt_extraction *x;
	ck_assert_int_eq(zt_read_monthly(MONTHLY, strlen(MONTHLY), 0, &d), ZT_OK);
	ck_assert_int_eq(zt_extract(&ctx, d, &x), ZT_OK);
	ck_assert_uint_eq(x->nevents, 3);
	char day[16];

	/* a regulator issues a policy: the document is typed by its ending */
	const zt_x_event *e1 = event_of(x, 1);
	ck_assert_str_eq(e1->type, "RegulatoryAction");
	zt_date_format(&e1->date, day);
	ck_assert_str_eq(day, "2031-02-09");
	ck_assert_str_eq(fact(x, e1, "actor", 0), "示例省数据管理局");
	ck_assert_str_eq(type_of(x, "示例省数据管理局"), "Agency");
	ck_assert_str_eq(fact(x, e1, "object", 0), "示例省人工智能促进条例实施办法");
	ck_assert_str_eq(type_of(x, "示例省人工智能促进条例实施办法"), "Policy");

	/* a court case: court, outcome, the local date */
	const zt_x_event *e2 = event_of(x, 2);
	ck_assert_str_eq(e2->type, "CourtCase");
	ck_assert_str_eq(fact(x, e2, "court", 0), "星桥互联网法院");
	ck_assert_str_eq(type_of(x, "星桥互联网法院"), "Court");
	ck_assert_str_eq(fact(x, e2, "outcome", 0), "dismissed");
	zt_date_format(&e2->date, day);
	ck_assert_str_eq(day, "2031-02-18");

	/* funding: investee, amount and valuation (not the conversion), round, lead, followers */
	const zt_x_event *e3 = event_of(x, 3);
	ck_assert_str_eq(e3->type, "FundingRound");
	ck_assert_str_eq(fact(x, e3, "investee", 0), "云帆科技");
	ck_assert_str_eq(fact(x, e3, "amount", 0), "300000000 CNY");
	ck_assert_str_eq(fact(x, e3, "valuation", 0), "3000000000 CNY");
	ck_assert_ptr_null(fact(x, e3, "valuation", 1));
	ck_assert_str_eq(fact(x, e3, "round", 0), "B");
	ck_assert_str_eq(fact(x, e3, "lead_investor", 0), "北辰资本");
	int orion = 0, nanshan = 0;
	for (int k = 0; fact(x, e3, "investor", k); k++) {
		orion |= !strcmp(fact(x, e3, "investor", k), "Orion Ventures");
		nanshan |= !strcmp(fact(x, e3, "investor", k), "南山基金");
	}
	ck_assert(orion && nanshan);
	ck_assert_str_eq(type_of(x, "Orion Ventures"), "Investor");
	zt_date_format(&e3->date, day);
	ck_assert_str_eq(day, "2031-02-24");
	/* invested_in edges follow the round */
	int rel = 0;
	for (size_t i = 0; i < x->nrels; i++)
		rel |= !strcmp(x->rels[i].pred, "invested_in") && !strcmp(x->ents[x->rels[i].s].name, "北辰资本") &&
		       !strcmp(x->ents[x->rels[i].o].name, "云帆科技");
	ck_assert(rel);
	zt_extraction_free(x);
	zt_doc_free(d);
}
END_TEST

START_TEST(extract_filing_and_release)
{
	const char *text =
		"1. 示例市网信办发布已备案生成式人工智能服务名单\n\n"
		"发布日期：2031 年 4 月 2 日\n\n"
		"摘要：\n\n"
		"示例市网信办 4 月 1 日发布了名单，新增模型包括示例科技有限公司的“青松”、云帆科技有限公司的“白鹭”等。\n\n"
		"2. 云帆科技发布新模型 Heron-2\n\n"
		"发布日期：2031 年 4 月 9 日\n\n"
		"摘要：\n\n"
		"4 月 8 日，云帆科技发布了多模态模型 Heron-2。\n";
	zt_doc *d;
	zt_extraction *x;
	ck_assert_int_eq(zt_read_monthly(text, strlen(text), 0, &d), ZT_OK);
	ck_assert_int_eq(zt_extract(&ctx, d, &x), ZT_OK);
	const zt_x_event *e1 = event_of(x, 1);
	ck_assert_str_eq(e1->type, "RegulatoryAction");
	ck_assert_str_eq(fact(x, e1, "object", 0), "青松");
	ck_assert_str_eq(fact(x, e1, "object", 1), "白鹭");
	ck_assert_str_eq(type_of(x, "青松"), "Model");
	const zt_x_event *e2 = event_of(x, 2);
	ck_assert_str_eq(e2->type, "Release");
	ck_assert_str_eq(fact(x, e2, "actor", 0), "云帆科技");
	ck_assert_str_eq(fact(x, e2, "object", 0), "Heron-2");
	ck_assert_str_eq(type_of(x, "Heron-2"), "Model");
	int dev = 0;
	for (size_t i = 0; i < x->nrels; i++)
		dev |= !strcmp(x->rels[i].pred, "developer") && !strcmp(x->ents[x->rels[i].s].name, "Heron-2");
	ck_assert(dev);
	zt_extraction_free(x);
	zt_doc_free(d);
}
END_TEST

START_TEST(extract_digest_and_report)
{
	zt_doc *d;
	zt_extraction *x;
	char day[16];
	ck_assert_int_eq(zt_read_digest(DIGEST, strlen(DIGEST), &d), ZT_OK);
	ck_assert_int_eq(zt_extract(&ctx, d, &x), ZT_OK);
	ck_assert_uint_eq(x->nevents, 3);
	const zt_x_event *e1 = event_of(x, 1);
	ck_assert_str_eq(e1->type, "FundingRound");
	zt_date_format(&e1->date, day);
	ck_assert_str_eq(day, "2031-03-02");   /* the month and day take the record's year */
	ck_assert_str_eq(fact(x, e1, "amount", 0), "100000000 CNY");
	ck_assert_str_eq(fact(x, e1, "round", 0), "A");
	const zt_x_event *e2 = event_of(x, 2);
	ck_assert_str_eq(fact(x, e2, "round", 0), "Angel");
	zt_date_format(&e2->date, day);
	ck_assert_str_eq(day, "2031-03-05");   /* no date in the story: the record's */
	zt_extraction_free(x);
	zt_doc_free(d);

	ck_assert_int_eq(zt_read_report(REPORT, strlen(REPORT), &d), ZT_OK);
	ck_assert_int_eq(zt_extract(&ctx, d, &x), ZT_OK);
	ck_assert_uint_eq(x->nevents, 2);
	const zt_x_event *r = &x->events[0];
	ck_assert_str_eq(r->type, "FundingRound");
	zt_date_format(&r->date, day);
	ck_assert_str_eq(day, "2030-03");
	ck_assert_str_eq(fact(x, r, "investee", 0), "Orion AI");
	ck_assert_str_eq(fact(x, r, "amount", 0), "120000000 USD");
	ck_assert_str_eq(fact(x, r, "round", 0), "B");
	ck_assert_str_eq(fact(x, r, "investor", 0), "Alpha Capital");
	ck_assert_str_eq(fact(x, r, "investor", 1), "Beta Ventures");
	ck_assert_ptr_null(fact(x, r, "investor", 2));
	ck_assert_str_eq(type_of(x, "Jane Doe"), "Person");
	zt_extraction_free(x);
	zt_doc_free(d);
}
END_TEST

/* Unknown names typed by their own ending and their context. */
START_TEST(extract_typing_context)
{
	const char *text =
		"1. 欧盟理事会通过《示例数据法》\n\n"
		"发布日期：2031 年 5 月 2 日\n\n"
		"摘要：\n\n"
		"5 月 1 日，欧盟理事会通过了《示例数据法》。\n\n"
		"2. 国际示例理事会通过《示例海洋公约》\n\n"
		"发布日期：2031 年 5 月 3 日\n\n"
		"摘要：\n\n"
		"5 月 2 日，国际示例理事会通过了《示例海洋公约》。\n\n"
		"3. 示例市科学技术委员会印发《示例市算力指南》\n\n"
		"发布日期：2031 年 5 月 4 日\n\n"
		"摘要：\n\n"
		"5 月 3 日，示例市科学技术委员会印发了《示例市算力指南》。\n\n"
		"4. 云帆科技发布视频平台\n\n"
		"发布日期：2031 年 5 月 5 日\n\n"
		"摘要：\n\n"
		"5 月 4 日，云帆科技发布了视频生成平台“云帆创作平台”和大模型“青松大模型”。\n\n"
		"5. 星桥智能发布 Heron-3 模型，完成 5 亿元 B 轮融资\n\n"
		"发布日期：2031 年 5 月 6 日\n\n"
		"摘要：\n\n"
		"5 月 5 日，星桥智能发布 Heron-3 模型，同时宣布完成 5 亿元 B 轮融资，由北辰资本领投。\n\n"
		"6. 星桥智能完成 6 亿元 C 轮融资，此前曾发布 Heron-2 模型\n\n"
		"发布日期：2031 年 5 月 7 日\n\n"
		"摘要：\n\n"
		"5 月 6 日，星桥智能宣布完成 6 亿元 C 轮融资。Kestrel Labs、Orion 、Vela Robotics等公司也已跟进，Heron 公司则推出了类似产品。\n";
	zt_doc *d;
	zt_extraction *x;
	ck_assert_int_eq(zt_read_monthly(text, strlen(text), 0, &d), ZT_OK);
	ck_assert_int_eq(zt_extract(&ctx, d, &x), ZT_OK);
	/* a council named by its polity alone legislates; others are international bodies */
	ck_assert_str_eq(type_of(x, "欧盟理事会"), "Legislature");
	ck_assert_str_eq(type_of(x, "国际示例理事会"), "IntlOrg");
	/* a city's science and technology commission is an agency, not a standards committee */
	ck_assert_str_eq(type_of(x, "示例市科学技术委员会"), "Agency");
	/* a quoted name's own ending outweighs the descriptor before it */
	ck_assert_str_eq(type_of(x, "云帆创作平台"), "Product");
	ck_assert_str_eq(type_of(x, "青松大模型"), "Model");
	/* a headline of two pieces of news: one event of both kinds, with the
	 * release's object and the round's facts */
	const zt_x_event *e5 = event_of(x, 5);
	ck_assert_str_eq(e5->type, "FundingRound");
	ck_assert_ptr_nonnull(e5->also);
	ck_assert_str_eq(e5->also, "Release");
	ck_assert_str_eq(fact(x, e5, "object", 0), "Heron-3");
	ck_assert_str_eq(fact(x, e5, "round", 0), "B");
	ck_assert_str_eq(fact(x, e5, "investee", 0), "星桥智能");
	/* a release told as background (此前曾发布) is not this item's news */
	const zt_x_event *e6 = event_of(x, 6);
	ck_assert_str_eq(e6->type, "FundingRound");
	ck_assert_ptr_null(e6->also);
	/* Latin names before 公司 / 等公司 (the whole list) are companies */
	ck_assert_str_eq(type_of(x, "Heron"), "Company");
	ck_assert_str_eq(type_of(x, "Orion"), "Company");
	ck_assert_str_eq(type_of(x, "Vela Robotics"), "Company");
	ck_assert_ptr_nonnull(type_of(x, "Kestrel Labs"));
	zt_extraction_free(x);
	zt_doc_free(d);
}
END_TEST

/* The facts as N-Quads: IRIs, literals and graph fragments of conventions.md. */
START_TEST(preview_nquads)
{
	zt_importer *imp;
	zt_error err;
	ck_assert_int_eq(zt_importer_new(&imp, &err), ZT_OK);
	char *nq = NULL, *listing = NULL;
	ck_assert_int_eq(zt_import_preview(imp, "2031-02-test", MONTHLY, strlen(MONTHLY), 0, &nq, &listing, &err), ZT_OK);
	ck_assert_ptr_nonnull(strstr(nq, "<urn:zhitu:ev:2031-02-test/3/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
	                                 "<urn:zhitu:type:FundingRound> <urn:zhitu:source:2031-02-test#i=3;t=2031-02-24..2031-02-24> ."));
	ck_assert_ptr_nonnull(strstr(nq, "<urn:zhitu:p:amount> \"300000000 CNY\""));
	ck_assert_ptr_nonnull(strstr(nq, "<urn:zhitu:p:date> \"2031-02-24\"^^<http://www.w3.org/2001/XMLSchema#date>"));
	ck_assert_ptr_nonnull(strstr(nq, "<urn:zhitu:e:org/云帆科技> <http://www.w3.org/2000/01/rdf-schema#label> \"云帆科技\"@zh"));
	ck_assert_ptr_nonnull(strstr(nq, "<urn:zhitu:source:2031-02-test> <urn:zhitu:p:published> \"2031-02-28\""));
	ck_assert_ptr_nonnull(strstr(listing, "event 3/1 FundingRound 2031-02-24"));
	free(nq);
	free(listing);
	zt_importer_free(imp);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 30);
	tcase_add_test(t, tidy_and_squash);
	tcase_add_test(t, encodings);
	tcase_add_test(t, layouts);
	tcase_add_test(t, monthly_reader);
	tcase_add_test(t, pdf_reader);
	tcase_add_test(t, digest_reader);
	tcase_add_test(t, report_reader);
	tcase_add_test(t, rules_file);
	tcase_add_test(t, extract_monthly);
	tcase_add_test(t, extract_filing_and_release);
	tcase_add_test(t, extract_digest_and_report);
	tcase_add_test(t, extract_typing_context);
	tcase_add_test(t, preview_nquads);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? 1 : 0;
}
