#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *zt_strerror(zt_status st)
{
	switch (st) {
	case ZT_OK: return "success";
	case ZT_DONE: return "no more items";
	case ZT_NOTFOUND: return "not found";
	case ZT_ERR_NOMEM: return "out of memory";
	case ZT_ERR_IO: return "input/output error";
	case ZT_ERR_STORE: return "database error";
	case ZT_ERR_NOTDB: return "not a zhitu database";
	case ZT_ERR_VERSION: return "incompatible database version";
	case ZT_ERR_BUSY: return "database is busy (another writer)";
	case ZT_ERR_READONLY: return "database is open read-only";
	case ZT_ERR_SYNTAX: return "syntax error";
	case ZT_ERR_UTF8: return "invalid UTF-8";
	case ZT_ERR_ENCODING: return "unsupported text encoding";
	case ZT_ERR_UNKNOWN: return "unknown name";
	case ZT_ERR_TYPE: return "type mismatch";
	case ZT_ERR_ARG: return "invalid argument";
	case ZT_ERR_LIMIT: return "limit exceeded";
	case ZT_ERR_TIMEOUT: return "timed out";
	case ZT_ERR_CANCELED: return "canceled";
	case ZT_ERR_CORRUPT: return "database is damaged";
	case ZT_ERR_INTERNAL: return "internal error";
	}
	return "unknown status";
}

zt_status zt_fail(zt_error *err, zt_status st, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->status = st;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return st;
}

void zt_error_clear(zt_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}
