/* Building the GLPK model of a Problem (see model.h for the formulation). */
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "grow.h"
#include "sourcing.h"

/* Columns and rows are collected in plain arrays, then handed to GLPK in one go. */
typedef struct Builder {
    Model *m;
    const Problem *p;
    int with_names;
    /* columns, 1-based */
    int n_cols;
    size_t cap_cols;
    char *col_kind;
    double *col_lo, *col_hi, *col_obj;
    char **col_name;
    /* rows, 1-based, and the matrix triplets */
    int n_rows;
    size_t cap_rows;
    char *row_type;
    double *row_lo, *row_hi;
    long n_nz;
    size_t cap_nz;
    int *ia, *ja;
    double *ar;
    int failed;
} Builder;

static int add_col(Builder *b, char kind, double lo, double hi, double obj, const char *name)
{
    int c = b->n_cols + 1;
    if ((size_t)c >= b->cap_cols) {
        void **arrays[] = {(void **)&b->col_kind, (void **)&b->col_lo, (void **)&b->col_hi, (void **)&b->col_obj,
                           (void **)&b->col_name};
        const size_t sizes[] = {1, sizeof(double), sizeof(double), sizeof(double), sizeof(char *)};
        if (grow_parallel(arrays, sizes, 5, &b->cap_cols, (size_t)c + 1)) {
            b->failed = 1;
            return 0;
        }
    }
    b->col_kind[c] = kind;
    b->col_lo[c] = lo;
    b->col_hi[c] = hi;
    b->col_obj[c] = obj;
    b->col_name[c] = b->with_names && name ? strdup(name) : NULL;
    b->n_cols = c;
    return c;
}

/* Starts a new row: type 'U' (<= hi), 'L' (>= lo), 'E' (= lo). */
static void begin_row(Builder *b, char type, double lo, double hi)
{
    int r = b->n_rows + 1;
    if ((size_t)r >= b->cap_rows) {
        void **arrays[] = {(void **)&b->row_type, (void **)&b->row_lo, (void **)&b->row_hi};
        const size_t sizes[] = {1, sizeof(double), sizeof(double)};
        if (grow_parallel(arrays, sizes, 3, &b->cap_rows, (size_t)r + 1)) {
            b->failed = 1;
            return;
        }
    }
    b->row_type[r] = type;
    b->row_lo[r] = lo;
    b->row_hi[r] = hi;
    b->n_rows = r;
}

static void add_nz_at(Builder *b, int row, int col, double coef)
{
    if (!row || !col || coef == 0 || b->failed)
        return;
    long k = b->n_nz + 1;
    if ((size_t)k >= b->cap_nz) {
        void **arrays[] = {(void **)&b->ia, (void **)&b->ja, (void **)&b->ar};
        const size_t sizes[] = {sizeof(int), sizeof(int), sizeof(double)};
        if (grow_parallel(arrays, sizes, 3, &b->cap_nz, (size_t)k + 1)) {
            b->failed = 1;
            return;
        }
    }
    b->ia[k] = row;
    b->ja[k] = col;
    b->ar[k] = coef;
    b->n_nz = k;
}
/* Adds a coefficient to the row begun last. */
static void add_nz(Builder *b, int col, double coef)
{
    add_nz_at(b, b->n_rows, col, coef);
}

/* ---------------------------------------------------------------- bounds of x */

