/* gen.c — deterministic generators for `make bench`.
 *
 *   gen graph N SEED OUT.nt PARAMS.tsv
 *       A realistic zhitu-shaped graph of about N triples as N-Triples
 *       (the conventions' IRIs), and the questions every engine answers
 *       on it (PARAMS.tsv, one `key<TAB>value...` line each), with the
 *       answers the generator knows (`expect_*` lines) so that the harness
 *       can check the engines against the data as well as each other.
 *
 *   gen replicate SAMPLE.txt SEED OUTDIR MB
 *       Copies of a newsletter issue with shifted dates, varied model
 *       names and links, until OUTDIR holds at least MB megabytes, so that
 *       an importer cannot skip them as duplicates.
 *
 * Shape of the graph: entities of the schema's types with Chinese labels
 * and English aliases (or the reverse for models and products), a few
 * homonyms on purpose; `part_of` trees over organizations and
 * jurisdictions up to 6 levels deep, with a cycle through the biggest
 * root; events of the Event subtypes dated 2015–2026 (more in later
 * years), whose actors, objects and investors are drawn with a power law
 * so that a few nodes are hubs.  Same N and SEED give the same bytes.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------ utilities */

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

/* xoshiro256** seeded by splitmix64: fast, and the same stream on every
 * platform (only integer arithmetic until urand). */
typedef struct rng { uint64_t s[4]; } rng;

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next64(rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
	s[2] ^= t; s[3] = rotl(s[3], 45);
	return res;
}

static double urand(rng *r) { return (double)(next64(r) >> 11) * 0x1.0p-53; }
static uint32_t below(rng *r, uint32_t n) { return (uint32_t)(((next64(r) >> 32) * (uint64_t)n) >> 32); }

/* A rank in [0, n) with P(rank < k) = (k/n)^(1/alpha): the density falls
 * as a power of the rank, so rank 0 is a hub and most ranks are rare. */
static uint32_t powlaw(rng *r, uint32_t n, double alpha)
{
	uint32_t k = (uint32_t)(n * pow(urand(r), alpha));
	return k < n ? k : n - 1;
}

/* A growable byte buffer. */
typedef struct buf { char *p; size_t n, cap; } buf;

static void buf_put(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}
static void buf_printf(buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp)
		die("internal: formatted text too long");
	buf_put(b, tmp, (size_t)n);
}

/* A string -> count table (FNV-1a, open addressing) used to make IRI keys
 * unique and to find names whose normalized key is unique. */
typedef struct strtab { char **k; uint32_t *v; size_t cap, n; } strtab;

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static uint32_t *strtab_slot(strtab *t, const char *s)
{
	if (t->n * 2 >= t->cap) {
		strtab old = *t;
		t->cap = old.cap ? old.cap * 2 : 1024;
		t->k = calloc(t->cap, sizeof *t->k);
		t->v = calloc(t->cap, sizeof *t->v);
		if (!t->k || !t->v)
			die("out of memory");
		t->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.k[i]) {
				size_t j = fnv(old.k[i], strlen(old.k[i])) & (t->cap - 1);
				while (t->k[j])
					j = (j + 1) & (t->cap - 1);
				t->k[j] = old.k[i];
				t->v[j] = old.v[i];
				t->n++;
			}
		free(old.k);
		free(old.v);
	}
	size_t j = fnv(s, strlen(s)) & (t->cap - 1);
	while (t->k[j] && strcmp(t->k[j], s) != 0)
		j = (j + 1) & (t->cap - 1);
	if (!t->k[j]) {
		t->k[j] = strdup(s);
		if (!t->k[j])
			die("out of memory");
		t->n++;
	}
	return &t->v[j];
}

static void strtab_free(strtab *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->k[i]);
	free(t->k);
	free(t->v);
}

/* The name key zt_norm gives for the names generated here: they are
 * Chinese (unchanged by NFKC and case folding) or ASCII letters, digits,
 * '-' and spaces, so lower-casing and dropping spaces is the whole rule. */
static void simple_key(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++) {
		if (*s == ' ')
			continue;
		out[n++] = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
	}
	out[n] = 0;
}

/* -------------------------------------------------------------- names */

/* Characters for Chinese cores with a romanization for the English form. */
static const struct { const char *zh, *py; } syl[] = {
	{"华","Hua"},{"智","Zhi"},{"云","Yun"},{"星","Xing"},{"海","Hai"},{"天","Tian"},{"博","Bo"},{"启","Qi"},
	{"元","Yuan"},{"深","Shen"},{"度","Du"},{"灵","Ling"},{"思","Si"},{"源","Yuan"},{"新","Xin"},{"明","Ming"},
	{"腾","Teng"},{"讯","Xun"},{"百","Bai"},{"川","Chuan"},{"商","Shang"},{"汤","Tang"},{"旷","Kuang"},{"视","Shi"},
	{"月","Yue"},{"光","Guang"},{"字","Zi"},{"节","Jie"},{"盛","Sheng"},{"阿","A"},{"里","Li"},{"京","Jing"},
	{"东","Dong"},{"南","Nan"},{"西","Xi"},{"北","Bei"},{"中","Zhong"},{"国","Guo"},{"信","Xin"},{"通","Tong"},
	{"联","Lian"},{"网","Wang"},{"数","Shu"},{"据","Ju"},{"算","Suan"},{"力","Li"},{"芯","Xin"},{"片","Pian"},
	{"飞","Fei"},{"桨","Jiang"},{"昇","Sheng"},{"腾","Teng"},{"鸿","Hong"},{"蒙","Meng"},{"盘","Pan"},{"古","Gu"},
	{"讯","Xun"},{"飞","Fei"},{"科","Ke"},{"大","Da"},{"讯","Xun"},{"金","Jin"},{"山","Shan"},{"小","Xiao"},
	{"米","Mi"},{"零","Ling"},{"一","Yi"},{"万","Wan"},{"物","Wu"},{"面","Mian"},{"壁","Bi"},{"智","Zhi"},
	{"谱","Pu"},{"清","Qing"},{"言","Yan"},{"文","Wen"},{"心","Xin"},{"混","Hun"},{"豆","Dou"},{"包","Bao"},
	{"紫","Zi"},{"东","Dong"},{"太","Tai"},{"初","Chu"},{"悟","Wu"},{"道","Dao"},{"书","Shu"},{"生","Sheng"},
	{"浦","Pu"},{"江","Jiang"},{"松","Song"},{"湖","Hu"},{"鹏","Peng"},{"城","Cheng"},{"之","Zhi"},{"江","Jiang"},
	{"青","Qing"},{"岩","Yan"},{"锦","Jin"},{"程","Cheng"},{"嘉","Jia"},{"禾","He"},{"宁","Ning"},{"德","De"},
	{"时","Shi"},{"代","Dai"},{"极","Ji"},{"氪","Ke"},{"蔚","Wei"},{"来","Lai"},{"理","Li"},{"想","Xiang"},
	{"长","Chang"},{"安","An"},{"泰","Tai"},{"和","He"},{"瑞","Rui"},{"丰","Feng"},{"恒","Heng"},{"远","Yuan"},
	{"宏","Hong"},{"图","Tu"},{"鲲","Kun"},{"鹏","Peng"},{"凌","Ling"},{"霄","Xiao"},{"赤","Chi"},{"兔","Tu"},
};
#define NSYL (sizeof syl / sizeof syl[0])

