/* lexstate.h — the scanner's own state (flex "extra" data), shared by
 * grammar/lexer.l and grammar/parser.y only. */
#ifndef ZT_LEXSTATE_H
#define ZT_LEXSTATE_H

#include <stddef.h>

#include "ast.h"

struct zt_lexextra {
	int line, col;          /* where the next token starts (1-based, characters) */
	size_t off;             /* ... and its byte offset */
	char *qbuf;             /* the quoted name being collected */
	size_t qlen, qcap;
	zt_loc qstart;          /* where its opening quote was */
	int unterminated_at_end;/* a quote was still open at the end of the input */
	int nomem;
};

#endif
