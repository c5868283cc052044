/* A lower bound that scales: Lagrangian relaxation of every row that couples orders.
 *
 * Priced with multipliers are: each line's demand (shipped + unfilled = quantity, price lambda,
 * the value of one more unit delivered), each stock slot (rho >= 0), each node's unit and shipment
 * capacity (nu, sigma >= 0) and each carrier limit (kappa >= 0). What is left falls apart into one
 * tiny problem per (order, node) pair: ship from it, on its best lane, exactly the lines whose
 * priced unit cost is negative, if that beats not shipping; and per node: open it when its
 * activation cost is less than what its shipments gain. Each is solved exactly in one pass over
 * the cells, so for ANY multipliers (with the signs above) the value L is a valid lower bound on the
 * optimum under the true costs (unfilled costs uncapped: no GLPK numerics involved). Order rows
 * (max_shipments, split cost) and lane weight limits are left out, which only weakens the bound.
 *
 * A node with a unit capacity gets a second, often much stronger, value: its capacity kept inside
 * its subproblem as a fractional knapsack over its cells (Beasley's relaxation for capacitated
 * facility location), each shipment's fixed cost spread over the units it could carry (a valid
 * under-estimate, since y >= x_i / ub_i for every line i implies y >= sum x / sum ub). Both values
 * are lower bounds of the same subproblem; the larger counts.
 *
 * Beasley's aggregate cut strengthens it further: every unit is shipped by an open node or left
 * unfilled, so the open nodes' room (unit capacity, stock, cells) plus the unfilled units must
 * cover the whole demand. Choosing which nodes to open under that cut is a knapsack; its LP
 * relaxation (cheapest room per unit first) is added, which keeps the bound valid.
 *
 * The multipliers are improved by subgradient steps (Polyak's step towards the best plan's cost,
 * halved when the bound stalls), the classic method for capacitated facility location (Beasley
 * 1988; Fisher 1981). At its best L equals the LP relaxation of the model without order rows. */
#ifndef SRC_LAGRANGE_H
#define SRC_LAGRANGE_H

#include "budget.h"
#include "problem.h"

typedef struct Lagrange {
    const Problem *p;
    double *line_price;         /* lambda, per line, in [0, unfilled cost] */
    double *slot_price;         /* rho, per stock slot */
    double *unit_price;         /* nu, per node: its max_units */
    double *ship_price;         /* sigma, per node: its max_shipments */
    double *carrier_price;      /* kappa, per carrier limit */
    double bound;               /* the best L found (valid for any multipliers) */
    int iterations;
    double step_factor;         /* of Polyak's step, kept from one call of lagrange_improve to the next */
    /* the relaxed solution of the last evaluation */
    unsigned char *node_open;   /* per node */
    unsigned char *node_knapsack; /* per node: its knapsack value counted (else the priced one) */
    int *cand_option;           /* per candidate: the option it ships on, -1 = none */
    double *cell_x;             /* per cell: units in the knapsack solution of its node */
    int *node_start, *node_cands; /* candidates of each node */
    struct KnapsackItem *items; /* scratch: the cells of one node, or the room for the cut */
    double *node_room;          /* per node: the most units it can ship at all */
    double demand;              /* all units of all lines */
    double *best_prices;        /* the multipliers of the best L, all kinds one after another */
    /* subgradient and scratch, per row kind */
    double *g_line, *g_slot, *g_unit, *g_ship, *g_carrier, *node_gain;
} Lagrange;

/* 0, or -1 when out of memory. The multipliers start at each line's cheapest way to ship a unit. */
int lagrange_init(Lagrange *lg, const Problem *p);
void lagrange_free(Lagrange *lg);

/* L at the current multipliers (and its relaxed solution). */
double lagrange_evaluate(Lagrange *lg);

/* Back to the multipliers of the best L found (when steps since have made them worse). */
void lagrange_restore_best(Lagrange *lg);

/* What a shipment from candidate cand gains (<= 0) at the current multipliers, on its best lane. */
double lagrange_candidate_gain(const Lagrange *lg, int cand);

/* Subgradient steps until the budget ends, the bound stalls, or it meets target (the best plan's
 * cost, used for the step length). It continues where the last call stopped, with a fresh step
 * length if that one had stalled. Returns the best bound found (also in lg->bound). */
double lagrange_improve(Lagrange *lg, const Budget *budget, double target);

#endif
