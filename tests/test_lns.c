/* LNS and its sub-problems: a plan survives the round trip through a sub-problem unchanged, and
 * LNS only ever makes a plan cheaper, feasible by the independent checker. */
#include <stdlib.h>

#include "checker.h"
#include "generate.h"
#include "plan_build.h"
#include "strategy.h"
#include "subproblem.h"
#include "test.h"

typedef struct Fixture {
    Sourcing__Batch *batch;
    Problem *problem;
    Solution *plan;
} Fixture;

/* A generated batch, its problem and its greedy plan. */
static int fixture_init(Fixture *f, int orders, int nodes, unsigned seed)
{
    SrcGenParams params = {.orders = orders, .nodes = nodes, .seed = seed};
    SrcError err = {{0}};
    f->batch = src_generate(&params, &err);
    f->problem = f->batch ? problem_build(f->batch, 0, &err) : NULL;
    f->plan = f->problem ? solution_new(f->problem) : NULL;
    SrcOptions options;
    src_options_init(&options);
    Budget budget = {.start = src_now(), .deadline = src_now() + 60, .options = &options};
    SolveInfo info = {0};
    int ok = f->plan && STRATEGY_GREEDY.improve(f->problem, &budget, f->plan, &info, &err) >= 0;
    CHECK_MSG(ok, "%s", err.message);
    return ok ? 0 : -1;
}

static void fixture_free(Fixture *f)
{
    solution_free(f->plan);
    problem_free(f->problem);
    src_batch_free(f->batch);
}

/* The plan as a Plan message passes the checker, with the solution's own cost. */
static void check_plan(const Fixture *f)
{
    SolveInfo info = {0};
    Sourcing__Plan *plan = plan_build(f->plan, &info, SOURCING__PLAN_STATUS__HEURISTIC);
    SrcCheckReport report;
    size_t violations = plan ? src_check_plan(f->batch, plan, &report) : 1;
    CHECK_MSG(violations == 0, "%zu violations, first: %s", violations, plan && violations ? report.violations[0] : "");
    if (plan) {
        CHECK_CLOSE(report.total, f->plan->cost);
        src_check_report_free(&report);
    }
    src_plan_free(plan);
}

TEST(sub_problem_round_trip_keeps_the_plan)
{
    Fixture f;
    if (fixture_init(&f, 60, 12, 3))
        return;
    int orders[20];
    for (int k = 0; k < 20; k++)
        orders[k] = k * 3;
    double before = f.plan->cost;
    SubProblem sub;
    CHECK(subproblem_build(&sub, f.plan, orders, 20) == 0);
    CHECK(sub.p.n_orders == 20);
    Solution *sub_plan = subproblem_solution_of(&sub, f.plan);
    CHECK(sub_plan != NULL);
    if (sub_plan) {
        CHECK_CLOSE(sub_plan->cost, solution_recompute_cost(sub_plan));
        CHECK(subproblem_put_back(&sub, sub_plan, f.plan) == 0);
        CHECK_CLOSE(f.plan->cost, before);
    }
    check_plan(&f);
    solution_free(sub_plan);
    subproblem_free(&sub);
    fixture_free(&f);
}

/* Nothing the other orders use is offered to the sub-problem: an empty sub-plan put back and
 * greedily refilled inside the sub-problem never breaks a limit of the whole plan. */
TEST(sub_problem_offers_only_what_is_left)
{
    Fixture f;
    if (fixture_init(&f, 80, 10, 8))
        return;
    int orders[10];
    for (int k = 0; k < 10; k++)
        orders[k] = 70 - 7 * k;
    SubProblem sub;
    CHECK(subproblem_build(&sub, f.plan, orders, 10) == 0);
    Solution *refill = solution_new(&sub.p);
    SrcOptions options;
    src_options_init(&options);
    Budget budget = {.start = src_now(), .deadline = src_now() + 60, .options = &options};
    SolveInfo info = {0};
    SrcError err = {{0}};
    CHECK(refill && STRATEGY_GREEDY.improve(&sub.p, &budget, refill, &info, &err) >= 0);
    CHECK(refill && subproblem_put_back(&sub, refill, f.plan) == 0);
    check_plan(&f);
    solution_free(refill);
    subproblem_free(&sub);
    fixture_free(&f);
}

TEST(lns_only_makes_plans_cheaper)
{
    int improved = 0;
    for (unsigned seed = 1; seed <= 2; seed++) {
        Fixture f;
        if (fixture_init(&f, 25, 12, seed))
            return;
        double before = f.plan->cost;
        SrcOptions options;
        src_options_init(&options);
        Budget budget = {.start = src_now(), .deadline = src_now() + 120, .options = &options};
        SolveInfo info = {0};
        SrcError err = {{0}};
        int rc = STRATEGY_LNS.improve(f.problem, &budget, f.plan, &info, &err);
        CHECK_MSG(rc >= 0, "%s", err.message);
        CHECK(f.plan->cost <= before + 1e-9);
        CHECK(rc == 0 || f.plan->cost < before);
        improved += rc > 0;
        CHECK_CLOSE(f.plan->cost, solution_recompute_cost(f.plan));
        check_plan(&f);
        fixture_free(&f);
    }
    CHECK(improved > 0);  /* the greedy plans of these batches are not optimal */
}

int main(void)
{
    RUN(sub_problem_round_trip_keeps_the_plan);
    RUN(sub_problem_offers_only_what_is_left);
    RUN(lns_only_makes_plans_cheaper);
    src_thread_cleanup();
    TEST_EXIT();
}
