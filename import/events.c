/* events.c — events from an item's mentions (see extract.h).
 *
 * A news item's title is read as SUBJECT VERB REST: the first title verb
 * of data/extract.tsv splits it.  The kind comes from the strongest cue
 * in the title (then the lead sentence), else from what the subject and
 * object are (an authority acting, a document issued, a model released).
 * Actors are the organisations (else people, else jurisdictions) in the
 * subject, or the first organisation of the lead sentence when the title
 * names only a place ("北京发布…", "欧盟成立…").  Objects depend on the
 * kind: documents for regulatory actions and agreements, models and
 * products for releases, the quoted names of a filing list.  The date is
 * the first date in the lead that falls within 45 days before the item's
 * printed date (so "继欧洲议会在 3 月 13 日…后，5 月 21 日…" gives 5-21),
 * else the printed date; a month and day take the year.
 * Funding, court and topic details are read from the title and the body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "extract_int.h"
#include "../store/norm.h"

#define NONE ((size_t)-1)

/* ------------------------------------------------------------ helpers */

static const zt_x_entity *E(const item_state *st, int i) { return &st->x->ents[i]; }

static int is_group(const item_state *st, int ent, const char *g)
{
	return ent >= 0 && strcmp(E(st, ent)->group, g) == 0;
}

static int is_type(const item_state *st, int ent, const char *t)
{
	return ent >= 0 && x_is_a(st, E(st, ent)->type, t);
}

/* Mentions within [a, b), in text order (mentions are kept unsorted). */
static size_t mentions_in(const item_state *st, size_t a, size_t b, const mention **out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < st->nm; i++)
		if (st->m[i].s >= a && st->m[i].e <= b) {
			if (k < max)
				out[k++] = &st->m[i];
		}
	/* insertion sort by start */
	for (size_t i = 1; i < k; i++) {
		const mention *m = out[i];
		size_t j = i;
		while (j > 0 && out[j - 1]->s > m->s) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = m;
	}
	return k;
}

/* End of the first sentence of the body. */
static size_t first_sentence_end(const item_state *st)
{
	size_t i = st->b0, adv;
	while (i < st->lead1) {
		uint32_t c = zt_u8_at(st->t, st->lead1, i, &adv);
		i += adv;
		if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
			return i;
	}
	return st->lead1;
}

/* End of the clause containing offset i (next ，。；). */
static size_t clause_end(const char *t, size_t n, size_t i)
{
	size_t adv;
	while (i < n) {
		uint32_t c = zt_u8_at(t, n, i, &adv);
		if (c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == ';' || c == '\n' || c == 0xFF01 || c == 0xFF1F)
			return i;
		i += adv;
	}
	return n;
}

static size_t clause_start(const char *t, size_t lo, size_t i)
{
	while (i > lo) {
		size_t p = zt_u8_prev(t, i), adv;
		uint32_t c = zt_u8_at(t, i, p, &adv);
		if (c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == ';' || c == '\n' || c == 0xFF01 || c == 0xFF1F)
			return i;
		i = p;
	}
	return lo;
}

/* A mention that names where the news came from: "据《X》报道", "X 报道". */
static int attributed(const item_state *st, const mention *m)
{
	size_t from = m->s > 12 ? m->s - 12 : 0;
	return zt_find(st->t, from, m->s, "据") != NONE;
}

/* ------------------------------------------------------------ title */

typedef struct title_parts {
	size_t vs, ve;              /* the verb, NONE if none */
	const zt_rule *verb;
	const char *verb_kinds[8];  /* kinds of every verb in the title */
	size_t nverb_kinds;
} title_parts;

static void parse_title(const item_state *st, size_t t0, title_parts *tp)
{
	const char *t = st->t;
	size_t n = st->tl, adv;
	tp->vs = tp->ve = NONE;
	tp->verb = NULL;
	tp->nverb_kinds = 0;
	for (size_t i = t0; i < n;) {
		const zt_rule *r = zt_rules_at(st->ctx->rules, ZT_R_VERB, t, n, i);
		if (r && !x_mention_at(st, i, i + r->len) && i > t0) {
			int ok = 1;
			if (zt_rule_has_flag(r, "latin")) {
				size_t j = zt_skip_space(t, n, i + r->len);
				uint32_t c = j < n ? zt_u8_at(t, n, j, &adv) : 0;
				ok = c && !zt_is_cjk(c);
			}
			if (ok) {
				if (tp->vs == NONE) {
					tp->vs = i;
					tp->ve = i + r->len;
					tp->verb = r;
				}
				if (tp->nverb_kinds < 8)
					tp->verb_kinds[tp->nverb_kinds++] = r->value;
				i += r->len;
				continue;
			}
		}
		zt_u8_at(t, n, i, &adv);
		i += adv;
	}
}

static int has_verb_kind(const title_parts *tp, const char *kind)
{
	for (size_t i = 0; i < tp->nverb_kinds; i++)
		if (strcmp(tp->verb_kinds[i], kind) == 0)
			return 1;
	return 0;
}

/* Whether a `past` word stands shortly before t[p] in its clause: "此前获
 * 谷歌投资" is background, not this item's news. */
static int in_past(const item_state *st, size_t lo, size_t p)
{
	size_t cs = clause_start(st->t, lo, p);
	size_t from = p > cs + 15 ? p - 15 : cs;
	for (size_t q = from; q < p; q++)
		if (x_rule_at(st, ZT_R_PAST, q))
			return 1;
	return 0;
}

/* The event kind a cue fixes, from the title after t0 (then the lead
 * sentence, unless `title_only`); with `strong`, cues flagged "title"
 * (weak ones: 监管, 政策…) do not count. */
static const char *kind_from_cues(const item_state *st, size_t t0, int title_only, int strong,
                                  size_t *where, size_t *wlen)
{
	size_t lead_end = first_sentence_end(st);
	for (int pass = 0; pass < (title_only ? 1 : 2); pass++) {
		size_t a = pass == 0 ? t0 : st->b0, b = pass == 0 ? st->tl : lead_end;
		const zt_rule *best = NULL;
		size_t best_at = 0, adv;
		for (size_t p = a; p < b; p += adv) {
			zt_u8_at(st->t, b, p, &adv);
			const zt_rule *r = x_rule_at(st, ZT_R_KIND, p);
			if (!r || p + r->len > b || ((pass == 1 || strong) && zt_rule_has_flag(r, "title")) ||
			    (best && r->order >= best->order))
				continue;
			if (in_past(st, a, p))
				continue;
			/* "投资" is funding only when received: "获得 … 的 … 投资" in one clause */
			if (zt_rule_has_flag(r, "invest")) {
				size_t from = clause_start(st->t, a, p);
				if (p > from + 80)
					from = p - 80;
				if (zt_find(st->t, from, p, "获") == NONE)
					continue;
			}
			best = r;
			best_at = p;
		}
		if (best) {
			*where = best_at;
			*wlen = best->len;
			return best->value;
		}
	}
	return NULL;
}

/* A name made from the title's subject text when no finder typed one:
 * adverbs and stop words off the end, then the last run of ideographs or
 * the last Latin name ("AI 搜索创企 Perplexity 正" → Perplexity). */
