/* detect.h — what a file is before it is read: its encoding (UTF-8,
 * UTF-8 with a BOM, UTF-16 with a BOM, GB18030/GBK) and its layout
 * (monthly issue, PDF-extracted issue, digest record, report, other),
 * decided from the content only, never from the file name.
 */
#ifndef ZT_IMPORT_DETECT_H
#define ZT_IMPORT_DETECT_H

#include <stddef.h>

#include "../store/status.h"
#include "doc.h"

/* Turn raw bytes into valid UTF-8 text (*out, malloc'd, NUL-terminated,
 * *outlen bytes).  `name` names the input in messages.
 *   - empty (or only whitespace, U+3000 included): ZT_ERR_ARG "NAME: the
 *     file is empty";
 *   - binary (NUL bytes or many control characters): ZT_ERR_ENCODING
 *     "NAME: not a text file (binary data at byte N)";
 *   - a UTF-8 BOM is dropped; UTF-16 is refused (ZT_ERR_ENCODING) with
 *     the iconv command that converts it;
 *   - text that is not UTF-8 but reads as GB18030 (which covers GBK and
 *     GB2312) is converted with iconv, and *converted is set to
 *     "GB18030";
 *   - otherwise invalid UTF-8 is ZT_ERR_UTF8 "NAME: invalid UTF-8 at byte
 *     N (line L)", unless `lenient`, in which case each bad sequence
 *     becomes U+FFFD and *replaced counts them.
 * `converted` and `replaced` may be NULL. */
zt_status zt_text_prepare(const char *name, const char *data, size_t len, int lenient,
                          char **out, size_t *outlen, const char **converted, size_t *replaced,
                          zt_error *err);

/* The layout of UTF-8 text (from its structure; see detect.c). */
zt_layout zt_detect_layout(const char *text, size_t len);

#endif
