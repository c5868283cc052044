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

/* The row of resource i of a kind (0: none: the model needed none), and the column whose
 * coefficient carries the capacity (a node's z), 0 when the capacity is the row's right-hand side. */
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

/* The LP relaxation of the model under the true unfilled costs (the model keeps only residuals of
 * tiered ones), from the basis of `from` when it has the same shape. 1 when optimal. */
static int solve_relaxation(Model *m, const Model *from, const Budget *budget)
{
    for (int i = 0; i < m->p->n_lines; i++)
        if (m->u_col[i])
            glp_set_obj_coef(m->lp, m->u_col[i], m->p->lines[i].unfilled_cost);
    glp_scale_prob(m->lp, GLP_SF_AUTO);
    if (from && from->n_rows == m->n_rows && from->n_cols == m->n_cols) {
        for (int r = 1; r <= m->n_rows; r++)
            glp_set_row_stat(m->lp, r, glp_get_row_stat(from->lp, r));
        for (int c = 1; c <= m->n_cols; c++)
            glp_set_col_stat(m->lp, c, glp_get_col_stat(from->lp, c));
    } else {
        glp_adv_basis(m->lp, 0);
    }
    return lp_optimal(m->lp, budget);
}

/* A copy of array (n items of size bytes) with item i raised by one; NULL when out of memory. */
static void *raised_copy(const void *array, size_t n, size_t size, int i, int kind)
{
    void *copy = malloc((n + 1) * size);
    if (!copy)
        return NULL;
    memcpy(copy, array, n * size);
    if (kind == RES_STOCK || kind == RES_CARRIER)
        ((int64_t *)copy)[i]++;
    else if (kind == RES_NODE_SHIPMENTS)
        ((PNode *)copy)[i].max_shipments++;
    else
        ((PNode *)copy)[i].max_units++;
    return copy;
}

/* The LP value of the problem with one more unit of resource i of a kind, built afresh (every
 * bound and coefficient the resource sets moves: rows, x's bounds, x <= ub * y). NAN when it did
 * not finish; *integral says whether its optimum is integral. */
static double value_with_one_more(const Model *m, ResourceKind kind, int i, const Budget *budget, int *integral)
{
    const Problem *p = m->p;
    Problem q = *p;  /* shares every array but the one copied */
    void *copy = kind == RES_STOCK ? raised_copy(p->stock, (size_t)p->n_slots, sizeof *p->stock, i, kind)
                 : kind == RES_CARRIER
                     ? raised_copy(p->carrier_cap, (size_t)p->n_carrier_limits, sizeof *p->carrier_cap, i, kind)
                     : raised_copy(p->nodes, (size_t)p->n_nodes, sizeof *p->nodes, i, kind);
    if (!copy)
        return NAN;
    if (kind == RES_STOCK)
        q.stock = copy;
    else if (kind == RES_CARRIER)
        q.carrier_cap = copy;
    else
        q.nodes = copy;
    Model more;
    SrcError err = {{0}};
    double value = NAN;
    *integral = 0;
    if (model_build(&more, &q, budget->deadline, 0, &err) == 0) {
        if (more.n_cols == 0)
            value = glp_get_obj_coef(more.lp, 0), *integral = 1;
        else if (solve_relaxation(&more, m, budget))
            value = glp_get_obj_val(more.lp), *integral = lp_integral(more.lp);
        model_free(&more);
    }
    free(copy);
    return value;
}

/* Use and capacity of resource i of a kind in the plan; capacity 0: unlimited. */
static double utilisation(const Solution *plan, ResourceKind kind, int i)
{
    const Problem *p = plan->p;
    double used, cap;
    switch (kind) {
    case RES_STOCK: used = (double)plan->stock_used[i], cap = (double)p->stock[i]; break;
    case RES_NODE_SHIPMENTS: used = (double)plan->node_ships[i], cap = (double)p->nodes[i].max_shipments; break;
    case RES_NODE_UNITS: used = (double)plan->node_units[i], cap = (double)p->nodes[i].max_units; break;
    default: used = (double)plan->carrier_used[i], cap = (double)p->carrier_cap[i]; break;
    }
    return cap > 0 ? used / cap : 0;
}

