/* A Plan message back into a working Solution, for `sourcing explain` (src_explain_plan): each
 * shipment becomes the candidate (order, node) and lane option it names. The plan must have
 * passed the checker first (every shipment then names an eligible node, a lane the order may use
 * and stock it has). */
#ifndef SRC_PLAN_LOAD_H
#define SRC_PLAN_LOAD_H

#include "solution.h"

/* The plan as a Solution of p; NULL with err set when a shipment matches no candidate or option,
 * or when out of memory. */
Solution *plan_load(const Problem *p, const Sourcing__Plan *plan, SrcError *err);

#endif
