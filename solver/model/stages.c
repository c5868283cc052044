/* The stages' objectives, the rows that fix the tiers' counts, and the bound they prove (see
 * stages.h). */
#include "stages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Counts are whole numbers: a bound of 2.0000001 on one proves 3 would be too much, but GLPK's
 * bounds carry noise of about 1e-9, so this much is taken off before rounding up. */
#define COUNT_NOISE 1e-6

int stages_init(Stages *st, Model *m)
{
    memset(st, 0, sizeof *st);
    st->m = m;
    st->n = m->tiers.n + 1;
    st->base_obj = malloc(((size_t)m->n_cols + 1) * sizeof(double));
    if (!st->base_obj)
        return -1;
    for (int c = 0; c <= m->n_cols; c++)
        st->base_obj[c] = glp_get_obj_coef(m->lp, c);
    st->constant = st->base_obj[0];
    st->above = st->fixed = st->constant;
    st->beyond = INFINITY;
    glp_set_obj_coef(m->lp, 0, 0);
    return 0;
}

void stages_free(Stages *st)
{
    free(st->base_obj);
    st->base_obj = NULL;
}

static int is_base(const Stages *st, int stage)
{
    return stage == st->n - 1;
}

void stages_set_objective(const Stages *st, int stage)
{
    const Model *m = st->m;
    for (int c = 1; c <= m->n_cols; c++)
        glp_set_obj_coef(m->lp, c, is_base(st, stage) ? st->base_obj[c] : 0);
    if (is_base(st, stage))
        return;
    for (int i = 0; i < m->p->n_lines; i++)
        if (m->u_col[i] && m->tiers.of_line[i] == stage)
            glp_set_obj_coef(m->lp, m->u_col[i], m->tiers.weight[i]);
}

double stages_value(const Stages *st, int stage, const double *point)
{
    const Model *m = st->m;
    double value = 0;
    if (is_base(st, stage)) {
        for (int c = 1; c <= m->n_cols; c++)
            value += st->base_obj[c] * point[c];
        return value;
    }
    for (int i = 0; i < m->p->n_lines; i++)
        if (m->u_col[i] && m->tiers.of_line[i] == stage)
            value += m->tiers.weight[i] * point[m->u_col[i]];
    return value;
}

/* A lower bound on a tier's count, from a lower bound on its stage's objective. */
static double whole_count(double bound)
{
    return ceil(fmax(0, bound) - COUNT_NOISE);
}

double stages_bound(const Stages *st, int stage, double stage_bound)
{
    double within = is_base(st, stage) ? fmax(0, stage_bound) : st->m->tiers.unit[stage] * whole_count(stage_bound);
    return fmin(st->beyond, st->above + within);
}

int stages_fix_tier(Stages *st, int tier, double count, double count_bound)
{
    const Model *m = st->m;
    int *ind = malloc(((size_t)m->p->n_lines + 1) * sizeof(int));
    double *val = malloc(((size_t)m->p->n_lines + 1) * sizeof(double));
    if (!ind || !val) {
        free(ind);
        free(val);
        return -1;
    }
    int len = 0;
    for (int i = 0; i < m->p->n_lines; i++)
        if (m->u_col[i] && m->tiers.of_line[i] == tier) {
            len++;
            ind[len] = m->u_col[i];
            val[len] = m->tiers.weight[i];
        }
    int row = glp_add_rows(m->lp, 1);
    glp_set_mat_row(m->lp, row, len, ind, val);
    glp_set_row_bnds(m->lp, row, GLP_UP, 0, count);
    free(ind);
    free(val);
    double unit = m->tiers.unit[tier];
    st->beyond = fmin(st->beyond, st->above + unit * (count + 1));
    st->above += unit * whole_count(count_bound);
    st->fixed += unit * count;
    return 0;
}

int stages_tight(const Stages *st, double base_bound)
{
    double within = st->above + fmax(0, base_bound);
    return st->beyond >= within - 1e-9 * fmax(1, fabs(within));
}

void stages_true_objective(Model *m)
{
    for (int i = 0; i < m->p->n_lines; i++)
        if (m->u_col[i])
            glp_set_obj_coef(m->lp, m->u_col[i], m->p->lines[i].unfilled_cost);
}
