/* The plan checker on broken plan structure, one violation each: shipments per node and per
 * order, empty shipments, lines (sku, overshipping, repeats), orders missing, unknown or
 * repeated, unfilled entries, active_nodes and the plan's counts. The case is net_batch.json /
 * net_plan.json (described in test_checker.c); nothing costs anything there. */
#include <stdlib.h>

#include "checker_fixture.h"
#include "test.h"

TEST(two_shipments_from_one_node_for_one_order)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    set_string(&shipment(k.plan, "o2", 1)->node_id, "n1");  /* n2 stays active through o3 */
    EXPECT_VIOLATIONS(&k, "order o2: shipment from n1 by ups: the order already has a shipment from n1 "
                          "(at most one per node)");
    case_close(&k);
}

TEST(order_max_shipments_ship_complete)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Order *o2 = batch_order(k.batch, "o2");
    o2->has_max_shipments = 1;
    o2->max_shipments = 1;
    EXPECT_VIOLATIONS(&k, "order o2: 2 shipments, max_shipments is 1");
    o2->max_shipments = 2;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(zero_unit_shipment)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Shipment *empty = add_shipment(order_plan(k.plan, "o1"), "n3", "ups");
    empty->delivery_days = 3;
    add_active_node(k.plan, "n3");
    k.plan->shipments = 5;
    k.plan->split_orders = 2;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from n3 by ups: carries no units");
    case_close(&k);
}

TEST(zero_units_on_a_shipment_line)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    add_shipment_line(shipment(k.plan, "o1", 0), 1, "b", 0);
    EXPECT_VIOLATIONS(&k, "order o1: shipment from n1 by ups: line 1 has 0 units; a shipment line carries at least 1 unit");
    case_close(&k);
}

TEST(wrong_sku_for_a_line)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    set_string(&shipment(k.plan, "o1", 0)->lines[0]->sku, "b");
    EXPECT_VIOLATIONS(&k, "order o1: shipment from n1 by ups: line 0 is sku a, not b");
    case_close(&k);
}

TEST(overshipped_line)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Shipment *sh = shipment(k.plan, "o1", 0);
    sh->lines[0]->units = 3;    /* quantity 2 */
    sh->weight_kg = 10.5;
    EXPECT_VIOLATIONS(&k, "order o1: line 0 (sku a): 3 units shipped, quantity is 2");
    case_close(&k);
}

TEST(overshipped_across_shipments)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Shipment *sh = shipment(k.plan, "o2", 0);
    sh->lines[0]->units = 4;    /* 4 from n1 + 1 from n2, quantity 4 */
    sh->weight_kg = 4;
    EXPECT_VIOLATIONS(&k, "order o2: line 0 (sku a): 5 units shipped, quantity is 4");
    case_close(&k);
}

TEST(line_listed_twice_in_a_shipment)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__Shipment *sh = shipment(k.plan, "o1", 0);
    sh->lines[1]->line = 0;     /* line 0 twice (a 2 + "a" 3), line 1 left out */
    set_string(&sh->lines[1]->sku, "a");
    sh->weight_kg = 7.5;
    EXPECT_VIOLATIONS(&k, "order o1: shipment from n1 by ups: line 0 is listed more than once",
                      "order o1: line 0 (sku a): 5 units shipped, quantity is 2",
                      "order o1: line 1 (sku b): 3 units unfilled, the plan lists none",
                      "plan.unfilled_units: plan says 1, recomputed 4");
    case_close(&k);
}

TEST(missing_order)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    drop_order_plan(k.plan, "o3");      /* its 3 units count as unfilled */
    k.plan->shipments = 3;
    k.plan->late_shipments = 0;
    k.plan->unfilled_units = 3;
    EXPECT_VIOLATIONS(&k, "order o3: missing from the plan");
    case_close(&k);
}

TEST(unknown_order)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    add_order_plan(k.plan, "o9");
    EXPECT_VIOLATIONS(&k, "plan order o9: no such order in the batch");
    case_close(&k);
}

TEST(order_listed_twice)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    add_order_plan(k.plan, "o1");
    add_order_plan(k.plan, "o1");
    EXPECT_VIOLATIONS(&k, "order o1: listed more than once in the plan");
    case_close(&k);
}

TEST(wrong_unfilled_units)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    order_plan(k.plan, "o3")->unfilled[0]->units = 2;
    EXPECT_VIOLATIONS(&k, "order o3: line 0 (sku b): 1 units unfilled, plan says 2");
    case_close(&k);
}

