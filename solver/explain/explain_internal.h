/* What the parts of the explanation share (explain.h is the interface): the Explainer, an option,
 * and the two worlds an option is weighed in. "Residual" is the plan without the order explained:
 * what an alternative may really use. "Alone" gives the order the whole network (full stock, no
 * capacity used by other orders, its split limit lifted): an option cheaper alone than the chosen
 * one names what stops it. */
#ifndef SRC_EXPLAIN_INTERNAL_H
#define SRC_EXPLAIN_INTERNAL_H

#include <stdint.h>

#include "explain.h"

typedef struct Option {
    int n;                      /* shipments: 0 (leave unfilled), 1 or 2 */
    int cand[2], opt[2];
} Option;

struct Explainer {
    const Solution *s;
    const Lookup *lk;
    int *slot_user;             /* per slot: the first two orders taking stock from it, -1 */
    int64_t *units[2];          /* per line, per shipment of the option last evaluated */
    int o;                      /* the order explained */
    unsigned char *seen;        /* per node, scratch */
};

/* The order's own shipment from a node (NULL: none), and its units. */
const SolShipment *own_ship_at(const Explainer *e, int node);
int64_t own_units(const Explainer *e, const SolShipment *sh);

/* What an option of the order may use, alone (1) or in the residual plan (0). */
int64_t stock_avail(const Explainer *e, int slot, int alone);
int64_t units_avail(const Explainer *e, int node, int alone);   /* INT64_MAX: unlimited */
int ships_ok(const Explainer *e, int node, int alone);
int carrier_ok(const Explainer *e, int cl, int alone);
/* Whether another order ships from the node (its activation is paid anyway). */
int active_without(const Explainer *e, int node);

/* Adds a blocker to the explanation unless it is there already or the list is full. 0, or -1
 * when out of memory. */
int explain_add_blocker(Sourcing__OrderExplanation *m, const char *text);
/* What stops option op, whose units alone are in e->units, in the residual plan
 * (explain_blockers.c). 0, or -1 when out of memory. */
int explain_blockers_of(Explainer *e, const Option *op, Sourcing__OrderExplanation *m);
/* The HARD SLA lanes and ineligible nodes whose one shipment alone would cost less than chosen. */
int explain_rule_blockers(Explainer *e, double chosen, Sourcing__OrderExplanation *m);

#endif
