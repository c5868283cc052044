/* The plan for a fixed set of open nodes in a facility-style problem (problem_is_facility_style:
 * every shipment free, so only units cost) is a transportation LP: each line's units come from the
 * open cells or stay unfilled, within node unit capacities and stocks. Debian's GLPK disables
 * RELAX-IV (glp_mincost_relax4) and its out-of-kilter method took 0.3 s per evaluation on capa, so
 * this is GLPK's simplex on one LP kept between calls: a node's cells join it when the node first
 * opens, a closed node's cells are fixed at 0, and a move (one or two nodes toggled) is solved warm
 * from the last basis. Unfilled
 * units cost at most UNFILLED_CAP_FACTOR times the dearest unit; the plan's cost is recomputed
 * exactly, so the cap can only make a flow less than optimal, never misreport it. */
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
 * memory ran out (s is then unchanged). Calls on one Transport must come from one thread. */
int transport_solve(Transport *t, const unsigned char *open, double seconds, Solution *s);

#endif
