/* Building the Problem arrays from a validated batch (see problem.h). */
#include "problem.h"

#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "grow.h"
#include "sourcing.h"
#include "strmap.h"

/* ------------------------------------------------------------ the (node, sku) -> slot key */

/* Room for two indices in base 64 (6 digits each at most) and the separator. */
#define SLOT_KEY_BYTES 16

/* Writes index in base 64 with printable digits ('0' to 'o'); returns the end. */
static char *write_index(char *s, int index)
{
    unsigned v = (unsigned)index;
    do {
        *s++ = (char)('0' + (v & 63));
        v >>= 6;
    } while (v);
    return s;
}

/* The stock table's key for (node, sku): both indices and a '.' between, so the string map holds
 * it without collisions, and faster than printf would write it. */
static const char *slot_key(char *buf, int node, int sku)
{
    char *s = write_index(buf, node);
    *s++ = '.';
    *write_index(s, sku) = '\0';
    return buf;
}

/* ------------------------------------------------------------ building */

typedef struct Builder {
    Problem *p;
    const Sourcing__Batch *b;
    StrMap node_ids, sku_ids, zone_ids, carrier_limit_ids;
    StrMap slots;               /* slot_key(node, sku) -> stock slot */
    int *lane_order;            /* lane indices sorted by (zone, node) */
    int *lane_node;             /* per lane: its node */
    int *lane_carrier_limit;    /* per lane: the carrier limit of its (node, carrier), or -1 */
    int *zone_start;            /* per zone: first position in lane_order; n_zones + 1 entries */
    int *eligible_stamp;        /* per node: order index + 1 when eligible for that order */
    double *slot_unit_cost;     /* per slot: the inventory item's unit_cost */
    int *line_sku;              /* scratch: sku id per line of the current order */
    size_t cap_cands, cap_options, cap_cells, cap_cells_cost, cap_line_sku;
    int64_t n_cells;
    int lines_only;             /* orders and lines, no candidates: the plan that ships nothing */
    int timed_out;
} Builder;

static int intern(StrMap *m, const char *key)
{
    int existing = -1;
    int rc = strmap_put(m, key, (int)m->len, &existing);
    return rc < 0 ? -2 : rc == 0 ? existing : (int)m->len - 1;
}

static int build_nodes(Builder *bd, SrcError *err)
{
    Problem *p = bd->p;
    const Sourcing__Batch *b = bd->b;
    size_t n_inventory = 0;
    p->nodes = calloc(b->n_nodes + 1, sizeof *p->nodes);
    if (!p->nodes)
        return src_error_set(err, "out of memory");
    for (size_t n = 0; n < b->n_nodes; n++) {
        const Sourcing__Node *src = b->nodes[n];
        p->nodes[n] = (PNode){src->activation_cost, src->max_shipments, src->max_units};
        if (intern(&bd->node_ids, src->id) < -1)
            return src_error_set(err, "out of memory");
        n_inventory += src->n_inventory;
    }
    p->n_nodes = (int)b->n_nodes;
    p->stock = malloc((n_inventory + 1) * sizeof *p->stock);
    bd->slot_unit_cost = malloc((n_inventory + 1) * sizeof *bd->slot_unit_cost);
    if (!p->stock || !bd->slot_unit_cost)
        return src_error_set(err, "out of memory");
    for (size_t n = 0; n < b->n_nodes; n++) {
        for (size_t k = 0; k < b->nodes[n]->n_inventory; k++) {
            const Sourcing__InventoryItem *item = b->nodes[n]->inventory[k];
            int sku = intern(&bd->sku_ids, item->sku);
            if (sku < 0)
                return src_error_set(err, "out of memory");
            char key[SLOT_KEY_BYTES];
            if (strmap_put(&bd->slots, slot_key(key, (int)n, sku), p->n_slots, NULL) < 0)
                return src_error_set(err, "out of memory");
            p->stock[p->n_slots] = item->quantity;
            bd->slot_unit_cost[p->n_slots] = item->unit_cost;
            p->n_slots++;
        }
    }
    return 0;
}

