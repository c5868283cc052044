/* The rules baseline (see rules.h): arrival order, most units per shipment, soonest, cheapest. */
#include "rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The shipment the rules pick for what is left of an order, and how it ranks. */
typedef struct Pick {
    int cand, option;
    int64_t units;
    int64_t days;
    double cost;
} Pick;

static int64_t delivery_days(const Problem *p, const PCandidate *c, const PLaneOption *opt)
{
    return p->batch->nodes[c->node]->processing_days + p->batch->lanes[opt->lane]->transit_days;
}

/* Stock left in line i's slot, less what earlier lines of this shipment took from the same slot
 * (an order may have two lines of one sku). */
static int64_t slot_left(const Solution *s, const int *slots, const int64_t *units, int i)
{
    int64_t left = stock_left(s, slots[i]);
    for (int j = 0; j < i; j++)
        if (slots[j] == slots[i])
            left -= units[j];
    return left > 0 ? left : 0;
}

/* What a shipment of candidate cand by option can carry of remaining, line by line in the order's
 * order, within stock, the node's units and the lane's weight limit; into units. Returns the total
 * (0 when the node or carrier has no shipment left). */
static int64_t fill(const Solution *s, int cand, int option, const int64_t *remaining, int64_t *units)
{
    const Problem *p = s->p;
    const PCandidate *c = &p->cands[cand];
    const POrder *order = &p->orders[c->order];
    const PLaneOption *opt = &p->options[option];
    memset(units, 0, (size_t)order->n_lines * sizeof *units);
    if (!node_can_ship(s, c->node) || !carrier_can_ship(s, opt->carrier_limit))
        return 0;
    const int *slots = cand_slots(p, c);
    int64_t units_cap = node_units_left(s, c->node), total = 0;
    double weight_cap = opt->max_weight_kg > 0 ? opt->max_weight_kg : INFINITY;
    for (int i = 0; i < order->n_lines; i++) {
        if (slots[i] < 0)
            continue;
        int64_t u = remaining[i], stock = slot_left(s, slots, units, i);
        u = u < stock ? u : stock;
        u = u < units_cap ? u : units_cap;
        double w = p->lines[order->first_line + i].unit_weight_kg;
        if (w > 0 && (double)u * w > weight_cap)
            u = (int64_t)floor(weight_cap / w + 1e-9);
        units[i] = u > 0 ? u : 0;
        units_cap -= units[i];
        weight_cap -= (double)units[i] * w;
        total += units[i];
    }
    return total;
}

/* Whether a ranks before b: more units, then sooner, then cheaper (ties in cost within 1e-9
 * relative, so that rounding does not pick); equal picks keep the first seen. */
static int ranks_before(const Pick *a, const Pick *b)
{
    if (a->units != b->units)
        return a->units > b->units;
    if (a->days != b->days)
        return a->days < b->days;
    return a->cost < b->cost - 1e-9 * fmax(1, fabs(b->cost));
}

/* The best shipment for what is left of order o, its units in best_units; units 0 when none. */
static Pick best_pick(const Solution *s, int o, const int64_t *remaining, const unsigned char *used,
                      int64_t *units, int64_t *best_units)
{
    const Problem *p = s->p;
    const POrder *order = &p->orders[o];
    Pick best = {.cand = -1, .option = -1};
    for (int k = 0; k < order->n_cands; k++) {
        const PCandidate *c = &p->cands[order->first_cand + k];
        for (int j = 0; !used[k] && j < c->n_options; j++) {
            Pick pick = {order->first_cand + k, c->first_option + j, 0, 0, 0};
            pick.units = fill(s, pick.cand, pick.option, remaining, units);
            if (pick.units == 0)
                continue;
            pick.days = delivery_days(p, c, &p->options[pick.option]);
            pick.cost = shipment_cost(p, pick.cand, pick.option, units, NULL);
            if (best.units == 0 || ranks_before(&pick, &best)) {
                best = pick;
                memcpy(best_units, units, (size_t)order->n_lines * sizeof *units);
            }
        }
    }
    return best;
}

/* Sources order o by the rules; scratch has room for 3 x its lines, used for its candidates. */
static int source_order(Solution *s, int o, int64_t *scratch, unsigned char *used)
{
    const Problem *p = s->p;
    const POrder *order = &p->orders[o];
    int64_t *remaining = scratch, *units = scratch + order->n_lines, *best_units = units + order->n_lines;
    for (int i = 0; i < order->n_lines; i++)
        remaining[i] = p->lines[order->first_line + i].quantity;
    memset(used, 0, (size_t)order->n_cands + 1);
    while (order->max_shipments == 0 || s->orders[o].n_ships < order->max_shipments) {
        Pick pick = best_pick(s, o, remaining, used, units, best_units);
        if (pick.units == 0)
            break;
        if (solution_add(s, o, pick.cand, pick.option, best_units))
            return -1;
        used[pick.cand - order->first_cand] = 1;
        for (int i = 0; i < order->n_lines; i++)
            remaining[i] -= best_units[i];
    }
    return 0;
}

int rules_baseline(Solution *s, const Budget *budget)
{
    const Problem *p = s->p;
    int max_lines = 0, max_cands = 0;
    for (int o = 0; o < p->n_orders; o++) {
        max_lines = p->orders[o].n_lines > max_lines ? p->orders[o].n_lines : max_lines;
        max_cands = p->orders[o].n_cands > max_cands ? p->orders[o].n_cands : max_cands;
    }
    int64_t *scratch = malloc((3 * (size_t)max_lines + 1) * sizeof *scratch);
    unsigned char *used = malloc((size_t)max_cands + 1);
    int rc = scratch && used ? 0 : -1;
    for (int o = 0; !rc && o < p->n_orders; o++) {
        if ((o & 255) == 255 && budget && budget_expired(budget))
            rc = 1;  /* out of time: the orders not reached stay unfilled */
        else
            rc = source_order(s, o, scratch, used);
    }
    free(scratch);
    free(used);
    return rc;
}
