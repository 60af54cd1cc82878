/* test_gazetteer.c — the gazetteer and topic tables (import/gazetteer.h)
 * and the scanner under them (import/acscan.h): parse errors with their
 * places, lookup through aliases, width and case, leftmost-longest scans
 * with Latin word boundaries and offsets into the original text (checked
 * against a brute-force reference on random text), topic counts, and the
 * shipped data files. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/acscan.h"
#include "import/gazetteer.h"
#include "store/norm.h"

/* ---- helpers ---------------------------------------------------------- */

static zt_gazetteer *parse_ok(const char *text)
{
	zt_gazetteer *g = NULL;
	zt_error err = { 0 };
	zt_status st = zt_gazetteer_parse(text, strlen(text), "t.tsv", &g, &err);
	ck_assert_msg(st == ZT_OK, "parse failed: %s", err.msg);
	ck_assert_ptr_nonnull(g);
	return g;
}

/* Parse must fail with `want` status, at line `line`, with a message
 * containing `needle`. */
static void parse_bad(const char *text, zt_status want, int line, const char *needle)
{
	zt_gazetteer *g = (zt_gazetteer *)1;
	zt_error err = { 0 };
	zt_status st = zt_gazetteer_parse(text, strlen(text), "t.tsv", &g, &err);
	ck_assert_msg(st == want, "status %d, want %d (%s)", st, want, err.msg);
	ck_assert_ptr_null(g);
	ck_assert_int_eq(err.line, line);
	ck_assert_msg(strstr(err.msg, needle) != NULL, "message '%s' lacks '%s'", err.msg, needle);
	char prefix[32];
	snprintf(prefix, sizeof prefix, "t.tsv:%d:", line);
	ck_assert_msg(strncmp(err.msg, prefix, strlen(prefix)) == 0, "message '%s' lacks '%s'",
	              err.msg, prefix);
}

/* Scan results rendered as "text=entry;…" for compact comparisons. */
struct collect {
	const char *text;
	char out[4096];
	size_t n;
	int stop_after;
	int count;
};

static int collect_cb(void *ctx, const zt_gaz_entry *e, size_t start, size_t end)
{
	struct collect *c = ctx;
	c->n += (size_t)snprintf(c->out + c->n, sizeof c->out - c->n, "%.*s=%s;", (int)(end - start),
	                         c->text + start, e->name);
	c->count++;
	return c->stop_after && c->count >= c->stop_after;
}

static const char *scan(const zt_gazetteer *g, const char *text, struct collect *c)
{
	memset(c, 0, sizeof *c);
	c->text = text;
	ck_assert_int_eq(zt_gazetteer_scan(g, text, strlen(text), collect_cb, c), ZT_OK);
	return c->out;
}

static const char *small_gaz =
	"# a comment, then a blank line\n"
	"\n"
	"美国\tCountry\tUSA|United States|~US\n"
	"美国商务部\tAgency\t美商务部|U.S. Department of Commerce\t美国\t美国\n"
	"美国商务部工业与安全局\tAgency\tBIS\t美商务部\tUSA\n"
	"欧盟\tBloc\tEU\n"
	"欧盟委员会\tAgency\t欧委会|European Commission\t欧盟\t欧盟\n"
	"欧盟人工智能办公室\tAgency\tEU AI Office|~人工智能办公室\t欧委会\t欧盟\n"
	"欧洲理事会\tIntlOrg\tCouncil of Europe\n"
	"OpenAI\tCompany\tOpen AI\n"
	"Meta\tCompany\tMeta Platforms\n"
	"AI Corp\tCompany\tAI\n"
	"GPT-4\tModel\tGPT4\n"
	"GPT-4o\tModel\n"
	"小米\tCompany\tXiaomi\n"
	"小米\tModel\t~小米大模型\n"
	"~Benchmark\tInvestor\tBenchmark Capital\n"
	"  Sam Altman \tPerson\t 山姆·奥特曼 | Altman \n";

/* ---- parsing ---------------------------------------------------------- */

START_TEST(parse_small)
{
	zt_gazetteer *g = parse_ok(small_gaz);
	ck_assert_uint_eq(zt_gazetteer_count(g), 16);
	const zt_gaz_entry *e = zt_gazetteer_entry(g, 1);
	ck_assert_str_eq(e->name, "美国商务部");
	ck_assert_str_eq(e->type, "Agency");
	ck_assert_uint_eq(e->naliases, 2);
	ck_assert_str_eq(e->aliases[0], "美商务部");
	ck_assert_str_eq(e->aliases[1], "U.S. Department of Commerce");
	/* Fields are trimmed; the '~' is not part of a name. */
	e = zt_gazetteer_entry(g, 15);
	ck_assert_str_eq(e->name, "Sam Altman");
	ck_assert_str_eq(e->aliases[0], "山姆·奥特曼");
	ck_assert_str_eq(e->aliases[1], "Altman");
	ck_assert_str_eq(zt_gazetteer_entry(g, 14)->name, "Benchmark");
	ck_assert_ptr_null(zt_gazetteer_entry(g, 16));
	zt_gazetteer_free(g);
	zt_gazetteer_free(NULL);
}
END_TEST

