/* What stops an option that would cost less than the order's chosen shipments (explain.h): stock
 * given to other orders, a node's unit or shipment capacity, a carrier's pick-ups, the order's
 * split limit; and the rules no option may break: the HARD SLA, eligibility. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "explain_internal.h"

#define BLOCKER_BYTES 700

/* "stock of A at n1 given to order o2" (or "to orders o2, o3"). */
static int stock_blocker(Explainer *e, int slot, Sourcing__OrderExplanation *m)
{
    const Sourcing__Batch *b = e->s->p->batch;
    const int *users = e->slot_user + 2 * slot;
    int others[2], n = 0;
    for (int k = 0; k < 2; k++)
        if (users[k] >= 0 && users[k] != e->o)
            others[n++] = users[k];
    char text[BLOCKER_BYTES];
    snprintf(text, sizeof text, "stock of %s at %s given to order%s %s%s%s", e->lk->slot_sku[slot],
             b->nodes[e->lk->slot_node[slot]]->id, n > 1 ? "s" : "", n ? b->orders[others[0]]->id : "(none)",
             n > 1 ? ", " : "", n > 1 ? b->orders[others[1]]->id : "");
    return explain_add_blocker(m, text);
}

static int capacity_blockers(Explainer *e, const Option *op, int k, int64_t units, Sourcing__OrderExplanation *m)
{
    const Problem *p = e->s->p;
    const Sourcing__Batch *b = p->batch;
    int node = p->cands[op->cand[k]].node, cl = p->options[op->opt[k]].carrier_limit;
    char text[BLOCKER_BYTES];
    int rc = 0;
    if (units > units_avail(e, node, 0)) {
        snprintf(text, sizeof text, "capacity of %s: max_units %lld used by other orders", b->nodes[node]->id,
                 (long long)p->nodes[node].max_units);
        rc = explain_add_blocker(m, text);
    }
    if (!rc && !ships_ok(e, node, 0)) {
        snprintf(text, sizeof text, "capacity of %s: max_shipments %lld used by other orders", b->nodes[node]->id,
                 (long long)p->nodes[node].max_shipments);
        rc = explain_add_blocker(m, text);
    }
    if (!rc && !carrier_ok(e, cl, 0)) {
        snprintf(text, sizeof text, "capacity of %s pick-ups at %s: max_shipments %lld used by other orders",
                 b->carrier_limits[cl]->carrier, b->nodes[node]->id, (long long)p->carrier_cap[cl]);
        rc = explain_add_blocker(m, text);
    }
    return rc;
}

int explain_blockers_of(Explainer *e, const Option *op, Sourcing__OrderExplanation *m)
{
    const Problem *p = e->s->p;
    const POrder *order = &p->orders[e->o];
    int rc = 0;
    for (int k = 0; k < op->n && !rc; k++) {
        const int *slots = cand_slots(p, &p->cands[op->cand[k]]);
        int64_t units = 0;
        for (int i = 0; i < order->n_lines && !rc; i++) {
            units += e->units[k][i];
            if (e->units[k][i] > 0 && e->units[k][i] > stock_avail(e, slots[i], 0))
                rc = stock_blocker(e, slots[i], m);
        }
        if (!rc)
            rc = capacity_blockers(e, op, k, units, m);
    }
    if (!rc && order->max_shipments > 0 && op->n > order->max_shipments) {
        char text[64];
        snprintf(text, sizeof text, "split limit: max_shipments %lld", (long long)order->max_shipments);
        rc = explain_add_blocker(m, text);
    }
    return rc;
}

/* What one shipment from node on lane would cost the order alone, ignoring the rules (the SLA's
 * lateness is not charged: a HARD order has no late cost); INFINITY when it carries nothing. */
static double rule_free_cost(Explainer *e, int node, int lane)
{
    const Problem *p = e->s->p;
    const Sourcing__Batch *b = p->batch;
    const Sourcing__Node *n = b->nodes[node];
    const Sourcing__Lane *l = b->lanes[lane];
    const POrder *order = &p->orders[e->o];
    double cost = n->shipment_cost + l->shipment_cost + (active_without(e, node) ? 0 : n->activation_cost);
    double weight = 0;
    int64_t carried = 0, room = units_avail(e, node, 1);
    for (int i = 0; i < order->n_lines; i++) {
        const Sourcing__OrderLine *line = b->orders[e->o]->lines[i];
        const PLine *pl = &p->lines[order->first_line + i];
        int64_t take = 0;
        for (int slot = lookup_sku_slots(e->lk, line->sku); slot >= 0; slot = e->lk->slot_next[slot])
            if (e->lk->slot_node[slot] == node) {
                take = p->stock[slot] < pl->quantity ? p->stock[slot] : pl->quantity;
                take = take < room ? take : room;
                cost += (double)take * e->lk->slot_item[slot]->unit_cost;
                break;
            }
        room -= take, carried += take;
        weight += (double)take * pl->unit_weight_kg;
        cost += (double)take * n->unit_cost + (double)(pl->quantity - take) * pl->unfilled_cost;
    }
    if (l->max_weight_kg > 0 && weight > l->max_weight_kg)
        return INFINITY;
    return carried > 0 ? cost + l->cost_per_kg * weight : INFINITY;
}

/* A rule stops the lane for the order: "HARD SLA: n3 by express arrives 2 days late",
 * "not eligible: n4"; "" when the order may use it. */
static void rule_against(Explainer *e, int node, int lane, char *text, size_t size)
{
    const Sourcing__Batch *b = e->s->p->batch;
    const Sourcing__Order *order = b->orders[e->o];
    int64_t late = lookup_days_late(e->lk, e->o, node, lane);
    text[0] = '\0';
    if (!lookup_eligible(order, b->nodes[node]->id))
        snprintf(text, size, "not eligible: %s", b->nodes[node]->id);
    else if (order->has_sla && order->sla == SOURCING__SLA__HARD && late > 0)
        snprintf(text, size, "HARD SLA: %s by %s arrives %lld day%s late", b->nodes[node]->id, b->lanes[lane]->carrier,
                 (long long)late, late > 1 ? "s" : "");
}

int explain_rule_blockers(Explainer *e, double chosen, Sourcing__OrderExplanation *m)
{
    const Problem *p = e->s->p;
    const Sourcing__Order *order = p->batch->orders[e->o];
    int rc = 0;
    char text[BLOCKER_BYTES];
    for (size_t i = 0; i < order->n_lines && !rc; i++)
        for (int slot = lookup_sku_slots(e->lk, order->lines[i]->sku); slot >= 0 && !rc; slot = e->lk->slot_next[slot]) {
            int node = e->lk->slot_node[slot];
            if (e->seen[node] || p->stock[slot] <= 0)
                continue;
            e->seen[node] = 1;
            for (int l = lookup_lanes(e->lk, node, order->zone); l >= 0 && !rc; l = e->lk->lane_next[l]) {
                rule_against(e, node, l, text, sizeof text);
                if (text[0] && rule_free_cost(e, node, l) < chosen - 1e-9 * (chosen > 1 ? chosen : 1))
                    rc = explain_add_blocker(m, text);
            }
        }
    for (size_t i = 0; i < order->n_lines; i++)  /* clear the marks */
        for (int slot = lookup_sku_slots(e->lk, order->lines[i]->sku); slot >= 0; slot = e->lk->slot_next[slot])
            e->seen[e->lk->slot_node[slot]] = 0;
    return rc;
}
