/* store_bench.c — the store's side of bulk loading, timed: N generated
 * triples through zt_bulk_add into a fresh database in one transaction,
 * then a second load of the same triples (already present), then forget.
 * Then read-side costs (lookups()).  Not run by `make test` (no timing
 * in tests); build and run with
 *   tests/perf/run.sh [N] [DIR] [fresh|lookups]   (default 1000000)
 * Prints triples per CPU second per phase and peak RSS.  The terms are shaped like the
 * N-Triples zhitu loads: entity IRIs, predicates from a small set, Chinese
 * and English labels, dates, numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "store/store.h"

/* CPU seconds of this process (user + system): the machine may be shared,
 * so wall time would measure the neighbours too. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void die(const char *what, zt_status st, const zt_error *err)
{
	fprintf(stderr, "store_bench: %s: %s\n", what, err && err->msg[0] ? err->msg : zt_strerror(st));
	exit(1);
}

static void load(zt_store *st, long n, const char *srcname, const char *prefix, double *secs)
{
	zt_txn *t;
	zt_error err = { 0 };
	zt_status s;
	if ((s = zt_txn_begin(st, 1, &t, &err)) != ZT_OK)
		die("begin", s, &err);
	zt_id src;
	int unchanged;
	double t0 = now();
	if ((s = zt_source_begin(t, srcname, srcname, 0, &src, &unchanged)) != ZT_OK)
		die("source", s, NULL);
	zt_bulk *b;
	if ((s = zt_bulk_begin(t, &b)) != ZT_OK)
		die("bulk", s, NULL);
	static const char *preds[] = {
		"urn:zhitu:p:actor", "urn:zhitu:p:object", "urn:zhitu:p:topic", "urn:zhitu:p:date",
		"urn:zhitu:p:part_of", "http://www.w3.org/2000/01/rdf-schema#label",
		"http://www.w3.org/2004/02/skos/core#altLabel", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
		"urn:zhitu:p:jurisdiction", "urn:zhitu:p:amount",
	};
	char sb[64], ob[64];
	rng = 88172645463325252ull;
	long entities = n / 5 + 1;
	for (long i = 0; i < n; i++) {
		long subj = i / 5;    /* subject-grouped, as generators and exports write */
		snprintf(sb, sizeof sb, "urn:zhitu:e:%s/entity%ld", prefix, subj);
		int k = (int)(next() % 10);
		zt_term ts = zt_iri(sb), tp = zt_iri(preds[k]), to;
		zt_span tm = ZT_SPAN_ALWAYS;
		switch (k) {
		case 5: case 6:
			snprintf(ob, sizeof ob, k == 5 ? "实体名称%ld" : "Entity %ld alias", subj);
			to = zt_text(ob, k == 5 ? "zh" : "en");
			break;
		case 3:
			snprintf(ob, sizeof ob, "20%02d-%02d-%02d", (int)(next() % 12 + 14), (int)(next() % 12 + 1),
			         (int)(next() % 28 + 1));
			to = zt_lit(ZT_DATE, ob);
			tm = (zt_span){ (int32_t)(16000 + next() % 3000), 0 };
			tm.to = tm.from;
			break;
		case 7:
			snprintf(ob, sizeof ob, "urn:zhitu:type:T%d", (int)(next() % 30));
			to = zt_iri(ob);
			break;
		case 9:
			snprintf(ob, sizeof ob, "%d000000 USD", (int)(next() % 5000));
			to = zt_lit(ZT_MONEY, ob);
			break;
		default:
			snprintf(ob, sizeof ob, "urn:zhitu:e:%s/entity%ld", prefix, (long)(next() % (uint64_t)entities));
			to = zt_iri(ob);
		}
		if ((s = zt_bulk_add(b, &ts, &tp, &to, tm, src, (uint32_t)(i / 50))) != ZT_OK)
			die("add", s, NULL);
	}
	if ((s = zt_bulk_finish(b)) != ZT_OK)
		die("finish", s, NULL);
	if ((s = zt_source_end(t, src)) != ZT_OK)
		die("end", s, NULL);
	if ((s = zt_txn_commit(t, &err)) != ZT_OK)
		die("commit", s, &err);
	*secs = now() - t0;
}

/* Read-side costs on the loaded store, each in one read transaction and
 * CPU time per operation: a term lookup (IRI -> id), a fact check by all
 * three ids, the first fact of a subject (begin + one row), all facts of a
 * subject, and a POS range scan of date objects over 30 days (per row and
 * to the first row).  Random keys from a fixed seed, so runs at different
 * sizes do the same kind of work; the growth from size to size is what
 * 'no faster than log(size)' is judged on. */
