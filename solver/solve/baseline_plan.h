/* The rules baseline in a solve: run it under the solve's budget, keep it when it beats the
 * search (so savings are never negative), and report it in the plan with the savings. */
#ifndef SRC_BASELINE_PLAN_H
#define SRC_BASELINE_PLAN_H

#include "solution.h"
#include "strategy.h"

/* The rules' plan for p, timed as phase "baseline". NULL when the budget ran out first or memory
 * did; then why is in why_not (for the plan's warnings). */
Solution *baseline_solve(const Problem *p, const Budget *budget, SolveInfo *info, char *why_not, size_t why_size);

/* Makes best the baseline when the baseline is cheaper (method "rules"). 0, or -1 when out of
 * memory. */
int baseline_keep_cheaper(Solution *best, const Solution *baseline, SolveInfo *info);

/* Adds the baseline (its five terms and service figures), savings and savings_ratio to plan;
 * without a baseline, the warning why_not instead. 0, or -1 when out of memory. */
int plan_attach_baseline(Sourcing__Plan *plan, const Solution *baseline, const char *why_not);

/* Appends a warning to plan->warnings. 0, or -1 when out of memory. */
int plan_add_warning(Sourcing__Plan *plan, const char *text);

#endif
