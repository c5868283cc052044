/* The plan checker on hostile plans: out-of-range indexes, negative and enormous units, unknown
 * and absent ids, huge ids, NaN and infinite numbers, empty and missing plans, and more
 * violations than a report lists. Each is a violation, never a crash (run under ASan/UBSan). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "batch_io.h"
#include "checker_fixture.h"
#include "test.h"

static int has(const CheckCase *k, const char *needle)
{
    for (size_t i = 0; i < k->report.n_violations; i++)
        if (strstr(k->report.violations[i], needle))
            return 1;
    printf("#   no violation contains \"%s\"; got %zu:\n", needle, k->violations);
    for (size_t i = 0; i < k->report.n_violations; i++)
        printf("#     %s\n", k->report.violations[i]);
    return 0;
}

TEST(line_index_out_of_range)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__ShipmentLine *sl = shipment(k.plan, "o1", 0)->lines[0];
    sl->line = 7;
    CHECK(case_check(&k) >= 1);
    CHECK(has(&k, "order o1: shipment from n1 by ups: line 7 does not exist (the order has 2 lines)"));
    sl->line = -1;
    CHECK(case_check(&k) >= 1);
    CHECK(has(&k, "order o1: shipment from n1 by ups: line -1 does not exist"));
    sl->line = INT64_MAX;
    CHECK(case_check(&k) >= 1);
    CHECK(has(&k, "line 9223372036854775807 does not exist"));
    order_plan(k.plan, "o3")->unfilled[0]->line = 3;
    CHECK(case_check(&k) >= 2);
    CHECK(has(&k, "order o3: unfilled entry for line 3, which does not exist (the order has 1 lines)"));
    case_close(&k);
}

TEST(negative_units)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    shipment(k.plan, "o1", 0)->lines[0]->units = -3;
    CHECK(case_check(&k) >= 1);
    CHECK(has(&k, "order o1: shipment from n1 by ups: line 0 has -3 units; a shipment line carries at least 1 unit"));
    shipment(k.plan, "o1", 0)->lines[0]->units = INT64_MIN;
    CHECK(case_check(&k) >= 1);
    CHECK(has(&k, "line 0 has -9223372036854775808 units"));
    case_close(&k);
}

TEST(enormous_units_saturate)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Shipment *sh = shipment(k.plan, "o2", 1);   /* two lines of sku a from n2 */
    sh->lines[0]->units = INT64_MAX;
    sh->lines[1]->units = INT64_MAX;
    CHECK(case_check(&k) >= 1);
    CHECK(has(&k, "node n2: 9223372036854775807 units of sku a shipped, stock is 10"));
    CHECK(has(&k, "order o2: line 1 (sku a): 9223372036854775807 units shipped, quantity is 1"));
    case_close(&k);
}

TEST(unknown_node)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    set_string(&shipment(k.plan, "o1", 0)->node_id, "nowhere");
    CHECK(case_check(&k) >= 1);
    CHECK(has(&k, "order o1: shipment from nowhere by ups: node nowhere does not exist"));
    case_close(&k);
}

TEST(absent_strings)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    set_string(&shipment(k.plan, "o1", 0)->lines[0]->sku, NULL);
    set_string(&shipment(k.plan, "o2", 0)->carrier, NULL);
    set_string(&order_plan(k.plan, "o3")->unfilled[0]->sku, NULL);
    set_string(&shipment(k.plan, "o3", 0)->node_id, NULL);
    EXPECT_VIOLATIONS(&k, "order o1: shipment from n1 by ups: line 0 is sku a, not (none)",
                      "order o2: shipment from n1 by (none): lane n1 -> zone z2 by (none) does not exist",
                      "order o3: shipment from (none) by ups: node (none) does not exist",
                      "order o3: unfilled line 0 is sku b, not (none)",
                      "order o3: line 0 (sku b): 3 units unfilled, plan says 1",
                      "plan.shipments: plan says 4, recomputed 3",
                      "plan.unfilled_units: plan says 1, recomputed 3",
                      "plan.late_shipments: plan says 1, recomputed 0");
    set_string(&order_plan(k.plan, "o1")->order_id, NULL);
    CHECK(case_check(&k) >= 2);
    CHECK(has(&k, "plan order (none): no such order in the batch"));
    CHECK(has(&k, "order o1: missing from the plan"));
    case_close(&k);
}

