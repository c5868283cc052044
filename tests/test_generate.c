/* The batch generator: deterministic for a seed (a golden fingerprint guards "the same on every
 * machine"), different seeds differ, batches validate, sizes are as asked, and the model's
 * promises hold (HARD share, reachability, scarcity, ship-complete orders, bounded lanes). */
#include <stdint.h>
#include <stdlib.h>

#include "batch_io.h"
#include "generate.h"
#include "strmap.h"
#include "test.h"
#include "validate.h"

static Sourcing__Batch *gen(int64_t orders, int64_t nodes, int64_t skus, int64_t carriers, uint64_t seed)
{
    SrcGenParams p = {.orders = orders, .nodes = nodes, .skus = skus, .carriers = carriers, .seed = seed};
    SrcError err = {{0}};
    Sourcing__Batch *b = src_generate(&p, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    return b;
}

/* FNV-1a of the batch's binary protobuf form. */
static uint64_t fingerprint(const Sourcing__Batch *b)
{
    size_t len = protobuf_c_message_get_packed_size(&b->base);
    uint8_t *buf = malloc(len);
    protobuf_c_message_pack(&b->base, buf);
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ buf[i]) * 0x100000001b3ull;
    free(buf);
    return h;
}

TEST(same_seed_gives_identical_json)
{
    Sourcing__Batch *a = gen(300, 30, 0, 0, 7), *b = gen(300, 30, 0, 0, 7);
    char *ja = a ? src_message_to_json(&a->base, 2) : NULL, *jb = b ? src_message_to_json(&b->base, 2) : NULL;
    CHECK(ja && jb && !strcmp(ja, jb));
    free(ja);
    free(jb);
    src_batch_free(a);
    src_batch_free(b);
}

/* Changing the generator changes this number: update it on purpose, never to make a test pass by
 * accident (the failing check prints the new value). */
#define GOLDEN_FINGERPRINT 0xbef22b0fe317d045ull

TEST(seed_42_is_the_same_batch_on_every_machine)
{
    Sourcing__Batch *b = gen(50, 12, 0, 0, 42);
    CHECK_MSG(b && fingerprint(b) == GOLDEN_FINGERPRINT, "fingerprint %#llx",
              b ? (unsigned long long)fingerprint(b) : 0ull);
    src_batch_free(b);
}

TEST(different_seeds_differ)
{
    Sourcing__Batch *a = gen(300, 30, 0, 0, 7), *b = gen(300, 30, 0, 0, 8);
    CHECK(a && b && fingerprint(a) != fingerprint(b));
    src_batch_free(a);
    src_batch_free(b);
}

static void check_valid(int64_t orders, int64_t nodes, int64_t skus, int64_t carriers, uint64_t seed)
{
    Sourcing__Batch *b = gen(orders, nodes, skus, carriers, seed);
    SrcError err = {{0}};
    CHECK_MSG(b && src_validate_batch(b, &err) == 0, "%lld orders x %lld nodes, seed %llu: %s",
              (long long)orders, (long long)nodes, (unsigned long long)seed, err.message);
    src_batch_free(b);
}

TEST(generated_batches_validate)
{
    check_valid(1, 1, 0, 0, 0);
    check_valid(5, 2, 1, 1, 3);
    check_valid(40, 9, 5, 2, 4);
    check_valid(500, 60, 0, 4, 5);
    check_valid(2000, 200, 300, 3, 6);
    check_valid(10000, 200, 0, 0, 1);
}

/* The number after the prefix in id ("sku17" -> 17), or 0. */
static long id_number(const char *id, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(id, prefix, n) ? 0 : strtol(id + n, NULL, 10);
}

TEST(sizes_are_as_asked)
{
    Sourcing__Batch *b = gen(700, 45, 33, 2, 9);
    if (!b)
        return;
    CHECK(b->n_orders == 700 && b->n_nodes == 45);
    long max_sku = 0;
    for (size_t o = 0; o < b->n_orders; o++)
        for (size_t l = 0; l < b->orders[o]->n_lines; l++) {
            long k = id_number(b->orders[o]->lines[l]->sku, "sku");
            max_sku = k > max_sku ? k : max_sku;
            CHECK(k >= 1 && k <= 33);
        }
    CHECK(max_sku > 20);
    int ground = 0, express = 0, other = 0;
    for (size_t i = 0; i < b->n_lanes; i++) {
        const char *c = b->lanes[i]->carrier;
        ground += !strcmp(c, "ground");
        express += !strcmp(c, "express");
        other += strcmp(c, "ground") && strcmp(c, "express");
    }
    CHECK(ground > 0 && express > 0 && other == 0);
    CHECK(!strcmp(b->name, "gen-o700-n45-s9"));
    src_batch_free(b);
}