static int build_carrier_limits(Builder *bd, SrcError *err)
{
    const Sourcing__Batch *b = bd->b;
    Problem *p = bd->p;
    p->carrier_cap = malloc((b->n_carrier_limits + 1) * sizeof *p->carrier_cap);
    if (!p->carrier_cap)
        return src_error_set(err, "out of memory");
    char key[1024];
    for (size_t i = 0; i < b->n_carrier_limits; i++) {
        const Sourcing__CarrierLimit *cl = b->carrier_limits[i];
        if (strmap_put(&bd->carrier_limit_ids, strmap_key3(key, sizeof key, cl->node_id, cl->carrier, ""),
                       (int)i, NULL) < 0)
            return src_error_set(err, "out of memory");
        p->carrier_cap[i] = cl->max_shipments;
    }
    p->n_carrier_limits = (int)b->n_carrier_limits;
    return 0;
}

/* Numbers the orders' zones before the lanes' (see Problem.n_zones), so every order has one. */
static int index_order_zones(Builder *bd, SrcError *err)
{
    const Sourcing__Batch *b = bd->b;
    for (size_t o = 0; o < b->n_orders; o++)
        if (intern(&bd->zone_ids, b->orders[o]->zone) < 0)
            return src_error_set(err, "out of memory");
    return 0;
}

typedef struct LaneKey {
    int zone, node, lane;
} LaneKey;

static int by_zone_then_node(const void *a, const void *b)
{
    const LaneKey *x = a, *y = b;
    if (x->zone != y->zone)
        return x->zone < y->zone ? -1 : 1;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return (x->lane > y->lane) - (x->lane < y->lane);
}

/* Sorts lanes by (zone, node) so an order's candidates are one contiguous run of its zone. */
static int index_lanes(Builder *bd, SrcError *err)
{
    const Sourcing__Batch *b = bd->b;
    size_t n = b->n_lanes;
    LaneKey *keys = malloc((n + 1) * sizeof *keys);
    bd->lane_order = malloc((n + 1) * sizeof(int));
    bd->lane_node = malloc((n + 1) * sizeof(int));
    bd->lane_carrier_limit = malloc((n + 1) * sizeof(int));
    if (!keys || !bd->lane_order || !bd->lane_node || !bd->lane_carrier_limit) {
        free(keys);
        return src_error_set(err, "out of memory");
    }
    char key[1024];
    for (size_t l = 0; l < n; l++) {
        const Sourcing__Lane *lane = b->lanes[l];
        bd->lane_node[l] = strmap_get(&bd->node_ids, lane->node_id);
        bd->lane_carrier_limit[l] =
            strmap_get(&bd->carrier_limit_ids, strmap_key3(key, sizeof key, lane->node_id, lane->carrier, ""));
        keys[l] = (LaneKey){intern(&bd->zone_ids, lane->zone), bd->lane_node[l], (int)l};
        if (keys[l].zone < 0) {
            free(keys);
            return src_error_set(err, "out of memory");
        }
    }
    qsort(keys, n, sizeof *keys, by_zone_then_node);
    size_t n_zones = bd->zone_ids.len;
    bd->p->n_zones = (int)n_zones;
    bd->zone_start = calloc(n_zones + 1, sizeof(int));
    if (!bd->zone_start) {
        free(keys);
        return src_error_set(err, "out of memory");
    }
    for (size_t l = 0; l < n; l++) {
        bd->lane_order[l] = keys[l].lane;
        bd->zone_start[keys[l].zone + 1]++;
    }
    for (size_t z = 0; z < n_zones; z++)
        bd->zone_start[z + 1] += bd->zone_start[z];
    free(keys);
    return 0;
}

/* An order's priority scales its unfilled and late costs (docs/model.md); absent = 1. */
static double priority_of(const Sourcing__Order *order)
{
    return order->has_priority ? order->priority : 1.0;
}

