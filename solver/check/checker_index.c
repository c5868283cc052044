/* The plan checker's view of the batch: nodes, orders, lanes, carrier limits and stocks by name,
 * and the zeroed usage counters a plan fills in. Built from the (validated) batch alone. */
#include <stdlib.h>
#include <string.h>

#include "checker_internal.h"
#include "grow.h"

/* Joins n parts with '\x1f' into buf; NULL when a part is absent, too long or holds '\x1f'
 * itself, so that an untrusted plan string can never alias another name. */
static const char *name_of(char *buf, size_t size, size_t n, const char *const *parts)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (!parts[i] || strchr(parts[i], '\x1f'))
            return NULL;
        size_t part_len = strnlen(parts[i], CHECK_MAX_ID + 1);
        if (part_len > CHECK_MAX_ID || len + part_len + 2 > size)
            return NULL;
        if (i)
            buf[len++] = '\x1f';
        memcpy(buf + len, parts[i], part_len);
        len += part_len;
    }
    buf[len] = '\0';
    return buf;
}

#define NAME_BYTES (3 * CHECK_MAX_ID + 3)

static int find(const StrMap *m, size_t n, const char *const *parts)
{
    char buf[NAME_BYTES];
    const char *key = name_of(buf, sizeof buf, n, parts);
    return key ? strmap_get(m, key) : -1;
}

static int put(StrMap *m, int value, size_t n, const char *const *parts)
{
    char buf[NAME_BYTES];
    const char *key = name_of(buf, sizeof buf, n, parts);
    return key && strmap_put(m, key, value, NULL) >= 0 ? 0 : -1;
}

int check_find_node(const Checker *c, const char *id)
{
    return find(&c->node_ids, 1, &id);
}

int check_find_order(const Checker *c, const char *id)
{
    return find(&c->order_ids, 1, &id);
}

int check_find_lane(const Checker *c, const char *node, const char *zone, const char *carrier)
{
    const char *parts[3] = {node, zone ? zone : "", carrier};
    return find(&c->lane_names, 3, parts);
}

int check_find_limit(const Checker *c, const char *node, const char *carrier)
{
    const char *parts[2] = {node, carrier};
    return find(&c->limit_names, 2, parts);
}

static int add_stock(Checker *c, int node, const char *sku, int64_t quantity, double unit_cost)
{
    if (grow((void **)&c->stock, &c->cap_stock, c->n_stock + 1, sizeof *c->stock))
        return -1;
    int slot = (int)c->n_stock;
    const char *parts[2] = {c->batch->nodes[node]->id, sku};
    if (put(&c->stock_names, slot, 2, parts))
        return -1;
    c->stock[c->n_stock++] = (CheckStock){node, sku, quantity, unit_cost, 0};
    return slot;
}

int check_stock_slot(Checker *c, int node, const char *sku)
{
    const char *parts[2] = {c->batch->nodes[node]->id, sku};
    int slot = find(&c->stock_names, 2, parts);
    return slot >= 0 ? slot : add_stock(c, node, sku, 0, 0.0);
}

static int index_nodes(Checker *c)
{
    const Sourcing__Batch *b = c->batch;
    for (size_t i = 0; i < b->n_nodes; i++) {
        const Sourcing__Node *n = b->nodes[i];
        const char *id = n->id;
        if (put(&c->node_ids, (int)i, 1, &id))
            return -1;
        for (size_t k = 0; k < n->n_inventory; k++) {
            const Sourcing__InventoryItem *item = n->inventory[k];
            if (add_stock(c, (int)i, item->sku, item->quantity, item->unit_cost) < 0)
                return -1;
        }
    }
    return 0;
}

static int index_lanes_and_limits(Checker *c)
{
    const Sourcing__Batch *b = c->batch;
    for (size_t i = 0; i < b->n_lanes; i++) {
        const Sourcing__Lane *l = b->lanes[i];
        const char *parts[3] = {l->node_id, l->zone ? l->zone : "", l->carrier};
        if (put(&c->lane_names, (int)i, 3, parts))
            return -1;
    }
    for (size_t i = 0; i < b->n_carrier_limits; i++) {
        const Sourcing__CarrierLimit *l = b->carrier_limits[i];
        const char *parts[2] = {l->node_id, l->carrier};
        if (put(&c->limit_names, (int)i, 2, parts))
            return -1;
    }
    return 0;
}

static int index_orders(Checker *c, size_t *max_lines)
{
    const Sourcing__Batch *b = c->batch;
    *max_lines = 1;
    for (size_t i = 0; i < b->n_orders; i++) {
        const char *id = b->orders[i]->id;
        if (put(&c->order_ids, (int)i, 1, &id))
            return -1;
        if (b->orders[i]->n_lines > *max_lines)
            *max_lines = b->orders[i]->n_lines;
    }
    return 0;
}

int checker_init(Checker *c, const Sourcing__Batch *batch, SrcCheckReport *report)
{
    memset(c, 0, sizeof *c);
    c->batch = batch;
    c->report = report;
    strmap_init(&c->node_ids);
    strmap_init(&c->order_ids);
    strmap_init(&c->lane_names);
    strmap_init(&c->limit_names);
    strmap_init(&c->stock_names);
    size_t max_lines = 1, nodes = batch->n_nodes + 1;
    if (index_nodes(c) || index_lanes_and_limits(c) || index_orders(c, &max_lines))
        return -1;
    c->node_units = calloc(nodes, sizeof *c->node_units);
    c->node_shipments = calloc(nodes, sizeof *c->node_shipments);
    c->node_seen_by = calloc(nodes, sizeof *c->node_seen_by);
    c->node_eligible_for = calloc(nodes, sizeof *c->node_eligible_for);
    c->limit_shipments = calloc(batch->n_carrier_limits + 1, sizeof *c->limit_shipments);
    c->order_listed = calloc(batch->n_orders + 1, sizeof *c->order_listed);
    c->line_shipped = calloc(max_lines, sizeof *c->line_shipped);
    c->line_seen_by = calloc(max_lines, sizeof *c->line_seen_by);
    if (!c->node_units || !c->node_shipments || !c->node_seen_by || !c->node_eligible_for ||
        !c->limit_shipments || !c->order_listed || !c->line_shipped || !c->line_seen_by)
        return -1;
    return 0;
}

void checker_free(Checker *c)
{
    strmap_free(&c->node_ids);
    strmap_free(&c->order_ids);
    strmap_free(&c->lane_names);
    strmap_free(&c->limit_names);
    strmap_free(&c->stock_names);
    free(c->stock);
    free(c->node_units);
    free(c->node_shipments);
    free(c->node_seen_by);
    free(c->node_eligible_for);
    free(c->limit_shipments);
    free(c->order_listed);
    free(c->line_shipped);
    free(c->line_seen_by);
}
