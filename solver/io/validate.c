/* src_validate_batch: walks a batch once, before any model is built, and refuses whatever could
 * make GLPK abort or the solver misbehave. Sizes first, then the batch's own fields (name,
 * default_unfilled_cost, options), then nodes, lanes, carrier limits and orders, each list in
 * order; the first problem found is reported.
 * Ids are resolved with hash maps, so the walk is linear in the size of the batch. */
#include "validate.h"

#include <stdio.h>
#include <string.h>

#include "sourcing.h"
#include "strmap.h"
#include "validate_field.h"

#define KEY_BYTES (3 * (SRC_MAX_ID_BYTES + 1) + 1)

/* Records key -> index. 1 when new, 0 when already there (*previous gets its index), -1 when out
 * of memory (err set). */
static int remember(StrMap *map, const char *key, size_t index, int *previous, SrcError *err)
{
    int added = strmap_put(map, key, (int)index, previous);
    if (added < 0)
        src_error_set(err, "out of memory while validating the batch");
    return added;
}

static int check_sizes(const Sourcing__Batch *b, SrcError *err)
{
    if (check_size(err, b->n_nodes, SRC_MAX_NODES, "nodes") ||
        check_size(err, b->n_lanes, SRC_MAX_LANES, "lanes") ||
        check_size(err, b->n_carrier_limits, SRC_MAX_CARRIER_LIMITS, "carrier_limits") ||
        check_size(err, b->n_orders, SRC_MAX_ORDERS, "orders"))
        return -1;
    for (size_t i = 0; i < b->n_nodes; i++)
        if (check_size(err, b->nodes[i]->n_inventory, SRC_MAX_INVENTORY_PER_NODE, "nodes[%zu].inventory", i))
            return -1;
    size_t total_lines = 0;
    for (size_t i = 0; i < b->n_orders; i++) {
        const Sourcing__Order *o = b->orders[i];
        if (check_size(err, o->n_lines, SRC_MAX_LINES_PER_ORDER, "orders[%zu].lines", i) ||
            check_size(err, o->n_eligible_nodes, SRC_MAX_NODES, "orders[%zu].eligible_nodes", i))
            return -1;
        total_lines += o->n_lines;
    }
    if (total_lines > SRC_MAX_TOTAL_LINES)
        return src_error_set(err, "orders: too many lines in total (%zu; the limit is %d)",
                             total_lines, SRC_MAX_TOTAL_LINES);
    return 0;
}

/* value quoted for a message: at most 40 bytes, anything but printable ASCII shown as '?'. */
static const char *quoted(const char *value, char *buf, size_t size)
{
    size_t n = 0;
    for (; value[n] && n < 40 && n + 1 < size; n++)
        buf[n] = value[n] >= 0x20 && value[n] < 0x7F ? value[n] : '?';
    buf[n] = '\0';
    return buf;
}

static int check_strategy(const char *prefix, const char *strategy, SrcError *err)
{
    const char *const *names = src_strategy_names();
    char expected[256] = "", shown[64];
    for (size_t i = 0; names[i]; i++) {
        if (!strcmp(strategy, names[i]))
            return 0;
        size_t used = strlen(expected);
        snprintf(expected + used, sizeof expected - used, "%s%s", i ? ", " : "", names[i]);
    }
    return src_error_set(err, "%sstrategy: unknown strategy '%s' (expected %s)", prefix,
                         quoted(strategy, shown, sizeof shown), expected);
}

int src_validate_solve_options(const char *prefix, int has_time_limit, double time_limit, int has_gap,
                               double gap, const char *strategy, SrcError *err)
{
    if (has_time_limit && check_real(err, time_limit, SRC_MAX_TIME_LIMIT, "%stime_limit", prefix))
        return -1;
    if (has_gap && check_real(err, gap, 1.0, "%sgap", prefix))
        return -1;
    return strategy ? check_strategy(prefix, strategy, err) : 0;
}

