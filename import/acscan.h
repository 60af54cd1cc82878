/* acscan.h — private to import/: a multi-pattern scanner over normalized
 * text (Aho-Corasick, dense transition table over byte classes), used by
 * the gazetteer for names and by the topic table for keywords.
 *
 * Patterns and text go through one normalization, zt_fold, which is
 * zt_norm (store/norm.h) applied code point by code point: NFKC + case
 * fold, then whitespace and quoting marks removed.  Applying it per code
 * point lets the scanner normalize on the fly and remember, for every
 * normalized byte, which original bytes it came from.  It differs from
 * zt_norm only where NFKC composes across code points (a base letter
 * followed by a separate combining accent), which names never rely on;
 * tests check that both agree on every gazetteer name.
 *
 * Matching rules: leftmost-longest, non-overlapping.  A pattern whose
 * first (last) character is a Latin letter or digit only matches when the
 * original character before (after) the occurrence is not one, so "AI"
 * does not match inside "OpenAI" and "Meta" not inside "Metadata".
 */
#ifndef ZT_ACSCAN_H
#define ZT_ACSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "../store/status.h"

/* Normalize `len` bytes of UTF-8 into a new malloc'd NUL-terminated
 * string (*outlen its length, may be NULL).  Invalid bytes are kept as
 * U+FFFD so that nothing matches across them.  ZT_ERR_NOMEM only. */
zt_status zt_fold(const char *s, size_t len, char **out, size_t *outlen);

/* Whether code point `c` counts as part of a Latin-script word for the
 * boundary rule: ASCII and full-width letters and digits, Latin-1 and
 * Latin Extended, Greek and Cyrillic letters. */
int zt_fold_is_word(uint32_t c);

typedef struct zt_ac zt_ac;

/* An empty pattern set.  Add patterns, then zt_ac_build, then scan. */
zt_status zt_ac_new(zt_ac **out);
void zt_ac_free(zt_ac *ac);

/* Add one already-folded pattern (bytes of zt_fold output) with the
 * caller's value `id`.  Adding the same pattern twice keeps the first id
 * and returns ZT_OK.  Empty patterns are ignored.  ZT_ERR_ARG after build. */
zt_status zt_ac_add(zt_ac *ac, const char *pat, size_t len, uint32_t id);

/* Freeze the set and compute the automaton.  ZT_ERR_NOMEM, ZT_ERR_LIMIT
 * when the table would exceed 2^31 entries. */
zt_status zt_ac_build(zt_ac *ac);

/* The id of the pattern equal to `pat` (folded bytes), or UINT32_MAX. */
uint32_t zt_ac_find(const zt_ac *ac, const char *pat, size_t len);

/* Scan `text` (original, unnormalized UTF-8): `fn` gets each selected
 * match's id and byte range [start, end) in `text`, in text order;
 * non-zero from `fn` stops the scan.  ZT_OK (also when stopped) or
 * ZT_ERR_NOMEM. */
typedef int (*zt_ac_fn)(void *ctx, uint32_t id, size_t start, size_t end);
zt_status zt_ac_scan(const zt_ac *ac, const char *text, size_t len, zt_ac_fn fn, void *ctx);

/* Size figures for benchmarks and reports. */
size_t zt_ac_states(const zt_ac *ac);
size_t zt_ac_table_bytes(const zt_ac *ac);

#endif
