/* The generator's network: DCs (much stock of most skus, cheap handling, costly to activate),
 * drop-ship vendors (a few skus, slow), stores (a little stock of some skus at markdown cost, small
 * capacities); lanes whose days and costs grow with distance; carrier limits on some nodes. */
#include <stdlib.h>

#include "batch_build.h"
#include "gen_world.h"

typedef struct CarrierProfile {
    const char *name;
    double base, per_km;          /* per shipment */
    double per_kg, per_kg_km;     /* per kg */
    double max_weight_kg;         /* 0 = none */
    int64_t min_days;
    double km_per_day;
} CarrierProfile;

static const CarrierProfile CARRIERS[SRC_GEN_MAX_CARRIERS] = {
    {"ground", 4.0, 0.004, 0.30, 0.0004, 0, 1, 250},
    {"express", 9.0, 0.008, 1.00, 0.0010, 30, 1, 800},
    {"economy", 3.0, 0.003, 0.25, 0.0003, 0, 2, 200},
    {"freight", 35.0, 0.010, 0.05, 0.0001, 0, 3, 300},
};

#define STORE_RADIUS_KM 250.0
#define SMALL_NETWORK 10          /* below this many nodes every node serves every zone */

static void set_dc(GenWorld *w, Sourcing__Node *node)
{
    BB_SET(node, activation_cost, gen_money(gen_range(&w->rng, 150, 400)));
    BB_SET(node, shipment_cost, gen_money(gen_range(&w->rng, 1.5, 3)));
    BB_SET(node, unit_cost, gen_money(gen_range(&w->rng, 0.3, 0.6)));
    BB_SET(node, processing_days, 1);
    /* a quarter of the DCs can handle only 0.9-1.3 times an even share of the batch */
    double orders = (double)w->p.orders / (double)w->n_dcs;
    double units = (double)w->total_units / (double)w->n_dcs;
    if (gen_chance(&w->rng, 0.25))
        BB_SET(node, max_shipments, (int64_t)(orders * gen_range(&w->rng, 0.9, 1.3)) + 5);
    if (gen_chance(&w->rng, 0.25))
        BB_SET(node, max_units, (int64_t)(units * gen_range(&w->rng, 0.9, 1.3)) + 10);
}

static void set_vendor(GenWorld *w, Sourcing__Node *node)
{
    BB_SET(node, activation_cost, gen_money(gen_range(&w->rng, 0, 50)));
    BB_SET(node, shipment_cost, gen_money(gen_range(&w->rng, 2, 4)));
    BB_SET(node, unit_cost, gen_money(gen_range(&w->rng, 0.2, 0.5)));
    BB_SET(node, processing_days, gen_int(&w->rng, 2, 4));
}

static void set_store(GenWorld *w, Sourcing__Node *node)
{
    BB_SET(node, activation_cost, gen_money(gen_range(&w->rng, 20, 60)));
    BB_SET(node, shipment_cost, gen_money(gen_range(&w->rng, 3, 6)));
    BB_SET(node, unit_cost, gen_money(gen_range(&w->rng, 1, 2)));
    BB_SET(node, max_shipments, gen_int(&w->rng, 5, 40));
    BB_SET(node, max_units, gen_int(&w->rng, 10, 80));
}

static int add_stock(Sourcing__Node *node, size_t sku, int64_t quantity)
{
    char id[24];
    gen_sku_id(sku, id);
    return bb_add_stock(node, id, quantity) ? 0 : -1;
}

/* DC stock: per sku a scarcity factor of 0.5..1.2 of its demand, shared by the ~80% of DCs
 * that carry it, so that some demand cannot be filled. */
static int stock_dcs(GenWorld *w, Sourcing__Node **dcs)
{
    for (size_t s = 0; s < w->n_skus; s++) {
        int64_t demand = w->sku_demand[s] > 2 ? w->sku_demand[s] : 2;
        double per_dc = (double)demand * gen_range(&w->rng, 0.5, 1.2) / (double)w->n_dcs;
        for (size_t d = 0; d < w->n_dcs; d++) {
            if (!gen_chance(&w->rng, 0.8))
                continue;
            int64_t q = (int64_t)(per_dc * gen_range(&w->rng, 0.5, 1.5) + 0.5);
            if (q > 0 && add_stock(dcs[d], s, q))
                return -1;
        }
    }
    return 0;
}

/* Vendor stock: a run of 5-20 skus, 20-300 units each. */
static int stock_vendor(GenWorld *w, Sourcing__Node *node)
{
    int64_t n = gen_int(&w->rng, 5, 20);
    if (n > (int64_t)w->n_skus)
        n = (int64_t)w->n_skus;
    size_t first = (size_t)gen_int(&w->rng, 0, (int64_t)w->n_skus - n);
    for (size_t s = first; s < first + (size_t)n; s++)
        if (add_stock(node, s, gen_int(&w->rng, 20, 300)))
            return -1;
    return 0;
}

