/* The one interface every solving strategy sits behind (greedy rules, local search, the MIP, and
 * later ones): it takes the problem, the budget and the best plan so far, and makes that plan
 * better or leaves it as it is. The `auto` strategy in solve.c is a short sequence of them. */
#ifndef SRC_STRATEGY_H
#define SRC_STRATEGY_H

#include "budget.h"
#include "problem.h"
#include "solution.h"

#define SRC_MAX_PHASES 16

/* What strategies report besides the plan itself. */
typedef struct SolveInfo {
    int has_bound, proven_optimal;
    double bound;
    const char *bound_method;   /* "mip", "lp", "lagrange", "lagrange-orders": what proved the bound */
    const SrcOptions *options;  /* the options in force (caller's over batch's over defaults) */
    double seconds_allowed;     /* what the time contract gave the whole solve */
    struct Lagrange *prices;    /* the Lagrangian multipliers, once a strategy made them (bound.c);
                                   later strategies continue from them; src_solve frees them */
    struct OrderLagrange *order_prices; /* those of the order-whole bound (bound.c), likewise */
    char method[96];            /* e.g. "greedy+local+mip" */
    int n_phases;
    const char *phase_name[SRC_MAX_PHASES];
    double phase_seconds[SRC_MAX_PHASES];
    long rows, columns, integer_columns, nonzeros;
    char note[256];             /* for people: why a strategy stopped or was skipped */
} SolveInfo;

void solve_info_phase(SolveInfo *info, const char *name, double seconds);
/* The solve's Lagrangian multipliers (made on first use), improved within budget towards the best
 * plan's cost; the bound is recorded in info. NULL when out of memory. */
struct Lagrange *solve_info_prices(SolveInfo *info, const Problem *p, const Budget *budget, double target);
/* The same for the order-whole bound (order_lagrange.h), warm-started from info->prices when
 * they exist; its bound is recorded when it beats the one in info. NULL when out of memory. */
struct OrderLagrange *solve_info_order_prices(SolveInfo *info, const Problem *p, const Budget *budget, double target);
void solve_info_free(SolveInfo *info);
void solve_info_method(SolveInfo *info, const char *name);

typedef struct Strategy {
    const char *name;
    /* Improves *best within the budget. Returns 1 when it did, 0 when not, -1 on error (err set). */
    int (*improve)(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err);
} Strategy;

extern const Strategy STRATEGY_GREEDY;   /* greedy.c */
extern const Strategy STRATEGY_LOCAL;    /* local_search.c */
extern const Strategy STRATEGY_MIP;      /* mip.c */
extern const Strategy STRATEGY_LNS;      /* lns.c: the MIP on neighbourhoods of a large batch */
extern const Strategy STRATEGY_BOUND;    /* bound.c: the Lagrangian lower bound; the plan stays */
extern const Strategy STRATEGY_FACILITY; /* facility.c: open sets by min-cost flow (facility-style) */

/* Greedy building blocks that local search reuses (greedy.c). */
typedef struct Inserter Inserter;
Inserter *inserter_new(const Problem *p);
void inserter_free(Inserter *in);
/* Ships as much of the order as pays, cheapest shipments first, in the current solution;
 * nodes with forbidden[node] set are not used. 0, or -1 when out of memory. */
int inserter_insert(Inserter *in, Solution *s, int order, const unsigned char *forbidden);
/* Order indices in the greedy's priority order (most constrained, most valuable first); free(). */
int *greedy_order_priority(const Problem *p);

#endif
