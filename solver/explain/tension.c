/* The tension report of a plan (see tension.h): resources ranked by shadow price, alerts. */
#include "tension.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "lookup.h"
#include "unfilled.h"

static const char *const KIND_NAMES[RES_KINDS] = {"stock", "node_shipments", "node_units", "carrier_pickups",
                                                  "lane_weight"};

typedef struct Row {
    int kind, index;
    double used, capacity, price;
} Row;

const char *price_source_name(PriceSource source)
{
    switch (source) {
    case PRICE_LP: return "lp";
    case PRICE_LP_ESTIMATE: return "lp estimate";
    case PRICE_LAGRANGE: return "lagrange estimate";
    default: return "none";
    }
}

void prices_from_lagrange(ResourcePrices *rp, const Lagrange *lg)
{
    const double *from[RES_KINDS] = {lg->slot_price, lg->ship_price, lg->unit_price, lg->carrier_price, NULL};
    for (int k = 0; k < RES_KINDS; k++)
        for (int i = 0; i < resource_count(lg->p, (ResourceKind)k); i++) {
            rp->price[k][i] = from[k] ? fmax(0, from[k][i]) : 0;
            rp->source[k][i] = from[k] ? PRICE_LAGRANGE : PRICE_NONE;
        }
    snprintf(rp->method, sizeof rp->method,
             "Lagrangian multipliers of the bound (subgradient method, %d iterations, bound %.10g): estimates; "
             "lane weights are not priced", lg->iterations, lg->bound);
}

/* The heaviest shipment of the plan on each lane. */
static void heaviest_per_lane(const Solution *s, double *heaviest)
{
    const Problem *p = s->p;
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < s->orders[o].n_ships; k++) {
            const SolShipment *sh = &s->orders[o].ships[k];
            double weight = 0;
            shipment_cost(p, sh->cand, sh->option, sh->units, &weight);
            int lane = p->options[sh->option].lane;
            heaviest[lane] = fmax(heaviest[lane], weight);
        }
}

/* Use and capacity of resource i of a kind; 0 when it has no limit. */
static int use_of(const Solution *s, const double *heaviest, int kind, int i, double *used, double *capacity)
{
    const Problem *p = s->p;
    switch (kind) {
    case RES_STOCK: *used = (double)s->stock_used[i], *capacity = (double)p->stock[i]; break;
    case RES_NODE_SHIPMENTS: *used = (double)s->node_ships[i], *capacity = (double)p->nodes[i].max_shipments; break;
    case RES_NODE_UNITS: *used = (double)s->node_units[i], *capacity = (double)p->nodes[i].max_units; break;
    case RES_CARRIER: *used = (double)s->carrier_used[i], *capacity = (double)p->carrier_cap[i]; break;
    default: *used = heaviest[i], *capacity = p->batch->lanes[i]->max_weight_kg; break;
    }
    return *capacity > 0;
}

static int by_price(const void *a, const void *b)
{
    const Row *x = a, *y = b;
    double ux = x->used / x->capacity, uy = y->used / y->capacity;
    if (x->price != y->price)
        return x->price > y->price ? -1 : 1;
    if (ux != uy)
        return ux > uy ? -1 : 1;
    return x->kind != y->kind ? x->kind - y->kind : x->index - y->index;
}

/* The resources at or above the threshold or with a price, ranked. -1 when out of memory. */
static int collect(const Solution *s, const ResourcePrices *rp, double threshold, Row **rows, size_t *n)
{
    const Problem *p = s->p;
    double *heaviest = calloc(p->batch->n_lanes + 1, sizeof *heaviest);
    size_t cap = 0;
    if (!heaviest)
        return -1;
    heaviest_per_lane(s, heaviest);
    int rc = 0;
    for (int k = 0; k < RES_KINDS && !rc; k++)
        for (int i = 0; i < resource_count(p, (ResourceKind)k) && !rc; i++) {
            Row r = {.kind = k, .index = i, .price = rp->price[k][i]};
            if (!use_of(s, heaviest, k, i, &r.used, &r.capacity) ||
                (r.used / r.capacity < threshold - 1e-9 && r.price <= 1e-9))
                continue;
            if ((rc = grow((void **)rows, &cap, *n + 1, sizeof **rows)) == 0)
                (*rows)[(*n)++] = r;
        }
    free(heaviest);
    if (*n > 1)
        qsort(*rows, *n, sizeof **rows, by_price);
    return rc;
}

/* For people: "stock of A at n1", "units from n1", ... */
static void describe(const Lookup *lk, const Row *r, char *buf, size_t size)
{
    const Sourcing__Batch *b = lk->p->batch;
    const Sourcing__CarrierLimit *cl = r->kind == RES_CARRIER ? b->carrier_limits[r->index] : NULL;
    const Sourcing__Lane *lane = r->kind == RES_LANE_WEIGHT ? b->lanes[r->index] : NULL;
    switch (r->kind) {
    case RES_STOCK:
        snprintf(buf, size, "stock of %s at %s", lk->slot_sku[r->index], b->nodes[lk->slot_node[r->index]]->id);
        break;
    case RES_NODE_SHIPMENTS: snprintf(buf, size, "shipments from %s", b->nodes[r->index]->id); break;
    case RES_NODE_UNITS: snprintf(buf, size, "units from %s", b->nodes[r->index]->id); break;
    case RES_CARRIER: snprintf(buf, size, "%s pick-ups at %s", cl->carrier, cl->node_id); break;
    default: snprintf(buf, size, "kg per shipment on %s->%s by %s", lane->node_id, lane->zone, lane->carrier);
    }
}