static int needs_weight_cols(const Problem *p, const PCandidate *c)
{
    if (c->n_options < 2 || cand_max_weight(p, c) <= 0)
        return 0;
    for (int j = 0; j < c->n_options; j++) {
        const PLaneOption *opt = &p->options[c->first_option + j];
        if (opt->cost_per_kg > 0 || opt->max_weight_kg > 0)
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- columns */

/* Presolve: a candidate whose shipment is free (cand_shipment_is_free) gets no shipment binary;
 * its units link straight to the node's activation (x <= ub * z), and a facility-style batch
 * (OR-Library) becomes the classic strong facility location model, without a binary per
 * (order, node). */

static const char *name_of(Builder *b, char *buf, size_t size, const char *kind, const char *a,
                           const char *c, const char *d)
{
    if (!b->with_names)
        return NULL;
    /* GLPK refuses names over 255 characters: long ids are cut (names are for people only) */
    snprintf(buf, size < 256 ? size : 256, "%s(%s,%s%s%s)", kind, a, c, d ? "," : "", d ? d : "");
    for (char *q = buf; *q; q++)  /* CPLEX LP names: no spaces or operators */
        if (*q == ' ' || *q == ':' || *q == '+' || *q == '-' || *q == '*' || *q == '<' || *q == '>' || *q == '=')
            *q = '_';
    return buf;
}

static void add_candidate_cols(Builder *b, int cand)
{
    const Problem *p = b->p;
    const Sourcing__Batch *batch = p->batch;
    const PCandidate *c = &p->cands[cand];
    const POrder *order = &p->orders[c->order];
    const char *order_id = batch->orders[c->order]->id, *node_id = batch->nodes[c->node]->id;
    const double *unit_cost = cand_unit_costs(p, c);
    int weights = needs_weight_cols(p, c);
    double max_weight = cand_max_weight(p, c);
    char name[512];
    for (int j = 0; j < c->n_options; j++) {
        int opt = c->first_option + j;
        const PLaneOption *o = &p->options[opt];
        const char *carrier = batch->lanes[o->lane]->carrier;
        if (!cand_shipment_is_free(p, c))
            b->m->y_col[opt] = add_col(b, 'B', 0, 1, o->fixed_cost, name_of(b, name, sizeof name, "y", order_id, node_id, carrier));
        if (weights) {
            double ub = o->max_weight_kg > 0 && o->max_weight_kg < max_weight ? o->max_weight_kg : max_weight;
            b->m->w_col[opt] = add_col(b, 'C', 0, ub, o->cost_per_kg, name_of(b, name, sizeof name, "w", order_id, node_id, carrier));
        }
    }
    double per_kg = c->n_options == 1 ? p->options[c->first_option].cost_per_kg : 0;
    for (int i = 0; i < order->n_lines; i++) {
        double ub = cand_cell_upper(p, c, i);
        if (ub <= 0)
            continue;
        const PLine *line = &p->lines[order->first_line + i];
        char idx[32];
        snprintf(idx, sizeof idx, "%d", i);
        double obj = unit_cost[i] + per_kg * line->unit_weight_kg;
        b->m->x_col[c->first_cell + i] = add_col(b, 'I', 0, ub, obj, name_of(b, name, sizeof name, "x", order_id, node_id, idx));
    }
}

static void add_cols(Builder *b)
{
    const Problem *p = b->p;
    char name[512];
    for (int n = 0; n < p->n_nodes; n++)
        if (p->nodes[n].activation_cost > 0)
            b->m->z_col[n] = add_col(b, 'B', 0, 1, p->nodes[n].activation_cost,
                                     name_of(b, name, sizeof name, "z", p->batch->nodes[n]->id, "", NULL));
    for (int o = 0; o < p->n_orders; o++) {
        const POrder *order = &p->orders[o];
        if (order->split_cost > 0 && order->n_cands >= 2 && order->max_shipments != 1)
            b->m->s_col[o] = add_col(b, 'C', 0, order->n_cands - 1, order->split_cost,
                                     name_of(b, name, sizeof name, "s", p->batch->orders[o]->id, "", NULL));
        for (int k = 0; k < order->n_cands; k++)
            add_candidate_cols(b, order->first_cand + k);
    }
}

/* ---------------------------------------------------------------- rows */

/* Adds coef * (sum of the candidate's y columns). */
static void add_shipment_terms(Builder *b, const PCandidate *c, double coef)
{
    for (int j = 0; j < c->n_options; j++)
        add_nz(b, b->m->y_col[c->first_option + j], coef);
}

/* Weight: on one lane, sum weight * x <= max * y; on several, w carries the weight of the lane used. */
static void add_weight_rows(Builder *b, const PCandidate *c)
{
    const Problem *p = b->p;
    const POrder *order = &p->orders[c->order];
    const int *x = b->m->x_col + c->first_cell;
    const PLaneOption *first = &p->options[c->first_option];
    if (c->n_options == 1 && first->max_weight_kg > 0 && cand_max_weight(p, c) > first->max_weight_kg) {
        begin_row(b, 'U', 0, 0);
        b->m->weight_row[c->first_option] = b->n_rows;
        for (int i = 0; i < order->n_lines; i++)
            add_nz(b, x[i], p->lines[order->first_line + i].unit_weight_kg);
        add_nz(b, b->m->y_col[c->first_option], -first->max_weight_kg);
    }
    if (!b->m->w_col[c->first_option])
        return;
    begin_row(b, 'E', 0, 0);
    for (int j = 0; j < c->n_options; j++)
        add_nz(b, b->m->w_col[c->first_option + j], 1);
    for (int i = 0; i < order->n_lines; i++)
        add_nz(b, x[i], -p->lines[order->first_line + i].unit_weight_kg);
    for (int j = 0; j < c->n_options; j++) {
        int w = b->m->w_col[c->first_option + j];
        begin_row(b, 'U', 0, 0);
        b->m->weight_row[c->first_option + j] = b->n_rows;
        add_nz(b, w, 1);
        add_nz(b, b->m->y_col[c->first_option + j], -b->col_hi[w]);
    }
}

static void add_candidate_rows(Builder *b, const PCandidate *c)
{
    const Problem *p = b->p;
    const POrder *order = &p->orders[c->order];
    const int *x = b->m->x_col + c->first_cell;
    if (c->n_options > 1) {                         /* one lane per (order, node) */
        begin_row(b, 'U', 0, 1);
        add_shipment_terms(b, c, 1);
    }
    int z = b->m->z_col[c->node], has_y = b->m->y_col[c->first_option] != 0;
    for (int i = 0; i < order->n_lines; i++) {      /* x <= ub * shipment, or ub * active */
        if (!x[i] || (!has_y && !z))
            continue;
        begin_row(b, 'U', 0, 0);
        add_nz(b, x[i], 1);
        if (has_y)
            add_shipment_terms(b, c, -cand_cell_upper(p, c, i));
        else
            add_nz(b, z, -cand_cell_upper(p, c, i));
    }
    if (z && has_y) {                               /* shipment <= node active */
        begin_row(b, 'U', 0, 0);
        add_shipment_terms(b, c, 1);
        add_nz(b, b->m->z_col[c->node], -1);
    }
    add_weight_rows(b, c);
}

/* Rows shared by many candidates: node capacities, stock, carrier limits, order lines. Each is
 * made only when it can bind. */
typedef struct SharedRows {
    int *node_ships, *node_units;   /* per node */
    int *stock;                     /* per slot */
    int *carrier;                   /* per carrier limit */
    int *line;                      /* per order line */
    double *node_cands, *node_ub, *slot_ub, *carrier_options, *line_cells;
} SharedRows;

static void measure_shared(Builder *b, SharedRows *r)
{
    const Problem *p = b->p;
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        const POrder *order = &p->orders[c->order];
        r->node_cands[c->node] += 1;
        for (int j = 0; j < c->n_options; j++)
            if (p->options[c->first_option + j].carrier_limit >= 0)
                r->carrier_options[p->options[c->first_option + j].carrier_limit] += 1;
        for (int i = 0; i < order->n_lines; i++) {
            double ub = cand_cell_upper(p, c, i);
            if (ub <= 0)
                continue;
            r->node_ub[c->node] += ub;
            r->slot_ub[cand_slots(p, c)[i]] += ub;
            r->line_cells[order->first_line + i] += 1;
        }
    }
}

static void begin_shared_rows(Builder *b, SharedRows *r)
{
    const Problem *p = b->p;
    for (int n = 0; n < p->n_nodes; n++) {
        const PNode *node = &p->nodes[n];
        int z = b->m->z_col[n];
        if (node->max_shipments > 0 && r->node_cands[n] > (double)node->max_shipments) {
            begin_row(b, 'U', 0, z ? 0 : (double)node->max_shipments);
            add_nz(b, z, -(double)node->max_shipments);
            r->node_ships[n] = b->n_rows;
        }
        if (node->max_units > 0 && r->node_ub[n] > (double)node->max_units) {
            begin_row(b, 'U', 0, z ? 0 : (double)node->max_units);
            add_nz(b, z, -(double)node->max_units);
            r->node_units[n] = b->n_rows;
        }
    }
    for (int slot = 0; slot < p->n_slots; slot++)
        if (r->slot_ub[slot] > (double)p->stock[slot]) {
            begin_row(b, 'U', 0, (double)p->stock[slot]);
            r->stock[slot] = b->n_rows;
        }
    for (int cl = 0; cl < p->n_carrier_limits; cl++)
        if (p->carrier_cap[cl] > 0 && r->carrier_options[cl] > (double)p->carrier_cap[cl]) {
            begin_row(b, 'U', 0, (double)p->carrier_cap[cl]);
            r->carrier[cl] = b->n_rows;
        }
    char name[64];
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < p->orders[o].n_lines; k++) {
            int i = p->orders[o].first_line + k;
            if (r->line_cells[i] == 0)
                continue;
            /* shipped + unfilled = quantity */
            snprintf(name, sizeof name, "u(%d)", i);
            double cost = b->m->tiers.base_cost[i];  /* huge unfilled costs: tiers.h */
            b->m->u_col[i] = add_col(b, 'C', 0, (double)p->lines[i].quantity, cost, name);
            begin_row(b, 'E', (double)p->lines[i].quantity, (double)p->lines[i].quantity);
            add_nz(b, b->m->u_col[i], 1);
            r->line[i] = b->n_rows;
        }
}

