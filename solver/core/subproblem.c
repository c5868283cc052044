/* Building a sub-problem from a plan and mapping plans between it and the whole problem. */
#include "subproblem.h"

#include <stdlib.h>
#include <string.h>

/* What the orders outside the sub-problem use, per node, slot and carrier limit. */
typedef struct OtherUse {
    int64_t *ships, *units, *stock, *carrier;
} OtherUse;

static int other_use_init(OtherUse *u, const Solution *s, const int *orders, int n)
{
    const Problem *p = s->p;
    u->ships = malloc(((size_t)p->n_nodes + 1) * sizeof(int64_t));
    u->units = malloc(((size_t)p->n_nodes + 1) * sizeof(int64_t));
    u->stock = malloc(((size_t)p->n_slots + 1) * sizeof(int64_t));
    u->carrier = malloc(((size_t)p->n_carrier_limits + 1) * sizeof(int64_t));
    if (!u->ships || !u->units || !u->stock || !u->carrier)
        return -1;
    memcpy(u->ships, s->node_ships, (size_t)p->n_nodes * sizeof(int64_t));
    memcpy(u->units, s->node_units, (size_t)p->n_nodes * sizeof(int64_t));
    memcpy(u->stock, s->stock_used, (size_t)p->n_slots * sizeof(int64_t));
    memcpy(u->carrier, s->carrier_used, (size_t)p->n_carrier_limits * sizeof(int64_t));
    for (int k = 0; k < n; k++) {
        const SolOrder *so = &s->orders[orders[k]];
        for (int j = 0; j < so->n_ships; j++) {
            const SolShipment *sh = &so->ships[j];
            const PCandidate *c = &p->cands[sh->cand];
            const int *slots = cand_slots(p, c);
            u->ships[c->node]--;
            for (int i = 0; i < p->orders[c->order].n_lines; i++) {
                u->units[c->node] -= sh->units[i];
                if (slots[i] >= 0)
                    u->stock[slots[i]] -= sh->units[i];
            }
            if (p->options[sh->option].carrier_limit >= 0)
                u->carrier[p->options[sh->option].carrier_limit]--;
        }
    }
    return 0;
}

static void other_use_free(OtherUse *u)
{
    free(u->ships);
    free(u->units);
    free(u->stock);
    free(u->carrier);
}

/* Residual capacity: 0 stays unlimited; a used-up limit becomes -1 (nothing left). */
static int64_t residual(int64_t cap, int64_t used)
{
    return cap == 0 ? 0 : cap - used > 0 ? cap - used : -1;
}

static int network_of(SubProblem *sub, const Problem *p, const OtherUse *u)
{
    Problem *q = &sub->p;
    q->n_nodes = p->n_nodes;
    q->n_slots = p->n_slots;
    q->n_carrier_limits = p->n_carrier_limits;
    q->n_zones = p->n_zones;
    q->nodes = malloc(((size_t)p->n_nodes + 1) * sizeof *q->nodes);
    q->stock = malloc(((size_t)p->n_slots + 1) * sizeof *q->stock);
    q->carrier_cap = malloc(((size_t)p->n_carrier_limits + 1) * sizeof *q->carrier_cap);
    if (!q->nodes || !q->stock || !q->carrier_cap)
        return -1;
    for (int n = 0; n < p->n_nodes; n++) {
        q->nodes[n].activation_cost = u->ships[n] > 0 ? 0 : p->nodes[n].activation_cost;
        q->nodes[n].max_shipments = residual(p->nodes[n].max_shipments, u->ships[n]);
        q->nodes[n].max_units = residual(p->nodes[n].max_units, u->units[n]);
    }
    for (int slot = 0; slot < p->n_slots; slot++)
        q->stock[slot] = p->stock[slot] - u->stock[slot];
    for (int cl = 0; cl < p->n_carrier_limits; cl++)
        q->carrier_cap[cl] = residual(p->carrier_cap[cl], u->carrier[cl]);
    return 0;
}

/* Copies candidate c (of the whole problem) into the sub-problem as a candidate of sub order k,
 * keeping only the lanes and stock still free; nothing when nothing is. */
static void copy_candidate(SubProblem *sub, const Problem *p, int cand, int k, int64_t *n_cells)
{
    Problem *q = &sub->p;
    const PCandidate *c = &p->cands[cand];
    const PNode *node = &q->nodes[c->node];
    if (node->max_shipments < 0 || node->max_units < 0)
        return;
    int first_option = q->n_options;
    for (int j = 0; j < c->n_options; j++) {
        const PLaneOption *o = &p->options[c->first_option + j];
        if (o->carrier_limit >= 0 && q->carrier_cap[o->carrier_limit] < 0)
            continue;
        sub->orig_option[q->n_options] = c->first_option + j;
        q->options[q->n_options++] = *o;
    }
    int n_lines = p->orders[c->order].n_lines, stocked = 0;
    const int *slots = cand_slots(p, c);
    for (int i = 0; i < n_lines; i++) {
        int slot = slots[i] >= 0 && q->stock[slots[i]] > 0 ? slots[i] : -1;
        q->cand_slot[*n_cells + i] = slot;
        q->cand_unit_cost[*n_cells + i] = cand_unit_costs(p, c)[i];
        stocked += slot >= 0;
    }
    if (q->n_options == first_option || stocked == 0) {
        q->n_options = first_option;
        return;
    }
    sub->orig_cand[q->n_cands] = cand;
    q->cands[q->n_cands++] = (PCandidate){k, c->node, first_option, q->n_options - first_option, *n_cells};
    *n_cells += n_lines;
}

