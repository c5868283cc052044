/* Penalty tiers (solver/model/tiers.c): which unfilled costs stay in the base objective, how the
 * others group into tiers, and each line's weight and residual. Every line here can ship on a
 * lane of 10, so its dearest unit is 11 and the base objective carries up to 100 * 11 = 1100. */
#include <stdlib.h>

#include "model.h"
#include "batch_io.h"
#include "test.h"

typedef struct Fixture {
    Sourcing__Batch *batch;
    Problem *p;
    Model m;
} Fixture;

/* One node with stock to spare, a lane of 10, one order of one unit per cost. */
static int build(Fixture *f, const double *costs, int n)
{
    char json[8192];
    int len = snprintf(json, sizeof json,
                       "{\"nodes\":[{\"id\":\"n\",\"inventory\":[{\"sku\":\"a\",\"quantity\":100}]}],"
                       "\"lanes\":[{\"node_id\":\"n\",\"zone\":\"z\",\"carrier\":\"c\",\"shipment_cost\":10}],"
                       "\"orders\":[");
    for (int k = 0; k < n; k++)
        len += snprintf(json + len, sizeof json - (size_t)len,
                        "%s{\"id\":\"o%d\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"unfilled_cost\":%.17g}]}",
                        k ? "," : "", k, costs[k]);
    snprintf(json + len, sizeof json - (size_t)len, "]}");
    SrcError err = {{0}};
    memset(f, 0, sizeof *f);
    f->batch = (Sourcing__Batch *)src_message_from_json(json, strlen(json), &sourcing__batch__descriptor, &err);
    CHECK_MSG(f->batch != NULL, "%s", err.message);
    f->p = f->batch ? problem_build(f->batch, 0, &err) : NULL;
    int rc = f->p ? model_build(&f->m, f->p, 0, 0, &err) : -1;
    CHECK_MSG(rc == 0, "%s", err.message);
    return rc;
}

static void fixture_free(Fixture *f)
{
    model_free(&f->m);
    problem_free(f->p);
    src_batch_free(f->batch);
}

/* Line k is in tier `tier` with that weight and residual (tier -1: base only, at that cost). */
static void check_line(const Tiers *t, int k, int tier, double weight, double residual)
{
    CHECK_MSG(t->of_line[k] == tier, "line %d: tier %d, expected %d", k, t->of_line[k], tier);
    CHECK_MSG(t->weight[k] == weight, "line %d: weight %g, expected %g", k, t->weight[k], weight);
    CHECK_MSG(fabs(t->base_cost[k] - residual) <= 1e-6, "line %d: base cost %.9g, expected %.9g", k, t->base_cost[k],
              residual);
}

TEST(a_cost_the_base_objective_can_carry_stays_there)
{
    Fixture f;
    const double costs[] = {500, 1100, 1e9};
    if (build(&f, costs, 3) == 0) {
        CHECK(f.m.tiers.n == 1 && f.m.tiers.unit[0] == 1e9);
        check_line(&f.m.tiers, 0, -1, 0, 500);
        check_line(&f.m.tiers, 1, -1, 0, 1100);
        check_line(&f.m.tiers, 2, 0, 1, 0);
    }
    fixture_free(&f);
}

TEST(costs_that_share_a_unit_form_one_tier)
{
    Fixture f;
    const double costs[] = {1e9, 1e9 + 300, 2e9, 1.5e9};
    if (build(&f, costs, 4) == 0) {  /* unit 5e8: 1e9 + 300 is 2 units and a residual of 300 */
        CHECK(f.m.tiers.n == 1 && f.m.tiers.unit[0] == 5e8);
        check_line(&f.m.tiers, 0, 0, 2, 0);
        check_line(&f.m.tiers, 1, 0, 2, 300);
        check_line(&f.m.tiers, 2, 0, 4, 0);
        check_line(&f.m.tiers, 3, 0, 3, 0);
    }
    fixture_free(&f);
}

TEST(costs_of_other_magnitudes_are_tiers_of_their_own_dearest_first)
{
    Fixture f;
    const double costs[] = {1e4, 1e9, 1e6, 1e3, 1e9 + 7e5};
    if (build(&f, costs, 5) == 0) {  /* 1e6 and 1e4 share the unit 1e4 (weights 100 and 1) */
        const Tiers *t = &f.m.tiers;
        CHECK(t->n == 3 && t->unit[0] == 1e9 + 7e5 && t->unit[1] == 1e9 && t->unit[2] == 1e4);
        check_line(t, 4, 0, 1, 0);
        check_line(t, 1, 1, 1, 0);
        check_line(t, 2, 2, 100, 0);
        check_line(t, 0, 2, 1, 0);
        check_line(t, 3, -1, 0, 1e3);
    }
    fixture_free(&f);
}

TEST(costs_beyond_the_last_tier_are_capped)
{
    Fixture f;
    double costs[TIERS_MAX + 2];
    for (int k = 0; k < TIERS_MAX + 2; k++)  /* 7e5 apart: no two share a unit */
        costs[k] = 1e9 + 7e5 * k;
    if (build(&f, costs, TIERS_MAX + 2) == 0) {
        const Tiers *t = &f.m.tiers;
        CHECK(t->n == TIERS_MAX);
        for (int k = 2; k < TIERS_MAX + 2; k++)
            check_line(t, k, TIERS_MAX + 1 - k, 1, 0);
        check_line(t, 1, -1, 0, 1100);
        check_line(t, 0, -1, 0, 1100);
    }
    fixture_free(&f);
}

int main(void)
{
    RUN(a_cost_the_base_objective_can_carry_stays_there);
    RUN(costs_that_share_a_unit_form_one_tier);
    RUN(costs_of_other_magnitudes_are_tiers_of_their_own_dearest_first);
    RUN(costs_beyond_the_last_tier_are_capped);
    TEST_EXIT();
}
