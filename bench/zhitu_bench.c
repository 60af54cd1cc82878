/* zhitu_bench.c — zhitu's side of `make bench`, through the public C API
 * (store/store.h) and the query-language session (query/session.h).
 *
 *   zhitu_bench DB run PARAMS.tsv RUNS
 *   zhitu_bench DB stats
 *   zhitu_bench DB load FILE.nt       (the C-API bulk load, zt_bulk)
 *
 * DB is a database made by `zhitu load FILE.nt` (the harness times that
 * end to end).  Every operation answers the same question as the SQLite
 * and Oxigraph peers (bench/params.h) and prints one JSON line per figure.
 * Each batch of operations runs in one read transaction, the way a program
 * using the C API would; ids flow through joins and paths, strings are
 * looked up only where the question starts from one.
 */
#include <stdio.h>

#include "../store/store.h"
#include "../store/literal.h"
#include "../query/session.h"
#include "params.h"

static const char *prog = "zhitu_bench";

static void fail(zt_status st, const char *what, const zt_error *err)
{
	fprintf(stderr, "%s: %s: %s%s%s\n", prog, what, zt_strerror(st),
	        err && err->msg[0] ? ": " : "", err && err->msg[0] ? err->msg : "");
	exit(1);
}

#define CHECK(expr, what) do { zt_status st_ = (expr); if (st_ >= ZT_ERR_FIRST) fail(st_, what, NULL); } while (0)

/* "<iri>" -> the IRI term (borrowing the text inside the brackets). */
static zt_term iri_term(const char *nt)
{
	size_t n = strlen(nt);
	zt_term t = { .kind = ZT_IRI, .str = nt, .len = n };
	if (n >= 2 && nt[0] == '<' && nt[n - 1] == '>') {
		t.str = nt + 1;
		t.len = n - 2;
	}
	return t;
}

static zt_id lookup_iri(zt_txn *txn, const char *nt)
{
	zt_term t = iri_term(nt);
	zt_id id = 0;
	zt_status st = zt_lookup(txn, &t, &id);
	if (st == ZT_NOTFOUND)
		return 0;
	CHECK(st, "lookup");
	return id;
}

static zt_id must_iri(zt_txn *txn, const char *nt)
{
	zt_id id = lookup_iri(txn, nt);
	if (!id)
		bench_die(prog, "term not in the database:", nt);
	return id;
}

/* ------------------------------------------------------------ id sets */

/* Open-addressing set of ids (0 is never an id, so it marks empty). */
typedef struct idset { zt_id *slot; size_t cap, n; } idset;

static int idset_add(idset *s, zt_id id)
{
	if ((s->n + 1) * 4 >= s->cap * 3) {
		idset o = *s;
		s->cap = o.cap ? o.cap * 2 : 1024;
		s->slot = calloc(s->cap, sizeof *s->slot);
		if (!s->slot)
			bench_die(prog, "out of memory", NULL);
		s->n = 0;
		for (size_t i = 0; i < o.cap; i++)
			if (o.slot[i])
				idset_add(s, o.slot[i]);
		free(o.slot);
	}
	size_t j = (size_t)((id * 0x9e3779b97f4a7c15ULL) >> 20) & (s->cap - 1);
	for (; s->slot[j]; j = (j + 1) & (s->cap - 1))
		if (s->slot[j] == id)
			return 0;
	s->slot[j] = id;
	s->n++;
	return 1;
}

static int idset_has(const idset *s, zt_id id)
{
	if (!s->cap)
		return 0;
	size_t j = (size_t)((id * 0x9e3779b97f4a7c15ULL) >> 20) & (s->cap - 1);
	for (; s->slot[j]; j = (j + 1) & (s->cap - 1))
		if (s->slot[j] == id)
			return 1;
	return 0;
}

typedef struct idvec { zt_id *v; size_t n, cap; } idvec;

static void idvec_push(idvec *q, zt_id id)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 1024;
		q->v = realloc(q->v, q->cap * sizeof *q->v);
		if (!q->v)
			bench_die(prog, "out of memory", NULL);
	}
	q->v[q->n++] = id;
}

