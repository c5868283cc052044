/* The plan summary for a terminal. */
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
