/* One order's subproblem in the order-whole Lagrangian bound (order_lagrange.h), solved exactly:
 * which nodes ship the order (each on one lane: an "item" is a (node, lane) pair, at most one per
 * node), how each line's units are split over them within each cell's upper bound, the rest left
 * unfilled; at most max_ships shipments, split_cost for each beyond the first. Costs arrive priced
 * by the caller (fixed cost per shipment, cost per unit per line).
 *
 * Given the set of shipments, the best split is a fractional fill per line, cheapest units first
 * (continuous units: a relaxation of whole units, so still a lower bound). The set is found by
 * depth-first enumeration with pruning: items that can never pay for themselves are dropped, the
 * best single shipment is the first incumbent, and a subtree is cut when its lower bound (its
 * fixed costs so far plus the cheapest one to come, plus the fill from every item it could still
 * use) reaches the incumbent. When the enumeration passes visit_cap, it stops and the value is the
 * least of the incumbent and the lower bounds of every subtree left open: still a valid lower
 * bound of the subproblem, only weaker (order_sub_solve says so through `aborted`). */
#ifndef SRC_ORDER_SUB_H
#define SRC_ORDER_SUB_H

typedef struct OsItem {
    int cand;                   /* the order's candidate (node) index: one item per candidate at most */
    int option;                 /* the lane option, for the caller */
    double fixed;               /* priced cost of a shipment, >= 0 */
    double standalone;          /* scratch: the order's cost with this item alone */
} OsItem;

typedef struct OrderSub {
    /* input, filled by the caller (order_sub_reserve sizes the arrays) */
    int n_lines, n_items, n_cands;
    double *quantity, *unfilled;    /* per line */
    OsItem *items;
    double *cost, *ub;          /* per item x line (item * n_lines + line): priced unit cost, most units */
    int max_ships;              /* 0 = unlimited */
    double split_cost;
    long visit_cap;
    /* output */
    int aborted;                /* the enumeration was cut short: the value is a weaker bound */
    int n_best, *best;          /* the best set found (item indices into items as sorted) */
    /* scratch */
    int cap_items, cap_lines, cap_cands;
    int *sorted, *n_sorted;     /* per line: the items that pay, cheapest unit first */
    int *chosen;
    unsigned char *in_set, *avail, *cand_used;
    OsItem *item_tmp;
    struct Keyed *keyed;
    double *spread;             /* per item x line: unit cost with the fixed cost spread */
    int *sorted2, *n_sorted2;   /* per line: the items by spread cost */
    double *cost_tmp, *ub_tmp;
    long visits;
    double incumbent, open_bound;
} OrderSub;

/* Makes room for orders of up to these sizes. 0, or -1 when out of memory. */
int order_sub_reserve(OrderSub *s, int items, int lines, int cands);
void order_sub_free(OrderSub *s);

/* A lower bound on the order's cost (exact unless s->aborted); the set that reaches it (or the
 * best found) in s->best. Reorders s->items (and their rows of cost and ub). */
double order_sub_solve(OrderSub *s);

/* The units each item carries in the fill of the best set, into x (n_items x n_lines, as cost). */
void order_sub_best_units(OrderSub *s, double *x);

#endif
