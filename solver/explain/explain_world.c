/* The Explainer and the two worlds an order's options are weighed in (explain_internal.h). */
#include <stdlib.h>

#include "explain_internal.h"

static void note_user(int *users, int o)
{
    if (users[0] == o || users[1] == o)
        return;
    if (users[0] < 0)
        users[0] = o;
    else if (users[1] < 0)
        users[1] = o;
}

Explainer *explainer_new(const Solution *s, const Lookup *lk)
{
    const Problem *p = s->p;
    int max_lines = 1;
    for (int o = 0; o < p->n_orders; o++)
        max_lines = p->orders[o].n_lines > max_lines ? p->orders[o].n_lines : max_lines;
    Explainer *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->s = s, e->lk = lk;
    e->slot_user = malloc(((size_t)p->n_slots * 2 + 2) * sizeof *e->slot_user);
    e->units[0] = calloc((size_t)max_lines, sizeof(int64_t));
    e->units[1] = calloc((size_t)max_lines, sizeof(int64_t));
    e->seen = calloc((size_t)p->n_nodes + 1, 1);
    if (!e->slot_user || !e->units[0] || !e->units[1] || !e->seen)
        return explainer_free(e), NULL;
    for (int k = 0; k < 2 * p->n_slots; k++)
        e->slot_user[k] = -1;
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < s->orders[o].n_ships; k++) {
            const SolShipment *sh = &s->orders[o].ships[k];
            const int *slots = cand_slots(p, &p->cands[sh->cand]);
            for (int i = 0; i < p->orders[o].n_lines; i++)
                if (sh->units[i] > 0 && slots[i] >= 0)
                    note_user(e->slot_user + 2 * slots[i], o);
        }
    return e;
}

void explainer_free(Explainer *e)
{
    if (!e)
        return;
    free(e->slot_user), free(e->units[0]), free(e->units[1]), free(e->seen);
    free(e);
}

/* ---------------------------------------------------------------- the order's own use */

const SolShipment *own_ship_at(const Explainer *e, int node)
{
    const SolOrder *so = &e->s->orders[e->o];
    for (int k = 0; k < so->n_ships; k++)
        if (e->s->p->cands[so->ships[k].cand].node == node)
            return &so->ships[k];
    return NULL;
}

int64_t own_units(const Explainer *e, const SolShipment *sh)
{
    int64_t units = 0;
    for (int i = 0; sh && i < e->s->p->orders[e->o].n_lines; i++)
        units += sh->units[i];
    return units;
}

static int64_t own_slot_use(const Explainer *e, int slot)
{
    const Problem *p = e->s->p;
    const SolOrder *so = &e->s->orders[e->o];
    int64_t used = 0;
    for (int k = 0; k < so->n_ships; k++)
        for (int i = 0; i < p->orders[e->o].n_lines; i++)
            used += cand_slots(p, &p->cands[so->ships[k].cand])[i] == slot ? so->ships[k].units[i] : 0;
    return used;
}

static int own_on_carrier(const Explainer *e, int cl)
{
    const SolOrder *so = &e->s->orders[e->o];
    int n = 0;
    for (int k = 0; k < so->n_ships; k++)
        n += e->s->p->options[so->ships[k].option].carrier_limit == cl;
    return n;
}

/* ---------------------------------------------------------------- what is available */

int64_t stock_avail(const Explainer *e, int slot, int alone)
{
    if (slot < 0)
        return 0;
    return alone ? e->s->p->stock[slot] : stock_left(e->s, slot) + own_slot_use(e, slot);
}

int64_t units_avail(const Explainer *e, int node, int alone)
{
    int64_t cap = e->s->p->nodes[node].max_units;
    if (cap == 0)
        return INT64_MAX;
    return alone ? cap : cap - (e->s->node_units[node] - own_units(e, own_ship_at(e, node)));
}

int ships_ok(const Explainer *e, int node, int alone)
{
    int64_t cap = e->s->p->nodes[node].max_shipments;
    return cap == 0 || alone || e->s->node_ships[node] - (own_ship_at(e, node) != NULL) < cap;
}

int carrier_ok(const Explainer *e, int cl, int alone)
{
    if (cl < 0 || e->s->p->carrier_cap[cl] == 0 || alone)
        return 1;
    return e->s->carrier_used[cl] - own_on_carrier(e, cl) < e->s->p->carrier_cap[cl];
}

/* Whether another order of the plan ships from the node (then its activation is paid anyway). */
int active_without(const Explainer *e, int node)
{
    return e->s->node_ships[node] - (own_ship_at(e, node) != NULL) > 0;
}
