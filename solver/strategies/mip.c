/* The MIP strategy: build the model, solve its LP relaxation, then GLPK's branch-and-cut with the
 * time left, the best plan so far handed to GLPK as its first incumbent (so the answer is never
 * worse). Reports the bound; a GLPK fault fails this solve only (glpk_guard.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glpk_guard.h"
#include "model.h"
#include "strategy.h"

/* The LP relaxation may take at most this share of the time left: without it there is no MIP,
 * and a relaxation that slow leaves branch-and-cut no time anyway. */
#define LP_SHARE 0.6

typedef struct MipRun {
    const Budget *budget;
    double *incumbent_point;    /* the best plan so far as column values */
    double incumbent_cost;      /* and its cost */
    int gave_incumbent;
    int has_bound;
    double bound;
    double last_progress;
} MipRun;

static int ms_left(const Budget *budget)
{
    double left = budget_left(budget);
    return left <= 0 ? 0 : left > 1e6 ? 1000000000 : (int)(left * 1000);
}

static void report_progress(MipRun *run, glp_tree *tree)
{
    const SrcOptions *options = run->budget->options;
    double now = src_now();
    if (!options || !options->progress || now - run->last_progress < 1.0)
        return;
    run->last_progress = now;
    glp_prob *lp = glp_ios_get_prob(tree);
    SrcProgress progress = {.elapsed = now - run->budget->start, .has_bound = run->has_bound, .bound = run->bound,
                            .has_incumbent = 1, .incumbent = run->incumbent_cost};
    if ((glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT) && glp_mip_obj_val(lp) < progress.incumbent)
        progress.incumbent = glp_mip_obj_val(lp);
    if (run->has_bound)
        progress.gap = (progress.incumbent - run->bound) / fmax(fabs(progress.incumbent), 1e-9);
    options->progress(&progress, options->progress_ctx);
}

static void on_tree(glp_tree *tree, void *ctx)
{
    MipRun *run = ctx;
    if (glp_ios_reason(tree) == GLP_IHEUR && run->incumbent_point && !run->gave_incumbent) {
        run->gave_incumbent = 1;
        glp_ios_heur_sol(tree, run->incumbent_point);
    }
    int best_node = glp_ios_best_node(tree);
    if (best_node) {
        double bound = glp_ios_node_bound(tree, best_node);
        if (!run->has_bound || bound > run->bound)
            run->bound = bound;
        run->has_bound = 1;
    }
    report_progress(run, tree);
    if (budget_expired(run->budget))
        glp_ios_terminate(tree);
}

/* Runs the simplex method in slices of iterations, so that the deadline holds: GLPK checks its
 * own time limit too rarely on large models. Each slice resumes from the basis the last one left.
 * Returns GLPK's code of the last slice, or GLP_ETMLIM when the time ran out. */
static int simplex_in_slices(glp_prob *lp, const Budget *budget)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int slice = 50;
    for (;;) {
        double t = src_now();
        if (budget_expired(budget))
            return GLP_ETMLIM;
        parm.it_lim = slice;
        int rc = glp_simplex(lp, &parm);
        if (rc != GLP_EITLIM)
            return rc;
        /* each slice restarts GLPK's pricing, so slices are long: a fifth of a second, and at
         * most a third of the time left */
        double per_iteration = (src_now() - t) / slice + 1e-7;
        double target = fmin(0.2, budget_left(budget) / 3);
        slice = (int)fmax(10, fmin(100000, target / per_iteration));
    }
}

/* Solves the LP relaxation; 1 when optimal (its value is a bound), 0 when not (note set). */
static int solve_relaxation(Model *m, const Budget *budget, MipRun *run, SolveInfo *info)
{
    glp_scale_prob(m->lp, GLP_SF_AUTO);
    glp_std_basis(m->lp);
    Budget lp_budget = budget_slice(budget, LP_SHARE);
    int rc = simplex_in_slices(m->lp, &lp_budget);
    if (rc != 0 || glp_get_status(m->lp) != GLP_OPT) {
        snprintf(info->note, sizeof info->note, "MIP skipped: the LP relaxation %s",
                 rc == GLP_ETMLIM ? "did not finish in the time left" : "failed");
        return 0;
    }
    run->has_bound = 1;
    run->bound = glp_get_obj_val(m->lp);
    return 1;
}

