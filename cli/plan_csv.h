/* A plan as CSV for a spreadsheet, in two files whose cost columns may simply be summed:
 *   lines:     one row per order line shipped (per shipment) or left unfilled, with that line's own
 *              costs: handling (term 2) and unfilled (term 5);
 *   shipments: one row per shipment, with the shipment's costs: shipping (term 1, lateness included
 *              and repeated as of_which_late_cost), split (term 4, on each shipment beyond an order's
 *              first) and activation (term 3, on the first shipment from each node).
 * handling + unfilled of the first and shipping + split + activation of the second sum to the plan's
 * total cost. Costs are in the batch's currency, weights in kg, times in days. */
#ifndef SRC_PLAN_CSV_H
#define SRC_PLAN_CSV_H

#include "error.h"
#include "sourcing.pb-c.h"

#define PLAN_LINES_CSV_HEADER \
    "order_id,line,sku,outcome,units,node_id,carrier,shipment,weight_kg,handling_cost,unfilled_cost"
#define PLAN_SHIPMENTS_CSV_HEADER                                                                   \
    "order_id,shipment,node_id,carrier,lines,units,weight_kg,delivery_days,days_late,shipping_cost," \
    "of_which_late_cost,split_cost,activation_cost"

/* "-" is stdout. 0, or -1 with err set. */
int plan_write_lines_csv(const char *path, const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcError *err);
int plan_write_shipments_csv(const char *path, const Sourcing__Batch *batch, const Sourcing__Plan *plan,
                             SrcError *err);

#endif
