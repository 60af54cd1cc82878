/* acscan.c — folding and the Aho-Corasick scanner (see acscan.h).
 *
 * Speed comes from three choices: (1) folding is a table lookup per code
 * point (built once per process from zt_norm itself, so the two cannot
 * drift apart), fused with the scan so no normalized copy of the text is
 * made; (2) the automaton is a complete DFA over byte classes — bytes
 * that occur in no pattern share one class — so each text byte costs one
 * class lookup and one table load; (3) a transition stores the next
 * state's row offset with a flag bit saying "this state ends a pattern",
 * so the common no-match step does no further work. */
#include "acscan.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../store/norm.h"

/* ---- folding ---------------------------------------------------------- */

/* fold_bmp[c] for c < 0x10000: 0 = identity; else bit 0 set, bits 1..5
 * the folded length (0 = dropped), bits 6.. the offset in fold_pool. */
static uint32_t *fold_bmp;
static char *fold_pool;
static unsigned char fold_ascii[128];   /* folded byte, or 0xFF = dropped */
static int fold_ok;
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

#define FOLD_DROP 0xFF

static size_t utf8_put(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static void fold_init(void)
{
	fold_bmp = calloc(0x10000, sizeof *fold_bmp);
	size_t cap = 1 << 16, used = 0;
	fold_pool = malloc(cap);
	if (!fold_bmp || !fold_pool)
		return;
	for (uint32_t c = 0; c < 0x10000; c++) {
		/* Ranges NFKC and case folding leave alone (CJK unified
		 * ideographs, Hangul syllables) and surrogates, which valid
		 * UTF-8 never holds: skip the library call. */
		if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) ||
		    (c >= 0xD800 && c <= 0xDFFF))
			continue;
		/* Nor can NFKC + case folding change a character that has no
		 * decomposition and no case folding, unless zt_norm drops it (a
		 * space, a control, a quoting or bracketing mark): asking
		 * utf8proc's property table first leaves ~5k calls of ~44k
		 * (checked against zt_norm over the whole BMP). */
		const utf8proc_property_t *pr = utf8proc_get_property((utf8proc_int32_t)c);
		int cat = pr->category;
		if (c >= 0x80 && pr->decomp_seqindex == UINT16_MAX && pr->casefold_seqindex == UINT16_MAX &&
		    cat != UTF8PROC_CATEGORY_ZS && cat != UTF8PROC_CATEGORY_ZL && cat != UTF8PROC_CATEGORY_ZP &&
		    cat != UTF8PROC_CATEGORY_CC && cat != UTF8PROC_CATEGORY_PS && cat != UTF8PROC_CATEGORY_PE &&
		    cat != UTF8PROC_CATEGORY_PI && cat != UTF8PROC_CATEGORY_PF && cat != UTF8PROC_CATEGORY_PO)
			continue;
		char in[4];
		size_t n = utf8_put(c, in);
		char *o = NULL;
		size_t olen = 0;
		if (zt_norm(in, n, &o, &olen) != ZT_OK) {
			free(o);
			continue;
		}
		if (olen == n && memcmp(o, in, n) == 0) {
			free(o);
			continue;
		}
		if (olen > 31 || used + olen > ((size_t)1 << 26)) {
			/* Longer than any table entry allows (a few Arabic
			 * ligatures): keep the character as it is. */
			free(o);
			continue;
		}
		if (used + olen > cap) {
			char *np = realloc(fold_pool, cap * 2);
			if (!np) {
				free(o);
				return;
			}
			fold_pool = np;
			cap *= 2;
		}
		memcpy(fold_pool + used, o, olen);
		fold_bmp[c] = (uint32_t)(used << 6) | (uint32_t)(olen << 1) | 1u;
		used += olen;
		free(o);
	}
	for (int c = 0; c < 128; c++) {
		uint32_t f = fold_bmp[c];
		if (!f)
			fold_ascii[c] = (unsigned char)c;
		else if (((f >> 1) & 31) == 0)
			fold_ascii[c] = FOLD_DROP;
		else
			fold_ascii[c] = (unsigned char)fold_pool[f >> 6];
	}
	fold_ok = 1;
}

static int fold_ready(void)
{
	pthread_once(&fold_once, fold_init);
	return fold_ok;
}