static int subject_name(item_state *st, size_t a, size_t b, const char *type, int retype, size_t *ms,
                        size_t *me)
{
	const char *t = st->t;
	const zt_rules *R = st->ctx->rules;
	for (int again = 1; again;) {
		again = 0;
		while (b > a && t[b - 1] == ' ')
			b--;
		const zt_rule *r = zt_rules_ending(R, ZT_R_ADVERB, t, b);
		if (!r)
			r = zt_rules_ending(R, ZT_R_STOP, t, b);
		if (r && b - r->len >= a) {
			b -= r->len;
			again = 1;
		}
	}
	if (b <= a)
		return -1;
	/* a role after a Latin name is not part of it: "OpenAI CEO" */
	for (int again = 1; again && b > a;) {
		again = 0;
		const zt_rule *r = zt_rules_ending(R, ZT_R_ROLE, t, b);
		if (r && r->latin && b - r->len > a && t[b - r->len - 1] == ' ') {
			b -= r->len;
			while (b > a && t[b - 1] == ' ')
				b--;
			again = 1;
		}
	}
	size_t adv;
	size_t p = zt_u8_prev(t, b);
	uint32_t c = zt_u8_at(t, b, p, &adv);
	size_t s;
	/* a sentence for a subject ("DeepMind 用 AI 实现可控核聚变突破"): the
	 * Latin name it starts with */
	size_t a0 = zt_skip_space(t, b, a), le;
	int lead_latin = a0 < b && t[a0] >= 'A' && t[a0] <= 'Z' && x_latin_name(t, b, a0, &le) &&
	                 !(le - a0 == 2 && t[a0] == 'A' && t[a0 + 1] == 'I');
	if (zt_is_cjk(c) && lead_latin && zt_u8_count(t + a0, b - a0) > 10) {
		s = a0;
		b = le;
	} else if (c < 0x80 && zt_is_latin_word(c)) {
		/* the Latin name ending at b */
		s = b;
		while (s > a) {
			size_t q = zt_u8_prev(t, s);
			uint32_t d = zt_u8_at(t, b, q, &adv);
			if (d < 0x80 && (zt_is_latin_word(d) || d == '-' || d == '+' || d == '.' || d == '&'))
				s = q;
			else if (d == ' ' && q > a && zt_is_latin_word((unsigned char)t[q - 1]))
				s = q;
			else
				break;
		}
		while (s < b && t[s] == ' ')
			s++;
	} else if (zt_is_cjk(c)) {
		s = b;
		size_t k = 0;
		while (s > a && k < 10) {
			if (k && zt_rules_ending(R, ZT_R_STOP, t, s))
				break;
			size_t q = zt_u8_prev(t, s);
			if (!zt_is_cjk(zt_u8_at(t, b, q, &adv)))
				break;
			s = q;
			k++;
		}
		if (k < 2 || k > 8)
			return -1;
		/* a descriptor in front is not part of the name */
		for (size_t q = s; q < b; q += 3) {
			const zt_rule *d = zt_rules_at(R, ZT_R_DESCRIPTOR, t, b, q);
			if (d && q + d->len < b && zt_u8_count(t + q + d->len, b - q - d->len) >= 2) {
				s = q + d->len;
				break;
			}
		}
	} else {
		return -1;
	}
	if (b - s < 2 || zt_rules_at(R, ZT_R_NOT_START, t, b, s))
		return -1;
	/* a name already found as something else is that thing, not a new
	 * organisation (Photoshop the product) */
	const mention *known = x_mention_at(st, s, b);
	if (known && known->s == s && known->e == b && is_group(st, known->ent, "org"))
		return known->ent;
	/* …unless money comes to it: "AI 生成工具 AutogenAI 获得 2230 万美元投资"
	 * — only a company raises */
	if (known && !retype)
		return -1;
	int ent = x_entity(st, t + s, b - s, type);
	if (ent < 0 && s > a0 && zt_is_cjk(zt_u8_at(t, b, a0, &adv))) {
		/* "月之暗面 Kimi 智能助手": the last words only describe the product;
		 * the subject's first run of ideographs is the name */
		size_t e = a0, k = 0;
		while (e < b && k < 9 && zt_is_cjk(zt_u8_at(t, b, e, &adv)) && !(k && zt_rules_at(R, ZT_R_STOP, t, b, e))) {
			e += adv;
			k++;
		}
		if (k >= 2 && k <= 8 && !x_mention_at(st, a0, e)) {
			s = a0;
			b = e;
			ent = x_entity(st, t + s, b - s, type);
		}
	}
	if (ent >= 0) {
		x_add_mention(st, s, b, ent, HOW_LIST);
		*ms = s;
		*me = b;
	}
	return ent;
}

/* ------------------------------------------------------------ dates */

/* Dates in [a, b) of the item text, in order: full dates, month-day (the
 * reference's year, or the year before when that would be in the
 * future), and a bare day "15 日" (the reference's month). */
static size_t find_dates(const item_state *st, size_t a, size_t b, const zt_date *ref, date_m *out, size_t max)
{
	const char *t = st->t;
	size_t k = 0;
	for (size_t i = a; i < b && k < max;) {
		unsigned char c = (unsigned char)t[i];
		if (!(c >= '0' && c <= '9') || (i > a && t[i - 1] >= '0' && t[i - 1] <= '9') ||
		    (i > a && (t[i - 1] == '.' || t[i - 1] == '-' || t[i - 1] == '/'))) {
			i++;
			continue;
		}
		zt_date d;
		size_t used;
		if (zt_date_scan(t + i, b - i, &d, &used, NULL) == ZT_OK && used > 4 &&
		    (d.prec == ZT_PREC_DAY || d.prec == ZT_PREC_MONTH)) {
			out[k].s = i;
			out[k].e = i + used;
			out[k].date = d;
			k++;
			i += used;
			continue;
		}
		/* month-day or day */
		size_t j = i;
		long v = zt_scan_uint(t, b, &j);
		size_t j2 = zt_skip_space(t, b, j);
		if (v >= 1 && v <= 12 && zt_starts(t, b, j2, "月")) {
			size_t j3 = zt_skip_space(t, b, j2 + 3);
			size_t j4 = j3;
			long day = zt_scan_uint(t, b, &j4);
			size_t j5 = zt_skip_space(t, b, j4);
			if (day >= 1 && day <= 31 && (zt_starts(t, b, j5, "日") || zt_starts(t, b, j5, "号")) && ref) {
				int y = ref->year;
				if (zt_date_make(y, (int)v, (int)day, &d, NULL) == ZT_OK) {
					if (d.span.from > ref->span.to + 1)
						zt_date_make(y - 1, (int)v, (int)day, &d, NULL);
					out[k].s = i;
					out[k].e = j5 + 3;
					out[k].date = d;
					k++;
					i = j5 + 3;
					continue;
				}
			}
		} else if (v >= 1 && v <= 31 && zt_starts(t, b, j2, "日") && ref && ref->month &&
		           !(i > a && zt_u8_before(t, i) == 0x6708 /*月*/)) {
			/* "15 日在京举办": the reference's month */
			if (zt_date_make(ref->year, ref->month, (int)v, &d, NULL) == ZT_OK && d.span.from <= ref->span.to + 1) {
				out[k].s = i;
				out[k].e = j2 + 3;
				out[k].date = d;
				k++;
				i = j2 + 3;
				continue;
			}
		}
		i = j > i ? j : i + 1;
	}
	return k;
}

static void choose_date(item_state *st, zt_x_event *ev)
{
	const zt_item *it = st->item;
	const zt_doc *doc = st->doc;
	zt_date ref;
	int have_ref = 1;
	if (it->has_date && it->date.prec == ZT_PREC_DAY)
		ref = it->date;
	else if (doc->has_published)
		ref = doc->published;
	else
		have_ref = 0;
	date_m d[16];
	size_t nd = 0;
	/* the title first (digest headlines rarely carry one), then the lead paragraph */
	nd = find_dates(st, st->b0, st->lead1, have_ref ? &ref : NULL, d, 16);
	for (size_t i = 0; i < nd; i++) {
		if (d[i].date.prec != ZT_PREC_DAY)
			continue;
		if (!have_ref || (d[i].date.span.from <= ref.span.to + 1 && d[i].date.span.from >= ref.span.from - 45)) {
			ev->date = d[i].date;
			ev->date_off = d[i].s;
			ev->date_len = d[i].e - d[i].s;
			return;
		}
	}
	if (have_ref) {
		ev->date = ref;
		return;
	}
	/* nothing at all: a month in the lead, else timeless is not an option for an event */
	for (size_t i = 0; i < nd; i++) {
		ev->date = d[i].date;
		ev->date_off = d[i].s;
		ev->date_len = d[i].e - d[i].s;
		return;
	}
	zt_date_make(1970, 1, 1, &ev->date, NULL);
	x_warn(st->x, "item %u: no date found; the event is dated 1970-01-01", it->number);
}

/* ------------------------------------------------------------ money */

static void find_money(item_state *st, size_t a, size_t b)
{
	const char *t = st->t;
	for (size_t i = a; i < b;) {
		unsigned char c = (unsigned char)t[i];
		int start = (c >= '0' && c <= '9' && (i == a || !(t[i - 1] >= '0' && t[i - 1] <= '9') ) &&
		             !(i > a && t[i - 1] == '.')) ||
		            c == '$' || zt_starts(t, b, i, "€") || zt_starts(t, b, i, "£") || zt_starts(t, b, i, "¥") ||
		            zt_starts(t, b, i, "US$") || zt_starts(t, b, i, "HK$");
		if (!start) {
			i++;
			continue;
		}
		double v;
		char cur[4];
		size_t used = 0;
		size_t lim = b - i > 60 ? 60 : b - i;
		if (zt_money_scan(t + i, lim, &v, cur, &used, NULL) == ZT_OK && used > 0 && v > 0) {
			if (st->nmoney == st->moneycap) {
				size_t cap = st->moneycap ? st->moneycap * 2 : 16;
				money_m *n = realloc(st->money, cap * sizeof *n);
				if (!n)
					return;
				st->money = n;
				st->moneycap = cap;
			}
			money_m *m = &st->money[st->nmoney++];
			m->s = i;
			m->e = i + used;
			m->value = v;
			memcpy(m->cur, cur, 4);
			i += used;
			continue;
		}
		i++;
	}
}

