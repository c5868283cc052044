/* Loading a Plan message into a Solution (see plan_load.h). */
#include "plan_load.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"

/* The candidate of order o at the node named node_id, -1 when none. */
static int candidate_at(const Problem *p, int o, const char *node_id)
{
    const POrder *order = &p->orders[o];
    for (int k = 0; k < order->n_cands; k++)
        if (!strcmp(p->batch->nodes[p->cands[order->first_cand + k].node]->id, node_id))
            return order->first_cand + k;
    return -1;
}

/* The option of candidate k by carrier, -1 when none. */
static int option_by(const Problem *p, int k, const char *carrier)
{
    const PCandidate *c = &p->cands[k];
    for (int j = 0; j < c->n_options; j++)
        if (!strcmp(p->batch->lanes[p->options[c->first_option + j].lane]->carrier, carrier))
            return c->first_option + j;
    return -1;
}

static int load_shipment(Solution *s, int o, const Sourcing__Shipment *sh, int64_t *units, SrcError *err)
{
    const Problem *p = s->p;
    const char *order_id = p->batch->orders[o]->id;
    int k = sh->node_id ? candidate_at(p, o, sh->node_id) : -1;
    int opt = k >= 0 && sh->carrier ? option_by(p, k, sh->carrier) : -1;
    if (opt < 0)
        return src_error_set(err, "plan: order %s's shipment from %s by %s is no lane the order may use", order_id,
                             sh->node_id ? sh->node_id : "?", sh->carrier ? sh->carrier : "?");
    memset(units, 0, (size_t)p->orders[o].n_lines * sizeof *units);
    for (size_t i = 0; i < sh->n_lines; i++) {
        int64_t line = sh->lines[i]->line;
        if (line < 0 || line >= p->orders[o].n_lines || sh->lines[i]->units < 0)
            return src_error_set(err, "plan: order %s: shipment line %lld out of range", order_id, (long long)line);
        units[line] += sh->lines[i]->units;
    }
    return solution_add(s, o, k, opt, units) ? src_error_set(err, "out of memory") : 0;
}

Solution *plan_load(const Problem *p, const Sourcing__Plan *plan, SrcError *err)
{
    Solution *s = solution_new(p);
    int64_t *units = malloc(((size_t)p->n_lines + 1) * sizeof *units);
    StrMap orders;
    strmap_init(&orders);
    int rc = s && units ? 0 : src_error_set(err, "out of memory");
    for (int o = 0; o < p->n_orders && !rc; o++)
        rc = strmap_put(&orders, p->batch->orders[o]->id, o, NULL) < 0 ? src_error_set(err, "out of memory") : 0;
    for (size_t i = 0; i < plan->n_orders && !rc; i++) {
        const Sourcing__OrderPlan *op = plan->orders[i];
        int o = op->order_id ? strmap_get(&orders, op->order_id) : -1;
        if (o < 0)
            rc = src_error_set(err, "plan: orders[%zu]: no such order in the batch", i);
        for (size_t k = 0; k < op->n_shipments && !rc; k++)
            rc = load_shipment(s, o, op->shipments[k], units, err);
    }
    strmap_free(&orders);
    free(units);
    if (rc) {
        solution_free(s);
        return NULL;
    }
    return s;
}