static void fill_shared_rows(Builder *b, const SharedRows *r, const PCandidate *c)
{
    const Problem *p = b->p;
    const POrder *order = &p->orders[c->order];
    const int *x = b->m->x_col + c->first_cell;
    for (int j = 0; j < c->n_options; j++) {
        int y = b->m->y_col[c->first_option + j], cl = p->options[c->first_option + j].carrier_limit;
        add_nz_at(b, r->node_ships[c->node], y, 1);
        if (cl >= 0)
            add_nz_at(b, r->carrier[cl], y, 1);
    }
    for (int i = 0; i < order->n_lines; i++) {
        if (!x[i])
            continue;
        add_nz_at(b, r->node_units[c->node], x[i], 1);
        add_nz_at(b, r->stock[cand_slots(p, c)[i]], x[i], 1);
        add_nz_at(b, r->line[order->first_line + i], x[i], 1);
    }
}

/* Order rows: at most max_shipments shipments; s >= shipments - 1. */
static void add_order_rows(Builder *b, int o)
{
    const Problem *p = b->p;
    const POrder *order = &p->orders[o];
    if (order->max_shipments > 0 && order->n_cands > order->max_shipments) {
        begin_row(b, 'U', 0, (double)order->max_shipments);
        for (int k = 0; k < order->n_cands; k++)
            add_shipment_terms(b, &p->cands[order->first_cand + k], 1);
    }
    if (b->m->s_col[o]) {
        begin_row(b, 'U', 0, 1);
        for (int k = 0; k < order->n_cands; k++)
            add_shipment_terms(b, &p->cands[order->first_cand + k], 1);
        add_nz(b, b->m->s_col[o], -1);
    }
}

