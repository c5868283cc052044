/* Splitting unfilled costs into the base objective and penalty tiers (see tiers.h). */
#include "tiers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One line whose unfilled cost is too large for the base objective. */
typedef struct Huge {
    double cost;    /* its unfilled cost */
    double room;    /* the most the base objective may carry for it */
    int line;
} Huge;

/* The most that shipping one more unit of the line could ever cost (its dearest lane, node
 * activation and unit cost, a split), plus 1: the scale of the line's other costs. */
static double dearest_unit(const Problem *p, int order_index, int line)
{
    const POrder *order = &p->orders[order_index];
    const PLine *l = &p->lines[order->first_line + line];
    double most = 0;
    for (int k = 0; k < order->n_cands; k++) {
        const PCandidate *c = &p->cands[order->first_cand + k];
        double worst_lane = 0;
        for (int j = 0; j < c->n_options; j++) {
            const PLaneOption *o = &p->options[c->first_option + j];
            worst_lane = fmax(worst_lane, o->fixed_cost + o->cost_per_kg * l->unit_weight_kg);
        }
        most = fmax(most, worst_lane + p->nodes[c->node].activation_cost + cand_unit_costs(p, c)[line]);
    }
    return most + order->split_cost + 1;
}

static int line_can_ship(const Problem *p, const int *x_col, int order_index, int line)
{
    const POrder *order = &p->orders[order_index];
    for (int k = 0; k < order->n_cands; k++)
        if (x_col[p->cands[order->first_cand + k].first_cell + line])
            return 1;
    return 0;
}

/* Dearest first; equal costs by line, so that the tiers never depend on qsort's whims. */
static int by_cost_down(const void *a, const void *b)
{
    const Huge *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* How many whole units of size unit fit in cost. The quotient is nudged up by 1e-9 so that
 * 1e9 / (1e9 / 3) counts 3, not 2.999...; the residual is then clamped at 0, an error of the order
 * of 1e-7 per unit, far below every tolerance that reads the costs. */
static double whole_units(double cost, double unit)
{
    return floor(cost / unit + 1e-9);
}

/* Whether every distinct cost v[first..last] is a whole number of units (1 to TIER_MAX_WEIGHT)
 * plus a residual within its room, and one unit is above every room (so that one count dwarfs
 * the other costs of every line in the tier). */
static int unit_fits(const Huge *v, int first, int last, double unit)
{
    if (whole_units(v[first].cost, unit) > TIER_MAX_WEIGHT)
        return 0;
    for (int k = first; k <= last; k++)
        if (unit <= v[k].room || whole_units(v[k].cost, unit) < 1 ||
            v[k].cost - whole_units(v[k].cost, unit) * unit > v[k].room)
            return 0;
    return 1;
}

/* A unit that the distinct costs v[first..last] (dearest first) share, or 0. Tried, largest
 * first: the tier's unit so far and the new cheapest cost, each divided by 1, 2, ... (so 2e9 and
 * 1.5e9 share 5e8, and 1e9 + 300 then joins them with a residual of 300). */
static double common_unit(const Huge *v, int first, int last, double unit_so_far)
{
    for (int d = 1; d <= TIER_MAX_WEIGHT; d++) {
        double a = unit_so_far / d, b = v[last].cost / d;
        if (unit_fits(v, first, last, fmax(a, b)))
            return fmax(a, b);
        if (unit_fits(v, first, last, fmin(a, b)))
            return fmin(a, b);
    }
    return 0;
}

/* Groups the distinct costs v (dearest first) into tiers: a cost joins the current tier while a
 * common unit exists, else it starts the next one, alone with itself as the unit. Sets each
 * value's line field to its tier, TIERS_MAX for the costs left when the tiers ran out. Returns
 * how many tiers there are. */
static int group(Huge *v, int n, double *unit)
{
    int n_tiers = 0, first = 0, full = 0;
    for (int k = 0; k < n; k++) {
        double shared = 0;
        if (n_tiers > 0 && !full && k - first < TIER_MAX_VALUES)
            shared = common_unit(v, first, k, unit[n_tiers - 1]);
        if (shared > 0) {
            unit[n_tiers - 1] = shared;
        } else if (n_tiers < TIERS_MAX && !full) {
            first = k;
            unit[n_tiers++] = v[k].cost;
        } else {
            full = 1;
        }
        v[k].line = full ? TIERS_MAX : n_tiers - 1;
    }
    return n_tiers;
}

/* The distinct costs of the sorted huge lines, each with the least room of its lines. */
static int distinct_costs(const Huge *h, int n, Huge *v)
{
    int m = 0;
    for (int k = 0; k < n; k++) {
        if (m > 0 && v[m - 1].cost == h[k].cost)
            v[m - 1].room = fmin(v[m - 1].room, h[k].room);
        else
            v[m++] = h[k];
    }
    return m;
}

/* Puts each huge line in its cost's tier, or caps it when no tier was left for it. */
static void assign(Tiers *t, const Huge *h, int n, const Huge *v)
{
    for (int k = 0, j = -1; k < n; k++) {
        j += j < 0 || v[j].cost != h[k].cost;
        int i = h[k].line, tier = v[j].line;
        if (tier >= t->n) {
            t->base_cost[i] = h[k].room;
            continue;
        }
        t->of_line[i] = tier;
        t->weight[i] = whole_units(h[k].cost, t->unit[tier]);
        t->base_cost[i] = fmax(0, h[k].cost - t->weight[i] * t->unit[tier]);
    }
}

int tiers_build(Tiers *t, const Problem *p, const int *x_col)
{
    memset(t, 0, sizeof *t);
    size_t n = (size_t)p->n_lines + 1;
    t->of_line = malloc(n * sizeof(int));
    t->weight = calloc(n, sizeof(double));
    t->base_cost = malloc(n * sizeof(double));
    Huge *huge = malloc(n * sizeof(Huge));
    if (!t->of_line || !t->weight || !t->base_cost || !huge) {
        free(huge);
        tiers_free(t);
        return -1;
    }
    int n_huge = 0;
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < p->orders[o].n_lines; k++) {
            int i = p->orders[o].first_line + k;
            double cost = p->lines[i].unfilled_cost;
            t->of_line[i] = -1;
            t->base_cost[i] = cost;
            if (!line_can_ship(p, x_col, o, k))
                continue;  /* no column: a constant of the objective */
            double room = TIER_BASE_FACTOR * dearest_unit(p, o, k);
            if (cost > room)
                huge[n_huge++] = (Huge){cost, room, i};
        }
    qsort(huge, (size_t)n_huge, sizeof *huge, by_cost_down);
    Huge *values = malloc(((size_t)n_huge + 1) * sizeof(Huge));
    if (!values) {
        free(huge);
        tiers_free(t);
        return -1;
    }
    int n_values = distinct_costs(huge, n_huge, values);
    t->n = group(values, n_values, t->unit);
    assign(t, huge, n_huge, values);
    free(values);
    free(huge);
    return 0;
}

void tiers_free(Tiers *t)
{
    free(t->of_line);
    free(t->weight);
    free(t->base_cost);
    memset(t, 0, sizeof *t);
}
