/* test_store.c — the LMDB store: dictionary, facts, time, supports,
 * sources, names, check, map growth, open errors, bulk load. */
#include <check.h>
#include <fcntl.h>
#include <lmdb.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>

#include "store/store.h"

static char dir[256];
static zt_store *st;

static void rmrf(const char *path)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", path);
}

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/zt-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	strcat(dir, "/db");
	zt_error err = { 0 };
	ck_assert_int_eq(zt_store_open(dir, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &st, &err), ZT_OK);
}

static void teardown(void)
{
	zt_store_close(st);
	st = NULL;
	char *slash = strrchr(dir, '/');
	*slash = 0;
	rmrf(dir);
}

static zt_txn *wtxn(void)
{
	zt_txn *t;
	ck_assert_int_eq(zt_txn_begin(st, 1, &t, NULL), ZT_OK);
	return t;
}

static zt_txn *rtxn(void)
{
	zt_txn *t;
	ck_assert_int_eq(zt_txn_begin(st, 0, &t, NULL), ZT_OK);
	return t;
}

static void commit(zt_txn *t)
{
	zt_error err = { 0 };
	zt_status s = zt_txn_commit(t, &err);
	ck_assert_msg(s == ZT_OK, "commit: %s", err.msg);
}

static zt_id iri(zt_txn *t, const char *s)
{
	zt_term term = zt_iri(s);
	zt_id id;
	ck_assert_int_eq(zt_intern(t, &term, &id), ZT_OK);
	return id;
}

static zt_id text(zt_txn *t, const char *s, const char *lang)
{
	zt_term term = zt_text(s, lang);
	zt_id id;
	ck_assert_int_eq(zt_intern(t, &term, &id), ZT_OK);
	return id;
}

static size_t count(zt_txn *t, zt_id s, zt_id p, zt_id o, zt_span tm)
{
	zt_iter *it;
	ck_assert_int_eq(zt_match(t, s, p, o, tm, &it), ZT_OK);
	zt_fact f;
	size_t n = 0;
	zt_status r;
	while ((r = zt_iter_next(it, &f)) == ZT_OK) {
		if (s) ck_assert(f.s == s);
		if (p) ck_assert(f.p == p);
		if (o) ck_assert(f.o == o);
		n++;
	}
	ck_assert_int_eq(r, ZT_DONE);
	zt_iter_free(it);
	return n;
}

static void assert_check_ok(void)
{
	zt_txn *t = rtxn();
	uint64_t problems = 99;
	zt_error err = { 0 };
	zt_status s = zt_store_check(t, &problems, &err);
	ck_assert_msg(s == ZT_OK, "check: %s", err.msg);
	ck_assert_uint_eq(problems, 0);
	zt_txn_abort(t);
}

static zt_span day(int32_t d) { return (zt_span){ d, d }; }

/* ---------------------------------------------------------- dictionary */

START_TEST(intern_round_trip)
{
	zt_txn *t = wtxn();
	char *longs = malloc(5000);
	memset(longs, 'x', 4999);
	longs[4999] = 0;
	zt_term terms[] = {
		zt_iri("urn:zhitu:e:org/openai"),
		zt_text("欧盟委员会", "zh"),
		zt_text("European Commission", "en"),
		zt_text("无语言", NULL),
		zt_lit(ZT_DATE, "2024-05-14"),
		zt_lit(ZT_NUMBER, "2.5"),
		zt_lit(ZT_MONEY, "6000000000 USD"),
		{ .kind = ZT_TYPED, .str = "x", .len = 1, .extra = "http://ex/dt", .extra_len = 12 },
		{ .kind = ZT_BLANK, .str = "b0", .len = 2 },
		zt_iri(longs),
		zt_text(longs, "zh"),
	};
	size_t n = sizeof terms / sizeof terms[0];
	zt_id ids[16];
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(zt_intern(t, &terms[i], &ids[i]), ZT_OK);
		ck_assert(ids[i] != 0);
		ck_assert_int_eq(zt_id_kind(ids[i]), terms[i].kind);
		for (size_t j = 0; j < i; j++)
			ck_assert(ids[i] != ids[j]);
		zt_id again;
		ck_assert_int_eq(zt_intern(t, &terms[i], &again), ZT_OK);
		ck_assert(again == ids[i]);
	}
	commit(t);
	t = rtxn();
	for (size_t i = 0; i < n; i++) {
		zt_id id;
		ck_assert_int_eq(zt_lookup(t, &terms[i], &id), ZT_OK);
		ck_assert(id == ids[i]);
		zt_term back;
		ck_assert_int_eq(zt_term_of(t, id, &back), ZT_OK);
		ck_assert_int_eq(back.kind, terms[i].kind);
		ck_assert_uint_eq(back.len, terms[i].len);
		ck_assert(memcmp(back.str, terms[i].str, back.len) == 0);
		ck_assert_int_eq(back.str[back.len], 0);   /* NUL-terminated in place */
		ck_assert_uint_eq(back.extra_len, terms[i].extra_len);
		if (back.extra_len)
			ck_assert(memcmp(back.extra, terms[i].extra, back.extra_len) == 0);
	}
	/* Same text, other language: another term. */
	zt_term en = zt_text("欧盟委员会", "en");
	zt_id id;
	ck_assert_int_eq(zt_lookup(t, &en, &id), ZT_NOTFOUND);
	/* A read txn cannot intern. */
	ck_assert_int_eq(zt_intern(t, &en, &id), ZT_ERR_READONLY);
	zt_txn_abort(t);
	free(longs);
	assert_check_ok();
}
END_TEST

START_TEST(long_terms_share_hash_prefix)
{
	/* Many long terms differing only at the end: every one distinct. */
	zt_txn *t = wtxn();
	char *buf = malloc(2000);
	memset(buf, 'a', 1990);
	zt_id ids[50];
	for (int i = 0; i < 50; i++) {
		snprintf(buf + 1990, 10, "%05d", i);
		ids[i] = iri(t, buf);
		for (int j = 0; j < i; j++)
			ck_assert(ids[i] != ids[j]);
	}
	for (int i = 0; i < 50; i++) {
		snprintf(buf + 1990, 10, "%05d", i);
		ck_assert(iri(t, buf) == ids[i]);
	}
	commit(t);
	free(buf);
	assert_check_ok();
}
END_TEST

/* --------------------------------------------------------------- facts */