START_TEST(parse_refs_resolve_to_canonical)
{
	zt_gazetteer *g = parse_ok(small_gaz);
	/* part_of and jurisdiction may be written as aliases; the entry
	 * holds the canonical name and the resolved entry. */
	const zt_gaz_entry *bis = zt_gazetteer_get(g, "BIS", 3, NULL);
	ck_assert_ptr_nonnull(bis);
	ck_assert_str_eq(bis->part_of, "美国商务部");
	ck_assert_str_eq(bis->jurisdiction, "美国");
	const zt_gaz_entry *doc = zt_gazetteer_part_of(g, bis);
	ck_assert_str_eq(doc->name, "美国商务部");
	ck_assert_str_eq(zt_gazetteer_part_of(g, doc)->name, "美国");
	ck_assert_ptr_null(zt_gazetteer_part_of(g, zt_gazetteer_part_of(g, doc)));
	const zt_gaz_entry *office = zt_gazetteer_get(g, "EU AI Office", 12, NULL);
	ck_assert_str_eq(office->part_of, "欧盟委员会");
	ck_assert_str_eq(zt_gazetteer_jurisdiction(g, office)->name, "欧盟");
	ck_assert_ptr_null(zt_gazetteer_part_of(g, zt_gazetteer_get(g, "Council of Europe", 17, NULL)));
	ck_assert(zt_gazetteer_is_a(g, "Agency", "Regulator"));
	ck_assert(zt_gazetteer_is_a(g, "Agency", "Agency"));
	ck_assert(!zt_gazetteer_is_a(g, "Court", "Regulator"));
	ck_assert(!zt_gazetteer_is_a(g, "Nope", "Entity"));
	zt_gazetteer_free(g);
}
END_TEST

START_TEST(parse_errors)
{
	parse_bad("A\tCompany\nX\tAgncy\n", ZT_ERR_SYNTAX, 2, "unknown type 'Agncy' (did you mean 'Agency'?)");
	parse_bad("X\tSpaceship\n", ZT_ERR_SYNTAX, 1, "unknown type 'Spaceship'");
	/* the column is counted in characters: 北京 is two */
	zt_error err = { 0 };
	zt_gazetteer *g = NULL;
	const char *t = "北京\tRegon\n";
	ck_assert_int_eq(zt_gazetteer_parse(t, strlen(t), "t.tsv", &g, &err), ZT_ERR_SYNTAX);
	ck_assert_int_eq(err.column, 4);
	ck_assert_str_eq(err.msg, "t.tsv:1:4: unknown type 'Regon' (did you mean 'Region'?)");
	parse_bad("A\tCompany\n\n# c\nB\tAgency\t\tNowhere\n", ZT_ERR_SYNTAX, 4,
	          "part_of 'Nowhere' of 'B' names no entry");
	parse_bad("A\tCompany\t\t\tA\n", ZT_ERR_TYPE, 1, "jurisdiction 'A' of 'A' is a Company");
	parse_bad("P\tPerson\nA\tCompany\t\tP\n", ZT_ERR_TYPE, 2, "expected an Organization or a Jurisdiction");
	parse_bad("A\tRegion\t\tB\nB\tRegion\t\tA\n", ZT_ERR_SYNTAX, 1, "leads back to itself");
	parse_bad("A\tRegion\t\tA\n", ZT_ERR_SYNTAX, 1, "part_of of itself");
	parse_bad("A\tCompany\tx\ty\tz\tw\n", ZT_ERR_SYNTAX, 1, "too many columns");
	parse_bad("OnlyName\n", ZT_ERR_SYNTAX, 1, "at least a name and a type");
	parse_bad("\tCompany\n", ZT_ERR_SYNTAX, 1, "empty name");
	parse_bad("“”\tCompany\n", ZT_ERR_SYNTAX, 1, "empty once spaces and quoting marks are removed");
	parse_bad("E\tRelease\n", ZT_ERR_SYNTAX, 1, "cannot be a gazetteer entry");
	parse_bad("T\tTopic\n", ZT_ERR_SYNTAX, 1, "cannot be a gazetteer entry");
	parse_bad("OpenAI\tCompany\nx\tPerson\nOpen AI\tCompany\n", ZT_ERR_SYNTAX, 3,
	          "duplicate entry 'Open AI' (Company), first on line 1");
	parse_bad("美国商务部\tAgency\t商务部\n中国商务部\tAgency\t商务部\n", ZT_ERR_SYNTAX, 2,
	          "'商务部' also names '美国商务部' (Agency, line 1)");
	parse_bad("A\tCompany\nB\tCompany\t\xff\xfe\n", ZT_ERR_UTF8, 2, "invalid UTF-8 in column 3");
}
END_TEST