/* Stock, node and carrier prices: first each row's dual (a z-coupled row's capacity moves with z),
 * an estimate; then, for the resources at least threshold used or with a positive dual (at most
 * max_checks), what solving the LP again with one more unit saves: exact ("lp") when both LPs are
 * integral and the first costs what the plan costs, else an estimate that, unlike the dual, sees
 * the bounds the resource sets on x. */
static void read_row_prices(ResourcePrices *rp, const Model *m, const Solution *plan, double threshold, int exact,
                            int max_checks, const Budget *budget)
{
    glp_prob *lp = m->lp;
    double value = glp_get_obj_val(lp);
    for (int k = RES_STOCK; k <= RES_CARRIER; k++)
        for (int i = 0; i < resource_count(m->p, (ResourceKind)k); i++) {
            int z, row = row_of(m, (ResourceKind)k, i, &z);
            double scale = z ? glp_get_col_prim(lp, z) : 1;
            rp->price[k][i] = row ? fmax(0, -glp_get_row_dual(lp, row) * scale) : 0;
            rp->source[k][i] = PRICE_LP_ESTIMATE;
        }
    int checks = 0;
    for (int k = RES_STOCK; k <= RES_CARRIER; k++)
        for (int i = 0; i < resource_count(m->p, (ResourceKind)k); i++) {
            if (utilisation(plan, (ResourceKind)k, i) < threshold - 1e-9 && rp->price[k][i] <= 1e-9)
                continue;
            if (checks++ >= max_checks || budget_expired(budget))
                return;
            int integral;
            double more = value_with_one_more(m, (ResourceKind)k, i, budget, &integral);
            if (isnan(more))
                continue;
            double saving = value - more;
            rp->price[k][i] = saving <= 1e-9 * fmax(1, fabs(value)) ? 0 : saving;
            rp->source[k][i] = exact && integral ? PRICE_LP : PRICE_LP_ESTIMATE;
        }
}

/* A lane's weight limit, per kg, summed over the shipments that may use it: the row
 * sum weight * x <= max * y (one lane) or w <= max * y moves by y per kg; the w column's upper
 * bound, when it is the lane's limit, by its reduced cost. */
static void read_weight_prices(ResourcePrices *rp, const Model *m)
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
        rp->source[RES_LANE_WEIGHT][l] = PRICE_LP_ESTIMATE;  /* not re-solved: the dual only */
}

static int run(Model *m, ResourcePrices *rp, const Solution *plan, double threshold, const Budget *budget,
               int max_checks, char *note, size_t note_size, SrcError *err)
{
    const Problem *p = plan->p;
    double plan_cost = plan->cost;
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
    if (!solve_relaxation(m, NULL, budget)) {
        snprintf(note, note_size, "LP prices skipped: the LP relaxation did not finish in the time left");
        return 1;
    }
    double value = glp_get_obj_val(m->lp);
    int integral = lp_integral(m->lp), at_plan = fabs(value - plan_cost) <= 1e-6 * fmax(1, fabs(plan_cost));
    int exact = integral && at_plan;
    read_weight_prices(rp, m);
    read_row_prices(rp, m, plan, threshold, exact, max_checks, budget);
    snprintf(rp->method, sizeof rp->method,
             "LP relaxation (GLPK simplex): %s, value %.10g, the plan %.10g; %s", integral ? "integral" : "fractional",
             value, plan_cost,
             exact ? "a resource at the threshold is priced by solving it again with one more unit, exact (\"lp\") "
                     "when that optimum is integral too; others by their dual (\"lp estimate\")"
                   : "every price is an estimate: what one more unit saves the relaxation, or its dual");
    return 0;
}

int lp_prices_solve(ResourcePrices *rp, const Solution *plan, double threshold, const Budget *budget,
                    int max_checks, char *note, size_t note_size, SrcError *err)
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
        rc = run(m, rp, plan, threshold, budget, max_checks, note, note_size, err);
        glpk_guard_end();
    }
    model_free(m);
    free(m);
    return rc;
}