static double unfilled_cost_of(const Sourcing__Batch *b, const Sourcing__Order *order, const Sourcing__OrderLine *line)
{
    double cost = line->has_unfilled_cost ? line->unfilled_cost
                  : b->has_default_unfilled_cost ? b->default_unfilled_cost : SRC_DEFAULT_UNFILLED_COST;
    return cost * priority_of(order);
}

static int build_lines(Builder *bd, int o, SrcError *err)
{
    Problem *p = bd->p;
    const Sourcing__Order *src = bd->b->orders[o];
    POrder *order = &p->orders[o];
    order->first_line = p->n_lines;
    order->n_lines = (int)src->n_lines;
    if (grow((void **)&bd->line_sku, &bd->cap_line_sku, src->n_lines + 1, sizeof(int)))
        return src_error_set(err, "out of memory");
    for (size_t i = 0; i < src->n_lines; i++) {
        const Sourcing__OrderLine *line = src->lines[i];
        p->lines[p->n_lines++] = (PLine){line->quantity, line->unit_weight_kg, unfilled_cost_of(bd->b, src, line)};
        bd->line_sku[i] = strmap_get(&bd->sku_ids, line->sku);
    }
    return 0;
}

/* Adds the lane options of lanes [from, to) (all from one node, to the order's zone) that the
 * order may use. Returns how many were added, or -1. */
static int add_options(Builder *bd, int o, int node, int from, int to, SrcError *err)
{
    Problem *p = bd->p;
    const Sourcing__Order *order = bd->b->orders[o];
    const Sourcing__Node *src_node = bd->b->nodes[node];
    int hard = order->has_sla && order->sla == SOURCING__SLA__HARD;
    int added = 0;
    for (int k = from; k < to; k++) {
        int l = bd->lane_order[k];
        const Sourcing__Lane *lane = bd->b->lanes[l];
        int64_t late = src_node->processing_days + lane->transit_days - order->due_days;
        if (late < 0)
            late = 0;
        if (hard && late > 0)
            continue;
        if (grow((void **)&p->options, &bd->cap_options, (size_t)p->n_options + 1, sizeof *p->options))
            return src_error_set(err, "out of memory");
        double late_cost = hard ? 0 : order->late_cost_per_day * (double)late * priority_of(order);
        int cl = bd->lane_carrier_limit[l];
        p->options[p->n_options++] = (PLaneOption){
            .lane = l, .carrier_limit = cl, .days_late = (int)late,
            .fixed_cost = src_node->shipment_cost + lane->shipment_cost + late_cost,
            .late_cost = late_cost, .cost_per_kg = lane->cost_per_kg, .max_weight_kg = lane->max_weight_kg};
        added++;
    }
    return added;
}

/* Appends the per-line cells (stock slot, unit cost) of a candidate of order o at node; returns
 * how many lines have stock there, or -1. */
static int add_cells(Builder *bd, int o, int node, int64_t *first_cell, SrcError *err)
{
    Problem *p = bd->p;
    const POrder *order = &p->orders[o];
    size_t need = (size_t)(bd->n_cells + order->n_lines + 1);
    if (grow((void **)&p->cand_slot, &bd->cap_cells, need, sizeof *p->cand_slot))
        return src_error_set(err, "out of memory");
    if (grow((void **)&p->cand_unit_cost, &bd->cap_cells_cost, need, sizeof *p->cand_unit_cost))
        return src_error_set(err, "out of memory");
    *first_cell = bd->n_cells;
    int stocked = 0;
    for (int i = 0; i < order->n_lines; i++) {
        int sku = bd->line_sku[i];
        char key[SLOT_KEY_BYTES];
        int slot = sku < 0 ? -1 : strmap_get(&bd->slots, slot_key(key, node, sku));
        if (slot >= 0 && (p->stock[slot] <= 0 || p->lines[order->first_line + i].quantity <= 0))
            slot = -1;
        p->cand_slot[bd->n_cells] = slot;
        p->cand_unit_cost[bd->n_cells] = bd->b->nodes[node]->unit_cost + (slot >= 0 ? bd->slot_unit_cost[slot] : 0);
        bd->n_cells++;
        stocked += slot >= 0;
    }
    return stocked;
}

