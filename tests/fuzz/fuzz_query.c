/* fuzz_query.c — libFuzzer target for the query language.
 *
 * Every input is parsed (grammar/ast.h) and, when it is valid UTF-8,
 * checked against the parser's contract: the return code agrees with the
 * error count, every error location lies inside the text with 1-based
 * line and column, and every statement can be dumped.  Invalid UTF-8 is
 * the caller's job to refuse (zt_utf8_valid), as the session does, so it
 * is only checked that the validator itself survives it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/ast.h"
#include "store/norm.h"

/* A broken contract is a finding: crash so the fuzzer keeps the input. */
#define EXPECT(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz_query: contract broken: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
	abort(); } } while (0)

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t bad = 0;
	if (!zt_utf8_valid(text, size, &bad)) {
		EXPECT(bad <= size);
		return 0;
	}
	parse_and_check(text, size);
	return 0;
}