static int add_rows(Builder *b, double deadline)
{
    const Problem *p = b->p;
    SharedRows r = {0};
    r.node_ships = calloc((size_t)p->n_nodes + 1, sizeof(int));
    r.node_units = calloc((size_t)p->n_nodes + 1, sizeof(int));
    r.stock = calloc((size_t)p->n_slots + 1, sizeof(int));
    r.carrier = calloc((size_t)p->n_carrier_limits + 1, sizeof(int));
    r.line = calloc((size_t)p->n_lines + 1, sizeof(int));
    r.node_cands = calloc((size_t)p->n_nodes + 1, sizeof(double));
    r.node_ub = calloc((size_t)p->n_nodes + 1, sizeof(double));
    r.slot_ub = calloc((size_t)p->n_slots + 1, sizeof(double));
    r.carrier_options = calloc((size_t)p->n_carrier_limits + 1, sizeof(double));
    r.line_cells = calloc((size_t)p->n_lines + 1, sizeof(double));
    int rc = 0;
    if (!r.node_ships || !r.node_units || !r.stock || !r.carrier || !r.line || !r.node_cands ||
        !r.node_ub || !r.slot_ub || !r.carrier_options || !r.line_cells) {
        b->failed = 1;
    } else {
        measure_shared(b, &r);
        begin_shared_rows(b, &r);
        for (int k = 0; k < p->n_cands && !b->failed; k++) {
            fill_shared_rows(b, &r, &p->cands[k]);
            add_candidate_rows(b, &p->cands[k]);
            if ((k & 255) == 255 && deadline > 0 && src_now() > deadline) {
                rc = 1;
                break;
            }
        }
        for (int o = 0; o < p->n_orders && !rc; o++)
            add_order_rows(b, o);
    }
    /* the resource rows stay with the model (their duals: lp_prices.h) */
    b->m->node_ships_row = r.node_ships, b->m->node_units_row = r.node_units;
    b->m->stock_row = r.stock, b->m->carrier_row = r.carrier;
    free(r.line);
    free(r.node_cands); free(r.node_ub); free(r.slot_ub); free(r.carrier_options); free(r.line_cells);
    return rc;
}

