/* Random batches for benchmarks and tests: a network of a few distribution centres, drop-ship
 * vendors and many stores on a map of zones, and orders with skewed sku popularity and mixed SLAs.
 * The same parameters give the same batch on every machine (own PRNG, no libm beyond sqrt and
 * round). docs/instances.md describes the model. */
#ifndef SRC_GENERATE_H
#define SRC_GENERATE_H

#include <stdint.h>

#include "error.h"
#include "sourcing.pb-c.h"

#define SRC_GEN_MAX_NODES 5000
#define SRC_GEN_MAX_SKUS 100000
#define SRC_GEN_MAX_CARRIERS 4

typedef struct SrcGenParams {
    int64_t orders;     /* 1..SRC_MAX_ORDERS */
    int64_t nodes;      /* 1..SRC_GEN_MAX_NODES */
    int64_t skus;       /* 1..SRC_GEN_MAX_SKUS; 0: a default that grows with the orders */
    int64_t carriers;   /* 1..SRC_GEN_MAX_CARRIERS (ground, express, economy, freight); 0: 3 */
    uint64_t seed;
} SrcGenParams;

/* The batch for params, named "gen-o<orders>-n<nodes>-s<seed>"; NULL with err set when a
 * parameter is out of range or memory runs out. Free with src_batch_free. */
Sourcing__Batch *src_generate(const SrcGenParams *params, SrcError *err);

/* The number of skus used when params->skus is 0. */
int64_t src_gen_default_skus(int64_t orders);

#endif
