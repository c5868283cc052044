/* The batch generator's front door: checks the parameters, draws the world (zones on a map, skus
 * with Zipf popularity and weights, node kinds and places), then the orders, nodes and lanes. */
#include "generate.h"

#include <stdio.h>
#include <stdlib.h>

#include "batch_build.h"
#include "batch_io.h"
#include "gen_world.h"
#include "validate.h"

#define MAP_KM 1000.0
#define DEFAULT_UNFILLED_COST 100.0

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int64_t src_gen_default_skus(int64_t orders)
{
    return clamp64(orders / 10, 20, 5000);
}

static int check_params(const SrcGenParams *p, SrcError *err)
{
    if (p->orders < 1 || p->orders > SRC_MAX_ORDERS)
        return src_error_set(err, "orders: %lld is outside 1..%d", (long long)p->orders, SRC_MAX_ORDERS);
    if (p->nodes < 1 || p->nodes > SRC_GEN_MAX_NODES)
        return src_error_set(err, "nodes: %lld is outside 1..%d", (long long)p->nodes, SRC_GEN_MAX_NODES);
    if (p->skus < 0 || p->skus > SRC_GEN_MAX_SKUS)
        return src_error_set(err, "skus: %lld is outside 1..%d", (long long)p->skus, SRC_GEN_MAX_SKUS);
    if (p->carriers < 0 || p->carriers > SRC_GEN_MAX_CARRIERS)
        return src_error_set(err, "carriers: %lld is outside 1..%d", (long long)p->carriers,
                             SRC_GEN_MAX_CARRIERS);
    return 0;
}

size_t gen_pick(uint64_t *state, const double *cum, size_t n)
{
    double target = gen_unit(state) * cum[n - 1];
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > target)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

GenNodeKind gen_node_kind(const GenWorld *w, size_t node)
{
    if (node < w->n_dcs)
        return GEN_DC;
    return node < w->n_dcs + w->n_vendors ? GEN_VENDOR : GEN_STORE;
}

void gen_node_id(const GenWorld *w, size_t node, char *id)
{
    switch (gen_node_kind(w, node)) {
    case GEN_DC: snprintf(id, 24, "dc%zu", node + 1); break;
    case GEN_VENDOR: snprintf(id, 24, "ds%zu", node - w->n_dcs + 1); break;
    case GEN_STORE: snprintf(id, 24, "st%zu", node - w->n_dcs - w->n_vendors + 1); break;
    }
}

void gen_zone_id(size_t zone, char *id)
{
    snprintf(id, 24, "z%zu", zone + 1);
}

void gen_sku_id(size_t sku, char *id)
{
    snprintf(id, 24, "sku%zu", sku + 1);
}

double gen_distance(const GenWorld *w, size_t node, size_t zone)
{
    double dx = w->node_x[node] - w->zone_x[zone], dy = w->node_y[node] - w->zone_y[zone];
    return sqrt(dx * dx + dy * dy);
}

static int alloc_world(GenWorld *w)
{
    size_t z = w->n_zones, s = w->n_skus, n = (size_t)w->p.nodes;
    w->zone_x = malloc(z * sizeof *w->zone_x);
    w->zone_y = malloc(z * sizeof *w->zone_y);
    w->zone_cum = malloc(z * sizeof *w->zone_cum);
    w->sku_cum = malloc(s * sizeof *w->sku_cum);
    w->sku_weight = malloc(s * sizeof *w->sku_weight);
    w->sku_margin = malloc(s * sizeof *w->sku_margin);
    w->sku_demand = calloc(s, sizeof *w->sku_demand);
    w->node_x = malloc(n * sizeof *w->node_x);
    w->node_y = malloc(n * sizeof *w->node_y);
    return w->zone_x && w->zone_y && w->zone_cum && w->sku_cum && w->sku_weight && w->sku_margin &&
                   w->sku_demand && w->node_x && w->node_y ? 0 : -1;
}

