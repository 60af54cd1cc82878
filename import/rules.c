/* rules.c — loading and matching the extraction vocabulary (rules.h).
 *
 * Each table keeps its rules sorted by first code point, then longest
 * phrase first, so that "which rule starts here" is a binary search on
 * one character plus a few comparisons — cheap enough to ask at every
 * position of a long text.  Suffix lookups scan the (short) table.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules.h"
#include "text.h"
#include "../store/embedded.h"
#include "../store/norm.h"

static const char *const table_names[ZT_R_NTABLES] = {
	"doc_suffix", "org_suffix", "stop", "adverb", "verb", "kind", "outcome", "role", "descriptor",
	"model_cue", "product_cue", "list_cue", "lead_after", "follow_after", "round", "abbrev",
	"pair_after", "filing", "not_org", "generic", "not_start", "common", "measure",
	"place_prefix", "attribution", "past", "surname", "org_cue",
};

struct zt_rules {
	/* bit t of first[c] is set when a phrase of table t starts with BMP
	 * code point c (ASCII folded): most positions are rejected with one load */
	uint32_t *first;
	char *text;                    /* owned copy, cut into phrases */
	zt_rule *rules[ZT_R_NTABLES];  /* sorted for lookup */
	zt_rule *ordered[ZT_R_NTABLES];/* file order */
	size_t n[ZT_R_NTABLES];
};

static uint32_t fold_ascii(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int cmp_rule(const void *a, const void *b)
{
	const zt_rule *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void zt_rules_free(zt_rules *r)
{
	if (!r)
		return;
	for (int t = 0; t < ZT_R_NTABLES; t++) {
		free(r->rules[t]);
		free(r->ordered[t]);
	}
	free(r->text);
	free(r->first);
	free(r);
}

zt_status zt_rules_parse(const char *text, size_t len, const char *origin, zt_rules **out,
                         zt_error *err)
{
	zt_rules *r = calloc(1, sizeof *r);
	if (!r || !(r->text = malloc(len + 1))) {
		free(r);
		return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
	}
	memcpy(r->text, text, len);
	r->text[len] = 0;
	size_t cap[ZT_R_NTABLES] = { 0 };
	char *p = r->text;
	int line = 0;
	while (*p) {
		char *e = strchr(p, '\n');
		if (e)
			*e = 0;
		line++;
		size_t ll = strlen(p);
		if (ll && p[ll - 1] == '\r')
			p[--ll] = 0;
		if (*p && *p != '#') {
			char *f[4] = { p, NULL, NULL, NULL };
			int nf = 1;
			for (char *q = p; *q && nf < 4; q++)
				if (*q == '\t') {
					*q = 0;
					f[nf++] = q + 1;
				}
			int t = -1;
			for (int k = 0; k < ZT_R_NTABLES; k++)
				if (strcmp(f[0], table_names[k]) == 0)
					t = k;
			if (t < 0) {
				zt_status st = zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: unknown rule table '%s'", origin, line, f[0]);
				if (err)
					err->line = line;
				zt_rules_free(r);
				return st;
			}
			if (nf < 2 || !*f[1]) {
				zt_status st = zt_fail(err, ZT_ERR_SYNTAX, "%s:%d: a '%s' rule needs a phrase after a tab",
				                       origin, line, f[0]);
				if (err)
					err->line = line;
				zt_rules_free(r);
				return st;
			}
			if (!zt_utf8_valid(f[1], strlen(f[1]), NULL)) {
				zt_status st = zt_fail(err, ZT_ERR_UTF8, "%s:%d: the phrase is not valid UTF-8", origin, line);
				zt_rules_free(r);
				return st;
			}
			if (r->n[t] == cap[t]) {
				cap[t] = cap[t] ? cap[t] * 2 : 32;
				zt_rule *nr = realloc(r->ordered[t], cap[t] * sizeof *nr);
				if (!nr) {
					zt_rules_free(r);
					return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
				}
				r->ordered[t] = nr;
			}
			zt_rule *ru = &r->ordered[t][r->n[t]];
			ru->phrase = f[1];
			ru->len = strlen(f[1]);
			ru->value = nf > 2 ? f[2] : "";
			ru->flags = nf > 3 ? f[3] : "";
			size_t adv;
			ru->first = fold_ascii(zt_u8_at(ru->phrase, ru->len, 0, &adv));
			ru->latin = 1;
			for (size_t k = 0; k < ru->len; k++)
				if ((unsigned char)ru->phrase[k] >= 0x80)
					ru->latin = 0;
			ru->order = (unsigned)r->n[t];
			r->n[t]++;
		}
		if (!e)
			break;
		p = e + 1;
	}
	for (int t = 0; t < ZT_R_NTABLES; t++) {
		if (!r->n[t])
			continue;
		r->rules[t] = malloc(r->n[t] * sizeof(zt_rule));
		if (!r->rules[t]) {
			zt_rules_free(r);
			return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
		}
		memcpy(r->rules[t], r->ordered[t], r->n[t] * sizeof(zt_rule));
		qsort(r->rules[t], r->n[t], sizeof(zt_rule), cmp_rule);
	}
	if (!(r->first = calloc(65536, sizeof *r->first))) {
		zt_rules_free(r);
		return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
	}
	for (int t = 0; t < ZT_R_NTABLES; t++)
		for (size_t k = 0; k < r->n[t]; k++) {
			uint32_t c = r->rules[t][k].first;
			if (c < 65536) {
				r->first[c] |= 1u << t;
				if (c >= 'a' && c <= 'z')
					r->first[c - 32] |= 1u << t;
			} else {
				r->first[0] |= 1u << t;   /* astral: always look */
			}
		}
	*out = r;
	return ZT_OK;
}

zt_status zt_rules_default(zt_rules **out, zt_error *err)
{
	size_t len;
	const char *text = zt_data_file("extract.tsv", &len);
	if (!text)
		return zt_fail(err, ZT_ERR_IO, "extract.tsv: the importer's rules file was not found "
		                                "(set ZHITU_DATA to a directory holding it)");
	zt_status st = zt_rules_parse(text, len, "extract.tsv", out, err);
	zt_data_release(text);
	return st;
}

static int latin_boundary(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 1;
	unsigned char c = (unsigned char)s[i];
	return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}

static int rule_matches(const zt_rule *ru, const char *s, size_t len, size_t i)
{
	if (i + ru->len > len)
		return 0;
	if (ru->latin) {
		if (strncasecmp(s + i, ru->phrase, ru->len) != 0)
			return 0;
		unsigned char last = (unsigned char)ru->phrase[ru->len - 1];
		int wordy = (last >= 'A' && last <= 'Z') || (last >= 'a' && last <= 'z') || (last >= '0' && last <= '9');
		return !wordy || latin_boundary(s, len, i + ru->len);
	}
	return memcmp(s + i, ru->phrase, ru->len) == 0;
}

const zt_rule *zt_rules_at(const zt_rules *r, zt_rule_table t, const char *s, size_t len, size_t i)
{
	if (i >= len || !r->n[t])
		return NULL;
	size_t adv;
	uint32_t c = zt_u8_at(s, len, i, &adv);
	if (c < 65536 && !(r->first[c] & (1u << t)) && !(r->first[0] & (1u << t)))
		return NULL;
	c = fold_ascii(c);
	const zt_rule *v = r->rules[t];
	size_t lo = 0, hi = r->n[t];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid].first < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < r->n[t] && v[k].first == c; k++)
		if (rule_matches(&v[k], s, len, i))
			return &v[k];   /* longest first */
	return NULL;
}

