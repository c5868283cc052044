/* The Lagrangian bound (solver/bound/lagrange.c) is valid: on every canonical instance with a known
 * optimum it never exceeds that optimum, whether its steps aim at the optimum itself or at a worse
 * plan's cost, also with unfilled costs of 1e9; and every plan of auto carries a bound. */
#include <math.h>
#include <stdlib.h>

#include "batch_io.h"
#include "generate.h"
#include "lagrange.h"
#include "manifest.h"
#include "problem.h"
#include "sourcing.h"
#include "test.h"

static double bound_of(const Sourcing__Batch *b, double target, int *iterations)
{
    SrcError err = {{0}};
    Problem *p = problem_build(b, 0, &err);
    CHECK_MSG(p != NULL, "%s", err.message);
    if (!p)
        return INFINITY;
    Lagrange lg;
    CHECK(lagrange_init(&lg, p) == 0);
    Budget budget = {.start = src_now(), .deadline = src_now() + 20};
    double bound = lagrange_improve(&lg, &budget, target);
    *iterations = lg.iterations;
    lagrange_free(&lg);
    problem_free(p);
    return bound;
}

static void check_bound(const char *path, double optimum, double huge_penalty)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(path, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    if (huge_penalty > 0) {
        b->has_default_unfilled_cost = 1;
        b->default_unfilled_cost = huge_penalty;
    }
    int iterations = 0;
    for (int aim = 0; aim < 2; aim++) {  /* aim at the optimum, then at a plan 10% worse */
        double bound = bound_of(b, optimum * (aim ? 1.1 : 1.0) + (aim ? 1 : 0), &iterations);
        CHECK_MSG(bound <= optimum + 1e-9 * fabs(optimum), "%s: bound %.6f above the optimum %.6f", path,
                  bound, optimum);
        CHECK_MSG(iterations > 0 && isfinite(bound), "%s: no bound", path);
        if (!aim)
            printf("# %s: bound %.4f = optimum - %.3f%%\n", path, bound, 100 * (optimum - bound) / fabs(optimum));
    }
    src_batch_free(b);
}

static void check_row(const char *path, double optimum)
{
    check_bound(path, optimum, 0);
}

static void check_row_huge_penalty(const char *path, double optimum)
{
    check_bound(path, optimum, 1e9);
}

TEST(bound_never_exceeds_a_known_optimum)
{
    CHECK(for_each_manifest_row("", check_row) >= 30);
}

TEST(bound_never_exceeds_the_orlib_optima_with_huge_penalties)
{
    CHECK(for_each_manifest_row("orlib/", check_row_huge_penalty) == 13);
}

TEST(auto_plans_of_generated_batches_carry_a_bound)
{
    SrcGenParams params = {.orders = 300, .nodes = 60, .seed = 3};
    SrcError err = {{0}};
    Sourcing__Batch *b = src_generate(&params, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    SrcOptions o;
    src_options_init(&o);
    o.time_limit = 2;
    Sourcing__Plan *plan = NULL;
    CHECK(b && src_solve(b, &o, &plan, &err) == SRC_OK);
    CHECK(plan && plan->status != SOURCING__PLAN_STATUS__HEURISTIC && plan->has_best_bound);
    CHECK(plan && plan->best_bound <= plan->costs->total + 1e-6 && plan->bound_method);
    src_plan_free(plan);
    src_batch_free(b);
}

int main(void)
{
    RUN(bound_never_exceeds_a_known_optimum);
    RUN(bound_never_exceeds_the_orlib_optima_with_huge_penalties);
    RUN(auto_plans_of_generated_batches_carry_a_bound);
    TEST_EXIT();
}
