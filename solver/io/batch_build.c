/* Assembling a Sourcing__Batch piece by piece with malloc'd parts (see batch_build.h). */
#include "batch_build.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* Appends item to the repeated field (arr, n); on failure frees item with free_item and sets item
 * to NULL. Repeated fields keep no capacity: grow_for_append knows it from n. */
#define APPEND(arr, n, item, free_item)                                          \
    do {                                                                         \
        if (grow_for_append((void **)&(arr), (n), sizeof *(arr))) {              \
            free_item(item);                                                     \
            (item) = NULL;                                                       \
            break;                                                               \
        }                                                                        \
        (arr)[(n)++] = (item);                                                   \
    } while (0)

static void free_message(void *msg)
{
    if (msg)
        protobuf_c_message_free_unpacked(msg, NULL);
}

/* A new message of the given size initialised by init; NULL when out of memory. */
static void *new_message(size_t size, void (*init)(void *))
{
    void *msg = malloc(size);
    if (msg)
        init(msg);
    return msg;
}

/* Copies src into *dst; 0, or -1 when out of memory. */
static int copy_string(char **dst, const char *src)
{
    *dst = src ? strdup(src) : NULL;
    return src && !*dst ? -1 : 0;
}

static void init_batch(void *m) { sourcing__batch__init(m); }
static void init_node(void *m) { sourcing__node__init(m); }
static void init_item(void *m) { sourcing__inventory_item__init(m); }
static void init_lane(void *m) { sourcing__lane__init(m); }
static void init_limit(void *m) { sourcing__carrier_limit__init(m); }
static void init_order(void *m) { sourcing__order__init(m); }
static void init_line(void *m) { sourcing__order_line__init(m); }

Sourcing__Batch *bb_batch(const char *name)
{
    Sourcing__Batch *batch = new_message(sizeof *batch, init_batch);
    if (batch && copy_string(&batch->name, name)) {
        free_message(batch);
        return NULL;
    }
    return batch;
}

Sourcing__Node *bb_add_node(Sourcing__Batch *batch, const char *id)
{
    Sourcing__Node *node = new_message(sizeof *node, init_node);
    if (node && copy_string(&node->id, id)) {
        free_message(node);
        return NULL;
    }
    if (node)
        APPEND(batch->nodes, batch->n_nodes, node, free_message);
    return node;
}

Sourcing__InventoryItem *bb_add_stock(Sourcing__Node *node, const char *sku, int64_t quantity)
{
    Sourcing__InventoryItem *item = new_message(sizeof *item, init_item);
    if (item && copy_string(&item->sku, sku)) {
        free_message(item);
        return NULL;
    }
    if (item) {
        BB_SET(item, quantity, quantity);
        APPEND(node->inventory, node->n_inventory, item, free_message);
    }
    return item;
}

Sourcing__Lane *bb_add_lane(Sourcing__Batch *batch, const char *node_id, const char *zone,
                            const char *carrier)
{
    Sourcing__Lane *lane = new_message(sizeof *lane, init_lane);
    if (lane && (copy_string(&lane->node_id, node_id) || copy_string(&lane->zone, zone) ||
                 copy_string(&lane->carrier, carrier))) {
        free_message(lane);
        return NULL;
    }
    if (lane)
        APPEND(batch->lanes, batch->n_lanes, lane, free_message);
    return lane;
}

Sourcing__CarrierLimit *bb_add_carrier_limit(Sourcing__Batch *batch, const char *node_id,
                                             const char *carrier, int64_t max_shipments)
{
    Sourcing__CarrierLimit *limit = new_message(sizeof *limit, init_limit);
    if (limit && (copy_string(&limit->node_id, node_id) || copy_string(&limit->carrier, carrier))) {
        free_message(limit);
        return NULL;
    }
    if (limit) {
        BB_SET(limit, max_shipments, max_shipments);
        APPEND(batch->carrier_limits, batch->n_carrier_limits, limit, free_message);
    }
    return limit;
}

Sourcing__Order *bb_add_order(Sourcing__Batch *batch, const char *id, const char *zone)
{
    Sourcing__Order *order = new_message(sizeof *order, init_order);
    if (order && (copy_string(&order->id, id) || copy_string(&order->zone, zone))) {
        free_message(order);
        return NULL;
    }
    if (order)
        APPEND(batch->orders, batch->n_orders, order, free_message);
    return order;
}

Sourcing__OrderLine *bb_add_line(Sourcing__Order *order, const char *sku, int64_t quantity,
                                 double unit_weight_kg)
{
    Sourcing__OrderLine *line = new_message(sizeof *line, init_line);
    if (line && copy_string(&line->sku, sku)) {
        free_message(line);
        return NULL;
    }
    if (line) {
        BB_SET(line, quantity, quantity);
        BB_SET(line, unit_weight_kg, unit_weight_kg);
        APPEND(order->lines, order->n_lines, line, free_message);
    }
    return line;
}

int bb_add_eligible(Sourcing__Order *order, const char *node_id)
{
    char *copy = strdup(node_id);
    if (!copy)
        return -1;
    APPEND(order->eligible_nodes, order->n_eligible_nodes, copy, free);
    return copy ? 0 : -1;
}