START_TEST(parse_homonyms_by_type)
{
	/* The same name for two types is allowed (小米 the company and the
	 * model); for one type it is not (above). */
	zt_gazetteer *g = parse_ok("小米\tCompany\n小米\tModel\n");
	ck_assert_str_eq(zt_gazetteer_get(g, "小米", strlen("小米"), NULL)->type, "Company");
	ck_assert_str_eq(zt_gazetteer_get(g, "小米", strlen("小米"), "Model")->type, "Model");
	ck_assert_str_eq(zt_gazetteer_get(g, "小米", strlen("小米"), "Organization")->type, "Company");
	zt_gazetteer_free(g);
}
END_TEST

/* ---- lookup ----------------------------------------------------------- */

static const char *get_name(const zt_gazetteer *g, const char *s, const char *hint)
{
	const zt_gaz_entry *e = zt_gazetteer_get(g, s, strlen(s), hint);
	return e ? e->name : "(none)";
}

START_TEST(lookup_aliases_width_case)
{
	zt_gazetteer *g = parse_ok(small_gaz);
	ck_assert_str_eq(get_name(g, "OpenAI", NULL), "OpenAI");
	ck_assert_str_eq(get_name(g, "openai", NULL), "OpenAI");
	ck_assert_str_eq(get_name(g, "Open AI", NULL), "OpenAI");
	ck_assert_str_eq(get_name(g, "ＯｐｅｎＡＩ", NULL), "OpenAI");
	ck_assert_str_eq(get_name(g, "《OpenAI》", NULL), "OpenAI");
	ck_assert_str_eq(get_name(g, "美商务部", NULL), "美国商务部");
	ck_assert_str_eq(get_name(g, "u.s. department of commerce", NULL), "美国商务部");
	ck_assert_str_eq(get_name(g, "ＥＵ", NULL), "欧盟");
	ck_assert_str_eq(get_name(g, "山姆・奥特曼", NULL), "Sam Altman");
	/* lookup-only names are found */
	ck_assert_str_eq(get_name(g, "US", NULL), "美国");
	ck_assert_str_eq(get_name(g, "人工智能办公室", NULL), "欧盟人工智能办公室");
	ck_assert_str_eq(get_name(g, "benchmark", NULL), "Benchmark");
	ck_assert_str_eq(get_name(g, "小米大模型", NULL), "小米");
	ck_assert_str_eq(zt_gazetteer_get(g, "小米大模型", strlen("小米大模型"), NULL)->type, "Model");
	/* a prefix or a longer name is not a match */
	ck_assert_str_eq(get_name(g, "Open", NULL), "(none)");
	ck_assert_str_eq(get_name(g, "OpenAI Inc", NULL), "(none)");
	ck_assert_str_eq(get_name(g, "", NULL), "(none)");
	/* a length shorter than the string */
	ck_assert_str_eq(zt_gazetteer_get(g, "美国商务部", strlen("美国"), NULL)->name, "美国");
	ck_assert_ptr_null(zt_gazetteer_get(NULL, "x", 1, NULL));
	zt_gazetteer_free(g);
}
END_TEST

START_TEST(lookup_prefers_canonical_then_file_order)
{
	/* "Apple" is the canonical name of one entry and an alias of
	 * another of a different type: the canonical one wins. */
	zt_gazetteer *g = parse_ok("Apple Music\tProduct\tApple\nApple\tCompany\n");
	ck_assert_str_eq(get_name(g, "apple", NULL), "Apple");
	ck_assert_str_eq(get_name(g, "apple", "Product"), "Apple Music");
	ck_assert_str_eq(get_name(g, "apple", "NoSuchType"), "Apple");
	zt_gazetteer_free(g);
}
END_TEST

/* ---- scanning --------------------------------------------------------- */

