/* The rules baseline: what an OMS's built-in sourcing rules would do with the same batch, so a
 * plan can say how much the optimiser saved. The rules (README, "Savings against the rules"):
 * orders in arrival order (the batch's order); each gets, again and again, the shipment that
 * carries the most of what is left of it (the whole order when one node can ship it), ties going
 * to the soonest delivery, then the cheapest shipment, then the node and lane listed first; it
 * stops when nothing more can ship or the order's max_shipments is reached, and what is left is
 * unfilled. The rules never use a lane that would break a HARD SLA (the Problem's candidates
 * have none) and never look at activation, split or unfilled costs: they ship what they can. */
#ifndef SRC_RULES_H
#define SRC_RULES_H

#include "budget.h"
#include "solution.h"

/* Fills s (a new Solution of its problem, shipping nothing) with the rules' plan. Returns 0 when
 * every order was sourced, 1 when the budget ran out first (s is then feasible but partial), -1
 * when out of memory. Deterministic. */
int rules_baseline(Solution *s, const Budget *budget);

#endif
