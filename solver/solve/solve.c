/* src_solve: validate, index, run the strategy sequence under the budget, build the plan.
 * The `auto` sequence: greedy and one local-search pass; then, for a small model, more local
 * search and the MIP with the time left, the best plan so far as its first incumbent; for a larger
 * one, local search until it converges, LNS (the MIP on neighbourhoods) and, when the whole model
 * fits in the time left, the MIP for its bound; then local search again if time is left. The status follows from what is proven: OPTIMAL when the
 * bound meets the plan's cost (within the gap asked for), FEASIBLE when a bound exists but does
 * not, HEURISTIC when no bound exists. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "anomalies.h"
#include "baseline_plan.h"
#include "model.h"
#include "checker.h"
#include "plan_build.h"
#include "plan_load.h"
#include "report.h"
#include "sourcing.h"
#include "strategy.h"
#include "validate.h"

/* Beyond this many columns GLPK cannot get anywhere in an online budget: the heuristics answer. */
#define MIP_MAX_COLUMNS 400000L
/* The MIP is not started when the time left is short of what its model and LP relaxation are
 * likely to need: GLPK's simplex takes about as many iterations as rows, each longer the larger
 * the model, so about this constant times columns squared (measured on generated batches, with
 * room to spare); branch-and-cut needs as long again. A MIP cut short before its LP is wasted. */
#define MIP_MIN_SECONDS 0.05
#define LP_SECONDS_PER_COLUMN_SQUARED 3e-8
/* The `greedy` strategy's local search stops after this many passes (or at the time limit):
 * greedy is the fast answer, and counting passes rather than seconds keeps it deterministic. */
#define GREEDY_LOCAL_PASSES 1
/* Up to this many columns the MIP on the whole batch comes first: it often proves the optimum in
 * a fraction of a second. Beyond, LNS finds better plans sooner (measured on generated batches:
 * 2.6 to 4.6% cheaper at 3 500 to 11 000 columns in 10 s), and the whole-batch MIP, when it
 * fits, comes after it for the bound. */
#define MIP_DIRECT_COLUMNS 3000
/* Share of the time left that local search gets before the MIP on a small batch, and that LNS
 * gets before the MIP on a larger one (local search itself runs until it converges there). */
#define LOCAL_SHARE_BEFORE_MIP 0.15
#define LNS_SHARE_BEFORE_MIP 0.6
/* Share of the time left that the Lagrangian bound may take (it stops sooner once it stalls). */
#define BOUND_SHARE 0.15
/* The same on a larger batch with order rows, where the order-whole bound runs too
 * (strategies/bound.c): each of its steps solves every order's subproblem exactly, and it needs
 * more of them; the MIP gives no bound there. (A small batch's MIP proves a better bound than
 * either: there the bound keeps the smaller share.) */
#define ORDER_BOUND_SHARE 0.3
/* And on a batch with order rows whose whole-batch MIP will run: the MIP's bound is the better
 * one there, and the order-whole relaxation would use its whole share before it stalls. */
#define BOUND_SHARE_BEFORE_MIP 0.05

static const char *const STRATEGY_NAMES[] = {"auto", "mip", "greedy", NULL};

void src_options_init(SrcOptions *options)
{
    *options = (SrcOptions){.time_limit = 0, .gap = -1, .strategy = NULL};
}

const char *const *src_strategy_names(void)
{
    return STRATEGY_NAMES;
}

void src_thread_cleanup(void)
{
    glp_free_env();
}

const char *src_glpk_version(void)
{
    return glp_version();
}

double src_time_limit(const Sourcing__Batch *batch, const SrcOptions *options)
{
    const Sourcing__SolveOptions *bo = batch->options;
    if (options && options->time_limit > 0)
        return options->time_limit;
    if (bo && bo->has_time_limit && bo->time_limit > 0)
        return bo->time_limit;
    return SRC_DEFAULT_TIME_LIMIT;
}

/* The caller's options over the batch's over the defaults. The time limit stays 0 when only a
 * deadline governs (src_solve's contract in sourcing.h). */