/* Decode one code point at s[i] (i < len, s[i] >= 0x80).  Returns its
 * length, or 0 for an invalid sequence. */
__attribute__((always_inline)) static inline size_t utf8_decode(const unsigned char *s, size_t i, size_t len, uint32_t *cp)
{
	unsigned b0 = s[i];
	if (b0 >= 0xE0 && b0 <= 0xEF) {
		if (i + 2 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
			return 0;
		uint32_t c = ((b0 & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		*cp = c;
		return 3;
	}
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
			return 0;
		*cp = ((b0 & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
		return 2;
	}
	if (b0 >= 0xF0 && b0 <= 0xF4) {
		if (i + 3 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
		    (s[i + 3] & 0xC0) != 0x80)
			return 0;
		uint32_t c = ((b0 & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) |
		             ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
		if (c < 0x10000 || c > 0x10FFFF)
			return 0;
		*cp = c;
		return 4;
	}
	return 0;
}

static const char replacement[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

/* The folded bytes of the code point at s[i] (s[i] >= 0x80): sets *out
 * and *olen, returns the input length consumed (>= 1).  `tmp` receives
 * the folding of a supplementary-plane character (malloc'd; caller
 * frees) — those are rare enough to go through zt_norm directly. */
__attribute__((always_inline)) static inline size_t fold_one(const unsigned char *s, size_t i, size_t len,
                              const char **out, size_t *olen, char **tmp)
{
	uint32_t cp;
	size_t k = utf8_decode(s, i, len, &cp);
	if (k == 0) {
		*out = replacement;
		*olen = 3;
		return 1;
	}
	if (cp < 0x10000) {
		uint32_t f = fold_bmp[cp];
		if (!f) {
			*out = (const char *)s + i;
			*olen = k;
		} else {
			*out = fold_pool + (f >> 6);
			*olen = (f >> 1) & 31;
		}
		return k;
	}
	char *o = NULL;
	size_t n = 0;
	if (zt_norm((const char *)s + i, k, &o, &n) == ZT_OK) {
		*tmp = o;
		*out = o;
		*olen = n;
	} else {
		free(o);
		*out = (const char *)s + i;
		*olen = k;
	}
	return k;
}

zt_status zt_fold(const char *s, size_t len, char **out, size_t *outlen)
{
	*out = NULL;
	if (outlen)
		*outlen = 0;
	if (!fold_ready())
		return ZT_ERR_NOMEM;
	/* A code point folds to at most 31 bytes (table limit), a single
	 * byte to at most 3 (U+FFFD): 31 bytes per input byte is safe but
	 * wasteful; grow instead. */
	size_t cap = len * 2 + 16, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return ZT_ERR_NOMEM;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		const char *piece;
		size_t plen;
		char *tmp = NULL;
		char one;
		if (u[i] < 0x80) {
			unsigned char f = fold_ascii[u[i]];
			i++;
			if (f == FOLD_DROP)
				continue;
			one = (char)f;
			piece = &one;
			plen = 1;
		} else {
			i += fold_one(u, i, len, &piece, &plen, &tmp);
		}
		if (n + plen + 1 > cap) {
			size_t ncap = (cap + plen) * 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(tmp);
				free(buf);
				return ZT_ERR_NOMEM;
			}
			buf = nb;
			cap = ncap;
		}
		memcpy(buf + n, piece, plen);
		n += plen;
		free(tmp);
	}
	buf[n] = '\0';
	*out = buf;
	if (outlen)
		*outlen = n;
	return ZT_OK;
}

int zt_fold_is_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c >= 0xFF10 && c <= 0xFF19)
		return 1;
	if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
		return 1;
	if (c >= 0xC0 && c <= 0x24F)
		return c != 0xD7 && c != 0xF7;
	if (c >= 0x370 && c <= 0x52F)
		return c >= 0x386 && c != 0x387 && c != 0x3F6 && !(c >= 0x482 && c <= 0x489);
	if (c >= 0x1E00 && c <= 0x1EFF)
		return 1;
	return 0;
}

/* The code point starting at s[i] (or 0 past the end / when invalid). */
static uint32_t cp_at(const unsigned char *s, size_t i, size_t len)
{
	if (i >= len)
		return 0;
	if (s[i] < 0x80)
		return s[i];
	uint32_t cp;
	return utf8_decode(s, i, len, &cp) ? cp : 0;
}

/* The code point that ends just before s[i] (0 at the start). */
static uint32_t cp_before(const unsigned char *s, size_t i, size_t len)
{
	if (i == 0)
		return 0;
	size_t j = i - 1;
	for (int back = 0; back < 3 && j > 0 && (s[j] & 0xC0) == 0x80; back++)
		j--;
	return cp_at(s, j, len);
}

/* The first and last code point of folded text. */
static uint32_t first_cp(const char *p, size_t len)
{
	return cp_at((const unsigned char *)p, 0, len);
}

static uint32_t last_cp(const char *p, size_t len)
{
	return cp_before((const unsigned char *)p, len, len);
}

/* ---- the automaton ---------------------------------------------------- */

enum { PAT_WORD_START = 1, PAT_WORD_END = 2 };

struct zt_ac {
	/* patterns */
	char *bytes;            /* all pattern bytes */
	size_t nbytes, capbytes;
	size_t *off;            /* pattern i is bytes[off[i] .. off[i]+plen[i]) */
	uint32_t *plen;
	uint32_t *ids;
	unsigned char *pflags;
	size_t npat, cappat;
	uint32_t *hash;         /* open addressing: pattern index + 1, 0 empty */
	size_t hcap;
	size_t maxlen;
	int built;
	/* automaton: states numbered breadth-first, so shallow states come
	 * first.  States below `ndense` have a complete transition row;
	 * deeper ones (rarely visited, and most of the states) keep only
	 * their trie edges and a fail link. */
	unsigned char cls[256];
	uint32_t nclass;
	uint32_t nstates, ndense;
	uint32_t *delta;        /* [state * nclass + class] = state | OUT */
	uint32_t *estart;       /* deep state s: edges estart[s-ndense] .. [s-ndense+1] */
	unsigned char *ecls;    /* edge class */
	uint32_t *echild;       /* edge target | OUT */
	uint32_t *fail;         /* fail link of every state */
	uint32_t *term;         /* pattern ending at the state, or NONE */
	uint32_t *dict;         /* next state on the fail chain with a term */
};

#define AC_NONE UINT32_MAX
#define AC_OUT 0x80000000u

static uint64_t hash_bytes(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ull;
	}
	return h;
}

zt_status zt_ac_new(zt_ac **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? ZT_OK : ZT_ERR_NOMEM;
}

void zt_ac_free(zt_ac *ac)
{
	if (!ac)
		return;
	free(ac->bytes);
	free(ac->off);
	free(ac->plen);
	free(ac->ids);
	free(ac->pflags);
	free(ac->hash);
	free(ac->delta);
	free(ac->estart);
	free(ac->ecls);
	free(ac->echild);
	free(ac->fail);
	free(ac->term);
	free(ac->dict);
	free(ac);
}

static size_t hash_slot(const zt_ac *ac, const char *pat, size_t len, int *found)
{
	size_t mask = ac->hcap - 1;
	size_t h = (size_t)hash_bytes(pat, len) & mask;
	for (;;) {
		uint32_t v = ac->hash[h];
		if (!v) {
			*found = 0;
			return h;
		}
		size_t i = v - 1;
		if (ac->plen[i] == len && memcmp(ac->bytes + ac->off[i], pat, len) == 0) {
			*found = 1;
			return h;
		}
		h = (h + 1) & mask;
	}
}

static zt_status hash_grow(zt_ac *ac)
{
	size_t ncap = ac->hcap ? ac->hcap * 2 : 1024;
	uint32_t *nh = calloc(ncap, sizeof *nh);
	if (!nh)
		return ZT_ERR_NOMEM;
	free(ac->hash);
	ac->hash = nh;
	ac->hcap = ncap;
	for (size_t i = 0; i < ac->npat; i++) {
		int found;
		size_t s = hash_slot(ac, ac->bytes + ac->off[i], ac->plen[i], &found);
		ac->hash[s] = (uint32_t)(i + 1);
	}
	return ZT_OK;
}

uint32_t zt_ac_find(const zt_ac *ac, const char *pat, size_t len)
{
	if (!ac->hcap)
		return AC_NONE;
	int found;
	size_t s = hash_slot(ac, pat, len, &found);
	return found ? ac->ids[ac->hash[s] - 1] : AC_NONE;
}

zt_status zt_ac_add(zt_ac *ac, const char *pat, size_t len, uint32_t id)
{
	if (ac->built)
		return ZT_ERR_ARG;
	if (len == 0)
		return ZT_OK;
	if (len > 0xFFFF)
		return ZT_ERR_LIMIT;
	if ((ac->npat + 1) * 2 > ac->hcap) {
		zt_status st = hash_grow(ac);
		if (st != ZT_OK)
			return st;
	}
	int found;
	size_t slot = hash_slot(ac, pat, len, &found);
	if (found)
		return ZT_OK;
	if (ac->npat == ac->cappat) {
		size_t nc = ac->cappat ? ac->cappat * 2 : 256;
		size_t *no = realloc(ac->off, nc * sizeof *no);
		if (!no)
			return ZT_ERR_NOMEM;
		ac->off = no;
		uint32_t *np = realloc(ac->plen, nc * sizeof *np);
		if (!np)
			return ZT_ERR_NOMEM;
		ac->plen = np;
		uint32_t *ni = realloc(ac->ids, nc * sizeof *ni);
		if (!ni)
			return ZT_ERR_NOMEM;
		ac->ids = ni;
		unsigned char *nf = realloc(ac->pflags, nc);
		if (!nf)
			return ZT_ERR_NOMEM;
		ac->pflags = nf;
		ac->cappat = nc;
	}
	if (ac->nbytes + len > ac->capbytes) {
		size_t nc = (ac->capbytes + len) * 2;
		char *nb = realloc(ac->bytes, nc);
		if (!nb)
			return ZT_ERR_NOMEM;
		ac->bytes = nb;
		ac->capbytes = nc;
	}
	memcpy(ac->bytes + ac->nbytes, pat, len);
	size_t i = ac->npat++;
	ac->off[i] = ac->nbytes;
	ac->plen[i] = (uint32_t)len;
	ac->ids[i] = id;
	ac->pflags[i] = (unsigned char)((zt_fold_is_word(first_cp(pat, len)) ? PAT_WORD_START : 0) |
	                                (zt_fold_is_word(last_cp(pat, len)) ? PAT_WORD_END : 0));
	ac->nbytes += len;
	ac->hash[slot] = (uint32_t)(i + 1);
	if (len > ac->maxlen)
		ac->maxlen = len;
	return ZT_OK;
}

/* The trie is first built with child/sibling lists (its size is not known
 * in advance), then renumbered breadth-first and laid out. */
struct tnode {
	uint32_t child, sibling;
	unsigned char byte;
};

/* Rows of the dense part: enough for the states a scan spends nearly
 * all its time in (the first few bytes of every pattern), small enough
 * to build in a few milliseconds and stay in cache. */
#define AC_DENSE_BYTES (2u << 20)

static uint32_t trie_goto(const struct tnode *t, uint32_t s, unsigned char b)
{
	for (uint32_t c = t[s].child; c; c = t[c].sibling)
		if (t[c].byte == b)
			return c;
	return 0;
}

zt_status zt_ac_build(zt_ac *ac)
{
	if (ac->built)
		return ZT_OK;
	if (!fold_ready())
		return ZT_ERR_NOMEM;
	zt_status st = ZT_ERR_NOMEM;
	struct tnode *t = NULL;
	uint32_t *order = NULL, *num = NULL, *ofail = NULL, *oterm = NULL, *depth = NULL;

	/* Byte classes: 0 for bytes no pattern holds. */
	memset(ac->cls, 0, sizeof ac->cls);
	for (size_t i = 0; i < ac->nbytes; i++)
		ac->cls[(unsigned char)ac->bytes[i]] = 1;
	uint32_t k = 1;
	for (int b = 0; b < 256; b++)
		if (ac->cls[b])
			ac->cls[b] = (unsigned char)k++;
	ac->nclass = k;

	size_t maxstates = ac->nbytes + 1;
	if (maxstates >= AC_OUT) {
		st = ZT_ERR_LIMIT;
		goto out;
	}
	t = calloc(maxstates, sizeof *t);
	oterm = malloc(maxstates * sizeof *oterm);
	if (!t || !oterm)
		goto out;
	uint32_t n = 1;
	oterm[0] = AC_NONE;
	for (size_t p = 0; p < ac->npat; p++) {
		const unsigned char *s = (const unsigned char *)ac->bytes + ac->off[p];
		uint32_t cur = 0;
		for (uint32_t j = 0; j < ac->plen[p]; j++) {
			uint32_t c = trie_goto(t, cur, s[j]);
			if (!c) {
				c = n++;
				t[c].byte = s[j];
				t[c].sibling = t[cur].child;
				t[cur].child = c;
				oterm[c] = AC_NONE;
			}
			cur = c;
		}
		oterm[cur] = (uint32_t)p;
	}
	ac->nstates = n;

	/* Breadth-first order, fail links (in trie numbering), depths. */
	order = malloc(n * sizeof *order);
	num = malloc(n * sizeof *num);
	ofail = calloc(n, sizeof *ofail);
	depth = calloc(n, sizeof *depth);
	if (!order || !num || !ofail || !depth)
		goto out;
	uint32_t root_goto[256] = { 0 };
	for (uint32_t c = t[0].child; c; c = t[c].sibling)
		root_goto[t[c].byte] = c;
	size_t qh = 0, qt = 0;
	order[qt++] = 0;
	while (qh < qt) {
		uint32_t s = order[qh++];
		for (uint32_t c = t[s].child; c; c = t[c].sibling) {
			uint32_t f = 0;
			if (s != 0) {
				uint32_t x = ofail[s];
				for (;;) {
					uint32_t g = x ? trie_goto(t, x, t[c].byte) : root_goto[t[c].byte];
					if (g) {
						f = g;
						break;
					}
					if (!x)
						break;
					x = ofail[x];
				}
			}
			ofail[c] = f;
			depth[c] = depth[s] + 1;
			order[qt++] = c;
		}
	}
	for (uint32_t i = 0; i < n; i++)
		num[order[i]] = i;

	/* The dense part: every state up to the depth whose rows still fit
	 * the budget (a whole depth level at a time, at least the root). */
	uint32_t nd = 1;
	size_t budget = AC_DENSE_BYTES / (sizeof(uint32_t) * k);
	for (uint32_t d = 1;; d++) {
		uint32_t i = nd;
		while (i < n && depth[order[i]] == d)
			i++;
		if (i == nd || i > budget)
			break;
		nd = i;
	}
	ac->ndense = nd;

	ac->term = malloc(n * sizeof *ac->term);
	ac->dict = calloc(n, sizeof *ac->dict);
	ac->fail = malloc(n * sizeof *ac->fail);
	ac->delta = calloc((size_t)nd * k, sizeof *ac->delta);
	ac->estart = malloc((size_t)(n - nd + 1) * sizeof *ac->estart);
	ac->ecls = malloc(n ? n : 1);
	ac->echild = malloc((size_t)n * sizeof *ac->echild);
	if (!ac->term || !ac->dict || !ac->fail || !ac->delta || !ac->estart || !ac->ecls ||
	    !ac->echild)
		goto out;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t o = order[i];
		ac->term[i] = oterm[o];
		ac->fail[i] = num[ofail[o]];
	}
	/* dict in breadth-first order: a state's fail state comes earlier. */
	for (uint32_t i = 1; i < n; i++) {
		uint32_t f = ac->fail[i];
		ac->dict[i] = ac->term[f] != AC_NONE ? f : ac->dict[f];
	}
#define FLAGGED(s) ((s) | ((ac->term[s] != AC_NONE || ac->dict[s]) ? AC_OUT : 0))
	for (uint32_t i = 0; i < nd; i++) {
		uint32_t *row = ac->delta + (size_t)i * k;
		for (uint32_t c = t[order[i]].child; c; c = t[c].sibling)
			row[ac->cls[t[c].byte]] = FLAGGED(num[c]);
		if (i != 0) {
			const uint32_t *frow = ac->delta + (size_t)ac->fail[i] * k;
			for (uint32_t cl = 0; cl < k; cl++)
				if (!row[cl])
					row[cl] = frow[cl];
		}
	}
	uint32_t ne = 0;
	for (uint32_t i = nd; i < n; i++) {
		ac->estart[i - nd] = ne;
		for (uint32_t c = t[order[i]].child; c; c = t[c].sibling) {
			ac->ecls[ne] = ac->cls[t[c].byte];
			ac->echild[ne++] = FLAGGED(num[c]);
		}
	}
	ac->estart[n - nd] = ne;
#undef FLAGGED
	ac->built = 1;
	st = ZT_OK;
out:
	free(t);
	free(order);
	free(num);
	free(ofail);
	free(oterm);
	free(depth);
	return st;
}

