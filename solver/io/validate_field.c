/* Checks of single batch fields (names, whole numbers, real numbers, list sizes) with messages
 * of the form "<path>: <what is wrong>". */
#include "validate_field.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "validate.h"

#define STRINGIFY_VALUE(x) #x
#define STRINGIFY(x) STRINGIFY_VALUE(x)
#define TOO_LONG "must be at most " STRINGIFY(SRC_MAX_ID_BYTES) " bytes"

static int fail_with_path(SrcError *err, const char *why, const char *path_fmt, va_list ap)
{
    char path[512];
    vsnprintf(path, sizeof path, path_fmt, ap);
    return src_error_set(err, "%s: %s", path, why);
}

/* Length of the UTF-8 sequence starting at s (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF), or 0 when it is not valid. */
static size_t utf8_sequence_length(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t length;
    unsigned char low = 0x80, high = 0xBF;  /* range of the second byte */
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        length = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        length = 3;
        if (s[0] == 0xE0) low = 0xA0;
        if (s[0] == 0xED) high = 0x9F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        length = 4;
        if (s[0] == 0xF0) low = 0x90;
        if (s[0] == 0xF4) high = 0x8F;
    } else
        return 0;
    if (s[1] < low || s[1] > high)
        return 0;
    for (size_t i = 2; i < length; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return length;
}

/* NULL when value is an acceptable name, else what is wrong with it. */
static const char *name_problem(const char *value)
{
    if (!value)
        return "required";
    if (!value[0])
        return "must not be empty";
    const unsigned char *s = (const unsigned char *)value;
    size_t bytes = 0;
    while (s[bytes]) {
        if (bytes >= SRC_MAX_ID_BYTES)
            return TOO_LONG;
        if (s[bytes] < 0x20 || s[bytes] == 0x7F)
            return "must not contain control characters";
        size_t length = utf8_sequence_length(s + bytes);
        if (!length)
            return "must be valid UTF-8";
        bytes += length;
    }
    if (bytes > SRC_MAX_ID_BYTES)
        return TOO_LONG;
    return NULL;
}

int check_name(SrcError *err, const char *value, const char *path_fmt, ...)
{
    const char *why = name_problem(value);
    if (!why)
        return 0;
    va_list ap;
    va_start(ap, path_fmt);
    fail_with_path(err, why, path_fmt, ap);
    va_end(ap);
    return -1;
}

int check_count(SrcError *err, int64_t value, int64_t max, const char *path_fmt, ...)
{
    if (value >= 0 && value <= max)
        return 0;
    char why[64];
    if (value < 0)
        snprintf(why, sizeof why, "must be >= 0");
    else
        snprintf(why, sizeof why, "must be <= %" PRId64, max);
    va_list ap;
    va_start(ap, path_fmt);
    fail_with_path(err, why, path_fmt, ap);
    va_end(ap);
    return -1;
}

int check_real(SrcError *err, double value, double max, const char *path_fmt, ...)
{
    if (isfinite(value) && value >= 0 && value <= max)
        return 0;
    char why[64];
    if (!isfinite(value))
        snprintf(why, sizeof why, "must be a finite number");
    else if (value < 0)
        snprintf(why, sizeof why, "must be >= 0");
    else
        snprintf(why, sizeof why, "must be <= %g", max);
    va_list ap;
    va_start(ap, path_fmt);
    fail_with_path(err, why, path_fmt, ap);
    va_end(ap);
    return -1;
}

int check_size(SrcError *err, size_t count, size_t max, const char *path_fmt, ...)
{
    if (count <= max)
        return 0;
    char why[96];
    snprintf(why, sizeof why, "too many entries (%zu; the limit is %zu)", count, max);
    va_list ap;
    va_start(ap, path_fmt);
    fail_with_path(err, why, path_fmt, ap);
    va_end(ap);
    return -1;
}
