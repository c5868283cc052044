/* Shadow prices from the LP relaxation of the model (see lp_prices.h for when they are exact). */
#include "lp_prices.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glpk_guard.h"
#include "model.h"

#define INTEGRAL_TOL 1e-6

int resource_count(const Problem *p, ResourceKind kind)
{
    switch (kind) {
    case RES_STOCK: return p->n_slots;
    case RES_NODE_SHIPMENTS:
    case RES_NODE_UNITS: return p->n_nodes;
    case RES_CARRIER: return p->n_carrier_limits;
    case RES_LANE_WEIGHT: return (int)p->batch->n_lanes;
    default: return 0;
    }
}

int resource_prices_init(ResourcePrices *rp, const Problem *p)
{
    memset(rp, 0, sizeof *rp);
    for (int k = 0; k < RES_KINDS; k++) {
        size_t n = (size_t)resource_count(p, (ResourceKind)k) + 1;
        rp->price[k] = calloc(n, sizeof(double));
        rp->source[k] = calloc(n, 1);
        if (!rp->price[k] || !rp->source[k]) {
            resource_prices_free(rp);
            return -1;
        }
    }
    snprintf(rp->method, sizeof rp->method, "no prices");
    return 0;
}

void resource_prices_free(ResourcePrices *rp)
{
    for (int k = 0; k < RES_KINDS; k++)
        free(rp->price[k]), free(rp->source[k]);
    memset(rp, 0, sizeof *rp);
}

/* The simplex in slices of iterations, so that the budget holds (GLPK checks its own clock rarely);
 * each slice resumes from the basis the last one left. GLPK's code, or GLP_ETMLIM. */
static int simplex_within(glp_prob *lp, const Budget *budget)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int slice = 50;
    for (;;) {
        double t = src_now(), left = budget_left(budget);
        if (left <= 0)
            return GLP_ETMLIM;
        parm.it_lim = slice;
        parm.tm_lim = (int)fmax(1, fmin(1e9, left * 1000));
        int rc = glp_simplex(lp, &parm);
        if (rc != GLP_EITLIM)
            return rc;
        double per_iteration = (src_now() - t) / slice + 1e-7;
        slice = (int)fmax(10, fmin(100000, fmin(0.2, budget_left(budget) / 3) / per_iteration));
    }
}

static int lp_optimal(glp_prob *lp, const Budget *budget)
{
    return simplex_within(lp, budget) == 0 && glp_get_status(lp) == GLP_OPT;
}

static int lp_integral(glp_prob *lp)
{
    for (int j = 1; j <= glp_get_num_cols(lp); j++) {
        double v = glp_get_col_prim(lp, j);
        if (glp_get_col_kind(lp, j) != GLP_CV && fabs(v - round(v)) > INTEGRAL_TOL)
            return 0;
    }
    return 1;
}

/* The row of resource i of a kind (0: none: it cannot bind), and the column whose coefficient
 * carries the capacity (a node's z), 0 when the capacity is the row's right-hand side. */
static int row_of(const Model *m, ResourceKind kind, int i, int *z_col)
{
    *z_col = 0;
    switch (kind) {
    case RES_STOCK: return m->stock_row[i];
    case RES_CARRIER: return m->carrier_row[i];
    case RES_NODE_SHIPMENTS:
    case RES_NODE_UNITS:
        *z_col = m->z_col[i];
        return kind == RES_NODE_SHIPMENTS ? m->node_ships_row[i] : m->node_units_row[i];
    default: return 0;
    }
}

/* Raises (delta = +1) or restores (delta = -1) the capacity of a resource row by one unit: its
 * right-hand side, or the coefficient -capacity of its z column. */
static void bump_capacity(glp_prob *lp, int row, int z_col, int delta)
{
    if (!z_col) {
        glp_set_row_bnds(lp, row, GLP_UP, 0, glp_get_row_ub(lp, row) + delta);
        return;
    }
    int n = glp_get_mat_row(lp, row, NULL, NULL);
    int *ind = malloc(((size_t)n + 1) * sizeof *ind);
    double *val = malloc(((size_t)n + 1) * sizeof *val);
    if (ind && val) {
        glp_get_mat_row(lp, row, ind, val);
        for (int k = 1; k <= n; k++)
            if (ind[k] == z_col)
                val[k] -= delta;
        glp_set_mat_row(lp, row, n, ind, val);
    }
    free(ind);
    free(val);
}

/* What one more unit of the resource saves when the LP with it has an integral optimum (then that
 * optimum is the MIP's too, and the saving is exact); -1 when it has not (or ran out of time). */
static double saving_of_one_more(glp_prob *lp, int row, int z_col, double value, const Budget *budget)
{
    bump_capacity(lp, row, z_col, +1);
    double saving = lp_optimal(lp, budget) && lp_integral(lp) ? fmax(0, value - glp_get_obj_val(lp)) : -1;
    bump_capacity(lp, row, z_col, -1);
    return saving;
}

