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

int main(void)
{
    RUN(absent_differs_from_zero);
    RUN(round_trip_keeps_every_field);
    RUN(errors_name_the_field);
    RUN(binary_files_round_trip);
    TEST_EXIT();
}