/* ------------------------------------------------------------ operations */

static long long count_match(zt_txn *txn, zt_id s, zt_id p, zt_id o)
{
	zt_iter *it;
	CHECK(zt_match(txn, s, p, o, ZT_SPAN_ALWAYS, &it), "match");
	zt_fact f;
	long long n = 0;
	zt_status st;
	while ((st = zt_iter_next(it, &f)) == ZT_OK)
		n++;
	zt_iter_free(it);
	CHECK(st, "iterate");
	return n;
}

/* part_of+ from `start`, downwards (facts ?x part_of node) or upwards
 * (node part_of ?x): breadth-first with a visited set, so cycles end.
 * The start node counts only when a cycle leads back to it. */
static long long closure(zt_txn *txn, zt_id part_of, zt_id start, int down)
{
	idset seen = {0};
	idvec q = {0};
	idvec_push(&q, start);
	int start_reached = 0;
	for (size_t h = 0; h < q.n; h++) {
		zt_iter *it;
		zt_id u = q.v[h];
		CHECK(zt_match(txn, down ? 0 : u, part_of, down ? u : 0, ZT_SPAN_ALWAYS, &it), "match");
		zt_fact f;
		zt_status st;
		while ((st = zt_iter_next(it, &f)) == ZT_OK) {
			zt_id x = down ? f.s : f.o;
			if (x == start)
				start_reached = 1;
			if (idset_add(&seen, x) && x != start)
				idvec_push(&q, x);
		}
		zt_iter_free(it);
		CHECK(st, "iterate");
	}
	long long n = (long long)seen.n - (idset_has(&seen, start) && !start_reached);
	free(seen.slot);
	free(q.v);
	return n;
}

/* Shortest path length from a to b over the predicates in `preds`, either
 * direction, at most `max` hops; -1 when there is none. */
static long long shortest_path(zt_txn *txn, const idset *preds, zt_id a, zt_id b, int max)
{
	if (a == b)
		return 0;
	idset seen = {0};
	idvec cur = {0}, next = {0};
	idset_add(&seen, a);
	idvec_push(&cur, a);
	long long found = -1;
	for (int d = 1; d <= max && cur.n && found < 0; d++) {
		next.n = 0;
		for (size_t i = 0; i < cur.n && found < 0; i++) {
			for (int dir = 0; dir < 2 && found < 0; dir++) {
				zt_iter *it;
				CHECK(zt_match(txn, dir ? 0 : cur.v[i], 0, dir ? cur.v[i] : 0, ZT_SPAN_ALWAYS, &it), "match");
				zt_fact f;
				zt_status st;
				while ((st = zt_iter_next(it, &f)) == ZT_OK) {
					if (!idset_has(preds, f.p))
						continue;
					zt_id x = dir ? f.s : f.o;
					if (idset_add(&seen, x)) {
						if (x == b) {
							found = d;
							break;
						}
						idvec_push(&next, x);
					}
				}
				zt_iter_free(it);
				CHECK(st, "iterate");
			}
		}
		idvec t = cur;
		cur = next;
		next = t;
	}
	free(seen.slot);
	free(cur.v);
	free(next.v);
	return found;
}

