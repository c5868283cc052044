/* Shadow prices of the shared resources (stock per (node, sku), node shipments and units, carrier
 * pick-ups, lane weight limits): what one more unit of each would save the batch. ResourcePrices
 * holds them, whatever made them; lp_prices_solve makes them from the LP relaxation of the model
 * (model.h) under the true costs, with GLPK's duals (glp_get_row_dual).
 *
 * When a price is exact: the LP value v(b) is convex in each right-hand side, so -dual bounds from
 * above what one more unit saves the LP; the LP is a relaxation, so when its optimum is integral
 * and costs what the plan costs, it is the MIP's optimum and -dual also bounds what one more unit
 * saves the MIP. A price is then exact (PRICE_LP) when it is 0, or when solving the LP again with
 * one more unit gives an integral optimum: that optimum is the MIP's too, and the price is what it
 * saved (the dual is only one subgradient: at a degenerate optimum one more unit may save less).
 * Every other price is the dual, an estimate (PRICE_LP_ESTIMATE). docs/model.md, "Shadow
 * prices", says the same for people. */
#ifndef SRC_LP_PRICES_H
#define SRC_LP_PRICES_H

#include "budget.h"
#include "problem.h"

typedef enum ResourceKind {
    RES_STOCK,              /* per stock slot */
    RES_NODE_SHIPMENTS,     /* per node: max_shipments */
    RES_NODE_UNITS,         /* per node: max_units */
    RES_CARRIER,            /* per carrier limit: pick-ups */
    RES_LANE_WEIGHT,        /* per lane of the batch: max_weight_kg per shipment, priced per kg */
    RES_KINDS
} ResourceKind;

typedef enum PriceSource { PRICE_NONE, PRICE_LP, PRICE_LP_ESTIMATE, PRICE_LAGRANGE } PriceSource;

typedef struct ResourcePrices {
    double *price[RES_KINDS];           /* per resource of the kind, >= 0 */
    unsigned char *source[RES_KINDS];   /* its PriceSource */
    char method[320];                   /* for people: how the prices were obtained */
} ResourcePrices;

/* How many resources of a kind p has. */
int resource_count(const Problem *p, ResourceKind kind);
/* Every price 0 with PRICE_NONE. 0, or -1 when out of memory. */
int resource_prices_init(ResourcePrices *rp, const Problem *p);
void resource_prices_free(ResourcePrices *rp);

/* Fills rp from the LP relaxation within budget; plan_cost is the plan's true cost; at most
 * max_checks prices are verified by solving again. 0 when done; 1 when skipped (the model or its
 * LP did not finish in time: rp is unchanged and note says why); -1 on a GLPK fault or when out of
 * memory (err set). */
int lp_prices_solve(ResourcePrices *rp, const Problem *p, double plan_cost, const Budget *budget, int max_checks,
                    char *note, size_t note_size, SrcError *err);

#endif
