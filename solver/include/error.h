/* Errors as values: a fixed buffer with a message a person can act on, filled by the callee. */
#ifndef SRC_ERROR_H
#define SRC_ERROR_H

#include <stddef.h>

typedef struct SrcError {
    char message[1024];
} SrcError;

/* Formats the message into err (if err is not NULL). Returns -1, so callers can
 * `return src_error_set(err, "...")`. */
int src_error_set(SrcError *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prepends "prefix: " to the message already in err. Returns -1. */
int src_error_prefix(SrcError *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