static SrcOptions effective_options(const Sourcing__Batch *batch, const SrcOptions *given)
{
    SrcOptions o;
    src_options_init(&o);
    if (given)
        o = *given;
    const Sourcing__SolveOptions *bo = batch->options;
    if (o.time_limit <= 0 && (o.deadline <= 0 || (bo && bo->has_time_limit && bo->time_limit > 0)))
        o.time_limit = src_time_limit(batch, &o);
    if (o.gap < 0)
        o.gap = bo && bo->has_gap ? bo->gap : 0;
    if (!o.strategy)
        o.strategy = bo && bo->strategy && bo->strategy[0] ? bo->strategy : "auto";
    if (o.tension_threshold <= 0 && bo && bo->has_tension_threshold)
        o.tension_threshold = bo->tension_threshold;
    if (o.price_alert <= 0 && bo && bo->has_price_alert)
        o.price_alert = bo->price_alert;
    if (o.n_explain == 0 && bo && bo->n_explain)
        o.explain = (const char *const *)bo->explain, o.n_explain = bo->n_explain;
    return o;
}

/* Runs one strategy, timing it and naming it in the method when it improved the plan. */
static int run_strategy(const Strategy *strategy, const Problem *p, const Budget *budget, Solution *best,
                        SolveInfo *info, SrcError *err)
{
    double t = src_now();
    progress_phase(budget->progress, strategy->name, t);
    int rc = strategy->improve(p, budget, best, info, err);
    double now = src_now();
    if (strcmp(strategy->name, "mip"))  /* the MIP times its own phases */
        solve_info_phase(info, strategy->name, now - t);
    if (rc > 0)
        solve_info_method(info, strategy->name);
    progress_incumbent(budget->progress, best->cost, now);
    if (info->has_bound)
        progress_bound(budget->progress, info->bound, now);
    return rc;
}

/* Whether the MIP may start: model small enough and time left. Sets the note when not. */
static int mip_worth_trying(const Problem *p, const Budget *budget, SolveInfo *info)
{
    long columns = model_estimate_columns(p);
    if (columns > MIP_MAX_COLUMNS) {
        snprintf(info->note, sizeof info->note,
                 "MIP skipped: about %ld columns is beyond what GLPK can solve in an online budget", columns);
        return 0;
    }
    double lp_seconds = LP_SECONDS_PER_COLUMN_SQUARED * (double)columns * (double)columns;
    double left = budget_left(budget), needed = MIP_MIN_SECONDS + 2 * lp_seconds;
    if (left < needed) {
        if (left <= 0)
            snprintf(info->note, sizeof info->note, "MIP skipped: no time left (model: about %ld columns)", columns);
        else
            snprintf(info->note, sizeof info->note,
                     "MIP skipped: %.3f s left; its model (about %ld columns) needs about %.3f s", left, columns, needed);
        return 0;
    }
    return 1;
}

/* Whether the MIP on the whole batch is likely to run later (and prove a better bound than the
 * Lagrangian ones): directly on a small batch, or after LNS with the share of the time it leaves. */
static int mip_bound_likely(const Problem *p, const Budget *budget, int direct)
{
    SolveInfo scratch = {0};  /* for the note, not kept */
    Budget later = direct ? *budget : budget_slice(budget, (1 - LNS_SHARE_BEFORE_MIP) * (1 - ORDER_BOUND_SHARE));
    return mip_worth_trying(p, &later, &scratch);
}

/* When a solve starting at start with effective options o must end: the earliest of its time
 * limit and its deadline. */
static double end_of(const SrcOptions *o, double start)
{
    double end = o->time_limit > 0 ? start + o->time_limit : o->deadline;
    return o->deadline > 0 ? fmin(end, o->deadline) : end;
}

double src_seconds_allowed(const Sourcing__Batch *batch, const SrcOptions *options)
{
    SrcOptions o = effective_options(batch, options);
    double now = src_now();
    return fmax(0, end_of(&o, now) - now);
}

/* The caller's options are input from outside too (the CLI's flags, the server's deadline). */
static int validate_options(const Sourcing__Batch *batch, const SrcOptions *o, SrcError *err)
{
    if (!isfinite(o->deadline))
        return src_error_set(err, "deadline: must be a finite time, got %g", o->deadline);
    if (src_validate_solve_options("", o->time_limit > 0 || !isfinite(o->time_limit), o->time_limit, 1, o->gap,
                                   o->strategy, err))
        return -1;
    return src_validate_report_options(batch, "", o->tension_threshold != 0, o->tension_threshold,
                                       o->price_alert != 0, o->price_alert, o->explain, o->n_explain, err);
}

