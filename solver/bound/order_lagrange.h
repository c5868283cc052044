/* A lower bound that keeps each order whole: Lagrangian relaxation of only the rows that couple
 * orders, for batches with order rows (split costs, shipment limits, ship-complete).
 *
 * The bound of lagrange.h relaxes each line's demand, which splits an order into independent
 * (order, node) pieces and so forgets what ties them: the split cost per extra shipment, the
 * order's shipment limit, that every shipment pays its fixed cost whatever it carries. On
 * generated batches that leaves it 20-75% below the plans. Here priced with multipliers are only
 * the rows between orders: each stock slot (rho >= 0), each node's unit and shipment capacity
 * (nu, sigma >= 0), each carrier limit (kappa >= 0), and the activation link of each candidate,
 * y(order, node) <= z(node) (mu >= 0; the node then opens on its own when its activation cost is
 * less than the prices its candidates pay). What is left is one subproblem per order with all of
 * its own rows, solved exactly by order_sub.h (enumeration of shipment sets with pruning); lane
 * weight limits are kept only line by line (the units of one line alone within the limit), and
 * units are continuous: each only weakens the bound. An order whose enumeration is cut short contributes a weaker but
 * still valid value. So for ANY multipliers (with the signs above) L is a valid lower bound on
 * the optimum under the true costs, and since the subproblems lack the integrality property, its
 * best can exceed the LP relaxation's.
 *
 * The multipliers start from lagrange.h's (the same rows, warm) and are improved by deflected
 * subgradient steps (Camerini, Fratta and Maffioli's direction, Polyak's step towards the best
 * plan's cost, halved when the bound stalls). */
#ifndef SRC_ORDER_LAGRANGE_H
#define SRC_ORDER_LAGRANGE_H

#include "budget.h"
#include "lagrange.h"
#include "order_sub.h"
#include "problem.h"

typedef struct OrderLagrange {
    const Problem *p;
    /* the multipliers; each row kind as in lagrange.h, plus mu per candidate */
    double *slot_price, *unit_price, *ship_price, *carrier_price, *link_price;
    double bound;               /* the best L found */
    int iterations;
    double step_factor;
    long visit_cap;             /* per order and evaluation, for order_sub */
    int cut_short;              /* orders whose enumeration was cut short in the last evaluation */
    long visits;                /* the enumeration's visits in the last evaluation, all orders */
    OrderSub sub;
    /* the relaxed solution of the last evaluation */
    int *cand_option;           /* per candidate: the option it ships on, -1 = none */
    double *cell_x;             /* per cell: units */
    unsigned char *node_open;
    double *link_sum;           /* per node: its candidates' mu */
    double *units;              /* scratch: one order's units per (item, line) */
    /* subgradient and its deflected direction, one array over all rows */
    long n_rows;
    double *g, *dir;
} OrderLagrange;

/* 0, or -1 when out of memory. With warm non-NULL its multipliers of the shared rows are copied. */
int order_lagrange_init(OrderLagrange *olg, const Problem *p, const Lagrange *warm);
void order_lagrange_free(OrderLagrange *olg);

/* L at the current multipliers (and its relaxed solution); NAN when the budget (NULL: none) ran
 * out before every order was seen. */
double order_lagrange_evaluate(OrderLagrange *olg, const Budget *budget);

/* Steps until the budget ends, the bound stalls or meets target; continues where the last call
 * stopped. Returns the best bound found (also in olg->bound). */
double order_lagrange_improve(OrderLagrange *olg, const Budget *budget, double target);

#endif