static const struct { const char *zh, *py; } surnames[] = {
	{"王","Wang"},{"李","Li"},{"张","Zhang"},{"刘","Liu"},{"陈","Chen"},{"杨","Yang"},{"赵","Zhao"},{"黄","Huang"},
	{"周","Zhou"},{"吴","Wu"},{"徐","Xu"},{"孙","Sun"},{"胡","Hu"},{"朱","Zhu"},{"高","Gao"},{"林","Lin"},
	{"何","He"},{"郭","Guo"},{"马","Ma"},{"罗","Luo"},{"梁","Liang"},{"宋","Song"},{"郑","Zheng"},{"谢","Xie"},
	{"韩","Han"},{"唐","Tang"},{"冯","Feng"},{"于","Yu"},{"董","Dong"},{"萧","Xiao"},{"程","Cheng"},{"曹","Cao"},
	{"袁","Yuan"},{"邓","Deng"},{"许","Xu"},{"傅","Fu"},{"沈","Shen"},{"曾","Zeng"},{"彭","Peng"},{"吕","Lyu"},
};
#define NSUR (sizeof surnames / sizeof surnames[0])

typedef enum kind {
	K_COMPANY, K_INVESTOR, K_INSTITUTE, K_GOVERNMENT, K_AGENCY, K_LEGISLATURE, K_COURT, K_INTLORG,
	K_PERSON, K_COUNTRY, K_REGION, K_BLOC, K_LAW, K_POLICY, K_REPORT, K_MODEL, K_PRODUCT, K_NKIND
} kind;

static const struct kinfo {
	const char *type, *group;
	int weight;             /* per mille of entities */
	const char *zh[3], *en[3];  /* suffixes; English label first for models/products */
} kinds[K_NKIND] = {
	[K_COMPANY]     = {"Company", "org", 290, {"科技", "智能", "数据"}, {"Technology", "Intelligence", "Data"}},
	[K_INVESTOR]    = {"Investor", "org", 50, {"资本", "创投", "基金"}, {"Capital", "Ventures", "Fund"}},
	[K_INSTITUTE]   = {"Institute", "org", 60, {"研究院", "大学", "实验室"}, {"Institute", "University", "Lab"}},
	[K_GOVERNMENT]  = {"Government", "org", 10, {"政府", "人民政府", "国务院"}, {"Government", "Municipal Government", "State Council"}},
	[K_AGENCY]      = {"Agency", "org", 45, {"委员会", "管理局", "网信办"}, {"Commission", "Administration", "Cyberspace Office"}},
	[K_LEGISLATURE] = {"Legislature", "org", 10, {"议会", "立法会", "人大常委会"}, {"Parliament", "Legislative Council", "Standing Committee"}},
	[K_COURT]       = {"Court", "org", 10, {"法院", "互联网法院", "知识产权法院"}, {"Court", "Internet Court", "IP Court"}},
	[K_INTLORG]     = {"IntlOrg", "org", 10, {"联盟", "协会", "理事会"}, {"Alliance", "Association", "Council"}},
	[K_PERSON]      = {"Person", "person", 200, {"", "", ""}, {"", "", ""}},
	[K_COUNTRY]     = {"Country", "jur", 5, {"国", "共和国", "王国"}, {"Land", "Republic", "Kingdom"}},
	[K_REGION]      = {"Region", "jur", 30, {"省", "市", "州"}, {"Province", "City", "State"}},
	[K_BLOC]        = {"Bloc", "jur", 2, {"联盟", "共同体", "经济区"}, {"Union", "Community", "Economic Area"}},
	[K_LAW]         = {"Law", "doc", 50, {"人工智能法", "数据安全法", "算法法案"}, {"AI Act", "Data Security Law", "Algorithm Act"}},
	[K_POLICY]      = {"Policy", "doc", 70, {"管理办法", "指导意见", "实施方案"}, {"Measures", "Guidelines", "Implementation Plan"}},
	[K_REPORT]      = {"Report", "doc", 50, {"白皮书", "研究报告", "蓝皮书"}, {"White Paper", "Research Report", "Blue Book"}},
	[K_MODEL]       = {"Model", "model", 70, {"大模型", "多模态大模型", "语音大模型"}, {"LM", "VL", "Voice"}},
	[K_PRODUCT]     = {"Product", "product", 38, {"助手", "工作室", "搜索"}, {"Assistant", "Studio", "Search"}},
};

/* Which kinds sit in the part_of trees and which act in events. */
static int in_tree(kind k) { return k <= K_INTLORG || (k >= K_COUNTRY && k <= K_BLOC); }
static int is_actor(kind k) { return k <= K_BLOC; }
static int is_authority(kind k) { return k >= K_GOVERNMENT && k <= K_LEGISLATURE; }
static int is_doc(kind k) { return k >= K_LAW && k <= K_REPORT; }

typedef struct entity {
	uint8_t kind;
	uint8_t depth;          /* 1 for a tree root */
	int32_t parent;         /* part_of parent (entity index) or -1 */
	uint32_t label, alias1, alias2, iri;   /* offsets into the name arena; alias2 0 = none */
	uint8_t label_en;       /* the label is English (models, products) */
} entity;

