/* The Lagrangian bound as a strategy: it leaves the plan alone and gives the solve a valid lower
 * bound at any size (bound/lagrange.h), so a plan is FEASIBLE with a gap instead of HEURISTIC. Its
 * multipliers stay in SolveInfo for the strategies after it. */
#include "strategy.h"

static int bound_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    if (!solve_info_prices(info, p, budget, best->cost))
        return src_error_set(err, "Lagrangian bound: out of memory");
    return 0;
}

const Strategy STRATEGY_BOUND = {"lagrange", bound_improve};