static int orders_of(SubProblem *sub, const Problem *p, const int *orders, int n)
{
    Problem *q = &sub->p;
    size_t lines = 1, cands = 1, options = 1, cells = 1;
    for (int k = 0; k < n; k++) {
        const POrder *o = &p->orders[orders[k]];
        lines += (size_t)o->n_lines;
        cands += (size_t)o->n_cands;
        cells += (size_t)o->n_cands * (size_t)o->n_lines;
        for (int j = 0; j < o->n_cands; j++)
            options += (size_t)p->cands[o->first_cand + j].n_options;
    }
    q->orders = calloc((size_t)n + 1, sizeof *q->orders);
    q->lines = malloc(lines * sizeof *q->lines);
    q->cands = malloc(cands * sizeof *q->cands);
    q->options = malloc(options * sizeof *q->options);
    q->cand_slot = malloc(cells * sizeof *q->cand_slot);
    q->cand_unit_cost = malloc(cells * sizeof *q->cand_unit_cost);
    sub->orig_order = malloc(((size_t)n + 1) * sizeof(int));
    sub->orig_cand = malloc(cands * sizeof(int));
    sub->orig_option = malloc(options * sizeof(int));
    if (!q->orders || !q->lines || !q->cands || !q->options || !q->cand_slot || !q->cand_unit_cost ||
        !sub->orig_order || !sub->orig_cand || !sub->orig_option)
        return -1;
    int64_t n_cells = 0;
    for (int k = 0; k < n; k++) {
        const POrder *o = &p->orders[orders[k]];
        sub->orig_order[k] = orders[k];
        q->orders[k] = (POrder){q->n_lines, o->n_lines, q->n_cands, 0, o->max_shipments, o->split_cost, o->zone};
        memcpy(q->lines + q->n_lines, p->lines + o->first_line, (size_t)o->n_lines * sizeof *q->lines);
        q->n_lines += o->n_lines;
        for (int j = 0; j < o->n_cands; j++)
            copy_candidate(sub, p, o->first_cand + j, k, &n_cells);
        q->orders[k].n_cands = q->n_cands - q->orders[k].first_cand;
    }
    q->n_orders = n;
    return 0;
}

int subproblem_build(SubProblem *sub, const Solution *s, const int *orders, int n)
{
    memset(sub, 0, sizeof *sub);
    sub->p.batch = s->p->batch;
    OtherUse use = {0};
    int rc = other_use_init(&use, s, orders, n);
    if (!rc)
        rc = network_of(sub, s->p, &use);
    if (!rc)
        rc = orders_of(sub, s->p, orders, n);
    other_use_free(&use);
    if (rc)
        subproblem_free(sub);
    return rc;
}

void subproblem_free(SubProblem *sub)
{
    problem_free_arrays(&sub->p);
    free(sub->orig_order);
    free(sub->orig_cand);
    free(sub->orig_option);
    memset(sub, 0, sizeof *sub);
}

/* The sub candidate and option of a shipment of sub order k; -1 when the sub-problem lacks it. */
static int find_in_sub(const SubProblem *sub, int k, const SolShipment *sh, int *option_out)
{
    const POrder *o = &sub->p.orders[k];
    for (int j = 0; j < o->n_cands; j++) {
        const PCandidate *c = &sub->p.cands[o->first_cand + j];
        if (sub->orig_cand[o->first_cand + j] != sh->cand)
            continue;
        for (int t = 0; t < c->n_options; t++)
            if (sub->orig_option[c->first_option + t] == sh->option) {
                *option_out = c->first_option + t;
                return o->first_cand + j;
            }
    }
    return -1;
}

Solution *subproblem_solution_of(const SubProblem *sub, const Solution *s)
{
    Solution *t = solution_new(&sub->p);
    for (int k = 0; t && k < sub->p.n_orders; k++) {
        const SolOrder *so = &s->orders[sub->orig_order[k]];
        for (int j = 0; j < so->n_ships; j++) {
            int option, cand = find_in_sub(sub, k, &so->ships[j], &option);
            if (cand < 0 || solution_add(t, k, cand, option, so->ships[j].units)) {
                solution_free(t);  /* cannot happen for a plan that respects every limit */
                return NULL;
            }
        }
    }
    return t;
}

int subproblem_put_back(const SubProblem *sub, const Solution *sub_solution, Solution *s)
{
    for (int k = 0; k < sub->p.n_orders; k++)
        solution_clear_order(s, sub->orig_order[k]);
    for (int k = 0; k < sub->p.n_orders; k++) {
        const SolOrder *so = &sub_solution->orders[k];
        for (int j = 0; j < so->n_ships; j++)
            if (solution_add(s, sub->orig_order[k], sub->orig_cand[so->ships[j].cand],
                             sub->orig_option[so->ships[j].option], so->ships[j].units))
                return -1;
    }
    return 0;
}
