/* Shadow prices of the shared resources (stock per (node, sku), node shipments and units, carrier
 * pick-ups, lane weight limits): what one more unit of each would save the batch. ResourcePrices
 * holds them, whatever made them; lp_prices_solve makes them from the LP relaxation of the model
 * (model.h) under the true costs, with GLPK's duals (glp_get_row_dual).
 *
 * When a price is exact: the LP is a relaxation, so when its optimum is integral and costs what the
 * plan costs, it is the MIP's optimum; when the LP of the batch with one more unit of a resource
 * (built afresh: the resource also bounds x and sets x <= ub * y) has an integral optimum too, that
 * is the MIP's optimum there, and the difference is exactly what one more unit saves the batch
 * (PRICE_LP). A dual alone is not enough: it is one subgradient (at a degenerate optimum one more
 * unit may save less), and a resource that only bounds columns has no row at all. Every other
 * price (the LP's saving when either LP is fractional, or the dual when not re-solved) is an
 * estimate (PRICE_LP_ESTIMATE). docs/model.md, "Shadow prices", says the same for people. */
#ifndef SRC_LP_PRICES_H
#define SRC_LP_PRICES_H

#include "budget.h"
#include "problem.h"
#include "solution.h"

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

/* Fills rp from the LP relaxation within budget for the plan (its cost and use of each resource):
 * the resources used to at least threshold of their capacity, or with a positive dual, are priced
 * by solving the LP again with one more unit (at most max_checks of them). 0 when done; 1 when skipped (the model or its
 * LP did not finish in time: rp is unchanged and note says why); -1 on a GLPK fault or when out of
 * memory (err set). */
int lp_prices_solve(ResourcePrices *rp, const Solution *plan, double threshold, const Budget *budget,
                    int max_checks, char *note, size_t note_size, SrcError *err);

#endif
