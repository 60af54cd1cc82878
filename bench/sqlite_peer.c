/* sqlite_peer.c — the SQLite peer of `make bench`: the triples table an
 * analyst would build, done well.
 *
 *   sqlite_peer DB load FILE.nt
 *   sqlite_peer DB run PARAMS.tsv RUNS
 *
 * Schema: a dictionary `terms(id INTEGER PRIMARY KEY, term TEXT, day
 * INTEGER)` (term as written in N-Triples; `day` the day number of an
 * xsd:date literal, the same time representation zhitu uses) with a
 * unique index on term, and `triples(s, p, o)` WITHOUT ROWID with primary
 * key SPO and indexes POS and OSP (covering, since a WITHOUT ROWID index
 * holds the key).  The load is one transaction with the journal and
 * fsync off, terms interned through an in-memory hash (as zhitu's bulk
 * loader does), and the secondary indexes built after the rows, which is
 * SQLite's fastest way.  Queries are prepared once and reused; closures
 * and paths are recursive CTEs (UNION, so cycles end).  No ANALYZE: with
 * sqlite_stat1 present SQLite 3.40 puts a Bloom filter on the recursive
 * step of a CTE, which scans the whole triples table at every step (30 ms
 * for a 6-node closure at 1e6); the join's order is fixed with CROSS JOIN
 * instead (topic -> date in range -> actors), the plan ANALYZE would pick.
 *
 * Output: one JSON line per figure (bench/params.h, bench_emit).
 */
#include <sqlite3.h>

#include "params.h"

static const char *prog = "sqlite_peer";
static sqlite3 *db;

static void check(int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
		fprintf(stderr, "%s: %s: %s\n", prog, what, sqlite3_errmsg(db));
		exit(1);
	}
}

static void exec(const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s: %s\n", prog, sql, msg ? msg : "?");
		exit(1);
	}
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st;
	check(sqlite3_prepare_v2(db, sql, -1, &st, NULL), sql);
	return st;
}

/* ------------------------------------------------------------------ load */

/* An in-memory term -> id hash in front of the terms table. */
typedef struct dict {
	uint64_t *hash;          /* 0 = empty slot */
	int64_t *id;
	uint64_t *off;           /* term bytes in `arena` at off, NUL-terminated */
	size_t cap, n;
	char *arena;
	size_t used, acap;
} dict;

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	h ^= h >> 29;
	return h ? h : 1;
}

static void dict_grow(dict *d)
{
	dict o = *d;
	d->cap = o.cap ? o.cap * 2 : (1u << 16);
	d->hash = calloc(d->cap, sizeof *d->hash);
	d->id = malloc(d->cap * sizeof *d->id);
	d->off = malloc(d->cap * sizeof *d->off);
	if (!d->hash || !d->id || !d->off)
		bench_die(prog, "out of memory", NULL);
	for (size_t i = 0; i < o.cap; i++)
		if (o.hash[i]) {
			size_t j = o.hash[i] & (d->cap - 1);
			while (d->hash[j])
				j = (j + 1) & (d->cap - 1);
			d->hash[j] = o.hash[i];
			d->id[j] = o.id[i];
			d->off[j] = o.off[i];
		}
	free(o.hash); free(o.id); free(o.off);
}

static sqlite3_stmt *ins_term, *ins_triple;