START_TEST(scan_leftmost_longest)
{
	zt_gazetteer *g = parse_ok(small_gaz);
	struct collect c;
	ck_assert_str_eq(scan(g, "美国商务部与美国", &c), "美国商务部=美国商务部;美国=美国;");
	ck_assert_str_eq(scan(g, "美商务部发布", &c), "美商务部=美国商务部;");
	ck_assert_str_eq(scan(g, "美国商务部工业与安全局和欧盟委员会", &c),
	                 "美国商务部工业与安全局=美国商务部工业与安全局;欧盟委员会=欧盟委员会;");
	ck_assert_str_eq(scan(g, "GPT-4o 比 GPT-4 新", &c), "GPT-4o=GPT-4o;GPT-4=GPT-4;");
	ck_assert_str_eq(scan(g, "GPT4和GPT-4", &c), "GPT4=GPT-4;GPT-4=GPT-4;");
	/* lookup-only names are not scanned */
	ck_assert_str_eq(scan(g, "US 人工智能办公室: Benchmark 领投", &c), "");
	ck_assert_str_eq(scan(g, "由 Benchmark Capital 领投", &c), "Benchmark Capital=Benchmark;");
	ck_assert_str_eq(scan(g, "小米发布", &c), "小米=小米;");
	ck_assert_str_eq(scan(g, "", &c), "");
	zt_gazetteer_free(g);
}
END_TEST

START_TEST(scan_word_boundaries)
{
	zt_gazetteer *g = parse_ok(small_gaz);
	struct collect c;
	/* "AI" (alias of AI Corp) not inside OpenAI, "Meta" not in Metadata */
	ck_assert_str_eq(scan(g, "OpenAI", &c), "OpenAI=OpenAI;");
	ck_assert_str_eq(scan(g, "Metadata and Metaverse", &c), "");
	ck_assert_str_eq(scan(g, "Meta AI", &c), "Meta=Meta;AI=AI Corp;");
	ck_assert_str_eq(scan(g, "SuperMeta", &c), "");
	ck_assert_str_eq(scan(g, "Meta2", &c), "");
	ck_assert_str_eq(scan(g, "GPT-4oo", &c), "");
	ck_assert_str_eq(scan(g, "ＸＭｅｔａ", &c), "");
	ck_assert_str_eq(scan(g, "élanMeta", &c), "");
	/* CJK and punctuation are boundaries */
	ck_assert_str_eq(scan(g, "微软与Meta的AI", &c), "Meta=Meta;AI=AI Corp;");
	ck_assert_str_eq(scan(g, "(Meta)、“OpenAI”", &c), "Meta=Meta;OpenAI=OpenAI;");
	/* CJK names need no boundary */
	ck_assert_str_eq(scan(g, "x美国y", &c), "美国=美国;");
	/* links are not mentions */
	ck_assert_str_eq(scan(g, "见 https://openai.com/meta 与 www.meta.com。OpenAI", &c),
	                 "OpenAI=OpenAI;");
	ck_assert_str_eq(scan(g, "http://x.com/美国", &c), "美国=美国;");
	zt_gazetteer_free(g);
}
END_TEST

START_TEST(scan_offsets_in_original_text)
{
	zt_gazetteer *g = parse_ok(small_gaz);
	struct collect c;
	/* full width, case, inner spaces, line breaks and quoting marks are
	 * folded away, and the reported range covers the original bytes */
	ck_assert_str_eq(scan(g, "ＯｐｅｎＡＩ、Open AI、OPENAI、openai", &c),
	                 "ＯｐｅｎＡＩ=OpenAI;Open AI=OpenAI;OPENAI=OpenAI;openai=OpenAI;");
	ck_assert_str_eq(scan(g, "由美国商\n务部发布", &c), "美国商\n务部=美国商务部;");
	ck_assert_str_eq(scan(g, "“美国”商务部", &c), "美国”商务部=美国商务部;");
	ck_assert_str_eq(scan(g, "山姆・奥特曼说", &c), "山姆・奥特曼=Sam Altman;");
	/* bad bytes match nothing and shift nothing */
	const char *bad = "x\xff美国\xe7\xbe";
	memset(&c, 0, sizeof c);
	c.text = bad;
	ck_assert_int_eq(zt_gazetteer_scan(g, bad, strlen(bad), collect_cb, &c), ZT_OK);
	ck_assert_str_eq(c.out, "美国=美国;");
	zt_gazetteer_free(g);
}
END_TEST

START_TEST(scan_callback_stops)
{
	zt_gazetteer *g = parse_ok(small_gaz);
	struct collect c;
	memset(&c, 0, sizeof c);
	const char *t = "美国 欧盟 OpenAI 美国";
	c.text = t;
	c.stop_after = 2;
	ck_assert_int_eq(zt_gazetteer_scan(g, t, strlen(t), collect_cb, &c), ZT_OK);
	ck_assert_int_eq(c.count, 2);
	ck_assert_str_eq(c.out, "美国=美国;欧盟=欧盟;");
	zt_gazetteer_free(g);
}
END_TEST