static int node_eligible(Builder *bd, int o, int node)
{
    return bd->b->orders[o]->n_eligible_nodes == 0 || bd->eligible_stamp[node] == o + 1;
}

/* Adds one candidate per node that has a usable lane to the order's zone and stock it needs. */
static int build_candidates(Builder *bd, int o, SrcError *err)
{
    Problem *p = bd->p;
    const Sourcing__Order *src = bd->b->orders[o];
    POrder *order = &p->orders[o];
    order->first_cand = p->n_cands;
    for (size_t e = 0; e < src->n_eligible_nodes; e++) {
        int n = strmap_get(&bd->node_ids, src->eligible_nodes[e]);
        if (n >= 0)
            bd->eligible_stamp[n] = o + 1;
    }
    int from = bd->zone_start[order->zone], end = bd->zone_start[order->zone + 1];
    while (from < end) {
        int node = bd->lane_node[bd->lane_order[from]];
        int to = from + 1;
        while (to < end && bd->lane_node[bd->lane_order[to]] == node)
            to++;
        if (node_eligible(bd, o, node)) {
            int first_option = p->n_options;
            int64_t first_cell = 0;
            int n_options = add_options(bd, o, node, from, to, err);
            int stocked = n_options > 0 ? add_cells(bd, o, node, &first_cell, err) : 0;
            if (n_options < 0 || stocked < 0)
                return -1;
            if (stocked == 0) {  /* nothing to ship from here: forget it */
                p->n_options = first_option;
                bd->n_cells -= n_options > 0 ? order->n_lines : 0;
            } else {
                if (grow((void **)&p->cands, &bd->cap_cands, (size_t)p->n_cands + 1, sizeof *p->cands))
                    return src_error_set(err, "out of memory");
                p->cands[p->n_cands++] = (PCandidate){o, node, first_option, n_options, first_cell};
            }
        }
        from = to;
    }
    order->n_cands = p->n_cands - order->first_cand;
    return 0;
}

static int build_orders(Builder *bd, double deadline, SrcError *err)
{
    Problem *p = bd->p;
    const Sourcing__Batch *b = bd->b;
    size_t total_lines = 0;
    for (size_t o = 0; o < b->n_orders; o++)
        total_lines += b->orders[o]->n_lines;
    p->orders = calloc(b->n_orders + 1, sizeof *p->orders);
    p->lines = calloc(total_lines + 1, sizeof *p->lines);
    bd->eligible_stamp = calloc(b->n_nodes + 1, sizeof(int));
    if (!p->orders || !p->lines || !bd->eligible_stamp)
        return src_error_set(err, "out of memory");
    p->n_orders = (int)b->n_orders;
    for (int o = 0; o < p->n_orders; o++) {
        const Sourcing__Order *src = b->orders[o];
        p->orders[o].max_shipments = src->max_shipments;
        p->orders[o].split_cost = src->split_cost;
        p->orders[o].zone = strmap_get(&bd->zone_ids, src->zone);
        if (build_lines(bd, o, err) || (!bd->lines_only && build_candidates(bd, o, err)))
            return -1;
        if ((o & 1023) == 1023 && deadline > 0 && src_now() > deadline && !bd->lines_only) {
            bd->timed_out = 1;
            return src_error_set(err, "time limit reached while indexing the batch");
        }
    }
    return 0;
}