static const char *topics[][3] = {
	{"FoundationModel", "基础模型", "foundation model"}, {"GenerativeAI", "生成式人工智能", "generative AI"},
	{"Copyright", "版权", "copyright"}, {"DataGovernance", "数据治理", "data governance"},
	{"AISafety", "人工智能安全", "AI safety"}, {"ExportControl", "出口管制", "export control"},
	{"HighRiskAI", "高风险人工智能", "high-risk AI"}, {"Deepfake", "深度伪造", "deepfake"},
	{"Healthcare", "医疗健康", "healthcare"}, {"Finance", "金融", "finance"},
	{"Compute", "算力", "compute"}, {"OpenSource", "开源", "open source"}, {"Privacy", "隐私保护", "privacy"},
};
#define NTOPIC (sizeof topics / sizeof topics[0])

static const char *event_types[] = {
	"RegulatoryAction", "CourtCase", "FundingRound", "Release", "Agreement", "CorporateAction"
};
static const int event_weights[] = { 28, 6, 18, 22, 12, 14 };   /* percent */

#define RDF_TYPE "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#define LABEL "<http://www.w3.org/2000/01/rdf-schema#label>"
#define ALT "<http://www.w3.org/2004/02/skos/core#altLabel>"
#define XSD_DATE "<http://www.w3.org/2001/XMLSchema#date>"
#define P(name) "<urn:zhitu:p:" name ">"

/* ------------------------------------------------------------- the graph */

typedef struct gen {
	rng r;
	FILE *out;
	uint64_t triples, target;
	buf names;               /* NUL-separated strings; offset 0 is "" */
	entity *ent;
	uint32_t nent;
	uint32_t *actors, nactors;   /* indexes into ent by role, in creation order */
	uint32_t *objects, nobjects;
	uint32_t *companies, ncompanies;
	uint32_t *investors, ninvestors;
	uint32_t *authorities, nauthorities;
	uint32_t *courts, ncourts;
	uint32_t *jurs, njurs;
	uint32_t *docs, ndocs;
	/* relation edges between nodes (entities 0..nent-1, events after) for
	 * the expected shortest path; part_of edges for the closures */
	uint32_t (*edges)[2];
	size_t nedges, capedges;
	uint32_t (*partof)[2];
	size_t npartof, cappartof;
	uint32_t nevents, capevents;
	uint8_t *ev_month;       /* per event: month index since 2015-01 */
	uint32_t *ev_item;       /* per event: item number within that month */
	strtab keys;             /* IRI keys in use */
	strtab namekeys;         /* normalized name -> count */
} gen;

static const char *name_at(const gen *g, uint32_t off) { return g->names.p + off; }

static uint32_t name_add(gen *g, const char *s, int is_name)
{
	uint32_t off = (uint32_t)g->names.n;
	if ((size_t)off != g->names.n)
		die("name arena over 4 GB");
	buf_put(&g->names, s, strlen(s) + 1);
	g->names.n = off + strlen(s) + 1;   /* keep the NUL inside */
	if (is_name) {
		char key[512];
		simple_key(s, key, sizeof key);
		(*strtab_slot(&g->namekeys, key))++;
	}
	return off;
}

static void push(uint32_t **arr, uint32_t *n, uint32_t v)
{
	if ((*n & (*n - 1)) == 0)
		*arr = xrealloc(*arr, sizeof **arr * (*n ? *n * 2 : 1));
	(*arr)[(*n)++] = v;
}

static void edge(gen *g, uint32_t a, uint32_t b)
{
	if (g->nedges == g->capedges) {
		g->capedges = g->capedges ? g->capedges * 2 : 4096;
		g->edges = xrealloc(g->edges, sizeof *g->edges * g->capedges);
	}
	g->edges[g->nedges][0] = a;
	g->edges[g->nedges][1] = b;
	g->nedges++;
}

static void triple(gen *g, const char *s, const char *p, const char *o)
{
	fputs(s, g->out); fputc(' ', g->out);
	fputs(p, g->out); fputc(' ', g->out);
	fputs(o, g->out); fputs(" .\n", g->out);
	g->triples++;
}

static void lit(char *dst, size_t cap, const char *text, const char *lang)
{
	if (lang)
		snprintf(dst, cap, "\"%s\"@%s", text, lang);
	else
		snprintf(dst, cap, "\"%s\"", text);
}

static int has_cjk(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xe0)
			return 1;
	return 0;
}

/* The N-Triples form of entity i's IRI. */
static void ent_iri(const gen *g, uint32_t i, char *dst, size_t cap)
{
	snprintf(dst, cap, "<urn:zhitu:e:%s/%s>", kinds[g->ent[i].kind].group, name_at(g, g->ent[i].iri));
}

static void make_core(gen *g, char *zh, char *py, size_t cap)
{
	int n = urand(&g->r) < 0.55 ? 2 : 3;
	zh[0] = py[0] = 0;
	for (int i = 0; i < n; i++) {
		uint32_t k = below(&g->r, NSYL);
		strncat(zh, syl[k].zh, cap - strlen(zh) - 1);
		char lower[16];
		snprintf(lower, sizeof lower, "%s", syl[k].py);
		if (i > 0)
			lower[0] = (char)(lower[0] - 'A' + 'a');
		strncat(py, lower, cap - strlen(py) - 1);
	}
}

