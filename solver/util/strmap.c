/* The string -> int hash map: FNV-1a hashing, linear probing, doubling at half full. */
#include "strmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void strmap_init(StrMap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_free(StrMap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->values);
    strmap_init(m);
}

static size_t slot_of(const StrMap *m, const char *key)
{
    size_t i = hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int grow(StrMap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    StrMap bigger = {cap, 0, calloc(cap, sizeof(char *)), calloc(cap, sizeof(int))};
    if (!bigger.keys || !bigger.values) {
        free(bigger.keys);
        free(bigger.values);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = slot_of(&bigger, m->keys[i]);
        bigger.keys[j] = m->keys[i];
        bigger.values[j] = m->values[i];
        bigger.len++;
    }
    free(m->keys);
    free(m->values);
    *m = bigger;
    return 0;
}

int strmap_put(StrMap *m, const char *key, int value, int *existing)
{
    if ((m->len + 1) * 2 > m->cap && grow(m))
        return -1;
    size_t i = slot_of(m, key);
    if (m->keys[i]) {
        if (existing)
            *existing = m->values[i];
        return 0;
    }
    if (!(m->keys[i] = strdup(key)))
        return -1;
    m->values[i] = value;
    m->len++;
    return 1;
}

int strmap_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = slot_of(m, key);
    return m->keys[i] ? m->values[i] : -1;
}

const char *strmap_key3(char *buf, size_t size, const char *a, const char *b, const char *c)
{
    snprintf(buf, size, "%s\x1f%s\x1f%s", a ? a : "", b ? b : "", c ? c : "");
    return buf;
}
