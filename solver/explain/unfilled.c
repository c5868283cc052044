/* The causes of unfilled units, per sku (see unfilled.h). */
#include "unfilled.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "strmap.h"
#include "validate.h"

static int line_left(const Solution *s, int o, int i, int64_t *left)
{
    *left = s->p->lines[s->p->orders[o].first_line + i].quantity;
    const SolOrder *so = &s->orders[o];
    for (int k = 0; k < so->n_ships; k++)
        *left -= so->ships[k].units[i];
    return *left > 0;
}

/* Stock of the sku somewhere; at a node the order may use with a lane to its zone (only late). */
static const char *cause_without_candidates(const Lookup *lk, int o, const char *sku)
{
    const Sourcing__Batch *b = lk->p->batch;
    const Sourcing__Order *order = b->orders[o];
    int stocked = 0, late_only = 0;
    for (int slot = lookup_sku_slots(lk, sku); slot >= 0; slot = lk->slot_next[slot]) {
        if (lk->p->stock[slot] <= 0)
            continue;
        stocked = 1;
        int n = lk->slot_node[slot];
        if (!lookup_eligible(order, b->nodes[n]->id))
            continue;
        for (int l = lookup_lanes(lk, n, order->zone); l >= 0; l = lk->lane_next[l])
            late_only |= lookup_days_late(lk, o, n, l) > 0;
    }
    if (!stocked)
        return "no stock anywhere";
    int hard = order->has_sla && order->sla == SOURCING__SLA__HARD;
    return hard && late_only ? "stock only behind a HARD SLA" : "no node can serve it";
}

/* What stops candidate c from shipping one more unit of its line i in plan s, the most telling
 * first (room there but the order's split limit; room in stock but a capacity; no stock left). */
enum { ROOM = -1, BLOCKED_SPLIT, BLOCKED_CAPACITY, BLOCKED_STOCK };
static const char *const BLOCKED[] = {"split limit", "capacity", "stock used by other orders"};

static int room_at(const Solution *s, const PCandidate *c, int i)
{
    const Problem *p = s->p;
    const SolOrder *so = &s->orders[c->order];
    if (stock_left(s, cand_slots(p, c)[i]) <= 0)
        return BLOCKED_STOCK;
    if (node_units_left(s, c->node) <= 0)
        return BLOCKED_CAPACITY;
    for (int k = 0; k < so->n_ships; k++)
        if (so->ships[k].cand == (int)(c - p->cands))
            return ROOM;  /* its shipment from there can carry it */
    int64_t limit = p->orders[c->order].max_shipments;
    if (limit > 0 && so->n_ships >= limit)
        return BLOCKED_SPLIT;
    if (!node_can_ship(s, c->node))
        return BLOCKED_CAPACITY;
    for (int j = 0; j < c->n_options; j++)
        if (carrier_can_ship(s, p->options[c->first_option + j].carrier_limit))
            return ROOM;
    return BLOCKED_CAPACITY;
}

/* The cause for line i of order o; NULL when no candidate stocks it. */
static const char *cause_with_candidates(const Solution *s, int o, int i)
{
    const Problem *p = s->p;
    const POrder *order = &p->orders[o];
    int best = -2;
    for (int k = 0; k < order->n_cands; k++) {
        const PCandidate *c = &p->cands[order->first_cand + k];
        if (cand_slots(p, c)[i] < 0)
            continue;
        int why = room_at(s, c, i);
        if (why == ROOM)
            return "cheaper to leave unfilled";
        if (best == -2 || why < best)
            best = why;
    }
    return best >= 0 ? BLOCKED[best] : NULL;
}

static Sourcing__UnfilledSku *new_entry(const char *sku, const char *cause)
{
    Sourcing__UnfilledSku *u = malloc(sizeof *u);
    if (!u)
        return NULL;
    sourcing__unfilled_sku__init(u);
    u->sku = strdup(sku ? sku : "");
    u->cause = strdup(cause);
    u->has_units = 1;
    if (!u->sku || !u->cause) {
        free(u->sku), free(u->cause), free(u);
        return NULL;
    }
    return u;
}

/* Adds units to the (sku, cause) entry, made on first use. */
static int add_units(Sourcing__Tension *t, StrMap *index, const char *sku, const char *cause, int64_t units)
{
    char key[2 * (SRC_MAX_ID_BYTES + 1) + 64];
    int at = strmap_get(index, strmap_key3(key, sizeof key, sku, cause, NULL));
    if (at < 0) {
        if (grow_for_append((void **)&t->unfilled, t->n_unfilled, sizeof *t->unfilled))
            return -1;
        if (!(t->unfilled[t->n_unfilled] = new_entry(sku, cause)))
            return -1;
        at = (int)t->n_unfilled++;
        if (strmap_put(index, key, at, NULL) < 0)
            return -1;
    }
    t->unfilled[at]->units += units;
    return 0;
}

int unfilled_by_sku(const Solution *s, const Lookup *lk, Sourcing__Tension *t)
{
    const Problem *p = s->p;
    StrMap index;
    strmap_init(&index);
    int rc = 0;
    for (int o = 0; o < p->n_orders && !rc; o++)
        for (int i = 0; i < p->orders[o].n_lines && !rc; i++) {
            int64_t left;
            if (!line_left(s, o, i, &left))
                continue;
            const char *sku = p->batch->orders[o]->lines[i]->sku;
            const char *cause = cause_with_candidates(s, o, i);
            if (!cause)
                cause = cause_without_candidates(lk, o, sku);
            rc = add_units(t, &index, sku, cause, left);
        }
    strmap_free(&index);
    return rc;
}