size_t zt_ac_states(const zt_ac *ac)
{
	return ac->nstates;
}

size_t zt_ac_table_bytes(const zt_ac *ac)
{
	size_t n = ac->nstates, nd = ac->ndense;
	return nd * ac->nclass * sizeof(uint32_t) + (n - nd + 1) * sizeof(uint32_t) +
	       n * (1 + 4 * sizeof(uint32_t));
}

/* The transition from a deep state: its own trie edge, else the fail
 * link's, until a dense state answers. */
static inline uint32_t deep_step(const zt_ac *ac, uint32_t s, uint32_t cl)
{
	for (;;) {
		uint32_t i = ac->estart[s - ac->ndense], end = ac->estart[s - ac->ndense + 1];
		for (; i < end; i++)
			if (ac->ecls[i] == cl)
				return ac->echild[i];
		s = ac->fail[s];
		if (s < ac->ndense)
			return ac->delta[(size_t)s * ac->nclass + cl];
	}
}

/* ---- scanning --------------------------------------------------------- */

struct cand {
	uint64_t nstart;        /* in folded bytes */
	uint32_t nlen, id;
	size_t start, end;      /* in the original text */
};

struct scan {
	const zt_ac *ac;
	const unsigned char *text;
	size_t len;
	zt_ac_fn fn;
	void *ctx;
	struct cand *c;
	size_t n, cap;
	uint64_t last_end;      /* folded end of the last reported match */
	int stopped;
};

