/* The transportation LP of a facility-style problem for a set of open nodes (see transport.h). */
#include "transport.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "glpk_guard.h"

/* A unit left unfilled costs at most this many times the dearest unit shipped: the LP then ships
 * whatever it can, and GLPK never sees the 1e9 penalties that wreck its tolerances. */
#define UNFILLED_CAP_FACTOR 10.0
/* A move of the facility search toggles one or two nodes: from the last basis, the dual simplex (a
 * node closed: the basis may ship from it, primal infeasible but still dual feasible) or the primal
 * simplex (nodes opened: their cells to price in) takes tens to hundreds of pivots, where a cold
 * start takes thousands (on capa about 15 ms against 150 ms). Larger changes, and warm starts
 * that stall (the dual simplex was seen stalling for seconds on this degenerate LP), start cold
 * from the all-unfilled basis. */
#define WARM_MOVE_NODES 2
#define WARM_ITERATIONS 5000

struct Transport {
    const Problem *p;
    int *node_start, *node_cands;   /* candidates of each node */
    int *cell_col;                  /* per cell: its column in the LP, 0 = none */
    int *slot_row, *node_row;       /* per slot / node: its row in the LP, 0 = none */
    double *slot_room, *node_room;  /* what the cells of all nodes could take from each */
    glp_prob *lp;                   /* every cell's column, closed nodes' fixed at 0; NULL until used */
    unsigned char *lp_open;         /* per node: whether its cells are open in lp */
    unsigned char *has_cols;        /* per node: whether its cells are columns of lp yet */
    long n_cells;
    double unfilled_cap;
    int64_t *units;                 /* per line of one order */
};

static void choose_unfilled_cap(Transport *t)
{
    const Problem *p = t->p;
    double dearest = 1e-9;
    for (int k = 0; k < p->n_cands; k++)
        for (int i = 0; i < p->orders[p->cands[k].order].n_lines; i++)
            dearest = fmax(dearest, cand_unit_cost_on_first_lane(p, &p->cands[k], i));
    t->unfilled_cap = UNFILLED_CAP_FACTOR * dearest;
}

Transport *transport_new(const Problem *p)
{
    Transport *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->p = p;
    t->n_cells = problem_n_cells(p);
    t->cell_col = calloc((size_t)t->n_cells + 1, sizeof(int));
    t->slot_row = calloc((size_t)p->n_slots + 1, sizeof(int));
    t->node_row = calloc((size_t)p->n_nodes + 1, sizeof(int));
    t->slot_room = calloc((size_t)p->n_slots + 1, sizeof(double));
    t->node_room = calloc((size_t)p->n_nodes + 1, sizeof(double));
    t->units = calloc((size_t)p->n_lines + 1, sizeof(int64_t));
    t->lp_open = calloc((size_t)p->n_nodes + 1, 1);
    t->has_cols = calloc((size_t)p->n_nodes + 1, 1);
    if (!t->lp_open || !t->has_cols || problem_candidates_by_node(p, &t->node_start, &t->node_cands) || !t->cell_col || !t->slot_row ||
        !t->node_row || !t->slot_room || !t->node_room || !t->units) {
        transport_free(t);
        return NULL;
    }
    choose_unfilled_cap(t);
    return t;
}

void transport_free(Transport *t)
{
    if (!t)
        return;
    free(t->node_start); free(t->node_cands); free(t->cell_col); free(t->slot_row); free(t->node_row);
    free(t->slot_room); free(t->node_room); free(t->units);
    free(t->lp_open); free(t->has_cols);
    if (t->lp)
        glp_delete_prob(t->lp);
    free(t);
}

static int is_open(const Transport *t, const unsigned char *open, int n)
{
    return t->p->nodes[n].activation_cost <= 0 || open[n];
}

/* Rows for the unit capacities and stocks that the cells of all nodes together could exceed: the
 * rows of every open set are among them, and a row that cannot bind costs the simplex nothing. */
