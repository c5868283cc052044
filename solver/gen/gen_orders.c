/* The generator's orders: zones by population, 1-5 lines of Zipf-popular skus, mostly 1-3 units,
 * ~20% HARD SLAs, due in 1-7 days, split and late costs, some ship-complete, a few restricted to
 * some DCs (and a vendor). Counts each sku's demand for the stock drawn afterwards. */
#include <stdio.h>

#include "batch_build.h"
#include "gen_world.h"

/* Cumulative shares of 1..5 lines, of 1..4 units (4 meaning 4-6), of 1..7 due days. */
static const double LINES_CUM[] = {0.40, 0.65, 0.80, 0.92, 1.00};
static const double UNITS_CUM[] = {0.60, 0.85, 0.95, 1.00};
static const double DUE_CUM[] = {0.10, 0.35, 0.60, 0.75, 0.85, 0.93, 1.00};

#define HARD_SHARE 0.20
#define ELIGIBLE_SHARE 0.03
#define EXPLICIT_UNFILLED_SHARE 0.70

static int64_t draw_units(GenWorld *w)
{
    size_t k = gen_pick(&w->rng, UNITS_CUM, 4);
    return k < 3 ? (int64_t)k + 1 : gen_int(&w->rng, 4, 6);
}

static int add_lines(GenWorld *w, Sourcing__Order *order)
{
    size_t n_lines = gen_pick(&w->rng, LINES_CUM, 5) + 1;
    char sku_id[24];
    for (size_t l = 0; l < n_lines; l++) {
        size_t sku = gen_pick(&w->rng, w->sku_cum, w->n_skus);
        int64_t units = draw_units(w);
        gen_sku_id(sku, sku_id);
        Sourcing__OrderLine *line = bb_add_line(order, sku_id, units, w->sku_weight[sku]);
        if (!line)
            return -1;
        if (gen_chance(&w->rng, EXPLICIT_UNFILLED_SHARE))
            BB_SET(line, unfilled_cost, w->sku_margin[sku]);
        w->sku_demand[sku] += units;
        w->total_units += units;
    }
    return 0;
}

static void set_promise(GenWorld *w, Sourcing__Order *order)
{
    BB_SET(order, due_days, (int64_t)gen_pick(&w->rng, DUE_CUM, 7) + 1);
    if (gen_chance(&w->rng, HARD_SHARE))
        BB_SET(order, sla, SOURCING__SLA__HARD);
    else
        BB_SET(order, late_cost_per_day, gen_money(gen_range(&w->rng, 1, 12)));
    if (gen_chance(&w->rng, 0.9))
        BB_SET(order, split_cost, gen_money(gen_range(&w->rng, 2, 10)));
    double u = gen_unit(&w->rng);
    if (u < 0.15)
        BB_SET(order, max_shipments, 1);
    else if (u < 0.25)
        BB_SET(order, max_shipments, 2);
}

/* Restricts the order to 1-3 consecutive DCs and maybe one vendor (hazardous or bulky goods). */
static int restrict_nodes(GenWorld *w, Sourcing__Order *order)
{
    int64_t k = gen_int(&w->rng, 1, 3);
    if (k > (int64_t)w->n_dcs)
        k = (int64_t)w->n_dcs;
    size_t first = (size_t)gen_int(&w->rng, 0, (int64_t)w->n_dcs - 1);
    char id[24];
    for (int64_t i = 0; i < k; i++) {
        gen_node_id(w, (first + (size_t)i) % w->n_dcs, id);
        if (bb_add_eligible(order, id))
            return -1;
    }
    if (w->n_vendors && gen_chance(&w->rng, 0.5)) {
        gen_node_id(w, w->n_dcs + (size_t)gen_int(&w->rng, 0, (int64_t)w->n_vendors - 1), id);
        if (bb_add_eligible(order, id))
            return -1;
    }
    return 0;
}

int gen_orders(GenWorld *w)
{
    char id[32], zone_id[24];
    for (int64_t o = 0; o < w->p.orders; o++) {
        snprintf(id, sizeof id, "o%lld", (long long)o + 1);
        gen_zone_id(gen_pick(&w->rng, w->zone_cum, w->n_zones), zone_id);
        Sourcing__Order *order = bb_add_order(w->batch, id, zone_id);
        if (!order || add_lines(w, order))
            return -1;
        set_promise(w, order);
        if (gen_chance(&w->rng, ELIGIBLE_SHARE) && restrict_nodes(w, order))
            return -1;
    }
    return 0;
}
