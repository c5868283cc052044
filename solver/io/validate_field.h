/* Checks of single fields for the batch validator: each returns 0 when the value is acceptable,
 * or -1 with err set to "<path>: <what is wrong>", the path given printf-style (it is only
 * formatted on failure, so checking a million orders costs no string formatting). */
#ifndef SRC_VALIDATE_FIELD_H
#define SRC_VALIDATE_FIELD_H

#include <stdint.h>

#include "error.h"

#define SRC_PATH_FORMAT(fmt_arg) __attribute__((format(printf, fmt_arg, fmt_arg + 1)))

/* An identifier (id, reference, zone, carrier, sku): present, non-empty, at most
 * SRC_MAX_ID_BYTES, valid UTF-8, no control characters (GLPK refuses them in names). */
int check_name(SrcError *err, const char *value, const char *path_fmt, ...) SRC_PATH_FORMAT(3);

/* A whole number in 0..max. */
int check_count(SrcError *err, int64_t value, int64_t max, const char *path_fmt, ...) SRC_PATH_FORMAT(4);

/* A finite real number in 0..max. */
int check_real(SrcError *err, double value, double max, const char *path_fmt, ...) SRC_PATH_FORMAT(4);

/* How many entries a repeated field may hold. */
int check_size(SrcError *err, size_t count, size_t max, const char *path_fmt, ...) SRC_PATH_FORMAT(4);

#endif