/* ---------------------------------------------------------------- into GLPK */

static void load_into_glpk(Builder *b)
{
    glp_prob *lp = b->m->lp;
    double constant = 0;  /* lines nothing can ship are unfilled whatever happens */
    for (int i = 0; i < b->p->n_lines; i++)
        if (!b->m->u_col[i])
            constant += (double)b->p->lines[i].quantity * b->p->lines[i].unfilled_cost;
    glp_set_obj_dir(lp, GLP_MIN);
    glp_set_obj_coef(lp, 0, constant);
    if (b->n_cols > 0)
        glp_add_cols(lp, b->n_cols);
    for (int c = 1; c <= b->n_cols; c++) {
        glp_set_col_kind(lp, c, b->col_kind[c] == 'B' ? GLP_BV : b->col_kind[c] == 'I' ? GLP_IV : GLP_CV);
        if (b->col_kind[c] != 'B')
            glp_set_col_bnds(lp, c, b->col_hi[c] > b->col_lo[c] ? GLP_DB : GLP_FX, b->col_lo[c], b->col_hi[c]);
        glp_set_obj_coef(lp, c, b->col_obj[c]);
        if (b->col_name[c])
            glp_set_col_name(lp, c, b->col_name[c]);
    }
    if (b->n_rows > 0)
        glp_add_rows(lp, b->n_rows);
    for (int r = 1; r <= b->n_rows; r++) {
        char t = b->row_type[r];
        glp_set_row_bnds(lp, r, t == 'U' ? GLP_UP : t == 'L' ? GLP_LO : GLP_FX, b->row_lo[r], b->row_hi[r]);
    }
    if (b->n_nz > 0)
        glp_load_matrix(lp, (int)b->n_nz, b->ia, b->ja, b->ar);
}

static void builder_free(Builder *b)
{
    for (int c = 1; c <= b->n_cols; c++)
        free(b->col_name[c]);
    free(b->col_kind); free(b->col_lo); free(b->col_hi); free(b->col_obj); free(b->col_name);
    free(b->row_type); free(b->row_lo); free(b->row_hi);
    free(b->ia); free(b->ja); free(b->ar);
}

int model_build(Model *m, const Problem *p, double deadline, int with_names, SrcError *err)
{
    memset(m, 0, sizeof *m);
    m->p = p;
    m->y_col = calloc((size_t)p->n_options + 1, sizeof(int));
    m->w_col = calloc((size_t)p->n_options + 1, sizeof(int));
    m->z_col = calloc((size_t)p->n_nodes + 1, sizeof(int));
    m->s_col = calloc((size_t)p->n_orders + 1, sizeof(int));
    m->u_col = calloc((size_t)p->n_lines + 1, sizeof(int));
    m->weight_row = calloc((size_t)p->n_options + 1, sizeof(int));
    long cells = problem_n_cells(p);
    m->x_col = calloc((size_t)cells + 1, sizeof(int));
    Builder b = {.m = m, .p = p, .with_names = with_names};
    b.failed = !m->y_col || !m->w_col || !m->z_col || !m->s_col || !m->x_col || !m->u_col || !m->weight_row;
    if (!b.failed)
        add_cols(&b);
    if (!b.failed && tiers_build(&m->tiers, p, m->x_col))
        b.failed = 1;
    int late = b.failed ? 0 : add_rows(&b, deadline);
    int rc = 0;
    if (b.failed) {
        rc = src_error_set(err, "model: out of memory");
    } else if (late) {
        rc = src_error_set(err, "model: time limit reached while building");
    } else {
        m->lp = glp_create_prob();
        load_into_glpk(&b);
        m->n_cols = b.n_cols;
        m->n_rows = b.n_rows;
        m->n_nonzeros = b.n_nz;
        for (int c = 1; c <= b.n_cols; c++)
            m->n_integer += b.col_kind[c] != 'C';
    }
    builder_free(&b);
    if (rc)
        model_free(m);
    return rc;
}

