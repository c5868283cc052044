/* Reading a whole file (see file.h). */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads f to its end into a buffer that doubles from 64 KiB; the buffer always has room for the
 * NUL, and a file that fills max_bytes is refused rather than read in part. */
static char *read_stream(FILE *f, const char *path, size_t max_bytes, size_t *len_out, SrcError *err)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            src_error_set(err, "%s: out of memory", path);
            return NULL;
        }
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap)
            break;
        if (cap >= max_bytes) {
            free(buf);
            src_error_set(err, "%s: larger than %zu bytes", path, max_bytes);
            return NULL;
        }
        cap *= 2;
        char *grown = realloc(buf, cap + 1);
        if (!grown)
            free(buf);
        buf = grown;
    }
    if (ferror(f)) {
        src_error_set(err, "%s: read error: %s", path, strerror(errno));
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

char *read_whole_file(const char *path, size_t max_bytes, size_t *len_out, SrcError *err)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        src_error_set(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = read_stream(f, path, max_bytes, len_out, err);
    if (f != stdin)
        fclose(f);
    return buf;
}