/* Brute-force reference: on folded text, the leftmost start with any
 * pattern that satisfies the boundary rule, the longest there, then on
 * from its end. */
struct refmatch {
	size_t start, end;
	uint32_t id;
};

/* The random texts hold only ASCII and CJK: a byte is part of a Latin
 * word exactly when it is an ASCII letter or digit. */
static int ascii_word(char c)
{
	unsigned char b = (unsigned char)c;
	return b < 0x80 && zt_fold_is_word(b);
}

static size_t reference_scan(const char *text, size_t len, char **pats, size_t npat,
                             struct refmatch *out, size_t max)
{
	/* fold keeping a map: text here is ASCII letters, spaces and two
	 * CJK characters, so folding is lowercase + drop spaces */
	char *f = malloc(len + 1);
	size_t *os = malloc((len + 1) * sizeof *os), *oe = malloc((len + 1) * sizeof *oe);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)text[i];
		size_t k = b < 0x80 ? 1 : 3;
		if (b != ' ')
			for (size_t j = 0; j < k; j++) {
				f[n] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : (unsigned char)text[i + j]);
				os[n] = i;
				oe[n] = i + k;
				n++;
			}
		i += k;
	}
	size_t nm = 0, pos = 0;
	while (pos < n && nm < max) {
		int found = 0;
		for (size_t s = pos; s < n && !found; s++) {
			size_t bestlen = 0;
			uint32_t bestid = 0;
			for (size_t p = 0; p < npat; p++) {
				size_t pl = strlen(pats[p]);
				if (pl <= bestlen || s + pl > n || memcmp(f + s, pats[p], pl) != 0)
					continue;
				size_t ostart = os[s], oend = oe[s + pl - 1];
				int ws = ascii_word(pats[p][0]);
				int we = ascii_word(pats[p][pl - 1]);
				if (ws && ostart > 0 && ascii_word(text[ostart - 1]))
					continue;
				if (we && oend < len && ascii_word(text[oend]))
					continue;
				bestlen = pl;
				bestid = (uint32_t)p;
			}
			if (bestlen) {
				out[nm++] = (struct refmatch){ os[s], oe[s + bestlen - 1], bestid };
				pos = s + bestlen;
				found = 1;
			}
		}
		if (!found)
			break;
	}
	free(f);
	free(os);
	free(oe);
	return nm;
}

struct gotlist {
	struct refmatch *m;
	size_t n, max;
};

static int got_cb(void *ctx, uint32_t id, size_t start, size_t end)
{
	struct gotlist *g = ctx;
	if (g->n < g->max)
		g->m[g->n] = (struct refmatch){ start, end, id };
	g->n++;
	return 0;
}

START_TEST(scan_matches_reference_on_random_text)
{
	/* Many short overlapping patterns over a tiny alphabet make every
	 * leftmost-longest and boundary decision come up often; a long text
	 * makes the scanner flush its candidate buffer many times. */
	static const char *pieces[] = { "a", "b", "ab", " ", "c", "美", "国", "A" };
	srand(12345);
	for (int round = 0; round < 40; round++) {
		zt_ac *ac = NULL;
		ck_assert_int_eq(zt_ac_new(&ac), ZT_OK);
		char *pats[24];
		size_t npat = 0;
		for (size_t p = 0; p < 24; p++) {
			char buf[64] = "";
			int len = 1 + rand() % 5;
			for (int j = 0; j < len; j++) {
				const char *pc = pieces[rand() % 8];
				if (*pc == ' ' || *pc == 'A')
					pc = "c";
				strcat(buf, pc);
			}
			if (zt_ac_find(ac, buf, strlen(buf)) != UINT32_MAX)
				continue;
			pats[npat] = strdup(buf);
			ck_assert_int_eq(zt_ac_add(ac, buf, strlen(buf), (uint32_t)npat), ZT_OK);
			npat++;
		}
		ck_assert_int_eq(zt_ac_build(ac), ZT_OK);
		size_t len = round < 35 ? 200 : 60000;
		char *text = malloc(len * 3 + 1);
		size_t tl = 0;
		while (tl < len) {
			const char *pc = pieces[rand() % 8];
			memcpy(text + tl, pc, strlen(pc));
			tl += strlen(pc);
		}
		text[tl] = '\0';
		size_t max = tl + 1;
		struct refmatch *ref = malloc(max * sizeof *ref);
		size_t nref = reference_scan(text, tl, pats, npat, ref, max);
		struct gotlist got = { malloc(max * sizeof *got.m), 0, max };
		ck_assert_int_eq(zt_ac_scan(ac, text, tl, got_cb, &got), ZT_OK);
		ck_assert_uint_eq(got.n, nref);
		for (size_t i = 0; i < nref; i++) {
			ck_assert_uint_eq(got.m[i].start, ref[i].start);
			ck_assert_uint_eq(got.m[i].end, ref[i].end);
			ck_assert_uint_eq(got.m[i].id, ref[i].id);
		}
		ck_assert(round < 35 || nref > 1000);
		for (size_t p = 0; p < npat; p++)
			free(pats[p]);
		free(ref);
		free(got.m);
		free(text);
		zt_ac_free(ac);
	}
}
END_TEST