static Problem *build(const Sourcing__Batch *batch, double deadline, int lines_only, int *timed_out,
                      SrcError *err)
{
    Builder bd = {0};
    bd.b = batch;
    bd.lines_only = lines_only;
    bd.p = calloc(1, sizeof *bd.p);
    if (!bd.p) {
        src_error_set(err, "out of memory");
        return NULL;
    }
    bd.p->batch = batch;
    strmap_init(&bd.node_ids);
    strmap_init(&bd.sku_ids);
    strmap_init(&bd.zone_ids);
    strmap_init(&bd.carrier_limit_ids);
    strmap_init(&bd.slots);
    int rc = build_nodes(&bd, err);
    if (!rc)
        rc = build_carrier_limits(&bd, err);
    if (!rc)
        rc = index_order_zones(&bd, err);
    if (!rc)
        rc = index_lanes(&bd, err);
    if (!rc)
        rc = build_orders(&bd, deadline, err);
    strmap_free(&bd.node_ids);
    strmap_free(&bd.sku_ids);
    strmap_free(&bd.zone_ids);
    strmap_free(&bd.carrier_limit_ids);
    strmap_free(&bd.slots);
    free(bd.lane_order);
    free(bd.lane_node);
    free(bd.lane_carrier_limit);
    free(bd.zone_start);
    free(bd.eligible_stamp);
    free(bd.slot_unit_cost);
    free(bd.line_sku);
    if (timed_out)
        *timed_out = bd.timed_out;
    if (rc) {
        problem_free(bd.p);
        return NULL;
    }
    return bd.p;
}

Problem *problem_build(const Sourcing__Batch *batch, double deadline, SrcError *err)
{
    int timed_out = 0;
    Problem *p = build(batch, deadline, 0, &timed_out, err);
    if (!p && timed_out)  /* no time to find candidates: a problem in which nothing can ship */
        p = build(batch, 0, 1, NULL, err);
    return p;
}

void problem_free(Problem *p)
{
    if (!p)
        return;
    problem_free_arrays(p);
    free(p);
}

void problem_free_arrays(Problem *p)
{
    free(p->nodes);
    free(p->orders);
    free(p->lines);
    free(p->cands);
    free(p->options);
    free(p->cand_slot);
    free(p->cand_unit_cost);
    free(p->stock);
    free(p->carrier_cap);
}

double cand_max_weight(const Problem *p, const PCandidate *c)
{
    const POrder *order = &p->orders[c->order];
    double w = 0;
    for (int i = 0; i < order->n_lines; i++)
        w += cand_cell_upper(p, c, i) * p->lines[order->first_line + i].unit_weight_kg;
    return w;
}

int cand_shipment_is_free(const Problem *p, const PCandidate *c)
{
    const POrder *order = &p->orders[c->order];
    const PLaneOption *o = &p->options[c->first_option];
    if (c->n_options != 1 || o->fixed_cost > 0 || p->nodes[c->node].max_shipments > 0)
        return 0;
    if (o->carrier_limit >= 0 && p->carrier_cap[o->carrier_limit] > 0)
        return 0;
    if ((order->max_shipments > 0 && order->n_cands > order->max_shipments) ||
        (order->split_cost > 0 && order->n_cands >= 2))
        return 0;
    return !(o->max_weight_kg > 0 && cand_max_weight(p, c) > o->max_weight_kg);
}

int problem_is_facility_style(const Problem *p)
{
    for (int k = 0; k < p->n_cands; k++)
        if (!cand_shipment_is_free(p, &p->cands[k]))
            return 0;
    return p->n_cands > 0;
}

int problem_candidates_by_node(const Problem *p, int **start_out, int **cands_out)
{
    int *start = calloc((size_t)p->n_nodes + 2, sizeof(int));
    int *cands = calloc((size_t)p->n_cands + 1, sizeof(int));
    if (!start || !cands) {
        free(start);
        free(cands);
        return -1;
    }
    for (int k = 0; k < p->n_cands; k++)
        start[p->cands[k].node + 2]++;
    for (int n = 0; n < p->n_nodes; n++)
        start[n + 2] += start[n + 1];
    for (int k = 0; k < p->n_cands; k++)
        cands[start[p->cands[k].node + 1]++] = k;
    *start_out = start;
    *cands_out = cands;
    return 0;
}
