/* The Lagrangian bound as a strategy: it leaves the plan alone and gives the solve a valid lower
 * bound at any size, so a plan is FEASIBLE with a gap instead of HEURISTIC. A facility-style batch
 * (no order rows, no shipment costs) gets the relaxation of bound/lagrange.h, which is strong
 * there (Beasley's knapsack and room cut). Any other batch gets it for a share of the time, then
 * the order-whole relaxation of bound/order_lagrange.h, warm-started from its multipliers, for the
 * rest: that one keeps split costs, shipment limits and fixed costs per shipment, which the first
 * forgets; when it has not overtaken the first halfway, the first gets the rest. The larger bound
 * counts (both are valid). The multipliers stay in SolveInfo for the strategies after it. */
#include <string.h>

#include "strategy.h"

/* Share of this strategy's time that the per-(order, node) relaxation gets first on a batch with
 * order rows (it stalls within about a second on generated batches of up to 1 000 orders), then
 * the share of the rest that the order-whole one gets on trial: if it has not beaten the first by
 * then (on 10 000 orders, where each of its steps takes most of a second), the first continues. */
#define NODE_RELAXATION_SHARE 0.3
#define ORDER_TRIAL_SHARE 0.5

static int bound_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    if (problem_is_facility_style(p)) {
        if (!solve_info_prices(info, p, budget, best->cost))
            return src_error_set(err, "Lagrangian bound: out of memory");
        return 0;
    }
    Budget first = budget_slice(budget, NODE_RELAXATION_SHARE);
    if (!solve_info_prices(info, p, &first, best->cost))
        return src_error_set(err, "Lagrangian bound: out of memory");
    Budget trial = budget_slice(budget, ORDER_TRIAL_SHARE);
    if (!solve_info_order_prices(info, p, &trial, best->cost))
        return src_error_set(err, "Lagrangian bound: out of memory");
    int order_leads = info->bound_method && !strcmp(info->bound_method, "lagrange-orders");
    int ok = order_leads ? solve_info_order_prices(info, p, budget, best->cost) != NULL
                         : solve_info_prices(info, p, budget, best->cost) != NULL;
    if (!ok)
        return src_error_set(err, "Lagrangian bound: out of memory");
    return 0;
}

const Strategy STRATEGY_BOUND = {"lagrange", bound_improve};
