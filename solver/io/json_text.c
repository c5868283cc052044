/* json_text_dump (json_text.h): a recursive writer into a growing buffer. */
#include "json_text.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Text {
    char *buf;
    size_t len, cap;
    int failed;
} Text;

static void put(Text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *grown = realloc(t->buf, cap);
        if (!grown) {
            t->failed = 1;
            return;
        }
        t->buf = grown;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

static void puts_text(Text *t, const char *s)
{
    put(t, s, strlen(s));
}

void json_text_real(double v, char *buf, size_t size)
{
    int digits = 1;
    for (; digits < 17; digits++) {   /* 17 significant digits always read back */
        snprintf(buf, size, "%.*e", digits - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    snprintf(buf, size, "%.*e", digits - 1, v);
    int exponent = atoi(strchr(buf, 'e') + 1);
    /* as %g would show it: positional from 1e-4 up to 1e17, else with the exponent ("1e-07") */
    if (exponent >= -4 && exponent < 17) {
        int decimals = digits - 1 - exponent;
        snprintf(buf, size, "%.*f", decimals > 0 ? decimals : 0, v);
        if (!strchr(buf, '.'))   /* "18" would read back as an integer */
            strncat(buf, ".0", size - strlen(buf) - 1);
    } else {
        snprintf(buf, size, "%.*g", digits, v);   /* the same digits, without %e's trailing zeros */
    }
}

/* A JSON string: quotes, backslashes and control characters escaped; UTF-8 kept as it is. */
static void put_string(Text *t, const char *s, size_t n)
{
    put(t, "\"", 1);
    size_t run = 0;   /* characters copied as they are, written in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            run++;
            continue;
        }
        put(t, s + i - run, run);
        run = 0;
        char esc[8];
        const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t" : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
        if (!named)
            snprintf(esc, sizeof esc, "\\u%04x", c);
        puts_text(t, named ? named : esc);
    }
    put(t, s + n - run, run);
    put(t, "\"", 1);
}

static void newline(Text *t, int indent, int depth)
{
    if (indent <= 0)
        return;
    put(t, "\n", 1);
    for (int i = 0; i < indent * depth; i++)
        put(t, " ", 1);
}

static void put_value(Text *t, const json_t *v, int indent, int depth);

static void put_object(Text *t, const json_t *v, int indent, int depth)
{
    if (json_object_size(v) == 0) {
        puts_text(t, "{}");
        return;
    }
    put(t, "{", 1);
    const char *key;
    json_t *item;
    int first = 1;
    json_object_foreach((json_t *)v, key, item) {
        if (!first)
            put(t, ",", 1);
        first = 0;
        newline(t, indent, depth + 1);
        put_string(t, key, strlen(key));
        puts_text(t, indent > 0 ? ": " : ":");
        put_value(t, item, indent, depth + 1);
    }
    newline(t, indent, depth);
    put(t, "}", 1);
}

static void put_array(Text *t, const json_t *v, int indent, int depth)
{
    size_t n = json_array_size(v);
    if (n == 0) {
        puts_text(t, "[]");
        return;
    }
    put(t, "[", 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            put(t, ",", 1);
        newline(t, indent, depth + 1);
        put_value(t, json_array_get(v, i), indent, depth + 1);
    }
    newline(t, indent, depth);
    put(t, "]", 1);
}

static void put_value(Text *t, const json_t *v, int indent, int depth)
{
    char num[40];
    switch (json_typeof(v)) {
    case JSON_OBJECT: put_object(t, v, indent, depth); return;
    case JSON_ARRAY: put_array(t, v, indent, depth); return;
    case JSON_STRING: put_string(t, json_string_value(v), json_string_length(v)); return;
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        puts_text(t, num);
        return;
    case JSON_REAL:
        json_text_real(json_real_value(v), num, sizeof num);
        puts_text(t, num);
        return;
    case JSON_TRUE: puts_text(t, "true"); return;
    case JSON_FALSE: puts_text(t, "false"); return;
    case JSON_NULL: puts_text(t, "null"); return;
    }
}

char *json_text_dump(const json_t *value, int indent)
{
    Text t = {0};
    put_value(&t, value, indent, 0);
    if (t.failed) {
        free(t.buf);
        return NULL;
    }
    return t.buf;
}