/* Words in the few bytes before `i` (within the clause). */
static int preceded_by(const char *t, size_t lo, size_t i, const char *w, size_t within)
{
	size_t from = i > lo + within ? i - within : lo;
	size_t p = zt_find(t, from, i, w);
	return p != NONE;
}

/* No round, valuation or deal is worth more than ten trillion in any
 * currency: such a number is a typo or a misread, not a fact to keep. */
static int plausible_money(item_state *st, double v, const char *printed)
{
	if (v >= 1 && v <= 1e13)
		return 1;
	x_warn(st->x, "item %u: amount %s ignored as implausible", st->item->number, printed);
	return 0;
}

static void funding_money(item_state *st, zt_x_event *ev)
{
	const char *t = st->t;
	int have_amount = 0, have_val = 0;
	for (int pass = 0; pass < 2; pass++) {
		size_t a = pass == 0 ? 0 : st->b0, b = pass == 0 ? st->tl : st->lead1;
		for (size_t k = 0; k < st->nmoney; k++) {
			money_m *m = &st->money[k];
			if (m->s < a || m->e > b)
				continue;
			size_t cs = clause_start(t, a, m->s);
			/* conversions in brackets are not amounts: "（约合人民币 217.51 亿元）" */
			if (preceded_by(t, cs, m->s, "约合", 12) || preceded_by(t, cs, m->s, "折合", 12) ||
			    preceded_by(t, cs, m->s, "（", 6) || preceded_by(t, cs, m->s, "(", 3))
				continue;
			char buf[64];
			zt_money_format(m->value, m->cur, buf, sizeof buf);
			if (!plausible_money(st, m->value, buf))
				continue;
			if (preceded_by(t, cs, m->s, "估值", 15) || preceded_by(t, cs, m->s, "valuation", 20)) {
				if (!have_val)
					x_fact_lit(st, ev, "valuation", ZT_MONEY, buf, NULL, m->s, m->e - m->s);
				have_val = 1;
				continue;
			}
			if (have_amount)
				continue;
			/* the amount raised: in a clause about financing */
			size_t ce = clause_end(t, b, m->e);
			int about = zt_find(t, cs, ce, "融资") != NONE || zt_find(t, cs, ce, "投资") != NONE ||
			            zt_find(t, cs, ce, "募资") != NONE || zt_find(t, cs, ce, "轮") != NONE ||
			            zt_find(t, cs, ce, "获") != NONE || zt_find(t, cs, ce, "筹集") != NONE;
			if (about) {
				x_fact_lit(st, ev, "amount", ZT_MONEY, buf, NULL, m->s, m->e - m->s);
				have_amount = 1;
			}
		}
	}
}

static int round_at(const item_state *st, size_t i, size_t b, char *out, size_t *len)
{
	const char *t = st->t;
	const zt_rule *r = zt_rules_at(st->ctx->rules, ZT_R_ROUND, t, b, i);
	if (r) {
		snprintf(out, 16, "%s", r->value);
		*len = r->len;
		return 1;
	}
	unsigned char c = (unsigned char)t[i];
	if (c >= 'A' && c <= 'K' && (i == 0 || !zt_is_latin_word((unsigned char)t[i - 1]))) {
		size_t j = i + 1;
		int plus = 0;
		if (j < b && t[j] == '+') {
			plus = 1;
			j++;
		} else if (zt_starts(t, b, j, "＋")) {
			plus = 1;
			j += 3;
		}
		j = zt_skip_space(t, b, j);
		if (zt_starts(t, b, j, "轮")) {
			snprintf(out, 16, "%c%s", c, plus ? "+" : "");
			*len = j + 3 - i;
			return 1;
		}
	}
	if (zt_starts(t, b, i, "Series ") && i + 7 < b && t[i + 7] >= 'A' && t[i + 7] <= 'K') {
		snprintf(out, 16, "%c", t[i + 7]);
		*len = 8;
		return 1;
	}
	return 0;
}

static void funding_round(item_state *st, zt_x_event *ev)
{
	char r[16];
	size_t len;
	for (int pass = 0; pass < 2; pass++) {
		size_t a = pass == 0 ? 0 : st->b0, b = pass == 0 ? st->tl : st->b1;
		for (size_t i = a; i < b; i++)
			if (round_at(st, i, b, r, &len)) {
				x_fact_lit(st, ev, "round", ZT_TEXT, r, NULL, i, len);
				return;
			}
	}
}

/* One element of an investor list → an entity. */
static int list_element(item_state *st, size_t a, size_t b)
{
	const char *t = st->t;
	const zt_rules *R = st->ctx->rules;
	/* trim */
	for (;;) {
		a = zt_skip_space(t, b, a);
		while (b > a && t[b - 1] == ' ')
			b--;
		const zt_rule *r;
		if ((r = zt_rules_at(R, ZT_R_STOP, t, b, a)) && a + r->len < b) {
			a += r->len;
			continue;
		}
		break;
	}
	size_t deng = zt_find(t, a, b, "等");
	if (deng != NONE && deng > a)
		b = deng;
	/* cue words inside the element: "种子轮领投方真格基金" */
	static const char *const cut[] = { "领投方", "投资方", "老股东", "股东", "本轮", "机构" };
	for (size_t k = 0; k < sizeof cut / sizeof cut[0]; k++) {
		size_t p = zt_find(t, a, b, cut[k]);
		if (p != NONE && p + strlen(cut[k]) < b)
			a = p + strlen(cut[k]);
	}
	while (b > a && t[b - 1] == ' ')
		b--;
	if (b <= a)
		return -1;
	/* a mention inside wins (the last one: "美国投资机构 Bessemer…") */
	const mention *ms[8];
	size_t k = mentions_in(st, a, b, ms, 8);
	for (size_t i = k; i > 0; i--) {
		const mention *m = ms[i - 1];
		if (is_group(st, m->ent, "org") || is_group(st, m->ent, "person"))
			return m->ent;
	}
	/* a Latin name at the end */
	size_t s = b;
	while (s > a && (unsigned char)t[s - 1] < 0x80 && t[s - 1] != ',')
		s--;
	while (s < b && (t[s] == ' ' || t[s] == '-'))
		s++;
	if (b - s >= 2 && zt_is_latin_word((unsigned char)t[s])) {
		if (strncasecmp(t + s, "etc", 3) == 0)
			return -1;
		int ent = x_entity(st, t + s, b - s, "Investor");
		x_add_mention(st, s, b, ent, HOW_LIST);
		return ent;
	}
	size_t chars = zt_u8_count(t + a, b - a);
	if (chars < 2 || chars > 16 || !zt_has_cjk(t + a, b - a))
		return -1;
	const zt_rule *suf = zt_rules_ending(R, ZT_R_ORG_SUFFIX, t, b);
	int ent = x_entity(st, t + a, b - a, suf ? suf->value : "Investor");
	x_add_mention(st, a, b, ent, HOW_LIST);
	return ent;
}

/* Split [a, b) at 、，, 和 及 与 and "and" into elements. */
static size_t parse_list(item_state *st, size_t a, size_t b, int *out, size_t max)
{
	const char *t = st->t;
	size_t k = 0, s = a, adv = 1;
	for (size_t i = a; i <= b && k < max;) {
		size_t sep = 0;
		if (i < b) {
			uint32_t c = zt_u8_at(t, b, i, &adv);
			if (c == 0x3001 || c == 0xFF0C || c == ',' || c == 0x548C /*和*/ || c == 0x53CA /*及*/)
				sep = adv;
			else if (zt_starts(t, b, i, " and "))
				sep = 5;
			/* "以及" */
			if (c == 0x4EE5 && zt_starts(t, b, i, "以及"))
				sep = 6;
		}
		if (i == b || sep) {
			/* keep "SRAM & MRAM" and names like "Plug and Play" whole: only split
			 * on "and" when both sides look like separate names is too subtle;
			 * a gazetteer mention spanning the separator wins */
			const mention *m = i < b ? x_mention_at(st, i, i + (sep ? sep : 1)) : NULL;
			if (m && m->s < i && m->e > i) {
				i = m->e;
				continue;
			}
			if (i > s) {
				int e = list_element(st, s, i);
				if (e >= 0) {
					int dup = 0;
					for (size_t q = 0; q < k; q++)
						dup |= out[q] == e;
					if (!dup)
						out[k++] = e;
				}
			}
			if (i == b)
				break;
			i += sep;
			s = i;
			continue;
		}
		i += adv;
	}
	return k;
}