static void add_capacity_rows(Transport *t, glp_prob *lp)
{
    const Problem *p = t->p;
    memset(t->slot_room, 0, (size_t)p->n_slots * sizeof(double));
    memset(t->node_room, 0, (size_t)p->n_nodes * sizeof(double));
    memset(t->slot_row, 0, (size_t)p->n_slots * sizeof(int));
    memset(t->node_row, 0, (size_t)p->n_nodes * sizeof(int));
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            double ub = cand_cell_upper(p, c, i);
            t->node_room[c->node] += ub;
            if (ub > 0)
                t->slot_room[cand_slots(p, c)[i]] += ub;
        }
    }
    for (int n = 0; n < p->n_nodes; n++)
        if (p->nodes[n].max_units > 0 && t->node_room[n] > (double)p->nodes[n].max_units) {
            t->node_row[n] = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, t->node_row[n], GLP_UP, 0, (double)p->nodes[n].max_units);
        }
    for (int s = 0; s < p->n_slots; s++)
        if (t->slot_room[s] > (double)p->stock[s]) {
            t->slot_row[s] = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, t->slot_row[s], GLP_UP, 0, (double)p->stock[s]);
        }
}

/* Adds node n's cells that can carry units as columns, in the rows of their line, node and slot,
 * closed (fixed at 0). A node's columns are added when it first opens, so the LP holds only the
 * nodes the search has tried (all of them would be 100 000 columns on capa, millions on a large
 * batch). New columns are nonbasic: the last basis stays a warm start. */
static void add_node_cols(Transport *t, int n)
{
    const Problem *p = t->p;
    for (int j = t->node_start[n]; j < t->node_start[n + 1]; j++) {
        const PCandidate *c = &p->cands[t->node_cands[j]];
        const POrder *order = &p->orders[c->order];
        for (int i = 0; i < order->n_lines; i++) {
            if (cand_cell_upper(p, c, i) <= 0)
                continue;
            int col = t->cell_col[c->first_cell + i] = glp_add_cols(t->lp, 1);
            glp_set_col_bnds(t->lp, col, GLP_FX, 0, 0);
            glp_set_obj_coef(t->lp, col, cand_unit_cost_on_first_lane(p, c, i));
            int rows[4] = {0, 1 + order->first_line + i}, len = 1;
            const double ones[4] = {0, 1, 1, 1};
            if (t->slot_row[cand_slots(p, c)[i]])
                rows[++len] = t->slot_row[cand_slots(p, c)[i]];
            if (t->node_row[n])
                rows[++len] = t->node_row[n];
            glp_set_mat_col(t->lp, col, len, rows, ones);
        }
    }
    t->has_cols[n] = 1;
}

/* The LP with no node's cells yet: rows 1..n_lines are the lines (shipped + unfilled = quantity),
 * columns 1..n_lines their unfilled units; then the capacity rows. */
static glp_prob *build_lp(Transport *t)
{
    const Problem *p = t->p;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    if (p->n_lines > 0) {
        glp_add_rows(lp, p->n_lines);
        glp_add_cols(lp, p->n_lines);
    }
    for (int l = 0; l < p->n_lines; l++) {
        double q = (double)p->lines[l].quantity;
        const int row[2] = {0, 1 + l};
        const double one[2] = {0, 1};
        glp_set_row_bnds(lp, 1 + l, GLP_FX, q, q);
        glp_set_col_bnds(lp, 1 + l, q > 0 ? GLP_DB : GLP_FX, 0, q);
        glp_set_obj_coef(lp, 1 + l, fmin(p->lines[l].unfilled_cost, t->unfilled_cap));
        glp_set_mat_col(lp, 1 + l, 1, row, one);
    }
    add_capacity_rows(t, lp);
    return lp;
}

/* Opens or closes node n's cells in the LP: their bounds become [0, cell bound] or [0, 0]. */
static void set_node_open(Transport *t, int n, int open)
{
    const Problem *p = t->p;
    if (open && !t->has_cols[n])
        add_node_cols(t, n);
    for (int j = t->node_start[n]; j < t->node_start[n + 1]; j++) {
        const PCandidate *c = &p->cands[t->node_cands[j]];
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            int col = t->cell_col[c->first_cell + i];
            if (col)
                glp_set_col_bnds(t->lp, col, open ? GLP_DB : GLP_FX, 0, open ? cand_cell_upper(p, c, i) : 0);
        }
    }
    t->lp_open[n] = (unsigned char)open;
}

