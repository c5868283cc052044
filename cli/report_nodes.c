/* report_nodes.h: one pass over the plan's shipments, nodes found through batch_lookup. */
#include "report_nodes.h"

#include <stdlib.h>
#include <string.h>

#include "batch_lookup.h"

static double ratio(int64_t used, int64_t max)
{
    return max > 0 ? (double)used / (double)max : -1;
}

double node_use_peak(const NodeUse *u)
{
    return u->units_ratio > u->shipments_ratio ? u->units_ratio : u->shipments_ratio;
}

static int by_use(const void *a, const void *b)
{
    const NodeUse *x = a, *y = b;
    double px = node_use_peak(x), py = node_use_peak(y);
    if (px != py)
        return px < py ? 1 : -1;
    if (x->units != y->units)
        return x->units < y->units ? 1 : -1;
    return strcmp(x->id, y->id);
}

/* Adds the plan's shipments to their nodes; the checker has made sure every node exists. */
static void add_shipments(NodeUse *use, const BatchLookup *lookup, const Sourcing__Plan *plan)
{
    for (size_t o = 0; o < plan->n_orders; o++)
        for (size_t s = 0; s < plan->orders[o]->n_shipments; s++) {
            const Sourcing__Shipment *sh = plan->orders[o]->shipments[s];
            long n = batch_lookup_node(lookup, sh->node_id);
            if (n < 0)
                continue;
            use[n].shipments++;
            for (size_t l = 0; l < sh->n_lines; l++)
                use[n].units += sh->lines[l]->units;
        }
}

NodeUse *report_nodes_compute(const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcError *err)
{
    NodeUse *use = calloc(batch->n_nodes + 1, sizeof *use);
    BatchLookup *lookup = batch_lookup_new(batch);
    if (!use || !lookup) {
        free(use);
        batch_lookup_free(lookup);
        src_error_set(err, "out of memory for %zu nodes", batch->n_nodes);
        return NULL;
    }
    for (size_t n = 0; n < batch->n_nodes; n++) {
        const Sourcing__Node *node = batch->nodes[n];
        use[n] = (NodeUse){.id = node->id ? node->id : "", .max_units = node->max_units,
                           .max_shipments = node->max_shipments};
    }
    add_shipments(use, lookup, plan);
    batch_lookup_free(lookup);
    for (size_t n = 0; n < batch->n_nodes; n++) {
        use[n].units_ratio = ratio(use[n].units, use[n].max_units);
        use[n].shipments_ratio = ratio(use[n].shipments, use[n].max_shipments);
    }
    qsort(use, batch->n_nodes, sizeof *use, by_use);
    return use;
}
