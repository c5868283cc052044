/* Growable arrays (see grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

/* The smallest power of two >= need (1 for 0), or 0 when there is none. */
static size_t capacity_for(size_t need)
{
    size_t cap = 1;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return 0;
        cap *= 2;
    }
    return cap;
}

int grow(void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return 0;
    size_t new_cap = capacity_for(need);
    if (new_cap == 0 || (item_size && new_cap > SIZE_MAX / item_size))
        return -1;
    void *grown = realloc(*items, new_cap * item_size);
    if (!grown)
        return -1;
    *items = grown;
    *cap = new_cap;
    return 0;
}

int grow_parallel(void **items[], const size_t item_sizes[], size_t n_arrays, size_t *cap, size_t need)
{
    size_t new_cap = *cap;
    for (size_t k = 0; k < n_arrays; k++) {
        new_cap = *cap;  /* each grows from the shared capacity, not from the one before it */
        if (grow(items[k], &new_cap, need, item_sizes[k]))
            return -1;
    }
    *cap = new_cap;
    return 0;
}

int grow_for_append(void **items, size_t n, size_t item_size)
{
    size_t cap = n ? capacity_for(n) : 0;
    return grow(items, &cap, n + 1, item_size);
}
