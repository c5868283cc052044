/* The MIP strategy: build the model, solve its LP relaxation, then GLPK's branch-and-cut with the
 * time left, the best plan so far handed to GLPK as its first incumbent (so the answer is never
 * worse). Unfilled costs that dwarf every other cost are solved for first, tier by tier, each
 * stage starting from the plan the last one left (stages.h). Reports the bound under the true
 * costs; a GLPK fault fails this solve only (glpk_guard.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glpk_guard.h"
#include "model.h"
#include "stages.h"
#include "strategy.h"
#include "test_fault.h"

/* The LP relaxation may take at most this share of the time left: without it there is no MIP,
 * and a relaxation that slow leaves branch-and-cut no time anyway. */
#define LP_SHARE 0.6

typedef struct MipRun {
    const Budget *budget;       /* the stage's */
    double *incumbent_point;    /* the plan the stage starts from, as column values */
    int gave_incumbent;
    int has_bound;
    double bound;               /* a lower bound on every plan's true cost */
    Stages stages;
    int stage;                  /* the stage being solved */
    double stage_bound;         /* a lower bound on that stage's objective */
    Solution *plan;             /* the plan the stages have reached */
} MipRun;

static int ms_left(const Budget *budget)
{
    double left = budget_left(budget);
    return left <= 0 ? 0 : left > 1e6 ? 1000000000 : (int)(left * 1000);
}

/* The MIP's news for the solve's progress: in the base stage, GLPK's objective plus the fixed
 * tiers is what its plan costs at most; with one stage, GLPK's bound is the batch's. */
static void report_progress(MipRun *run, glp_tree *tree)
{
    Progress *progress = run->budget->progress;
    double now = src_now();
    glp_prob *lp = glp_ios_get_prob(tree);
    int base = run->stage == run->stages.n - 1;
    if (base && (glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT))
        progress_incumbent(progress, run->stages.fixed + glp_mip_obj_val(lp), now);
    if (run->stages.n == 1 && run->has_bound)
        progress_bound(progress, run->bound, now);
}

/* A lower bound on the stage's objective: the bound under the true costs follows (stages.h). */
static void note_stage_bound(MipRun *run, double stage_bound)
{
    run->stage_bound = fmax(run->stage_bound, stage_bound);
    double bound = stages_bound(&run->stages, run->stage, run->stage_bound);
    if (!run->has_bound || bound > run->bound)
        run->bound = bound;
    run->has_bound = 1;
}