TEST(huge_ids_are_unknown_and_shown_short)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    char *huge = malloc(100001);
    memset(huge, 'n', 100000);
    huge[100000] = '\0';
    set_string(&shipment(k.plan, "o1", 0)->node_id, huge);
    set_string(&shipment(k.plan, "o2", 0)->carrier, huge);
    add_order_plan(k.plan, huge);
    add_active_node(k.plan, "n1\x1f");
    free(huge);
    CHECK(case_check(&k) >= 4);
    CHECK(has(&k, "node nnnnnnnn"));
    CHECK(has(&k, "lane n1 -> zone z2 by nnnn"));
    CHECK(has(&k, "plan order nnnn"));
    CHECK(has(&k, "active_nodes: node n1\x1f does not exist"));
    for (size_t i = 0; i < k.report.n_violations; i++)
        CHECK(strlen(k.report.violations[i]) < 1000);
    case_close(&k);
}

TEST(nan_and_infinite_numbers_never_agree)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    k.plan->costs->total = NAN;
    shipment(k.plan, "o1", 0)->cost = INFINITY;
    order_plan(k.plan, "o2")->unfilled[0]->cost = -INFINITY;
    EXPECT_VIOLATIONS(&k, "costs.total: plan says nan, recomputed 1174.3",
                      "order o1: shipment from dc1 by ups: cost is inf in the plan, recomputed 13",
                      "order o2: line 0 (sku b): unfilled cost is -inf in the plan, recomputed 1000");
    case_close(&k);
}

TEST(empty_plan_leaves_everything_unfilled)
{
    SrcError err = {{0}};
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    src_plan_free(k.plan);
    k.plan = (Sourcing__Plan *)src_message_from_json("{}", 2, &sourcing__plan__descriptor, &err);
    CHECK(k.plan != NULL);
    /* o1: 3 a at 1000 + 1 b at 50; o2: 5 b at 1000; o3: 1 a at 0 */
    EXPECT_VIOLATIONS(&k, "order o1: missing from the plan", "order o2: missing from the plan",
                      "order o3: missing from the plan", "plan.unfilled_units: plan says 0, recomputed 10",
                      "costs.unfilled: plan says 0, recomputed 8050", "costs.total: plan says 0, recomputed 8050");
    CHECK_CLOSE(k.report.total, 8050.0);
    case_close(&k);
}

TEST(no_plan_no_batch_no_report)
{
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    SrcCheckReport report;
    CHECK(src_check_plan(k.batch, NULL, &report) == 1);
    CHECK(report.n_violations == 1 && !strcmp(report.violations[0], "there is no plan"));
    src_check_report_free(&report);
    CHECK(src_check_plan(NULL, k.plan, &report) == 1);
    CHECK(report.n_violations == 1 && !strcmp(report.violations[0], "there is no batch"));
    src_check_report_free(&report);
    CHECK(src_check_plan(k.batch, k.plan, NULL) == 0);
    k.plan->costs->total = 1;
    CHECK(src_check_plan(k.batch, k.plan, NULL) == 1);
    case_close(&k);
}

TEST(only_the_first_thousand_violations_are_listed)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    for (int i = 0; i < 2500; i++)
        add_order_plan(k.plan, "o9");
    CHECK(case_check(&k) == 2500);
    CHECK(k.report.n_violations == 1001);
    CHECK_STR_CONTAINS(k.report.violations[0], "plan order o9: no such order in the batch");
    CHECK_STR_CONTAINS(k.report.violations[1000], "... and 1500 more violations, not listed");
    case_close(&k);
}

int main(void)
{
    RUN(line_index_out_of_range);
    RUN(negative_units);
    RUN(enormous_units_saturate);
    RUN(unknown_node);
    RUN(absent_strings);
    RUN(huge_ids_are_unknown_and_shown_short);
    RUN(nan_and_infinite_numbers_never_agree);
    RUN(empty_plan_leaves_everything_unfilled);
    RUN(no_plan_no_batch_no_report);
    RUN(only_the_first_thousand_violations_are_listed);
    TEST_EXIT();
}
