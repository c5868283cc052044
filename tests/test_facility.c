/* The facility search (solver/strategies/facility.c) on the OR-Library files, which are
 * facility-style: from the greedy plan it reaches a plan the independent checker accepts, never
 * worse than where it started nor better than the published optimum; and its transportation LP
 * alone (model/transport.h) gives, for the optimum's open nodes, exactly the published optimum. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "checker.h"
#include "manifest.h"
#include "plan_build.h"
#include "problem.h"
#include "strategy.h"
#include "test.h"
#include "transport.h"

static Problem *problem_of(const char *path, Sourcing__Batch **batch)
{
    SrcError err = {{0}};
    *batch = src_read_batch(path, &err);
    CHECK_MSG(*batch != NULL, "%s", err.message);
    Problem *p = *batch ? problem_build(*batch, 0, &err) : NULL;
    CHECK_MSG(p != NULL, "%s", err.message);
    CHECK_MSG(p && problem_is_facility_style(p), "%s is not facility-style", path);
    return p;
}

/* The plan of s passes the checker with the same cost. */
static void check_plan(const Sourcing__Batch *b, const Solution *s, SolveInfo *info)
{
    Sourcing__Plan *plan = plan_build(s, info, SOURCING__PLAN_STATUS__HEURISTIC);
    SrcCheckReport report;
    size_t violations = plan ? src_check_plan(b, plan, &report) : 1;
    CHECK_MSG(violations == 0, "%zu violations", violations);
    if (plan) {
        CHECK_CLOSE(report.total, s->cost);
        src_check_report_free(&report);
    }
    src_plan_free(plan);
}

static void search_from_greedy(const char *path, double optimum)
{
    Sourcing__Batch *b;
    Problem *p = problem_of(path, &b);
    Solution *s = p ? solution_new(p) : NULL;
    SolveInfo info = {0};
    SrcOptions options;
    src_options_init(&options);
    Budget budget = {.start = src_now(), .deadline = src_now() + 3, .options = &options};
    SrcError err = {{0}};
    CHECK(s && STRATEGY_GREEDY.improve(p, &budget, s, &info, &err) >= 0);
    double greedy = s ? s->cost : 0;
    CHECK_MSG(s && STRATEGY_FACILITY.improve(p, &budget, s, &info, &err) >= 0, "%s", err.message);
    CHECK_MSG(s && s->cost <= greedy + 1e-6 && s->cost >= optimum * (1 - 1e-9), "%s: %.3f (greedy %.3f, optimum %.3f)",
              path, s ? s->cost : -1, greedy, optimum);
    CHECK_MSG(info.has_bound && info.bound <= optimum * (1 + 1e-9), "%s: bound %.3f", path, info.bound);
    if (s)
        check_plan(b, s, &info);
    solve_info_free(&info);
    solution_free(s);
    problem_free(p);
    src_batch_free(b);
}

TEST(facility_search_improves_greedy_within_the_optimum)
{
    CHECK(for_each_manifest_row("orlib/", search_from_greedy) == 13);
}

/* The open set of the MIP's optimal plan, given to the transportation LP, gives that plan's cost. */
static void transport_of_optimal_open_set(const char *path, double optimum)
{
    Sourcing__Batch *b;
    Problem *p = problem_of(path, &b);
    SrcOptions options;
    src_options_init(&options);
    options.strategy = "mip";
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    CHECK(b && src_solve(b, &options, &plan, &err) == SRC_OK && plan->status == SOURCING__PLAN_STATUS__OPTIMAL);
    unsigned char *open = p ? calloc((size_t)p->n_nodes + 1, 1) : NULL;
    for (size_t k = 0; plan && open && k < plan->n_active_nodes; k++)
        for (int n = 0; n < p->n_nodes; n++)
            open[n] |= !strcmp(b->nodes[n]->id, plan->active_nodes[k]);
    Transport *t = p ? transport_new(p) : NULL;
    Solution *s = p ? solution_new(p) : NULL;
    CHECK(t && s && open && transport_solve(t, open, 60, s) == 0);
    CHECK_MSG(s && fabs(s->cost - optimum) <= 0.005 + 1e-9 * optimum, "%s: %.4f, optimum %.4f", path,
              s ? s->cost : -1, optimum);
    transport_free(t);
    solution_free(s);
    free(open);
    src_plan_free(plan);
    problem_free(p);
    src_batch_free(b);
}

TEST(transportation_lp_of_the_optimal_open_set_costs_the_optimum)
{
    CHECK(for_each_manifest_row("orlib/", transport_of_optimal_open_set) == 13);
}

int main(void)
{
    RUN(facility_search_improves_greedy_within_the_optimum);
    RUN(transportation_lp_of_the_optimal_open_set_costs_the_optimum);
    TEST_EXIT();
}