static void funding_investors(item_state *st, zt_x_event *ev, int investee)
{
	const char *t = st->t;
	const zt_rules *R = st->ctx->rules;
	int leads[16], all[32];
	size_t nl = 0, na = 0;
	size_t b = st->b1;
	for (size_t i = 0; i < b;) {
		const zt_rule *r;
		size_t adv;
		if (!zt_rules_at(R, ZT_R_LIST_CUE, t, b, i) &&
		    ((r = zt_rules_at(R, ZT_R_LEAD_AFTER, t, b, i)) || (r = zt_rules_at(R, ZT_R_FOLLOW_AFTER, t, b, i)))) {
			int lead = zt_rules_at(R, ZT_R_LEAD_AFTER, t, b, i) == r;
			/* the list before it, back to "由" or the clause start */
			size_t cs = clause_start(t, i < st->tl ? 0 : st->b0, i);
			size_t you = NONE;
			for (size_t p = cs; p < i; p++)
				if (zt_starts(t, i, p, "由"))
					you = p;
			if (you != NONE)
				cs = you + 3;
			int tmp[16];
			size_t k = parse_list(st, cs, i, tmp, 16);
			for (size_t q = 0; q < k; q++) {
				if (tmp[q] == investee)
					continue;
				if (lead && nl < 16)
					leads[nl++] = tmp[q];
				if (na < 32)
					all[na++] = tmp[q];
			}
			i += r->len;
			continue;
		}
		if ((r = zt_rules_at(R, ZT_R_LIST_CUE, t, b, i))) {
			size_t s = i + r->len;
			size_t e = s;
			while (e < b) {
				uint32_t c = zt_u8_at(t, b, e, &adv);
				if (c == 0x3002 || c == 0xFF1B || c == '\n' || (c == 0xFF0C && e > s + 3 &&
				    !zt_rules_at(R, ZT_R_FOLLOW_AFTER, t, b, e)))
					break;
				if (zt_starts(t, b, e, "等"))
					break;
				e += adv;
			}
			int tmp[16];
			size_t k = parse_list(st, s, e, tmp, 16);
			int lead = strcmp(r->value, "lead") == 0;
			for (size_t q = 0; q < k; q++) {
				if (tmp[q] == investee)
					continue;
				if (lead && nl < 16)
					leads[nl++] = tmp[q];
				if (na < 32)
					all[na++] = tmp[q];
			}
			i = e;
			continue;
		}
		zt_u8_at(t, b, i, &adv);
		i += adv;
	}
	for (size_t q = 0; q < nl; q++)
		x_fact_ent(st, ev, "lead_investor", leads[q], 0, 0);
	for (size_t q = 0; q < na; q++) {
		/* an investor that is only typed "Organization" is an Investor */
		x_fact_ent(st, ev, "investor", all[q], 0, 0);
		x_rel(st, all[q], "invested_in", investee, ev->date.span);
	}
}

/* ------------------------------------------------------------ court */

static void court_details(item_state *st, zt_x_event *ev, const title_parts *tp)
{
	const char *t = st->t;
	const mention *ms[32];
	size_t k = mentions_in(st, 0, st->tl, ms, 32);
	int court = -1;
	for (size_t i = 0; i < k && court < 0; i++)
		if (is_type(st, ms[i]->ent, "Court"))
			court = ms[i]->ent;
	if (court < 0) {
		k = mentions_in(st, st->b0, st->b1, ms, 32);
		for (size_t i = 0; i < k && court < 0; i++)
			if (is_type(st, ms[i]->ent, "Court"))
				court = ms[i]->ent;
	}
	if (court >= 0)
		x_fact_ent(st, ev, "court", court, 0, 0);
	/* outcome: the first outcome cue in the title, else the lead */
	size_t nr;
	const zt_rule *rules = zt_rules_list(st->ctx->rules, ZT_R_OUTCOME, &nr);
	const char *outcome = NULL;
	size_t best = NONE, blen = 0;
	for (int pass = 0; pass < 2 && !outcome; pass++) {
		size_t a = pass ? st->b0 : 0, b = pass ? st->lead1 : st->tl;
		for (size_t q = 0; q < nr; q++) {
			size_t p = zt_find(t, a, b, rules[q].phrase);
			if (p != NONE && (best == NONE || p < best)) {
				best = p;
				blen = rules[q].len;
				outcome = rules[q].value;
			}
		}
	}
	if (outcome)
		x_fact_lit(st, ev, "outcome", ZT_TEXT, outcome, NULL, best, blen);
	/* parties: "X 起诉/指控 Y" in the title */
	static const char *const sue[] = { "起诉", "指控", "诉" };
	for (size_t s = 0; s < sizeof sue / sizeof sue[0]; s++) {
		size_t p = zt_find(t, 0, st->tl, sue[s]);
		if (p == NONE)
			continue;
		/* an unknown Latin name right after it is the defendant: "起诉 OpenAI" */
		size_t q = zt_skip_space(t, st->tl, p + strlen(sue[s])), le;
		if (q < st->tl && t[q] >= 'A' && t[q] <= 'Z' && !x_mention_at(st, q, q + 1) && x_latin_name(t, st->tl, q, &le)) {
			int d = x_entity(st, t + q, le - q, "Company");
			x_add_mention(st, q, le, d, HOW_LIST);
		}
		k = mentions_in(st, 0, st->tl, ms, 32);
		for (size_t i = 0; i < k; i++) {
			int e = ms[i]->ent;
			if (!(is_group(st, e, "org") || is_group(st, e, "person")) || e == court)
				continue;
			x_fact_ent(st, ev, ms[i]->e <= p ? "plaintiff" : "defendant", e, ms[i]->s, ms[i]->e - ms[i]->s);
			/* the case is about whom it is brought against */
			if (ms[i]->e > p)
				x_fact_ent(st, ev, "object", e, ms[i]->s, ms[i]->e - ms[i]->s);
		}
		break;
	}
	(void)tp;
	/* a citation "A, et al., v. B" */
	size_t v = zt_find(t, st->b0, st->b1, " v. ");
	if (v != NONE) {
		size_t a = clause_start(t, st->b0, v);
		size_t e = v;
		size_t comma = NONE;
		for (size_t q = a; q < v; q++)
			if (t[q] == ',') {
				comma = q;
				break;
			}
		if (comma != NONE)
			e = comma;
		int pl = x_entity(st, t + a, e - a, "Person");
		if (pl >= 0)
			x_fact_ent(st, ev, "plaintiff", pl, a, e - a);
		size_t ds = v + 4, de = ds;
		while (de < st->b1 && t[de] != ',' && (unsigned char)t[de] < 0x80)
			de++;
		/* "Stability AI LTD." → the gazetteer's Stability AI when known */
		const mention *m = x_mention_at(st, ds, de);
		int df = m ? m->ent : x_entity(st, t + ds, de - ds, "Company");
		if (df >= 0) {
			x_fact_ent(st, ev, "defendant", df, ds, de - ds);
			x_fact_ent(st, ev, "object", df, ds, de - ds);
		}
	}
}

/* ------------------------------------------------------------ topics */

typedef struct topic_hits {
	const char *names[32];
	unsigned hits[32];
	size_t n;
} topic_hits;

static int topic_cb(void *ctx, const char *topic, unsigned hits)
{
	topic_hits *th = ctx;
	for (size_t i = 0; i < th->n; i++)
		if (strcmp(th->names[i], topic) == 0) {
			th->hits[i] += hits;
			return 0;
		}
	if (th->n < 32) {
		th->names[th->n] = topic;
		th->hits[th->n++] = hits;
	}
	return 0;
}

