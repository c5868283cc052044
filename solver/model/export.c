/* Exporting the MIP as CPLEX LP or MPS, with readable column names, for other solvers. The file
 * holds one objective with the true unfilled costs, however large: the exact problem, for solvers
 * that take it whole. GLPK itself solves it in stages, penalty tiers first (stages.h); those
 * depend on what each stage finds, so they are not in the file. */
#include <stdio.h>
#include <stdlib.h>

#include "glpk_guard.h"
#include "model.h"
#include "out_file.h"
#include "stages.h"
#include "sourcing.h"
#include "validate.h"

/* The objective's constant (the unfilled cost of lines no node can ship) as a column fixed at 1:
 * glp_write_lp writes the constant only as a comment, and MPS readers disagree on the sign of an
 * objective-row right-hand side (glpsol adds it, cbc subtracts it). With the column, every solver
 * reports the plan's total cost. */
static void constant_as_column(glp_prob *lp)
{
    double constant = glp_get_obj_coef(lp, 0);
    if (constant == 0)
        return;
    int j = glp_add_cols(lp, 1);
    glp_set_col_name(lp, j, "objconst");
    glp_set_col_bnds(lp, j, GLP_FX, 1, 1);
    glp_set_obj_coef(lp, j, constant);
    glp_set_obj_coef(lp, 0, 0);
}

/* The model's name: the batch's, cut at 32 characters, every character outside [A-Za-z0-9_.-]
 * made '_'. MPS readers split the NAME line at blanks, and CBC overflows a buffer on a long one. */
static void set_model_name(glp_prob *lp, const char *batch_name)
{
    char name[33];
    size_t n = 0;
    for (; batch_name[n] && n < sizeof name - 1; n++) {
        char ch = batch_name[n];
        int plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '_' || ch == '.' || ch == '-';
        name[n] = plain ? ch : '_';
    }
    name[n] = '\0';
    glp_set_prob_name(lp, name);
}

static int write_model(Model *m, const Problem *p, const char *path, SrcModelFormat format, SrcError *err)
{
    if (model_build(m, p, 0, 1, err))
        return -1;
    stages_true_objective(m);
    glp_set_obj_name(m->lp, "cost");
    constant_as_column(m->lp);
    if (p->batch->name && p->batch->name[0])
        set_model_name(m->lp, p->batch->name);
    /* atomically (out_file.h): GLPK opens the temporary file by its name and writes it whole,
     * out_file_close syncs that same file and renames it over path */
    OutFile out;
    if (out_file_open(&out, path, err))
        return -1;
    const char *to = out.tmp ? out.tmp : path;
    int rc = format == SRC_FORMAT_LP ? glp_write_lp(m->lp, NULL, to) : glp_write_mps(m->lp, GLP_MPS_FILE, NULL, to);
    if (rc)
        src_error_set(err, "%s: GLPK could not write the model", path);
    return out_file_close(&out, rc, err);
}

int src_export_model(const Sourcing__Batch *batch, const char *path, SrcModelFormat format, SrcError *err)
{
    if (src_validate_batch(batch, err))
        return -1;
    Problem *p = problem_build(batch, 0, err);
    Model *m = calloc(1, sizeof *m);
    if (!p || !m) {
        free(m);
        problem_free(p);
        return p ? src_error_set(err, "out of memory") : -1;
    }
    GlpkGuard guard;
    int rc;
    if (GLPK_GUARD_BEGIN(guard)) {
        glpk_guard_recover();
        m->lp = NULL;
        rc = src_error_set(err, "GLPK failed while writing %s", path);
    } else {
        glp_term_out(GLP_OFF);
        rc = write_model(m, p, path, format, err);
        glpk_guard_end();
    }
    model_free(m);
    free(m);
    problem_free(p);
    return rc;
}
