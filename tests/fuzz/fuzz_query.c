/* fuzz_query.c — libFuzzer target for the query language, from the parser
 * to the executor.
 *
 * Every input is
 *  1. parsed (grammar/ast.h) and checked against the parser's contract:
 *     the return code agrees with the error count, every location lies
 *     inside the text with 1-based line and column, every statement can be
 *     dumped;
 *  2. asked whether it is a complete statement and what completes its
 *     last word (the REPL's calls), candidates being valid UTF-8;
 *  3. run as a whole script through a session (query/session.h) over a
 *     small graph: vocabulary, a few entities and events with dates, money
 *     and a part_of cycle — with a short timeout, a row guard and a
 *     memory guard.  Any outcome is fine but a crash, a sanitizer report,
 *     an internal error, or an error without a message.
 * Invalid UTF-8 is the caller's job to refuse (the session checks it
 * too), so step 1 only sees valid text.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grammar/ast.h"
#include "import/ntriples.h"
#include "query/session.h"
#include "store/norm.h"
#include "store/schema.h"
#include "store/store.h"

/* A broken contract is a finding: crash so the fuzzer keeps the input. */
#define EXPECT(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz_query: contract broken: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
	abort(); } } while (0)

#define RDF  "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#define LBL  "<http://www.w3.org/2000/01/rdf-schema#label>"
#define ALT  "<http://www.w3.org/2004/02/skos/core#altLabel>"
#define P(x) "<urn:zhitu:p:" x ">"
#define T(x) "<urn:zhitu:type:" x ">"
#define D(x) "\"" x "\"^^<http://www.w3.org/2001/XMLSchema#date>"
#define G    " <urn:zhitu:source:fz#i=1;t=2024-05-14..2024-05-14> .\n"

/* A small synthetic graph (made up for the fuzzer, no corpus text). */
static const char graph[] =
	"<urn:zhitu:e:jur/eu> " RDF " " T("Bloc") G
	"<urn:zhitu:e:jur/eu> " LBL " \"欧盟\"@zh" G
	"<urn:zhitu:e:jur/eu> " ALT " \"EU\"@en" G
	"<urn:zhitu:e:org/ec> " RDF " " T("Regulator") G
	"<urn:zhitu:e:org/ec> " LBL " \"欧盟委员会\"@zh" G
	"<urn:zhitu:e:org/ec> " P("part_of") " <urn:zhitu:e:jur/eu>" G
	"<urn:zhitu:e:org/office> " RDF " " T("Agency") G
	"<urn:zhitu:e:org/office> " LBL " \"AI Office\"@en" G
	"<urn:zhitu:e:org/office> " P("part_of") " <urn:zhitu:e:org/ec>" G
	"<urn:zhitu:e:org/x> " LBL " \"Cyc\"@en" G
	"<urn:zhitu:e:org/x> " P("part_of") " <urn:zhitu:e:org/y>" G
	"<urn:zhitu:e:org/y> " P("part_of") " <urn:zhitu:e:org/x>" G
	"<urn:zhitu:e:org/acme> " RDF " " T("Company") G
	"<urn:zhitu:e:org/acme> " LBL " \"Acme AI\"@en" G
	"<urn:zhitu:e:doc/act> " RDF " " T("Law") G
	"<urn:zhitu:e:doc/act> " LBL " \"人工智能法案\"@zh" G
	"<urn:zhitu:ev:fz/1/1> " RDF " " T("RegulatoryAction") G
	"<urn:zhitu:ev:fz/1/1> " P("actor") " <urn:zhitu:e:org/ec>" G
	"<urn:zhitu:ev:fz/1/1> " P("object") " <urn:zhitu:e:doc/act>" G
	"<urn:zhitu:ev:fz/1/1> " P("date") " " D("2024-05-14") G
	"<urn:zhitu:ev:fz/1/1> " P("title") " \"发布指南\"@zh" G
	"<urn:zhitu:ev:fz/1/2> " RDF " " T("FundingRound") G
	"<urn:zhitu:ev:fz/1/2> " P("investee") " <urn:zhitu:e:org/acme>" G
	"<urn:zhitu:ev:fz/1/2> " P("amount") " \"6000000000 USD\"" G
	"<urn:zhitu:ev:fz/1/2> " P("round") " \"B\"" G
	"<urn:zhitu:ev:fz/1/2> " P("date") " " D("2023-11-02") G;