static int cmd_run(const char *dbpath, const char *params_path, int runs)
{
	bench_params P;
	bench_params_read(params_path, &P);
	zt_store *store;
	zt_error err;
	zt_status st = zt_store_open(dbpath, ZT_OPEN_RDONLY, &store, &err);
	if (st != ZT_OK)
		fail(st, dbpath, &err);
	zt_txn *txn;
	if ((st = zt_txn_begin(store, 0, &txn, &err)) != ZT_OK)
		fail(st, "begin", &err);
	zt_id p_part = must_iri(txn, "<urn:zhitu:p:part_of>"), p_date = must_iri(txn, "<urn:zhitu:p:date>");
	zt_id p_actor = must_iri(txn, "<urn:zhitu:p:actor>"), p_topic = must_iri(txn, "<urn:zhitu:p:topic>");
	zt_id p_label = must_iri(txn, "<http://www.w3.org/2000/01/rdf-schema#label>");
	zt_id topic = must_iri(txn, P.join_topic), root = must_iri(txn, P.closure_down);
	zt_id leaf = must_iri(txn, P.closure_up), pa = must_iri(txn, P.path_a), pb = must_iri(txn, P.path_b);
	idset preds = {0};
	for (size_t i = 0; i < BENCH_NPATH_PREDS; i++) {
		char iri[128];
		snprintf(iri, sizeof iri, "<urn:zhitu:p:%s>", bench_path_preds[i]);
		zt_id id = lookup_iri(txn, iri);
		if (id)
			idset_add(&preds, id);
	}
	zt_txn_abort(txn);
	int32_t jfrom, jx, jy, jto;
	bench_parse_day(P.join_from, strlen(P.join_from), &jfrom, &jx);
	bench_parse_day(P.join_to, strlen(P.join_to), &jy, &jto);

	zt_session *sess = NULL;
	if (P.nshort && zt_session_new(store, &sess) == ZT_OK)
		zt_session_set_format(sess, ZT_FMT_TSV);

	for (int r = 0; r < runs; r++) {
		/* point lookups: IRI -> id through the dictionary, then both
		 * directions */
		double t0 = bench_now();
		CHECK(zt_txn_begin(store, 0, &txn, &err), "begin");
		long long rows = 0;
		for (size_t i = 0; i < P.nlookup; i++) {
			zt_id id = lookup_iri(txn, P.lookup[i]);
			if (!id)
				continue;
			rows += count_match(txn, id, 0, 0);
			rows += count_match(txn, 0, 0, id);
		}
		zt_txn_abort(txn);
		bench_emit("zhitu", "lookup", rows, (long)P.nlookup, bench_now() - t0, -1);

		/* the join: events on the topic (POS), their date in range (SPO,
		 * then the date literal's day), their actors (SPO) */
		t0 = bench_now();
		double first = -1;
		CHECK(zt_txn_begin(store, 0, &txn, &err), "begin");
		rows = 0;
		zt_iter *ev;
		CHECK(zt_match(txn, 0, p_topic, topic, ZT_SPAN_ALWAYS, &ev), "match");
		zt_fact e;
		while ((st = zt_iter_next(ev, &e)) == ZT_OK) {
			zt_iter *dit;
			CHECK(zt_match(txn, e.s, p_date, 0, ZT_SPAN_ALWAYS, &dit), "match");
			zt_fact df;
			int in_range = 0;
			while (!in_range && zt_iter_next(dit, &df) == ZT_OK) {
				zt_term dt;
				if (zt_id_kind(df.o) != ZT_DATE || zt_term_of(txn, df.o, &dt) != ZT_OK)
					continue;
				zt_date date;
				if (zt_date_parse(dt.str, dt.len, &date, NULL) == ZT_OK)
					in_range = date.span.from >= jfrom && date.span.to <= jto;
			}
			zt_iter_free(dit);
			if (!in_range)
				continue;
			zt_iter *ait;
			CHECK(zt_match(txn, e.s, p_actor, 0, ZT_SPAN_ALWAYS, &ait), "match");
			zt_fact af;
			while (zt_iter_next(ait, &af) == ZT_OK) {
				if (rows++ == 0)
					first = bench_now() - t0;
			}
			zt_iter_free(ait);
		}
		zt_iter_free(ev);
		CHECK(st, "iterate");
		zt_txn_abort(txn);
		bench_emit("zhitu", "join", rows, 1, bench_now() - t0, first);

		t0 = bench_now();
		CHECK(zt_txn_begin(store, 0, &txn, &err), "begin");
		rows = closure(txn, p_part, root, 1);
		zt_txn_abort(txn);
		bench_emit("zhitu", "closure_down", rows, 1, bench_now() - t0, -1);

		t0 = bench_now();
		CHECK(zt_txn_begin(store, 0, &txn, &err), "begin");
		rows = closure(txn, p_part, leaf, 0);
		zt_txn_abort(txn);
		bench_emit("zhitu", "closure_up", rows, 1, bench_now() - t0, -1);

		t0 = bench_now();
		CHECK(zt_txn_begin(store, 0, &txn, &err), "begin");
		rows = shortest_path(txn, &preds, pa, pb, P.path_max);
		zt_txn_abort(txn);
		bench_emit("zhitu", "path", rows, 1, bench_now() - t0, -1);

		/* names: the name index (normalized), then each node's labels */
		t0 = bench_now();
		CHECK(zt_txn_begin(store, 0, &txn, &err), "begin");
		rows = 0;
		for (size_t i = 0; i < P.nnames; i++) {
			zt_id ids[64];
			size_t n = 0;
			CHECK(zt_name_find(txn, P.names[i].text, ids, 64, &n), "name_find");
			for (size_t k = 0; k < n && k < 64; k++)
				rows += count_match(txn, ids[k], p_label, 0);
		}
		zt_txn_abort(txn);
		bench_emit("zhitu", "name", rows, (long)P.nnames, bench_now() - t0, -1);

		/* short queries through the language: parse, resolve, plan, run,
		 * format (TSV into memory); rows counted without the header */
		if (sess) {
			char *out = NULL;
			size_t outlen = 0;
			FILE *mem = open_memstream(&out, &outlen);
			long ok = 0;
			rows = 0;
			t0 = bench_now();
			for (size_t i = 0; i < P.nshort; i++) {
				char q[1024];
				snprintf(q, sizeof q, "FIND ?p WHERE \"%s\" part_of ?p", P.shortq[i]);
				if (zt_session_run(sess, q, strlen(q), "<bench>", 1, mem, &err) == ZT_OK)
					ok++;
				else if (ok == 0 && i == 0)
					fprintf(stderr, "%s: short query failed: %s\n", prog, err.msg);
			}
			double dt = bench_now() - t0;
			fclose(mem);
			for (size_t k = 0; k < outlen; k++)
				rows += out[k] == '\n';
			rows -= ok;   /* one header line per result */
			free(out);
			if (ok == (long)P.nshort)
				bench_emit("zhitu", "short", rows, (long)P.nshort, dt, -1);
		}
	}
	zt_session_free(sess);
	free(preds.slot);
	zt_store_close(store);
	bench_params_free(&P);
	return 0;
}

