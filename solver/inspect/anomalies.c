/* Finding the anomalies of a valid batch (see anomalies.h). */
#include "anomalies.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "strmap.h"

/* A value is an outlier above this many times the median of its field... */
#define OUTLIER_FACTOR 50.0
/* ...when the field has at least this many positive values to take a median of. */
#define MIN_VALUES_FOR_MEDIAN 10
/* The median comes from at most this many values of a field, taken evenly across it. */
#define MEDIAN_SAMPLE 100000
/* Demand above this many times the network's stock of a sku is worth a warning. */
#define SHORTAGE_FACTOR 2.0
/* Examples named per kind of anomaly. */
#define EXAMPLES 3

typedef struct Finder {
    Anomalies *out;
    size_t cap;
    int failed;
} Finder;

static void add(Finder *f, const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *copy = strdup(text);
    if (!copy || grow((void **)&f->out->text, &f->cap, f->out->n + 1, sizeof(char *))) {
        free(copy);
        f->failed = 1;
        return;
    }
    f->out->text[f->out->n++] = copy;
}

/* Appends "name" to a list of examples in buf ("a, b, c"). */
static void example(char *buf, size_t size, int count, const char *name)
{
    if (count > EXAMPLES)
        return;
    size_t used = strlen(buf);
    snprintf(buf + used, size - used, "%s%s", used ? ", " : "", count == EXAMPLES ? "..." : name);
}

static void unserved_orders(Finder *f, const Problem *p)
{
    char names[400] = "";
    int count = 0;
    for (int o = 0; o < p->n_orders; o++)
        if (p->orders[o].n_cands == 0)
            example(names, sizeof names, count++, p->batch->orders[o]->id);
    if (count)
        add(f, "%d order%s no node can serve (no eligible node with its stock, a lane to its zone and its SLA): %s",
            count, count == 1 ? "" : "s", names);
}

/* Per sku, demand against the stock of the whole network. */
static void short_skus(Finder *f, const Sourcing__Batch *b)
{
    StrMap skus;
    strmap_init(&skus);
    double *demand = NULL, *stock = NULL;
    size_t cap = 0, cap2 = 0;
    int n = 0;
    for (size_t o = 0; o < b->n_orders && !f->failed; o++)
        for (size_t k = 0; k < b->orders[o]->n_lines && !f->failed; k++) {
            int existing = -1, rc = strmap_put(&skus, b->orders[o]->lines[k]->sku, n, &existing);
            if (rc < 0 || (rc == 1 && (grow((void **)&demand, &cap, (size_t)n + 1, sizeof(double)) ||
                                       grow((void **)&stock, &cap2, (size_t)n + 1, sizeof(double))))) {
                f->failed = 1;
                break;
            }
            int i = rc == 1 ? n++ : existing;
            if (rc == 1)
                demand[i] = stock[i] = 0;
            demand[i] += (double)b->orders[o]->lines[k]->quantity;
        }
    for (size_t nd = 0; nd < b->n_nodes && !f->failed; nd++)
        for (size_t k = 0; k < b->nodes[nd]->n_inventory; k++) {
            int i = strmap_get(&skus, b->nodes[nd]->inventory[k]->sku);
            if (i >= 0)
                stock[i] += (double)b->nodes[nd]->inventory[k]->quantity;
        }
    char names[400] = "";
    int count = 0;
    for (size_t s = 0; s < skus.cap && !f->failed; s++) {
        int i = skus.keys[s] ? skus.values[s] : -1;
        if (i >= 0 && demand[i] > SHORTAGE_FACTOR * stock[i]) {
            char one[128];
            snprintf(one, sizeof one, "%.60s (demand %.0f, stock %.0f)", skus.keys[s], demand[i], stock[i]);
            example(names, sizeof names, count++, one);
        }
    }
    if (count)
        add(f, "%d sku%s with demand over %.0f times the network's stock: %s", count, count == 1 ? "" : "s",
            SHORTAGE_FACTOR, names);
    free(demand);
    free(stock);
    strmap_free(&skus);
}

/* Lanes whose delivery (processing + transit) is later than the latest promise of any order of
 * their zone: no order there can use them on time. */
static void late_lanes(Finder *f, const Problem *p)
{
    const Sourcing__Batch *b = p->batch;
    StrMap zones, nodes;
    strmap_init(&zones);
    strmap_init(&nodes);
    int64_t *latest = calloc((size_t)p->n_orders + 1, sizeof(int64_t));
    int n = 0;
    f->failed |= !latest;
    for (size_t o = 0; o < b->n_orders && !f->failed; o++) {
        int existing = -1, rc = strmap_put(&zones, b->orders[o]->zone, n, &existing);
        f->failed |= rc < 0;
        int z = rc == 1 ? n++ : existing;
        int64_t due = b->orders[o]->due_days;
        if (z >= 0 && (rc == 1 || due > latest[z]))
            latest[z] = due;
    }
    for (size_t k = 0; k < b->n_nodes && !f->failed; k++)
        f->failed |= strmap_put(&nodes, b->nodes[k]->id, (int)k, NULL) < 0;
    char names[400] = "";
    int count = 0;
    for (size_t l = 0; l < b->n_lanes && !f->failed; l++) {
        const Sourcing__Lane *lane = b->lanes[l];
        int z = strmap_get(&zones, lane->zone), nd = strmap_get(&nodes, lane->node_id);
        if (z < 0 || nd < 0 || b->nodes[nd]->processing_days + lane->transit_days <= latest[z])
            continue;
        char one[200];
        snprintf(one, sizeof one, "%.40s->%.40s by %.40s (%lld days, zone promises at most %lld)", lane->node_id,
                 lane->zone, lane->carrier, (long long)(b->nodes[nd]->processing_days + lane->transit_days),
                 (long long)latest[z]);
        example(names, sizeof names, count++, one);
    }
    if (count)
        add(f, "%d lane%s slower than every order of their zone promises: %s", count, count == 1 ? "" : "s", names);
    free(latest);
    strmap_free(&zones);
    strmap_free(&nodes);
}

