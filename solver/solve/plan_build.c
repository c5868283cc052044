/* Building the Plan message from a Solution (see plan_build.h). Every piece is malloc'd on its own
 * so protobuf_c_message_free_unpacked frees the whole plan. */
#include "plan_build.h"

#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "budget.h"
#include "sourcing.h"

#define NEW(type, init_fn, var)            \
    type *var = malloc(sizeof(type));      \
    if (!var)                              \
        return NULL;                       \
    init_fn(var)

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

static Sourcing__ShipmentLine *shipment_line(const Sourcing__Order *order, int line, int64_t units)
{
    NEW(Sourcing__ShipmentLine, sourcing__shipment_line__init, sl);
    sl->has_line = sl->has_units = 1;
    sl->line = line;
    sl->units = units;
    sl->sku = dup_or_empty(order->lines[line]->sku);
    return sl;
}

/* The Shipment message of one SolShipment; adds its costs to plan->costs. */
static Sourcing__Shipment *shipment_message(const Solution *s, int o, const SolShipment *sh, Sourcing__Plan *plan)
{
    const Problem *p = s->p;
    const Sourcing__Batch *b = p->batch;
    const PCandidate *c = &p->cands[sh->cand];
    const PLaneOption *opt = &p->options[sh->option];
    const Sourcing__Lane *lane = b->lanes[opt->lane];
    const Sourcing__Node *node = b->nodes[c->node];
    const Sourcing__Order *order = b->orders[o];
    NEW(Sourcing__Shipment, sourcing__shipment__init, m);
    m->node_id = dup_or_empty(node->id);
    m->carrier = dup_or_empty(lane->carrier);
    int n_lines = p->orders[o].n_lines;
    m->lines = calloc((size_t)n_lines + 1, sizeof *m->lines);
    if (!m->lines)
        return m;  /* freed by the caller with the plan */
    const double *unit_cost = cand_unit_costs(p, c);
    double units_cost = 0;
    for (int i = 0; i < n_lines; i++) {
        if (sh->units[i] <= 0)
            continue;
        units_cost += (double)sh->units[i] * unit_cost[i];
        if (!(m->lines[m->n_lines] = shipment_line(order, i, sh->units[i])))
            return m;
        m->n_lines++;
    }
    double weight = 0, total = shipment_cost(p, sh->cand, sh->option, sh->units, &weight);
    m->has_weight_kg = m->has_delivery_days = m->has_days_late = 1;
    m->has_cost = m->has_late_cost = m->has_units_cost = 1;
    m->weight_kg = weight;
    m->delivery_days = node->processing_days + lane->transit_days;
    m->days_late = opt->days_late;
    m->units_cost = units_cost;
    m->cost = total - units_cost;
    m->late_cost = opt->late_cost;
    plan->costs->shipping += m->cost;
    plan->costs->lateness += m->late_cost;
    plan->costs->handling += units_cost;
    plan->shipments++;
    plan->late_shipments += m->days_late > 0;
    return m;
}

static Sourcing__UnfilledLine *unfilled_line(const Sourcing__Order *order, int line, int64_t units, double unit_cost)
{
    NEW(Sourcing__UnfilledLine, sourcing__unfilled_line__init, u);
    u->has_line = u->has_units = u->has_cost = 1;
    u->line = line;
    u->units = units;
    u->cost = (double)units * unit_cost;
    u->sku = dup_or_empty(order->lines[line]->sku);
    return u;
}

static int fill_unfilled(const Solution *s, int o, Sourcing__OrderPlan *op, Sourcing__Plan *plan)
{
    const Problem *p = s->p;
    const POrder *order = &p->orders[o];
    const SolOrder *so = &s->orders[o];
    op->unfilled = calloc((size_t)order->n_lines + 1, sizeof *op->unfilled);
    if (!op->unfilled)
        return -1;
    for (int i = 0; i < order->n_lines; i++) {
        const PLine *line = &p->lines[order->first_line + i];
        int64_t left = line->quantity;
        for (int k = 0; k < so->n_ships; k++)
            left -= so->ships[k].units[i];
        if (left <= 0)
            continue;
        if (!(op->unfilled[op->n_unfilled] = unfilled_line(p->batch->orders[o], i, left, line->unfilled_cost)))
            return -1;
        plan->costs->unfilled += op->unfilled[op->n_unfilled++]->cost;
        plan->unfilled_units += left;
    }
    return 0;
}

