/* A working plan for the heuristics: per order its shipments (candidate, lane option, units per
 * line), with the resources it uses (stock, node and carrier capacity) and its cost kept up to
 * date on every change, so moves are cheap to try and undo. */
#ifndef SRC_SOLUTION_H
#define SRC_SOLUTION_H

#include <stdint.h>

#include "problem.h"

typedef struct SolShipment {
    int cand;                   /* into problem->cands */
    int option;                 /* into problem->options */
    int64_t *units;             /* per order line */
} SolShipment;

typedef struct SolOrder {
    int n_ships, cap_ships;
    SolShipment *ships;
} SolOrder;

typedef struct Solution {
    const Problem *p;
    SolOrder *orders;
    int64_t *node_ships, *node_units;   /* per node */
    int64_t *stock_used;                /* per slot */
    int64_t *carrier_used;              /* per carrier limit */
    double cost;                        /* kept up to date by add/remove */
} Solution;

/* A new solution that ships nothing (always feasible: every unit unfilled). NULL if out of memory. */
Solution *solution_new(const Problem *p);
void solution_free(Solution *s);
/* Makes dst an exact copy of src (same problem). 0 or -1 when out of memory. */
int solution_copy(Solution *dst, const Solution *src);

/* The cost of shipping units (per order line) from candidate c by option opt, as a new shipment:
 * shipment, weight and unit costs, without activation, split and unfilled savings. */
double shipment_cost(const Problem *p, int cand, int option, const int64_t *units, double *weight_out);

/* Adds a shipment (the caller has checked feasibility). 0 or -1 when out of memory. */
int solution_add(Solution *s, int order, int cand, int option, const int64_t *units);
/* Removes every shipment of an order. */
void solution_clear_order(Solution *s, int order);
/* Recomputes the cost from scratch (to check the incremental one). */
double solution_recompute_cost(const Solution *s);

/* What is still free for a new shipment. */
int64_t stock_left(const Solution *s, int slot);
int node_can_ship(const Solution *s, int node);          /* one more shipment allowed */
int64_t node_units_left(const Solution *s, int node);    /* INT64_MAX when unlimited */
int carrier_can_ship(const Solution *s, int carrier_limit);

/* Which orders each node ships, in the given order of orders: node n's orders are
 * orders_out[start[n] .. start[n + 1]). start has n_nodes + 2 entries, orders_out one per
 * candidate (an order ships from a node at most once). */
void solution_node_index(const Solution *s, const int *order_sequence, int *start, int *orders_out);

/* A copy of one order's shipments, to put back after a move that did not pay. */
typedef struct SavedOrder {
    int order, n_ships;
    int *cand, *option;
    int64_t *units;             /* n_ships x n_lines */
} SavedOrder;

int saved_order_take(SavedOrder *saved, const Solution *s, int order);
/* Clears the order and adds the saved shipments back. */
int saved_order_restore(const SavedOrder *saved, Solution *s);
void saved_order_free(SavedOrder *saved);

#endif
