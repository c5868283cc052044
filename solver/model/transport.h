/* The plan for a fixed set of open nodes in a facility-style problem (problem_is_facility_style:
 * every shipment free, so only units cost) is a min-cost flow: source -> node (its unit capacity)
 * -> stock slot (its stock) -> order line (the cell's bound, the unit's cost) -> the line's demand,
 * with a source -> line arc for units left unfilled. GLPK's out-of-kilter method (glp_mincost_okalg;
 * Debian's GLPK disables RELAX-IV) solves it without the simplex, which makes opening, closing and
 * swapping nodes cheap to evaluate. Costs are scaled to integers for it; the plan's cost is recomputed
 * exactly, so rounding can only make a flow slightly less than optimal, never misreport it. */
#ifndef SRC_TRANSPORT_H
#define SRC_TRANSPORT_H

#include "problem.h"
#include "solution.h"

typedef struct Transport Transport;

/* NULL when out of memory. p must be facility-style. */
Transport *transport_new(const Problem *p);
void transport_free(Transport *t);

/* Replaces every order's shipments in s with the cheapest flow that ships only from nodes with
 * open[n] set or no activation cost, within seconds. 0; -1 when the time ran out, GLPK failed or
 * memory ran out (s is then unchanged). */
int transport_solve(Transport *t, const unsigned char *open, double seconds, Solution *s);

#endif