static void topics(item_state *st, zt_x_event *ev)
{
	enum { TOPIC_SHORT = 250 };   /* characters: a couple of sentences */
	if (!st->ctx->topics)
		return;
	topic_hits title = { 0 }, body = { 0 };
	zt_topics_scan(st->ctx->topics, st->t, st->tl, topic_cb, &title);
	zt_topics_scan(st->ctx->topics, st->t + st->b0, st->b1 - st->b0, topic_cb, &body);
	/* An item is about a topic its headline names, or one its text comes
	 * back to: a single passing mention in the body ("…应用于交通、金融、
	 * 医疗等领域") is not what the item is about. */
	for (size_t i = 0; i < title.n; i++)
		x_fact_topic(st, ev, title.names[i]);
	/* a short item says everything once */
	unsigned need = zt_u8_count(st->t + st->b0, st->b1 - st->b0) < TOPIC_SHORT ? 1 : 2;
	for (size_t i = 0; i < body.n; i++)
		if (body.hits[i] >= need)
			x_fact_topic(st, ev, body.names[i]);
}

/* ------------------------------------------------------------ jurisdiction */

static void jurisdictions(item_state *st, zt_x_event *ev, const int *actors, size_t na)
{
	for (size_t i = 0; i < na; i++) {
		int e = actors[i];
		for (int depth = 0; e >= 0 && depth < 8; depth++) {
			const zt_x_entity *x = E(st, e);
			if (strcmp(x->group, "jur") == 0) {
				x_fact_ent(st, ev, "jurisdiction", e, 0, 0);
				/* a region's country too */
				if (x->part_of >= 0 && is_group(st, x->part_of, "jur"))
					x_fact_ent(st, ev, "jurisdiction", x->part_of, 0, 0);
				break;
			}
			if (x->jurisdiction >= 0) {
				e = x->jurisdiction;
				continue;
			}
			e = x->part_of;
		}
	}
	const mention *ms[16];
	size_t k = mentions_in(st, 0, st->tl, ms, 16);
	for (size_t i = 0; i < k; i++)
		if (is_group(st, ms[i]->ent, "jur"))
			x_fact_ent(st, ev, "jurisdiction", ms[i]->ent, ms[i]->s, ms[i]->e - ms[i]->s);
}

/* ------------------------------------------------------------ news */

static int company_actor(const item_state *st, const int *orgs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_type(st, orgs[i], "Company") || is_type(st, orgs[i], "Investor"))
			return 1;
	return 0;
}

/* Quoted names after a filing-list cue: the listed models, with their
 * companies ("A公司的“星辰”") as developers. */
static size_t filing_objects(item_state *st, int *out, size_t max, zt_span when)
{
	const char *t = st->t;
	size_t k = 0;
	size_t nr;
	const zt_rule *rules = zt_rules_list(st->ctx->rules, ZT_R_FILING, &nr);
	for (size_t q = 0; q < nr; q++) {
		size_t p = st->b0;
		while ((p = zt_find(t, p, st->b1, rules[q].phrase)) != NONE) {
			size_t e = p + rules[q].len;
			size_t end = e;
			while (end < st->b1 && !zt_starts(t, st->b1, end, "。") && t[end] != '\n')
				end++;
			/* the list may continue past a line break made by the PDF */
			for (size_t i = e; i < end && k < max;) {
				size_t o = zt_find(t, i, end, "“");
				if (o == NONE)
					break;
				size_t c = zt_find(t, o + 3, end, "”");
				if (c == NONE || c - o > 90)
					break;
				int ent = x_entity(st, t + o + 3, c - o - 3, "Model");
				if (ent >= 0) {
					int dup = 0;
					for (size_t d = 0; d < k; d++)
						dup |= out[d] == ent;
					if (!dup)
						out[k++] = ent;
					/* the developer: the company mention right before */
					const mention *dm = NULL;
					for (size_t mi = 0; mi < st->nm; mi++) {
						const mention *m = &st->m[mi];
						if (m->e <= o && m->e + 9 >= o && m->s >= i && is_group(st, m->ent, "org"))
							dm = m;
					}
					if (dm) {
						x_rel(st, ent, "developer", dm->ent, ZT_SPAN_ALWAYS);
						x_rel(st, dm->ent, "developed", ent, ZT_SPAN_ALWAYS);
					}
					(void)when;
				}
				i = c + 3;
			}
			p = end;
		}
	}
	return k;
}

/* A document named in plain words after the title's verb: "发布关于…的联合声明". */
static int title_rest_document(item_state *st, const title_parts *tp)
{
	if (tp->ve == NONE)
		return -1;
	const char *t = st->t;
	size_t a = zt_skip_space(t, st->tl, tp->ve);
	size_t b = clause_end(t, st->tl, a);
	while (b > a && t[b - 1] == ' ')
		b--;
	if (b <= a || x_mention_at(st, a, b))
		return -1;
	const zt_rule *r = zt_rules_ending(st->ctx->rules, ZT_R_DOC_SUFFIX, t, b);
	if (!r || zt_u8_count(t + a, b - a) < 4 || zt_u8_count(t + a, b - a) > 40 ||
	    zt_rules_at(st->ctx->rules, ZT_R_NOT_START, t, b, a))
		return -1;
	/* a leading "首个"/"新" is not part of a name; a bare ending is no name */
	int ent = x_entity(st, t + a, b - a, r->value);
	x_add_mention(st, a, b, ent, HOW_DOC);
	return ent;
}

/* A Latin name right after the title's verb (发布 GPT-4o, 推 Kimi+), typed
 * Model when the title says 模型, else Product. */
static int title_rest_name(item_state *st, const title_parts *tp, int want_model)
{
	if (tp->ve == NONE)
		return -1;
	const char *t = st->t;
	size_t n = st->tl;
	size_t a = tp->ve;
	/* skip a short CJK descriptor: "发布最新模型 GPT-4o", "推出生成式 AI助手 Amazon Q" */
	for (int k = 0; k < 12 && a < n; k++) {
		a = zt_skip_space(t, n, a);
		size_t e;
		if (a < n && (unsigned char)t[a] < 0x80 && x_latin_name(t, n, a, &e)) {
			if (e - a == 2 && strncmp(t + a, "AI", 2) == 0) {
				a = e;
				continue;
			}
			if (x_mention_at(st, a, e))
				return -1;
			int ent = x_entity(st, t + a, e - a, want_model ? "Model" : "Product");
			x_add_mention(st, a, e, ent, HOW_CUE);
			return ent;
		}
		if (a >= n)
			break;
		size_t adv;
		uint32_t c = zt_u8_at(t, n, a, &adv);
		if (!zt_is_cjk(c) && c != 0x201C)
			break;
		a += adv;
	}
	return -1;
}

/* The mention's first offset in the item (evidence for a fact). */
static void first_span(const item_state *st, int ent, size_t *s, size_t *l)
{
	*s = *l = 0;
	for (size_t q = 0; q < st->nm; q++)
		if (st->m[q].ent == ent) {
			*s = st->m[q].s;
			*l = st->m[q].e - st->m[q].s;
			return;
		}
}

/* A headline "SPEAKER：statement" (马斯克：…, 瑞穗：英伟达…, 观点：…) reports
 * what someone said: a CorporateAction (unless the statement holds a
 * strong kind cue) by the speaker, about the organisations, models and
 * products the statement names.  `opinion`: the speaker is not named
 * before the colon ("观点：") — the lead says whose opinion it is. */
static zt_status speaker_event(item_state *st, size_t colon, int opinion)
{
	const char *t = st->t;
	size_t at = NONE, al = 0;
	const char *kind = kind_from_cues(st, colon + 3, 1, 1, &at, &al);
	if (!kind)
		kind = "CorporateAction";
	zt_x_event *ev = x_event_new(st, kind);
	if (!ev)
		return ZT_ERR_NOMEM;
	if (!(ev->title = zt_squash(t, st->tl)))
		return ZT_ERR_NOMEM;
	choose_date(st, ev);
	int actors[8];
	size_t na = 0;
	const mention *ms[48];
	if (!opinion) {
		size_t k = mentions_in(st, 0, colon, ms, 48);
		for (size_t i = 0; i < k && na < 8; i++)
			if (is_group(st, ms[i]->ent, "org") || is_group(st, ms[i]->ent, "person"))
				actors[na++] = ms[i]->ent;
		if (!na) {
			size_t s, e;
			int c = subject_name(st, 0, colon, "Company", 0, &s, &e);
			if (c >= 0)
				actors[na++] = c;
		}
	}
	if (!na) {
		/* "据华尔街见闻发布的文章": here the source is the speaker */
		size_t k = mentions_in(st, st->b0, first_sentence_end(st), ms, 48);
		for (size_t i = 0; i < k && !na; i++)
			if (is_group(st, ms[i]->ent, "org") || is_group(st, ms[i]->ent, "person"))
				actors[na++] = ms[i]->ent;
	}
	for (size_t i = 0; i < na; i++) {
		size_t s, l;
		first_span(st, actors[i], &s, &l);
		x_fact_ent(st, ev, "actor", actors[i], s, l);
	}
	size_t k = mentions_in(st, colon + 3, st->tl, ms, 48);
	for (size_t i = 0; i < k; i++) {
		int e = ms[i]->ent, dup = 0;
		for (size_t a = 0; a < na; a++)
			dup |= actors[a] == e;
		if (!dup && (is_group(st, e, "org") || is_group(st, e, "model") || is_group(st, e, "product")))
			x_fact_ent(st, ev, "object", e, ms[i]->s, ms[i]->e - ms[i]->s);
	}
	topics(st, ev);
	jurisdictions(st, ev, actors, na);
	return ZT_OK;
}