static int check_batch_fields(const Sourcing__Batch *b, SrcError *err)
{
    if (b->name && b->name[0] && check_name(err, b->name, "name"))
        return -1;
    if (b->has_default_unfilled_cost &&
        check_real(err, b->default_unfilled_cost, SRC_MAX_COST, "default_unfilled_cost"))
        return -1;
    const Sourcing__SolveOptions *opt = b->options;
    if (!opt)
        return 0;
    return src_validate_solve_options("options.", opt->has_time_limit, opt->time_limit, opt->has_gap, opt->gap,
                                      opt->strategy, err);
}

/* Each id to explain names an order of the batch, or is "all". */
static int check_explain_ids(const Sourcing__Batch *b, const char *prefix, const char *const *ids, size_t n,
                             SrcError *err)
{
    StrMap order_ids;
    strmap_init(&order_ids);
    int status = 0;
    char shown[64];
    for (size_t o = 0; o < b->n_orders && !status; o++)
        if (b->orders[o]->id && strmap_put(&order_ids, b->orders[o]->id, (int)o, NULL) < 0)
            status = src_error_set(err, "out of memory while validating the batch");
    for (size_t i = 0; i < n && !status; i++) {
        if (check_name(err, ids[i], "%sexplain[%zu]", prefix, i))
            status = -1;
        else if (strcmp(ids[i], "all") && strmap_get(&order_ids, ids[i]) < 0)
            status = src_error_set(err, "%sexplain[%zu]: no order '%s' in the batch (an order id or \"all\")",
                                   prefix, i, quoted(ids[i], shown, sizeof shown));
    }
    strmap_free(&order_ids);
    return status;
}

int src_validate_report_options(const Sourcing__Batch *batch, const char *prefix, int has_threshold,
                                double threshold, int has_price_alert, double price_alert,
                                const char *const *explain, size_t n_explain, SrcError *err)
{
    if (has_threshold && check_real(err, threshold, 1.0, "%stension_threshold", prefix))
        return -1;
    if (has_price_alert && check_real(err, price_alert, SRC_MAX_COST, "%sprice_alert", prefix))
        return -1;
    if (check_size(err, n_explain, SRC_MAX_ORDERS, "%sexplain", prefix))
        return -1;
    return n_explain ? check_explain_ids(batch, prefix, explain, n_explain, err) : 0;
}

static int check_inventory(const Sourcing__Node *node, size_t n, StrMap *skus, SrcError *err)
{
    char key[KEY_BYTES];
    for (size_t k = 0; k < node->n_inventory; k++) {
        const Sourcing__InventoryItem *item = node->inventory[k];
        if (check_name(err, item->sku, "nodes[%zu].inventory[%zu].sku", n, k))
            return -1;
        int previous, added = remember(skus, strmap_key3(key, sizeof key, node->id, item->sku, NULL),
                                       k, &previous, err);
        if (added < 0)
            return -1;
        if (!added)
            return src_error_set(err, "nodes[%zu].inventory[%zu].sku: sku '%s' listed twice (also inventory[%d])",
                                 n, k, item->sku, previous);
        if (check_count(err, item->quantity, SRC_MAX_QUANTITY, "nodes[%zu].inventory[%zu].quantity", n, k) ||
            check_real(err, item->unit_cost, SRC_MAX_COST, "nodes[%zu].inventory[%zu].unit_cost", n, k))
            return -1;
    }
    return 0;
}

static int check_node_numbers(const Sourcing__Node *node, size_t n, SrcError *err)
{
    if (check_real(err, node->activation_cost, SRC_MAX_COST, "nodes[%zu].activation_cost", n) ||
        check_real(err, node->shipment_cost, SRC_MAX_COST, "nodes[%zu].shipment_cost", n) ||
        check_real(err, node->unit_cost, SRC_MAX_COST, "nodes[%zu].unit_cost", n) ||
        check_count(err, node->processing_days, SRC_MAX_DAYS, "nodes[%zu].processing_days", n) ||
        check_count(err, node->max_shipments, SRC_MAX_QUANTITY, "nodes[%zu].max_shipments", n) ||
        check_count(err, node->max_units, SRC_MAX_QUANTITY, "nodes[%zu].max_units", n))
        return -1;
    return 0;
}