static void lookups(zt_store *st, long n)
{
	enum { OPS = 200000 };
	long entities = n / 5 > 0 ? n / 5 : 1;    /* the subjects */
	zt_txn *t;
	zt_error err = { 0 };
	if (zt_txn_begin(st, 0, &t, &err) != ZT_OK)
		die("begin", ZT_ERR_STORE, &err);
	char sb[64];
	uint64_t r = 12345;
	zt_id *ids = malloc(OPS * sizeof *ids);
	zt_fact *facts = malloc(OPS * sizeof *facts);
	double t0 = now();
	for (long i = 0; i < OPS; i++) {
		r = r * 6364136223846793005ull + 1442695040888963407ull;
		snprintf(sb, sizeof sb, "urn:zhitu:e:org/entity%ld", (long)((r >> 33) % (uint64_t)entities));
		zt_term term = zt_iri(sb);
		if (zt_lookup(t, &term, &ids[i]) != ZT_OK)
			die("lookup", ZT_NOTFOUND, NULL);
	}
	double dl = now() - t0;
	/* first facts, which the fact checks then look up again */
	t0 = now();
	long rows = 0;
	for (long i = 0; i < OPS; i++) {
		zt_iter *it;
		zt_match(t, ids[i], 0, 0, ZT_SPAN_ALWAYS, &it);
		if (zt_iter_next(it, &facts[i]) != ZT_OK)
			facts[i] = (zt_fact){ ids[i], ids[i], ids[i], ZT_SPAN_ALWAYS };
		zt_iter_free(it);
	}
	double df = now() - t0;
	t0 = now();
	long found = 0;
	for (long i = 0; i < OPS; i++)
		found += zt_fact_get(t, facts[i].s, facts[i].p, facts[i].o, NULL) == ZT_OK;
	double dg = now() - t0;
	t0 = now();
	for (long i = 0; i < OPS; i++) {
		zt_iter *it;
		zt_fact f;
		zt_match(t, ids[i], 0, 0, ZT_SPAN_ALWAYS, &it);
		while (zt_iter_next(it, &f) == ZT_OK)
			rows++;
		zt_iter_free(it);
	}
	double da = now() - t0;
	/* 30-day windows of date objects under the date predicate */
	zt_term tp = zt_iri("urn:zhitu:p:date");
	zt_id pdate;
	if (zt_lookup(t, &tp, &pdate) != ZT_OK)
		die("lookup", ZT_NOTFOUND, NULL);
	enum { SCANS = 2000 };
	long srows = 0;
	double first = 0;
	t0 = now();
	for (long i = 0; i < SCANS; i++) {
		r = r * 6364136223846793005ull + 1442695040888963407ull;
		int32_t from = 16071 + (int32_t)((r >> 33) % 4300);    /* 2014 .. 2025 */
		zt_id lo, hi;
		zt_date_id_range((zt_span){ from, from + 29 }, &lo, &hi);
		zt_iter *it;
		zt_fact f;
		double s0 = now();
		zt_match_range(t, 0, pdate, lo, hi, ZT_SPAN_ALWAYS, &it);
		if (zt_iter_next(it, &f) == ZT_OK) {
			first += now() - s0;
			srows++;
			while (zt_iter_next(it, &f) == ZT_OK)
				srows++;
		}
		zt_iter_free(it);
	}
	double ds = now() - t0;
	zt_txn_abort(t);
	printf("lookups (%d each, %ld entities): term lookup %.2f us, first fact of a subject %.2f us, "
	       "fact check %.2f us (%ld found), all facts of a subject %.2f us (%.1f rows), "
	       "30-day date range %.2f us to the first row, %.3f us per row (%.1f rows)\n",
	       OPS, entities, dl / OPS * 1e6, df / OPS * 1e6, dg / OPS * 1e6, found, da / OPS * 1e6,
	       (double)rows / OPS, first / SCANS * 1e6, srows ? ds / (double)srows * 1e6 : 0.0,
	       (double)srows / SCANS);
	free(ids);
	free(facts);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	const char *dir = argc > 2 ? argv[2] : "/tmp/zt-store-bench";
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	zt_store *st;
	zt_error err = { 0 };
	zt_status s = zt_store_open(dir, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &st, &err);
	if (s != ZT_OK)
		die("open", s, &err);
	double secs;
	load(st, n, "bench", "org", &secs);
	printf("bulk load, fresh:    %ld triples in %.2f s = %.0f triples/s\n", n, secs, n / secs);
	lookups(st, n);
	if (argc > 3 && strcmp(argv[3], "lookups") == 0) {
		zt_store_close(st);
		system(cmd);
		return 0;
	}
	if (argc > 3 && strcmp(argv[3], "fresh") == 0) {
		zt_store_close(st);
		return 0;    /* the database stays for inspection (mdb_stat -a) */
	}
	/* new triples again, now that the process has its memory mapped: the
	 * first load pays a page fault for every page it touches, which on
	 * some virtual machines costs more than the rest of the work */
	load(st, n, "bench3", "other", &secs);
	printf("bulk load, new (warm process): %ld triples in %.2f s = %.0f triples/s\n", n, secs, n / secs);
	load(st, n, "bench2", "org", &secs);
	printf("bulk load, present:  %ld triples in %.2f s = %.0f triples/s\n", n, secs, n / secs);
	zt_txn *t;
	zt_txn_begin(st, 1, &t, NULL);
	double t0 = now();
	if ((s = zt_source_forget(t, "bench2")) != ZT_OK)
		die("forget", s, NULL);
	if ((s = zt_txn_commit(t, &err)) != ZT_OK)
		die("commit", s, &err);
	secs = now() - t0;
	printf("forget:              %ld supports in %.2f s = %.0f /s\n", n, secs, n / secs);
	zt_txn_begin(st, 0, &t, NULL);
	zt_stats x;
	zt_store_stats(t, &x);
	zt_txn_abort(t);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("facts %llu, terms %llu, map used %.1f MiB, peak RSS %.1f MiB\n",
	       (unsigned long long)x.facts, (unsigned long long)x.terms, x.map_used / 1048576.0,
	       ru.ru_maxrss / 1024.0);
	zt_store_close(st);
	system(cmd);
	return 0;
}
