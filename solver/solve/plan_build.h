/* Turning a working Solution into the Plan message that callers receive: per order its shipments
 * and unfilled lines, the five cost terms, counts, status, bound, gap, phase times and statistics. */
#ifndef SRC_PLAN_BUILD_H
#define SRC_PLAN_BUILD_H

#include "solution.h"
#include "strategy.h"

/* A new plan (free with src_plan_free), or NULL when out of memory. */
Sourcing__Plan *plan_build(const Solution *s, const SolveInfo *info, Sourcing__PlanStatus status);

/* A plan with status INVALID and the message, for a batch that was refused. */
Sourcing__Plan *plan_invalid(const Sourcing__Batch *batch, const char *message);

#endif
