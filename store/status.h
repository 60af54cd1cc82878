/* status.h — zhitu's one status enum and error detail.
 *
 * Every zhitu function that can fail returns a zt_status.  ZT_OK is zero;
 * ZT_DONE and ZT_NOTFOUND are non-fatal outcomes ("no more rows", "no such
 * key"); everything from ZT_ERR_FIRST on is an error.  Codes never clash
 * with errno or LMDB codes: LMDB's are translated inside store/ only.
 *
 * Functions that can fail for a reason a user must read (bad input, a file
 * that is not a database) also take a zt_error *, which they fill with a
 * message naming the place (file, line, column in characters) and what was
 * expected.  Library code never prints and never exits.
 */
#ifndef ZT_STATUS_H
#define ZT_STATUS_H

#include <stddef.h>

typedef enum zt_status {
	ZT_OK = 0,
	ZT_DONE,          /* an iterator has no more items (not an error) */
	ZT_NOTFOUND,      /* a lookup found nothing (not an error) */
	ZT_ERR_FIRST = 16,
	ZT_ERR_NOMEM = ZT_ERR_FIRST, /* out of memory */
	ZT_ERR_IO,        /* reading or writing a file failed (see errno in message) */
	ZT_ERR_STORE,     /* LMDB reported an error */
	ZT_ERR_NOTDB,     /* the directory is not a zhitu database */
	ZT_ERR_VERSION,   /* the database was written by an incompatible version */
	ZT_ERR_BUSY,      /* another writer holds the database */
	ZT_ERR_READONLY,  /* a write was attempted through a read-only handle */
	ZT_ERR_SYNTAX,    /* input text is malformed (message has the place) */
	ZT_ERR_UTF8,      /* input is not valid UTF-8 (message has the offset) */
	ZT_ERR_ENCODING,  /* input is in an encoding we do not read */
	ZT_ERR_UNKNOWN,   /* a name did not resolve (message suggests others) */
	ZT_ERR_TYPE,      /* a value has the wrong type for the operation */
	ZT_ERR_ARG,       /* a caller passed an invalid argument */
	ZT_ERR_LIMIT,     /* a row, memory, depth or size limit was reached */
	ZT_ERR_TIMEOUT,   /* a query ran past its time limit */
	ZT_ERR_CANCELED,  /* the user interrupted the operation */
	ZT_ERR_CORRUPT,   /* `check` found damage, or data failed to decode */
	ZT_ERR_INTERNAL   /* a bug: an invariant did not hold */
} zt_status;

/* A short fixed English phrase for a status ("out of memory"). Never NULL. */
const char *zt_strerror(zt_status st);

/* Detail for a user.  `msg` is a complete sentence-like message such as
 * "data.nt:12:7: expected '>' to close the IRI".  `line` and `column` are
 * 1-based (column counted in characters), 0 when unknown. */
typedef struct zt_error {
	zt_status status;
	int line, column;
	char msg[1024];
} zt_error;

/* Fill `err` (may be NULL) with a printf-style message; returns `st` so
 * callers can write `return zt_fail(err, ZT_ERR_SYNTAX, "...", ...)`. */
zt_status zt_fail(zt_error *err, zt_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear an error record. */
void zt_error_clear(zt_error *err);

/* Pass a failure up: TRY(st, expr) evaluates expr and returns on error. */
#define ZT_TRY(st, expr) do { if (((st) = (expr)) >= ZT_ERR_FIRST) return (st); } while (0)

#endif
