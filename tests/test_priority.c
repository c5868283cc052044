/* An order's priority scales its unfilled and late costs (docs/model.md), the same way in the
 * solver (Problem), the plan and the independent checker: on instances/handmade/priority.json the
 * solver's plan costs the hand-worked 35 and the checker agrees; a plan priced without the priority
 * is refused; priority 1 is the same as none. */
#include <math.h>
#include <stdlib.h>

#include "batch_io.h"
#include "checker.h"
#include "sourcing.h"
#include "test.h"

#define INSTANCE "instances/handmade/priority.json"

static Sourcing__Plan *solve(const Sourcing__Batch *b)
{
    SrcOptions options;
    src_options_init(&options);
    options.time_limit = 10;
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    CHECK_MSG(src_solve(b, &options, &plan, &err) == SRC_OK, "%s", err.message);
    return plan;
}

static size_t violations(const Sourcing__Batch *b, const Sourcing__Plan *plan, double *total)
{
    SrcCheckReport report;
    size_t n = src_check_plan(b, plan, &report);
    *total = report.total;
    src_check_report_free(&report);
    return n;
}

static const Sourcing__OrderPlan *order_plan(const Sourcing__Plan *plan, const char *id)
{
    for (size_t i = 0; i < plan->n_orders; i++)
        if (!strcmp(plan->orders[i]->order_id, id))
            return plan->orders[i];
    return NULL;
}

TEST(priority_instance_costs_the_hand_worked_optimum_and_the_checker_agrees)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(INSTANCE, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    Sourcing__Plan *plan = solve(b);
    double checked = 0;
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL);
    if (plan) {
        /* 10 (n1 -> o2) + 10 + 2 days * 5 (n2 -> o1) + o3 unfilled 100 * 0.05 */
        CHECK_CLOSE(plan->costs->total, 35.0);
        CHECK_CLOSE(plan->costs->lateness, 10.0);
        CHECK_CLOSE(plan->costs->unfilled, 5.0);
        CHECK(violations(b, plan, &checked) == 0);
        CHECK_CLOSE(checked, 35.0);
        const Sourcing__OrderPlan *o2 = order_plan(plan, "o2"), *o3 = order_plan(plan, "o3");
        CHECK(o2 && o2->n_shipments == 1 && !strcmp(o2->shipments[0]->node_id, "n1"));
        CHECK(o3 && o3->n_shipments == 0 && o3->n_unfilled == 1);
        /* the same plan priced without o3's priority is refused */
        if (o3 && o3->n_unfilled == 1) {
            o3->unfilled[0]->cost = 100;
            plan->costs->unfilled = 100;
            plan->costs->total = 130;
            CHECK(violations(b, plan, &checked) > 0);
            CHECK_CLOSE(checked, 35.0);
        }
    }
    src_plan_free(plan);
    src_batch_free(b);
}

TEST(priority_one_is_the_same_as_none)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch("instances/handmade/late_cost.json", &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    Sourcing__Plan *none = solve(b);
    for (size_t o = 0; o < b->n_orders; o++)
        b->orders[o]->has_priority = 1, b->orders[o]->priority = 1;
    Sourcing__Plan *one = solve(b);
    CHECK(none && one);
    if (none && one)
        CHECK(none->costs->total == 18 && one->costs->total == 18);
    /* doubled: o2's one day late costs 6, still less than n2's 11; o1 still from n2: 11 + 4 + 6 */
    for (size_t o = 0; o < b->n_orders; o++)
        b->orders[o]->priority = 2;
    Sourcing__Plan *two = solve(b);
    double checked = 0;
    CHECK(two && two->costs->total == 21 && violations(b, two, &checked) == 0 && checked == 21);
    src_plan_free(none);
    src_plan_free(one);
    src_plan_free(two);
    src_batch_free(b);
}

int main(void)
{
    RUN(priority_instance_costs_the_hand_worked_optimum_and_the_checker_agrees);
    RUN(priority_one_is_the_same_as_none);
    TEST_EXIT();
}
