/* Why units are left unfilled, per sku (the tension report's `unfilled`): for each order line the
 * plan leaves short, its cause, from the first that applies:
 *   "no stock anywhere"              no node stocks the sku
 *   "stock only behind a HARD SLA"   nodes stock it, eligible and with a lane to the zone, but every
 *                                    such lane arrives late and the order's SLA is HARD
 *   "no node can serve it"           stock exists, but not at a node the order may use (eligibility,
 *                                    no lane to its zone)
 *   "cheaper to leave unfilled"      a node it may use has stock and room left: shipping costs more
 *   "split limit"                    room is left only at nodes the order would need one more
 *                                    shipment from, and it has reached its max_shipments
 *   "capacity"                       stock is left only at nodes whose unit, shipment or carrier
 *                                    limits are used up
 *   "stock used by other orders"     every unit it could reach went to other orders
 * Entries are one per (sku, cause), in order of first appearance. */
#ifndef SRC_UNFILLED_H
#define SRC_UNFILLED_H

#include "lookup.h"
#include "solution.h"
#include "sourcing.pb-c.h"

/* Appends the unfilled skus of plan s to t->unfilled. 0, or -1 when out of memory. */
int unfilled_by_sku(const Solution *s, const Lookup *lk, Sourcing__Tension *t);

#endif