/* Store stock: 8-30 draws of popular skus (repeats dropped), 1-4 units, half at a markdown cost.
 * seen[sku] holds the last store (1-based) that drew it. */
static int stock_store(GenWorld *w, Sourcing__Node *node, size_t store, size_t *seen)
{
    int64_t draws = gen_int(&w->rng, 8, 30);
    for (int64_t k = 0; k < draws; k++) {
        size_t s = gen_pick(&w->rng, w->sku_cum, w->n_skus);
        if (seen[s] == store + 1)
            continue;
        seen[s] = store + 1;
        if (add_stock(node, s, gen_int(&w->rng, 1, 4)))
            return -1;
        if (gen_chance(&w->rng, 0.5))
            BB_SET(node->inventory[node->n_inventory - 1], unit_cost, gen_money(gen_range(&w->rng, 0, 3)));
    }
    return 0;
}

static int stock_others(GenWorld *w, Sourcing__Node **nodes)
{
    size_t *seen = calloc(w->n_skus, sizeof *seen);
    if (!seen)
        return -1;
    int failed = 0;
    for (size_t i = w->n_dcs; !failed && i < (size_t)w->p.nodes; i++) {
        if (gen_node_kind(w, i) == GEN_VENDOR)
            failed = stock_vendor(w, nodes[i]) != 0;
        else
            failed = stock_store(w, nodes[i], i, seen) != 0;
    }
    free(seen);
    return failed ? -1 : 0;
}

int gen_nodes(GenWorld *w)
{
    char id[24];
    size_t n = (size_t)w->p.nodes;
    for (size_t i = 0; i < n; i++) {
        gen_node_id(w, i, id);
        Sourcing__Node *node = bb_add_node(w->batch, id);
        if (!node)
            return -1;
        GenNodeKind kind = gen_node_kind(w, i);
        if (kind == GEN_DC)
            set_dc(w, node);
        else if (kind == GEN_VENDOR)
            set_vendor(w, node);
        else
            set_store(w, node);
    }
    Sourcing__Node **nodes = w->batch->nodes;
    return stock_dcs(w, nodes) || stock_others(w, nodes) ? -1 : 0;
}

static int add_lane(GenWorld *w, size_t node, size_t zone, const CarrierProfile *c)
{
    char node_id[24], zone_id[24];
    gen_node_id(w, node, node_id);
    gen_zone_id(zone, zone_id);
    Sourcing__Lane *lane = bb_add_lane(w->batch, node_id, zone_id, c->name);
    if (!lane)
        return -1;
    double km = gen_distance(w, node, zone);
    BB_SET(lane, transit_days, c->min_days + (int64_t)(km / c->km_per_day));
    BB_SET(lane, shipment_cost, gen_money(c->base + c->per_km * km));
    BB_SET(lane, cost_per_kg, gen_money(c->per_kg + c->per_kg_km * km));
    if (c->max_weight_kg > 0)
        BB_SET(lane, max_weight_kg, c->max_weight_kg);
    return 0;
}

/* Which carriers a node of this kind offers: DCs all, vendors ground and economy, stores ground
 * and express. */
static int offers(GenNodeKind kind, size_t carrier)
{
    static const int BY_KIND[3][SRC_GEN_MAX_CARRIERS] = {
        [GEN_DC] = {1, 1, 1, 1}, [GEN_VENDOR] = {1, 0, 1, 0}, [GEN_STORE] = {1, 1, 0, 0}};
    return BY_KIND[kind][carrier];
}

/* Limits: on ~30% of stores ground picks up 2-12 shipments; on half the DCs express takes ~10%. */
static int add_limits(GenWorld *w, size_t node, GenNodeKind kind)
{
    char id[24];
    gen_node_id(w, node, id);
    if (kind == GEN_STORE && gen_chance(&w->rng, 0.3))
        return bb_add_carrier_limit(w->batch, id, CARRIERS[0].name, gen_int(&w->rng, 2, 12)) ? 0 : -1;
    if (kind == GEN_DC && w->p.carriers >= 2 && gen_chance(&w->rng, 0.5)) {
        int64_t max = w->p.orders / ((int64_t)w->n_dcs * 10) + 5;
        return bb_add_carrier_limit(w->batch, id, CARRIERS[1].name, max) ? 0 : -1;
    }
    return 0;
}

int gen_lanes(GenWorld *w)
{
    int everywhere = w->p.nodes < SMALL_NETWORK;
    for (size_t i = 0; i < (size_t)w->p.nodes; i++) {
        GenNodeKind kind = gen_node_kind(w, i);
        for (size_t z = 0; z < w->n_zones; z++) {
            if (kind == GEN_STORE && !everywhere && gen_distance(w, i, z) > STORE_RADIUS_KM)
                continue;
            for (size_t c = 0; c < (size_t)w->p.carriers; c++)
                if ((offers(kind, c) || (everywhere && c == 0)) && add_lane(w, i, z, &CARRIERS[c]))
                    return -1;
        }
        if (add_limits(w, i, kind))
            return -1;
    }
    return 0;
}
