/* Why an order goes where it goes (issue 14, item 3): its chosen shipments and what they cost the
 * batch; the cheapest alternative with the rest of the plan as it is, and how much more it costs;
 * and what stops each option that would cost less than the chosen one if the order were alone
 * (stock given to other orders, a capacity, the split limit, the HARD SLA, eligibility).
 *
 * The options weighed: leaving the order unfilled; one shipment from any node it may use, by any
 * of its lanes, carrying what it can (the rest unfilled); two such shipments, each line from the
 * cheaper of the two first (orders with at most EXPLAIN_MAX_PAIR_OPTIONS lane options); and, as
 * cheaper options only, one shipment on a lane the HARD SLA forbids or from an ineligible node.
 * An option's cost is what the batch would pay for the order with it: its shipments, units and
 * weight, split cost, unfilled units, and the activation of a node no other order uses. README,
 * "Explaining an order". */
#ifndef SRC_EXPLAIN_H
#define SRC_EXPLAIN_H

#include "lookup.h"
#include "solution.h"

#define EXPLAIN_MAX_PAIR_OPTIONS 30
#define EXPLAIN_MAX_BLOCKERS 10

typedef struct Explainer Explainer;

/* One per plan (it indexes who uses each stock slot). NULL when out of memory. */
Explainer *explainer_new(const Solution *s, const Lookup *lk);
void explainer_free(Explainer *e);

/* The explanation of order o. NULL when out of memory. */
Sourcing__OrderExplanation *explain_order(Explainer *e, int o);

#endif
