/* The plan checker on wrong numbers: each of the plan's cost terms, each per-shipment number, an
 * order's split cost and an unfilled entry's cost, the defaults for unfilled cost, the HARD
 * lateness rule, and the recomputed totals of a plan that has violations. The case is
 * cost_batch.json / cost_plan.json, worked out by hand in test_checker.c (total 1174.3). */
#include "checker_fixture.h"
#include "test.h"

TEST(each_wrong_cost_term_is_named)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    Sourcing__CostBreakdown *costs = k.plan->costs;
    costs->shipping = 38.9;
    EXPECT_VIOLATIONS(&k, "costs.shipping: plan says 38.9, recomputed 38.8");
    CHECK_CLOSE(k.report.total, 1174.3);
    costs->shipping = 38.8;
    costs->lateness = 0;
    EXPECT_VIOLATIONS(&k, "costs.lateness: plan says 0, recomputed 7");
    costs->lateness = 7;
    costs->handling = 6;
    EXPECT_VIOLATIONS(&k, "costs.handling: plan says 6, recomputed 6.5");
    costs->handling = 6.5;
    costs->activation = 100;
    EXPECT_VIOLATIONS(&k, "costs.activation: plan says 100, recomputed 120");
    costs->activation = 120;
    costs->split = 18;
    EXPECT_VIOLATIONS(&k, "costs.split: plan says 18, recomputed 9");
    costs->split = 9;
    costs->unfilled = 1050;
    EXPECT_VIOLATIONS(&k, "costs.unfilled: plan says 1050, recomputed 1000");
    costs->unfilled = 1000;
    costs->total = 1174;
    EXPECT_VIOLATIONS(&k, "costs.total: plan says 1174, recomputed 1174.3");
    costs->total = 1174.3;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(costs_agree_within_one_millionth)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    k.plan->costs->total = 1174.3 * (1 + 0.9e-6);
    EXPECT_NO_VIOLATION(&k);
    k.plan->costs->total = 1174.3 * (1 + 1.1e-6);
    EXPECT_VIOLATIONS(&k, "costs.total: plan says 1174.30129");
    case_close(&k);
}

TEST(absent_costs_read_as_zero)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    protobuf_c_message_free_unpacked(&k.plan->costs->base, NULL);
    k.plan->costs = NULL;
    EXPECT_VIOLATIONS(&k, "costs.shipping: plan says 0, recomputed 38.8", "costs.lateness: plan says 0, recomputed 7",
                      "costs.handling: plan says 0, recomputed 6.5", "costs.activation: plan says 0, recomputed 120",
                      "costs.split: plan says 0, recomputed 9", "costs.unfilled: plan says 0, recomputed 1000",
                      "costs.total: plan says 0, recomputed 1174.3");
    case_close(&k);
}

TEST(wrong_shipment_numbers)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    Sourcing__Shipment *sh = shipment(k.plan, "o1", 1);   /* st2: 2 kg, 4 days, 1 late, 14, 7, 2.5 */
    sh->weight_kg = 3;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from st2 by ups: weight_kg is 3 in the plan, recomputed 2");
    sh->weight_kg = 2;
    sh->delivery_days = 3;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from st2 by ups: delivery_days is 3 in the plan, recomputed 4");
    sh->delivery_days = 4;
    sh->days_late = 0;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from st2 by ups: days_late is 0 in the plan, recomputed 1");
    sh->days_late = 1;
    sh->cost = 15;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from st2 by ups: cost is 15 in the plan, recomputed 14");
    sh->cost = 14;
    sh->late_cost = 0;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from st2 by ups: late_cost is 0 in the plan, recomputed 7");
    sh->late_cost = 7;
    sh->units_cost = 1;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from st2 by ups: units_cost is 1 in the plan, recomputed 2.5");
    sh->units_cost = 2.5;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(wrong_split_cost_of_an_order)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    order_plan(k.plan, "o1")->split_cost = 0;
    EXPECT_VIOLATIONS(&k, "order o1: split_cost is 0 in the plan, recomputed 9");
    order_plan(k.plan, "o1")->split_cost = 9;
    order_plan(k.plan, "o2")->split_cost = 30;   /* one shipment: no split cost */
    EXPECT_VIOLATIONS(&k, "order o2: split_cost is 30 in the plan, recomputed 0");
    case_close(&k);
}