static int prefix_ci(const unsigned char *s, size_t i, size_t len, const char *p)
{
	for (; *p; p++, i++)
		if (i >= len || (s[i] | 0x20) != (unsigned char)*p)
			return 0;
	return 1;
}

/* When a URL starts at s[i] ("http://", "https://", "www." not inside a
 * word), the offset just past it: it ends at a space, a non-ASCII
 * character (Chinese text often follows a link directly) or a bracket or
 * quote.  Else i. */
static size_t url_end(const unsigned char *s, size_t i, size_t len)
{
	if (!(prefix_ci(s, i, len, "http://") || prefix_ci(s, i, len, "https://") ||
	      (prefix_ci(s, i, len, "www.") && !zt_fold_is_word(cp_before(s, i, len)))))
		return i;
	size_t j = i;
	while (j < len && s[j] > 0x20 && s[j] < 0x80 && !strchr("<>\"'()[]{}|`^", s[j]))
		j++;
	return j;
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->nstart != y->nstart)
		return x->nstart < y->nstart ? -1 : 1;
	if (x->nlen != y->nlen)
		return x->nlen > y->nlen ? -1 : 1;
	return 0;
}

/* Report the candidates that starting before `limit` (no later match can
 * start that early, so the choice among them is final); keep the rest. */
