/* norm.h — the one normalization of names for keys and comparisons.
 *
 * zt_norm maps a name to its key: Unicode NFKC (which also turns full-width
 * forms into half-width), case folding, then removal of whitespace and of
 * the quoting and bracketing marks 《》“”"'「」『』·・()（）[] — so
 * "Open AI", "openai" and "ＯｐｅｎＡＩ" share one key.  Labels are shown
 * as written; only keys are normalized.  Built on utf8proc.
 */
#ifndef ZT_NORM_H
#define ZT_NORM_H

#include <stddef.h>

#include "status.h"

/* Normalize `len` bytes of UTF-8 at `s` into a new NUL-terminated malloc'd
 * string (*out; its length in *outlen when outlen is not NULL).
 * ZT_ERR_UTF8 for invalid UTF-8, ZT_ERR_NOMEM. */
zt_status zt_norm(const char *s, size_t len, char **out, size_t *outlen);

/* Whether `len` bytes at `s` are valid UTF-8; when not, *bad_offset (may
 * be NULL) gets the byte offset of the first bad sequence. */
int zt_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* The number of characters (code points) in valid UTF-8 text. */
size_t zt_utf8_chars(const char *s, size_t len);

/* Terminal display width of valid UTF-8 text (East Asian wide = 2). */
size_t zt_utf8_width(const char *s, size_t len);

/* Whether the text holds a CJK ideograph or kana (U+2E80..U+9FFF,
 * U+F900..U+FAFF, U+20000..U+2FFFF): the rule that makes a label "@zh"
 * rather than "@en" (store/schema.h, the importer). */
int zt_has_cjk(const char *s, size_t len);

/* The language tag for a label by that rule: "zh" or "en". */
const char *zt_label_lang(const char *s, size_t len);

#endif