/* Stock, node and carrier prices from the rows' duals; a z-coupled row's capacity moves with z. */
static void read_row_prices(ResourcePrices *rp, const Model *m, int exact, int max_checks, const Budget *budget)
{
    glp_prob *lp = m->lp;
    double value = glp_get_obj_val(lp);
    int checks = 0;
    /* the duals first: a check's solve changes the basis they are read from */
    for (int k = RES_STOCK; k <= RES_CARRIER; k++)
        for (int i = 0; i < resource_count(m->p, (ResourceKind)k); i++) {
            int z, row = row_of(m, (ResourceKind)k, i, &z);
            double scale = z ? glp_get_col_prim(lp, z) : 1;
            rp->price[k][i] = row ? fmax(0, -glp_get_row_dual(lp, row) * scale) : 0;
            rp->source[k][i] = exact && rp->price[k][i] <= 1e-9 ? PRICE_LP : PRICE_LP_ESTIMATE;
        }
    for (int k = RES_STOCK; k <= RES_CARRIER && exact; k++)
        for (int i = 0; i < resource_count(m->p, (ResourceKind)k); i++) {
            int z, row = row_of(m, (ResourceKind)k, i, &z);
            if (rp->price[k][i] <= 1e-9 || checks >= max_checks || budget_expired(budget))
                continue;
            checks++;
            /* the dual is one subgradient: at a degenerate optimum, one more unit may save less */
            double saving = saving_of_one_more(lp, row, z, value, budget);
            if (saving >= 0)
                rp->price[k][i] = saving < 1e-9 * fmax(1, fabs(value)) ? 0 : saving, rp->source[k][i] = PRICE_LP;
        }
}

/* A lane's weight limit, per kg, summed over the shipments that may use it: the row
 * sum weight * x <= max * y (one lane) or w <= max * y moves by y per kg; the w column's upper
 * bound, when it is the lane's limit, by its reduced cost. */
static void read_weight_prices(ResourcePrices *rp, const Model *m, int exact)
{
    const Problem *p = m->p;
    glp_prob *lp = m->lp;
    for (int opt = 0; opt < p->n_options; opt++) {
        int row = m->weight_row[opt], lane = p->options[opt].lane, w = m->w_col[opt];
        double max = p->options[opt].max_weight_kg, y = m->y_col[opt] ? glp_get_col_prim(lp, m->y_col[opt]) : 1;
        if (!row || max <= 0)
            continue;
        if (w && fabs(glp_get_col_ub(lp, w) - max) > 1e-9)
            continue;  /* the shipment cannot even weigh the lane's limit */
        double price = fmax(0, -glp_get_row_dual(lp, row) * y);
        if (w && glp_get_col_stat(lp, w) == GLP_NU)
            price += fmax(0, -glp_get_col_dual(lp, w));
        rp->price[RES_LANE_WEIGHT][lane] += price;
    }
    for (int l = 0; l < resource_count(p, RES_LANE_WEIGHT); l++)
        rp->source[RES_LANE_WEIGHT][l] = exact && rp->price[RES_LANE_WEIGHT][l] <= 1e-9 ? PRICE_LP : PRICE_LP_ESTIMATE;
}

/* The relaxation under the true unfilled costs (the model keeps only residuals of tiered ones). */
static int solve_relaxation(Model *m, const Budget *budget)
{
    for (int i = 0; i < m->p->n_lines; i++)
        if (m->u_col[i])
            glp_set_obj_coef(m->lp, m->u_col[i], m->p->lines[i].unfilled_cost);
    glp_scale_prob(m->lp, GLP_SF_AUTO);
    glp_adv_basis(m->lp, 0);
    return lp_optimal(m->lp, budget);
}

static int run(Model *m, ResourcePrices *rp, const Problem *p, double plan_cost, const Budget *budget,
               int max_checks, char *note, size_t note_size, SrcError *err)
{
    if (model_build(m, p, budget->deadline, 0, err)) {
        snprintf(note, note_size, "LP prices skipped: %s", err->message);
        return 1;
    }
    if (m->n_cols == 0) {  /* nothing can ship: no resource is used, none is worth anything */
        for (int k = 0; k < RES_KINDS; k++)
            memset(rp->source[k], PRICE_LP, (size_t)resource_count(p, (ResourceKind)k));
        snprintf(rp->method, sizeof rp->method, "lp: nothing can ship, so no resource is worth anything");
        return 0;
    }
    if (!solve_relaxation(m, budget)) {
        snprintf(note, note_size, "LP prices skipped: the LP relaxation did not finish in the time left");
        return 1;
    }
    double value = glp_get_obj_val(m->lp);
    int integral = lp_integral(m->lp), at_plan = fabs(value - plan_cost) <= 1e-6 * fmax(1, fabs(plan_cost));
    int exact = integral && at_plan;
    read_weight_prices(rp, m, exact);
    read_row_prices(rp, m, exact, max_checks, budget);
    snprintf(rp->method, sizeof rp->method,
             "LP relaxation duals (GLPK simplex): relaxation %s, value %.10g against the plan's %.10g; %s",
             integral ? "integral" : "fractional", value, plan_cost,
             exact ? "\"lp\" prices are exact: each positive one is what solving again with one more unit saved"
                   : "so every price is an LP estimate");
    return 0;
}

int lp_prices_solve(ResourcePrices *rp, const Problem *p, double plan_cost, const Budget *budget, int max_checks,
                    char *note, size_t note_size, SrcError *err)
{
    Model *m = calloc(1, sizeof *m);
    if (!m)
        return src_error_set(err, "LP prices: out of memory");
    GlpkGuard guard;
    int rc;
    if (GLPK_GUARD_BEGIN(guard)) {
        glpk_guard_recover();
        m->lp = NULL;  /* freed with the environment */
        rc = src_error_set(err, "GLPK failed inside the LP of the shadow prices (internal error)");
    } else {
        glp_term_out(GLP_OFF);
        rc = run(m, rp, p, plan_cost, budget, max_checks, note, note_size, err);
        glpk_guard_end();
    }
    model_free(m);
    free(m);
    return rc;
}