void model_free(Model *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->y_col); free(m->w_col); free(m->x_col); free(m->z_col); free(m->s_col); free(m->u_col);
    free(m->stock_row); free(m->node_ships_row); free(m->node_units_row); free(m->carrier_row); free(m->weight_row);
    tiers_free(&m->tiers);
    memset(m, 0, sizeof *m);
}

long model_order_columns(const Problem *p, int o)
{
    const POrder *order = &p->orders[o];
    long cols = order->n_lines + (order->split_cost > 0 && order->n_cands > 1);  /* u per line, s */
    for (int j = 0; j < order->n_cands; j++) {
        const PCandidate *c = &p->cands[order->first_cand + j];
        for (int i = 0; i < order->n_lines; i++)
            cols += cand_slots(p, c)[i] >= 0;                /* x per stocked cell */
        if (!cand_shipment_is_free(p, c))                     /* y, and w when there are several */
            cols += c->n_options * (c->n_options > 1 ? 2 : 1);
    }
    return cols;
}

long model_estimate_columns(const Problem *p)
{
    long cols = 0;
    for (int n = 0; n < p->n_nodes; n++)
        cols += p->nodes[n].activation_cost > 0;  /* z */
    for (int o = 0; o < p->n_orders; o++)
        cols += model_order_columns(p, o);
    return cols;
}

double *model_point_of(const Model *m, const Solution *s)
{
    const Problem *p = m->p;
    double *x = calloc((size_t)m->n_cols + 1, sizeof(double));
    if (!x)
        return NULL;
    for (int i = 0; i < p->n_lines; i++)
        if (m->u_col[i])
            x[m->u_col[i]] = (double)p->lines[i].quantity;
    for (int o = 0; o < p->n_orders; o++) {
        const SolOrder *so = &s->orders[o];
        if (m->s_col[o] && so->n_ships > 1)
            x[m->s_col[o]] = so->n_ships - 1;
        for (int k = 0; k < so->n_ships; k++) {
            const SolShipment *sh = &so->ships[k];
            const PCandidate *c = &p->cands[sh->cand];
            double weight = 0;
            shipment_cost(p, sh->cand, sh->option, sh->units, &weight);
            if (m->y_col[sh->option])
                x[m->y_col[sh->option]] = 1;
            if (m->w_col[sh->option])
                x[m->w_col[sh->option]] = weight;
            if (m->z_col[c->node])
                x[m->z_col[c->node]] = 1;
            for (int i = 0; i < p->orders[o].n_lines; i++) {
                if (m->x_col[c->first_cell + i])
                    x[m->x_col[c->first_cell + i]] = (double)sh->units[i];
                if (m->u_col[p->orders[o].first_line + i])
                    x[m->u_col[p->orders[o].first_line + i]] -= (double)sh->units[i];
            }
        }
    }
    return x;
}

int model_extract(const Model *m, Solution *s)
{
    const Problem *p = m->p;
    int64_t *units = malloc(((size_t)1 + (size_t)(p->n_lines > 0 ? p->n_lines : 1)) * sizeof(int64_t));
    if (!units)
        return -1;
    int rc = 0;
    for (int k = 0; k < p->n_cands && !rc; k++) {
        const PCandidate *c = &p->cands[k];
        int chosen = m->y_col[c->first_option] ? -1 : c->first_option;  /* no binary: its units say */
        for (int j = 0; j < c->n_options && m->y_col[c->first_option]; j++)
            if (glp_mip_col_val(m->lp, m->y_col[c->first_option + j]) > 0.5)
                chosen = c->first_option + j;
        if (chosen < 0)
            continue;
        int64_t total = 0;
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            int col = m->x_col[c->first_cell + i];
            units[i] = col ? (int64_t)llround(glp_mip_col_val(m->lp, col)) : 0;
            total += units[i];
        }
        if (total > 0)
            rc = solution_add(s, c->order, k, chosen, units);
    }
    free(units);
    return rc;
}