uint32_t zt_rules_first(const zt_rules *r, uint32_t c)
{
	return c < 65536 ? r->first[c] | r->first[0] : ~0u;
}

const zt_rule *zt_rules_ending(const zt_rules *r, zt_rule_table t, const char *s, size_t end)
{
	const zt_rule *best = NULL;
	for (size_t k = 0; k < r->n[t]; k++) {
		const zt_rule *ru = &r->rules[t][k];
		if (ru->len > end || (best && ru->len <= best->len))
			continue;
		if (ru->latin ? strncasecmp(s + end - ru->len, ru->phrase, ru->len) == 0
		              : memcmp(s + end - ru->len, ru->phrase, ru->len) == 0)
			best = ru;
	}
	return best;
}

const zt_rule *zt_rules_get(const zt_rules *r, zt_rule_table t, const char *s, size_t n)
{
	for (size_t k = 0; k < r->n[t]; k++) {
		const zt_rule *ru = &r->ordered[t][k];
		if (ru->len == n && (ru->latin ? strncasecmp(s, ru->phrase, n) == 0 : memcmp(s, ru->phrase, n) == 0))
			return ru;
	}
	return NULL;
}

const zt_rule *zt_rules_list(const zt_rules *r, zt_rule_table t, size_t *n)
{
	*n = r->n[t];
	return r->ordered[t];
}

int zt_rules_cover(const zt_rules *r, zt_rule_table t, const char *s, size_t a, size_t b)
{
	return zt_rules_cover2(r, t, t, s, a, b);
}

int zt_rules_cover2(const zt_rules *r, zt_rule_table t1, zt_rule_table t2, const char *s, size_t a,
                    size_t b)
{
	if (a >= b)
		return 0;
	while (a < b) {
		while (a < b && s[a] == ' ')
			a++;
		if (a >= b)
			break;
		const zt_rule *x = zt_rules_at(r, t1, s, b, a);
		const zt_rule *y = t2 != t1 ? zt_rules_at(r, t2, s, b, a) : NULL;
		if (!x || (y && y->len > x->len))
			x = y;
		if (!x)
			return 0;
		a += x->len;
	}
	return 1;
}

int zt_rule_has_flag(const zt_rule *ru, const char *f)
{
	size_t fl = strlen(f);
	const char *p = ru->flags;
	while ((p = strstr(p, f))) {
		if ((p == ru->flags || p[-1] == ' ' || p[-1] == ',') && (p[fl] == 0 || p[fl] == ' ' || p[fl] == ','))
			return 1;
		p += fl;
	}
	return 0;
}