static Sourcing__OrderPlan *order_plan(const Solution *s, int o, Sourcing__Plan *plan)
{
    const SolOrder *so = &s->orders[o];
    NEW(Sourcing__OrderPlan, sourcing__order_plan__init, op);
    op->order_id = dup_or_empty(s->p->batch->orders[o]->id);
    op->shipments = calloc((size_t)so->n_ships + 1, sizeof *op->shipments);
    if (!op->shipments)
        return op;
    for (int k = 0; k < so->n_ships; k++) {
        if (!(op->shipments[op->n_shipments] = shipment_message(s, o, &so->ships[k], plan)))
            return op;
        op->n_shipments++;
    }
    op->has_split_cost = 1;
    op->split_cost = so->n_ships > 1 ? s->p->orders[o].split_cost * (so->n_ships - 1) : 0;
    plan->costs->split += op->split_cost;
    plan->split_orders += so->n_ships > 1;
    fill_unfilled(s, o, op, plan);
    return op;
}

static int fill_active_nodes(const Solution *s, Sourcing__Plan *plan)
{
    const Problem *p = s->p;
    plan->active_nodes = calloc((size_t)p->n_nodes + 1, sizeof(char *));
    if (!plan->active_nodes)
        return -1;
    for (int n = 0; n < p->n_nodes; n++) {
        if (s->node_ships[n] == 0)
            continue;
        plan->costs->activation += p->nodes[n].activation_cost;
        if (!(plan->active_nodes[plan->n_active_nodes] = strdup(p->batch->nodes[n]->id)))
            return -1;
        plan->n_active_nodes++;
    }
    return 0;
}

static int fill_phases(const SolveInfo *info, Sourcing__Plan *plan)
{
    plan->phases = calloc((size_t)info->n_phases + 1, sizeof *plan->phases);
    if (!plan->phases)
        return -1;
    for (int k = 0; k < info->n_phases; k++) {
        Sourcing__PhaseTime *ph = malloc(sizeof *ph);
        if (!ph)
            return -1;
        sourcing__phase_time__init(ph);
        ph->phase = strdup(info->phase_name[k]);
        ph->has_seconds = 1;
        ph->seconds = info->phase_seconds[k];
        plan->phases[plan->n_phases++] = ph;
        if (!ph->phase)
            return -1;
    }
    if (info->columns > 0) {
        plan->model = malloc(sizeof *plan->model);
        if (!plan->model)
            return -1;
        sourcing__model_size__init(plan->model);
        plan->model->has_columns = 1;
        /* without a built model (the MIP skipped), only the estimate of its columns is known */
        plan->model->has_rows = plan->model->has_integer_columns = plan->model->has_nonzeros = info->rows > 0;
        plan->model->rows = info->rows;
        plan->model->columns = info->columns;
        plan->model->integer_columns = info->integer_columns;
        plan->model->nonzeros = info->nonzeros;
    }
    return 0;
}

static void set_status(const SolveInfo *info, Sourcing__PlanStatus status, Sourcing__Plan *plan)
{
    Sourcing__CostBreakdown *c = plan->costs;
    c->total = c->shipping + c->handling + c->activation + c->split + c->unfilled;
    plan->has_status = 1;
    plan->status = status;
    plan->method = strdup(info->method[0] ? info->method : "none");
    plan->message = strdup(info->note);
    if (info->has_bound && status != SOURCING__PLAN_STATUS__HEURISTIC) {
        double bound = info->bound < c->total ? info->bound : c->total;
        double denom = c->total > 1e-9 ? c->total : (c->total < -1e-9 ? -c->total : 1e-9);
        plan->has_best_bound = plan->has_gap = 1;
        plan->best_bound = bound;
        plan->gap = (c->total - bound) / denom;
        if (plan->gap < 1e-12)
            plan->gap = 0;
        plan->bound_method = strdup(info->bound_method ? info->bound_method : "mip");
    }
}

/* ---------------------------------------------------------------- statistics */

