/* fuzz_import.c — libFuzzer target for the newsletter importer.
 *
 * Every input is imported as a document (import/import.h: encoding
 * check and conversion, layout detection, the readers, extraction, and
 * the write into a store), strictly or, when the first byte is odd,
 * leniently (bad UTF-8 replaced).  Then:
 *   - a failure must be one the header documents (empty, encoding, UTF-8,
 *     no memory) with a message, never an internal or corruption error;
 *   - `check` must pass on the store;
 *   - every warning must be valid UTF-8;
 *   - forgetting the source must bring the store back to exactly the
 *     facts, supports, sources, names and timed facts it had before
 *     ("forget is exact removal"), so every run starts from the same state.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "store/norm.h"
#include "store/schema.h"
#include "store/store.h"

#define EXPECT(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz_import: contract broken: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
	abort(); } } while (0)

static char dir[64];
static zt_store *store;
static zt_importer *importer;
static zt_stats base;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	zt_importer_free(importer);
	zt_store_close(store);
	if (dir[0])
		nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* The store's counts; with `check`, `zhitu check` must pass too. */
static void stats(zt_stats *out, int check)
{
	zt_txn *txn;
	zt_error err;
	EXPECT(zt_txn_begin(store, 0, &txn, &err) == ZT_OK);
	EXPECT(zt_store_stats(txn, out) == ZT_OK);
	if (check) {
		uint64_t problems = 0;
		zt_status s = zt_store_check(txn, &problems, &err);
		if (s != ZT_OK)
			fprintf(stderr, "fuzz_import: check: %s\n", err.msg);
		EXPECT(s == ZT_OK && problems == 0);
	}
	zt_txn_abort(txn);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	snprintf(dir, sizeof dir, "/dev/shm/zt-fuzz-im-XXXXXX");
	if (!mkdtemp(dir)) {
		snprintf(dir, sizeof dir, "/tmp/zt-fuzz-im-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	atexit(cleanup);
	char db[96];
	snprintf(db, sizeof db, "%s/db", dir);
	zt_error err;
	if (zt_store_open(db, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &store, &err) != ZT_OK ||
	    zt_schema_seed(store, &err) != ZT_OK || zt_importer_new(&importer, &err) != ZT_OK) {
		fprintf(stderr, "fuzz_import: cannot set up: %s\n", err.msg);
		abort();
	}
	stats(&base, 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	zt_import_opts opts = { .lenient = size && (data[0] & 1) };
	zt_import_summary sum;
	memset(&sum, 0, sizeof sum);
	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_import_buffer(importer, store, "fz", (const char *)data, size, &opts, &sum, &err);
	if (s != ZT_OK) {
		if (s != ZT_ERR_ARG && s != ZT_ERR_ENCODING && s != ZT_ERR_UTF8 && s != ZT_ERR_NOMEM &&
		    s != ZT_ERR_LIMIT)
			fprintf(stderr, "fuzz_import: unexpected %s: %s\n", zt_strerror(s), err.msg);
		EXPECT(s == ZT_ERR_ARG || s == ZT_ERR_ENCODING || s == ZT_ERR_UTF8 ||
		       s == ZT_ERR_NOMEM || s == ZT_ERR_LIMIT);
		EXPECT(err.msg[0] != '\0');
	}
	if (getenv("ZT_FUZZ_VERBOSE"))
		fprintf(stderr, "fuzz_import: %s%s%s (%s, %u items, %u events, %u facts, %zu warnings)\n",
		        zt_strerror(s), s ? ": " : "", s ? err.msg : "", sum.layout ? sum.layout : "-",
		        sum.items, sum.events, sum.facts, sum.nwarnings);
	for (size_t i = 0; i < sum.nwarnings; i++)
		EXPECT(sum.warnings[i] && zt_utf8_valid(sum.warnings[i], strlen(sum.warnings[i]), NULL));
	zt_import_summary_clear(&sum);

	zt_stats now;
	stats(&now, s == ZT_OK);
	if (s == ZT_OK) {
		zt_txn *txn;
		EXPECT(zt_txn_begin(store, 1, &txn, &err) == ZT_OK);
		zt_status f = zt_source_forget(txn, "fz");
		EXPECT(f == ZT_OK || f == ZT_NOTFOUND);
		EXPECT(zt_txn_commit(txn, &err) == ZT_OK);
		stats(&now, 0);
	}
	if (now.facts != base.facts || now.supports != base.supports || now.sources != base.sources ||
	    now.names != base.names || now.timed_facts != base.timed_facts) {
		fprintf(stderr, "fuzz_import: after forget: facts %llu/%llu supports %llu/%llu "
		        "sources %llu/%llu names %llu/%llu timed %llu/%llu (now/before)\n",
		        (unsigned long long)now.facts, (unsigned long long)base.facts,
		        (unsigned long long)now.supports, (unsigned long long)base.supports,
		        (unsigned long long)now.sources, (unsigned long long)base.sources,
		        (unsigned long long)now.names, (unsigned long long)base.names,
		        (unsigned long long)now.timed_facts, (unsigned long long)base.timed_facts);
		abort();
	}
	return 0;
}