static zt_status news_event(item_state *st)
{
	const char *t = st->t;
	const zt_rules *R = st->ctx->rules;
	/* "外媒：…" relays news (the title proper follows the colon); "马斯克：…"
	 * quotes a speaker (speaker_event) */
	size_t t0 = 0;
	size_t colon = zt_find(t, 0, st->tl, "：");
	if (colon != NONE && colon > 0) {
		size_t a = 0, b = colon;
		while (b > a && t[b - 1] == ' ')
			b--;
		const zt_rule *att = zt_rules_get(R, ZT_R_ATTRIBUTION, t + a, b - a);
		if (att && strcmp(att->value, "opinion") == 0)
			return speaker_event(st, colon, 1);
		if (att) {
			t0 = zt_skip_space(t, st->tl, colon + 3);
		} else {
			title_parts pre;
			parse_title(st, 0, &pre);
			int verb_before = pre.vs != NONE && pre.vs < colon;
			if (!verb_before && b > a && zt_u8_count(t + a, b - a) <= 12)
				return speaker_event(st, colon, 0);
		}
	}
	title_parts tp;
	parse_title(st, t0, &tp);
	size_t cue_at = NONE, cue_len = 0;
	/* a title verb of a definite kind outweighs a cue in the lead: "Runway
	 * 开放 AI 视频生成工具" is a release even if the lead mentions an investment */
	int title_kind = tp.verb && strcmp(tp.verb->value, "CorporateAction") != 0;
	const char *kind = kind_from_cues(st, t0, title_kind, 0, &cue_at, &cue_len);

	/* the subject: before the verb, else up to the first comma or colon;
	 * "英伟达在 GTC 大会发布…": a place or occasion after 在 is not it */
	size_t subj_end = tp.vs != NONE ? tp.vs : clause_end(t, st->tl, t0);
	colon = zt_find(t, t0, st->tl, "：");
	if (colon != NONE && colon < subj_end)
		subj_end = colon;
	size_t zai = zt_find(t, t0, subj_end, "在");
	if (zai != NONE && zai > t0 && !x_mention_at(st, zai, zai + 3))
		subj_end = zai;

	const mention *ms[48];
	size_t k = mentions_in(st, t0, subj_end, ms, 48);
	int orgs[16], people[16], jurs[16];
	size_t no = 0, np = 0, nj = 0;
	size_t org_s[16], org_e[16];
	for (size_t i = 0; i < k; i++) {
		int e = ms[i]->ent;
		if (is_group(st, e, "org") && no < 16) {
			org_s[no] = ms[i]->s;
			org_e[no] = ms[i]->e;
			orgs[no++] = e;
		} else if (is_group(st, e, "person") && np < 16)
			people[np++] = e;
		else if (is_group(st, e, "jur") && nj < 16)
			jurs[nj++] = e;
	}

	/* the lead sentence's first organisation, for titles that name a place */
	size_t lead_end = first_sentence_end(st);
	const mention *lm[48];
	size_t nlm = mentions_in(st, st->b0, lead_end, lm, 48);

	/* objects found in the title */
	const mention *tm[48];
	size_t ntm = mentions_in(st, t0, st->tl, tm, 48);
	int docs[8], models[16], rest_orgs[8], works[4];
	size_t nd = 0, nmod = 0, nro = 0, nw = 0;
	for (size_t i = 0; i < ntm; i++) {
		int e = tm[i]->ent;
		/* a work named in the title (a film, a paper) is what was released,
		 * not a document a regulator issued */
		if (is_group(st, e, "doc") && !strcmp(E(st, e)->type, "Document")) {
			if (nw < 4)
				works[nw++] = e;
		} else if (is_group(st, e, "doc") && nd < 8)
			docs[nd++] = e;
		else if ((is_group(st, e, "model") || is_group(st, e, "product")) && nmod < 16)
			models[nmod++] = e;
		else if (is_group(st, e, "org") && tm[i]->s >= subj_end && nro < 8)
			rest_orgs[nro++] = e;
	}
	/* the models a title releases are the first one and those listed with
	 * it ("ENIRE Speed、ENIRE Lite"), not one it is compared with ("…以对抗
	 * 微软 Llama 2") */
	if (nmod > 1) {
		size_t keep = 1;
		const mention *prev = NULL;
		/* after the verb when there are some there ("Photoshop 测试版推出
		 * “生成性扩展”": the subject's product is only the setting) */
		for (size_t i = 0; i < ntm && tp.ve != NONE; i++)
			if (tm[i]->s >= tp.ve && (is_group(st, tm[i]->ent, "model") || is_group(st, tm[i]->ent, "product"))) {
				prev = tm[i];
				break;
			}
		for (size_t i = 0; i < ntm && !prev; i++)
			if (tm[i]->ent == models[0])
				prev = tm[i];
		if (prev)
			models[0] = prev->ent;
		for (size_t i = 0; prev && i < ntm; i++) {
			const mention *m = tm[i];
			if (m->s < prev->e || !(is_group(st, m->ent, "model") || is_group(st, m->ent, "product")))
				continue;
			size_t q = zt_skip_space(t, st->tl, prev->e);
			if (zt_starts(t, st->tl, q, "、") || zt_starts(t, st->tl, q, "和") || zt_starts(t, st->tl, q, "及") ||
			    zt_starts(t, st->tl, q, "与") || zt_starts(t, st->tl, q, "，") || (q < st->tl && t[q] == ','))
				q = zt_skip_space(t, st->tl, q + (t[q] == ',' ? 1 : 3));
			if (q != m->s)
				break;
			models[keep++] = m->ent;
			prev = m;
		}
		nmod = keep;
	}
	if (!nd) {
		int d = title_rest_document(st, &tp);
		if (d >= 0)
			docs[nd++] = d;
	}
	int title_says_model = zt_find(t, 0, st->tl, "模型") != NONE || zt_find(t, 0, st->tl, "GPT") != NONE;
	if (!nmod && (has_verb_kind(&tp, "Release"))) {
		int m = title_rest_name(st, &tp, title_says_model);
		if (m >= 0)
			models[nmod++] = m;
	}

	/* what the lead says was released: the first model or product of its
	 * first sentence, else the first one shortly after the title's verb
	 * in the lead paragraph ("发布了国内首款聚焦视频的大模型“新壹视频大模型”") */
	int lead_model = -1;
	for (size_t i = 0; i < nlm && lead_model < 0; i++)
		if (is_group(st, lm[i]->ent, "model") || is_group(st, lm[i]->ent, "product"))
			lead_model = lm[i]->ent;
	if (lead_model < 0 && tp.verb && has_verb_kind(&tp, "Release")) {
		const mention *pm[48];
		size_t npm = mentions_in(st, st->b0, st->lead1, pm, 48);
		for (size_t p = st->b0; lead_model < 0 && (p = zt_find(t, p, st->lead1, tp.verb->phrase)) != NONE;
		     p += tp.verb->len)
			for (size_t i = 0; i < npm && lead_model < 0; i++)
				if (pm[i]->s > p && pm[i]->s < p + 60 &&
				    (is_group(st, pm[i]->ent, "model") || is_group(st, pm[i]->ent, "product")))
					lead_model = pm[i]->ent;
	}

	/* kind from what the title is about */
	int authority = 0;
	for (size_t i = 0; i < no; i++)
		authority |= is_type(st, orgs[i], "Authority");
	/* countries signing (签署/达成) a document agree on it */
	int signs = tp.verb && !strcmp(tp.verb->value, "Agreement") && tp.verb->len > 3;
	if (!kind) {
		if (signs && (nj || no))
			kind = "Agreement";
		else if (nd && !has_verb_kind(&tp, "FundingRound"))
			kind = "RegulatoryAction";
		else if (authority || (!no && nj))
			kind = "RegulatoryAction";
		else if (tp.verb && !strcmp(tp.verb->value, "RegulatoryAction") && no && !company_actor(st, orgs, no))
			kind = "RegulatoryAction";   /* a public or international body adopted something */
		else if (has_verb_kind(&tp, "Release") && (nmod || title_says_model || lead_model >= 0 || nw))
			kind = "Release";
		else if (has_verb_kind(&tp, "Agreement"))
			kind = "Agreement";
		else if (st->item->section == ZT_SEC_LEGAL && !no)
			kind = "RegulatoryAction";
		else
			kind = "CorporateAction";
	}

	/* a headline of two pieces of news ("Cognition 发布 … Devin，完成 …
	 * A 轮融资"): a money cue in one clause of the title and a release
	 * verb naming what was released in another make a funding round that
	 * is also a release */
	const char *also = NULL;
	if (!strcmp(kind, "FundingRound") && cue_at != NONE && cue_at >= t0 && cue_at < st->tl &&
	    (nmod || lead_model >= 0)) {
		size_t cs = clause_start(t, t0, cue_at), ce = clause_end(t, st->tl, cue_at);
		for (size_t p = t0, adv; p < st->tl && !also; p += adv) {
			zt_u8_at(t, st->tl, p, &adv);
			const zt_rule *r = x_rule_at(st, ZT_R_VERB, p);
			if (r && !strcmp(r->value, "Release") && (p + r->len <= cs || p >= ce) &&
			    !x_mention_at(st, p, p + r->len) && !in_past(st, t0, p))
				also = "Release";
		}
	}

	zt_x_event *ev = x_event_new(st, kind);
	if (!ev)
		return ZT_ERR_NOMEM;
	ev->also = also;
	if (!(ev->title = zt_squash(t, st->tl)))
		return ZT_ERR_NOMEM;
	choose_date(st, ev);

	/* actors */
	int actors[16];
	size_t na = 0;
	int investee = -1;
	if (!strcmp(kind, "FundingRound")) {
		/* who raised: the last organisation of the subject that is not an investor */
		for (size_t i = no; i > 0 && investee < 0; i--)
			if (!is_type(st, orgs[i - 1], "Investor") || no == 1)
				investee = orgs[i - 1];
		if (investee < 0) {
			size_t s, e;
			investee = subject_name(st, t0, subj_end, "Company", 1, &s, &e);
		}
		if (investee < 0)
			for (size_t i = 0; i < nlm && investee < 0; i++)
				if (is_type(st, lm[i]->ent, "Company") && !attributed(st, lm[i]))
					investee = lm[i]->ent;
		if (investee >= 0) {
			actors[na++] = investee;
			x_fact_ent(st, ev, "investee", investee, 0, 0);
		}
	} else if (!strcmp(kind, "Agreement")) {
		for (size_t i = 0; i < nj && na < 16; i++)
			if (!is_type(st, jurs[i], "Region"))
				actors[na++] = jurs[i];
		for (size_t i = 0; i < no && na < 16; i++)
			actors[na++] = orgs[i];
		if (!na)
			for (size_t i = 0; i < nlm && na < 16; i++)
				if ((is_group(st, lm[i]->ent, "jur") && !is_type(st, lm[i]->ent, "Region")) ||
				    is_group(st, lm[i]->ent, "org"))
					actors[na++] = lm[i]->ent;
	} else {
		for (size_t i = 0; i < no && na < 16; i++)
			actors[na++] = orgs[i];
		if (strcmp(kind, "RegulatoryAction") != 0 || !na)
			for (size_t i = 0; i < np && na < 16; i++)
				actors[na++] = people[i];
		if (!na && !strcmp(kind, "RegulatoryAction")) {
			/* a place acted: the body says which public body of it (not the
			 * newspaper it is quoted from: "据《日本经济新闻》报道") */
			for (size_t i = 0; i < nlm && !na; i++)
				if (is_type(st, lm[i]->ent, "Authority") && !attributed(st, lm[i]))
					actors[na++] = lm[i]->ent;
		}
		if (!na && !strcmp(kind, "CourtCase")) {
			/* "多位创作者起诉…": the court the lead names acted */
			for (size_t i = 0; i < nlm && !na; i++)
				if (is_type(st, lm[i]->ent, "Court"))
					actors[na++] = lm[i]->ent;
			const mention *bm[48];
			size_t nbm = mentions_in(st, st->b0, st->b1, bm, 48);
			for (size_t i = 0; i < nbm && !na; i++)
				if (is_type(st, bm[i]->ent, "Court"))
					actors[na++] = bm[i]->ent;
		}
		if (!na)
			for (size_t i = 0; i < nj && na < 16; i++)
				actors[na++] = jurs[i];
		if (!na && tp.verb && strcmp(kind, "RegulatoryAction") != 0 && strcmp(kind, "CourtCase") != 0) {
			/* "Photoshop 测试版推出…" names a product; the lead says who did
			 * it: an organisation right before the title's verb there
			 * ("Adobe 公司推出了…") */
			for (size_t i = 0; i < nlm && !na; i++) {
				if (!is_group(st, lm[i]->ent, "org"))
					continue;
				size_t q = lm[i]->e, lim = q + 20 < lead_end ? q + 20 : lead_end;
				if (zt_find(t, q, lim, tp.verb->phrase) != NONE)
					actors[na++] = lm[i]->ent;
			}
		}
		if (!na && strcmp(kind, "RegulatoryAction") != 0 && strcmp(kind, "CourtCase") != 0) {
			size_t s, e;
			int c = subject_name(st, t0, subj_end, "Company", 0, &s, &e);
			if (c >= 0)
				actors[na++] = c;
		}
		if (!na)
			for (size_t i = 0; i < nlm && !na; i++)
				if (is_group(st, lm[i]->ent, "org") || is_group(st, lm[i]->ent, "jur") ||
				    is_group(st, lm[i]->ent, "person"))
					actors[na++] = lm[i]->ent;
	}
	if (!na && strcmp(kind, "CourtCase") != 0) {
		/* "学而思MathGPT", "阿里巴巴夸克": a name glued before the model the
		 * subject names is its maker */
		for (size_t i = 0; i < k && !na; i++) {
			if (!(is_group(st, ms[i]->ent, "model") || is_group(st, ms[i]->ent, "product")))
				continue;
			size_t e = ms[i]->s, s, chars = 0;
			while (e > t0 && t[e - 1] == ' ')
				e--;
			s = e;
			while (s > t0 && chars < 5) {
				size_t p = zt_u8_prev(t, s), adv;
				if (!zt_is_cjk(zt_u8_at(t, e, p, &adv)) || x_mention_at(st, p, s))
					break;
				s = p;
				chars++;
			}
			if (chars >= 2 && chars <= 4 && (s == t0 || !zt_is_cjk(zt_u8_before(t, s))) &&
			    !zt_rules_cover2(R, ZT_R_GENERIC, ZT_R_COMMON, t, s, e)) {
				int c = x_entity(st, t + s, e - s, "Company");
				if (c >= 0 && x_add_mention(st, s, e, c, HOW_LIST) == 0)
					actors[na++] = c;
			}
		}
	}
	for (size_t i = 0; i < na; i++) {
		size_t s = 0, l = 0;
		for (size_t q = 0; q < st->nm; q++)
			if (st->m[q].ent == actors[i]) {
				s = st->m[q].s;
				l = st->m[q].e - st->m[q].s;
				if (s < st->b1)
					break;
			}
		x_fact_ent(st, ev, "actor", actors[i], s, l);
	}
	(void)org_s;
	(void)org_e;

	/* objects */
	int objects[24];
	size_t nob = 0;
	zt_span when = ev->date.span;
	if (!strcmp(kind, "RegulatoryAction") || !strcmp(kind, "Agreement")) {
		for (size_t i = 0; i < nd && nob < 24; i++)
			objects[nob++] = docs[i];
		if (!nob && !strcmp(kind, "RegulatoryAction"))
			for (size_t i = 0; i < nro && nob < 24; i++)
				objects[nob++] = rest_orgs[i];
		if (!nob) {
			int f[16];
			size_t nf = filing_objects(st, f, 16, when);
			for (size_t i = 0; i < nf && nob < 24; i++)
				objects[nob++] = f[i];
		}
		/* "学而思MathGPT大模型备案通过": the model the title names */
		for (size_t i = 0; i < nmod && !nob && !strcmp(kind, "RegulatoryAction"); i++)
			objects[nob++] = models[i];
		if (!nob && !strcmp(kind, "RegulatoryAction")) {
			/* the first document of the lead paragraph */
			const mention *pm[48];
			size_t npm = mentions_in(st, st->b0, st->lead1, pm, 48);
			for (size_t i = 0; i < npm && !nob; i++)
				if (is_group(st, pm[i]->ent, "doc"))
					objects[nob++] = pm[i]->ent;
		}
		if (!nob && !strcmp(kind, "Agreement")) {
			const mention *pm[48];
			size_t npm = mentions_in(st, st->b0, lead_end, pm, 48);
			for (size_t i = 0; i < npm && !nob; i++)
				if (is_group(st, pm[i]->ent, "doc") && !is_type(st, pm[i]->ent, "Law"))
					objects[nob++] = pm[i]->ent;
		}
		for (size_t i = 0; i < nob; i++)
			if (is_group(st, objects[i], "doc"))
				for (size_t a = 0; a < na; a++)
					if (is_group(st, actors[a], "org") || is_group(st, actors[a], "jur"))
						x_rel(st, objects[i], "issued_by", actors[a], ZT_SPAN_ALWAYS);
	} else if (!strcmp(kind, "Release") || !strcmp(kind, "CorporateAction") || also) {
		for (size_t i = 0; i < nmod && nob < 24; i++)
			objects[nob++] = models[i];
		if (!nob && (!strcmp(kind, "Release") || also) && lead_model >= 0)
			objects[nob++] = lead_model;
		for (size_t i = 0; i < nw && !nob && !strcmp(kind, "Release"); i++)
			objects[nob++] = works[i];
		/* the releasing company developed what it released */
		for (size_t i = 0; i < nob; i++)
			for (size_t a = 0; a < na; a++)
				if (is_group(st, objects[i], "model") || is_group(st, objects[i], "product"))
					if (is_type(st, actors[a], "Company") || is_type(st, actors[a], "Institute")) {
						x_rel(st, objects[i], "developer", actors[a], ZT_SPAN_ALWAYS);
						x_rel(st, actors[a], "developed", objects[i], ZT_SPAN_ALWAYS);
					}
	}
	for (size_t i = 0; i < nob; i++) {
		size_t s = 0, l = 0;
		for (size_t q = 0; q < st->nm; q++)
			if (st->m[q].ent == objects[i]) {
				s = st->m[q].s;
				l = st->m[q].e - st->m[q].s;
				break;
			}
		int dup = 0;
		for (size_t a = 0; a < na; a++)
			dup |= actors[a] == objects[i];
		if (!dup)
			x_fact_ent(st, ev, "object", objects[i], s, l);
	}

	if (!strcmp(kind, "FundingRound")) {
		find_money(st, 0, st->tl);
		find_money(st, st->b0, st->lead1);
		funding_money(st, ev);
		funding_round(st, ev);
		if (investee >= 0)
			funding_investors(st, ev, investee);
	}
	if (!strcmp(kind, "CourtCase"))
		court_details(st, ev, &tp);

	topics(st, ev);
	jurisdictions(st, ev, actors, na);
	(void)cue_at;
	(void)cue_len;

	return ZT_OK;
}

