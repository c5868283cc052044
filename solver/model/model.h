/* The MIP of SPEC.md built with GLPK's API from a Problem. Columns:
 *   y[option]    binary   a shipment of the candidate (order, node) by that lane
 *   x[cell]      integer  units of an order line shipped from the candidate's node
 *   w[option]    cont.    the shipment's weight on that lane (only when a candidate has several
 *                         lanes and weight matters; with one lane the weight terms sit on x)
 *   z[node]      binary   the node ships anything (only when its activation cost is > 0)
 *   s[order]     cont.    shipments beyond the first (only when the split cost is > 0)
 *   u[line]      cont.    units left unfilled, with shipped + unfilled = quantity; its cost in
 *                         the objective is the line's unfilled cost, or for one that dwarfs every
 *                         other cost only a residual: the rest is its penalty tier's (tiers.h)
 * Unfilled units are explicit columns, not folded into x as "minus the unfilled cost" with a
 * constant: with large penalties that folding makes the objective a difference of huge numbers,
 * and GLPK's tolerances then accept wrong optima (SPEC.md). Only columns that can
 * be non-zero exist (stock, lane to the zone, SLA, eligibility), and the linking rows
 * x <= ub * y, y <= z, capacity <= cap * z are disaggregated: as tight as the data allows.
 * Presolve: a candidate whose shipment costs nothing by itself and that no row counts gets no y;
 * its x link to z directly (x <= ub * z), as in the classic facility location model. */
#ifndef SRC_MODEL_H
#define SRC_MODEL_H

#include <glpk.h>

#include "problem.h"
#include "solution.h"
#include "tiers.h"

typedef struct Model {
    glp_prob *lp;
    const Problem *p;
    int *y_col, *w_col;         /* per option; 0 = none */
    int *x_col;                 /* per cell; 0 = none */
    int *z_col;                 /* per node */
    int *s_col;                 /* per order */
    int *u_col;                 /* per order line */
    Tiers tiers;                /* which unfilled costs sit in penalty tiers */
    /* the rows of the shared resources, 0 where none was made (it cannot bind): for their duals */
    int *stock_row;             /* per stock slot */
    int *node_ships_row, *node_units_row;  /* per node */
    int *carrier_row;           /* per carrier limit */
    int *weight_row;            /* per option: sum weight * x <= max * y (one lane), or w <= max * y */
    int n_cols, n_rows, n_integer;
    long n_nonzeros;
} Model;

/* About how many columns the model of p would have (an upper estimate), without building it. */
long model_estimate_columns(const Problem *p);
/* The part of that estimate order o brings (all but the nodes' z columns). */
long model_order_columns(const Problem *p, int o);

/* Builds the model (with column names for export when with_names). The caller has installed the GLPK error hook (see mip.c). Returns 0, or -1
 * with err set (out of memory, or the deadline passed while building). */
int model_build(Model *m, const Problem *p, double deadline, int with_names, SrcError *err);
void model_free(Model *m);

/* The column values (1-based, n_cols + 1 entries) of a solution, for glp_ios_heur_sol. */
double *model_point_of(const Model *m, const Solution *s);

/* Reads the MIP solution of the model into s (which must ship nothing). 0, or -1 when out of memory. */
int model_extract(const Model *m, Solution *s);

#endif