/* The solve's Budget: from its start to the earliest end the options allow, less the time kept
 * back for building the plan. */
static Budget budget_of(const SrcOptions *o, const Sourcing__Batch *batch, double start)
{
    double end = end_of(o, start), span = fmax(0, end - start);
    return (Budget){.start = start, .deadline = end - budget_plan_reserve(span, (long)batch->n_orders),
                    .cancel = o->cancel, .gap = o->gap, .options = o};
}

/* auto for a small model: local search for a share of the time, then the MIP on the batch. */
static int small_batch_sequence(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info,
                                SrcError *err)
{
    Budget local = budget_slice(budget, LOCAL_SHARE_BEFORE_MIP);
    if (run_strategy(&STRATEGY_LOCAL, p, &local, best, info, err) < 0)
        return -1;
    return run_strategy(&STRATEGY_MIP, p, budget, best, info, err) < 0 ? -1 : 0;
}

/* auto for a larger model: local search until it converges, then LNS; then, when the whole
 * batch's model fits in the time left, the MIP with the LNS plan as incumbent, for its bound. */
static int large_batch_sequence(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info,
                                SrcError *err)
{
    if (run_strategy(&STRATEGY_LOCAL, p, budget, best, info, err) < 0)
        return -1;
    long columns = model_estimate_columns(p);
    Budget lns = columns <= MIP_MAX_COLUMNS ? budget_slice(budget, LNS_SHARE_BEFORE_MIP) : *budget;
    if (run_strategy(&STRATEGY_LNS, p, &lns, best, info, err) < 0)
        return -1;
    /* the MIP for the bound if it fits in the time left, else more LNS */
    const Strategy *next = mip_worth_trying(p, budget, info) ? &STRATEGY_MIP : &STRATEGY_LNS;
    return run_strategy(next, p, budget, best, info, err) < 0 ? -1 : 0;
}

static int run_sequence(const char *strategy, const Problem *p, const Budget *budget, const Solution *baseline,
                        Solution *best, SolveInfo *info, SrcError *err)
{
    if (!strcmp(strategy, "mip"))
        return run_strategy(&STRATEGY_MIP, p, budget, best, info, err) < 0 ? -1 : 0;
    if (run_strategy(&STRATEGY_GREEDY, p, budget, best, info, err) < 0)
        return -1;
    Budget pass = *budget;  /* what the greedy strategy does, so auto does all of it too */
    pass.max_passes = GREEDY_LOCAL_PASSES;
    if (run_strategy(&STRATEGY_LOCAL, p, &pass, best, info, err) < 0 || !strcmp(strategy, "greedy"))
        return strcmp(strategy, "greedy") ? -1 : 0;
    /* the rules baseline, when cheaper, is the better start for what follows (on large batches,
     * where local search cannot converge in the time, it was) */
    if (baseline_keep_cheaper(best, baseline, info))
        return src_error_set(err, "out of memory"), -1;
    int direct = model_estimate_columns(p) <= MIP_DIRECT_COLUMNS;
    /* a valid bound first, whatever follows */
    double share = problem_is_facility_style(p) ? BOUND_SHARE
                   : mip_bound_likely(p, budget, direct) ? BOUND_SHARE_BEFORE_MIP : ORDER_BOUND_SHARE;
    Budget bound = budget_slice(budget, share);
    if (run_strategy(&STRATEGY_BOUND, p, &bound, best, info, err) < 0)
        return -1;
    int small = direct && mip_worth_trying(p, budget, info);
    if (small ? small_batch_sequence(p, budget, best, info, err)
              : problem_is_facility_style(p) ? run_strategy(&STRATEGY_FACILITY, p, budget, best, info, err) < 0
                                             : large_batch_sequence(p, budget, best, info, err))
        return -1;
    /* whatever time is left goes to local search */
    if (budget_left(budget) > 0.01 && run_strategy(&STRATEGY_LOCAL, p, budget, best, info, err) < 0)
        return -1;
    return 0;
}

