/* The plan checker, over the whole network once every order is counted: stock per (node, sku),
 * node capacities, carrier limits, activation cost (term 3) and the plan's active_nodes list. */
#include "checker_internal.h"

static void check_stock(Checker *c)
{
    for (size_t i = 0; i < c->n_stock; i++) {
        const CheckStock *s = &c->stock[i];
        if (s->used > s->quantity)
            check_violation(c, "node %s: %lld units of sku %s shipped, stock is %lld",
                            c->batch->nodes[s->node]->id, (long long)s->used, s->sku, (long long)s->quantity);
    }
}

static void check_nodes(Checker *c)
{
    for (size_t i = 0; i < c->batch->n_nodes; i++) {
        const Sourcing__Node *n = c->batch->nodes[i];
        if (n->max_units > 0 && c->node_units[i] > n->max_units)
            check_violation(c, "node %s: %lld units shipped, max_units is %lld", n->id,
                            (long long)c->node_units[i], (long long)n->max_units);
        if (n->max_shipments > 0 && c->node_shipments[i] > n->max_shipments)
            check_violation(c, "node %s: %lld shipments, max_shipments is %lld", n->id,
                            (long long)c->node_shipments[i], (long long)n->max_shipments);
        if (c->node_shipments[i] > 0)
            c->report->activation += n->activation_cost;
    }
}

static void check_carrier_limits(Checker *c)
{
    for (size_t i = 0; i < c->batch->n_carrier_limits; i++) {
        const Sourcing__CarrierLimit *l = c->batch->carrier_limits[i];
        if (l->max_shipments > 0 && c->limit_shipments[i] > l->max_shipments)
            check_violation(c, "node %s: %lld shipments by %s, carrier limit is %lld", l->node_id,
                            (long long)c->limit_shipments[i], l->carrier, (long long)l->max_shipments);
    }
}

/* active_nodes must list each node that ships anything, once, and no other. */
static void check_active_nodes(Checker *c, const Sourcing__Plan *plan)
{
    size_t listed = ++c->stamp;
    for (size_t i = 0; i < plan->n_active_nodes; i++) {
        const char *id = plan->active_nodes[i];
        int node = check_find_node(c, id);
        if (node < 0)
            check_violation(c, "active_nodes: node %.*s does not exist", CHECK_ID_SHOWN, check_show(id));
        else if (c->node_seen_by[node] == listed)
            check_violation(c, "active_nodes: %s is listed more than once", id);
        else if (c->node_shipments[node] == 0)
            check_violation(c, "active_nodes: %s is listed but ships nothing", id);
        if (node >= 0)
            c->node_seen_by[node] = listed;
    }
    for (size_t i = 0; i < c->batch->n_nodes; i++)
        if (c->node_shipments[i] > 0 && c->node_seen_by[i] != listed)
            check_violation(c, "active_nodes: %s ships but is not listed", c->batch->nodes[i]->id);
}

void check_network(Checker *c, const Sourcing__Plan *plan)
{
    check_stock(c);
    check_nodes(c);
    check_carrier_limits(c);
    check_active_nodes(c, plan);
}