static void flush(struct scan *sc, uint64_t limit)
{
	if (sc->n == 0)
		return;
	qsort(sc->c, sc->n, sizeof *sc->c, cand_cmp);
	size_t i = 0;
	for (; i < sc->n; i++) {
		const struct cand *c = &sc->c[i];
		if (c->nstart >= limit)
			break;
		if (c->nstart < sc->last_end)
			continue;
		sc->last_end = c->nstart + c->nlen;
		if (!sc->stopped && sc->fn(sc->ctx, c->id, c->start, c->end))
			sc->stopped = 1;
	}
	memmove(sc->c, sc->c + i, (sc->n - i) * sizeof *sc->c);
	sc->n -= i;
}

static int add_cand(struct scan *sc, uint32_t p, uint64_t nend, const size_t *ros,
                    const size_t *roe, size_t mask)
{
	const zt_ac *ac = sc->ac;
	uint32_t plen = ac->plen[p];
	uint64_t nstart = nend - plen;
	if (nstart < sc->last_end)
		return 0;
	size_t start = ros[nstart & mask], end = roe[(nend - 1) & mask];
	if ((ac->pflags[p] & PAT_WORD_START) && zt_fold_is_word(cp_before(sc->text, start, sc->len)))
		return 0;
	if ((ac->pflags[p] & PAT_WORD_END) && zt_fold_is_word(cp_at(sc->text, end, sc->len)))
		return 0;
	if (sc->n == sc->cap) {
		size_t nc = sc->cap ? sc->cap * 2 : 64;
		struct cand *nb = realloc(sc->c, nc * sizeof *nb);
		if (!nb)
			return -1;
		sc->c = nb;
		sc->cap = nc;
	}
	sc->c[sc->n++] = (struct cand){ nstart, plen, ac->ids[p], start, end };
	return 0;
}

