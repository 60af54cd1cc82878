/* session.h — running query-language text against a store: the one entry
 * point the command line and the REPL use.
 *
 * A session holds the settings a user changes (output format, citations,
 * timer, limits) and runs text holding one or more statements separated by
 * ';'.  Each statement runs in its own read transaction (a consistent
 * snapshot; it never waits for a writer) and writes its result to `out`.
 * Errors are returned with a message that names the origin, line and
 * column (in characters), what was found and what was expected, and shows
 * the line with a caret; nothing is printed to stderr by the session.
 * Messages are complete: they start with "error: " and may span several
 * lines (the source line and the caret; several syntax errors at once),
 * so a front end prints err->msg as it is.
 *
 *   error: line 2, column 16: unexpected 'AND', expected a variable, name or value
 *     WHERE ?e actor AND ?who a Regulator
 *                    ^
 *
 * The language is docs/query-language.md of the shared docs; the choices
 * it leaves open are made here:
 *   - a name resolves through labels and aliases (normalized) by position:
 *     the predicate position prefers predicates, the object of `a` types
 *     (with every subtype), other positions entities and topics; a name
 *     that means several nodes means all of them; an unknown name is an
 *     error suggesting the nearest names, never an empty result;
 *   - results are distinct rows, in the order found unless ORDER BY;
 *     COUNT(?x) counts the distinct values of ?x in each group, COUNT(*)
 *     the distinct solutions; the plain columns are the groups;
 *   - FILTER: numbers and money compare by value (money only within one
 *     currency), dates as periods (2024-05-14 < 2024-06, and
 *     2024-05-14 = 2024-05 because one lies within the other), names of
 *     nodes by identity, `~` is a substring test on the normalized labels
 *     and aliases (or text); an unbound variable passes no comparison,
 *     and values that cannot be compared pass only `!=`;
 *   - DURING/BETWEEN/BEFORE/AFTER/ON keep the facts whose valid time
 *     overlaps the range on every pattern and every hop of a path, and on
 *     a `?e date ?d` pattern the date ?d itself must be a date that
 *     overlaps it (an event whose date fact is timeless still happened
 *     when its date says; found by one range scan over the dates); AS OF
 *     keeps the facts supported by a source published by that day (end of
 *     the period), sources of unknown date and unsourced facts included.
 */
#ifndef ZT_SESSION_H
#define ZT_SESSION_H

#include <stdio.h>

#include "../store/store.h"

typedef enum zt_format {
	ZT_FMT_TABLE,   /* aligned by display width (default on a terminal) */
	ZT_FMT_TSV,     /* header line, then rows (default when piped) */
	ZT_FMT_CSV,
	ZT_FMT_JSON,    /* one array of objects */
	ZT_FMT_DOT      /* Graphviz, for DESCRIBE / PATH / TIMELINE */
} zt_format;

/* Parse a format name ("table", "tsv", "csv", "json", "dot"); ZT_ERR_ARG. */
zt_status zt_format_parse(const char *name, zt_format *out);

typedef struct zt_session zt_session;

zt_status zt_session_new(zt_store *st, zt_session **out);
void zt_session_free(zt_session *s);   /* NULL is a no-op */

void zt_session_set_format(zt_session *s, zt_format f);
zt_format zt_session_format(const zt_session *s);
void zt_session_set_cite(zt_session *s, int on);     /* add the citation column */
void zt_session_set_timer(zt_session *s, int on);    /* print elapsed time after each result */
void zt_session_set_timeout(zt_session *s, double seconds);  /* 0 = none */
void zt_session_set_max_rows(zt_session *s, unsigned long rows); /* guard; 0 = default (1e6) */
/* Working-memory guard of one statement, in bytes; 0 = default (1 GiB).
 * A statement that needs more fails with ZT_ERR_LIMIT. */
void zt_session_set_max_memory(zt_session *s, size_t bytes);

/* Run every statement in `text` (`len` bytes).  `origin` names the text in
 * messages ("<command line>", a file name); `first_line` is the line
 * number of the text's first line in that origin.  Stops at the first
 * failing statement and returns its status with `err` filled. */
zt_status zt_session_run(zt_session *s, const char *text, size_t len,
                         const char *origin, int first_line, FILE *out, zt_error *err);

/* Ask a running zt_session_run to stop with ZT_ERR_CANCELED as soon as it
 * can.  Async-signal-safe (it sets a flag), for Ctrl-C in the REPL. */
void zt_session_interrupt(zt_session *s);

/* Whether `text` holds at least one complete statement and nothing after
 * the last one but spaces: 1 complete, 0 needs more input (unclosed quote
 * or parenthesis, a clause that cannot end there), for multi-line input. */
int zt_session_input_complete(const char *text, size_t len);

/* Completion candidates for the word ending at byte `cursor` of `line`:
 * keywords, predicates, types, topics and entity names (Chinese too).
 * `fn` is called once per candidate until it returns non-zero. */
typedef int (*zt_complete_fn)(void *ctx, const char *candidate);
zt_status zt_session_complete(zt_session *s, const char *line, size_t cursor,
                              zt_complete_fn fn, void *ctx);

#endif
