/* The plan checker's private state, shared by solver/checker*.c only: the batch indexed by id,
 * the usage a plan makes of each node, stock and carrier limit, and the costs recomputed so far.
 * Nothing here is shared with the model builder or the heuristics, on purpose. */
#ifndef SRC_CHECKER_INTERNAL_H
#define SRC_CHECKER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "checker.h"
#include "strmap.h"

/* Violations listed in a report; beyond this many they are only counted. */
#define CHECK_MAX_LISTED 1000
/* Longest id printed in a message (plan ids are untrusted and may be huge). */
#define CHECK_ID_SHOWN 120
/* Longest id looked up: a longer plan id is unknown by definition (batch ids are shorter). */
#define CHECK_MAX_ID 1024

/* One (node, sku) stock: from a node's inventory, or added with quantity 0 when a plan takes a
 * sku the node does not list. */
typedef struct CheckStock {
    int node;
    const char *sku;
    int64_t quantity;
    double unit_cost;
    int64_t used;
} CheckStock;

typedef struct Checker {
    const Sourcing__Batch *batch;
    SrcCheckReport *report;
    size_t violations;          /* all of them, listed or not */

    StrMap node_ids, order_ids;
    StrMap lane_names;          /* node, zone, carrier -> lane index */
    StrMap limit_names;         /* node, carrier -> carrier limit index */
    StrMap stock_names;         /* node, sku -> index into stock */
    CheckStock *stock;
    size_t n_stock, cap_stock;

    int64_t *node_units, *node_shipments;   /* per node */
    int64_t *limit_shipments;               /* per carrier limit */
    size_t *node_seen_by;       /* per node: stamp of the last order that shipped from it */
    size_t *node_eligible_for;  /* per node: stamp of the last order listing it as eligible */
    unsigned *order_listed;     /* per order: how many OrderPlans name it */

    /* per line of the order being checked (sized for the longest order) */
    int64_t *line_shipped;
    size_t *line_seen_by;       /* stamp of the last shipment or unfilled list naming the line */
    size_t stamp;               /* grows by one per order, shipment and unfilled list */
    size_t order_stamp;         /* the stamp of the order being checked */

    int64_t shipments, split_orders, unfilled_units, late_shipments;
} Checker;

/* checker_index.c */
int checker_init(Checker *c, const Sourcing__Batch *batch, SrcCheckReport *report);
void checker_free(Checker *c);
/* Index of the node, order, lane or carrier limit so named; -1 when there is none. */
int check_find_node(const Checker *c, const char *id);
int check_find_order(const Checker *c, const char *id);
int check_find_lane(const Checker *c, const char *node, const char *zone, const char *carrier);
int check_find_limit(const Checker *c, const char *node, const char *carrier);
/* The stock slot for (node, sku), added with quantity 0 if the node does not list it; -1 = OOM. */
int check_stock_slot(Checker *c, int node, const char *sku);

/* checker_report.c */
void check_violation(Checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Once all checks ran: when violations were left unlisted, a last line says how many. */
void check_note_unlisted(Checker *c);
/* s itself, or "(none)" for an absent string. */
const char *check_show(const char *s);
/* 1 when a and b are finite and agree within 1e-6 relative to max(1, |a|, |b|). */
int check_same(double a, double b);
/* a + b for b >= 0, saturating at INT64_MAX (plan numbers are untrusted). */
int64_t check_add(int64_t a, int64_t b);

/* checker_shipment.c: checks one shipment of order oi; 1 if it counts (its node exists). */
int check_shipment(Checker *c, int oi, const Sourcing__Shipment *sh);

/* checker_order.c */
void check_order(Checker *c, int oi, const Sourcing__OrderPlan *op);
void check_missing_order(Checker *c, int oi);

/* checker_network.c: stock, node capacities, carrier limits, activation and active_nodes. */
void check_network(Checker *c, const Sourcing__Plan *plan);

#endif