TEST(missing_unfilled_entry)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    drop_unfilled(order_plan(k.plan, "o3"), 0);
    EXPECT_VIOLATIONS(&k, "order o3: line 0 (sku b): 1 units unfilled, the plan lists none");
    case_close(&k);
}

TEST(unfilled_entry_for_a_shipped_line)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    Sourcing__OrderPlan *o1 = order_plan(k.plan, "o1");
    o1->unfilled = calloc(1, sizeof *o1->unfilled);
    o1->unfilled[0] = calloc(1, sizeof **o1->unfilled);
    sourcing__unfilled_line__init(o1->unfilled[0]);
    o1->n_unfilled = 1;
    o1->unfilled[0]->line = 1;
    o1->unfilled[0]->units = 1;
    set_string(&o1->unfilled[0]->sku, "b");
    EXPECT_VIOLATIONS(&k, "order o1: line 1 (sku b): 0 units unfilled, plan says 1");
    set_string(&o1->unfilled[0]->sku, "a");
    EXPECT_VIOLATIONS(&k, "order o1: line 1 (sku b): 0 units unfilled, plan says 1",
                      "order o1: unfilled line 1 is sku b, not a");
    case_close(&k);
}

TEST(active_nodes_listing_an_idle_node)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    add_active_node(k.plan, "n3");
    EXPECT_VIOLATIONS(&k, "active_nodes: n3 is listed but ships nothing");
    case_close(&k);
}

TEST(active_nodes_missing_a_shipping_node)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    drop_active_node(k.plan, "n2");
    EXPECT_VIOLATIONS(&k, "active_nodes: n2 ships but is not listed");
    case_close(&k);
}

TEST(active_nodes_repeated_or_unknown)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    add_active_node(k.plan, "n1");
    add_active_node(k.plan, "zz");
    EXPECT_VIOLATIONS(&k, "active_nodes: n1 is listed more than once", "active_nodes: node zz does not exist");
    case_close(&k);
}

TEST(wrong_counts)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    k.plan->shipments = 3;
    EXPECT_VIOLATIONS(&k, "plan.shipments: plan says 3, recomputed 4");
    k.plan->shipments = 4;
    k.plan->split_orders = 0;
    EXPECT_VIOLATIONS(&k, "plan.split_orders: plan says 0, recomputed 1");
    k.plan->split_orders = 1;
    k.plan->unfilled_units = 2;
    EXPECT_VIOLATIONS(&k, "plan.unfilled_units: plan says 2, recomputed 1");
    k.plan->unfilled_units = 1;
    k.plan->late_shipments = 0;
    EXPECT_VIOLATIONS(&k, "plan.late_shipments: plan says 0, recomputed 1");
    k.plan->late_shipments = 1;
    EXPECT_NO_VIOLATION(&k);
    case_close(&k);
}

TEST(invalid_status_is_a_violation)
{
    CheckCase k;
    OPEN_CASE(&k, "net_batch.json", "net_plan.json");
    k.plan->has_status = 1;
    k.plan->status = SOURCING__PLAN_STATUS__INVALID;
    set_string(&k.plan->message, "orders[0].lines[0].quantity: must be >= 0");
    EXPECT_VIOLATIONS(&k, "plan has status INVALID: orders[0].lines[0].quantity: must be >= 0");
    case_close(&k);
}

int main(void)
{
    RUN(two_shipments_from_one_node_for_one_order);
    RUN(order_max_shipments_ship_complete);
    RUN(zero_unit_shipment);
    RUN(zero_units_on_a_shipment_line);
    RUN(wrong_sku_for_a_line);
    RUN(overshipped_line);
    RUN(overshipped_across_shipments);
    RUN(line_listed_twice_in_a_shipment);
    RUN(missing_order);
    RUN(unknown_order);
    RUN(order_listed_twice);
    RUN(wrong_unfilled_units);
    RUN(missing_unfilled_entry);
    RUN(unfilled_entry_for_a_shipped_line);
    RUN(active_nodes_listing_an_idle_node);
    RUN(active_nodes_missing_a_shipping_node);
    RUN(active_nodes_repeated_or_unknown);
    RUN(wrong_counts);
    RUN(invalid_status_is_a_violation);
    TEST_EXIT();
}