static void make_entity(gen *g, uint32_t idx)
{
	entity *e = &g->ent[idx];
	int w = (int)below(&g->r, 1000), acc = 0;
	kind k = K_COMPANY;
	for (int i = 0; i < K_NKIND; i++) {
		acc += kinds[i].weight;
		if (w < acc) { k = (kind)i; break; }
	}
	e->kind = (uint8_t)k;
	e->parent = -1;
	e->depth = 1;
	char zh[128], py[128], label[256], a1[256], a2[256] = "";
	if (k == K_PERSON) {
		uint32_t s = below(&g->r, NSUR);
		make_core(g, zh, py, sizeof zh);
		/* given names are one or two characters: keep the first 1–2 */
		snprintf(label, sizeof label, "%s%s", surnames[s].zh, zh);
		snprintf(a1, sizeof a1, "%s %s", surnames[s].py, py);
		e->label_en = 0;
	} else {
		make_core(g, zh, py, sizeof zh);
		uint32_t v = below(&g->r, 3);
		const struct kinfo *ki = &kinds[k];
		if (k == K_MODEL) {
			static const int sizes[] = { 1, 7, 13, 34, 70, 175 };
			int sz = sizes[below(&g->r, 6)];
			snprintf(label, sizeof label, "%s-%s-%dB", py, ki->en[v], sz);
			snprintf(a1, sizeof a1, "%s%s%dB", zh, ki->zh[v], sz);
			snprintf(a2, sizeof a2, "%s%s", zh, ki->zh[v]);   /* family name: a homonym */
			e->label_en = 1;
		} else if (k == K_PRODUCT) {
			snprintf(label, sizeof label, "%s %s", py, ki->en[v]);
			snprintf(a1, sizeof a1, "%s%s", zh, ki->zh[v]);
			e->label_en = 1;
		} else {
			snprintf(label, sizeof label, "%s%s", zh, ki->zh[v]);
			snprintf(a1, sizeof a1, "%s %s", py, ki->en[v]);
			if (urand(&g->r) < 0.3)
				snprintf(a2, sizeof a2, "%s", zh);        /* short name: shared by many */
			e->label_en = 0;
		}
	}
	e->label = name_add(g, label, 1);
	e->alias1 = name_add(g, a1, 1);
	e->alias2 = a2[0] ? name_add(g, a2, 1) : 0;

	/* The IRI key is the normalized label, made unique with a counter
	 * (the importer would keep homonyms apart by type; here the counter
	 * stands in for that). */
	char key[300], full[320];
	simple_key(label, key, sizeof key);
	for (char *c = key; *c; c++)
		if (*c == '>' || *c == '<' || *c == '"' || *c == '\\' || *c == ' ')
			*c = '_';
	snprintf(full, sizeof full, "%s/%s", kinds[k].group, key);
	uint32_t *cnt = strtab_slot(&g->keys, full);
	if (++*cnt > 1) {
		char withn[340];
		snprintf(withn, sizeof withn, "%s~%u", key, *cnt);
		e->iri = name_add(g, withn, 0);
	} else {
		e->iri = name_add(g, key, 0);
	}
	if (is_actor(k)) push(&g->actors, &g->nactors, idx);
	if (k == K_COMPANY) push(&g->companies, &g->ncompanies, idx);
	if (k == K_INVESTOR || k == K_COMPANY) push(&g->investors, &g->ninvestors, idx);
	if (is_authority(k)) push(&g->authorities, &g->nauthorities, idx);
	if (k == K_COURT) push(&g->courts, &g->ncourts, idx);
	if (k >= K_COUNTRY && k <= K_BLOC) push(&g->jurs, &g->njurs, idx);
	if (is_doc(k)) push(&g->docs, &g->ndocs, idx);
	if (is_doc(k) || k == K_MODEL || k == K_PRODUCT || k == K_COMPANY)
		push(&g->objects, &g->nobjects, idx);
}

static void add_partof(gen *g, uint32_t child, uint32_t parent)
{
	if (g->npartof == g->cappartof) {
		g->cappartof = g->cappartof ? g->cappartof * 2 : 4096;
		g->partof = xrealloc(g->partof, sizeof *g->partof * g->cappartof);
	}
	g->partof[g->npartof][0] = child;
	g->partof[g->npartof][1] = parent;
	g->npartof++;
	edge(g, child, parent);
}

/* part_of trees over the tree kinds, in creation order: a node's parent is
 * an earlier tree node drawn with a power law (so early nodes collect big
 * subtrees), moved up its ancestors until the depth stays within 6. */
static void build_trees(gen *g, uint32_t **tree_out, uint32_t *ntree_out)
{
	uint32_t *tree = NULL, ntree = 0;
	for (uint32_t i = 0; i < g->nent; i++)
		if (in_tree((kind)g->ent[i].kind))
			push(&tree, &ntree, i);
	for (uint32_t t = 1; t < ntree; t++) {
		if (urand(&g->r) >= 0.7)
			continue;
		uint32_t p = tree[powlaw(&g->r, t, 3.0)];
		while (g->ent[p].depth >= 6)
			p = (uint32_t)g->ent[p].parent;
		entity *e = &g->ent[tree[t]];
		e->parent = (int32_t)p;
		e->depth = (uint8_t)(g->ent[p].depth + 1);
		add_partof(g, tree[t], p);
	}
	*tree_out = tree;
	*ntree_out = ntree;
}

static void emit_entity(gen *g, uint32_t i)
{
	const entity *e = &g->ent[i];
	char s[400], o[400];
	ent_iri(g, i, s, sizeof s);
	snprintf(o, sizeof o, "<urn:zhitu:type:%s>", kinds[e->kind].type);
	triple(g, s, RDF_TYPE, o);
	const char *label = name_at(g, e->label);
	lit(o, sizeof o, label, has_cjk(label) ? "zh" : "en");
	triple(g, s, LABEL, o);
	const char *a1 = name_at(g, e->alias1);
	lit(o, sizeof o, a1, has_cjk(a1) ? "zh" : "en");
	triple(g, s, ALT, o);
	if (e->alias2) {
		const char *a2 = name_at(g, e->alias2);
		lit(o, sizeof o, a2, has_cjk(a2) ? "zh" : "en");
		triple(g, s, ALT, o);
	}
	if (e->parent >= 0) {
		ent_iri(g, (uint32_t)e->parent, o, sizeof o);
		triple(g, s, P("part_of"), o);
	}
}

/* Links that need the role pools (filled by make_entity): a document's
 * issuer and jurisdiction, a model's or product's developer, an
 * authority's jurisdiction. */
static void emit_entity_links(gen *g, uint32_t i)
{
	const entity *e = &g->ent[i];
	char s[400], o[400];
	ent_iri(g, i, s, sizeof s);
	kind k = (kind)e->kind;
	if (is_doc(k) && g->nauthorities) {
		uint32_t a = g->authorities[powlaw(&g->r, g->nauthorities, 2.0)];
		ent_iri(g, a, o, sizeof o);
		triple(g, s, P("issued_by"), o);
		edge(g, i, a);
		snprintf(o, sizeof o, "<urn:zhitu:topic:%s>", topics[powlaw(&g->r, NTOPIC, 1.5)][0]);
		triple(g, s, P("topic"), o);
	}
	if ((k == K_MODEL || k == K_PRODUCT) && g->ncompanies) {
		uint32_t c = g->companies[powlaw(&g->r, g->ncompanies, 2.5)];
		ent_iri(g, c, o, sizeof o);
		triple(g, s, P("developer"), o);
		triple(g, o, P("developed"), s);
		edge(g, i, c);
	}
	if ((is_authority(k) || k == K_COURT || is_doc(k)) && g->njurs) {
		uint32_t j = g->jurs[powlaw(&g->r, g->njurs, 2.0)];
		ent_iri(g, j, o, sizeof o);
		triple(g, s, P("jurisdiction"), o);
		edge(g, i, j);
	}
}