TEST(wrong_unfilled_cost)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    order_plan(k.plan, "o2")->unfilled[0]->cost = 999;
    EXPECT_VIOLATIONS(&k, "order o2: line 0 (sku b): unfilled cost is 999 in the plan, recomputed 1000");
    case_close(&k);
}

TEST(batch_default_unfilled_cost_replaces_1000)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    k.batch->has_default_unfilled_cost = 1;
    k.batch->default_unfilled_cost = 10;   /* o2's line has none; o3's explicit 0 stays 0 */
    EXPECT_VIOLATIONS(&k, "order o2: line 0 (sku b): unfilled cost is 1000 in the plan, recomputed 10",
                      "costs.unfilled: plan says 1000, recomputed 10",
                      "costs.total: plan says 1174.3, recomputed 184.3");
    CHECK_CLOSE(k.report.unfilled, 10.0);
    case_close(&k);
}

TEST(hard_order_pays_no_late_cost_but_may_not_be_late)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    Sourcing__Order *o1 = batch_order(k.batch, "o1");
    o1->has_sla = 1;
    o1->sla = SOURCING__SLA__HARD;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from st2 by ups: delivers in 4 days, 1 late for a HARD order due in 3",
                      "order o1: shipment from st2 by ups: cost is 14 in the plan, recomputed 7",
                      "order o1: shipment from st2 by ups: late_cost is 7 in the plan, recomputed 0",
                      "costs.shipping: plan says 38.8, recomputed 31.8",
                      "costs.lateness: plan says 7, recomputed 0",
                      "costs.total: plan says 1174.3, recomputed 1167.3");
    case_close(&k);
}

TEST(totals_are_recomputed_despite_violations)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    drop_order_plan(k.plan, "o2");
    case_check(&k);
    /* o2's 5 units go unfilled at 1000; dc1 still ships o1 */
    CHECK(k.violations == 7);
    CHECK(k.report.n_violations == 7);
    CHECK_CLOSE(k.report.shipping, 27.0);
    CHECK_CLOSE(k.report.lateness, 7.0);
    CHECK_CLOSE(k.report.handling, 4.5);
    CHECK_CLOSE(k.report.activation, 120.0);
    CHECK_CLOSE(k.report.split, 9.0);
    CHECK_CLOSE(k.report.unfilled, 5000.0);
    CHECK_CLOSE(k.report.total, 5160.5);
    EXPECT_VIOLATIONS(&k, "order o2: missing from the plan", "plan.shipments: plan says 3, recomputed 2",
                      "plan.unfilled_units: plan says 2, recomputed 6", "costs.shipping: plan says 38.8, recomputed 27",
                      "costs.handling: plan says 6.5, recomputed 4.5", "costs.unfilled: plan says 1000, recomputed 5000",
                      "costs.total: plan says 1174.3, recomputed 5160.5");
    case_close(&k);
}

int main(void)
{
    RUN(each_wrong_cost_term_is_named);
    RUN(costs_agree_within_one_millionth);
    RUN(absent_costs_read_as_zero);
    RUN(wrong_shipment_numbers);
    RUN(wrong_split_cost_of_an_order);
    RUN(wrong_unfilled_cost);
    RUN(batch_default_unfilled_cost_replaces_1000);
    RUN(hard_order_pays_no_late_cost_but_may_not_be_late);
    RUN(totals_are_recomputed_despite_violations);
    TEST_EXIT();
}