START_TEST(fold_agrees_with_norm)
{
	static const char *samples[] = {
		"Open AI", "ＯｐｅｎＡＩ", "《生成式人工智能服务管理暂行办法》", "“深度求索”",
		"欧盟 人工智能法（AI Act）", "「文心一言」『x』", "Jean·Dupont", "山田・太郎", "ﾃｽﾄ",
		"Straße", "ΑΒΓ", "Ⅻ", "①②", "ﬁnance", "한국어", "\xf0\x9d\x90\x80" /* 𝐀 */,
		"tab\there\nand\r\nnewline\xe3\x80\x80ideographic space", "ＧＰＴ－４ｏ",
	};
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		char *a = NULL, *b = NULL;
		size_t na, nb;
		ck_assert_int_eq(zt_fold(samples[i], strlen(samples[i]), &a, &na), ZT_OK);
		ck_assert_int_eq(zt_norm(samples[i], strlen(samples[i]), &b, &nb), ZT_OK);
		ck_assert_msg(na == nb && memcmp(a, b, na) == 0, "fold '%s' = '%s', norm = '%s'",
		              samples[i], a, b);
		free(a);
		free(b);
	}
}
END_TEST

/* ---- topics ----------------------------------------------------------- */

struct tcollect {
	char out[512];
	size_t n;
};

static int topic_cb(void *ctx, const char *topic, unsigned hits)
{
	struct tcollect *c = ctx;
	c->n += (size_t)snprintf(c->out + c->n, sizeof c->out - c->n, "%s:%u;", topic, hits);
	return 0;
}

static const char *tscan(const zt_topics *t, const char *text, struct tcollect *c)
{
	memset(c, 0, sizeof *c);
	ck_assert_int_eq(zt_topics_scan(t, text, strlen(text), topic_cb, c), ZT_OK);
	return c->out;
}

static const char *small_topics =
	"# name\tzh\taliases\tkeywords\n"
	"FoundationModel\t基础模型\t大模型|LLM\t大模型|基础模型|LLM|GPT-4\n"
	"Finance\t金融\tfinance\t金融|银行|bank|!金融时报|!World Bank\n"
	"Compute\t算力\t\t算力|芯片|GPU|GPUs|大模型算力\n";

START_TEST(topics_scan_counts)
{
	zt_topics *t = NULL;
	zt_error err = { 0 };
	ck_assert_int_eq(zt_topics_parse(small_topics, strlen(small_topics), "t", &t, &err), ZT_OK);
	ck_assert_uint_eq(zt_topics_count(t), 3);
	ck_assert_str_eq(zt_topics_name(t, 1), "Finance");
	ck_assert_ptr_null(zt_topics_name(t, 3));
	struct tcollect c;
	ck_assert_str_eq(tscan(t, "大模型和基础模型，LLM 与 ＬＬＭ", &c), "FoundationModel:4;");
	/* once per topic, in file order, whatever the text order */
	ck_assert_str_eq(tscan(t, "银行采购芯片训练大模型", &c), "FoundationModel:1;Finance:1;Compute:1;");
	/* a longer keyword hides the shorter ones inside it */
	ck_assert_str_eq(tscan(t, "大模型算力", &c), "Compute:1;");
	/* stop phrases count for nothing and hide what they contain */
	ck_assert_str_eq(tscan(t, "据《金融时报》报道, World Bank", &c), "");
	ck_assert_str_eq(tscan(t, "金融时报谈金融", &c), "Finance:1;");
	/* Latin keywords are whole words */
	ck_assert_str_eq(tscan(t, "GPT-4o uses GPUs; LLMs; banking", &c), "Compute:1;");
	ck_assert_str_eq(tscan(t, "nothing here", &c), "");
	zt_topics_free(t);
	zt_topics_free(NULL);
}
END_TEST

