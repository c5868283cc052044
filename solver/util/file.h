/* Reading a whole file into memory, in one place: stdin for "-", a byte limit, and errors that
 * name the path. */
#ifndef SRC_FILE_H
#define SRC_FILE_H

#include <stddef.h>

#include "error.h"

/* The whole of path ("-" = stdin) in a malloc'd buffer with a NUL after the last byte, its length
 * in *len_out. NULL with err naming the path when it cannot be opened or read, is larger than
 * max_bytes, or memory runs out. */
char *read_whole_file(const char *path, size_t max_bytes, size_t *len_out, SrcError *err);

#endif
