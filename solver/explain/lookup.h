/* Lookups the tension report and the explanations share, made once per plan: which node and sku
 * each stock slot is, the slots of each sku, the lanes from a node to a zone. The Problem keeps
 * only what the solvers need; these answer questions people ask about the batch. */
#ifndef SRC_LOOKUP_H
#define SRC_LOOKUP_H

#include "problem.h"
#include "strmap.h"

typedef struct Lookup {
    const Problem *p;
    int *slot_node;             /* per slot: its node */
    const char **slot_sku;      /* per slot: its sku (the batch's string) */
    const Sourcing__InventoryItem **slot_item;  /* per slot: its inventory item */
    int *slot_next;             /* per slot: the next slot of the same sku, -1 */
    StrMap sku_first;           /* sku -> its first slot */
    int *lane_next;             /* per lane: the next lane of the same (node, zone), -1 */
    StrMap lane_first;          /* (node id, zone) -> its first lane */
} Lookup;

/* 0, or -1 when out of memory. */
int lookup_build(Lookup *lk, const Problem *p);
void lookup_free(Lookup *lk);

/* The first slot of sku (then slot_next), -1 when no node stocks it. */
int lookup_sku_slots(const Lookup *lk, const char *sku);
/* The first lane from node to zone (then lane_next), -1 when none. */
int lookup_lanes(const Lookup *lk, int node, const char *zone);
/* Whether the order may ship from the node (its eligible_nodes, empty = all). */
int lookup_eligible(const Sourcing__Order *order, const char *node_id);
/* Days a shipment from node on lane arrives after the order's promise (0 when on time). */
int64_t lookup_days_late(const Lookup *lk, int order, int node, int lane);

#endif