/* An N-Triples term as written (bench_split_triple) to a zt_term: IRIs,
 * blank nodes, text with or without a language, xsd:date as ZT_DATE, any
 * other datatype as ZT_TYPED.  The generator writes no escapes, so none
 * are decoded: this is the C-API load of the generated file, not a
 * general N-Triples reader (that is `zhitu load`). */
static zt_term nt_term(const bench_slice *t)
{
	zt_term z = {0};
	const char *p = t->p;
	size_t n = t->n;
	if (p[0] == '<') {
		z.kind = ZT_IRI; z.str = p + 1; z.len = n - 2;
	} else if (p[0] == '_') {
		z.kind = ZT_BLANK; z.str = p + 2; z.len = n - 2;
	} else {
		const char *q = p + n;
		while (q > p + 1 && q[-1] != '"')
			q--;
		z.str = p + 1;
		z.len = (size_t)(q - 1 - (p + 1));
		z.kind = ZT_TEXT;
		if (*q == '@') {
			z.extra = q + 1;
			z.extra_len = (size_t)(p + n - q - 1);
		} else if (*q == '^') {
			const char *dt = q + 3;
			size_t dl = (size_t)(p + n - dt - 1);
			static const char date[] = "http://www.w3.org/2001/XMLSchema#date";
			if (dl == sizeof date - 1 && memcmp(dt, date, dl) == 0) {
				z.kind = ZT_DATE;
			} else {
				z.kind = ZT_TYPED;
				z.extra = dt;
				z.extra_len = dl;
			}
		}
	}
	return z;
}

