/* The plan checker, one shipment: its node, eligibility, lines, lane, weight limit and SLA, its
 * five numbers recomputed from the batch and compared with the plan's, and the usage it adds to
 * its node, stocks and carrier limit. */
#include <stdio.h>
#include <string.h>

#include "checker_internal.h"

/* What the batch says one shipment weighs, takes and costs. */
typedef struct ShipmentCalc {
    int64_t units, delivery_days, days_late;
    double weight, units_cost, cost, late_cost;
} ShipmentCalc;

/* Where a message is about: "order o1: shipment from n1 by ups". */
typedef char Where[3 * CHECK_ID_SHOWN + 64];

static int is_hard(const Sourcing__Order *o)
{
    return o->has_sla && o->sla == SOURCING__SLA__HARD;
}

/* Takes one shipment line's units from the node's stock, unless the line is refused. */
static void take_line(Checker *c, const Sourcing__Order *o, int node, const Sourcing__ShipmentLine *sl,
                     size_t shipment_stamp, const char *where, ShipmentCalc *calc)
{
    if (sl->line < 0 || (uint64_t)sl->line >= o->n_lines) {
        check_violation(c, "%s: line %lld does not exist (the order has %zu lines)", where,
                        (long long)sl->line, o->n_lines);
        return;
    }
    size_t index = (size_t)sl->line;
    const Sourcing__OrderLine *ol = o->lines[index];
    if (sl->units < 1) {
        check_violation(c, "%s: line %zu has %lld units; a shipment line carries at least 1 unit",
                        where, index, (long long)sl->units);
        return;
    }
    if (c->line_seen_by[index] == shipment_stamp)
        check_violation(c, "%s: line %zu is listed more than once", where, index);
    c->line_seen_by[index] = shipment_stamp;
    if (!sl->sku || !ol->sku || strcmp(sl->sku, ol->sku))
        check_violation(c, "%s: line %zu is sku %.*s, not %.*s", where, index, CHECK_ID_SHOWN,
                        check_show(ol->sku), CHECK_ID_SHOWN, check_show(sl->sku));
    int slot = check_stock_slot(c, node, ol->sku);
    if (slot < 0) {
        check_violation(c, "%s: the checker ran out of memory", where);
        return;
    }
    CheckStock *stock = &c->stock[slot];
    stock->used = check_add(stock->used, sl->units);
    c->line_shipped[index] = check_add(c->line_shipped[index], sl->units);
    calc->units = check_add(calc->units, sl->units);
    calc->weight += (double)sl->units * ol->unit_weight_kg;
    calc->units_cost += (double)sl->units * (c->batch->nodes[node]->unit_cost + stock->unit_cost);
}

/* Days, lateness, lane costs and the lane's and the SLA's limits. */
static void price_lane(Checker *c, const Sourcing__Order *o, const Sourcing__Node *n,
                       const Sourcing__Lane *lane, const char *where, ShipmentCalc *calc)
{
    calc->delivery_days = n->processing_days + lane->transit_days;
    calc->days_late = calc->delivery_days > o->due_days ? calc->delivery_days - o->due_days : 0;
    double priority = o->has_priority ? o->priority : 1.0;  /* scales late costs (docs/model.md) */
    calc->late_cost = is_hard(o) ? 0.0 : o->late_cost_per_day * (double)calc->days_late * priority;
    calc->cost += lane->shipment_cost + lane->cost_per_kg * calc->weight + calc->late_cost;
    if (lane->max_weight_kg > 0 && calc->weight > lane->max_weight_kg &&
        !check_same(calc->weight, lane->max_weight_kg))
        check_violation(c, "%s: weight %.12g kg exceeds the lane's max_weight_kg %.12g", where,
                        calc->weight, lane->max_weight_kg);
    if (is_hard(o) && calc->days_late > 0)
        check_violation(c, "%s: delivers in %lld days, %lld late for a HARD order due in %lld", where,
                        (long long)calc->delivery_days, (long long)calc->days_late,
                        (long long)o->due_days);
}