/* Fills node_ids (id -> index) on the way. */
static int check_nodes(const Sourcing__Batch *b, StrMap *node_ids, SrcError *err)
{
    StrMap skus;
    strmap_init(&skus);
    int status = 0;
    for (size_t n = 0; n < b->n_nodes && !status; n++) {
        const Sourcing__Node *node = b->nodes[n];
        int previous, added;
        if (check_name(err, node->id, "nodes[%zu].id", n) ||
            (added = remember(node_ids, node->id, n, &previous, err)) < 0)
            status = -1;
        else if (!added)
            status = src_error_set(err, "nodes[%zu].id: duplicate id '%s' (also nodes[%d])", n, node->id, previous);
        else
            status = check_node_numbers(node, n, err) || check_inventory(node, n, &skus, err) ? -1 : 0;
    }
    strmap_free(&skus);
    return status;
}

/* A reference to a node: a valid name that is some node's id. */
static int check_node_ref(const StrMap *node_ids, const char *id, SrcError *err, const char *path, size_t i)
{
    if (check_name(err, id, "%s[%zu].node_id", path, i))
        return -1;
    if (strmap_get(node_ids, id) < 0)
        return src_error_set(err, "%s[%zu].node_id: unknown node '%s'", path, i, id);
    return 0;
}

static int check_lane(const Sourcing__Lane *lane, size_t i, const StrMap *node_ids, SrcError *err)
{
    if (check_node_ref(node_ids, lane->node_id, err, "lanes", i) ||
        check_name(err, lane->zone, "lanes[%zu].zone", i) ||
        check_name(err, lane->carrier, "lanes[%zu].carrier", i) ||
        check_count(err, lane->transit_days, SRC_MAX_DAYS, "lanes[%zu].transit_days", i) ||
        check_real(err, lane->shipment_cost, SRC_MAX_COST, "lanes[%zu].shipment_cost", i) ||
        check_real(err, lane->cost_per_kg, SRC_MAX_COST, "lanes[%zu].cost_per_kg", i) ||
        check_real(err, lane->max_weight_kg, SRC_MAX_COST, "lanes[%zu].max_weight_kg", i))
        return -1;
    return 0;
}

static int check_lanes(const Sourcing__Batch *b, const StrMap *node_ids, SrcError *err)
{
    StrMap names;
    strmap_init(&names);
    char key[KEY_BYTES];
    int status = 0;
    for (size_t i = 0; i < b->n_lanes && !status; i++) {
        const Sourcing__Lane *lane = b->lanes[i];
        int previous, added;
        if (check_lane(lane, i, node_ids, err) ||
            (added = remember(&names, strmap_key3(key, sizeof key, lane->node_id, lane->zone, lane->carrier),
                              i, &previous, err)) < 0)
            status = -1;
        else if (!added)
            status = src_error_set(err, "lanes[%zu]: duplicate lane node_id '%s', zone '%s', carrier '%s' (also lanes[%d])",
                                   i, lane->node_id, lane->zone, lane->carrier, previous);
    }
    strmap_free(&names);
    return status;
}

static int check_carrier_limits(const Sourcing__Batch *b, const StrMap *node_ids, SrcError *err)
{
    StrMap names;
    strmap_init(&names);
    char key[KEY_BYTES];
    int status = 0;
    for (size_t i = 0; i < b->n_carrier_limits && !status; i++) {
        const Sourcing__CarrierLimit *limit = b->carrier_limits[i];
        int previous, added;
        if (check_node_ref(node_ids, limit->node_id, err, "carrier_limits", i) ||
            check_name(err, limit->carrier, "carrier_limits[%zu].carrier", i) ||
            check_count(err, limit->max_shipments, SRC_MAX_QUANTITY, "carrier_limits[%zu].max_shipments", i) ||
            (added = remember(&names, strmap_key3(key, sizeof key, limit->node_id, limit->carrier, NULL),
                              i, &previous, err)) < 0)
            status = -1;
        else if (!added)
            status = src_error_set(err, "carrier_limits[%zu]: duplicate carrier limit node_id '%s', "
                                   "carrier '%s' (also carrier_limits[%d])", i, limit->node_id, limit->carrier, previous);
    }
    strmap_free(&names);
    return status;
}