static int64_t intern(dict *d, const bench_slice *t)
{
	if ((d->n + 1) * 10 >= d->cap * 7)
		dict_grow(d);
	uint64_t h = hash_bytes(t->p, t->n);
	size_t j = h & (d->cap - 1);
	for (; d->hash[j]; j = (j + 1) & (d->cap - 1))
		if (d->hash[j] == h && strncmp(d->arena + d->off[j], t->p, t->n) == 0 && d->arena[d->off[j] + t->n] == 0)
			return d->id[j];
	if (d->used + t->n + 1 > d->acap) {
		d->acap = (d->used + t->n + 1) * 2;
		d->arena = realloc(d->arena, d->acap);
		if (!d->arena)
			bench_die(prog, "out of memory", NULL);
	}
	memcpy(d->arena + d->used, t->p, t->n);
	d->arena[d->used + t->n] = 0;
	int64_t id = (int64_t)++d->n;
	d->hash[j] = h;
	d->id[j] = id;
	d->off[j] = d->used;
	d->used += t->n + 1;

	sqlite3_bind_int64(ins_term, 1, id);
	sqlite3_bind_text(ins_term, 2, t->p, (int)t->n, SQLITE_STATIC);
	static const char xsd_date[] = "^^<http://www.w3.org/2001/XMLSchema#date>";
	size_t dl = sizeof xsd_date - 1;
	int32_t first, last;
	if (t->n > dl + 2 && t->p[0] == '"' && memcmp(t->p + t->n - dl, xsd_date, dl) == 0 &&
	    bench_parse_day(t->p + 1, t->n - dl - 2, &first, &last))
		sqlite3_bind_int(ins_term, 3, first);
	else
		sqlite3_bind_null(ins_term, 3);
	check(sqlite3_step(ins_term), "insert term");
	sqlite3_reset(ins_term);
	return id;
}

static int cmd_load(const char *file)
{
	exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-2000000;"
	     "PRAGMA temp_store=MEMORY; PRAGMA locking_mode=EXCLUSIVE;");
	exec("CREATE TABLE terms(id INTEGER PRIMARY KEY, term TEXT NOT NULL, day INTEGER);"
	     "CREATE TABLE triples(s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,"
	     " PRIMARY KEY(s, p, o)) WITHOUT ROWID;");
	double t0 = bench_now();
	FILE *f = fopen(file, "r");
	if (!f)
		bench_die(prog, "cannot read", file);
	exec("BEGIN");
	ins_term = prep("INSERT INTO terms VALUES(?1, ?2, ?3)");
	ins_triple = prep("INSERT OR IGNORE INTO triples VALUES(?1, ?2, ?3)");
	dict d = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long long lines = 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		bench_slice t[3];
		int r = bench_split_triple(line, (size_t)len, t);
		lines++;
		if (r == 0)
			continue;
		if (r < 0) {
			fprintf(stderr, "%s: %s:%lld: not an N-Triples line\n", prog, file, lines);
			return 1;
		}
		for (int i = 0; i < 3; i++)
			sqlite3_bind_int64(ins_triple, i + 1, intern(&d, &t[i]));
		check(sqlite3_step(ins_triple), "insert triple");
		sqlite3_reset(ins_triple);
	}
	free(line);
	fclose(f);
	sqlite3_finalize(ins_term);
	sqlite3_finalize(ins_triple);
	free(d.hash); free(d.id); free(d.off); free(d.arena);
	exec("CREATE UNIQUE INDEX terms_term ON terms(term);"
	     "CREATE INDEX terms_day ON terms(day) WHERE day IS NOT NULL;"
	     "CREATE INDEX triples_pos ON triples(p, o, s);"
	     "CREATE INDEX triples_osp ON triples(o, s, p);");
	exec("COMMIT");
	double t1 = bench_now();
	sqlite3_stmt *c = prep("SELECT count(*) FROM triples");
	sqlite3_step(c);
	long long n = sqlite3_column_int64(c, 0);
	sqlite3_finalize(c);
	bench_emit("sqlite", "load", n, 1, t1 - t0, -1);
	return 0;
}

/* ------------------------------------------------------------------- run */

static sqlite3_stmt *q_id;

static int64_t term_id(const char *term)
{
	sqlite3_bind_text(q_id, 1, term, -1, SQLITE_STATIC);
	int64_t id = 0;
	if (sqlite3_step(q_id) == SQLITE_ROW)
		id = sqlite3_column_int64(q_id, 0);
	sqlite3_reset(q_id);
	return id;
}

static int64_t must_id(const char *term)
{
	int64_t id = term_id(term);
	if (!id)
		bench_die(prog, "term not in the database:", term);
	return id;
}

static long long step_all(sqlite3_stmt *st, double *first, double t0)
{
	long long n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == 0 && first)
			*first = bench_now() - t0;
		n++;
	}
	check(rc, "step");
	sqlite3_reset(st);
	return n;
}

