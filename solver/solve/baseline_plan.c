/* The rules baseline in a solve and in the plan (see baseline_plan.h), and src_baseline. */
#include "baseline_plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "plan_build.h"
#include "rules.h"
#include "validate.h"

#define RULES_NAME "arrival order; per shipment most units, then soonest, then cheapest; HARD SLAs kept"

Solution *baseline_solve(const Problem *p, const Budget *budget, SolveInfo *info, char *why_not, size_t why_size)
{
    double t = src_now();
    Solution *s = solution_new(p);
    int rc = s ? rules_baseline(s, budget) : -1;
    solve_info_phase(info, "baseline", src_now() - t);
    if (rc == 0)
        return s;
    snprintf(why_not, why_size, "no rules baseline: %s",
             rc > 0 ? "the time ran out while it was sourcing" : "out of memory");
    solution_free(s);
    return NULL;
}

int baseline_keep_cheaper(Solution *best, const Solution *baseline, SolveInfo *info)
{
    if (!baseline || baseline->cost >= best->cost - 1e-9 * fmax(1, fabs(best->cost)))
        return 0;
    solve_info_method(info, "rules");
    return solution_copy(best, baseline);
}

int plan_add_warning(Sourcing__Plan *plan, const char *text)
{
    char **grown = realloc(plan->warnings, (plan->n_warnings + 1) * sizeof *grown);
    if (!grown)
        return -1;
    plan->warnings = grown;
    if (!(grown[plan->n_warnings] = strdup(text)))
        return -1;
    plan->n_warnings++;
    return 0;
}

/* The Baseline message of a plan built from the baseline: its costs moved over, its figures. */
static Sourcing__Baseline *baseline_message(Sourcing__Plan *rules_plan)
{
    Sourcing__Baseline *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    sourcing__baseline__init(b);
    b->rules = strdup(RULES_NAME);
    b->costs = rules_plan->costs;
    rules_plan->costs = NULL;
    b->has_shipments = b->has_split_orders = b->has_late_shipments = b->has_unfilled_units = 1;
    b->shipments = rules_plan->shipments;
    b->split_orders = rules_plan->split_orders;
    b->late_shipments = rules_plan->late_shipments;
    b->unfilled_units = rules_plan->unfilled_units;
    return b;
}

int plan_attach_baseline(Sourcing__Plan *plan, const Solution *baseline, const char *why_not)
{
    if (!baseline)
        return plan_add_warning(plan, why_not);
    SolveInfo info = {.method = "rules"};
    Sourcing__Plan *rules_plan = plan_build(baseline, &info, SOURCING__PLAN_STATUS__HEURISTIC);
    if (!rules_plan)
        return -1;
    plan->baseline = baseline_message(rules_plan);
    src_plan_free(rules_plan);
    if (!plan->baseline || !plan->baseline->rules)
        return -1;
    double before = plan->baseline->costs->total, after = plan->costs->total;
    plan->has_savings = plan->has_savings_ratio = 1;
    plan->savings = before - after;
    plan->savings_ratio = fabs(before) > 1e-9 ? plan->savings / before : 0;
    return 0;
}

SrcResult src_baseline(const Sourcing__Batch *batch, Sourcing__Plan **plan_out, SrcError *err)
{
    *plan_out = NULL;
    if (src_validate_batch(batch, err)) {
        *plan_out = plan_invalid(batch, err->message);
        return SRC_INVALID;
    }
    Problem *p = problem_build(batch, 0, err);
    Solution *s = p ? solution_new(p) : NULL;
    int rc = s ? rules_baseline(s, NULL) : -1;
    SolveInfo info = {.method = "rules"};
    snprintf(info.note, sizeof info.note, "the rules baseline: %s", RULES_NAME);
    if (!rc)
        *plan_out = plan_build(s, &info, SOURCING__PLAN_STATUS__HEURISTIC);
    solution_free(s);
    problem_free(p);
    if (*plan_out)
        return SRC_OK;
    src_error_set(err, "out of memory sourcing the rules baseline");
    return SRC_INTERNAL;
}
