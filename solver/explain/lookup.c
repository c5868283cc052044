/* Lookups over the batch for the tension report and the explanations (see lookup.h). */
#include "lookup.h"

#include <stdlib.h>
#include <string.h>

#include "validate.h"

#define KEY_BYTES (2 * (SRC_MAX_ID_BYTES + 1) + 4)

static int chain_put(StrMap *first, int *next, const char *key, int index)
{
    int previous;
    int added = strmap_put(first, key, index, &previous);
    if (added < 0)
        return -1;
    next[index] = -1;
    if (!added) {  /* append: walk to the end keeps the batch's order */
        int at = previous;
        while (next[at] >= 0)
            at = next[at];
        next[at] = index;
    }
    return 0;
}

static int build_slots(Lookup *lk, const Sourcing__Batch *b)
{
    int slot = 0;
    for (size_t n = 0; n < b->n_nodes; n++)
        for (size_t k = 0; k < b->nodes[n]->n_inventory; k++, slot++) {
            lk->slot_node[slot] = (int)n;
            lk->slot_item[slot] = b->nodes[n]->inventory[k];
            lk->slot_sku[slot] = lk->slot_item[slot]->sku;
            if (chain_put(&lk->sku_first, lk->slot_next, lk->slot_sku[slot], slot))
                return -1;
        }
    return 0;
}

int lookup_build(Lookup *lk, const Problem *p)
{
    const Sourcing__Batch *b = p->batch;
    memset(lk, 0, sizeof *lk);
    lk->p = p;
    strmap_init(&lk->sku_first);
    strmap_init(&lk->lane_first);
    lk->slot_node = malloc(((size_t)p->n_slots + 1) * sizeof *lk->slot_node);
    lk->slot_sku = malloc(((size_t)p->n_slots + 1) * sizeof *lk->slot_sku);
    lk->slot_item = malloc(((size_t)p->n_slots + 1) * sizeof *lk->slot_item);
    lk->slot_next = malloc(((size_t)p->n_slots + 1) * sizeof *lk->slot_next);
    lk->lane_next = malloc((b->n_lanes + 1) * sizeof *lk->lane_next);
    if (!lk->slot_node || !lk->slot_sku || !lk->slot_item || !lk->slot_next || !lk->lane_next || build_slots(lk, b))
        return lookup_free(lk), -1;
    char key[KEY_BYTES];
    for (size_t l = 0; l < b->n_lanes; l++) {
        const Sourcing__Lane *lane = b->lanes[l];
        if (chain_put(&lk->lane_first, lk->lane_next, strmap_key3(key, sizeof key, lane->node_id, lane->zone, NULL),
                      (int)l))
            return lookup_free(lk), -1;
    }
    return 0;
}

void lookup_free(Lookup *lk)
{
    free(lk->slot_node);
    free(lk->slot_sku);
    free(lk->slot_item);
    free(lk->slot_next);
    free(lk->lane_next);
    strmap_free(&lk->sku_first);
    strmap_free(&lk->lane_first);
    memset(lk, 0, sizeof *lk);
}

int lookup_sku_slots(const Lookup *lk, const char *sku)
{
    return sku ? strmap_get(&lk->sku_first, sku) : -1;
}

int lookup_lanes(const Lookup *lk, int node, const char *zone)
{
    char key[KEY_BYTES];
    return strmap_get(&lk->lane_first, strmap_key3(key, sizeof key, lk->p->batch->nodes[node]->id, zone, NULL));
}

int lookup_eligible(const Sourcing__Order *order, const char *node_id)
{
    if (order->n_eligible_nodes == 0)
        return 1;
    for (size_t e = 0; e < order->n_eligible_nodes; e++)
        if (!strcmp(order->eligible_nodes[e], node_id))
            return 1;
    return 0;
}

int64_t lookup_days_late(const Lookup *lk, int order, int node, int lane)
{
    const Sourcing__Batch *b = lk->p->batch;
    int64_t late = b->nodes[node]->processing_days + b->lanes[lane]->transit_days - b->orders[order]->due_days;
    return late > 0 ? late : 0;
}