START_TEST(topics_shared_keyword)
{
	const char *tt = "A\ta\t\tshared|onlya\nB\tb\t\tshared\n";
	zt_topics *t = NULL;
	zt_error err = { 0 };
	ck_assert_int_eq(zt_topics_parse(tt, strlen(tt), "t", &t, &err), ZT_OK);
	struct tcollect c;
	ck_assert_str_eq(tscan(t, "shared shared onlya", &c), "A:3;B:2;");
	zt_topics_free(t);
}
END_TEST

static void topics_bad(const char *text, int line, const char *needle)
{
	zt_topics *t = (zt_topics *)1;
	zt_error err = { 0 };
	ck_assert_int_eq(zt_topics_parse(text, strlen(text), "topics.tsv", &t, &err), ZT_ERR_SYNTAX);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(err.line, line);
	ck_assert_msg(strstr(err.msg, needle) != NULL, "message '%s' lacks '%s'", err.msg, needle);
}

START_TEST(topics_errors)
{
	topics_bad("A\ta\t\tx\nFoundation Model\tz\t\tk\n", 2, "must be a word of Latin letters");
	topics_bad("A\ta\t\tx\n\na\tb\t\ty\n", 3, "duplicate topic 'A'");
	topics_bad("A\ta\n", 1, "has no keywords");
	topics_bad("A\ta\t\tx|“”\n", 1, "keyword '“”' is empty");
	topics_bad("A\ta\t\tx\ty\n", 1, "too many columns");
}
END_TEST

/* ---- the shipped data ------------------------------------------------- */

static const zt_gaz_entry *must(const zt_gazetteer *g, const char *name, const char *type)
{
	const zt_gaz_entry *e = zt_gazetteer_get(g, name, strlen(name), type);
	ck_assert_msg(e != NULL, "gazetteer lacks '%s'", name);
	ck_assert_msg(strcmp(e->type, type) == 0, "'%s' is a %s, want %s", name, e->type, type);
	return e;
}

/* Whether `name` reaches `ancestor` through part_of. */
static int part_of_chain(const zt_gazetteer *g, const char *name, const char *ancestor)
{
	const zt_gaz_entry *e = zt_gazetteer_get(g, name, strlen(name), NULL);
	for (int guard = 0; e && guard < 32; guard++) {
		e = zt_gazetteer_part_of(g, e);
		if (e && strcmp(e->name, ancestor) == 0)
			return 1;
	}
	return 0;
}

START_TEST(default_gazetteer)
{
	zt_gazetteer *g = NULL;
	zt_error err = { 0 };
	ck_assert_msg(zt_gazetteer_default(&g, &err) == ZT_OK, "%s", err.msg);
	ck_assert_uint_gt(zt_gazetteer_count(g), 800);
	must(g, "中国", "Country");
	must(g, "欧盟", "Bloc");
	must(g, "联合国", "Bloc");
	must(g, "加州", "Region");
	must(g, "国务院", "Government");
	must(g, "国务院办公厅", "Government");
	must(g, "国家网信办", "Agency");
	must(g, "网信北京", "Agency");
	must(g, "网信上海", "Agency");
	must(g, "美商务部", "Agency");
	must(g, "欧委会", "Agency");
	must(g, "NIST", "Agency");
	must(g, "FTC", "Agency");
	must(g, "欧洲议会", "Legislature");
	must(g, "Council of the European Union", "Legislature");
	must(g, "美国众议院外交事务委员会", "Legislature");
	must(g, "科罗拉多州立法机构", "Legislature");
	must(g, "北京互联网法院", "Court");
	must(g, "N.D. Cal.", "Court");
	must(g, "欧洲理事会", "IntlOrg");
	must(g, "Council of Europe", "IntlOrg");
	must(g, "中国信通院", "Institute");
	must(g, "Stanford HAI", "Institute");
	must(g, "OpenAI", "Company");
	must(g, "Microsoft", "Company");
	must(g, "字节跳动", "Company");
	must(g, "红杉资本", "Investor");
	must(g, "Tiger Global", "Investor");
	must(g, "Kingdom Holding", "Investor");
	must(g, "GPT-4o", "Model");
	must(g, "文心一言", "Model");
	must(g, "Copilot+ PC", "Product");
	must(g, "Sam Altman", "Person");
	must(g, "Elon Musk", "Person");
	must(g, "EU AI Act", "Law");
	/* the part_of chains the schema names */
	ck_assert(part_of_chain(g, "北京市委网信办", "北京市"));
	ck_assert(part_of_chain(g, "北京市委网信办", "中国"));
	ck_assert(part_of_chain(g, "欧盟人工智能办公室", "欧盟委员会"));
	ck_assert(part_of_chain(g, "欧盟人工智能办公室", "欧盟"));
	ck_assert(part_of_chain(g, "欧盟理事会", "欧盟"));
	ck_assert(part_of_chain(g, "加州", "美国"));
	ck_assert(part_of_chain(g, "BIS", "美国"));
	ck_assert(!part_of_chain(g, "欧洲理事会", "欧盟"));
	ck_assert(!part_of_chain(g, "中国信通院", "欧盟"));
	/* every name and alias folds exactly as zt_norm keys it, so what the
	 * scanner finds is what the store's name index holds */
	for (size_t i = 0; i < zt_gazetteer_count(g); i++) {
		const zt_gaz_entry *e = zt_gazetteer_entry(g, i);
		for (size_t k = 0; k <= e->naliases; k++) {
			const char *s = k ? e->aliases[k - 1] : e->name;
			char *a = NULL, *b = NULL;
			size_t na, nb;
			ck_assert_int_eq(zt_fold(s, strlen(s), &a, &na), ZT_OK);
			ck_assert_int_eq(zt_norm(s, strlen(s), &b, &nb), ZT_OK);
			ck_assert_msg(na == nb && memcmp(a, b, na) == 0, "'%s' folds differently", s);
			free(a);
			free(b);
		}
	}
	zt_gazetteer_free(g);
}
END_TEST