static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Up to n distinct members of pool drawn with the power law. */
static int draw_distinct(gen *g, const uint32_t *pool, uint32_t npool, double alpha, uint32_t *out, int n)
{
	int got = 0;
	for (int tries = 0; got < n && tries < n * 4; tries++) {
		uint32_t v = pool[powlaw(&g->r, npool, alpha)];
		int dup = 0;
		for (int j = 0; j < got; j++)
			dup |= out[j] == v;
		if (!dup)
			out[got++] = v;
	}
	return got;
}

static uint32_t month_items[12 * 12];

static void emit_event(gen *g, uint32_t evno)
{
	/* date: years 2015..2026 weighted 1..12 (news grows), day uniform */
	uint32_t w = below(&g->r, 78), y = 0;
	while (w >= y + 1) { w -= y + 1; y++; }
	int year = 2015 + (int)y;
	int32_t d0 = days_from_civil(year, 1, 1), d1 = days_from_civil(year + 1, 1, 1);
	int32_t day = d0 + (int32_t)below(&g->r, (uint32_t)(d1 - d0));
	int yy, mm, dd;
	civil_from_days(day, &yy, &mm, &dd);
	uint32_t mi = (uint32_t)((yy - 2015) * 12 + mm - 1);
	uint32_t item = ++month_items[mi];
	if (evno >= g->capevents) {
		g->capevents = g->capevents ? g->capevents * 2 : 4096;
		g->ev_month = xrealloc(g->ev_month, g->capevents);
		g->ev_item = xrealloc(g->ev_item, sizeof *g->ev_item * g->capevents);
	}
	g->ev_month[evno] = (uint8_t)mi;
	g->ev_item[evno] = item;

	int t = 0, tw = (int)below(&g->r, 100);
	for (int acc = 0; t < 6; t++) {
		acc += event_weights[t];
		if (tw < acc) break;
	}
	uint32_t node = g->nent + evno;
	char s[200], o[600], src[80];
	snprintf(src, sizeof src, "bench-%04d-%02d", yy, mm);
	snprintf(s, sizeof s, "<urn:zhitu:ev:%s/%u/1>", src, item);
	snprintf(o, sizeof o, "<urn:zhitu:type:%s>", event_types[t]);
	triple(g, s, RDF_TYPE, o);
	snprintf(o, sizeof o, "\"%04d-%02d-%02d\"^^" XSD_DATE, yy, mm, dd);
	triple(g, s, P("date"), o);
	snprintf(o, sizeof o, "<urn:zhitu:source:%s>", src);
	triple(g, s, P("source"), o);

	uint32_t tp[2];
	int ntp = 0, want = urand(&g->r) < 0.35 ? 2 : 1;
	for (int tries = 0; ntp < want && tries < 8; tries++) {
		uint32_t v = powlaw(&g->r, NTOPIC, 1.5);
		if (ntp == 0 || tp[0] != v)
			tp[ntp++] = v;
	}
	for (int i = 0; i < ntp; i++) {
		snprintf(o, sizeof o, "<urn:zhitu:topic:%s>", topics[tp[i]][0]);
		triple(g, s, P("topic"), o);
	}

	uint32_t act[3], obj = UINT32_MAX;
	int nact = 0;
	char ent[400];
	static const char *verbs[] = { "发布", "起诉", "完成融资", "推出", "签署合作", "宣布" };
	switch (t) {
	case 0: /* regulatory action: an authority acts on a document */
		nact = draw_distinct(g, g->authorities, g->nauthorities, 2.2, act, 1);
		if (g->ndocs)
			obj = g->docs[powlaw(&g->r, g->ndocs, 1.6)];
		break;
	case 1: { /* court case */
		uint32_t court = g->courts[powlaw(&g->r, g->ncourts, 2.0)], parties[2];
		act[nact++] = court;
		ent_iri(g, court, ent, sizeof ent);
		triple(g, s, P("court"), ent);
		edge(g, node, court);
		int np = draw_distinct(g, g->actors, g->nactors, 2.5, parties, 2);
		for (int i = 0; i < np; i++) {
			ent_iri(g, parties[i], ent, sizeof ent);
			triple(g, s, i ? P("defendant") : P("plaintiff"), ent);
			edge(g, node, parties[i]);
		}
		static const char *outcomes[] = { "filed", "dismissed", "ruled", "recommendation" };
		snprintf(o, sizeof o, "\"%s\"", outcomes[below(&g->r, 4)]);
		triple(g, s, P("outcome"), o);
		break;
	}
	case 2: { /* funding round */
		uint32_t co = g->companies[powlaw(&g->r, g->ncompanies, 2.0)], inv[3];
		act[nact++] = co;
		ent_iri(g, co, ent, sizeof ent);
		triple(g, s, P("investee"), ent);
		edge(g, node, co);
		int ni = draw_distinct(g, g->investors, g->ninvestors, 2.5, inv, 1 + (int)below(&g->r, 3));
		for (int i = 0; i < ni; i++) {
			if (inv[i] == co)
				continue;
			char ie[400];
			ent_iri(g, inv[i], ie, sizeof ie);
			if (i == 0)
				triple(g, s, P("lead_investor"), ie);
			triple(g, s, P("investor"), ie);
			triple(g, ie, P("invested_in"), ent);
			edge(g, node, inv[i]);
			edge(g, inv[i], co);
		}
		uint64_t amt = (uint64_t)(1 + below(&g->r, 999)) * 1000000ULL;
		snprintf(o, sizeof o, "\"%llu USD\"", (unsigned long long)amt);
		triple(g, s, P("amount"), o);
		static const char *rounds[] = { "Seed", "Angel", "A", "B", "C", "D", "IPO" };
		snprintf(o, sizeof o, "\"%s\"", rounds[below(&g->r, 7)]);
		triple(g, s, P("round"), o);
		break;
	}
	case 3: /* release */
		nact = draw_distinct(g, g->companies, g->ncompanies, 2.5, act, 1);
		obj = g->objects[powlaw(&g->r, g->nobjects, 1.8)];
		break;
	case 4: /* agreement */
		nact = draw_distinct(g, g->actors, g->nactors, 2.5, act, 2 + (int)below(&g->r, 2));
		break;
	default: /* corporate action */
		nact = draw_distinct(g, g->companies, g->ncompanies, 2.5, act, 1);
		break;
	}
	for (int i = 0; i < nact; i++) {
		ent_iri(g, act[i], ent, sizeof ent);
		triple(g, s, P("actor"), ent);
		edge(g, node, act[i]);
	}
	if (obj != UINT32_MAX) {
		ent_iri(g, obj, ent, sizeof ent);
		triple(g, s, P("object"), ent);
		edge(g, node, obj);
	}
	if (urand(&g->r) < 0.4 && g->njurs) {
		uint32_t j = g->jurs[powlaw(&g->r, g->njurs, 2.0)];
		ent_iri(g, j, ent, sizeof ent);
		triple(g, s, P("jurisdiction"), ent);
		edge(g, node, j);
	}
	/* The headline: the first actor's label, a verb, the object's label,
	 * and the item number so that no two titles are equal. */
	const char *who = nact ? name_at(g, g->ent[act[0]].label) : "";
	const char *what = obj != UINT32_MAX ? name_at(g, g->ent[obj].label) : topics[tp[0]][1];
	snprintf(o, sizeof o, "\"%s%s%s（%d年%d月第%u条）\"@zh", who, verbs[t], what, yy, mm, item);
	triple(g, s, P("title"), o);
	if (urand(&g->r) < 0.5) {
		snprintf(o, sizeof o, "\"https://news.example.org/%s/%u\"", src, item);
		triple(g, s, P("url"), o);
	}
}

