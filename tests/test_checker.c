/* The plan checker on correct plans, and one test per network constraint: a correct plan against
 * a batch tightened just enough that exactly one constraint breaks.
 *
 * tests/data/checker/net_batch.json has no costs at all, so that only feasibility is at stake:
 * nodes n1, n2, n3 (processing 1 day, 10 units of a and of b each), a ups lane from every node to
 * zones z1 and z2 (transit 2 days), a ups limit of 10 at n1; o1 (z1, due 3: a x2 1.5 kg, b x3 2 kg),
 * o2 (z2, due 3, eligible n1 n2: a x4 1 kg, a x1 1 kg), o3 (z1, due 2: b x3 0.5 kg).
 * net_plan.json ships o1 from n1 (a 2 + b 3 = 9 kg), o2 from n1 (line 0: 3) and n2 (line 0: 1,
 * line 1: 1), o3 from n2 (b 2, one day late) leaving 1 unit of o3 unfilled. So n1 ships 5 a,
 * 3 b, 8 units in 2 ups shipments; n2 ships 2 a (two lines of o2), 2 b, 4 units in 2 shipments. */
#include "checker_fixture.h"
#include "test.h"

TEST(correct_network_plan_passes)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    EXPECT_NO_VIOLATION(&k);
    CHECK(k.report.total == 0 && k.report.shipping == 0 && k.report.unfilled == 0);
    case_close(&k);
}

TEST(correct_plan_passes_with_each_term_recomputed)
{
    /* cost_batch.json / cost_plan.json, worked out by hand:
     *   o1 from dc1 by ups (east): a 2 (2 kg) + b 1 (4 kg) = 8 kg, 1 + 2 = 3 days, due 3: on time;
     *      cost 5 + 4 + 0.5 * 8 = 13; units 2 * (0.5 + 0.25) + 1 * (0.5 + 0) = 2
     *   o1 from st2 by ups (east): a 1 = 2 kg, 0 + 4 = 4 days, 1 late at 7/day (SOFT);
     *      cost 2 + 3 + 1 * 2 + 7 = 14; units 1 * (1 + 1.5) = 2.5
     *   o1 split: 9 * (2 - 1) = 9
     *   o2 (HARD, due 2) from dc1 by fedex (west): b 4 = 4 kg, 2 days: on time;
     *      cost 5 + 6 + 0.2 * 4 = 11.8; units 4 * 0.5 = 2; 1 b unfilled at the default 1000
     *   o3: 1 a unfilled at its explicit 0
     *   shipping 13 + 14 + 11.8 = 38.8 (lateness 7), handling 2 + 2.5 + 2 = 6.5,
     *   activation 100 + 20 = 120, split 9, unfilled 1000: total 1174.3
     * dc1 uses its whole b stock (5) and its whole ups limit (1). */
    CheckCase k;
    OPEN_CASE(&k, "cost_batch.json", "cost_plan.json");
    EXPECT_NO_VIOLATION(&k);
    CHECK_CLOSE(k.report.total, 1174.3);
    CHECK_CLOSE(k.report.shipping, 38.8);
    CHECK_CLOSE(k.report.lateness, 7.0);
    CHECK_CLOSE(k.report.handling, 6.5);
    CHECK_CLOSE(k.report.activation, 120.0);
    CHECK_CLOSE(k.report.split, 9.0);
    CHECK_CLOSE(k.report.unfilled, 1000.0);
    case_close(&k);
}

TEST(stock_exceeded)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    batch_node(k.batch, "n1")->inventory[0]->quantity = 4;
    EXPECT_VIOLATIONS(&k, "node n1: 5 units of sku a shipped, stock is 4");
    batch_node(k.batch, "n1")->inventory[0]->quantity = 5;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(stock_counts_two_lines_of_one_sku_together)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    batch_node(k.batch, "n2")->inventory[0]->quantity = 1;
    EXPECT_VIOLATIONS(&k, "node n2: 2 units of sku a shipped, stock is 1");
    case_close(&k);
}

TEST(stock_of_an_unlisted_sku_is_zero)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Node *n2 = batch_node(k.batch, "n2");
    n2->inventory[1]->quantity = 0;     /* b listed with 0 */
    EXPECT_VIOLATIONS(&k, "node n2: 2 units of sku b shipped, stock is 0");
    protobuf_c_message_free_unpacked(&n2->inventory[1]->base, NULL);
    n2->n_inventory = 1;                /* b not listed at all */
    EXPECT_VIOLATIONS(&k, "node n2: 2 units of sku b shipped, stock is 0");
    case_close(&k);
}

TEST(node_max_units)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Node *n1 = batch_node(k.batch, "n1");
    n1->has_max_units = 1;
    n1->max_units = 7;
    EXPECT_VIOLATIONS(&k, "node n1: 8 units shipped, max_units is 7");
    n1->max_units = 8;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(node_max_shipments)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Node *n2 = batch_node(k.batch, "n2");
    n2->has_max_shipments = 1;
    n2->max_shipments = 1;
    EXPECT_VIOLATIONS(&k, "node n2: 2 shipments, max_shipments is 1");
    n2->max_shipments = 2;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(carrier_limit)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    k.batch->carrier_limits[0]->max_shipments = 1;  /* n1 ships to z1 and z2 by ups */
    EXPECT_VIOLATIONS(&k, "node n1: 2 shipments by ups, carrier limit is 1");
    k.batch->carrier_limits[0]->max_shipments = 2;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(lane_max_weight)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Lane *n1_z1 = k.batch->lanes[0];
    n1_z1->has_max_weight_kg = 1;
    n1_z1->max_weight_kg = 8.5;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from n1 by ups: weight 9 kg exceeds the lane's max_weight_kg 8.5");
    n1_z1->max_weight_kg = 9;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(hard_order_on_a_late_lane)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Order *o3 = batch_order(k.batch, "o3");
    o3->has_sla = 1;
    o3->sla = SOURCING__SLA__HARD;
    EXPECT_VIOLATIONS(&k, "order o3: shipment from n2 by ups: delivers in 3 days, 1 late for a HARD order due in 2");
    o3->due_days = 3;
    shipment(k.plan, "o3", 0)->days_late = 0;
    k.plan->late_shipments = 0;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(ineligible_node)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    set_string(&batch_order(k.batch, "o2")->eligible_nodes[1], "n3");
    EXPECT_VIOLATIONS(&k, "order o2: shipment from n2 by ups: node n2 is not eligible for the order");
    case_close(&k);
}

TEST(unknown_lane)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    set_string(&shipment(k.plan, "o1", 0)->carrier, "dhl");
    EXPECT_VIOLATIONS(&k, "order o1: shipment from n1 by dhl: lane n1 -> zone z1 by dhl does not exist");
    case_close(&k);
}

int main(void)
{
    RUN(correct_network_plan_passes);
    RUN(correct_plan_passes_with_each_term_recomputed);
    RUN(stock_exceeded);
    RUN(stock_counts_two_lines_of_one_sku_together);
    RUN(stock_of_an_unlisted_sku_is_zero);
    RUN(node_max_units);
    RUN(node_max_shipments);
    RUN(carrier_limit);
    RUN(lane_max_weight);
    RUN(hard_order_on_a_late_lane);
    RUN(ineligible_node);
    RUN(unknown_lane);
    TEST_EXIT();
}