START_TEST(default_gazetteer_scan_precision)
{
	/* Common words and ambiguous abbreviations in the default data are
	 * lookup-only or guarded by word boundaries. */
	zt_gazetteer *g = NULL;
	zt_error err = { 0 };
	ck_assert_int_eq(zt_gazetteer_default(&g, &err), ZT_OK);
	struct collect c;
	ck_assert_str_eq(scan(g, "we trust us; the benchmark shows who is safe", &c), "");
	ck_assert_str_eq(scan(g, "这有道理，新方法要注意方面", &c), "");
	ck_assert_str_eq(scan(g, "AI浪潮下的曙光", &c), "");
	ck_assert_str_eq(scan(g, "Metadata 与 OpenAI", &c), "OpenAI=OpenAI;");
	ck_assert_str_eq(scan(g, "美商务部和网信北京", &c), "美商务部=美国商务部;网信北京=北京市委网信办;");
	ck_assert_str_eq(scan(g, "详见 https://mp.weixin.qq.com/s/abc", &c), "");
	zt_gazetteer_free(g);
}
END_TEST

START_TEST(default_topics)
{
	zt_topics *t = NULL;
	zt_error err = { 0 };
	ck_assert_msg(zt_topics_default(&t, &err) == ZT_OK, "%s", err.msg);
	static const char *schema[] = { "FoundationModel", "GenerativeAI", "Copyright",
		"DataGovernance", "AISafety", "ExportControl", "HighRiskAI", "Deepfake",
		"Healthcare", "Finance", "Compute", "OpenSource", "Privacy" };
	ck_assert_uint_eq(zt_topics_count(t), 13);
	for (size_t i = 0; i < 13; i++)
		ck_assert_str_eq(zt_topics_name(t, i), schema[i]);
	struct tcollect c;
	ck_assert_str_eq(tscan(t, "美国拟限制开源大模型出口管制", &c),
	                 "FoundationModel:1;ExportControl:1;OpenSource:1;");
	ck_assert_str_eq(tscan(t, "据《金融时报》报道，该公司支付了一笔费用", &c), "");
	ck_assert_str_eq(tscan(t, "北京互联网法院审理 AI 生成图片著作权案", &c),
	                 "GenerativeAI:1;Copyright:1;");
	zt_topics_free(t);
}
END_TEST

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	Suite *s = suite_create("gazetteer");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, parse_small);
	tcase_add_test(tc, parse_refs_resolve_to_canonical);
	tcase_add_test(tc, parse_errors);
	tcase_add_test(tc, parse_homonyms_by_type);
	tcase_add_test(tc, lookup_aliases_width_case);
	tcase_add_test(tc, lookup_prefers_canonical_then_file_order);
	tcase_add_test(tc, scan_leftmost_longest);
	tcase_add_test(tc, scan_word_boundaries);
	tcase_add_test(tc, scan_offsets_in_original_text);
	tcase_add_test(tc, scan_callback_stops);
	tcase_add_test(tc, scan_matches_reference_on_random_text);
	tcase_add_test(tc, fold_agrees_with_norm);
	tcase_add_test(tc, topics_scan_counts);
	tcase_add_test(tc, topics_shared_keyword);
	tcase_add_test(tc, topics_errors);
	tcase_add_test(tc, default_gazetteer);
	tcase_add_test(tc, default_gazetteer_scan_precision);
	tcase_add_test(tc, default_topics);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
