/* The OR-Library importer: the exact batch for a tiny hand-written cap file, the word
 * "capacity", and errors that name the line for truncated or malformed files. */
#include <stdlib.h>

#include "batch_io.h"
#include "orlib.h"
#include "test.h"

static Sourcing__Batch *parse(const char *text, int64_t capacity, SrcError *err)
{
    return src_orlib_parse(text, strlen(text), "t", capacity, err);
}

static const Sourcing__Lane *find_lane(const Sourcing__Batch *b, const char *node, const char *zone)
{
    for (size_t i = 0; i < b->n_lanes; i++)
        if (!strcmp(b->lanes[i]->node_id, node) && !strcmp(b->lanes[i]->zone, zone))
            return b->lanes[i];
    return NULL;
}

static void check_node(const Sourcing__Node *n, const char *id, int64_t capacity, double fixed, int64_t stock)
{
    CHECK(!strcmp(n->id, id));
    CHECK(n->has_max_units && n->max_units == capacity);
    CHECK(n->has_activation_cost && n->activation_cost == fixed);
    CHECK(!n->has_shipment_cost && !n->has_unit_cost && !n->has_max_shipments && !n->has_processing_days);
    CHECK(n->n_inventory == 1 && !strcmp(n->inventory[0]->sku, SRC_ORLIB_SKU));
    CHECK(n->n_inventory == 1 && n->inventory[0]->quantity == stock && !n->inventory[0]->has_unit_cost);
}

static void check_order(const Sourcing__Order *o, const char *id, int64_t demand)
{
    CHECK(!strcmp(o->id, id) && !strcmp(o->zone, id));
    CHECK(o->has_sla && o->sla == SOURCING__SLA__SOFT);
    CHECK(!o->has_due_days && !o->has_late_cost_per_day && !o->has_split_cost && !o->has_max_shipments);
    CHECK(o->n_eligible_nodes == 0 && o->n_lines == 1);
    if (o->n_lines != 1)
        return;
    CHECK(!strcmp(o->lines[0]->sku, SRC_ORLIB_SKU) && o->lines[0]->quantity == demand);
    CHECK(o->lines[0]->unit_weight_kg == 1.0 && !o->lines[0]->has_unfilled_cost);
}

static void check_lane(const Sourcing__Batch *b, const char *node, const char *zone, double per_kg)
{
    const Sourcing__Lane *l = find_lane(b, node, zone);
    CHECK_MSG(l != NULL, "no lane %s -> %s", node, zone);
    if (!l)
        return;
    CHECK(!strcmp(l->carrier, SRC_ORLIB_CARRIER));
    CHECK_CLOSE(l->cost_per_kg, per_kg);
    CHECK(!l->has_transit_days && !l->has_shipment_cost && !l->has_max_weight_kg);
}

TEST(tiny_file_maps_every_field)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = src_orlib_read("tests/data/orlib_tiny.txt", 0, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK(!strcmp(b->name, "orlib_tiny"));
    CHECK(b->n_nodes == 2 && b->n_orders == 2 && b->n_lanes == 4 && b->n_carrier_limits == 0);
    if (b->n_nodes == 2 && b->n_orders == 2) {
        check_node(b->nodes[0], "w1", 15, 100.0, 9);
        check_node(b->nodes[1], "w2", 20, 60.5, 9);
        check_order(b->orders[0], "c1", 4);
        check_order(b->orders[1], "c3", 5);   /* c2 has no demand: left out */
    }
    check_lane(b, "w1", "c1", 2.0);
    check_lane(b, "w2", "c1", 3.0);
    check_lane(b, "w1", "c3", 5.0);
    check_lane(b, "w2", "c3", 2.0);
    CHECK(find_lane(b, "w1", "c2") == NULL);
    /* (largest fixed cost 100 + largest cost per unit 5) * 1.01 + 1 */
    CHECK(b->has_default_unfilled_cost);
    CHECK_CLOSE(b->default_unfilled_cost, 107.05);
    CHECK(!b->options);
    src_batch_free(b);
}

TEST(capacity_word_takes_the_given_capacity)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = src_orlib_read("tests/data/orlib_capword.txt", 7, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK(!strcmp(b->name, "orlib_capword-7"));
    CHECK(b->n_nodes == 2 && b->nodes[0]->max_units == 7 && b->nodes[1]->max_units == 7);
    CHECK(b->n_nodes == 2 && b->nodes[1]->activation_cost == 40.0);
    check_lane(b, "w2", "c1", 3.0);
    src_batch_free(b);
}

TEST(capacity_word_without_capacity_is_an_error)
{
    SrcError err = {{0}};
    CHECK(src_orlib_read("tests/data/orlib_capword.txt", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "tests/data/orlib_capword.txt: line 2: the capacity of warehouse 1 "
                                    "is the word 'capacity'");
    CHECK_STR_CONTAINS(err.message, "--capacity N");
}

TEST(truncated_files_name_what_is_missing)
{
    SrcError err = {{0}};
    CHECK(parse("2 3\n 15 100.\n 20 60.5\n4 8.0 12.0\n0 1", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 5: the file ends where the cost of allocating customer 2 "
                                    "to warehouse 2 was expected");
    CHECK(parse("2 3\n 15 100.\n 20", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 3: the file ends where the fixed cost of warehouse 2 was expected");
    CHECK(parse("", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 1: the file ends where the number of warehouses was expected");
}

TEST(malformed_numbers_name_line_and_token)
{
    SrcError err = {{0}};
    CHECK(parse("1 1\n 5 x7\n1 2\n", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 2: expected the fixed cost of warehouse 1, found 'x7'");
    CHECK(parse("1 1\n 5 7\n1.5 2\n", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 3: the demand of customer 1 must be a whole number");
    CHECK(parse("1 1\n 5 7\n1 -2\n", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 3: the cost of allocating customer 1 to warehouse 1 is -2");
    CHECK(parse("1 1\n 5 nan\n1 2\n", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "found 'nan'");
    CHECK(parse("1 1\n 5 7\n1 2 3\n", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 3: unexpected '3' after the last customer");
    char long_token[200] = "1 1\n 5 ";
    memset(long_token + strlen(long_token), '7', 100);
    CHECK(parse(long_token, 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 2: expected the fixed cost of warehouse 1, found a 100-character token");
    CHECK(parse("0 1\n", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "needs at least one warehouse and one customer");
    const char with_nul[] = "1 1\n 5 7\n1 2\0\n";
    CHECK(src_orlib_parse(with_nul, sizeof with_nul - 1, "t", 0, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "NUL byte");
}

TEST(zero_capacity_means_no_stock)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = parse("2 1\n 0 5\n 9 7\n3 6 9\n", 0, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK(!b->nodes[0]->has_max_units && b->nodes[0]->inventory[0]->quantity == 0);
    CHECK(b->nodes[1]->max_units == 9 && b->nodes[1]->inventory[0]->quantity == 3);
    src_batch_free(b);
}

int main(void)
{
    RUN(tiny_file_maps_every_field);
    RUN(capacity_word_takes_the_given_capacity);
    RUN(capacity_word_without_capacity_is_an_error);
    RUN(truncated_files_name_what_is_missing);
    RUN(malformed_numbers_name_line_and_token);
    RUN(zero_capacity_means_no_stock);
    TEST_EXIT();
}
