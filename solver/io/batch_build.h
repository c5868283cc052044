/* Assembling a Sourcing__Batch in memory (the OR-Library importer, the generator). Every piece is
 * malloc'd, so src_batch_free frees the whole batch, and each repeated field grows in place, so the
 * batch stays freeable after any failure. Each bb_add_* returns the new piece, or NULL when out of
 * memory (nothing is added then). */
#ifndef SRC_BATCH_BUILD_H
#define SRC_BATCH_BUILD_H

#include <stdint.h>

#include "sourcing.pb-c.h"

/* Sets an optional scalar and its has_ flag. */
#define BB_SET(msg, field, value) ((msg)->field = (value), (msg)->has_##field = 1)

Sourcing__Batch *bb_batch(const char *name);
Sourcing__Node *bb_add_node(Sourcing__Batch *batch, const char *id);
Sourcing__InventoryItem *bb_add_stock(Sourcing__Node *node, const char *sku, int64_t quantity);
Sourcing__Lane *bb_add_lane(Sourcing__Batch *batch, const char *node_id, const char *zone,
                            const char *carrier);
Sourcing__CarrierLimit *bb_add_carrier_limit(Sourcing__Batch *batch, const char *node_id,
                                             const char *carrier, int64_t max_shipments);
Sourcing__Order *bb_add_order(Sourcing__Batch *batch, const char *id, const char *zone);
Sourcing__OrderLine *bb_add_line(Sourcing__Order *order, const char *sku, int64_t quantity,
                                 double unit_weight_kg);
/* 0, or -1 when out of memory. */
int bb_add_eligible(Sourcing__Order *order, const char *node_id);

#endif