/* ------------------------------------------------------------ outliers */

/* A field of the batch: how many values, the i-th value and its path. */
typedef struct Field {
    const char *name;
    size_t (*count)(const Problem *p);
    double (*value)(const Problem *p, size_t i);
    void (*path)(const Problem *p, size_t i, char *buf, size_t size);
} Field;

static size_t n_lanes(const Problem *p) { return p->batch->n_lanes; }
static size_t n_nodes(const Problem *p) { return p->batch->n_nodes; }
static size_t n_lines(const Problem *p) { return (size_t)p->n_lines; }
static double lane_per_kg(const Problem *p, size_t i) { return p->batch->lanes[i]->cost_per_kg; }
static double lane_shipment(const Problem *p, size_t i) { return p->batch->lanes[i]->shipment_cost; }
static double lane_transit(const Problem *p, size_t i) { return (double)p->batch->lanes[i]->transit_days; }
static double node_unit(const Problem *p, size_t i) { return p->batch->nodes[i]->unit_cost; }
static double node_shipment(const Problem *p, size_t i) { return p->batch->nodes[i]->shipment_cost; }
static double line_quantity(const Problem *p, size_t i) { return (double)p->lines[i].quantity; }
static double line_weight(const Problem *p, size_t i) { return p->lines[i].unit_weight_kg; }

static void lane_path(const Problem *p, size_t i, char *buf, size_t size)
{
    (void)p;
    snprintf(buf, size, "lanes[%zu]", i);
}

static void node_path(const Problem *p, size_t i, char *buf, size_t size)
{
    snprintf(buf, size, "nodes[%zu] (%.60s)", i, p->batch->nodes[i]->id);
}

/* orders[o].lines[k] of the i-th line: the order whose lines hold it (binary search). */
static void line_path(const Problem *p, size_t i, char *buf, size_t size)
{
    int lo = 0, hi = p->n_orders - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if ((size_t)p->orders[mid].first_line <= i)
            lo = mid;
        else
            hi = mid - 1;
    }
    snprintf(buf, size, "orders[%d].lines[%zu]", lo, i - (size_t)p->orders[lo].first_line);
}

static const Field FIELDS[] = {
    {"cost_per_kg", n_lanes, lane_per_kg, lane_path},
    {"shipment_cost", n_lanes, lane_shipment, lane_path},
    {"transit_days", n_lanes, lane_transit, lane_path},
    {"unit_cost", n_nodes, node_unit, node_path},
    {"shipment_cost", n_nodes, node_shipment, node_path},
    {"quantity", n_lines, line_quantity, line_path},
    {"unit_weight_kg", n_lines, line_weight, line_path},
};

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median of the field's positive values (from an even sample), or 0 when too few. */
static double median_of(const Problem *p, const Field *field, double *sample)
{
    size_t n = field->count(p), step = n > MEDIAN_SAMPLE ? n / MEDIAN_SAMPLE + 1 : 1, taken = 0;
    for (size_t i = 0; i < n; i += step) {
        double v = field->value(p, i);
        if (v > 0)
            sample[taken++] = v;
    }
    if (taken < MIN_VALUES_FOR_MEDIAN)
        return 0;
    qsort(sample, taken, sizeof *sample, by_value);
    return sample[taken / 2];
}

static void outliers(Finder *f, const Problem *p)
{
    double *sample = malloc((MEDIAN_SAMPLE + 1) * sizeof *sample);
    f->failed |= !sample;
    for (size_t k = 0; k < sizeof FIELDS / sizeof FIELDS[0] && !f->failed; k++) {
        const Field *field = &FIELDS[k];
        double median = median_of(p, field, sample);
        if (median <= 0)
            continue;
        char names[400] = "";
        int count = 0;
        for (size_t i = 0; i < field->count(p); i++) {
            double v = field->value(p, i);
            if (v <= OUTLIER_FACTOR * median)
                continue;
            char at[120], one[200];
            field->path(p, i, at, sizeof at);
            snprintf(one, sizeof one, "%s = %g", at, v);
            example(names, sizeof names, count++, one);
        }
        if (count)
            add(f, "%d value%s of %s over %.0f times the batch's median (%g): %s", count, count == 1 ? "" : "s",
                field->name, OUTLIER_FACTOR, median, names);
    }
    free(sample);
}

int anomalies_find(const Problem *p, Anomalies *out)
{
    memset(out, 0, sizeof *out);
    Finder f = {.out = out};
    unserved_orders(&f, p);
    short_skus(&f, p->batch);
    late_lanes(&f, p);
    outliers(&f, p);
    return f.failed ? -1 : 0;
}

void anomalies_free(Anomalies *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->text[i]);
    free(a->text);
    memset(a, 0, sizeof *a);
}
