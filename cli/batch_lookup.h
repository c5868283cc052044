/* Finding a batch's nodes, orders and inventory by id, for printing a plan next to its batch:
 * the plan names nodes and orders by id, the CSV needs their costs and weights. Sorted arrays and
 * binary search, so a plan of a million lines is still written in seconds. */
#ifndef SRC_BATCH_LOOKUP_H
#define SRC_BATCH_LOOKUP_H

#include <stddef.h>

#include "sourcing.pb-c.h"

typedef struct BatchLookup BatchLookup;

/* NULL when out of memory. batch must outlive the lookup. */
BatchLookup *batch_lookup_new(const Sourcing__Batch *batch);
void batch_lookup_free(BatchLookup *lookup);

/* The node's index in batch->nodes, or -1. */
long batch_lookup_node(const BatchLookup *lookup, const char *node_id);
/* The order, or NULL. */
const Sourcing__Order *batch_lookup_order(const BatchLookup *lookup, const char *order_id);
/* What one unit of sku from the node costs to handle: the node's unit_cost plus the inventory
 * item's unit_cost (the solver's term 2), or NAN when the node is unknown. */
double batch_lookup_unit_cost(const BatchLookup *lookup, const char *node_id, const char *sku);

#endif