START_TEST(match_every_pattern)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), b = iri(t, "urn:b"), c = iri(t, "urn:c");
	zt_id p = iri(t, "urn:p"), q = iri(t, "urn:q");
	zt_id facts[][3] = { { a, p, b }, { a, p, c }, { a, q, b }, { b, p, c }, { c, q, a }, { b, q, b } };
	for (size_t i = 0; i < 6; i++)
		ck_assert_int_eq(zt_fact_add(t, facts[i][0], facts[i][1], facts[i][2], ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	/* adding again is a no-op */
	ck_assert_int_eq(zt_fact_add(t, a, p, b, ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	commit(t);
	t = rtxn();
	zt_id ids[] = { 0, a, b, c, p, q };
	for (int si = 0; si < 4; si++)
		for (int pi = 0; pi < 3; pi++)
			for (int oi = 0; oi < 4; oi++) {
				zt_id s = si ? ids[si] : 0, pp = pi ? ids[3 + pi] : 0, o = oi ? ids[oi] : 0;
				size_t want = 0;
				for (size_t i = 0; i < 6; i++)
					if ((!s || facts[i][0] == s) && (!pp || facts[i][1] == pp) && (!o || facts[i][2] == o))
						want++;
				ck_assert_uint_eq(count(t, s, pp, o, ZT_SPAN_ALWAYS), want);
				uint64_t est;
				ck_assert_int_eq(zt_match_estimate(t, s, pp, o, &est), ZT_OK);
				ck_assert_uint_eq(est, want);    /* small ranges are exact */
			}
	ck_assert_str_eq(zt_match_index(a, 0, 0), "SPO");
	ck_assert_str_eq(zt_match_index(0, p, 0), "POS");
	ck_assert_str_eq(zt_match_index(0, 0, b), "OSP");
	ck_assert_str_eq(zt_match_index(a, 0, b), "OSP");
	ck_assert_str_eq(zt_match_index(a, p, b), "SPO");
	zt_fact f;
	ck_assert_int_eq(zt_fact_get(t, a, p, b, &f), ZT_OK);
	ck_assert(zt_span_is_always(f.time));
	ck_assert_int_eq(zt_fact_get(t, b, p, a, NULL), ZT_NOTFOUND);
	zt_txn_abort(t);
	assert_check_ok();
}
END_TEST

START_TEST(time_filter_and_index)
{
	zt_txn *t = wtxn();
	zt_id e1 = iri(t, "urn:e1"), e2 = iri(t, "urn:e2"), e3 = iri(t, "urn:e3");
	zt_id p = iri(t, "urn:p"), o = iri(t, "urn:o");
	ck_assert_int_eq(zt_fact_add(t, e1, p, o, day(100), 0, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, e2, p, o, (zt_span){ 150, 180 }, 0, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, e3, p, o, ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, e1, p, e2, day(-5), 0, 0), ZT_OK);   /* before 1970 */
	commit(t);
	t = rtxn();
	ck_assert_uint_eq(count(t, 0, p, o, ZT_SPAN_ALWAYS), 3);
	ck_assert_uint_eq(count(t, 0, p, o, day(100)), 2);            /* e1 + timeless e3 */
	ck_assert_uint_eq(count(t, 0, p, o, (zt_span){ 160, 160 }), 2);/* inside e2's range */
	ck_assert_uint_eq(count(t, 0, p, o, (zt_span){ 101, 149 }), 1);/* only timeless */
	ck_assert_uint_eq(count(t, 0, 0, 0, (zt_span){ -10, 0 }), 2);  /* day -5 + timeless */
	/* time index: timeless facts are not in it */
	zt_iter *it;
	ck_assert_int_eq(zt_match_time(t, (zt_span){ 170, 1000 }, &it), ZT_OK);
	zt_fact f;
	size_t n = 0;
	while (zt_iter_next(it, &f) == ZT_OK) {
		ck_assert(f.s == e2);
		ck_assert_int_eq(f.time.from, 150);
		n++;
	}
	zt_iter_free(it);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(zt_match_time(t, (zt_span){ -100, 100 }, &it), ZT_OK);
	n = 0;
	while (zt_iter_next(it, &f) == ZT_OK)
		n++;
	zt_iter_free(it);
	ck_assert_uint_eq(n, 2);
	zt_txn_abort(t);
	assert_check_ok();
}
END_TEST

START_TEST(supports_and_forget)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), p = iri(t, "urn:p"), b = iri(t, "urn:b"), c = iri(t, "urn:c");
	zt_id s1, s2;
	int unchanged;
	ck_assert_int_eq(zt_source_begin(t, "one", "h1", 100, &s1, &unchanged), ZT_OK);
	ck_assert_int_eq(unchanged, 0);
	ck_assert_int_eq(zt_source_begin(t, "two", "h2", 200, &s2, &unchanged), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(10), s1, 1), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(20), s2, 4), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, c, day(30), s1, 2), ZT_OK);
	ck_assert_int_eq(zt_source_end(t, s1), ZT_OK);
	ck_assert_int_eq(zt_source_end(t, s2), ZT_OK);
	commit(t);

	t = rtxn();
	zt_fact f;
	ck_assert_int_eq(zt_fact_get(t, a, p, b, &f), ZT_OK);
	ck_assert_int_eq(f.time.from, 10);     /* hull of both supports */
	ck_assert_int_eq(f.time.to, 20);
	zt_support sup[4];
	size_t n;
	ck_assert_int_eq(zt_fact_supports(t, a, p, b, sup, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert(sup[0].source == s1 || sup[1].source == s1);
	zt_source_info info;
	ck_assert_int_eq(zt_source_get(t, s1, &info), ZT_OK);
	ck_assert_str_eq(info.name, "one");
	ck_assert_str_eq(info.hash, "h1");
	ck_assert_int_eq(info.published, 100);
	ck_assert_uint_eq(info.facts, 2);
	ck_assert(info.imported > 0);
	zt_txn_abort(t);
	assert_check_ok();

	/* forget one: the shared fact stays with the other's time */
	t = wtxn();
	ck_assert_int_eq(zt_source_forget(t, "one"), ZT_OK);
	ck_assert_int_eq(zt_source_forget(t, "one"), ZT_NOTFOUND);
	ck_assert_int_eq(zt_source_forget(t, "nothing"), ZT_NOTFOUND);
	commit(t);
	t = rtxn();
	ck_assert_int_eq(zt_fact_get(t, a, p, b, &f), ZT_OK);
	ck_assert_int_eq(f.time.from, 20);
	ck_assert_int_eq(f.time.to, 20);
	ck_assert_int_eq(zt_fact_get(t, a, p, c, &f), ZT_NOTFOUND);
	ck_assert_int_eq(zt_source_get(t, s1, &info), ZT_NOTFOUND);
	ck_assert_int_eq(zt_source_get(t, s2, &info), ZT_OK);
	ck_assert_uint_eq(info.facts, 1);
	zt_iter *it;
	ck_assert_int_eq(zt_match_time(t, day(30), &it), ZT_OK);
	ck_assert_int_eq(zt_iter_next(it, &f), ZT_DONE);
	zt_iter_free(it);
	zt_txn_abort(t);
	assert_check_ok();
}
END_TEST

START_TEST(iter_supports_every_index)
{
	zt_txn *t = wtxn();
	zt_id a, b, s = iri(t, "urn:s"), p = iri(t, "urn:p"), o = iri(t, "urn:o");
	ck_assert_int_eq(zt_source_begin(t, "a", "h", 0, &a, NULL), ZT_OK);
	ck_assert_int_eq(zt_source_begin(t, "b", "h", 0, &b, NULL), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, s, p, o, day(5), a, 3), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, o, p, s, day(7), a, 4), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, o, p, s, day(9), b, 1), ZT_OK);
	commit(t);
	t = rtxn();
	zt_id pats[][3] = { { 0, 0, 0 }, { s, 0, 0 }, { 0, p, 0 }, { 0, 0, o }, { o, p, s } };
	for (size_t i = 0; i < 5; i++) {
		zt_iter *it;
		zt_support sup[4];
		size_t n;
		ck_assert_int_eq(zt_match(t, pats[i][0], pats[i][1], pats[i][2], ZT_SPAN_ALWAYS, &it), ZT_OK);
		ck_assert_int_eq(zt_iter_supports(it, sup, 4, &n), ZT_ERR_ARG);    /* no fact yet */
		zt_fact f;
		size_t facts = 0;
		while (zt_iter_next(it, &f) == ZT_OK) {
			facts++;
			ck_assert_int_eq(zt_iter_supports(it, sup, 4, &n), ZT_OK);
			if (f.s == s) {
				ck_assert_uint_eq(n, 1);
				ck_assert(sup[0].source == a && sup[0].item == 3 && sup[0].time.from == 5);
			} else {
				ck_assert_uint_eq(n, 2);
				ck_assert(sup[0].source != sup[1].source);
				ck_assert(f.time.from == 7 && f.time.to == 9);
			}
		}
		ck_assert_uint_gt(facts, 0);
		zt_iter_free(it);
	}
	zt_iter *it;
	ck_assert_int_eq(zt_match_time(t, (zt_span){ 0, 100 }, &it), ZT_OK);
	zt_fact f;
	size_t n;
	zt_support sup[4];
	ck_assert_int_eq(zt_iter_next(it, &f), ZT_OK);
	ck_assert_int_eq(zt_iter_supports(it, sup, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	zt_iter_free(it);
	zt_txn_abort(t);
}
END_TEST

START_TEST(retract)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), p = iri(t, "urn:p"), b = iri(t, "urn:b");
	zt_id s1;
	ck_assert_int_eq(zt_source_begin(t, "one", "h", 0, &s1, NULL), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(5), s1, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_retract(t, a, p, b, s1), ZT_OK);
	ck_assert_int_eq(zt_fact_retract(t, a, p, b, s1), ZT_NOTFOUND);
	zt_fact f;
	ck_assert_int_eq(zt_fact_get(t, a, p, b, &f), ZT_OK);   /* unsourced support left */
	ck_assert(zt_span_is_always(f.time));
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(5), s1, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_retract(t, a, p, b, 0), ZT_OK); /* everything */
	ck_assert_int_eq(zt_fact_get(t, a, p, b, &f), ZT_NOTFOUND);
	ck_assert_int_eq(zt_fact_retract(t, a, p, b, 0), ZT_NOTFOUND);
	commit(t);
	assert_check_ok();
}
END_TEST

START_TEST(same_hash_noop_changed_hash_replaces)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), p = iri(t, "urn:p"), b = iri(t, "urn:b"), c = iri(t, "urn:c");
	zt_id src;
	int unchanged;
	ck_assert_int_eq(zt_source_begin(t, "issue", "AAA", 10, &src, &unchanged), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(1), src, 0), ZT_OK);
	ck_assert_int_eq(zt_source_end(t, src), ZT_OK);
	commit(t);

	t = wtxn();
	zt_id again;
	ck_assert_int_eq(zt_source_begin(t, "issue", "AAA", 10, &again, &unchanged), ZT_OK);
	ck_assert_int_eq(unchanged, 1);
	ck_assert(again == src);
	commit(t);

	t = wtxn();
	ck_assert_int_eq(zt_source_begin(t, "issue", "BBB", 11, &again, &unchanged), ZT_OK);
	ck_assert_int_eq(unchanged, 0);
	ck_assert_int_eq(zt_fact_get(t, a, p, b, NULL), ZT_NOTFOUND);   /* old content gone */
	ck_assert_int_eq(zt_fact_add(t, a, p, c, day(2), again, 0), ZT_OK);
	ck_assert_int_eq(zt_source_end(t, again), ZT_OK);
	commit(t);

	t = rtxn();
	ck_assert_int_eq(zt_fact_get(t, a, p, c, NULL), ZT_OK);
	zt_source_info info;
	ck_assert_int_eq(zt_source_get(t, src, &info), ZT_OK);
	ck_assert_str_eq(info.hash, "BBB");
	ck_assert_int_eq(info.published, 11);
	ck_assert_uint_eq(info.facts, 1);
	zt_txn_abort(t);
	assert_check_ok();
}
END_TEST

