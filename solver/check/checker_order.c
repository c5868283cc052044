/* The plan checker, one order: its shipments, its max_shipments and split cost, lines shipped
 * beyond their quantity, and the unfilled entries (exactly the lines with units left, with the
 * right units and cost). An order missing from the plan is left wholly unfilled. */
#include <string.h>

#include "checker_internal.h"

/* The line's unfilled cost (its own, the batch default, else 1000), times the order's priority. */
static double unfilled_cost_per_unit(const Sourcing__Batch *b, const Sourcing__Order *o, const Sourcing__OrderLine *l)
{
    double per_unit = l->has_unfilled_cost ? l->unfilled_cost
                      : b->has_default_unfilled_cost ? b->default_unfilled_cost : 1000.0;
    return per_unit * (o->has_priority ? o->priority : 1.0);
}

static int64_t units_left(const Checker *c, const Sourcing__Order *o, size_t line)
{
    int64_t left = o->lines[line]->quantity - c->line_shipped[line];
    return left > 0 ? left : 0;
}

/* One UnfilledLine entry against the units the plan leaves on its line. */
static void check_unfilled_entry(Checker *c, const Sourcing__Order *o, const Sourcing__UnfilledLine *u,
                                 size_t list_stamp)
{
    if (u->line < 0 || (uint64_t)u->line >= o->n_lines) {
        check_violation(c, "order %s: unfilled entry for line %lld, which does not exist (the order has %zu lines)",
                        o->id, (long long)u->line, o->n_lines);
        return;
    }
    size_t line = (size_t)u->line;
    const Sourcing__OrderLine *ol = o->lines[line];
    if (c->line_seen_by[line] == list_stamp) {
        check_violation(c, "order %s: line %zu is listed more than once as unfilled", o->id, line);
        return;
    }
    c->line_seen_by[line] = list_stamp;
    if (!u->sku || !ol->sku || strcmp(u->sku, ol->sku))
        check_violation(c, "order %s: unfilled line %zu is sku %s, not %.*s", o->id, line,
                        check_show(ol->sku), CHECK_ID_SHOWN, check_show(u->sku));
    int64_t left = units_left(c, o, line);
    double cost = (double)left * unfilled_cost_per_unit(c->batch, o, ol);
    if (u->units != left)
        check_violation(c, "order %s: line %zu (sku %s): %lld units unfilled, plan says %lld", o->id,
                        line, check_show(ol->sku), (long long)left, (long long)u->units);
    else if (!check_same(u->cost, cost))
        check_violation(c, "order %s: line %zu (sku %s): unfilled cost is %.12g in the plan, recomputed %.12g",
                        o->id, line, check_show(ol->sku), u->cost, cost);
}

/* Lines shipped beyond their quantity, lines left unfilled without an entry, and term 5. */
static void check_lines(Checker *c, const Sourcing__Order *o, const Sourcing__OrderPlan *op)
{
    size_t list_stamp = ++c->stamp;
    for (size_t i = 0; i < op->n_unfilled; i++)
        check_unfilled_entry(c, o, op->unfilled[i], list_stamp);
    for (size_t i = 0; i < o->n_lines; i++) {
        const Sourcing__OrderLine *ol = o->lines[i];
        int64_t left = units_left(c, o, i);
        if (c->line_shipped[i] > ol->quantity)
            check_violation(c, "order %s: line %zu (sku %s): %lld units shipped, quantity is %lld", o->id,
                            i, check_show(ol->sku), (long long)c->line_shipped[i], (long long)ol->quantity);
        if (left > 0 && c->line_seen_by[i] != list_stamp)
            check_violation(c, "order %s: line %zu (sku %s): %lld units unfilled, the plan lists none",
                            o->id, i, check_show(ol->sku), (long long)left);
        c->unfilled_units = check_add(c->unfilled_units, left);
        c->report->unfilled += (double)left * unfilled_cost_per_unit(c->batch, o, ol);
    }
}

/* max_shipments and term 4 for an order with k shipments. */
static void check_split(Checker *c, const Sourcing__Order *o, const Sourcing__OrderPlan *op, int64_t k)
{
    if (o->max_shipments > 0 && k > o->max_shipments)
        check_violation(c, "order %s: %lld shipments, max_shipments is %lld", o->id, (long long)k,
                        (long long)o->max_shipments);
    double split = k >= 1 ? o->split_cost * (double)(k - 1) : 0.0;
    if (!check_same(op->split_cost, split))
        check_violation(c, "order %s: split_cost is %.12g in the plan, recomputed %.12g", o->id,
                        op->split_cost, split);
    c->report->split += split;
    if (k >= 2)
        c->split_orders++;
}

void check_order(Checker *c, int oi, const Sourcing__OrderPlan *op)
{
    const Sourcing__Order *o = c->batch->orders[oi];
    c->order_stamp = ++c->stamp;
    for (size_t i = 0; i < o->n_eligible_nodes; i++) {
        int node = check_find_node(c, o->eligible_nodes[i]);
        if (node >= 0)
            c->node_eligible_for[node] = c->order_stamp;
    }
    memset(c->line_shipped, 0, o->n_lines * sizeof *c->line_shipped);
    int64_t k = 0;
    for (size_t i = 0; i < op->n_shipments; i++)
        k += check_shipment(c, oi, op->shipments[i]);
    check_split(c, o, op, k);
    check_lines(c, o, op);
}

void check_missing_order(Checker *c, int oi)
{
    const Sourcing__Order *o = c->batch->orders[oi];
    check_violation(c, "order %s: missing from the plan", o->id);
    for (size_t i = 0; i < o->n_lines; i++) {
        const Sourcing__OrderLine *ol = o->lines[i];
        c->unfilled_units = check_add(c->unfilled_units, ol->quantity);
        c->report->unfilled += (double)ol->quantity * unfilled_cost_per_unit(c->batch, o, ol);
    }
}