static int cmd_run(const char *params_path, int runs)
{
	bench_params P;
	bench_params_read(params_path, &P);
	exec("PRAGMA cache_size=-2000000; PRAGMA query_only=1;");
	q_id = prep("SELECT id FROM terms WHERE term = ?1");
	int64_t p_part = must_id("<urn:zhitu:p:part_of>"), p_date = must_id("<urn:zhitu:p:date>");
	int64_t p_actor = must_id("<urn:zhitu:p:actor>"), p_topic = must_id("<urn:zhitu:p:topic>");
	int64_t p_label = must_id("<http://www.w3.org/2000/01/rdf-schema#label>");
	int64_t p_alt = must_id("<http://www.w3.org/2004/02/skos/core#altLabel>");

	sqlite3_stmt *q_out = prep("SELECT p, o FROM triples WHERE s = ?1");
	sqlite3_stmt *q_in = prep("SELECT s, p FROM triples WHERE o = ?1");
	sqlite3_stmt *q_join = prep(
		"SELECT t1.s, t3.o FROM triples t1"
		" CROSS JOIN triples t2 ON t2.s = t1.s AND t2.p = ?2"
		" CROSS JOIN terms d ON d.id = t2.o AND d.day BETWEEN ?5 AND ?6"
		" CROSS JOIN triples t3 ON t3.s = t1.s AND t3.p = ?3"
		" WHERE t1.p = ?1 AND t1.o = ?4");
	sqlite3_stmt *q_down = prep(
		"WITH RECURSIVE below(n) AS ("
		" SELECT s FROM triples WHERE p = ?1 AND o = ?2"
		" UNION SELECT t.s FROM triples t JOIN below b ON t.o = b.n WHERE t.p = ?1)"
		" SELECT n FROM below");
	sqlite3_stmt *q_up = prep(
		"WITH RECURSIVE above(n) AS ("
		" SELECT o FROM triples WHERE s = ?2 AND p = ?1"
		" UNION SELECT t.o FROM triples t JOIN above a ON t.s = a.n WHERE t.p = ?1)"
		" SELECT n FROM above");
	/* Breadth-first: SQLite's recursive CTE is a FIFO queue, so the first
	 * row for B is at the least depth; UNION drops repeated (node, depth). */
	char ids[512] = "";
	for (size_t i = 0; i < BENCH_NPATH_PREDS; i++) {
		char iri[128];
		snprintf(iri, sizeof iri, "<urn:zhitu:p:%s>", bench_path_preds[i]);
		int64_t id = term_id(iri);
		if (id)
			snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%lld", *ids ? "," : "", (long long)id);
	}
	char path_sql[2048];
	snprintf(path_sql, sizeof path_sql,
	         "WITH RECURSIVE bfs(n, d) AS (SELECT ?1, 0"
	         " UNION SELECT t.o, b.d + 1 FROM bfs b JOIN triples t ON t.s = b.n WHERE b.d < ?3 AND t.p IN (%s)"
	         " UNION SELECT t.s, b.d + 1 FROM bfs b JOIN triples t ON t.o = b.n WHERE b.d < ?3 AND t.p IN (%s))"
	         " SELECT d FROM bfs WHERE n = ?2 LIMIT 1", ids, ids);
	sqlite3_stmt *q_path = prep(path_sql);
	sqlite3_stmt *q_name = prep(
		"SELECT DISTINCT t.s, l.o FROM terms n"
		" JOIN triples t ON t.o = n.id AND t.p IN (?2, ?3)"
		" JOIN triples l ON l.s = t.s AND l.p = ?2"
		" WHERE n.term = ?1");

	int32_t jf, jl, tf, tl;
	bench_parse_day(P.join_from, strlen(P.join_from), &jf, &jl);
	bench_parse_day(P.join_to, strlen(P.join_to), &tf, &tl);
	int64_t topic = must_id(P.join_topic), root = must_id(P.closure_down), leaf = must_id(P.closure_up);
	int64_t pa = must_id(P.path_a), pb = must_id(P.path_b);
	char **name_terms = malloc(P.nnames * sizeof *name_terms);
	for (size_t i = 0; i < P.nnames; i++) {
		size_t n = strlen(P.names[i].text) + strlen(P.names[i].lang) + 4;
		name_terms[i] = malloc(n);
		snprintf(name_terms[i], n, "\"%s\"@%s", P.names[i].text, P.names[i].lang);
	}

	for (int r = 0; r < runs; r++) {
		/* point lookups: the IRI to an id, then both directions */
		double t0 = bench_now();
		long long rows = 0;
		for (size_t i = 0; i < P.nlookup; i++) {
			int64_t id = term_id(P.lookup[i]);
			sqlite3_bind_int64(q_out, 1, id);
			rows += step_all(q_out, NULL, 0);
			sqlite3_bind_int64(q_in, 1, id);
			rows += step_all(q_in, NULL, 0);
		}
		bench_emit("sqlite", "lookup", rows, (long)P.nlookup, bench_now() - t0, -1);

		double first = -1;
		t0 = bench_now();
		sqlite3_bind_int64(q_join, 1, p_topic);
		sqlite3_bind_int64(q_join, 2, p_date);
		sqlite3_bind_int64(q_join, 3, p_actor);
		sqlite3_bind_int64(q_join, 4, topic);
		sqlite3_bind_int(q_join, 5, jf);
		sqlite3_bind_int(q_join, 6, tl);
		rows = step_all(q_join, &first, t0);
		bench_emit("sqlite", "join", rows, 1, bench_now() - t0, first);

		t0 = bench_now();
		sqlite3_bind_int64(q_down, 1, p_part);
		sqlite3_bind_int64(q_down, 2, root);
		rows = step_all(q_down, NULL, 0);
		bench_emit("sqlite", "closure_down", rows, 1, bench_now() - t0, -1);

		t0 = bench_now();
		sqlite3_bind_int64(q_up, 1, p_part);
		sqlite3_bind_int64(q_up, 2, leaf);
		rows = step_all(q_up, NULL, 0);
		bench_emit("sqlite", "closure_up", rows, 1, bench_now() - t0, -1);

		t0 = bench_now();
		sqlite3_bind_int64(q_path, 1, pa);
		sqlite3_bind_int64(q_path, 2, pb);
		sqlite3_bind_int(q_path, 3, P.path_max);
		long long len = -1;
		if (sqlite3_step(q_path) == SQLITE_ROW)
			len = sqlite3_column_int64(q_path, 0);
		sqlite3_reset(q_path);
		bench_emit("sqlite", "path", len, 1, bench_now() - t0, -1);

		t0 = bench_now();
		rows = 0;
		for (size_t i = 0; i < P.nnames; i++) {
			sqlite3_bind_text(q_name, 1, name_terms[i], -1, SQLITE_STATIC);
			sqlite3_bind_int64(q_name, 2, p_label);
			sqlite3_bind_int64(q_name, 3, p_alt);
			rows += step_all(q_name, NULL, 0);
		}
		bench_emit("sqlite", "name", rows, (long)P.nnames, bench_now() - t0, -1);
	}
	for (size_t i = 0; i < P.nnames; i++)
		free(name_terms[i]);
	free(name_terms);
	sqlite3_stmt *all[] = { q_id, q_out, q_in, q_join, q_down, q_up, q_path, q_name };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		sqlite3_finalize(all[i]);
	bench_params_free(&P);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: sqlite_peer DB load FILE.nt\n       sqlite_peer DB run PARAMS.tsv RUNS\n");
		return 2;
	}
	int load = strcmp(argv[2], "load") == 0;
	if (load)
		remove(argv[1]);
	if (sqlite3_open_v2(argv[1], &db, load ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		bench_die(prog, "cannot open", argv[1]);
	int rc = 2;
	if (load)
		rc = cmd_load(argv[3]);
	else if (strcmp(argv[2], "run") == 0 && argc >= 5)
		rc = cmd_run(argv[3], atoi(argv[4]));
	else
		fprintf(stderr, "usage: sqlite_peer DB load FILE.nt | DB run PARAMS.tsv RUNS\n");
	sqlite3_close(db);
	return rc;
}