/* Load FILE.nt into a new database through zt_bulk (one write
 * transaction), for the C-API load figure beside the CLI's. */
static int cmd_load(const char *dbpath, const char *file)
{
	zt_store *store;
	zt_txn *txn;
	zt_error err;
	double t0 = bench_now();
	zt_status st = zt_store_open(dbpath, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &store, &err);
	if (st != ZT_OK)
		fail(st, dbpath, &err);
	if ((st = zt_txn_begin(store, 1, &txn, &err)) != ZT_OK)
		fail(st, "begin", &err);
	zt_bulk *b;
	CHECK(zt_bulk_begin(txn, &b), "bulk_begin");
	FILE *f = fopen(file, "r");
	if (!f)
		bench_die(prog, "cannot read", file);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		bench_slice t[3];
		int r = bench_split_triple(line, (size_t)len, t);
		if (r < 0)
			bench_die(prog, "not an N-Triples line in", file);
		if (r == 0)
			continue;
		zt_term s = nt_term(&t[0]), p = nt_term(&t[1]), o = nt_term(&t[2]);
		CHECK(zt_bulk_add(b, &s, &p, &o, ZT_SPAN_ALWAYS, 0, 0), "bulk_add");
	}
	free(line);
	fclose(f);
	CHECK(zt_bulk_finish(b), "bulk_finish");
	if ((st = zt_txn_commit(txn, &err)) != ZT_OK)
		fail(st, "commit", &err);
	double t1 = bench_now();
	if ((st = zt_txn_begin(store, 0, &txn, &err)) != ZT_OK)
		fail(st, "begin", &err);
	zt_stats stats;
	CHECK(zt_store_stats(txn, &stats), "stats");
	zt_txn_abort(txn);
	zt_store_close(store);
	bench_emit("zhitu", "load_api", (long long)stats.facts, 1, t1 - t0, -1);
	return 0;
}

static int print_source(void *ctx, const zt_source_info *info)
{
	(void)ctx;
	printf("{\"engine\":\"zhitu\",\"op\":\"source\",\"name\":\"%s\",\"count\":%llu}\n",
	       info->name, (unsigned long long)info->facts);
	return 0;
}

/* The number of facts, and of the facts each source contributed, for the
 * load check: `zhitu load graph-1e6.nt` records source graph-1e6, whose
 * count is the file's distinct triples whatever the vocabulary seed
 * already held. */
static int cmd_stats(const char *dbpath)
{
	zt_store *store;
	zt_txn *txn;
	zt_error err;
	zt_status st = zt_store_open(dbpath, ZT_OPEN_RDONLY, &store, &err);
	if (st != ZT_OK)
		fail(st, dbpath, &err);
	if ((st = zt_txn_begin(store, 0, &txn, &err)) != ZT_OK)
		fail(st, "begin", &err);
	zt_stats s;
	CHECK(zt_store_stats(txn, &s), "stats");
	CHECK(zt_source_list(txn, print_source, NULL), "sources");
	zt_txn_abort(txn);
	zt_store_close(store);
	printf("{\"engine\":\"zhitu\",\"op\":\"stats\",\"count\":%llu,\"terms\":%llu,\"map_used\":%llu}\n",
	       (unsigned long long)s.facts, (unsigned long long)s.terms, (unsigned long long)s.map_used);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[2], "stats") == 0)
		return cmd_stats(argv[1]);
	if (argc == 4 && strcmp(argv[2], "load") == 0)
		return cmd_load(argv[1], argv[3]);
	if (argc < 5 || strcmp(argv[2], "run") != 0) {
		fprintf(stderr, "usage: zhitu_bench DB run PARAMS.tsv RUNS\n       zhitu_bench DB stats\n"
		                "       zhitu_bench DB load FILE.nt\n");
		return 2;
	}
	return cmd_run(argv[1], argv[3], atoi(argv[4]));
}
