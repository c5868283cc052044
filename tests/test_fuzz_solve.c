/* Hostile batches end to end: each hand-made instance mutated many times (numbers made negative,
 * huge, fractional or NaN, ids broken or duplicated, fields dropped, lists emptied), then parsed,
 * validated and solved. Every outcome must be a clean refusal (a parse error or SRC_INVALID with a
 * message) or a plan the independent checker accepts; never a crash (run it under `make asan`). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "checker.h"
#include "sourcing.h"
#include "test.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t next_random(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static json_t *hostile_value(void)
{
    switch (next_random() % 11) {
    case 9: return json_integer(1000000000);  /* the largest quantity allowed */
    case 10: return json_real(1e12);          /* the largest cost allowed */
    case 0: return json_integer(-1);
    case 1: return json_real(1e300);
    case 2: return json_string("NaN");
    case 3: return json_real(0.5);
    case 4: return json_integer(0);
    case 5: return json_string("n1");
    case 6: return json_string("");
    case 7: return json_array();
    default: return json_integer(2000000000);
    }
}

/* Collects every object (and the array holding it, if any) in the tree. */
static void collect_objects(json_t *value, json_t **objects, size_t *n, size_t cap)
{
    if (json_is_object(value) && *n < cap)
        objects[(*n)++] = value;
    const char *key;
    json_t *child;
    size_t i;
    if (json_is_object(value)) {
        json_object_foreach(value, key, child) collect_objects(child, objects, n, cap);
    } else if (json_is_array(value)) {
        json_array_foreach(value, i, child) collect_objects(child, objects, n, cap);
    }
}

/* One mutation of a random field of a random object: a hostile value, a deletion, or a copy of
 * another object's id. */
static void mutate(json_t *root)
{
    json_t *objects[512];
    size_t n = 0;
    collect_objects(root, objects, &n, 512);
    json_t *target = objects[next_random() % n];
    size_t size = json_object_size(target);
    if (size == 0)
        return;
    size_t pick = next_random() % size, k = 0;
    const char *key;
    json_t *child;
    json_object_foreach(target, key, child) {
        if (k++ != pick)
            continue;
        if (next_random() % 4 == 0)
            json_object_del(target, key);
        else
            json_object_set_new(target, key, hostile_value());
        return;
    }
}

/* Parses, solves and checks one mutated batch; counts what happened. */
static void solve_mutant(const char *text, int *refused, int *solved)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = (Sourcing__Batch *)src_message_from_json(text, strlen(text), &sourcing__batch__descriptor, &err);
    if (!b) {
        CHECK(err.message[0] != '\0');
        (*refused)++;
        return;
    }
    SrcOptions o;
    src_options_init(&o);
    o.time_limit = 2;
    Sourcing__Plan *plan = NULL;
    SrcResult r = src_solve(b, &o, &plan, &err);
    CHECK_MSG(r == SRC_OK || r == SRC_INVALID, "result %d: %s", r, err.message);
    if (r == SRC_INVALID) {
        CHECK(err.message[0] != '\0' && plan && plan->status == SOURCING__PLAN_STATUS__INVALID);
        (*refused)++;
    } else if (r == SRC_OK) {
        SrcCheckReport report;
        size_t violations = src_check_plan(b, plan, &report);
        CHECK_MSG(violations == 0, "%s", violations ? report.violations[0] : "");
        src_check_report_free(&report);
        (*solved)++;
    }
    src_plan_free(plan);
    src_batch_free(b);
}

TEST(mutated_batches_are_refused_or_solved_correctly)
{
    const char *files[] = {"split_cost", "carrier_limit", "lane_weight_limit", "eligible_nodes",
                           "two_lines_same_sku", "node_max_units", "hard_sla", "activation_cost"};
    int refused = 0, solved = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[256];
        snprintf(path, sizeof path, "instances/handmade/%s.json", files[f]);
        json_error_t jerr;
        json_t *original = json_load_file(path, 0, &jerr);
        CHECK_MSG(original != NULL, "%s: %s", path, jerr.text);
        for (int round = 0; original && round < 150; round++) {
            json_t *mutant = json_deep_copy(original);
            int mutations = 1 + (int)(next_random() % 3);
            for (int m = 0; m < mutations; m++)
                mutate(mutant);
            char *text = json_dumps(mutant, 0);
            solve_mutant(text, &refused, &solved);
            free(text);
            json_decref(mutant);
        }
        json_decref(original);
    }
    /* both outcomes must occur, or the mutations test nothing */
    CHECK_MSG(refused > 20 && solved > 20, "refused %d, solved %d", refused, solved);
    printf("# %d mutants refused, %d solved and checked\n", refused, solved);
}

int main(void)
{
    RUN(mutated_batches_are_refused_or_solved_correctly);
    src_thread_cleanup();
    TEST_EXIT();
}