/* ------------------------------------------------------------ report rows */

static zt_status row_event(item_state *st)
{
	const zt_funding_row *r = st->item->row;
	zt_x_event *ev = x_event_new(st, "FundingRound");
	if (!ev)
		return ZT_ERR_NOMEM;
	if (!(ev->title = zt_squash(st->t, st->tl)))
		return ZT_ERR_NOMEM;
	zt_date d;
	if (zt_date_parse(r->date, strlen(r->date), &d, NULL) == ZT_OK)
		ev->date = d;
	else if (st->doc->has_published)
		ev->date = st->doc->published;
	else
		zt_date_make(1970, 1, 1, &ev->date, NULL);
	int co = -1;
	const mention *ms[8];
	size_t k = mentions_in(st, 0, st->tl, ms, 8);
	if (k && is_group(st, ms[0]->ent, "org") && ms[0]->s == 0)
		co = ms[0]->ent;
	if (co < 0 && *r->company)
		co = x_entity(st, r->company, strlen(r->company), "Company");
	if (co >= 0) {
		x_fact_ent(st, ev, "investee", co, 0, strlen(r->company));
		x_fact_ent(st, ev, "actor", co, 0, strlen(r->company));
	}
	double v;
	char cur[4];
	if (zt_money_parse(r->amount, strlen(r->amount), &v, cur, NULL) == ZT_OK) {
		char buf[64];
		zt_money_format(v, cur, buf, sizeof buf);
		if (plausible_money(st, v, buf))
			x_fact_lit(st, ev, "amount", ZT_MONEY, buf, NULL, 0, 0);
	}
	if (*r->round) {
		const zt_rule *rr = zt_rules_get(st->ctx->rules, ZT_R_ROUND, r->round, strlen(r->round));
		char buf[16];
		snprintf(buf, sizeof buf, "%s", rr ? rr->value : r->round);
		/* "B 轮" → "B" */
		char *sp = strstr(buf, "轮");
		if (sp)
			*sp = 0;
		char *tb = zt_tidy(buf, strlen(buf));
		if (tb && *tb)
			x_fact_lit(st, ev, "round", ZT_TEXT, tb, NULL, 0, 0);
		free(tb);
	}
	/* investors: the body carries the same list after "投资机构：" */
	size_t p = zt_find(st->t, st->b0, st->b1, "投资机构：");
	if (p != NONE && co >= 0) {
		size_t s = p + strlen("投资机构：");
		size_t e = zt_find(st->t, s, st->b1, "。");
		if (e == NONE)
			e = st->b1;
		int inv[16];
		size_t ni = parse_list(st, s, e, inv, 16);
		for (size_t i = 0; i < ni; i++) {
			x_fact_ent(st, ev, "investor", inv[i], 0, 0);
			x_rel(st, inv[i], "invested_in", co, ev->date.span);
		}
	}
	return ZT_OK;
}