zt_status zt_ac_scan(const zt_ac *ac, const char *text, size_t len, zt_ac_fn fn, void *ctx)
{
	if (!ac->built)
		return ZT_ERR_ARG;
	if (ac->npat == 0 || len == 0)
		return ZT_OK;
	if (!fold_ready())
		return ZT_ERR_NOMEM;
	/* Ring buffers: original [start, end) of the code point each of the
	 * last `ring` folded bytes came from. */
	size_t ring = 64;
	while (ring <= ac->maxlen + 1)
		ring *= 2;
	size_t mask = ring - 1;
	size_t *ros = malloc(ring * sizeof *ros), *roe = malloc(ring * sizeof *roe);
	struct scan sc = { .ac = ac, .text = (const unsigned char *)text, .len = len, .fn = fn, .ctx = ctx };
	if (!ros || !roe) {
		free(ros);
		free(roe);
		return ZT_ERR_NOMEM;
	}
	zt_status st = ZT_OK;
	const unsigned char *u = (const unsigned char *)text;
	const unsigned char *cls = ac->cls;
	const uint32_t *delta = ac->delta;
	const uint32_t k = ac->nclass, nd = ac->ndense;
	uint32_t cur = 0;
	uint64_t npos = 0;
	size_t i = 0;

#define FEED(byte, os, oe)                                                         \
	do {                                                                           \
		uint32_t c_ = cls[(unsigned char)(byte)];                                  \
		uint32_t v_ = cur < nd ? delta[(size_t)cur * k + c_] : deep_step(ac, cur, c_); \
		cur = v_ & ~AC_OUT;                                                        \
		ros[npos & mask] = (os);                                                   \
		roe[npos & mask] = (oe);                                                   \
		npos++;                                                                    \
		if (v_ & AC_OUT) {                                                         \
			uint32_t s_ = cur;                                                     \
			if (ac->term[s_] != AC_NONE &&                                         \
			    add_cand(&sc, ac->term[s_], npos, ros, roe, mask))                 \
				st = ZT_ERR_NOMEM;                                                 \
			for (uint32_t d_ = ac->dict[s_]; d_; d_ = ac->dict[d_])                \
				if (add_cand(&sc, ac->term[d_], npos, ros, roe, mask))             \
					st = ZT_ERR_NOMEM;                                             \
		}                                                                          \
	} while (0)

	size_t flush_at = 256;
	while (i < len && !sc.stopped && st == ZT_OK) {
		unsigned char b = u[i];
		if ((b | 0x20) == 'h' || (b | 0x20) == 'w') {
			size_t ue = url_end(u, i, len);
			if (ue > i) {
				/* Nothing inside a link is a mention ("mp.weixin.qq.com",
				 * "www.mas.gov.sg"); nothing matches across it either. */
				cur = 0;
				i = ue;
				continue;
			}
		}
		if (b < 0x80) {
			unsigned char f = fold_ascii[b];
			if (f != FOLD_DROP)
				FEED(f, i, i + 1);
			i++;
		} else {
			const char *piece;
			size_t plen;
			char *tmp = NULL;
			size_t k0 = fold_one(u, i, len, &piece, &plen, &tmp);
			for (size_t j = 0; j < plen; j++)
				FEED(piece[j], i, i + k0);
			if (tmp)
				free(tmp);
			i += k0;
		}
		/* Report settled matches now and then so the buffer stays
		 * small however many matches the text holds. */
		if (sc.n >= flush_at && npos > ac->maxlen) {
			flush(&sc, npos + 1 - ac->maxlen);
			flush_at = sc.n * 2 > 256 ? sc.n * 2 : 256;
		}
	}
#undef FEED
	if (st == ZT_OK)
		flush(&sc, UINT64_MAX);
	free(sc.c);
	free(ros);
	free(roe);
	return st;
}