/* The statistics' entry for phase name, added at the end the first time it is seen. */
static Sourcing__PhaseTime *merged_phase(Sourcing__Statistics *st, const char *name)
{
    for (size_t k = 0; k < st->n_phases; k++)
        if (!strcmp(st->phases[k]->phase, name))
            return st->phases[k];
    NEW(Sourcing__PhaseTime, sourcing__phase_time__init, ph);
    st->phases[st->n_phases++] = ph;   /* freed with the plan from now on */
    ph->phase = strdup(name);
    ph->has_seconds = 1;
    return ph->phase ? ph : NULL;
}

/* Version, options in force and the time per phase, each phase once: local search runs up to
 * three times in a solve, and people want its total. The options are those in force (src_solve
 * puts them in info; without them, the batch's, else the defaults). The "plan" phase is
 * this function's own time, as solve.c cannot time it before the plan exists. */
static int fill_statistics(const SolveInfo *info, const Sourcing__Batch *batch, double started, Sourcing__Plan *plan)
{
    Sourcing__Statistics *st = malloc(sizeof *st);
    if (!st)
        return -1;
    sourcing__statistics__init(st);
    plan->statistics = st;
    st->phases = calloc((size_t)info->n_phases + 1, sizeof *st->phases);
    st->version = strdup(SRC_VERSION);
    st->glpk_version = strdup(src_glpk_version());
    const Sourcing__SolveOptions *bo = batch->options;
    const SrcOptions *o = info->options;
    const char *strategy = bo && bo->strategy && bo->strategy[0] ? bo->strategy : "auto";
    st->strategy = strdup(o && o->strategy ? o->strategy : strategy);
    if (!st->phases || !st->version || !st->glpk_version || !st->strategy)
        return -1;
    st->has_time_limit = st->has_gap = st->has_duration = 1;
    st->time_limit = info->seconds_allowed > 0 ? info->seconds_allowed : src_time_limit(batch, NULL);
    st->gap = o ? o->gap : bo && bo->has_gap ? bo->gap : 0;
    for (int k = 0; k < info->n_phases; k++) {
        Sourcing__PhaseTime *ph = merged_phase(st, info->phase_name[k]);
        if (!ph)
            return -1;
        if (strcmp(ph->phase, "plan"))
            ph->seconds += info->phase_seconds[k];
        else
            ph->seconds = src_now() - started;
    }
    for (size_t k = 0; k < st->n_phases; k++)
        st->duration += st->phases[k]->seconds;
    return 0;
}

/* ---------------------------------------------------------------- the plan */

Sourcing__Plan *plan_build(const Solution *s, const SolveInfo *info, Sourcing__PlanStatus status)
{
    double started = src_now();
    const Problem *p = s->p;
    NEW(Sourcing__Plan, sourcing__plan__init, plan);
    plan->costs = malloc(sizeof *plan->costs);
    plan->orders = calloc((size_t)p->n_orders + 1, sizeof *plan->orders);
    int ok = plan->costs && plan->orders;
    if (plan->costs) {
        sourcing__cost_breakdown__init(plan->costs);
        Sourcing__CostBreakdown *c = plan->costs;
        c->has_total = c->has_shipping = c->has_lateness = c->has_handling = 1;
        c->has_activation = c->has_split = c->has_unfilled = 1;
    }
    plan->has_shipments = plan->has_split_orders = plan->has_unfilled_units = plan->has_late_shipments = 1;
    if (p->batch->name)
        plan->batch_name = strdup(p->batch->name);
    for (int o = 0; ok && o < p->n_orders; o++) {
        ok = (plan->orders[o] = order_plan(s, o, plan)) != NULL;
        plan->n_orders += ok;
    }
    ok = ok && !fill_active_nodes(s, plan) && !fill_phases(info, plan) &&
         !fill_statistics(info, p->batch, started, plan);
    if (ok)
        set_status(info, status, plan);
    if (!ok) {
        src_plan_free(plan);
        return NULL;
    }
    return plan;
}

Sourcing__Plan *plan_invalid(const Sourcing__Batch *batch, const char *message)
{
    NEW(Sourcing__Plan, sourcing__plan__init, plan);
    plan->has_status = 1;
    plan->status = SOURCING__PLAN_STATUS__INVALID;
    plan->message = strdup(message);
    plan->method = strdup("none");
    if (batch && batch->name)
        plan->batch_name = strdup(batch->name);
    return plan;
}
