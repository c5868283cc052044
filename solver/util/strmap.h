/* A small string -> int hash map (open addressing) used to resolve ids. Keys are copied. */
#ifndef SRC_STRMAP_H
#define SRC_STRMAP_H

#include <stddef.h>

typedef struct StrMap {
    size_t cap, len;
    char **keys;
    int *values;
} StrMap;

void strmap_init(StrMap *m);
void strmap_free(StrMap *m);
/* Inserts key -> value. Returns 1 if inserted, 0 if the key was already there (its value is left
 * unchanged and *existing, if given, receives it), -1 when out of memory. */
int strmap_put(StrMap *m, const char *key, int value, int *existing);
/* The value for key, or -1 when absent. */
int strmap_get(const StrMap *m, const char *key);
/* Joins up to 3 parts with '\x1f' into buf (for composite keys such as a lane's name). */
const char *strmap_key3(char *buf, size_t size, const char *a, const char *b, const char *c);

#endif
