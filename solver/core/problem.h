/* The batch resolved into arrays for the solvers: ids become indices, defaults are applied, and
 * every order gets its candidates: the nodes that may ship it, each with the lanes it may use
 * (eligible, lane to the order's zone, SLA allows it) and per line the stock slot and unit cost.
 * The greedy heuristics, local search, the MIP builder and the plan builder all read this. */
#ifndef SRC_PROBLEM_H
#define SRC_PROBLEM_H

#include <stdint.h>

#include "error.h"
#include "sourcing.pb-c.h"

typedef struct PNode {
    double activation_cost;
    int64_t max_shipments;      /* 0 = unlimited */
    int64_t max_units;          /* 0 = unlimited */
} PNode;

/* One usable lane for one candidate: the carrier service and what a shipment on it costs. */
typedef struct PLaneOption {
    int lane;                   /* index into batch->lanes */
    int carrier_limit;          /* index into Problem.carrier_cap, or -1 */
    int days_late;
    double fixed_cost;          /* node + lane shipment cost + lateness */
    double late_cost;
    double cost_per_kg;
    double max_weight_kg;       /* 0 = no limit */
} PLaneOption;

/* A node that may ship an order. */
typedef struct PCandidate {
    int order, node;
    int first_option, n_options;    /* into Problem.options */
    /* per order line (first_line .. + order's n_lines), into Problem.cand_slot / cand_unit_cost */
    int64_t first_cell;
} PCandidate;

typedef struct PLine {
    int64_t quantity;
    double unit_weight_kg;
    double unfilled_cost;
} PLine;

typedef struct POrder {
    int first_line, n_lines;        /* into Problem.lines */
    int first_cand, n_cands;        /* into Problem.cands */
    int64_t max_shipments;          /* 0 = unlimited */
    double split_cost;
    int zone;                       /* 0 .. Problem.n_zones - 1 */
} POrder;

typedef struct Problem {
    const Sourcing__Batch *batch;
    int n_nodes, n_orders, n_lines, n_cands, n_options, n_slots, n_carrier_limits;
    int n_zones;                    /* the zones of orders and lanes, numbered in order of first use
                                       by an order (a zone only lanes have comes after those) */
    PNode *nodes;
    POrder *orders;
    PLine *lines;
    PCandidate *cands;              /* grouped by order */
    PLaneOption *options;
    int *cand_slot;                 /* stock slot for (candidate, line), -1 = no stock */
    double *cand_unit_cost;         /* per unit: node unit_cost + inventory unit_cost */
    int64_t *stock;                 /* per slot: units in stock */
    int64_t *carrier_cap;           /* per carrier limit: max shipments, 0 = unlimited */
} Problem;

/* Builds the problem from a validated batch. When the deadline (a monotonic time in seconds, 0 =
 * none) passes while building, the problem has no candidates (n_cands == 0: nothing can ship) and
 * err says why. Returns NULL with err set when out of memory. */
Problem *problem_build(const Sourcing__Batch *batch, double deadline, SrcError *err);
void problem_free(Problem *p);
/* Frees the arrays a Problem owns but not p itself (one held by value, as in a SubProblem). */
void problem_free_arrays(Problem *p);

/* How many (candidate, line) cells there are: both builders lay them out candidate after
 * candidate, so the last candidate's end is the count. */
static inline int64_t problem_n_cells(const Problem *p)
{
    const PCandidate *last = p->n_cands > 0 ? &p->cands[p->n_cands - 1] : NULL;
    return last ? last->first_cell + p->orders[last->order].n_lines : 0;
}

/* The per-line cells of candidate c. */
static inline int *cand_slots(const Problem *p, const PCandidate *c) { return p->cand_slot + c->first_cell; }
static inline double *cand_unit_costs(const Problem *p, const PCandidate *c) { return p->cand_unit_cost + c->first_cell; }

/* The most units cell (candidate c, line i) can carry: the line's quantity, the stock, the node's
 * unit capacity. */
static inline double cand_cell_upper(const Problem *p, const PCandidate *c, int i)
{
    int slot = cand_slots(p, c)[i];
    if (slot < 0)
        return 0;
    double ub = (double)p->lines[p->orders[c->order].first_line + i].quantity;
    if ((double)p->stock[slot] < ub)
        ub = (double)p->stock[slot];
    int64_t cap = p->nodes[c->node].max_units;
    if (cap > 0 && (double)cap < ub)
        ub = (double)cap;
    return ub;
}

/* What one unit of line i costs from candidate c on its first lane: handling, stock and weight. */
static inline double cand_unit_cost_on_first_lane(const Problem *p, const PCandidate *c, int i)
{
    const PLine *line = &p->lines[p->orders[c->order].first_line + i];
    return cand_unit_costs(p, c)[i] + p->options[c->first_option].cost_per_kg * line->unit_weight_kg;
}

/* The largest weight candidate c could carry. */
double cand_max_weight(const Problem *p, const PCandidate *c);

/* Whether a shipment from candidate c costs nothing by itself and nothing counts it: one lane, no
 * fixed cost, no shipment capacity at its node or carrier, no order row over shipments (limit or
 * split cost), no weight limit that can bind. Then only its units matter: the MIP needs no
 * shipment binary for it, and when every candidate is so (problem_is_facility_style: OR-Library's
 * capacitated facility location), the plan for a given set of open nodes is a min-cost flow. */
int cand_shipment_is_free(const Problem *p, const PCandidate *c);

/* The candidates of each node: node n's are cands[start[n] .. start[n + 1]). Both arrays are
 * malloc'd (start has n_nodes + 2 entries). 0, or -1 when out of memory. */
int problem_candidates_by_node(const Problem *p, int **start_out, int **cands_out);
int problem_is_facility_style(const Problem *p);

#endif
