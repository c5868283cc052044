/* The plan summary for a terminal: what was decided, what it costs, how it was found. */
#include "plan_print.h"

#include <string.h>

#include "tension_print.h"

static const char *status_name(Sourcing__PlanStatus status)
{
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(&sourcing__plan_status__descriptor, status);
    return v ? v->name : "?";
}

static const char *plural(long long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
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

/* What the rules baseline would have cost and done, and what the plan saves over it. */
static void print_baseline(FILE *out, const Sourcing__Plan *plan)
{
    const Sourcing__Baseline *b = plan->baseline;
    if (!b || !b->costs)
        return;
    const Sourcing__CostBreakdown *c = b->costs;
    fprintf(out, "rules:        %.4f  (shipping %.4f, lateness %.4f, handling %.4f, activation %.4f, split %.4f, "
            "unfilled %.4f)\n", c->total, c->shipping, c->lateness, c->handling, c->activation, c->split, c->unfilled);
    fprintf(out, "              shipments: %lld   split orders: %lld   unfilled units: %lld   late shipments: %lld\n",
            (long long)b->shipments, (long long)b->split_orders, (long long)b->unfilled_units,
            (long long)b->late_shipments);
    fprintf(out, "savings:      %.4f  (%.2f%% of the rules' cost)\n", plan->savings, 100 * plan->savings_ratio);
}

/* A duration people can read at a glance: "40 us", "0.4 ms", "85 ms", "1.86 s". */
static void print_seconds(FILE *out, double s)
{
    if (s < 1e-4)
        fprintf(out, "%.0f us", s * 1e6);
    else if (s < 0.01)
        fprintf(out, "%.1f ms", s * 1e3);
    else if (s < 1)
        fprintf(out, "%.0f ms", s * 1e3);
    else
        fprintf(out, "%.2f s", s);
}

/* One line of time: the total, then each phase once (the statistics merge repeated phases). */
static void print_times(FILE *out, const Sourcing__Plan *plan)
{
    const Sourcing__Statistics *st = plan->statistics;
    Sourcing__PhaseTime *const *phases = st ? st->phases : plan->phases;
    size_t n = st ? st->n_phases : plan->n_phases;
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += phases[i]->seconds;
    fprintf(out, "time:         ");
    print_seconds(out, st && st->has_duration ? st->duration : total);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s%s ", i ? ", " : " (", phases[i]->phase);
        print_seconds(out, phases[i]->seconds);
    }
    fprintf(out, "%s\n", n ? ")" : "");
}

static void print_statistics(FILE *out, const Sourcing__Statistics *st)
{
    fprintf(out, "solver:       sourcing %s, GLPK %s; time limit %g s, strategy %s, gap %g\n",
            st->version ? st->version : "?", st->glpk_version ? st->glpk_version : "?", st->time_limit,
            st->strategy ? st->strategy : "?", st->gap);
}

void plan_print_summary(FILE *out, const Sourcing__Batch *batch, const Sourcing__Plan *plan)
{
    fprintf(out, "batch:        %s (%zu %s, %zu %s)\n", batch->name ? batch->name : "-", batch->n_orders,
            plural((long long)batch->n_orders, "order", "orders"), batch->n_nodes,
            plural((long long)batch->n_nodes, "node", "nodes"));
    fprintf(out, "status:       %s   method: %s\n", status_name(plan->status), plan->method ? plan->method : "-");
    if (plan->costs)
        print_costs(out, plan->costs);
    if (plan->has_best_bound)
        fprintf(out, "best bound:   %.4f   gap: %.4f%%\n", plan->best_bound, 100 * plan->gap);
    fprintf(out, "shipments:    %lld   split orders: %lld   unfilled units: %lld   late shipments: %lld   "
            "active nodes: %zu\n", (long long)plan->shipments, (long long)plan->split_orders,
            (long long)plan->unfilled_units, (long long)plan->late_shipments, plan->n_active_nodes);
    print_baseline(out, plan);
    print_times(out, plan);
    if (plan->model)
        fprintf(out, "model:        %lld rows, %lld columns (%lld integer), %lld nonzeros\n",
                (long long)plan->model->rows, (long long)plan->model->columns,
                (long long)plan->model->integer_columns, (long long)plan->model->nonzeros);
    if (plan->statistics)
        print_statistics(out, plan->statistics);
    if (plan->message && plan->message[0])
        fprintf(out, "note:         %s\n", plan->message);
    for (size_t i = 0; i < plan->n_warnings; i++)
        fprintf(out, "warning:      %s\n", plan->warnings[i]);
    tension_print(out, plan);
    explanations_print(out, plan);
}