/* Reads the LP's solution into s: one shipment per candidate that carries units. */
static int read_plan(Transport *t, glp_prob *lp, Solution *s)
{
    const Problem *p = t->p;
    for (int o = 0; o < p->n_orders; o++)
        solution_clear_order(s, o);
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        int64_t total = 0;
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            int col = t->cell_col[c->first_cell + i];
            t->units[i] = col ? (int64_t)llround(glp_get_col_prim(lp, col)) : 0;
            total += t->units[i];
        }
        if (total > 0 && solution_add(s, c->order, k, c->first_option, t->units))
            return -1;
    }
    return 0;
}

/* A primal feasible basis to start from: every line's unfilled units basic (all of it unfilled),
 * every capacity row's slack basic, every cell at zero. The simplex needs no phase 1 then. */
static void feasible_basis(glp_prob *lp, int n_lines)
{
    for (int r = 1; r <= glp_get_num_rows(lp); r++)
        glp_set_row_stat(lp, r, r <= n_lines ? GLP_NS : GLP_BS);
    for (int c = 1; c <= glp_get_num_cols(lp); c++)
        glp_set_col_stat(lp, c, c <= n_lines ? GLP_BS : GLP_NL);
}

/* Brings the LP's bounds to the open set, touching only the nodes whose state changed (counted in
 * *changed). Returns whether any node closed (the last basis may ship from it: primal infeasible). */
static int apply_open_set(Transport *t, const unsigned char *open, int *changed)
{
    int closed = 0;
    for (int n = 0; n < t->p->n_nodes; n++) {
        int want = is_open(t, open, n);
        if (want != t->lp_open[n]) {
            closed |= !want, ++*changed;
            set_node_open(t, n, want);
        }
    }
    return closed;
}

/* 0 when the LP is solved to optimality within the iterations (0: no limit) and seconds. */
static int simplex(glp_prob *lp, int method, int iterations, double seconds)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = method;
    parm.tm_lim = (int)fmax(1, fmin(seconds * 1000, 1e9));
    parm.it_lim = iterations > 0 ? iterations : INT_MAX;
    return glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT ? 0 : -1;
}

/* Brings the LP to the open set and solves it: warm for a move, cold for a new set (see
 * WARM_MOVE_NODES). */
static int solve_open_set(Transport *t, const unsigned char *open, double seconds, Solution *s)
{
    double deadline = src_now() + seconds;
    if (!t->lp) {
        t->lp = build_lp(t);
        memset(t->lp_open, 0, (size_t)t->p->n_nodes);
        memset(t->has_cols, 0, (size_t)t->p->n_nodes);
        memset(t->cell_col, 0, (size_t)t->n_cells * sizeof(int));
    }
    int changed = 0, closed = apply_open_set(t, open, &changed), rc = -1;
    if (changed <= WARM_MOVE_NODES)
        rc = simplex(t->lp, closed ? GLP_DUALP : GLP_PRIMAL, WARM_ITERATIONS, seconds);
    if (rc && src_now() < deadline) {
        feasible_basis(t->lp, t->p->n_lines);
        rc = simplex(t->lp, GLP_PRIMAL, 0, deadline - src_now());
    }
    return rc ? -1 : read_plan(t, t->lp, s);
}

int transport_solve(Transport *t, const unsigned char *open, double seconds, Solution *s)
{
    GlpkGuard guard;
    if (GLPK_GUARD_BEGIN(guard)) {  /* a GLPK fault: this thread's GLPK objects are gone */
        glpk_guard_recover();
        t->lp = NULL;
        return -1;
    }
    int rc = solve_open_set(t, open, seconds, s);
    glpk_guard_end();
    return rc;
}