static void compare_number(Checker *c, const char *where, const char *field, double plan, double real)
{
    if (!check_same(plan, real))
        check_violation(c, "%s: %s is %.12g in the plan, recomputed %.12g", where, field, plan, real);
}

static void compare_days(Checker *c, const char *where, const char *field, int64_t plan, int64_t real)
{
    if (plan != real)
        check_violation(c, "%s: %s is %lld in the plan, recomputed %lld", where, field,
                        (long long)plan, (long long)real);
}

/* The plan's numbers against the recomputed ones; those that need the lane only if it exists. */
static void compare_shipment(Checker *c, const Sourcing__Shipment *sh, const ShipmentCalc *calc,
                             int has_lane, const char *where)
{
    compare_number(c, where, "weight_kg", sh->weight_kg, calc->weight);
    compare_number(c, where, "units_cost", sh->units_cost, calc->units_cost);
    if (!has_lane)
        return;
    compare_days(c, where, "delivery_days", sh->delivery_days, calc->delivery_days);
    compare_days(c, where, "days_late", sh->days_late, calc->days_late);
    compare_number(c, where, "cost", sh->cost, calc->cost);
    compare_number(c, where, "late_cost", sh->late_cost, calc->late_cost);
}

/* Adds the shipment to its node's, its carrier limit's and the plan's totals. */
static void account(Checker *c, int node, const char *carrier, const ShipmentCalc *calc)
{
    c->node_shipments[node]++;
    c->node_units[node] = check_add(c->node_units[node], calc->units);
    int limit = check_find_limit(c, c->batch->nodes[node]->id, carrier);
    if (limit >= 0)
        c->limit_shipments[limit]++;
    c->shipments++;
    if (calc->days_late > 0)
        c->late_shipments++;
    c->report->shipping += calc->cost;
    c->report->lateness += calc->late_cost;
    c->report->handling += calc->units_cost;
}

/* Checks the node's existence, uniqueness in the order and eligibility; -1 if it is unknown. */
static int node_of(Checker *c, const Sourcing__Order *o, const Sourcing__Shipment *sh, const char *where)
{
    int node = check_find_node(c, sh->node_id);
    if (node < 0) {
        check_violation(c, "%s: node %.*s does not exist", where, CHECK_ID_SHOWN, check_show(sh->node_id));
        return -1;
    }
    if (c->node_seen_by[node] == c->order_stamp)
        check_violation(c, "%s: the order already has a shipment from %s (at most one per node)",
                        where, sh->node_id);
    c->node_seen_by[node] = c->order_stamp;
    if (o->n_eligible_nodes > 0 && c->node_eligible_for[node] != c->order_stamp)
        check_violation(c, "%s: node %s is not eligible for the order", where, sh->node_id);
    return node;
}

int check_shipment(Checker *c, int oi, const Sourcing__Shipment *sh)
{
    const Sourcing__Order *o = c->batch->orders[oi];
    Where where;
    snprintf(where, sizeof where, "order %.*s: shipment from %.*s by %.*s", CHECK_ID_SHOWN, o->id,
             CHECK_ID_SHOWN, check_show(sh->node_id), CHECK_ID_SHOWN, check_show(sh->carrier));
    int node = node_of(c, o, sh, where);
    if (node < 0)
        return 0;
    const Sourcing__Node *n = c->batch->nodes[node];
    ShipmentCalc calc = {0};
    size_t shipment_stamp = ++c->stamp;
    for (size_t i = 0; i < sh->n_lines; i++)
        take_line(c, o, node, sh->lines[i], shipment_stamp, where, &calc);
    if (calc.units == 0)
        check_violation(c, "%s: carries no units", where);
    calc.cost = n->shipment_cost;
    int lane = check_find_lane(c, n->id, o->zone, sh->carrier);
    if (lane < 0)
        check_violation(c, "%s: lane %s -> zone %s by %.*s does not exist", where, n->id,
                        check_show(o->zone), CHECK_ID_SHOWN, check_show(sh->carrier));
    else
        price_lane(c, o, n, c->batch->lanes[lane], where, &calc);
    compare_shipment(c, sh, &calc, lane >= 0, where);
    account(c, node, sh->carrier, &calc);
    return 1;
}
