/* Internals of the batch generator (generate.c, gen_orders.c, gen_network.c): the PRNG
 * (splitmix64, identical on every machine) and the random world the batch is drawn from. */
#ifndef SRC_GEN_WORLD_H
#define SRC_GEN_WORLD_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "generate.h"

typedef enum GenNodeKind { GEN_DC, GEN_VENDOR, GEN_STORE } GenNodeKind;

typedef struct GenWorld {
    SrcGenParams p;
    uint64_t rng;
    size_t n_zones;
    double *zone_x, *zone_y;     /* km on a 1000 x 1000 map */
    double *zone_cum;            /* cumulative order share of zones */
    size_t n_skus;
    double *sku_cum;             /* cumulative popularity (Zipf: sku k weighs 1/k) */
    double *sku_weight;          /* kg per unit */
    double *sku_margin;          /* lost-sale cost per unit */
    int64_t *sku_demand;         /* units ordered, filled by gen_orders */
    int64_t total_units;         /* all units ordered, filled by gen_orders */
    size_t n_dcs, n_vendors, n_stores;   /* nodes are the dcs, then the vendors, then the stores */
    double *node_x, *node_y;
    Sourcing__Batch *batch;
} GenWorld;

static inline uint64_t gen_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static inline double gen_unit(uint64_t *state)
{
    return (double)(gen_next(state) >> 11) * 0x1.0p-53;
}

static inline double gen_range(uint64_t *state, double lo, double hi)
{
    return lo + (hi - lo) * gen_unit(state);
}

/* Uniform whole number in lo..hi. */
static inline int64_t gen_int(uint64_t *state, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(gen_next(state) % (uint64_t)(hi - lo + 1));
}

static inline int gen_chance(uint64_t *state, double p)
{
    return gen_unit(state) < p;
}

/* Money: rounded to cents. */
static inline double gen_money(double x)
{
    return round(x * 100.0) / 100.0;
}

/* An index drawn with the weights whose running sums are cum[0..n-1]. */
size_t gen_pick(uint64_t *state, const double *cum, size_t n);

/* The node's kind and id ("dc3", "ds1", "st42"); id needs 24 bytes. */
GenNodeKind gen_node_kind(const GenWorld *w, size_t node);
void gen_node_id(const GenWorld *w, size_t node, char *id);
void gen_zone_id(size_t zone, char *id);
void gen_sku_id(size_t sku, char *id);
double gen_distance(const GenWorld *w, size_t node, size_t zone);

/* 0, or -1 when out of memory. */
int gen_orders(GenWorld *w);
int gen_nodes(GenWorld *w);
int gen_lanes(GenWorld *w);

#endif