/* Breadth-first search over an undirected CSR graph; dist[] gets -1 for
 * unreached.  Stops after depth `maxd`. */
static void bfs(uint32_t n, const uint64_t *off, const uint32_t *adj, uint32_t from, int maxd, int8_t *dist, uint32_t *queue)
{
	memset(dist, -1, n);
	size_t head = 0, tail = 0;
	dist[from] = 0;
	queue[tail++] = from;
	while (head < tail) {
		uint32_t u = queue[head++];
		if (dist[u] >= maxd)
			continue;
		for (uint64_t k = off[u]; k < off[u + 1]; k++)
			if (dist[adj[k]] < 0) {
				dist[adj[k]] = (int8_t)(dist[u] + 1);
				queue[tail++] = adj[k];
			}
	}
}

/* After bfs() from x: whether x reaches itself again (a cycle through x),
 * i.e. some reached node has an edge back to x.  part_of+ then holds x. */
static int on_cycle(uint32_t n, const uint64_t *off, const uint32_t *adj, const int8_t *dist, uint32_t x)
{
	for (uint32_t u = 0; u < n; u++)
		if (dist[u] >= 0)
			for (uint64_t k = off[u]; k < off[u + 1]; k++)
				if (adj[k] == x)
					return 1;
	return 0;
}

/* CSR adjacency of a list of pairs, directed (a -> b) or both ways. */
static void csr(uint32_t n, uint32_t (*pairs)[2], size_t np, int both, uint64_t **off_out, uint32_t **adj_out)
{
	uint64_t *off = calloc((size_t)n + 1, sizeof *off);
	uint32_t *adj = xmalloc(sizeof *adj * np * (both ? 2 : 1) + 1);
	if (!off)
		die("out of memory");
	for (size_t i = 0; i < np; i++) {
		off[pairs[i][0] + 1]++;
		if (both)
			off[pairs[i][1] + 1]++;
	}
	for (uint32_t i = 0; i < n; i++)
		off[i + 1] += off[i];
	uint64_t *fill = xmalloc(sizeof *fill * ((size_t)n + 1));
	memcpy(fill, off, sizeof *fill * ((size_t)n + 1));
	for (size_t i = 0; i < np; i++) {
		adj[fill[pairs[i][0]]++] = pairs[i][1];
		if (both)
			adj[fill[pairs[i][1]]++] = pairs[i][0];
	}
	free(fill);
	*off_out = off;
	*adj_out = adj;
}

static void node_iri(const gen *g, uint32_t node, char *dst, size_t cap)
{
	if (node < g->nent) {
		ent_iri(g, node, dst, cap);
	} else {
		uint32_t e = node - g->nent, m = g->ev_month[e];
		snprintf(dst, cap, "<urn:zhitu:ev:bench-%04u-%02u/%u/1>", 2015 + m / 12, m % 12 + 1, g->ev_item[e]);
	}
}

