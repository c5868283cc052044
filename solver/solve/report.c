/* The tension report and the explanations of a plan, under the time left (see report.h). */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline_plan.h"
#include "explain.h"
#include "lp_prices.h"
#include "model.h"
#include "strmap.h"
#include "tension.h"

/* solve.c's estimate of the simplex's time (its MIP_MIN_SECONDS rule): seconds per column squared. */
#define LP_SECONDS_PER_COLUMN_SQUARED 3e-8

static double lp_seconds(const Problem *p)
{
    double columns = (double)model_estimate_columns(p);
    return 0.005 + LP_SECONDS_PER_COLUMN_SQUARED * columns * columns;
}

double report_reserve(const Problem *p, const SrcOptions *options, double span)
{
    /* the estimate is rough (the MIP's own LP has taken 3 times as long); the re-solves with one
     * more unit need time too: four times the estimate, within the share */
    double needed = lp_seconds(p), lp = fmin(4 * needed, REPORT_LP_SHARE * span);
    return (needed <= REPORT_LP_SHARE * span ? lp : 0) + (options->n_explain ? REPORT_EXPLAIN_SHARE * span : 0);
}

/* The LP prices when they fit in the time left, else the Lagrangian ones, else none. */
static int make_prices(ResourcePrices *rp, const Solution *best, const SolveInfo *info, const Budget *budget,
                       char *note, size_t note_size)
{
    const Problem *p = best->p;
    double needed = lp_seconds(p), left = budget_left(budget);
    int done = 0;
    if (needed <= left) {
        SrcError lp_err = {{0}};
        double threshold = info->options->tension_threshold > 0 ? info->options->tension_threshold
                                                                : TENSION_DEFAULT_THRESHOLD;
        int rc = lp_prices_solve(rp, best, threshold, budget, REPORT_MAX_CHECKS, note, note_size, &lp_err);
        if (rc < 0)
            snprintf(note, note_size, "LP prices failed: %s", lp_err.message);
        done = rc == 0;
    } else {
        snprintf(note, note_size, "LP prices skipped: the LP relaxation needs about %.3f s, %.3f s left", needed,
                 left > 0 ? left : 0);
    }
    if (!done && info->prices && info->prices->p == p)
        prices_from_lagrange(rp, info->prices);
    if (!done) {
        size_t used = strlen(rp->method);
        snprintf(rp->method + used, sizeof rp->method - used, " (%s)", note);
    }
    return 0;
}

/* The orders to explain: every one for "all", else each id's index (validated before the solve). */
static int explain_orders(Report *r, const Solution *best, const SrcOptions *o, const Budget *budget)
{
    const Problem *p = best->p;
    int all = 0;
    for (size_t k = 0; k < o->n_explain; k++)
        all |= !strcmp(o->explain[k], "all");
    size_t wanted = all ? (size_t)p->n_orders : o->n_explain;
    if (wanted == 0)
        return 0;
    Lookup lk;
    if (lookup_build(&lk, p))
        return -1;
    StrMap ids;  /* order id -> index */
    strmap_init(&ids);
    Explainer *e = explainer_new(best, &lk);
    r->explanations = calloc(wanted + 1, sizeof *r->explanations);
    unsigned char *done = calloc((size_t)p->n_orders + 1, 1);
    int rc = e && r->explanations && done ? 0 : -1;
    for (int j = 0; !all && j < p->n_orders && !rc; j++)
        rc = strmap_put(&ids, p->batch->orders[j]->id, j, NULL) < 0 ? -1 : 0;
    for (size_t k = 0; k < wanted && !rc; k++) {
        int order = all ? (int)k : strmap_get(&ids, o->explain[k]);
        if (order < 0 || done[order])
            continue;  /* an id named twice is explained once (unknown ids were refused) */
        done[order] = 1;
        if (budget_expired(budget)) {
            snprintf(r->note, sizeof r->note, "explanations: the time ran out after %zu of %zu orders", k, wanted);
            break;
        }
        if (!(r->explanations[r->n_explanations] = explain_order(e, order)))
            rc = -1;
        else
            r->n_explanations++;
    }
    explainer_free(e);
    free(done);
    strmap_free(&ids);
    lookup_free(&lk);
    return rc;
}

int report_make(Report *r, const Solution *best, const SolveInfo *info, const Budget *budget, SrcError *err)
{
    memset(r, 0, sizeof *r);
    ResourcePrices rp;
    if (resource_prices_init(&rp, best->p))
        return src_error_set(err, "out of memory making the tension report");
    char note[sizeof rp.method / 2] = "";  /* why the LP prices were skipped: in price_method */
    make_prices(&rp, best, info, budget, note, sizeof note);
    const SrcOptions *o = info->options;
    r->tension = tension_build(best, &rp, o->tension_threshold, o->price_alert);
    resource_prices_free(&rp);
    if (!r->tension || explain_orders(r, best, o, budget))
        return report_free(r), src_error_set(err, "out of memory making the tension report");
    return 0;
}

int report_attach(Sourcing__Plan *plan, Report *r)
{
    if (plan->tension)  /* a plan explained again (src_explain_plan) */
        sourcing__tension__free_unpacked(plan->tension, NULL);
    for (size_t k = 0; k < plan->n_explanations; k++)
        sourcing__order_explanation__free_unpacked(plan->explanations[k], NULL);
    free(plan->explanations);
    plan->tension = r->tension;
    plan->explanations = r->explanations;
    plan->n_explanations = r->n_explanations;
    r->tension = NULL, r->explanations = NULL, r->n_explanations = 0;
    return r->note[0] ? plan_add_warning(plan, r->note) : 0;
}

void report_free(Report *r)
{
    if (r->tension)
        sourcing__tension__free_unpacked(r->tension, NULL);
    for (size_t k = 0; k < r->n_explanations; k++)
        sourcing__order_explanation__free_unpacked(r->explanations[k], NULL);
    free(r->explanations);
    memset(r, 0, sizeof *r);
}