static char dir[64];
static zt_store *store;
static zt_session *session;
static FILE *sink;
static int verbose;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	zt_session_free(session);
	zt_store_close(store);
	if (sink)
		fclose(sink);
	if (dir[0])
		nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	snprintf(dir, sizeof dir, "/dev/shm/zt-fuzz-q-XXXXXX");
	if (!mkdtemp(dir)) {
		snprintf(dir, sizeof dir, "/tmp/zt-fuzz-q-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	atexit(cleanup);
	char db[96], nq[96];
	snprintf(db, sizeof db, "%s/db", dir);
	snprintf(nq, sizeof nq, "%s/graph.nq", dir);
	FILE *f = fopen(nq, "w");
	EXPECT(f && fputs(graph, f) >= 0 && fclose(f) == 0);
	zt_error err;
	if (zt_store_open(db, ZT_OPEN_CREATE | ZT_OPEN_NOSYNC, &store, &err) != ZT_OK ||
	    zt_schema_seed(store, &err) != ZT_OK || zt_rdf_load(store, nq, NULL, &err) != ZT_OK) {
		fprintf(stderr, "fuzz_query: cannot set up the store: %s\n", err.msg);
		abort();
	}
	EXPECT(zt_session_new(store, &session) == ZT_OK);
	/* Bounds that make every input quick: an exploding path or join
	 * must be stopped by a guard, which is part of what is tested. */
	zt_session_set_timeout(session, 0.05);
	zt_session_set_max_rows(session, 2000);
	zt_session_set_max_memory(session, 64u << 20);
	zt_session_set_format(session, ZT_FMT_TSV);
	/* ZT_FUZZ_VERBOSE=1 shows results and errors, for triage */
	verbose = getenv("ZT_FUZZ_VERBOSE") != NULL;
	sink = verbose ? fdopen(dup(1), "w") : fopen("/dev/null", "w");
	EXPECT(sink != NULL);
	return 0;
}

static void check_loc(const zt_loc *l, size_t len)
{
	EXPECT(l->first_line >= 1 && l->first_column >= 1);
	EXPECT(l->first_off <= len);
	EXPECT(l->last_off <= len);
}

static void parse_and_check(const char *text, size_t len)
{
	zt_ascript *sc = NULL;
	int rc = zt_parse(text, len, &sc);
	if (rc < 0) {
		EXPECT(sc == NULL);
		return;
	}
	EXPECT(sc != NULL);
	EXPECT((rc == 0) == (sc->nerrors == 0));
	size_t kept = sc->nerrors < ZT_PARSE_MAX_ERRORS ? sc->nerrors : ZT_PARSE_MAX_ERRORS;
	for (size_t i = 0; i < kept; i++) {
		check_loc(&sc->errors[i].loc, len);
		EXPECT(memchr(sc->errors[i].msg, '\0', sizeof sc->errors[i].msg) != NULL);
		EXPECT(sc->errors[i].msg[0] != '\0');
	}
	static char dump[1 << 16];
	for (const zt_astmt *st = sc->stmts; st; st = st->next) {
		check_loc(&st->loc, len);
		zt_astmt_dump(st, dump, sizeof dump);
		EXPECT(strlen(dump) < sizeof dump);
	}
	zt_ascript_free(sc);
}

static int on_candidate(void *ctx, const char *cand)
{
	(void)ctx;
	EXPECT(cand != NULL);
	EXPECT(zt_utf8_valid(cand, strlen(cand), NULL));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t bad = 0;
	int valid = zt_utf8_valid(text, size, &bad);
	if (valid)
		parse_and_check(text, size);
	else
		EXPECT(bad <= size);

	if (valid && size < 4096) {
		(void)zt_session_input_complete(text, size);
		/* complete at the end of the first line, as the REPL would */
		const char *nl = memchr(text, '\n', size);
		size_t linelen = nl ? (size_t)(nl - text) : size;
		char *line = malloc(linelen + 1);
		EXPECT(line != NULL);
		memcpy(line, text, linelen);
		line[linelen] = '\0';
		zt_status cs = zt_session_complete(session, line, strlen(line), on_candidate, NULL);
		EXPECT(cs < ZT_ERR_FIRST || (cs != ZT_ERR_INTERNAL && cs != ZT_ERR_CORRUPT));
		free(line);
	}

	zt_error err;
	zt_error_clear(&err);
	zt_status s = zt_session_run(session, text, size, "fuzz", 1, sink, &err);
	if (verbose)
		fprintf(stderr, "fuzz_query: %s%s%s\n", zt_strerror(s), s >= ZT_ERR_FIRST ? ": " : "",
		        s >= ZT_ERR_FIRST ? err.msg : "");
	if (s >= ZT_ERR_FIRST) {
		if (s == ZT_ERR_INTERNAL || s == ZT_ERR_CORRUPT)
			fprintf(stderr, "fuzz_query: %s: %s\n", zt_strerror(s), err.msg);
		EXPECT(s != ZT_ERR_INTERNAL && s != ZT_ERR_CORRUPT);
		EXPECT(err.msg[0] != '\0');
	}
	return 0;
}