static int check_line(const Sourcing__OrderLine *line, size_t o, size_t l, SrcError *err)
{
    if (check_name(err, line->sku, "orders[%zu].lines[%zu].sku", o, l) ||
        check_count(err, line->quantity, SRC_MAX_QUANTITY, "orders[%zu].lines[%zu].quantity", o, l) ||
        check_real(err, line->unit_weight_kg, SRC_MAX_COST, "orders[%zu].lines[%zu].unit_weight_kg", o, l))
        return -1;
    if (line->has_unfilled_cost &&
        check_real(err, line->unfilled_cost, SRC_MAX_COST, "orders[%zu].lines[%zu].unfilled_cost", o, l))
        return -1;
    return 0;
}

/* Everything about one order but the uniqueness of its id. */
static int check_order(const Sourcing__Order *order, size_t o, const StrMap *node_ids, SrcError *err)
{
    if (check_name(err, order->zone, "orders[%zu].zone", o) ||
        check_count(err, order->due_days, SRC_MAX_DAYS, "orders[%zu].due_days", o))
        return -1;
    if (order->has_sla && order->sla != SOURCING__SLA__SOFT && order->sla != SOURCING__SLA__HARD)
        return src_error_set(err, "orders[%zu].sla: unknown value %d (expected SOFT or HARD)", o, (int)order->sla);
    if (check_real(err, order->late_cost_per_day, SRC_MAX_COST, "orders[%zu].late_cost_per_day", o) ||
        check_count(err, order->max_shipments, SRC_MAX_QUANTITY, "orders[%zu].max_shipments", o) ||
        check_real(err, order->split_cost, SRC_MAX_COST, "orders[%zu].split_cost", o))
        return -1;
    if (order->has_priority && !(order->priority >= SRC_MIN_PRIORITY && order->priority <= SRC_MAX_PRIORITY))
        return src_error_set(err, "orders[%zu].priority: must be within %g..%g, got %g", o, SRC_MIN_PRIORITY,
                             SRC_MAX_PRIORITY, order->priority);
    for (size_t e = 0; e < order->n_eligible_nodes; e++) {
        const char *id = order->eligible_nodes[e];
        if (check_name(err, id, "orders[%zu].eligible_nodes[%zu]", o, e))
            return -1;
        if (strmap_get(node_ids, id) < 0)
            return src_error_set(err, "orders[%zu].eligible_nodes[%zu]: unknown node '%s'", o, e, id);
    }
    for (size_t l = 0; l < order->n_lines; l++)
        if (check_line(order->lines[l], o, l, err))
            return -1;
    return 0;
}

static int check_orders(const Sourcing__Batch *b, const StrMap *node_ids, SrcError *err)
{
    StrMap order_ids;
    strmap_init(&order_ids);
    int status = 0;
    for (size_t o = 0; o < b->n_orders && !status; o++) {
        const Sourcing__Order *order = b->orders[o];
        int previous, added;
        if (check_name(err, order->id, "orders[%zu].id", o) ||
            (added = remember(&order_ids, order->id, o, &previous, err)) < 0)
            status = -1;
        else if (!added)
            status = src_error_set(err, "orders[%zu].id: duplicate id '%s' (also orders[%d])", o, order->id, previous);
        else
            status = check_order(order, o, node_ids, err);
    }
    strmap_free(&order_ids);
    return status;
}

int src_validate_batch(const Sourcing__Batch *batch, SrcError *err)
{
    if (!batch)
        return src_error_set(err, "no batch");
    if (check_sizes(batch, err) || check_batch_fields(batch, err))
        return -1;
    StrMap node_ids;
    strmap_init(&node_ids);
    int status = check_nodes(batch, &node_ids, err);
    if (!status)
        status = check_lanes(batch, &node_ids, err);
    if (!status)
        status = check_carrier_limits(batch, &node_ids, err);
    if (!status)
        status = check_orders(batch, &node_ids, err);
    const Sourcing__SolveOptions *opt = batch->options;
    if (!status && opt)  /* after the orders: explain names them */
        status = src_validate_report_options(batch, "options.", opt->has_tension_threshold, opt->tension_threshold,
                                             opt->has_price_alert, opt->price_alert,
                                             (const char *const *)opt->explain, opt->n_explain, err);
    strmap_free(&node_ids);
    return status;
}