static int graph_main(int argc, char **argv)
{
	if (argc != 6)
		die("usage: gen graph N SEED OUT.nt PARAMS.tsv");
	double nd = strtod(argv[2], NULL);
	if (!(nd >= 1000 && nd <= 1e9))
		die("N must be between 1e3 and 1e9, got '%s'", argv[2]);
	gen g;
	memset(&g, 0, sizeof g);
	g.target = (uint64_t)nd;
	rng_seed(&g.r, strtoull(argv[3], NULL, 10));
	g.out = fopen(argv[4], "w");
	if (!g.out)
		die("cannot write %s: %s", argv[4], strerror(errno));
	static char obuf[1 << 20];
	setvbuf(g.out, obuf, _IOFBF, sizeof obuf);
	buf_put(&g.names, "", 1);

	/* About 5.3 triples per entity and 9.5 per event: with entities a
	 * twentieth of the target, events make up the rest. */
	g.nent = (uint32_t)(g.target / 20);
	if (g.nent < 200)
		g.nent = 200;
	g.ent = xmalloc(sizeof *g.ent * g.nent);
	for (uint32_t i = 0; i < g.nent; i++)
		make_entity(&g, i);
	if (!g.nauthorities || !g.ncourts || !g.ncompanies || !g.njurs || !g.ndocs)
		die("too few entities to have every role; use a larger N");
	uint32_t *tree, ntree;
	build_trees(&g, &tree, &ntree);

	/* The vocabulary the graph uses beyond the schema: topics and sources. */
	char s[400], o[400];
	for (size_t t = 0; t < NTOPIC; t++) {
		snprintf(s, sizeof s, "<urn:zhitu:topic:%s>", topics[t][0]);
		triple(&g, s, RDF_TYPE, "<urn:zhitu:type:Topic>");
		lit(o, sizeof o, topics[t][1], "zh");
		triple(&g, s, LABEL, o);
		lit(o, sizeof o, topics[t][2], "en");
		triple(&g, s, ALT, o);
	}
	for (int y = 2015; y <= 2026; y++)
		for (int m = 1; m <= 12; m++) {
			snprintf(s, sizeof s, "<urn:zhitu:source:bench-%04d-%02d>", y, m);
			triple(&g, s, RDF_TYPE, "<urn:zhitu:type:Source>");
			snprintf(o, sizeof o, "\"bench-%04d-%02d\"", y, m);
			triple(&g, s, LABEL, o);
			snprintf(o, sizeof o, "\"%04d-%02d-01\"^^" XSD_DATE, y, m);
			triple(&g, s, P("published"), o);
		}
	for (uint32_t i = 0; i < g.nent; i++) {
		emit_entity(&g, i);
		emit_entity_links(&g, i);
	}
	/* A cycle through the biggest tree: its root part_of its first child.
	 * Closures must stop on it. */
	uint32_t root = tree[0], child = UINT32_MAX;
	for (size_t i = 0; i < g.npartof && child == UINT32_MAX; i++)
		if (g.partof[i][1] == root)
			child = g.partof[i][0];
	if (child != UINT32_MAX) {
		ent_iri(&g, root, s, sizeof s);
		ent_iri(&g, child, o, sizeof o);
		triple(&g, s, P("part_of"), o);
		add_partof(&g, root, child);
	}
	while (g.triples < g.target)
		emit_event(&g, g.nevents++);
	if (fflush(g.out) != 0 || ferror(g.out) || fclose(g.out) != 0)
		die("writing %s failed: %s", argv[4], strerror(errno));

	/* ---- the questions and what the generator knows of their answers */
	FILE *q = fopen(argv[5], "w");
	if (!q)
		die("cannot write %s: %s", argv[5], strerror(errno));
	fprintf(q, "triples\t%llu\n", (unsigned long long)g.triples);
	fprintf(q, "entities\t%u\nevents\t%u\n", g.nent, g.nevents);

	/* point lookups: entities and events, uniformly */
	rng qr;
	rng_seed(&qr, 0x5eed);
	for (int i = 0; i < 1000; i++) {
		if (i % 2 == 0)
			node_iri(&g, below(&qr, g.nent), s, sizeof s);
		else
			node_iri(&g, g.nent + below(&qr, g.nevents), s, sizeof s);
		fprintf(q, "lookup\t%s\n", s);
	}

	/* the time-range join: a mid-popularity topic during 2024 */
	fprintf(q, "join\t<urn:zhitu:topic:%s>\t2024-01-01\t2024-12-31\n", topics[2][0]);

	/* closures: below the biggest root, above one of its deepest nodes */
	uint32_t n = g.nent;
	uint64_t *poff, *coff;
	uint32_t *padj, *cadj;
	csr(n, g.partof, g.npartof, 0, &poff, &padj);          /* child -> parents */
	uint32_t (*rev)[2] = xmalloc(sizeof *rev * (g.npartof + 1));
	for (size_t i = 0; i < g.npartof; i++) {
		rev[i][0] = g.partof[i][1];
		rev[i][1] = g.partof[i][0];
	}
	csr(n, rev, g.npartof, 0, &coff, &cadj);                /* parent -> children */
	free(rev);
	int8_t *dist = xmalloc(n + (size_t)g.nevents + 1);
	uint32_t *queue = xmalloc(sizeof *queue * (n + (size_t)g.nevents + 1));
	/* part_of+ from root downwards: nodes at distance >= 1, plus the root
	 * itself when a cycle leads back to it */
	bfs(n, coff, cadj, root, 127, dist, queue);
	uint64_t below_n = 0;
	uint32_t leaf = root;
	for (uint32_t i = 0; i < n; i++)
		if (dist[i] > 0) {
			below_n++;
			if (g.ent[i].depth > g.ent[leaf].depth)
				leaf = i;
		}
	below_n += on_cycle(n, coff, cadj, dist, root);
	ent_iri(&g, root, s, sizeof s);
	fprintf(q, "closure_down\t%s\n", s);
	fprintf(q, "expect_closure_down\t%llu\n", (unsigned long long)below_n);
	bfs(n, poff, padj, leaf, 127, dist, queue);
	uint64_t above_n = 0;
	for (uint32_t i = 0; i < n; i++)
		above_n += dist[i] > 0;
	above_n += on_cycle(n, poff, padj, dist, leaf);
	ent_iri(&g, leaf, s, sizeof s);
	fprintf(q, "closure_up\t%s\n", s);
	fprintf(q, "expect_closure_up\t%llu\n", (unsigned long long)above_n);

	/* shortest path over the relation predicates, both directions, from a
	 * low-degree entity to the first entity found at distance 4 */
	uint32_t total = n + g.nevents;
	uint64_t *eoff;
	uint32_t *eadj;
	csr(total, g.edges, g.nedges, 1, &eoff, &eadj);
	uint32_t pa = UINT32_MAX, pb = UINT32_MAX;
	int plen = -1;
	for (int tries = 0; tries < 200 && pb == UINT32_MAX; tries++) {
		uint32_t a = below(&qr, n);
		uint64_t deg = eoff[a + 1] - eoff[a];
		if (deg < 1 || deg > 8)
			continue;
		bfs(total, eoff, eadj, a, 4, (int8_t *)dist, queue);
		for (uint32_t i = 0; i < n; i++)
			if (dist[i] == 4) {
				pa = a; pb = i; plen = 4;
				break;
			}
	}
	if (pb == UINT32_MAX)
		die("no entity pair at distance 4 found; use a larger N");
	node_iri(&g, pa, s, sizeof s);
	node_iri(&g, pb, o, sizeof o);
	fprintf(q, "path\t%s\t%s\t5\n", s, o);
	fprintf(q, "expect_path\t%d\n", plen);

	/* name lookups: aliases in the other language than the label, whose
	 * normalized key belongs to one string only (so that zhitu's
	 * normalized lookup and the peers' exact match must agree) */
	int names = 0;
	for (int tries = 0; tries < 100000 && names < 200; tries++) {
		const entity *e = &g.ent[below(&qr, g.nent)];
		const char *a = name_at(&g, e->alias1);
		char key[512];
		simple_key(a, key, sizeof key);
		if (*strtab_slot(&g.namekeys, key) != 1)
			continue;
		fprintf(q, "name\t%s\t%s\n", a, has_cjk(a) ? "zh" : "en");
		names++;
	}

	/* short language queries: parents of entities whose label is unique */
	int nq = 0;
	for (int tries = 0; tries < 100000 && nq < 200; tries++) {
		uint32_t i = below(&qr, g.nent);
		const entity *e = &g.ent[i];
		if (e->parent < 0)
			continue;
		const char *l = name_at(&g, e->label);
		char key[512];
		simple_key(l, key, sizeof key);
		if (*strtab_slot(&g.namekeys, key) != 1)
			continue;
		fprintf(q, "short\t%s\n", l);
		nq++;
	}
	if (fclose(q) != 0)
		die("writing %s failed: %s", argv[5], strerror(errno));
	fprintf(stderr, "gen: %llu triples, %u entities (%u in trees), %u events, %zu part_of edges\n",
	        (unsigned long long)g.triples, g.nent, ntree, g.nevents, g.npartof);

	free(dist); free(queue); free(poff); free(padj); free(coff); free(cadj); free(eoff); free(eadj);
	free(tree); free(g.ent); free(g.ev_month); free(g.ev_item); free(g.names.p); free(g.edges); free(g.partof);
	free(g.actors); free(g.objects); free(g.companies); free(g.investors);
	free(g.authorities); free(g.courts); free(g.jurs); free(g.docs);
	strtab_free(&g.keys);
	strtab_free(&g.namekeys);
	return 0;
}

