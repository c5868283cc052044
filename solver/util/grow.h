/* Growable arrays, in one place: how an array that items are added to grows. Capacities are
 * powers of two and double as needed, so adding n items one at a time copies O(n) items in all. */
#ifndef SRC_GROW_H
#define SRC_GROW_H

#include <stddef.h>

/* Makes *items (room for *cap items of item_size bytes) hold at least need items. 0, or -1 when
 * out of memory (then *items and *cap are as they were). */
int grow(void **items, size_t *cap, size_t need, size_t item_size);

/* The same for n_arrays parallel arrays that share one capacity *cap: items[k] (of
 * item_sizes[k] bytes each) all grow to the same new capacity. */
int grow_parallel(void **items[], const size_t item_sizes[], size_t n_arrays, size_t *cap, size_t need);

/* Room for one more item in an array of n items whose capacity is not kept anywhere (a
 * protobuf-c repeated field): it is the power of two grow gives n, provided only this function
 * ever grew the array. */
int grow_for_append(void **items, size_t n, size_t item_size);

#endif
