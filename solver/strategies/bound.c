/* The Lagrangian bound as a strategy: it leaves the plan alone and gives the solve a valid lower
 * bound at any size (bound/lagrange.h), so a plan is FEASIBLE with a gap instead of HEURISTIC. */
#include <stdio.h>

#include "lagrange.h"
#include "strategy.h"

static int bound_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    Lagrange lg;
    if (lagrange_init(&lg, p))
        return src_error_set(err, "Lagrangian bound: out of memory");
    double bound = lagrange_improve(&lg, budget, best->cost);
    if (lg.iterations > 0 && (!info->has_bound || bound > info->bound)) {
        info->has_bound = 1;
        info->bound = bound;
        info->bound_method = "lagrange";
    }
    lagrange_free(&lg);
    return 0;
}

const Strategy STRATEGY_BOUND = {"lagrange", bound_improve};
