/* The plan summary for a terminal and the CSV of shipped lines for a spreadsheet. */
#include "plan_print.h"

#include <errno.h>
#include <string.h>

static const char *status_name(Sourcing__PlanStatus status)
{
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(&sourcing__plan_status__descriptor, status);
    return v ? v->name : "?";
}

static void print_costs(FILE *out, const Sourcing__CostBreakdown *c)
{
    fprintf(out, "total cost:   %.4f\n", c->total);
    fprintf(out, "  shipping    %.4f  (of which lateness %.4f)\n", c->shipping, c->lateness);
    fprintf(out, "  handling    %.4f\n", c->handling);
    fprintf(out, "  activation  %.4f\n", c->activation);
    fprintf(out, "  split       %.4f\n", c->split);
    fprintf(out, "  unfilled    %.4f\n", c->unfilled);
}

void plan_print_summary(FILE *out, const Sourcing__Batch *batch, const Sourcing__Plan *plan)
{
    fprintf(out, "batch:        %s (%zu orders, %zu nodes)\n", batch->name ? batch->name : "-", batch->n_orders,
            batch->n_nodes);
    fprintf(out, "status:       %s   method: %s\n", status_name(plan->status), plan->method ? plan->method : "-");
    if (plan->costs)
        print_costs(out, plan->costs);
    if (plan->has_best_bound)
        fprintf(out, "best bound:   %.4f   gap: %.4f%%\n", plan->best_bound, 100 * plan->gap);
    fprintf(out, "shipments:    %lld   split orders: %lld   unfilled units: %lld   late shipments: %lld   "
            "active nodes: %zu\n", (long long)plan->shipments, (long long)plan->split_orders,
            (long long)plan->unfilled_units, (long long)plan->late_shipments, plan->n_active_nodes);
    double total = 0;
    fprintf(out, "time:        ");
    for (size_t i = 0; i < plan->n_phases; i++) {
        fprintf(out, " %s %.3fs", plan->phases[i]->phase, plan->phases[i]->seconds);
        total += plan->phases[i]->seconds;
    }
    fprintf(out, "  (total %.3fs)\n", total);
    if (plan->model)
        fprintf(out, "model:        %lld rows, %lld columns (%lld integer), %lld nonzeros\n",
                (long long)plan->model->rows, (long long)plan->model->columns,
                (long long)plan->model->integer_columns, (long long)plan->model->nonzeros);
    if (plan->message && plan->message[0])
        fprintf(out, "note:         %s\n", plan->message);
}

/* A CSV field, quoted when it needs to be. */
static void csv_field(FILE *f, const char *s)
{
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

int plan_write_csv(const char *path, const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcError *err)
{
    (void)batch;
    FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;
    if (!f)
        return src_error_set(err, "%s: %s", path, strerror(errno));
    fprintf(f, "order_id,node_id,carrier,line,sku,units,shipment_weight_kg,delivery_days,days_late,shipment_cost\n");
    for (size_t o = 0; o < plan->n_orders; o++) {
        const Sourcing__OrderPlan *op = plan->orders[o];
        for (size_t k = 0; k < op->n_shipments; k++) {
            const Sourcing__Shipment *sh = op->shipments[k];
            for (size_t i = 0; i < sh->n_lines; i++) {
                csv_field(f, op->order_id ? op->order_id : "");
                fputc(',', f);
                csv_field(f, sh->node_id ? sh->node_id : "");
                fputc(',', f);
                csv_field(f, sh->carrier ? sh->carrier : "");
                fprintf(f, ",%lld,", (long long)sh->lines[i]->line);
                csv_field(f, sh->lines[i]->sku ? sh->lines[i]->sku : "");
                fprintf(f, ",%lld,%.4f,%lld,%lld,%.4f\n", (long long)sh->lines[i]->units, sh->weight_kg,
                        (long long)sh->delivery_days, (long long)sh->days_late, sh->cost);
            }
        }
    }
    int bad = ferror(f);
    if (f != stdout)
        bad |= fclose(f) != 0;
    return bad ? src_error_set(err, "%s: write error", path) : 0;
}