static int list_cb(void *ctx, const zt_source_info *info)
{
	char *buf = ctx;
	strcat(buf, info->name);
	strcat(buf, ",");
	return 0;
}

START_TEST(source_list_in_name_order)
{
	zt_txn *t = wtxn();
	const char *names[] = { "b-issue", "a-issue", "c", "中文期刊" };
	for (int i = 0; i < 4; i++) {
		zt_id s;
		ck_assert_int_eq(zt_source_begin(t, names[i], "h", 0, &s, NULL), ZT_OK);
		ck_assert_int_eq(zt_source_end(t, s), ZT_OK);
	}
	commit(t);
	t = rtxn();
	char buf[256] = "";
	ck_assert_int_eq(zt_source_list(t, list_cb, buf), ZT_OK);
	ck_assert_str_eq(buf, "a-issue,b-issue,c,中文期刊,");
	zt_txn_abort(t);
}
END_TEST

/* ---------------------------------------------------------------- names */

struct pfx { char keys[1024]; size_t n; };

static int prefix_cb(void *ctx, const char *key, size_t len, zt_id node)
{
	struct pfx *p = ctx;
	(void)node;
	strncat(p->keys, key, len);
	strcat(p->keys, "|");
	p->n++;
	return 0;
}

START_TEST(name_index)
{
	zt_txn *t = wtxn();
	zt_id label = iri(t, ZT_RDFS_LABEL), alt = iri(t, ZT_SKOS_ALT);
	zt_id openai = iri(t, "urn:zhitu:e:org/openai"), ms = iri(t, "urn:zhitu:e:org/微软");
	zt_id src;
	ck_assert_int_eq(zt_source_begin(t, "s", "h", 0, &src, NULL), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, openai, label, text(t, "OpenAI", "en"), ZT_SPAN_ALWAYS, src, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, openai, alt, text(t, "Open AI", "en"), ZT_SPAN_ALWAYS, src, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, ms, label, text(t, "微软", "zh"), ZT_SPAN_ALWAYS, src, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, ms, alt, text(t, "Microsoft", "en"), ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	commit(t);

	t = rtxn();
	zt_id out[4];
	size_t n;
	ck_assert_int_eq(zt_name_find(t, "ＯｐｅｎＡＩ", out, 4, &n), ZT_OK);   /* full width */
	ck_assert_uint_eq(n, 1);
	ck_assert(out[0] == openai);
	ck_assert_int_eq(zt_name_find(t, "openai", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(zt_name_find(t, "MICROSOFT", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert(out[0] == ms);
	ck_assert_int_eq(zt_name_find(t, "微软", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(zt_name_find(t, "nobody", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 0);

	struct pfx pf = { "", 0 };
	ck_assert_int_eq(zt_name_prefix(t, "Op", 10, prefix_cb, &pf), ZT_OK);
	ck_assert_str_eq(pf.keys, "openai|");      /* label and alias share the key */
	memset(&pf, 0, sizeof pf);
	ck_assert_int_eq(zt_name_prefix(t, "", 2, prefix_cb, &pf), ZT_OK);
	ck_assert_uint_eq(pf.n, 2);                /* the limit */

	const char *sugg[3];
	ck_assert_int_eq(zt_name_suggest(t, "OpenAl", sugg, 3, &n), ZT_OK);
	ck_assert_uint_ge(n, 1);
	ck_assert(strcmp(sugg[0], "OpenAI") == 0 || strcmp(sugg[0], "Open AI") == 0);
	ck_assert_int_eq(zt_name_suggest(t, "微软公司", sugg, 3, &n), ZT_OK);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(sugg[0], "微软");
	ck_assert_int_eq(zt_name_suggest(t, "zzzzzzzzzzzz", sugg, 3, &n), ZT_OK);
	ck_assert_uint_eq(n, 0);

	ck_assert_str_eq(zt_label_of(t, ms, "zh"), "微软");
	ck_assert_str_eq(zt_label_of(t, ms, NULL), "微软");
	ck_assert_str_eq(zt_label_of(t, ms, "en"), "微软");  /* falls back to any label */
	ck_assert_ptr_null(zt_label_of(t, label, NULL));
	zt_txn_abort(t);
	assert_check_ok();

	/* Removing the label keeps the key while the alias has it. */
	t = wtxn();
	zt_id lab;
	zt_term tl = zt_text("OpenAI", "en");
	ck_assert_int_eq(zt_lookup(t, &tl, &lab), ZT_OK);
	ck_assert_int_eq(zt_fact_retract(t, openai, label, lab, 0), ZT_OK);
	ck_assert_int_eq(zt_name_find(t, "openai", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	/* Forgetting the source removes the alias too, and with it the key;
	 * Microsoft (unsourced) stays. */
	ck_assert_int_eq(zt_source_forget(t, "s"), ZT_OK);
	ck_assert_int_eq(zt_name_find(t, "openai", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(zt_name_find(t, "微软", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(zt_name_find(t, "microsoft", out, 4, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	commit(t);
	assert_check_ok();
}
END_TEST

/* ---------------------------------------------------------------- check */

START_TEST(check_detects_damage)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), p = iri(t, "urn:p"), b = iri(t, "urn:b");
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(3), 0, 0), ZT_OK);
	commit(t);
	assert_check_ok();
	zt_store_close(st);
	st = NULL;

	/* Delete the fact's POS entry behind the store's back. */
	MDB_env *env;
	MDB_txn *mt;
	MDB_dbi pos;
	ck_assert_int_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	ck_assert_int_eq(mdb_env_open(env, dir, 0, 0600), 0);
	ck_assert_int_eq(mdb_txn_begin(env, NULL, 0, &mt), 0);
	ck_assert_int_eq(mdb_dbi_open(mt, "pos", MDB_DUPSORT | MDB_DUPFIXED, &pos), 0);
	unsigned char kb[8];
	for (int i = 0; i < 8; i++)
		kb[i] = (unsigned char)(p >> (56 - 8 * i));
	MDB_val k = { 8, kb };
	ck_assert_int_eq(mdb_del(mt, pos, &k, NULL), 0);
	ck_assert_int_eq(mdb_txn_commit(mt), 0);
	mdb_env_close(env);

	ck_assert_int_eq(zt_store_open(dir, 0, &st, NULL), ZT_OK);
	t = rtxn();
	uint64_t problems = 0;
	zt_error err = { 0 };
	ck_assert_int_eq(zt_store_check(t, &problems, &err), ZT_ERR_CORRUPT);
	ck_assert_uint_ge(problems, 1);
	ck_assert_ptr_nonnull(strstr(err.msg, "POS"));
	zt_txn_abort(t);
}
END_TEST

START_TEST(stats_counts)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), p = iri(t, "urn:p"), b = iri(t, "urn:b");
	zt_id src;
	ck_assert_int_eq(zt_source_begin(t, "s", "h", 0, &src, NULL), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(3), src, 0), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(3), 0, 0), ZT_OK);
	commit(t);
	t = rtxn();
	zt_stats s;
	ck_assert_int_eq(zt_store_stats(t, &s), ZT_OK);
	ck_assert_uint_eq(s.terms, 4);
	ck_assert_uint_eq(s.facts, 1);
	ck_assert_uint_eq(s.supports, 2);
	ck_assert_uint_eq(s.sources, 1);
	ck_assert_uint_eq(s.timed_facts, 1);
	ck_assert(s.map_size >= s.map_used && s.map_used > 0);
	zt_txn_abort(t);
}
END_TEST

/* ------------------------------------------------------ open and errors */

START_TEST(open_errors)
{
	zt_store *x;
	zt_error err = { 0 };
	char path[512];
	/* missing without CREATE */
	snprintf(path, sizeof path, "%s-missing", dir);
	ck_assert_int_eq(zt_store_open(path, 0, &x, &err), ZT_ERR_NOTDB);
	ck_assert_ptr_null(x);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not exist"));
	/* a directory with other files */
	snprintf(path, sizeof path, "%s-other", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	char file[600];
	snprintf(file, sizeof file, "%s/notes.txt", path);
	FILE *f = fopen(file, "w");
	fputs("hello", f);
	fclose(f);
	ck_assert_int_eq(zt_store_open(path, ZT_OPEN_CREATE, &x, &err), ZT_ERR_NOTDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a zhitu database"));
	/* a file instead of a directory */
	ck_assert_int_eq(zt_store_open(file, ZT_OPEN_CREATE, &x, &err), ZT_ERR_NOTDB);
	/* an LMDB environment that is not zhitu's */
	snprintf(path, sizeof path, "%s-lmdb", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	MDB_env *env;
	MDB_txn *mt;
	MDB_dbi dbi;
	mdb_env_create(&env);
	ck_assert_int_eq(mdb_env_open(env, path, 0, 0600), 0);
	mdb_txn_begin(env, NULL, 0, &mt);
	mdb_dbi_open(mt, NULL, 0, &dbi);
	MDB_val k = { 3, "key" }, d = { 3, "val" };
	mdb_put(mt, dbi, &k, &d, 0);
	mdb_txn_commit(mt);
	mdb_env_close(env);
	ck_assert_int_eq(zt_store_open(path, ZT_OPEN_CREATE, &x, &err), ZT_ERR_NOTDB);
	/* permissions of a new database */
	struct stat sb;
	ck_assert_int_eq(stat(dir, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0700);
	snprintf(file, sizeof file, "%s/data.mdb", dir);
	ck_assert_int_eq(stat(file, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0077, 0);
}
END_TEST

START_TEST(version_mismatch)
{
	zt_store_close(st);
	st = NULL;
	MDB_env *env;
	MDB_txn *mt;
	MDB_dbi meta;
	mdb_env_create(&env);
	mdb_env_set_maxdbs(env, 32);
	ck_assert_int_eq(mdb_env_open(env, dir, 0, 0600), 0);
	mdb_txn_begin(env, NULL, 0, &mt);
	ck_assert_int_eq(mdb_dbi_open(mt, "meta", 0, &meta), 0);
	unsigned char v[4] = { 0, 0, 0, 99 };
	MDB_val k = { 7, "version" }, d = { 4, v };
	ck_assert_int_eq(mdb_put(mt, meta, &k, &d, 0), 0);
	mdb_txn_commit(mt);
	mdb_env_close(env);
	zt_error err = { 0 };
	ck_assert_int_eq(zt_store_open(dir, 0, &st, &err), ZT_ERR_VERSION);
	ck_assert_ptr_nonnull(strstr(err.msg, "version 99"));
}
END_TEST

START_TEST(readonly_and_nowait)
{
	zt_store *ro;
	zt_error err = { 0 };
	ck_assert_int_eq(zt_store_open(dir, ZT_OPEN_RDONLY, &ro, &err), ZT_OK);
	zt_txn *t;
	ck_assert_int_eq(zt_txn_begin(ro, 1, &t, &err), ZT_ERR_READONLY);
	zt_store_close(ro);

	/* a writer in another process holds the lock: NOWAIT fails at once */
	int up[2], down[2];   /* child -> parent, parent -> child */
	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(down), 0);
	zt_store_close(st);
	st = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		zt_store *cs;
		zt_txn *ct;
		if (zt_store_open(dir, 0, &cs, NULL) != ZT_OK || zt_txn_begin(cs, 1, &ct, NULL) != ZT_OK)
			_exit(1);
		if (write(up[1], "x", 1) != 1)
			_exit(1);
		char c;
		if (read(down[0], &c, 1) < 0)   /* wait for the parent */
			_exit(1);
		zt_txn_abort(ct);
		zt_store_close(cs);
		_exit(0);
	}
	char c;
	ck_assert_int_eq(read(up[0], &c, 1), 1);
	zt_store *nw;
	ck_assert_int_eq(zt_store_open(dir, ZT_OPEN_NOWAIT, &nw, &err), ZT_OK);
	ck_assert_int_eq(zt_txn_begin(nw, 1, &t, &err), ZT_ERR_BUSY);
	ck_assert_ptr_nonnull(strstr(err.msg, "another process"));
	/* readers do not wait */
	ck_assert_int_eq(zt_txn_begin(nw, 0, &t, &err), ZT_OK);
	zt_txn_abort(t);
	ck_assert_int_eq(write(down[1], "y", 1), 1);
	int status;
	waitpid(pid, &status, 0);
	ck_assert_int_eq(status, 0);
	ck_assert_int_eq(zt_txn_begin(nw, 1, &t, &err), ZT_OK);
	zt_txn_abort(t);
	zt_store_close(nw);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
}
END_TEST

/* ----------------------------------------------------------- map growth */

/* The writes of map_grows_invisibly, as a zt_store_write operation: no
 * assertions inside, since a full map makes them fail until the runner
 * has grown it. */
struct grow_args { int calls; zt_id src; };

static zt_status grow_fn(zt_txn *t, void *ctx, zt_error *err)
{
	(void)err;
	struct grow_args *a = ctx;
	a->calls++;
	zt_status s;
	zt_term tp = zt_iri("urn:p"), tl = zt_iri(ZT_RDFS_LABEL);
	zt_id p, label, src, prev = 0;
	ZT_TRY(s, zt_intern(t, &tp, &p));
	ZT_TRY(s, zt_intern(t, &tl, &label));
	ZT_TRY(s, zt_source_begin(t, "big", "h", 0, &src, NULL));
	char buf[64];
	for (int i = 0; i < 20000; i++) {
		snprintf(buf, sizeof buf, "urn:node:%d", i);
		zt_term tn = zt_iri(buf);
		zt_id n, name;
		ZT_TRY(s, zt_intern(t, &tn, &n));
		snprintf(buf, sizeof buf, "名字%d", i);
		zt_term tt = zt_text(buf, "zh");
		ZT_TRY(s, zt_intern(t, &tt, &name));
		ZT_TRY(s, zt_fact_add(t, n, label, name, ZT_SPAN_ALWAYS, src, 0));
		if (prev)
			ZT_TRY(s, zt_fact_add(t, n, p, prev, day(i), src, (uint32_t)i));
		prev = n;
	}
	a->src = src;
	return zt_source_end(t, src);
}

START_TEST(map_grows_invisibly)
{
	zt_store_close(st);
	st = NULL;
	char path[512];
	snprintf(path, sizeof path, "%s-tiny", dir);
	zt_error err = { 0 };
	ck_assert_int_eq(zt_store_open_with(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, 64 << 10, &st, &err), ZT_OK);

	/* a raw transaction that fills the map fails, spoiled, and the map
	 * grows when it ends */
	zt_txn *t = wtxn();
	zt_stats s0;
	ck_assert_int_eq(zt_store_stats(t, &s0), ZT_OK);
	zt_status r = ZT_OK;
	char buf[64];
	for (int i = 0; i < 20000 && r == ZT_OK; i++) {
		snprintf(buf, sizeof buf, "urn:node:%d", i);
		zt_term tn = zt_iri(buf);
		zt_id n;
		r = zt_intern(t, &tn, &n);
	}
	ck_assert_int_eq(r, ZT_ERR_LIMIT);
	ck_assert_int_eq(zt_txn_map_full(t), 1);
	ck_assert_str_ne(zt_txn_errmsg(t), "");
	zt_term tx = zt_iri("urn:after");
	zt_id x;
	ck_assert_int_ge(zt_intern(t, &tx, &x), ZT_ERR_FIRST);    /* spoiled */
	ck_assert_int_eq(zt_txn_commit(t, &err), ZT_ERR_LIMIT);
	ck_assert_msg(strstr(err.msg, "run the operation again") != NULL, "message: %s", err.msg);
	t = rtxn();
	zt_stats s1;
	ck_assert_int_eq(zt_store_stats(t, &s1), ZT_OK);
	ck_assert_uint_eq(s1.terms, s0.terms);    /* nothing of it was kept */
	ck_assert_uint_gt(s1.map_size, s0.map_size);
	zt_txn_abort(t);

	/* through the runner the operation is run again until it fits */
	struct grow_args a = { 0, 0 };
	ck_assert_msg(zt_store_write(st, grow_fn, &a, &err) == ZT_OK, "write: %s", err.msg);
	ck_assert_int_gt(a.calls, 1);
	t = rtxn();
	zt_stats s;
	zt_store_stats(t, &s);
	ck_assert_uint_eq(s.facts, 39999);
	ck_assert_uint_gt(s.map_size, s1.map_size);
	zt_id out[2];
	size_t n;
	ck_assert_int_eq(zt_name_find(t, "名字19999", out, 2, &n), ZT_OK);
	ck_assert_uint_eq(n, 1);
	zt_source_info info;
	ck_assert_int_eq(zt_source_get(t, a.src, &info), ZT_OK);
	ck_assert_uint_eq(info.facts, 39999);
	zt_txn_abort(t);
	assert_check_ok();

	zt_store_close(st);
	st = NULL;
	rmrf(path);
	ck_assert_int_eq(zt_store_open(dir, 0, &st, NULL), ZT_OK);
}
END_TEST

static zt_status done_fn(zt_txn *t, void *ctx, zt_error *err)
{
	(void)err;
	zt_term tx = zt_iri(ctx);
	zt_id x;
	zt_status s;
	ZT_TRY(s, zt_intern(t, &tx, &x));
	return strcmp(ctx, "urn:keep") == 0 ? ZT_OK : strcmp(ctx, "urn:drop") == 0 ? ZT_DONE : ZT_ERR_ARG;
}

START_TEST(write_runner_outcomes)
{
	zt_error err = { 0 };
	ck_assert_int_eq(zt_store_write(st, done_fn, "urn:keep", &err), ZT_OK);
	ck_assert_int_eq(zt_store_write(st, done_fn, "urn:drop", &err), ZT_OK);
	ck_assert_int_eq(zt_store_write(st, done_fn, "urn:fail", &err), ZT_ERR_ARG);
	zt_txn *t = rtxn();
	zt_id x;
	zt_term a = zt_iri("urn:keep"), b = zt_iri("urn:drop"), c = zt_iri("urn:fail");
	ck_assert_int_eq(zt_lookup(t, &a, &x), ZT_OK);
	ck_assert_int_eq(zt_lookup(t, &b, &x), ZT_NOTFOUND);
	ck_assert_int_eq(zt_lookup(t, &c, &x), ZT_NOTFOUND);
	zt_txn_abort(t);
	/* a reader of this process is open: the map cannot grow */
	zt_store_close(st);
	char path[512];
	snprintf(path, sizeof path, "%s-small", dir);
	ck_assert_int_eq(zt_store_open_with(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, 64 << 10, &st, &err), ZT_OK);
	zt_txn *r = rtxn();
	struct grow_args g = { 0, 0 };
	ck_assert_int_eq(zt_store_write(st, grow_fn, &g, &err), ZT_ERR_LIMIT);
	ck_assert_int_eq(g.calls, 1);
	ck_assert_msg(strstr(err.msg, "cannot grow") != NULL, "message: %s", err.msg);
	zt_txn_abort(r);
	zt_store_close(st);
	st = NULL;
	rmrf(path);
	ck_assert_int_eq(zt_store_open(dir, 0, &st, NULL), ZT_OK);
}
END_TEST

/* ----------------------------------------------------------- date ids */

static zt_id date(zt_txn *t, const char *s)
{
	zt_term term = zt_lit(ZT_DATE, s);
	zt_id id;
	ck_assert_int_eq(zt_intern(t, &term, &id), ZT_OK);
	return id;
}

START_TEST(date_ids_sort_by_day)
{
	zt_txn *t = rtxn();    /* canonical dates need no write */
	const char *order[] = { "1970-01-01", "2023-12-31", "2024-01-01", "2024-01", "2024-Q1", "2024",
	                        "2024-01-02", "2024-02-29", "2024-04", "2024-Q2", "2024-12-31", "9999-12-31" };
	zt_id prev = 0;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		zt_id id = date(t, order[i]);
		ck_assert_msg(id > prev, "%s does not sort after the date before it", order[i]);
		ck_assert_int_eq(zt_id_kind(id), ZT_DATE);
		ck_assert(zt_id_date(id, NULL));
		zt_term back;
		ck_assert_int_eq(zt_term_of(t, id, &back), ZT_OK);
		ck_assert_int_eq(back.kind, ZT_DATE);
		ck_assert_uint_eq(back.len, strlen(order[i]));
		ck_assert_str_eq(back.str, order[i]);
		zt_term term = zt_lit(ZT_DATE, order[i]);
		zt_id again;
		ck_assert_int_eq(zt_lookup(t, &term, &again), ZT_OK);
		ck_assert(again == id);
		prev = id;
	}
	zt_span sp;
	ck_assert(zt_id_date(date(t, "2024-02"), &sp));
	ck_assert_int_eq(sp.from, 19754);
	ck_assert_int_eq(sp.to, 19754 + 28);
	ck_assert(zt_id_date(date(t, "2024-Q4"), &sp));
	ck_assert_int_eq(sp.to - sp.from + 1, 92);
	ck_assert(zt_id_date(date(t, "2023"), &sp));
	ck_assert_int_eq(sp.to - sp.from + 1, 365);
	ck_assert(zt_id_date(date(t, "2024-05-14"), &sp));
	ck_assert_int_eq(sp.from, 19857);
	ck_assert_int_eq(sp.to, 19857);
	zt_txn_abort(t);

	/* other forms are dictionary terms: not computed, outside the ranges */
	t = wtxn();
	const char *odd[] = { "2024-5-14", "2024-02-30", "0000", "2024-13", "2024-Q5", "24-05-14", "2024-05-14T00" };
	zt_id lo, hi;
	ck_assert_int_eq(zt_date_id_range((zt_span){ ZT_DAY_MIN, ZT_DAY_MAX }, &lo, &hi), ZT_OK);
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		zt_id id = date(t, odd[i]);
		ck_assert_msg(!zt_id_date(id, NULL), "%s got a value id", odd[i]);
		ck_assert(id < lo || id > hi);
		zt_term back;
		ck_assert_int_eq(zt_term_of(t, id, &back), ZT_OK);
		ck_assert_str_eq(back.str, odd[i]);
	}
	commit(t);
	/* ids that no date maps to are not terms */
	t = rtxn();
	zt_term back;
	ck_assert_int_eq(zt_term_of(t, date(t, "2024-05-14") + (1 << 8), &back), ZT_NOTFOUND);
	ck_assert_int_eq(zt_term_of(t, lo - (1 << 10), &back), ZT_NOTFOUND);
	ck_assert(!zt_id_date(12345 << 8 | ZT_DATE, NULL));
	zt_txn_abort(t);
	assert_check_ok();

	/* ranges */
	ck_assert_int_eq(zt_date_id_range((zt_span){ 5, 4 }, &lo, &hi), ZT_NOTFOUND);
	ck_assert_int_eq(zt_date_id_range((zt_span){ ZT_DAY_MIN, -800000 }, &lo, &hi), ZT_NOTFOUND);
	ck_assert_int_eq(zt_date_id_range((zt_span){ 3000000, ZT_DAY_MAX }, &lo, &hi), ZT_NOTFOUND);
	t = rtxn();
	ck_assert_int_eq(zt_date_id_range((zt_span){ 19723, 20088 }, &lo, &hi), ZT_OK);   /* 2024 */
	const char *in[] = { "2024-01-01", "2024", "2024-01", "2024-Q4", "2024-12-31", "2024-12" };
	const char *out[] = { "2023-12-31", "2023", "2023-Q4", "2025-01-01", "2025", "2025-01" };
	for (size_t i = 0; i < 6; i++) {
		zt_id a = date(t, in[i]), b = date(t, out[i]);
		ck_assert_msg(a >= lo && a <= hi, "%s is not in 2024's range", in[i]);
		ck_assert_msg(b < lo || b > hi, "%s is in 2024's range", out[i]);
	}
	zt_txn_abort(t);
}
END_TEST

/* The facts zt_match gives for (s, p, 0) whose object is in [lo, hi]. */
static size_t count_brute(zt_txn *t, zt_id s, zt_id p, zt_id lo, zt_id hi, zt_span tm)
{
	zt_iter *it;
	ck_assert_int_eq(zt_match(t, s, p, 0, tm, &it), ZT_OK);
	zt_fact f;
	size_t n = 0;
	while (zt_iter_next(it, &f) == ZT_OK)
		n += f.o >= lo && f.o <= hi;
	zt_iter_free(it);
	return n;
}

static size_t count_range(zt_txn *t, zt_id s, zt_id p, zt_id lo, zt_id hi, zt_span tm)
{
	zt_iter *it;
	ck_assert_int_eq(zt_match_range(t, s, p, lo, hi, tm, &it), ZT_OK);
	zt_fact f, prev = { 0, 0, 0, ZT_SPAN_ALWAYS };
	size_t n = 0;
	zt_status r;
	while ((r = zt_iter_next(it, &f)) == ZT_OK) {
		ck_assert(f.o >= lo && f.o <= hi);
		if (s) ck_assert(f.s == s);
		if (p) ck_assert(f.p == p);
		ck_assert(zt_span_overlaps(f.time, tm));
		if (n && !s)
			ck_assert_msg(f.o >= prev.o, "range results out of object order");
		prev = f;
		n++;
	}
	ck_assert_int_eq(r, ZT_DONE);
	zt_iter_free(it);
	return n;
}

START_TEST(match_range_on_dates)
{
	zt_txn *t = wtxn();
	zt_id pd = iri(t, "urn:p:date"), pa = iri(t, "urn:p:actor"), actor = iri(t, "urn:a");
	char buf[64];
	zt_id ev[400];
	for (int i = 0; i < 400; i++) {
		snprintf(buf, sizeof buf, "urn:ev:%d", i);
		ev[i] = iri(t, buf);
		/* days from 2023-07-01 on, every third day, some months and years */
		int32_t d = 19539 + 3 * i;
		char ds[48];
		time_t secs = (time_t)d * 86400;
		struct tm tmv;
		gmtime_r(&secs, &tmv);
		if (i % 50 == 0)
			snprintf(ds, sizeof ds, "%04d", tmv.tm_year + 1900);
		else if (i % 7 == 0)
			snprintf(ds, sizeof ds, "%04d-%02d", tmv.tm_year + 1900, tmv.tm_mon + 1);
		else
			snprintf(ds, sizeof ds, "%04d-%02d-%02d", tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday);
		zt_id di = date(t, ds);
		ck_assert_int_eq(zt_fact_add(t, ev[i], pd, di, day(d), 0, 0), ZT_OK);
		ck_assert_int_eq(zt_fact_add(t, ev[i], pa, actor, day(d), 0, 0), ZT_OK);
		if (i % 5 == 0)    /* a second date on some events */
			ck_assert_int_eq(zt_fact_add(t, ev[i], pd, date(t, "2024-06-01"), day(d), 0, 0), ZT_OK);
	}
	commit(t);
	assert_check_ok();
	t = rtxn();
	zt_span spans[] = { { 19723, 20088 }, { 19844, 19874 }, { 19539, 19539 }, { 0, 19000 },
	                    { ZT_DAY_MIN, ZT_DAY_MAX }, { 19875, 19875 } };
	zt_span times[] = { ZT_SPAN_ALWAYS, { 19800, 19900 } };
	size_t total = 0;
	for (size_t i = 0; i < sizeof spans / sizeof *spans; i++) {
		zt_id lo, hi;
		ck_assert_int_eq(zt_date_id_range(spans[i], &lo, &hi), ZT_OK);
		for (size_t k = 0; k < 2; k++) {
			size_t want = count_brute(t, 0, pd, lo, hi, times[k]);
			ck_assert_uint_eq(count_range(t, 0, pd, lo, hi, times[k]), want);    /* POS */
			ck_assert_uint_eq(count_range(t, 0, 0, lo, hi, times[k]), want);     /* OSP */
			total += want;
			size_t per_s = 0, per_sp = 0, brute_s = 0;
			for (int e = 0; e < 400; e += 13) {
				per_s += count_range(t, ev[e], 0, lo, hi, times[k]);          /* SPO, filtered */
				per_sp += count_range(t, ev[e], pd, lo, hi, times[k]);        /* SPO, range */
				brute_s += count_brute(t, ev[e], pd, lo, hi, times[k]);
			}
			ck_assert_uint_eq(per_s, brute_s);
			ck_assert_uint_eq(per_sp, brute_s);
		}
	}
	ck_assert_uint_gt(total, 400);
	/* 2024 exactly: every event dated in 2024, plus the second dates */
	zt_id lo, hi;
	ck_assert_int_eq(zt_date_id_range((zt_span){ 19723, 20088 }, &lo, &hi), ZT_OK);
	ck_assert_uint_eq(count_range(t, 0, pd, lo, hi, ZT_SPAN_ALWAYS), count_brute(t, 0, pd, lo, hi, ZT_SPAN_ALWAYS));
	ck_assert_uint_eq(count_range(t, 0, pd, hi, lo, ZT_SPAN_ALWAYS), 0);     /* lo > hi: empty */
	ck_assert_uint_eq(count_range(t, 0, pa, lo, hi, ZT_SPAN_ALWAYS), 0);     /* no dates under actor */
	zt_txn_abort(t);
}
END_TEST

/* ---------------------------------------------------------------- bulk */

static void fill_batch(zt_txn *t, int bulk, zt_id src, size_t batch)
{
	zt_bulk *b = NULL;
	if (bulk) {
		ck_assert_int_eq(zt_bulk_begin(t, &b), ZT_OK);
		zt_bulk_set_batch(b, batch);
	}
	char s[64], o[64];
	zt_term p = zt_iri("urn:p"), lab = zt_iri(ZT_RDFS_LABEL);
	for (int i = 0; i < 3000; i++) {
		snprintf(s, sizeof s, "urn:s:%d", i % 700);
		snprintf(o, sizeof o, "urn:o:%d", (i * 7) % 900);
		zt_term ts = zt_iri(s), to = zt_iri(o);
		zt_span tm = i % 3 ? day(i % 50) : ZT_SPAN_ALWAYS;
		if (bulk) {
			ck_assert_int_eq(zt_bulk_add(b, &ts, &p, &to, tm, src, (uint32_t)(i % 5)), ZT_OK);
		} else {
			zt_id is, ip, io;
			ck_assert_int_eq(zt_intern(t, &ts, &is), ZT_OK);
			ck_assert_int_eq(zt_intern(t, &p, &ip), ZT_OK);
			ck_assert_int_eq(zt_intern(t, &to, &io), ZT_OK);
			ck_assert_int_eq(zt_fact_add(t, is, ip, io, tm, src, (uint32_t)(i % 5)), ZT_OK);
		}
		if (i % 10 == 5) {
			/* canonical dates (value ids) and others (dictionary terms) */
			snprintf(o, sizeof o, i % 20 == 5 ? "2024-%02d-%02d" : "2024-%d-%d", i % 12 + 1, i % 28 + 1);
			zt_term td = zt_lit(ZT_DATE, o);
			if (bulk) {
				ck_assert_int_eq(zt_bulk_add(b, &ts, &p, &td, tm, src, 0), ZT_OK);
			} else {
				zt_id is, ip, io;
				ck_assert_int_eq(zt_intern(t, &ts, &is), ZT_OK);
				ck_assert_int_eq(zt_intern(t, &p, &ip), ZT_OK);
				ck_assert_int_eq(zt_intern(t, &td, &io), ZT_OK);
				ck_assert_int_eq(zt_fact_add(t, is, ip, io, tm, src, 0), ZT_OK);
			}
		}
		if (i % 10 == 0) {
			snprintf(o, sizeof o, "名称 %d", i % 40);
			zt_term tl = zt_text(o, "zh");
			if (bulk) {
				ck_assert_int_eq(zt_bulk_add(b, &ts, &lab, &tl, ZT_SPAN_ALWAYS, src, 0), ZT_OK);
			} else {
				zt_id is, ip, io;
				ck_assert_int_eq(zt_intern(t, &ts, &is), ZT_OK);
				ck_assert_int_eq(zt_intern(t, &lab, &ip), ZT_OK);
				ck_assert_int_eq(zt_intern(t, &tl, &io), ZT_OK);
				ck_assert_int_eq(zt_fact_add(t, is, ip, io, ZT_SPAN_ALWAYS, src, 0), ZT_OK);
			}
		}
	}
	if (bulk)
		ck_assert_int_eq(zt_bulk_finish(b), ZT_OK);
}

/* The bulk side of fill_batch as a zt_store_write operation (source
 * `name`): statuses instead of assertions, since a small map makes the
 * writes fail until the runner has grown it. */
struct bulk_args { const char *name; size_t batch; int calls; };

static zt_status bulk_fn(zt_txn *t, void *ctx, zt_error *err)
{
	(void)err;
	struct bulk_args *a = ctx;
	a->calls++;
	zt_status r;
	zt_id src;
	ZT_TRY(r, zt_source_begin(t, a->name, "h", 0, &src, NULL));
	zt_bulk *b;
	ZT_TRY(r, zt_bulk_begin(t, &b));
	zt_bulk_set_batch(b, a->batch);
	char s[64], o[64];
	zt_term p = zt_iri("urn:p"), lab = zt_iri(ZT_RDFS_LABEL);
	for (int i = 0; i < 3000; i++) {
		snprintf(s, sizeof s, "urn:s:%d", i % 700);
		snprintf(o, sizeof o, "urn:o:%d", (i * 7) % 900);
		zt_term ts = zt_iri(s), to = zt_iri(o);
		zt_span tm = i % 3 ? day(i % 50) : ZT_SPAN_ALWAYS;
		if ((r = zt_bulk_add(b, &ts, &p, &to, tm, src, (uint32_t)(i % 5))) != ZT_OK)
			break;
		if (i % 10 == 5) {
			snprintf(o, sizeof o, i % 20 == 5 ? "2024-%02d-%02d" : "2024-%d-%d", i % 12 + 1, i % 28 + 1);
			zt_term td = zt_lit(ZT_DATE, o);
			if ((r = zt_bulk_add(b, &ts, &p, &td, tm, src, 0)) != ZT_OK)
				break;
		}
		if (i % 10 == 0) {
			snprintf(o, sizeof o, "名称 %d", i % 40);
			zt_term tl = zt_text(o, "zh");
			if ((r = zt_bulk_add(b, &ts, &lab, &tl, ZT_SPAN_ALWAYS, src, 0)) != ZT_OK)
				break;
		}
	}
	if (r != ZT_OK) {
		zt_bulk_abort(b);
		return r;
	}
	ZT_TRY(r, zt_bulk_finish(b));
	return zt_source_end(t, src);
}

static void bulk_write(zt_store *x, const char *name, size_t batch, int expect_reruns)
{
	struct bulk_args a = { name, batch, 0 };
	zt_error err = { 0 };
	ck_assert_msg(zt_store_write(x, bulk_fn, &a, &err) == ZT_OK, "write: %s", err.msg);
	if (expect_reruns)
		ck_assert_int_gt(a.calls, 1);
	else
		ck_assert_int_eq(a.calls, 1);
}

static void fill(zt_txn *t, int bulk, zt_id src)
{
	fill_batch(t, bulk, src, 0);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int zt_span_eq_(zt_span a, zt_span b) { return a.from == b.from && a.to == b.to; }

/* Every fact as "s p o from to" lines with supports, sorted. */
static char *dump(zt_store *x)
{
	zt_txn *t;
	ck_assert_int_eq(zt_txn_begin(x, 0, &t, NULL), ZT_OK);
	size_t cap = 1 << 20, len = 0;
	char *out = malloc(cap);
	out[0] = 0;
	zt_iter *it;
	ck_assert_int_eq(zt_match(t, 0, 0, 0, ZT_SPAN_ALWAYS, &it), ZT_OK);
	zt_fact f;
	char **lines = NULL;
	size_t n = 0, ncap = 0;
	while (zt_iter_next(it, &f) == ZT_OK) {
		zt_term s, p, o;
		ck_assert_int_eq(zt_term_of(t, f.s, &s), ZT_OK);
		ck_assert_int_eq(zt_term_of(t, f.p, &p), ZT_OK);
		ck_assert_int_eq(zt_term_of(t, f.o, &o), ZT_OK);
		zt_support sup[16], isup[16];
		size_t ns, ins;
		ck_assert_int_eq(zt_fact_supports(t, f.s, f.p, f.o, sup, 16, &ns), ZT_OK);
		/* the iterator's own (inline for most facts) agree */
		ck_assert_int_eq(zt_iter_supports(it, isup, 16, &ins), ZT_OK);
		ck_assert_uint_eq(ins, ns);
		for (size_t i = 0; i < ns && i < 16; i++)
			ck_assert(isup[i].source == sup[i].source && isup[i].item == sup[i].item &&
			          zt_span_eq_(isup[i].time, sup[i].time));
		char line[512];
		int l = snprintf(line, sizeof line, "%s %s %s %d %d", s.str, p.str, o.str, f.time.from, f.time.to);
		for (size_t i = 0; i < ns && i < 16; i++)
			l += snprintf(line + l, sizeof line - (size_t)l, " [%u %d %d]", sup[i].item,
			              sup[i].time.from, sup[i].time.to);
		if (n == ncap) {
			ncap = ncap ? ncap * 2 : 1024;
			lines = realloc(lines, ncap * sizeof *lines);
		}
		lines[n++] = strdup(line);
	}
	zt_iter_free(it);
	zt_txn_abort(t);
	qsort(lines, n, sizeof *lines, cmp_line);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(lines[i]);
		if (len + l + 2 > cap)
			out = realloc(out, cap *= 2);
		memcpy(out + len, lines[i], l);
		out[len + l] = '\n';
		len += l + 1;
		out[len] = 0;
		free(lines[i]);
	}
	free(lines);
	return out;
}

START_TEST(bulk_equals_per_fact)
{
	/* per-fact into the fixture store, bulk into a second one */
	zt_txn *t = wtxn();
	zt_id src;
	ck_assert_int_eq(zt_source_begin(t, "s", "h", 0, &src, NULL), ZT_OK);
	fill(t, 0, src);
	ck_assert_int_eq(zt_source_end(t, src), ZT_OK);
	commit(t);

	char path[512];
	snprintf(path, sizeof path, "%s-bulk", dir);
	zt_store *b;
	ck_assert_int_eq(zt_store_open(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &b, NULL), ZT_OK);
	ck_assert_int_eq(zt_txn_begin(b, 1, &t, NULL), ZT_OK);
	ck_assert_int_eq(zt_source_begin(t, "s", "h", 0, &src, NULL), ZT_OK);
	fill(t, 1, src);
	ck_assert_int_eq(zt_source_end(t, src), ZT_OK);
	commit(t);

	char *d1 = dump(st), *d2 = dump(b);
	if (strcmp(d1, d2) != 0) {
		FILE *f1 = fopen("/tmp/zt-bulk-a.txt", "w"), *f2 = fopen("/tmp/zt-bulk-b.txt", "w");
		fputs(d1, f1);
		fputs(d2, f2);
		fclose(f1);
		fclose(f2);
		ck_abort_msg("bulk and per-fact loads differ (see /tmp/zt-bulk-[ab].txt)");
	}
	free(d1);
	free(d2);

	ck_assert_int_eq(zt_txn_begin(b, 0, &t, NULL), ZT_OK);
	uint64_t problems;
	zt_error err = { 0 };
	ck_assert_msg(zt_store_check(t, &problems, &err) == ZT_OK, "check: %s", err.msg);
	zt_id out[4];
	size_t n;
	ck_assert_int_eq(zt_name_find(t, "名称 10", out, 4, &n), ZT_OK);
	ck_assert_uint_ge(n, 1);
	zt_txn_abort(t);
	zt_store_close(b);
	rmrf(path);
	assert_check_ok();
}
END_TEST

/* Load the same facts per fact into the fixture store and by bulk (with
 * `batch`-fact batches, so that facts repeat across batches) into a
 * second store opened with `map` bytes of map; the two must agree.  Then
 * the bulk side loads them again from another source: nothing new, every
 * fact gains a support. */
static void bulk_vs_per_fact(size_t batch, size_t map)
{
	zt_txn *t = wtxn();
	zt_id src;
	ck_assert_int_eq(zt_source_begin(t, "s", "h", 0, &src, NULL), ZT_OK);
	fill(t, 0, src);
	ck_assert_int_eq(zt_source_end(t, src), ZT_OK);
	commit(t);

	char path[512];
	snprintf(path, sizeof path, "%s-bulk", dir);
	zt_store *b;
	ck_assert_int_eq(zt_store_open_with(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, map, &b, NULL), ZT_OK);
	bulk_write(b, "s", batch, map != 0);
	char *d1 = dump(st), *d2 = dump(b);
	ck_assert_msg(strcmp(d1, d2) == 0, "bulk (batch %zu) and per-fact loads differ", batch);
	free(d1);
	free(d2);

	/* again from a second source: the same facts, one more support each */
	bulk_write(b, "s2", batch, 0);
	zt_stats before, after;
	ck_assert_int_eq(zt_txn_begin(b, 0, &t, NULL), ZT_OK);
	ck_assert_int_eq(zt_store_stats(t, &after), ZT_OK);
	uint64_t problems;
	zt_error err = { 0 };
	ck_assert_msg(zt_store_check(t, &problems, &err) == ZT_OK, "check: %s", err.msg);
	zt_txn_abort(t);
	ck_assert_int_eq(zt_txn_begin(st, 0, &t, NULL), ZT_OK);
	ck_assert_int_eq(zt_store_stats(t, &before), ZT_OK);
	zt_txn_abort(t);
	ck_assert_uint_eq(after.facts, before.facts);
	ck_assert_uint_eq(after.supports, 2 * before.supports);

	/* forgetting the second source gives back the first state */
	ck_assert_int_eq(zt_txn_begin(b, 1, &t, NULL), ZT_OK);
	ck_assert_int_eq(zt_source_forget(t, "s2"), ZT_OK);
	commit(t);
	d1 = dump(st);
	d2 = dump(b);
	ck_assert_msg(strcmp(d1, d2) == 0, "forget after a bulk load left a difference");
	free(d1);
	free(d2);
	zt_store_close(b);
	rmrf(path);
}

START_TEST(bulk_many_batches)
{
	bulk_vs_per_fact(97, 0);
}
END_TEST

START_TEST(bulk_grows_the_map)
{
	/* 64 KiB of map: every batch of the load hits MDB_MAP_FULL */
	bulk_vs_per_fact(500, 64 << 10);
}
END_TEST

START_TEST(bulk_long_terms_and_rollback)
{
	zt_txn *t = wtxn();
	zt_bulk *b;
	ck_assert_int_eq(zt_bulk_begin(t, &b), ZT_OK);
	char *longs = malloc(3000);
	memset(longs, 'z', 2999);
	longs[2999] = 0;
	zt_term s = zt_iri("urn:s"), p = zt_iri("urn:p"), o = zt_text(longs, "en");
	ck_assert_int_eq(zt_bulk_add(b, &s, &p, &o, ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	zt_term bad = { .kind = 99, .str = "x", .len = 1 };
	ck_assert_int_eq(zt_bulk_add(b, &s, &p, &bad, ZT_SPAN_ALWAYS, 0, 0), ZT_ERR_ARG);
	ck_assert_int_eq(zt_bulk_add(b, &s, &p, &o, (zt_span){ 5, 1 }, 0, 0), ZT_ERR_ARG);
	ck_assert_int_eq(zt_bulk_finish(b), ZT_OK);
	zt_id id;
	ck_assert_int_eq(zt_lookup(t, &o, &id), ZT_OK);
	zt_term back;
	ck_assert_int_eq(zt_term_of(t, id, &back), ZT_OK);
	ck_assert_uint_eq(back.len, 2999);
	commit(t);
	/* an aborted bulk load leaves nothing */
	t = wtxn();
	ck_assert_int_eq(zt_bulk_begin(t, &b), ZT_OK);
	zt_term o2 = zt_iri("urn:never");
	ck_assert_int_eq(zt_bulk_add(b, &s, &p, &o2, ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	ck_assert_int_eq(zt_bulk_finish(b), ZT_OK);
	zt_txn_abort(t);
	t = rtxn();
	ck_assert_int_eq(zt_lookup(t, &o2, &id), ZT_NOTFOUND);
	zt_txn_abort(t);
	free(longs);
	assert_check_ok();
}
END_TEST

START_TEST(estimate_large_ranges)
{
	zt_txn *t = wtxn();
	zt_id type = iri(t, ZT_RDF_TYPE), big = iri(t, "urn:type:Big"), small = iri(t, "urn:type:Small");
	char buf[64];
	for (int i = 0; i < 1500; i++) {
		snprintf(buf, sizeof buf, "urn:n:%d", i);
		ck_assert_int_eq(zt_fact_add(t, iri(t, buf), type, i < 1490 ? big : small, ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	}
	commit(t);
	t = rtxn();
	uint64_t est;
	ck_assert_int_eq(zt_match_estimate(t, 0, type, small, &est), ZT_OK);
	ck_assert_uint_eq(est, 10);                    /* below the cap: exact */
	ck_assert_int_eq(zt_match_estimate(t, 0, type, big, &est), ZT_OK);
	ck_assert_uint_ge(est, 1000);                  /* above it: bounded by the */
	ck_assert_uint_le(est, 1500);                  /* single-position counts */
	ck_assert_int_eq(zt_match_estimate(t, 0, type, 0, &est), ZT_OK);
	ck_assert_uint_eq(est, 1500);                  /* one bound position: exact */
	ck_assert_int_eq(zt_match_estimate(t, 0, 0, big, &est), ZT_OK);
	ck_assert_uint_eq(est, 1490);
	zt_txn_abort(t);
}
END_TEST

/* Delete one key of a named table behind the store's back. */
static void raw_delete(const char *table, const void *key, size_t klen)
{
	zt_store_close(st);
	st = NULL;
	MDB_env *env;
	MDB_txn *mt;
	MDB_dbi dbi;
	ck_assert_int_eq(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	ck_assert_int_eq(mdb_env_open(env, dir, 0, 0600), 0);
	ck_assert_int_eq(mdb_txn_begin(env, NULL, 0, &mt), 0);
	ck_assert_int_eq(mdb_dbi_open(mt, table, 0, &dbi), 0);
	MDB_val k = { klen, (void *)key };
	ck_assert_int_eq(mdb_del(mt, dbi, &k, NULL), 0);
	ck_assert_int_eq(mdb_txn_commit(mt), 0);
	mdb_env_close(env);
	ck_assert_int_eq(zt_store_open(dir, 0, &st, NULL), ZT_OK);
}

struct msgs { char text[4096]; };

static void collect(void *ctx, const char *msg)
{
	struct msgs *m = ctx;
	strncat(m->text, msg, sizeof m->text - strlen(m->text) - 2);
	strcat(m->text, "\n");
}

START_TEST(check_detects_source_damage)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), p = iri(t, "urn:p"), b = iri(t, "urn:b");
	zt_id src;
	ck_assert_int_eq(zt_source_begin(t, "s", "h", 0, &src, NULL), ZT_OK);
	ck_assert_int_eq(zt_fact_add(t, a, p, b, day(3), src, 0), ZT_OK);
	ck_assert_int_eq(zt_source_end(t, src), ZT_OK);
	commit(t);
	assert_check_ok();
	unsigned char kb[8];
	for (int i = 0; i < 8; i++)
		kb[i] = (unsigned char)(src >> (56 - 8 * i));
	raw_delete("bysrc", kb, 8);
	t = rtxn();
	uint64_t problems = 0;
	struct msgs m = { "" };
	ck_assert_int_eq(zt_store_check_report(t, collect, &m, &problems, NULL), ZT_ERR_CORRUPT);
	ck_assert_uint_ge(problems, 1);
	ck_assert_ptr_nonnull(strstr(m.text, "source index"));
	zt_txn_abort(t);
	/* and a source record removed: its supports have no source */
	raw_delete("sources", "s", 2);
	t = rtxn();
	memset(&m, 0, sizeof m);
	ck_assert_int_eq(zt_store_check_report(t, collect, &m, &problems, NULL), ZT_ERR_CORRUPT);
	ck_assert_ptr_nonnull(strstr(m.text, "no source record"));
	zt_txn_abort(t);
}
END_TEST

static void *second_writer(void *arg)
{
	zt_store *x = arg;
	zt_txn *t;
	zt_error err = { 0 };
	zt_status s = zt_txn_begin(x, 1, &t, &err);
	if (s == ZT_OK)
		zt_txn_abort(t);
	return (void *)(intptr_t)s;
}

START_TEST(nowait_in_process)
{
	zt_store_close(st);
	ck_assert_int_eq(zt_store_open(dir, ZT_OPEN_NOWAIT, &st, NULL), ZT_OK);
	zt_txn *t = wtxn();
	pthread_t th;
	void *res;
	ck_assert_int_eq(pthread_create(&th, NULL, second_writer, st), 0);
	pthread_join(th, &res);
	ck_assert_int_eq((int)(intptr_t)res, ZT_ERR_BUSY);
	zt_txn_abort(t);
	ck_assert_int_eq(pthread_create(&th, NULL, second_writer, st), 0);
	pthread_join(th, &res);
	ck_assert_int_eq((int)(intptr_t)res, ZT_OK);
}
END_TEST

START_TEST(iterators_end_with_their_txn)
{
	zt_txn *t = wtxn();
	zt_id a = iri(t, "urn:a"), p = iri(t, "urn:p");
	ck_assert_int_eq(zt_fact_add(t, a, p, a, ZT_SPAN_ALWAYS, 0, 0), ZT_OK);
	zt_iter *it;
	ck_assert_int_eq(zt_match(t, 0, 0, 0, ZT_SPAN_ALWAYS, &it), ZT_OK);
	commit(t);
	zt_fact f;
	ck_assert_int_eq(zt_iter_next(it, &f), ZT_DONE);   /* not a crash */
	zt_iter_free(it);
}
END_TEST

static zt_status nodes_fn(zt_txn *t, void *ctx, zt_error *err)
{
	(void)ctx;
	(void)err;
	zt_term p = zt_iri("urn:p");
	zt_id ip;
	zt_status s;
	ZT_TRY(s, zt_intern(t, &p, &ip));
	char buf[64];
	for (int i = 0; i < 20000; i++) {
		snprintf(buf, sizeof buf, "urn:n:%d", i);
		zt_term n = zt_iri(buf);
		zt_id in;
		ZT_TRY(s, zt_intern(t, &n, &in));
		ZT_TRY(s, zt_fact_add(t, in, ip, ip, ZT_SPAN_ALWAYS, 0, 0));
	}
	return ZT_OK;
}

START_TEST(reader_follows_growth_by_another_process)
{
	/* this process reads with the map it opened; another one grows it */
	zt_store_close(st);
	char path[512];
	snprintf(path, sizeof path, "%s-grow", dir);
	ck_assert_int_eq(zt_store_open_with(path, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, 64 << 10, &st, NULL), ZT_OK);
	zt_store *ro;
	ck_assert_int_eq(zt_store_open_with(path, ZT_OPEN_RDONLY, 64 << 10, &ro, NULL), ZT_OK);
	zt_store_close(st);
	st = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		zt_store *w;
		if (zt_store_open_with(path, ZT_OPEN_NOSYNC, 64 << 10, &w, NULL) != ZT_OK)
			_exit(1);
		_exit(zt_store_write(w, nodes_fn, NULL, NULL) == ZT_OK ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	ck_assert_int_eq(status, 0);
	zt_txn *t;
	zt_error err = { 0 };
	ck_assert_msg(zt_txn_begin(ro, 0, &t, &err) == ZT_OK, "begin: %s", err.msg);
	zt_stats x;
	ck_assert_int_eq(zt_store_stats(t, &x), ZT_OK);
	ck_assert_uint_eq(x.facts, 20000);
	ck_assert_uint_eq(count(t, 0, 0, 0, ZT_SPAN_ALWAYS), 20000);
	zt_txn_abort(t);
	zt_store_close(ro);
	rmrf(path);
	ck_assert_int_eq(zt_store_open(dir, 0, &st, NULL), ZT_OK);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, intern_round_trip);
	tcase_add_test(tc, long_terms_share_hash_prefix);
	tcase_add_test(tc, match_every_pattern);
	tcase_add_test(tc, time_filter_and_index);
	tcase_add_test(tc, supports_and_forget);
	tcase_add_test(tc, retract);
	tcase_add_test(tc, iter_supports_every_index);
	tcase_add_test(tc, same_hash_noop_changed_hash_replaces);
	tcase_add_test(tc, source_list_in_name_order);
	tcase_add_test(tc, name_index);
	tcase_add_test(tc, check_detects_damage);
	tcase_add_test(tc, stats_counts);
	tcase_add_test(tc, open_errors);
	tcase_add_test(tc, version_mismatch);
	tcase_add_test(tc, readonly_and_nowait);
	tcase_add_test(tc, map_grows_invisibly);
	tcase_add_test(tc, write_runner_outcomes);
	tcase_add_test(tc, date_ids_sort_by_day);
	tcase_add_test(tc, match_range_on_dates);
	tcase_add_test(tc, bulk_equals_per_fact);
	tcase_add_test(tc, bulk_many_batches);
	tcase_add_test(tc, bulk_grows_the_map);
	tcase_add_test(tc, bulk_long_terms_and_rollback);
	tcase_add_test(tc, estimate_large_ranges);
	tcase_add_test(tc, check_detects_source_damage);
	tcase_add_test(tc, nowait_in_process);
	tcase_add_test(tc, iterators_end_with_their_txn);
	tcase_add_test(tc, reader_follows_growth_by_another_process);
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
	return failed ? 1 : 0;
}