static void free_world(GenWorld *w)
{
    free(w->zone_x);
    free(w->zone_y);
    free(w->zone_cum);
    free(w->sku_cum);
    free(w->sku_weight);
    free(w->sku_margin);
    free(w->sku_demand);
    free(w->node_x);
    free(w->node_y);
}

/* Zones scattered on the map with populations 1..10; skus with popularity 1/k, weights mostly
 * light (0.1 + 19.9 u^3 kg) and a lost-sale cost of 20..150 per unit. */
static void draw_zones_and_skus(GenWorld *w)
{
    double total = 0;
    for (size_t z = 0; z < w->n_zones; z++) {
        w->zone_x[z] = gen_range(&w->rng, 0, MAP_KM);
        w->zone_y[z] = gen_range(&w->rng, 0, MAP_KM);
        total += gen_range(&w->rng, 1, 10);
        w->zone_cum[z] = total;
    }
    total = 0;
    for (size_t s = 0; s < w->n_skus; s++) {
        total += 1.0 / (double)(s + 1);
        w->sku_cum[s] = total;
        double u = gen_unit(&w->rng);
        w->sku_weight[s] = gen_money(0.1 + 19.9 * u * u * u);
        w->sku_margin[s] = gen_money(gen_range(&w->rng, 20, 150));
    }
}

/* A few DCs in the middle of the map, a few vendors anywhere, stores next to zone centres. */
static void draw_nodes(GenWorld *w)
{
    int64_t nodes = w->p.nodes;
    w->n_dcs = (size_t)clamp64(nodes / 25, 1, 10);
    w->n_vendors = nodes >= 20 ? (size_t)clamp64(nodes / 50, 1, 5) : 0;
    w->n_stores = (size_t)nodes - w->n_dcs - w->n_vendors;
    for (size_t i = 0; i < (size_t)nodes; i++) {
        GenNodeKind kind = gen_node_kind(w, i);
        if (kind == GEN_STORE) {
            size_t home = (size_t)gen_int(&w->rng, 0, (int64_t)w->n_zones - 1);
            w->node_x[i] = w->zone_x[home] + gen_range(&w->rng, -25, 25);
            w->node_y[i] = w->zone_y[home] + gen_range(&w->rng, -25, 25);
        } else {
            double margin = kind == GEN_DC ? 0.1 * MAP_KM : 0;
            w->node_x[i] = gen_range(&w->rng, margin, MAP_KM - margin);
            w->node_y[i] = gen_range(&w->rng, margin, MAP_KM - margin);
        }
    }
}

static int init_world(GenWorld *w, const SrcGenParams *params)
{
    w->p = *params;
    if (!w->p.skus)
        w->p.skus = src_gen_default_skus(w->p.orders);
    if (!w->p.carriers)
        w->p.carriers = 3;
    w->rng = w->p.seed;
    w->n_zones = (size_t)clamp64(w->p.nodes / 4, 10, 50);
    w->n_skus = (size_t)w->p.skus;
    if (alloc_world(w))
        return -1;
    draw_zones_and_skus(w);
    draw_nodes(w);
    return 0;
}

Sourcing__Batch *src_generate(const SrcGenParams *params, SrcError *err)
{
    if (check_params(params, err))
        return NULL;
    GenWorld w = {0};
    char name[96];
    snprintf(name, sizeof name, "gen-o%lld-n%lld-s%llu", (long long)params->orders,
             (long long)params->nodes, (unsigned long long)params->seed);
    int failed = init_world(&w, params) || !(w.batch = bb_batch(name));
    if (!failed) {
        BB_SET(w.batch, default_unfilled_cost, DEFAULT_UNFILLED_COST);
        failed = gen_orders(&w) || gen_nodes(&w) || gen_lanes(&w);
    }
    free_world(&w);
    if (failed) {
        src_batch_free(w.batch);
        src_error_set(err, "out of memory generating %lld orders x %lld nodes",
                      (long long)params->orders, (long long)params->nodes);
        return NULL;
    }
    return w.batch;
}
