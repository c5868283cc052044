/* The two CSV files of plan_csv.h. Numbers are written in the shortest form that reads back as
 * the same double, so that the columns sum to the plan's figures. */
#include "plan_csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_lookup.h"
#include "out_file.h"

/* A text field, quoted when it needs to be. */
static void csv_text(FILE *f, const char *s)
{
    s = s ? s : "";
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_number(FILE *f, double v)
{
    char buf[40];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v || isnan(v))
            break;
    }
    fputs(buf, f);
}

/* Opens the CSV atomically (out_file.h: a temporary file renamed over path at the end) and
 * writes its header; NULL with err set when it cannot. */
static FILE *csv_open(OutFile *out, const char *path, const char *header, SrcError *err)
{
    if (out_file_open(out, path, err))
        return NULL;
    fprintf(out->f, "%s\n", header);
    return out->f;
}

/* The weight of a shipped line: its units times the order line's unit weight. */
static double line_weight(const Sourcing__Order *order, const Sourcing__ShipmentLine *sl)
{
    if (!order || sl->line < 0 || (size_t)sl->line >= order->n_lines)
        return NAN;
    return (double)sl->units * order->lines[sl->line]->unit_weight_kg;
}

static void write_shipped_rows(FILE *f, const BatchLookup *lookup, const Sourcing__OrderPlan *op)
{
    const Sourcing__Order *order = batch_lookup_order(lookup, op->order_id);
    for (size_t k = 0; k < op->n_shipments; k++) {
        const Sourcing__Shipment *sh = op->shipments[k];
        for (size_t i = 0; i < sh->n_lines; i++) {
            const Sourcing__ShipmentLine *sl = sh->lines[i];
            csv_text(f, op->order_id);
            fprintf(f, ",%lld,", (long long)sl->line);
            csv_text(f, sl->sku);
            fprintf(f, ",shipped,%lld,", (long long)sl->units);
            csv_text(f, sh->node_id);
            fputc(',', f);
            csv_text(f, sh->carrier);
            fprintf(f, ",%zu,", k + 1);
            csv_number(f, line_weight(order, sl));
            fputc(',', f);
            csv_number(f, (double)sl->units * batch_lookup_unit_cost(lookup, sh->node_id, sl->sku));
            fputs(",0\n", f);
        }
    }
}

static void write_unfilled_rows(FILE *f, const Sourcing__OrderPlan *op)
{
    for (size_t i = 0; i < op->n_unfilled; i++) {
        const Sourcing__UnfilledLine *u = op->unfilled[i];
        csv_text(f, op->order_id);
        fprintf(f, ",%lld,", (long long)u->line);
        csv_text(f, u->sku);
        fprintf(f, ",unfilled,%lld,,,,,0,", (long long)u->units);
        csv_number(f, u->cost);
        fputc('\n', f);
    }
}

int plan_write_lines_csv(const char *path, const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcError *err)
{
    BatchLookup *lookup = batch_lookup_new(batch);
    if (!lookup)
        return src_error_set(err, "%s: out of memory", path);
    OutFile out;
    FILE *f = csv_open(&out, path, PLAN_LINES_CSV_HEADER, err);
    for (size_t o = 0; f && o < plan->n_orders; o++) {
        write_shipped_rows(f, lookup, plan->orders[o]);
        write_unfilled_rows(f, plan->orders[o]);
    }
    batch_lookup_free(lookup);
    return f ? out_file_close(&out, 0, err) : -1;
}

static int64_t shipment_units(const Sourcing__Shipment *sh)
{
    int64_t units = 0;
    for (size_t i = 0; i < sh->n_lines; i++)
        units += sh->lines[i]->units;
    return units;
}

/* One shipment's row, with the split and activation costs charged to it. */
static void write_shipment_row(FILE *f, const Sourcing__OrderPlan *op, size_t k, double split_cost,
                               double activation_cost)
{
    const Sourcing__Shipment *sh = op->shipments[k];
    csv_text(f, op->order_id);
    fprintf(f, ",%zu,", k + 1);
    csv_text(f, sh->node_id);
    fputc(',', f);
    csv_text(f, sh->carrier);
    fprintf(f, ",%zu,%lld,", sh->n_lines, (long long)shipment_units(sh));
    csv_number(f, sh->weight_kg);
    fprintf(f, ",%lld,%lld,", (long long)sh->delivery_days, (long long)sh->days_late);
    csv_number(f, sh->cost);
    fputc(',', f);
    csv_number(f, sh->late_cost);
    fputc(',', f);
    csv_number(f, split_cost);
    fputc(',', f);
    csv_number(f, activation_cost);
    fputc('\n', f);
}

/* The split cost of each shipment beyond the order's first: the order's split_cost, else (an order
 * not in the batch) the plan's figure shared out. */
static double split_cost_per_extra_shipment(const BatchLookup *lookup, const Sourcing__OrderPlan *op)
{
    const Sourcing__Order *order = batch_lookup_order(lookup, op->order_id);
    if (order)
        return order->split_cost;
    return op->n_shipments > 1 ? op->split_cost / (double)(op->n_shipments - 1) : 0;
}

int plan_write_shipments_csv(const char *path, const Sourcing__Batch *batch, const Sourcing__Plan *plan,
                             SrcError *err)
{
    BatchLookup *lookup = batch_lookup_new(batch);
    unsigned char *node_seen = calloc(batch->n_nodes + 1, 1);
    OutFile out;
    FILE *f = lookup && node_seen ? csv_open(&out, path, PLAN_SHIPMENTS_CSV_HEADER, err) : NULL;
    if (!lookup || !node_seen)
        src_error_set(err, "%s: out of memory", path);
    for (size_t o = 0; f && o < plan->n_orders; o++) {
        const Sourcing__OrderPlan *op = plan->orders[o];
        double split = split_cost_per_extra_shipment(lookup, op);
        for (size_t k = 0; k < op->n_shipments; k++) {
            long node = batch_lookup_node(lookup, op->shipments[k]->node_id);
            double activation = 0;
            if (node >= 0 && !node_seen[node]) {
                node_seen[node] = 1;
                activation = batch->nodes[node]->activation_cost;
            }
            write_shipment_row(f, op, k, k > 0 ? split : 0, activation);
        }
    }
    batch_lookup_free(lookup);
    free(node_seen);
    return f ? out_file_close(&out, 0, err) : -1;
}