/* ----------------------------------------------------------- replicate */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot read %s: %s", path, strerror(errno));
	buf b = {0};
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_put(&b, tmp, n);
	if (ferror(f))
		die("reading %s failed", path);
	fclose(f);
	*len = b.n;
	return b.p;
}

static int isdig(char c) { return c >= '0' && c <= '9'; }
static int isalnum_ascii(char c) { return isdig(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* Skip ASCII spaces starting at i. */
static size_t skip_sp(const char *t, size_t n, size_t i)
{
	while (i < n && t[i] == ' ')
		i++;
	return i;
}

/* One copy of the issue for copy number k: every year 2015..2026 followed
 * by 年 or '.', '-', '/' is moved by the copy's year shift, and a month
 * right after it by its month shift (kept in 1..12); model-like words
 * (letters and digits mixed, e.g. GPT-4o) get a version suffix; links get
 * a query string.  Everything else is copied byte for byte. */
static void replicate_one(const char *t, size_t n, unsigned k, buf *out)
{
	int yshift = (int)(k % 12) - 6;
	int mshift = (int)((k / 12) % 12);
	for (size_t i = 0; i < n;) {
		/* a year */
		if (i + 4 <= n && isdig(t[i]) && isdig(t[i + 1]) && isdig(t[i + 2]) && isdig(t[i + 3]) &&
		    (i == 0 || !isdig(t[i - 1])) && (i + 4 == n || !isdig(t[i + 4]))) {
			int year = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
			size_t j = skip_sp(t, n, i + 4);
			int sep = 0;
			if (j + 3 <= n && memcmp(t + j, "年", 3) == 0)
				sep = 3;
			else if (j < n && (t[j] == '.' || t[j] == '-' || t[j] == '/'))
				sep = 1;
			if (year >= 2015 && year <= 2026 && sep) {
				int ny = 2015 + ((year - 2015 + yshift + 12) % 12);
				buf_printf(out, "%04d", ny);
				buf_put(out, t + i + 4, j + sep - (i + 4));
				i = j + sep;
				size_t m = skip_sp(t, n, i);
				size_t me = m;
				while (me < n && me - m < 2 && isdig(t[me]))
					me++;
				if (me > m && (me == n || !isdig(t[me]))) {
					int mon = atoi(t + m) % 100;   /* at most two digits */
					if (mon >= 1 && mon <= 12) {
						buf_put(out, t + i, m - i);
						buf_printf(out, me - m == 2 ? "%02d" : "%d", (mon - 1 + mshift) % 12 + 1);
						i = me;
					}
				}
				continue;
			}
		}
		/* a link */
		if (i + 8 <= n && (memcmp(t + i, "https://", 8) == 0 || memcmp(t + i, "http://", 7) == 0)) {
			size_t j = i;
			while (j < n && t[j] != '>' && t[j] != ' ' && t[j] != '\n' && t[j] != ')' && (unsigned char)t[j] < 0x80)
				j++;
			buf_put(out, t + i, j - i);
			buf_printf(out, "%sbench=%u", memchr(t + i, '?', j - i) ? "&" : "?", k);
			i = j;
			continue;
		}
		/* a model-like word: ASCII letters and digits mixed, with a '-' */
		if (isalnum_ascii(t[i]) && (i == 0 || !isalnum_ascii(t[i - 1]))) {
			size_t j = i;
			int letters = 0, digits = 0, dash = 0;
			while (j < n && (isalnum_ascii(t[j]) || t[j] == '-')) {
				letters += !isdig(t[j]) && t[j] != '-';
				digits += isdig(t[j]);
				dash += t[j] == '-';
				j++;
			}
			buf_put(out, t + i, j - i);
			if (letters && digits && dash && t[j - 1] != '-')
				buf_printf(out, "-r%u", k % 97);
			i = j;
			continue;
		}
		buf_put(out, t + i, 1);
		i++;
	}
}

static int replicate_main(int argc, char **argv)
{
	if (argc != 6)
		die("usage: gen replicate SAMPLE.txt SEED OUTDIR MB");
	size_t n;
	char *text = slurp(argv[2], &n);
	if (n == 0)
		die("%s is empty", argv[2]);
	unsigned seed = (unsigned)strtoul(argv[3], NULL, 10);
	double mb = strtod(argv[5], NULL);
	if (!(mb > 0))
		die("MB must be positive");
	if (mkdir(argv[4], 0755) != 0 && errno != EEXIST)
		die("cannot create %s: %s", argv[4], strerror(errno));
	uint64_t total = 0, want = (uint64_t)(mb * 1e6);
	buf out = {0};
	unsigned k = 0;
	for (; total < want; k++) {
		out.n = 0;
		replicate_one(text, n, k + seed, &out);
		char path[4096];
		snprintf(path, sizeof path, "%s/issue-%05u.txt", argv[4], k);
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(out.p, 1, out.n, f) != out.n || fclose(f) != 0)
			die("writing %s failed: %s", path, strerror(errno));
		total += out.n;
	}
	printf("%u files, %llu bytes\n", k, (unsigned long long)total);
	free(out.p);
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "graph") == 0)
		return graph_main(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "replicate") == 0)
		return replicate_main(argc, argv);
	fprintf(stderr, "usage: gen graph N SEED OUT.nt PARAMS.tsv\n"
	                "       gen replicate SAMPLE.txt SEED OUTDIR MB\n");
	return 2;
}