static Sourcing__PlanStatus status_of(const Solution *best, SolveInfo *info, double gap)
{
    if (!info->has_bound)
        return SOURCING__PLAN_STATUS__HEURISTIC;
    double scale = fabs(best->cost) > 1 ? fabs(best->cost) : 1;
    if (info->proven_optimal && best->cost <= info->bound + 1e-6 * scale) {
        info->bound = fmin(info->bound, best->cost);  /* agree to the last digit with the plan */
        return SOURCING__PLAN_STATUS__OPTIMAL;
    }
    if (best->cost - info->bound <= fmax(gap * scale, 1e-9 * scale))
        return SOURCING__PLAN_STATUS__OPTIMAL;
    return SOURCING__PLAN_STATUS__FEASIBLE;
}

/* The strategies under the budget, unless cancelled first or the batch could not be indexed in
 * time; then the estimate of the model's size when it was never built. */
static SrcResult search(const SrcOptions *opt, const Problem *p, int truncated, const Budget *budget,
                        const Solution *baseline, Solution *best, SolveInfo *info, SrcError *err)
{
    if (opt->cancel && atomic_load(opt->cancel))
        return SRC_CANCELLED;  /* before any strategy ran: no plan worth the name */
    if (!truncated && run_sequence(opt->strategy, p, budget, baseline, best, info, err))
        return SRC_INTERNAL;
    if (opt->cancel && atomic_load(opt->cancel))
        snprintf(info->note, sizeof info->note, "cancelled: the best plan found until then");
    if (info->columns == 0 && !truncated)
        info->columns = model_estimate_columns(p);  /* the whole-batch model was not built: its size */
    return SRC_OK;
}

/* The batch's anomalies as the plan's warnings (inspect/anomalies.h). 0, or -1 when out of memory. */
static int add_anomalies(Sourcing__Plan *plan, const Problem *p)
{
    Anomalies found;
    int rc = anomalies_find(p, &found);
    for (size_t i = 0; i < found.n && !rc; i++)
        rc = plan_add_warning(plan, found.text[i]);
    anomalies_free(&found);
    return rc;
}

/* The Plan message: the status from what is proven, the rules baseline attached, the tension report
 * and explanations (made within the report budget, timed as the "tension" phase), the time it
 * took as the "plan" phase. The progress path hears the final state first. */
static SrcResult build_plan(Solution *best, const Solution *baseline, const char *no_baseline, SolveInfo *info,
                            const Budget *report_budget, Sourcing__Plan **plan_out, SrcError *err)
{
    Progress *progress = report_budget->progress;
    progress->incumbent = best->cost, progress->has_incumbent = 1;  /* the last word, never held back */
    progress_phase(progress, "tension", src_now());
    double t = src_now();
    Report report;
    if (report_make(&report, best, info, report_budget, err))
        return SRC_INTERNAL;
    solve_info_phase(info, "tension", src_now() - t);
    progress_phase(progress, "plan", src_now());
    t = src_now();
    Sourcing__PlanStatus status = status_of(best, info, info->options->gap);
    solve_info_phase(info, "plan", 0);
    *plan_out = plan_build(best, info, status);
    if (*plan_out && plan_attach_baseline(*plan_out, baseline, no_baseline))
        src_plan_free(*plan_out), *plan_out = NULL;
    if (*plan_out && add_anomalies(*plan_out, best->p))
        src_plan_free(*plan_out), *plan_out = NULL;
    if (*plan_out && report_attach(*plan_out, &report))
        src_plan_free(*plan_out), *plan_out = NULL;
    report_free(&report);
    if (!*plan_out)
        return src_error_set(err, "out of memory building the plan"), SRC_INTERNAL;
    (*plan_out)->phases[(*plan_out)->n_phases - 1]->seconds = src_now() - t;
    return SRC_OK;
}

/* The batch and the options, refused with an INVALID plan naming the field when either is wrong. */
static int refused(const Sourcing__Batch *batch, const SrcOptions *opt, Sourcing__Plan **plan_out, SrcError *err)
{
    if (!src_validate_batch(batch, err) && !validate_options(batch, opt, err))
        return 0;
    *plan_out = plan_invalid(batch, err->message);
    return 1;
}