static void on_tree(glp_tree *tree, void *ctx)
{
    MipRun *run = ctx;
    if (glp_ios_reason(tree) == GLP_IHEUR && run->incumbent_point && !run->gave_incumbent) {
        run->gave_incumbent = 1;
        glp_ios_heur_sol(tree, run->incumbent_point);
    }
    int best_node = glp_ios_best_node(tree);
    if (best_node)
        note_stage_bound(run, glp_ios_node_bound(tree, best_node));
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

/* Solves the LP relaxation, the first stage's from scratch, a later one's from the basis the last
 * stage left (if GLPK still has one); 1 when optimal (its value is a bound), 0 when not (note set). */
static int solve_relaxation(Model *m, const Budget *budget, MipRun *run, SolveInfo *info, int first)
{
    if (first) {
        glp_scale_prob(m->lp, GLP_SF_AUTO);
        glp_std_basis(m->lp);
    }
    Budget lp_budget = budget_slice(budget, LP_SHARE);
    int rc = simplex_in_slices(m->lp, &lp_budget);
    if (!first && (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND)) {
        glp_std_basis(m->lp);
        rc = simplex_in_slices(m->lp, &lp_budget);
    }
    if (rc != 0 || glp_get_status(m->lp) != GLP_OPT) {
        snprintf(info->note, sizeof info->note, "MIP skipped: the LP relaxation %s",
                 rc == GLP_ETMLIM ? "did not finish in the time left" : "failed");
        return 0;
    }
    note_stage_bound(run, glp_get_obj_val(m->lp));
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

/* Whether a costs less than b under the true costs, beyond the noise of adding costs up: relative
 * 1e-12, so that a plan 2 cheaper still counts when both cost about 1e9 (unfilled penalties). */
static int cheaper(const Solution *a, const Solution *b)
{
    return a->cost < b->cost - 1e-12 * fmax(1, fabs(b->cost)) - 1e-9;
}

/* The objective of the stage being solved at plan s; NAN when out of memory. */
static double stage_value(const MipRun *run, const Model *m, const Solution *s)
{
    double *point = model_point_of(m, s);
    double value = point ? stages_value(&run->stages, run->stage, point) : NAN;
    free(point);
    return value;
}

/* Takes the MIP's plan as the stages' plan when it is better for the stage: a smaller tier count
 * (counts are whole), or, in the base stage or at an equal count, cheaper. 1 taken, 0 not, -1 out
 * of memory. */
static int take_stage_plan(const Model *m, MipRun *run)
{
    int status = glp_mip_status(m->lp);
    if (status != GLP_OPT && status != GLP_FEAS)
        return 0;
    Solution *s = solution_new(m->p);
    if (!s || model_extract(m, s)) {
        solution_free(s);
        return -1;
    }
    int taken = cheaper(s, run->plan);
    if (run->stage < run->stages.n - 1) {
        double mine = stage_value(run, m, s), before = stage_value(run, m, run->plan);
        taken = isnan(mine) || isnan(before) ? -1 : mine < before - 0.5 || (mine < before + 0.5 && taken);
    }
    if (taken > 0 && solution_copy(run->plan, s))
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

/* The budget of stage k: a tier's stage gets an even share of the time left (they are usually
 * over at the root) and solves to a zero gap (a count is whole units of a huge cost); the base
 * stage gets what is left. */
static Budget stage_budget(const Budget *budget, const MipRun *run, int k)
{
    if (k == run->stages.n - 1)
        return *budget;
    Budget b = budget_slice(budget, 1.0 / (run->stages.n - k));
    b.gap = 0;
    return b;
}

/* One stage: its LP relaxation, then branch-and-cut from the stages' plan as incumbent, which
 * the stage's plan replaces when better. The relaxation may use a share of the whole budget (the
 * first one, from scratch, is the dearest; later ones start from its basis), the search the
 * stage's share of what is left then. *finished when the search completed. Returns 0; 1 when the
 * relaxation did not finish (no further stage can run); -1 out of memory. */
static int solve_stage(Model *m, MipRun *run, const Budget *budget, SolveInfo *info, int *finished,
                       double seconds[2])
{
    double t = src_now();
    int relaxed = solve_relaxation(m, budget, run, info, run->stage == 0);
    seconds[0] += src_now() - t;
    if (!relaxed)
        return 1;
    if (budget_expired(budget))
        return 0;
    t = src_now();
    free(run->incumbent_point);
    run->incumbent_point = model_point_of(m, run->plan);
    run->gave_incumbent = 0;
    if (!run->incumbent_point)
        return -1;
    Budget stage = stage_budget(budget, run, run->stage);
    run->budget = &stage;
    int rc = branch_and_cut(m, run->budget, run);
    run->budget = budget;
    seconds[1] += src_now() - t;
    if (rc == 0 && glp_mip_status(m->lp) == GLP_OPT) {
        /* the search finished: GLPK's optimum bounds the stage, and the plan kept below is at
         * least as good (its cost recomputed by us may differ from GLPK's in the last digits) */
        *finished = 1;
        note_stage_bound(run, glp_mip_obj_val(m->lp));
    } else if (rc != 0 && rc != GLP_ETMLIM && rc != GLP_ESTOP && rc != GLP_EMIPGAP) {
        snprintf(info->note, sizeof info->note, "GLPK branch-and-cut stopped with code %d", rc);
    }
    if (take_stage_plan(m, run) < 0)
        return -1;
    return 0;
}

/* The stages, each from the plan the last one left; after a tier's stage its count is fixed at
 * that plan's. Returns 1 when the stages' plan replaced best, 0 when not, -1 out of memory. */
static int run_stages(Model *m, MipRun *run, const Budget *budget, Solution *best, SolveInfo *info)
{
    run->plan = solution_new(m->p);
    if (!run->plan || solution_copy(run->plan, best) || stages_init(&run->stages, m))
        return -1;
    double seconds[2] = {0, 0};
    int n = run->stages.n, all_finished = 1, rc = 0;
    for (int k = 0; k < n && rc == 0 && !budget_expired(budget); k++) {
        run->stage = k;
        run->stage_bound = 0;  /* every stage's objective is >= 0 */
        note_stage_bound(run, 0);
        stages_set_objective(&run->stages, k);
        int finished = 0;
        rc = solve_stage(m, run, budget, info, &finished, seconds);
        all_finished &= finished;
        if (rc == 0 && k < n - 1) {
            double count = stage_value(run, m, run->plan);
            rc = isnan(count) || stages_fix_tier(&run->stages, k, count, finished ? count : run->stage_bound) ? -1 : 0;
            run->stage = k + 1;  /* the next stage's objective is >= 0 too */
            run->stage_bound = 0;
            note_stage_bound(run, 0);
        }
    }
    solve_info_phase(info, "lp", seconds[0]);
    if (seconds[1] > 0)
        solve_info_phase(info, "mip", seconds[1]);
    if (rc < 0)
        return -1;
    info->proven_optimal = all_finished && run->stage == n - 1 && budget->gap <= 0 &&
                           stages_tight(&run->stages, run->stage_bound);
    if (!cheaper(run->plan, best))
        return 0;
    return solution_copy(best, run->plan) ? -1 : 1;
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
    if (test_fault_wanted(p->batch->name, TEST_FAULT_GLPK))
        glp_set_col_bnds(m->lp, 0, GLP_FX, 0, 0);   /* column 0 does not exist: GLPK faults */
    record_model(m, info);
    solve_info_phase(info, "build", src_now() - t);
    if (m->n_cols == 0) {  /* nothing can ship: the plan that ships nothing is the only one */
        run->has_bound = 1;
        run->bound = best->cost;
        return 0;
    }
    int taken = run_stages(m, run, budget, best, info);
    return taken < 0 ? src_error_set(err, "MIP: out of memory") : taken;
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
    solution_free(run->plan);
    stages_free(&run->stages);
    free(run);
    model_free(m);
    free(m);
    return rc;
}

const Strategy STRATEGY_MIP = {"mip", mip_improve};
