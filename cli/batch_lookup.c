/* batch_lookup.h: three sorted arrays of ids. */
#include "batch_lookup.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry {
    const char *id;
    const char *sku;      /* inventory entries only; "" for nodes and orders */
    size_t index;         /* into batch->nodes or batch->orders; for inventory, the node */
    double unit_cost;     /* inventory entries only */
} Entry;

struct BatchLookup {
    const Sourcing__Batch *batch;
    Entry *nodes, *orders, *inventory;
    size_t n_inventory;
};

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static int entry_cmp(const void *a, const void *b)
{
    const Entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->sku, y->sku);
}

static const Entry *find(const Entry *entries, size_t n, const char *id, const char *sku)
{
    Entry key = {.id = or_empty(id), .sku = or_empty(sku)};
    return n ? bsearch(&key, entries, n, sizeof *entries, entry_cmp) : NULL;
}

static void fill_inventory(BatchLookup *l)
{
    const Sourcing__Batch *b = l->batch;
    for (size_t n = 0; n < b->n_nodes; n++)
        for (size_t k = 0; k < b->nodes[n]->n_inventory; k++) {
            const Sourcing__InventoryItem *item = b->nodes[n]->inventory[k];
            l->inventory[l->n_inventory++] = (Entry){.id = or_empty(b->nodes[n]->id), .sku = or_empty(item->sku),
                                                     .index = n, .unit_cost = item->unit_cost};
        }
    qsort(l->inventory, l->n_inventory, sizeof *l->inventory, entry_cmp);
}

BatchLookup *batch_lookup_new(const Sourcing__Batch *batch)
{
    BatchLookup *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->batch = batch;
    size_t n_inventory = 0;
    for (size_t n = 0; n < batch->n_nodes; n++)
        n_inventory += batch->nodes[n]->n_inventory;
    l->nodes = calloc(batch->n_nodes + 1, sizeof *l->nodes);
    l->orders = calloc(batch->n_orders + 1, sizeof *l->orders);
    l->inventory = calloc(n_inventory + 1, sizeof *l->inventory);
    if (!l->nodes || !l->orders || !l->inventory) {
        batch_lookup_free(l);
        return NULL;
    }
    for (size_t n = 0; n < batch->n_nodes; n++)
        l->nodes[n] = (Entry){.id = or_empty(batch->nodes[n]->id), .sku = "", .index = n};
    for (size_t o = 0; o < batch->n_orders; o++)
        l->orders[o] = (Entry){.id = or_empty(batch->orders[o]->id), .sku = "", .index = o};
    qsort(l->nodes, batch->n_nodes, sizeof *l->nodes, entry_cmp);
    qsort(l->orders, batch->n_orders, sizeof *l->orders, entry_cmp);
    fill_inventory(l);
    return l;
}

void batch_lookup_free(BatchLookup *l)
{
    if (!l)
        return;
    free(l->nodes);
    free(l->orders);
    free(l->inventory);
    free(l);
}

long batch_lookup_node(const BatchLookup *l, const char *node_id)
{
    const Entry *e = find(l->nodes, l->batch->n_nodes, node_id, "");
    return e ? (long)e->index : -1;
}

const Sourcing__Order *batch_lookup_order(const BatchLookup *l, const char *order_id)
{
    const Entry *e = find(l->orders, l->batch->n_orders, order_id, "");
    return e ? l->batch->orders[e->index] : NULL;
}

double batch_lookup_unit_cost(const BatchLookup *l, const char *node_id, const char *sku)
{
    long node = batch_lookup_node(l, node_id);
    if (node < 0)
        return NAN;
    const Entry *item = find(l->inventory, l->n_inventory, node_id, sku);
    return l->batch->nodes[node]->unit_cost + (item ? item->unit_cost : 0);
}