SrcResult src_solve(const Sourcing__Batch *batch, const SrcOptions *options, Sourcing__Plan **plan_out,
                    SrcError *err)
{
    double t0 = src_now();
    *plan_out = NULL;
    SrcOptions opt = effective_options(batch, options);
    if (refused(batch, &opt, plan_out, err))
        return SRC_INVALID;
    SolveInfo info = {.options = &opt, .seconds_allowed = fmax(0, end_of(&opt, t0) - t0)};
    solve_info_phase(&info, "validate", src_now() - t0);
    Budget budget = budget_of(&opt, batch, t0);
    Progress progress = {.options = &opt, .start = t0};
    budget.progress = &progress;
    double t = src_now();
    SrcError index_err = {{0}};
    Problem *p = problem_build(batch, budget.deadline, &index_err);
    int truncated = p && index_err.message[0];  /* out of time while indexing: nothing can ship */
    if (truncated)
        snprintf(info.note, sizeof info.note, "%s: nothing shipped", index_err.message);
    Solution *best = p ? solution_new(p) : NULL;
    if (!best) {
        problem_free(p);
        src_error_set(err, "%s", p ? "out of memory" : index_err.message);
        return SRC_INTERNAL;
    }
    solve_info_phase(&info, "index", src_now() - t);
    Budget report_budget = budget;  /* the tension report's time is kept back from the search */
    budget.deadline -= report_reserve(p, &opt, budget.deadline - src_now());
    char no_baseline[128] = "no rules baseline: the batch was not indexed in time";
    Solution *baseline = truncated ? NULL : baseline_solve(p, &budget, &info, no_baseline, sizeof no_baseline);
    SrcResult result = search(&opt, p, truncated, &budget, baseline, best, &info, err);
    if (result == SRC_OK && baseline_keep_cheaper(best, baseline, &info))
        result = SRC_INTERNAL, src_error_set(err, "out of memory");
    if (result == SRC_OK)
        result = build_plan(best, baseline, no_baseline, &info, &report_budget, plan_out, err);
    solve_info_free(&info);
    solution_free(baseline);
    solution_free(best);
    problem_free(p);
    return result;
}

/* The plan as a Solution of the batch, refused unless the checker accepts it. */
static SrcResult load_checked(const Sourcing__Batch *batch, const Sourcing__Plan *plan, const Problem *p,
                              Solution **out, SrcError *err)
{
    SrcCheckReport check;
    size_t violations = src_check_plan(batch, plan, &check);
    if (violations)
        src_error_set(err, "the plan does not hold for the batch (%zu violation%s, `sourcing check` lists them): %s",
                      violations, violations == 1 ? "" : "s", check.n_violations ? check.violations[0] : "?");
    src_check_report_free(&check);
    if (violations)
        return SRC_INVALID;
    *out = plan_load(p, plan, err);
    return *out ? SRC_OK : SRC_INVALID;
}

SrcResult src_explain_plan(const Sourcing__Batch *batch, Sourcing__Plan *plan, const SrcOptions *options,
                           SrcError *err)
{
    double t0 = src_now();
    SrcOptions opt = effective_options(batch, options);
    if (src_validate_batch(batch, err) || validate_options(batch, &opt, err))
        return SRC_INVALID;
    Budget budget = budget_of(&opt, batch, t0);
    SrcError index_err = {{0}};
    Problem *p = problem_build(batch, budget.deadline, &index_err);
    if (!p || index_err.message[0]) {
        problem_free(p);
        src_error_set(err, "%s", index_err.message);
        return SRC_INTERNAL;
    }
    Solution *s = NULL;
    SrcResult result = load_checked(batch, plan, p, &s, err);
    SolveInfo info = {.options = &opt};
    Report report;
    if (result == SRC_OK && report_make(&report, s, &info, &budget, err)) {
        result = SRC_INTERNAL;
    } else if (result == SRC_OK) {
        if (report_attach(plan, &report))
            result = SRC_INTERNAL, src_error_set(err, "out of memory");
        report_free(&report);
    }
    solution_free(s);
    problem_free(p);
    return result;
}