/* Branch-and-cut; returns GLPK's code. */
static int branch_and_cut(Model *m, const Budget *budget, MipRun *run)
{
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = ms_left(budget);
    parm.mip_gap = budget->gap;
    parm.cb_func = on_tree;
    parm.cb_info = run;
    parm.mir_cuts = GLP_ON;
    parm.gmi_cuts = GLP_ON;
    parm.cov_cuts = GLP_ON;
    parm.clq_cuts = GLP_ON;
    return glp_intopt(m->lp, &parm);
}

/* Takes the MIP's plan when it is better than best. Returns 1 taken, 0 not, -1 out of memory. */
static int take_mip_plan(const Model *m, Solution *best)
{
    int status = glp_mip_status(m->lp);
    if (status != GLP_OPT && status != GLP_FEAS)
        return 0;
    Solution *s = solution_new(m->p);
    if (!s || model_extract(m, s)) {
        solution_free(s);
        return -1;
    }
    int taken = s->cost < best->cost - 1e-9 * (best->cost > 1 ? best->cost : 1);
    if (taken && solution_copy(best, s))
        taken = -1;
    solution_free(s);
    return taken;
}

static void record_model(const Model *m, SolveInfo *info)
{
    info->rows = m->n_rows;
    info->columns = m->n_cols;
    info->integer_columns = m->n_integer;
    info->nonzeros = m->n_nonzeros;
}

/* Everything that touches GLPK, under the guard. */
static int run_mip(Model *m, MipRun *run, const Problem *p, const Budget *budget, Solution *best,
                   SolveInfo *info, SrcError *err)
{
    double t = src_now();
    if (model_build(m, p, budget->deadline, 0, err)) {
        snprintf(info->note, sizeof info->note, "MIP skipped: %s", err->message);
        return 0;
    }
    record_model(m, info);
    solve_info_phase(info, "build", src_now() - t);
    if (m->n_cols == 0) {  /* nothing can ship: the plan that ships nothing is the only one */
        run->has_bound = 1;
        run->bound = best->cost;
        return 0;
    }
    t = src_now();
    int relaxed = solve_relaxation(m, budget, run, info);
    solve_info_phase(info, "lp", src_now() - t);
    if (!relaxed || budget_expired(budget))
        return 0;
    t = src_now();
    run->incumbent_point = model_point_of(m, best);
    if (!run->incumbent_point)
        return src_error_set(err, "MIP: out of memory");
    int rc = branch_and_cut(m, budget, run);
    solve_info_phase(info, "mip", src_now() - t);
    if (rc == 0 && glp_mip_status(m->lp) == GLP_OPT) {
        /* the search finished: GLPK's optimum is the bound, and the plan kept below is at least
         * as good (its cost recomputed by us may differ from GLPK's in the last digits) */
        run->bound = glp_mip_obj_val(m->lp);
        run->has_bound = 1;
        info->proven_optimal = budget->gap <= 0;
    } else if (rc != 0 && rc != GLP_ETMLIM && rc != GLP_ESTOP && rc != GLP_EMIPGAP) {
        snprintf(info->note, sizeof info->note, "GLPK branch-and-cut stopped with code %d", rc);
    }
    int taken = take_mip_plan(m, best);
    if (taken < 0)
        return src_error_set(err, "MIP: out of memory");
    return taken;
}

static int mip_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    Model *m = calloc(1, sizeof *m);
    MipRun *run = calloc(1, sizeof *run);
    if (!m || !run) {
        free(m);
        free(run);
        return src_error_set(err, "MIP: out of memory");
    }
    run->budget = budget;
    run->incumbent_cost = best->cost;
    GlpkGuard guard;
    int rc;
    if (GLPK_GUARD_BEGIN(guard)) {
        glpk_guard_recover();
        m->lp = NULL;  /* freed with the environment */
        rc = src_error_set(err, "GLPK failed inside the MIP solve (internal error); no MIP plan");
    } else {
        glp_term_out(GLP_OFF);
        rc = run_mip(m, run, p, budget, best, info, err);
        glpk_guard_end();
    }
    if (run->has_bound && (!info->has_bound || run->bound > info->bound)) {
        info->has_bound = 1;
        info->bound = run->bound;
        info->bound_method = "mip";
    }
    free(run->incumbent_point);
    free(run);
    model_free(m);
    free(m);
    return rc;
}

const Strategy STRATEGY_MIP = {"mip", mip_improve};
