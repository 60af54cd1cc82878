/* embedded.h — the plain-text data files of data/, compiled into the
 * binary by the build, with a run-time override.
 *
 * zt_data_file("gazetteer.tsv", &len) returns the contents of that file:
 * from the directory named by the environment variable ZHITU_DATA when it
 * is set and holds the file (so users can edit the data without
 * rebuilding), else the copy of data/NAME compiled in.  The returned text
 * is NUL-terminated; release it with zt_data_release.  NULL with
 * *len = 0 when the name is unknown or the override cannot be read.
 */
#ifndef ZT_EMBEDDED_H
#define ZT_EMBEDDED_H

#include <stddef.h>

const char *zt_data_file(const char *name, size_t *len);
void zt_data_release(const char *text);

#endif