static char *dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static Sourcing__ResourceTension *row_message(const Lookup *lk, const ResourcePrices *rp, const Row *r)
{
    const Sourcing__Batch *b = lk->p->batch;
    Sourcing__ResourceTension *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    sourcing__resource_tension__init(m);
    m->kind = dup(KIND_NAMES[r->kind]);
    m->price_source = dup(price_source_name((PriceSource)rp->source[r->kind][r->index]));
    if (r->kind == RES_STOCK)
        m->node = dup(b->nodes[lk->slot_node[r->index]]->id), m->sku = dup(lk->slot_sku[r->index]);
    else if (r->kind == RES_CARRIER)
        m->node = dup(b->carrier_limits[r->index]->node_id), m->carrier = dup(b->carrier_limits[r->index]->carrier);
    else if (r->kind == RES_LANE_WEIGHT)
        m->node = dup(b->lanes[r->index]->node_id), m->carrier = dup(b->lanes[r->index]->carrier),
        m->zone = dup(b->lanes[r->index]->zone);
    else
        m->node = dup(b->nodes[r->index]->id);
    m->has_used = m->has_capacity = m->has_utilisation = m->has_shadow_price = 1;
    m->used = r->used, m->capacity = r->capacity, m->utilisation = r->used / r->capacity, m->shadow_price = r->price;
    return m;
}

static int add_alert(Sourcing__Tension *t, const char *text)
{
    if (grow_for_append((void **)&t->alerts, t->n_alerts, sizeof *t->alerts))
        return -1;
    if (!(t->alerts[t->n_alerts] = strdup(text)))
        return -1;
    t->n_alerts++;
    return 0;
}

/* The listed resources (the first TENSION_MAX_RESOURCES) and the alerts on their prices. */
static int fill_resources(Sourcing__Tension *t, const Lookup *lk, const ResourcePrices *rp, const Row *rows,
                          size_t n, double price_alert, size_t *alerted)
{
    size_t listed = n < TENSION_MAX_RESOURCES ? n : TENSION_MAX_RESOURCES;
    t->resources = calloc(listed + 1, sizeof *t->resources);
    if (!t->resources)
        return -1;
    char what[600], text[900];
    for (size_t k = 0; k < listed; k++) {
        const Row *r = &rows[k];
        if (!(t->resources[t->n_resources] = row_message(lk, rp, r)))
            return -1;
        t->n_resources++;
        if (r->price <= 1e-9 || r->price < price_alert || (*alerted)++ >= TENSION_MAX_ALERTS)
            continue;
        describe(lk, r, what, sizeof what);
        snprintf(text, sizeof text, "%s: %.10g of %.10g used (%.0f%%); one more would save %.10g (%s)", what, r->used,
                 r->capacity, 100 * r->used / r->capacity, r->price,
                 price_source_name((PriceSource)rp->source[r->kind][r->index]));
        if (add_alert(t, text))
            return -1;
    }
    if (n > listed) {
        snprintf(text, sizeof text, "%zu more resources under tension are not listed (the %d dearest are)",
                 n - listed, TENSION_MAX_RESOURCES);
        return add_alert(t, text);
    }
    return 0;
}

static int unfilled_alerts(Sourcing__Tension *t, size_t *alerted)
{
    char text[900];
    for (size_t k = 0; k < t->n_unfilled; k++) {
        if ((*alerted)++ >= TENSION_MAX_ALERTS)
            break;
        snprintf(text, sizeof text, "%lld unit%s of %s unfilled: %s", (long long)t->unfilled[k]->units,
                 t->unfilled[k]->units == 1 ? "" : "s",
                 t->unfilled[k]->sku, t->unfilled[k]->cause);
        if (add_alert(t, text))
            return -1;
    }
    if (*alerted > TENSION_MAX_ALERTS) {
        snprintf(text, sizeof text, "%zu more alerts not shown", *alerted - TENSION_MAX_ALERTS);
        return add_alert(t, text);
    }
    return 0;
}

Sourcing__Tension *tension_build(const Solution *s, const ResourcePrices *rp, double threshold, double price_alert)
{
    Sourcing__Tension *t = malloc(sizeof *t);
    if (!t)
        return NULL;
    sourcing__tension__init(t);
    Lookup lk;
    Row *rows = NULL;
    size_t n = 0, alerted = 0;
    int rc = lookup_build(&lk, s->p);
    if (!rc) {
        rc = collect(s, rp, threshold > 0 ? threshold : TENSION_DEFAULT_THRESHOLD, &rows, &n) ||
             fill_resources(t, &lk, rp, rows, n, price_alert, &alerted) || unfilled_by_sku(s, &lk, t) ||
             unfilled_alerts(t, &alerted) || !(t->price_method = strdup(rp->method));
        lookup_free(&lk);
    }
    free(rows);
    if (rc) {
        sourcing__tension__free_unpacked(t, NULL);
        return NULL;
    }
    return t;
}
