/* The JSON <-> protobuf walker: round trips, absent vs 0, enums, int64 strings, error paths. */
#include <stdlib.h>
#include <unistd.h>

#include "batch_io.h"
#include "test.h"

static Sourcing__Batch *parse(const char *text, SrcError *err)
{
    return (Sourcing__Batch *)src_message_from_json(text, strlen(text), &sourcing__batch__descriptor, err);
}

TEST(absent_differs_from_zero)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = parse("{\"orders\":[{\"id\":\"o1\",\"lines\":[{\"sku\":\"a\",\"quantity\":2},"
                               "{\"sku\":\"b\",\"quantity\":\"3\",\"unfilled_cost\":0}]}]}", &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK(!b->has_default_unfilled_cost);
    CHECK(b->n_orders == 1 && b->orders[0]->n_lines == 2);
    CHECK(!b->orders[0]->lines[0]->has_unfilled_cost);
    CHECK(b->orders[0]->lines[1]->has_unfilled_cost && b->orders[0]->lines[1]->unfilled_cost == 0);
    CHECK(b->orders[0]->lines[1]->quantity == 3);
    CHECK(!b->orders[0]->has_sla);
    src_batch_free(b);
}

TEST(round_trip_keeps_every_field)
{
    const char *text = "{\"name\":\"x\",\"nodes\":[{\"id\":\"n1\",\"activation_cost\":1.5,\"max_units\":7,"
                       "\"inventory\":[{\"sku\":\"a\",\"quantity\":4}]}],"
                       "\"orders\":[{\"id\":\"o1\",\"sla\":\"HARD\",\"eligible_nodes\":[\"n1\"]}]}";
    SrcError err = {{0}};
    Sourcing__Batch *b = parse(text, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK(b->orders[0]->has_sla && b->orders[0]->sla == SOURCING__SLA__HARD);
    char *json = src_message_to_json(&b->base, 0);
    Sourcing__Batch *again = parse(json, &err);
    CHECK(again != NULL);
    char *json2 = again ? src_message_to_json(&again->base, 0) : NULL;
    CHECK(json2 && !strcmp(json, json2));
    CHECK_STR_CONTAINS(json, "\"sla\":\"HARD\"");
    CHECK_STR_CONTAINS(json, "\"eligible_nodes\":[\"n1\"]");
    free(json);
    free(json2);
    src_batch_free(again);
    src_batch_free(b);
}

TEST(errors_name_the_field)
{
    SrcError err = {{0}};
    CHECK(parse("{\"orders\":[{\"id\":\"o\"},{\"lines\":[{},{\"quantity\":\"x\"}]}]}", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "orders[1].lines[1].quantity: expected an integer");
    CHECK(parse("{\"nodez\":[]}", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "nodez: unknown field");
    CHECK(parse("{\"orders\":[{\"sla\":\"FIRM\"}]}", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "orders[0].sla: expected one of SOFT HARD");
    CHECK(parse("{\"orders\":[{\"lines\":[{\"quantity\":1.5}]}]}", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "orders[0].lines[0].quantity");
    CHECK(parse("[1,2]", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "expected an object");
    CHECK(parse("{\"name\":", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 1");
    CHECK(parse("{\"name\":\"a\",\"name\":\"b\"}", &err) == NULL);
}

TEST(binary_files_round_trip)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = parse("{\"name\":\"bin\",\"default_unfilled_cost\":0}", &err);
    CHECK(b != NULL);
    char path[] = "/tmp/pbjson_test_XXXXXX.pb";
    int fd = mkstemps(path, 3);
    CHECK(fd >= 0);
    CHECK(src_write_message(path, &b->base, &err) == 0);
    Sourcing__Batch *r = src_read_batch(path, &err);
    CHECK(r && r->has_default_unfilled_cost && r->default_unfilled_cost == 0 && !strcmp(r->name, "bin"));
    src_batch_free(r);
    src_batch_free(b);
    CHECK(src_read_batch("/nonexistent/file.json", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "/nonexistent/file.json");
    remove(path);
}

/* protobuf's JSON mapping: a parser accepts the proto name and the lowerCamelCase name. */
TEST(lower_camel_case_names_are_read)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = parse("{\"defaultUnfilledCost\":7,\"nodes\":[{\"id\":\"n\",\"activationCost\":2,"
                               "\"processingDays\":\"3\"}],\"carrierLimits\":[{\"nodeId\":\"n\",\"maxShipments\":4}],"
                               "\"orders\":[{\"id\":\"o\",\"eligibleNodes\":[\"n\"],\"lateCostPerDay\":1.5,"
                               "\"lines\":[{\"sku\":\"a\",\"unitWeightKg\":0.25}]}]}", &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK(b->has_default_unfilled_cost && b->default_unfilled_cost == 7);
    CHECK(b->nodes[0]->activation_cost == 2 && b->nodes[0]->processing_days == 3);
    CHECK(b->n_carrier_limits == 1 && !strcmp(b->carrier_limits[0]->node_id, "n"));
    CHECK(b->carrier_limits[0]->has_max_shipments && b->carrier_limits[0]->max_shipments == 4);
    CHECK(b->orders[0]->n_eligible_nodes == 1 && b->orders[0]->late_cost_per_day == 1.5);
    CHECK(b->orders[0]->lines[0]->unit_weight_kg == 0.25);
    src_batch_free(b);
    /* one field under both of its names is refused, as a duplicate key is */
    CHECK(parse("{\"lanes\":[{\"node_id\":\"a\",\"nodeId\":\"b\"}]}", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "lanes[0].nodeId: given twice (also as \"node_id\")");
    /* only the exact camel form: no case-insensitive guessing */
    CHECK(parse("{\"DefaultUnfilledCost\":1}", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "DefaultUnfilledCost: unknown field");
    CHECK(parse("{\"default_unfilledCost\":1}", &err) == NULL);
}

TEST(enum_numbers_are_read)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = parse("{\"orders\":[{\"id\":\"o\",\"sla\":1},{\"id\":\"p\",\"sla\":0}]}", &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK(b->orders[0]->sla == SOURCING__SLA__HARD && b->orders[1]->has_sla && b->orders[1]->sla == SOURCING__SLA__SOFT);
    src_batch_free(b);
    CHECK(parse("{\"orders\":[{\"sla\":7}]}", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "orders[0].sla: expected one of SOFT HARD");
}

/* Every double is written in the shortest form that reads back as the same double. */
TEST(numbers_are_shortest_and_exact)
{
    double values[] = {2496.37, 0.1 + 0.2, 46.1625, 1e-7, 12.0, 1.0 / 3.0, 5.577999672823353e-06, 1e300, -0.5};
    const char *written[] = {"2496.37", "0.30000000000000004", "46.1625", "1e-07", "12.0", "0.3333333333333333",
                             "5.577999672823353e-06", "1e+300", "-0.5"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        Sourcing__Batch b = SOURCING__BATCH__INIT;
        b.has_default_unfilled_cost = 1;
        b.default_unfilled_cost = values[i];
        char *json = src_message_to_json(&b.base, 0);
        char want[96];
        snprintf(want, sizeof want, "{\"default_unfilled_cost\":%s}", written[i]);
        CHECK_MSG(json && !strcmp(json, want), "got %s, want %s", json ? json : "(null)", want);
        SrcError err = {{0}};
        Sourcing__Batch *back = json ? parse(json, &err) : NULL;
        CHECK_MSG(back && back->default_unfilled_cost == values[i], "%s does not read back exactly", json);
        src_batch_free(back);
        free(json);
    }
}

int main(void)
{
    RUN(lower_camel_case_names_are_read);
    RUN(enum_numbers_are_read);
    RUN(numbers_are_shortest_and_exact);
    RUN(absent_differs_from_zero);
    RUN(round_trip_keeps_every_field);
    RUN(errors_name_the_field);
    RUN(binary_files_round_trip);
    TEST_EXIT();
}