/* How many nodes have a lane to each zone of the batch. */
static int min_nodes_reaching_an_order(const Sourcing__Batch *b)
{
    StrMap zones;
    strmap_init(&zones);
    int *reach = calloc(b->n_lanes + 1, sizeof *reach);
    char key[128];
    StrMap seen;
    strmap_init(&seen);
    for (size_t i = 0; i < b->n_lanes; i++) {
        const Sourcing__Lane *l = b->lanes[i];
        strmap_put(&zones, l->zone, (int)zones.len, NULL);
        if (strmap_put(&seen, strmap_key3(key, sizeof key, l->node_id, l->zone, ""), 0, NULL) == 1)
            reach[strmap_get(&zones, l->zone)]++;
    }
    int min = 1 << 30;
    for (size_t o = 0; o < b->n_orders; o++) {
        int z = strmap_get(&zones, b->orders[o]->zone);
        int r = z < 0 ? 0 : reach[z];
        min = r < min ? r : min;
    }
    free(reach);
    strmap_free(&zones);
    strmap_free(&seen);
    return min;
}

/* Units ordered minus units in stock, summed over the skus that are short. */
static int64_t short_units(const Sourcing__Batch *b)
{
    StrMap skus;
    strmap_init(&skus);
    int64_t *net = calloc(b->n_orders * 5 + 1, sizeof *net), shortfall = 0;
    for (size_t o = 0; o < b->n_orders; o++)
        for (size_t l = 0; l < b->orders[o]->n_lines; l++) {
            const Sourcing__OrderLine *line = b->orders[o]->lines[l];
            strmap_put(&skus, line->sku, (int)skus.len, NULL);
            net[strmap_get(&skus, line->sku)] += line->quantity;
        }
    for (size_t n = 0; n < b->n_nodes; n++)
        for (size_t i = 0; i < b->nodes[n]->n_inventory; i++) {
            int k = strmap_get(&skus, b->nodes[n]->inventory[i]->sku);
            if (k >= 0)
                net[k] -= b->nodes[n]->inventory[i]->quantity;
        }
    for (size_t k = 0; k < skus.len; k++)
        shortfall += net[k] > 0 ? net[k] : 0;
    free(net);
    strmap_free(&skus);
    return shortfall;
}

TEST(the_model_keeps_its_promises)
{
    Sourcing__Batch *b = gen(10000, 200, 0, 0, 1);
    if (!b)
        return;
    size_t hard = 0, complete = 0, eligible = 0, lines = 0, small_qty = 0;
    for (size_t o = 0; o < b->n_orders; o++) {
        const Sourcing__Order *order = b->orders[o];
        hard += order->sla == SOURCING__SLA__HARD;
        complete += order->max_shipments == 1;
        eligible += order->n_eligible_nodes > 0;
        CHECK(order->n_lines >= 1 && order->n_lines <= 5);
        CHECK(order->due_days >= 1 && order->due_days <= 7);
        for (size_t l = 0; l < order->n_lines; l++) {
            lines++;
            small_qty += order->lines[l]->quantity <= 3;
            CHECK(order->lines[l]->unit_weight_kg >= 0.1 && order->lines[l]->unit_weight_kg <= 20);
        }
    }
    CHECK_MSG(hard > 1500 && hard < 2500, "%zu HARD orders of 10000", hard);
    CHECK_MSG(complete > 1000 && complete < 2000, "%zu ship-complete orders", complete);
    CHECK_MSG(eligible > 100 && eligible < 600, "%zu orders with eligible nodes", eligible);
    CHECK_MSG(small_qty > lines * 9 / 10, "%zu of %zu lines with 1-3 units", small_qty, lines);
    CHECK_MSG(min_nodes_reaching_an_order(b) >= 3, "an order's zone is reached by %d nodes",
              min_nodes_reaching_an_order(b));
    CHECK_MSG(short_units(b) > 0, "no sku is short");
    CHECK_MSG(b->n_lanes < 200 * 50 * 3 / 3, "%zu lanes", b->n_lanes);
    CHECK(b->n_carrier_limits > 0);
    src_batch_free(b);
}

TEST(bad_parameters_are_refused)
{
    SrcError err = {{0}};
    SrcGenParams p = {.orders = 0, .nodes = 5, .seed = 1};
    CHECK(src_generate(&p, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "orders: 0 is outside 1..1000000");
    p = (SrcGenParams){.orders = 5, .nodes = SRC_GEN_MAX_NODES + 1, .seed = 1};
    CHECK(src_generate(&p, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "nodes: 5001 is outside 1..5000");
    p = (SrcGenParams){.orders = 5, .nodes = 5, .carriers = 5, .seed = 1};
    CHECK(src_generate(&p, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "carriers: 5 is outside 1..4");
    p = (SrcGenParams){.orders = 5, .nodes = 5, .skus = -1, .seed = 1};
    CHECK(src_generate(&p, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "skus: -1 is outside");
}

int main(void)
{
    RUN(same_seed_gives_identical_json);
    RUN(seed_42_is_the_same_batch_on_every_machine);
    RUN(different_seeds_differ);
    RUN(generated_batches_validate);
    RUN(sizes_are_as_asked);
    RUN(the_model_keeps_its_promises);
    RUN(bad_parameters_are_refused);
    TEST_EXIT();
}
