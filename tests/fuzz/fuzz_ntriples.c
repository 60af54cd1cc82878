/* fuzz_ntriples.c — libFuzzer target for the N-Triples / N-Quads reader
 * and loader (import/ntriples.h) and the export it must round-trip with.
 *
 * For each input:
 *  1. zt_rdf_read_mem in both syntaxes.  Every statement handed out must
 *     hold valid UTF-8, absolute IRIs and terms whose encoding decodes
 *     back to the same term; a failure must come with a located message.
 *  2. When the input reads as N-Quads, it is loaded (zt_rdf_load_txn, from
 *     a file whose extension the first byte picks: .nq, .nt or .txt) into
 *     an empty store inside a write transaction; `check` must then pass,
 *     and export -> load -> export must give the same bytes (the promise
 *     of store/export.h).  Both transactions are aborted, so the store
 *     stays empty and every run is independent of the ones before.
 * A broken promise aborts, which libFuzzer records as a finding.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/ntriples.h"
#include "store/export.h"
#include "store/norm.h"
#include "store/store.h"

#define EXPECT(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz_ntriples: contract broken: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
	abort(); } } while (0)

static char dir[64];
static zt_store *store;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	zt_store_close(store);
	store = NULL;
	if (dir[0])
		nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	/* Memory-backed when possible: each run writes two small files. */
	snprintf(dir, sizeof dir, "/dev/shm/zt-fuzz-nt-XXXXXX");
	if (!mkdtemp(dir)) {
		snprintf(dir, sizeof dir, "/tmp/zt-fuzz-nt-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	char db[96];
	snprintf(db, sizeof db, "%s/db", dir);
	zt_error err;
	if (zt_store_open(db, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &store, &err) != ZT_OK) {
		fprintf(stderr, "fuzz_ntriples: cannot open %s: %s\n", db, err.msg);
		abort();
	}
	atexit(cleanup);
	return 0;
}

static void check_term(const zt_term *t)
{
	EXPECT(t->kind >= ZT_IRI && t->kind <= ZT_TYPED);
	EXPECT(zt_utf8_valid(t->str, t->len, NULL));
	if (t->extra_len)
		EXPECT(zt_utf8_valid(t->extra, t->extra_len, NULL));
	if (t->kind == ZT_IRI)
		EXPECT(memchr(t->str, ':', t->len) != NULL);
	size_t n = zt_term_encode(t, NULL, 0);
	unsigned char *buf = malloc(n ? n : 1);
	EXPECT(buf != NULL);
	EXPECT(zt_term_encode(t, buf, n) == n);
	zt_term back;
	EXPECT(zt_term_decode(buf, n, &back) == ZT_OK);
	EXPECT(back.kind == t->kind && back.len == t->len && memcmp(back.str, t->str, t->len) == 0);
	free(buf);
}

static zt_status on_quad(void *ctx, const zt_quad *q)
{
	(void)ctx;
	check_term(&q->s);
	check_term(&q->p);
	check_term(&q->o);
	EXPECT(q->s.kind == ZT_IRI || q->s.kind == ZT_BLANK);
	EXPECT(q->p.kind == ZT_IRI);
	if (q->has_graph) {
		check_term(&q->g);
		EXPECT(q->g.kind == ZT_IRI || q->g.kind == ZT_BLANK);
	}
	EXPECT(q->line >= 1);
	return ZT_OK;
}

static zt_status read_as(const char *text, size_t len, zt_rdf_syntax syn)
{
	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_rdf_read_mem(text, len, "fuzz", syn, on_quad, NULL, &err);
	if (s >= ZT_ERR_FIRST) {
		EXPECT(s != ZT_ERR_INTERNAL);
		if (s != ZT_ERR_NOMEM) {
			EXPECT(err.msg[0] != '\0');
			EXPECT(err.line >= 1);
		}
	}
	return s;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	EXPECT(f != NULL);
	EXPECT(fwrite(data, 1, len, f) == len);
	EXPECT(fclose(f) == 0);
}

/* Load `path` into a fresh write transaction; on success check the store
 * and return its N-Quads export (malloc'd, *n bytes), else NULL. */
static char *load_export(const char *path, size_t *n)
{
	zt_txn *txn = NULL;
	zt_error err;
	EXPECT(zt_txn_begin(store, 1, &txn, &err) == ZT_OK);
	zt_status s = zt_rdf_load_txn(txn, path, NULL, &err);
	if (s != ZT_OK) {
		EXPECT(s >= ZT_ERR_FIRST && s != ZT_ERR_INTERNAL && s != ZT_ERR_CORRUPT);
		zt_txn_abort(txn);
		return NULL;
	}
	uint64_t problems = 0;
	s = zt_store_check(txn, &problems, &err);
	if (s != ZT_OK)
		fprintf(stderr, "fuzz_ntriples: check after load: %s\n", err.msg);
	EXPECT(s == ZT_OK && problems == 0);
	char *buf = NULL;
	FILE *out = open_memstream(&buf, n);
	EXPECT(out != NULL);
	s = zt_export(txn, ZT_EXPORT_NQUADS, out, NULL, &err);
	EXPECT(fclose(out) == 0);
	EXPECT(s == ZT_OK);
	zt_txn_abort(txn);
	return buf;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Split a copy of text into sorted lines: *n lines, the copy in *buf. */
static char **sorted_lines(const char *text, size_t len, size_t *n, char **buf)
{
	*buf = malloc(len + 1);
	EXPECT(*buf != NULL);
	memcpy(*buf, text, len);
	(*buf)[len] = '\0';
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	char **lines = malloc(cap * sizeof *lines);
	EXPECT(lines != NULL);
	*n = 0;
	for (char *p = *buf, *nl; *p; p = nl + 1) {
		lines[(*n)++] = p;
		if (!(nl = strchr(p, '\n')))
			break;
		*nl = '\0';
	}
	qsort(lines, *n, sizeof *lines, cmp_line);
	return lines;
}

/* Whether two exports hold the same lines: ids, and so the store's order,
 * depend on the order terms were first seen, so a reload may list the
 * same graph in another order. */
static int same_lines(const char *a, size_t na, const char *b, size_t nb)
{
	if (na != nb)
		return 0;
	size_t la, lb;
	char *ba, *bb;
	char **xa = sorted_lines(a, na, &la, &ba), **xb = sorted_lines(b, nb, &lb, &bb);
	int same = la == lb;
	for (size_t i = 0; same && i < la; i++)
		same = strcmp(xa[i], xb[i]) == 0;
	free(xa);
	free(xb);
	free(ba);
	free(bb);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	read_as(text, size, ZT_RDF_NTRIPLES);
	if (read_as(text, size, ZT_RDF_NQUADS) != ZT_OK)
		return 0;

	static const char *const ext[] = { "nq", "nt", "txt" };
	char in[128], again[128];
	snprintf(in, sizeof in, "%s/input.%s", dir, ext[size ? data[0] % 3 : 0]);
	snprintf(again, sizeof again, "%s/export.nq", dir);
	write_file(in, text, size);
	size_t n1 = 0, n2 = 0;
	char *e1 = load_export(in, &n1);
	if (e1) {
		write_file(again, e1, n1);
		char *e2 = load_export(again, &n2);
		if (!e2 || !same_lines(e1, n1, e2, n2)) {
			fprintf(stderr, "fuzz_ntriples: export -> load -> export differs\n"
			        "--- first export\n%.*s--- second export\n%.*s---\n",
			        (int)n1, e1, (int)n2, e2 ? e2 : "");
			abort();
		}
		free(e2);
	}
	free(e1);
	return 0;
}