/* ------------------------------------------------------------ prose */

/* Report and generic prose: an event only when a sentence says plainly
 * that someone issued a document on a date ("2023年6月，世界经济论坛发布了
 * 《…》").  Entities come from the mentions either way. */
static zt_status prose_events(item_state *st)
{
	if (st->doc->layout == ZT_LAYOUT_REPORT)
		return ZT_OK;   /* reports: entities only, see import/readers.h */
	const char *t = st->t;
	size_t n = st->n;
	static const char *const verbs[] = { "发布了", "发布", "通过了", "通过", "印发", "出台", "推出了", "推出" };
	for (size_t i = 0; i < n;) {
		/* sentence [i, e) */
		size_t e = i, adv;
		while (e < n) {
			uint32_t c = zt_u8_at(t, n, e, &adv);
			e += adv;
			if (c == 0x3002 || c == '\n')
				break;
		}
		date_m d[4];
		size_t nd = find_dates(st, i, e, NULL, d, 4);
		if (nd) {
			for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++) {
				size_t p = zt_find(t, i, e, verbs[v]);
				if (p == NONE)
					continue;
				const mention *ms[16];
				size_t k = mentions_in(st, i, e, ms, 16);
				int actor = -1, doc = -1;
				for (size_t q = 0; q < k; q++) {
					if (ms[q]->e <= p && (is_group(st, ms[q]->ent, "org") || is_group(st, ms[q]->ent, "jur")))
						actor = ms[q]->ent;
					if (ms[q]->s >= p && ms[q]->s <= p + strlen(verbs[v]) + 3 && is_group(st, ms[q]->ent, "doc") && doc < 0)
						doc = ms[q]->ent;
				}
				if (actor >= 0 && doc >= 0) {
					zt_x_event *ev = x_event_new(st, "RegulatoryAction");
					if (!ev)
						return ZT_ERR_NOMEM;
					ev->title = zt_tidy(t + i, e - i);
					ev->date = d[0].date;
					ev->date_off = d[0].s;
					ev->date_len = d[0].e - d[0].s;
					x_fact_ent(st, ev, "actor", actor, 0, 0);
					x_fact_ent(st, ev, "object", doc, 0, 0);
					x_rel(st, doc, "issued_by", actor, ZT_SPAN_ALWAYS);
				}
				break;
			}
		}
		i = e;
	}
	return ZT_OK;
}

zt_status x_item_events(item_state *st)
{
	switch (st->item->kind) {
	case ZT_ITEM_FUNDING_ROW: return row_event(st);
	case ZT_ITEM_PROSE: return prose_events(st);
	default: return news_event(st);
	}
}
