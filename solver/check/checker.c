/* The independent plan checker (see checker.h): matches the plan's orders with the batch's,
 * runs the order and network checks, and compares the plan's counts and cost terms with the
 * ones recomputed from the batch. Plan data is untrusted: every id may be unknown, every index
 * out of range, every number absurd; each such thing is a violation, never a crash. */
#include <string.h>

#include "checker_internal.h"

/* Every OrderPlan: a known order, listed once. Orders the plan leaves out are all unfilled. */
static void check_orders(Checker *c, const Sourcing__Plan *plan)
{
    for (size_t i = 0; i < plan->n_orders; i++) {
        const Sourcing__OrderPlan *op = plan->orders[i];
        int oi = check_find_order(c, op->order_id);
        if (oi < 0) {
            check_violation(c, "plan order %.*s: no such order in the batch", CHECK_ID_SHOWN,
                            check_show(op->order_id));
            continue;
        }
        if (c->order_listed[oi]++ == 1)
            check_violation(c, "order %s: listed more than once in the plan", op->order_id);
        if (c->order_listed[oi] == 1)
            check_order(c, oi, op);
    }
    for (size_t i = 0; i < c->batch->n_orders; i++)
        if (!c->order_listed[i])
            check_missing_order(c, (int)i);
}

static void compare_count(Checker *c, const char *field, int64_t plan, int64_t real)
{
    if (plan != real)
        check_violation(c, "plan.%s: plan says %lld, recomputed %lld", field, (long long)plan, (long long)real);
}

static void compare_cost(Checker *c, const char *field, double plan, double real)
{
    if (!check_same(plan, real))
        check_violation(c, "costs.%s: plan says %.12g, recomputed %.12g", field, plan, real);
}

static void check_totals(Checker *c, const Sourcing__Plan *plan)
{
    compare_count(c, "shipments", plan->shipments, c->shipments);
    compare_count(c, "split_orders", plan->split_orders, c->split_orders);
    compare_count(c, "unfilled_units", plan->unfilled_units, c->unfilled_units);
    compare_count(c, "late_shipments", plan->late_shipments, c->late_shipments);
    SrcCheckReport *r = c->report;
    r->total = r->shipping + r->handling + r->activation + r->split + r->unfilled;
    Sourcing__CostBreakdown none = SOURCING__COST_BREAKDOWN__INIT;
    const Sourcing__CostBreakdown *costs = plan->costs ? plan->costs : &none;
    compare_cost(c, "shipping", costs->shipping, r->shipping);
    compare_cost(c, "lateness", costs->lateness, r->lateness);
    compare_cost(c, "handling", costs->handling, r->handling);
    compare_cost(c, "activation", costs->activation, r->activation);
    compare_cost(c, "split", costs->split, r->split);
    compare_cost(c, "unfilled", costs->unfilled, r->unfilled);
    compare_cost(c, "total", costs->total, r->total);
}

static void check_everything(Checker *c, const Sourcing__Plan *plan)
{
    if (!plan) {
        check_violation(c, "there is no plan");
        return;
    }
    if (plan->has_status && plan->status == SOURCING__PLAN_STATUS__INVALID) {
        check_violation(c, "plan has status INVALID: %s", check_show(plan->message));
        return;
    }
    check_orders(c, plan);
    check_network(c, plan);
    check_totals(c, plan);
}

size_t src_check_plan(const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcCheckReport *report)
{
    SrcCheckReport scratch;
    if (!report)
        report = &scratch;
    memset(report, 0, sizeof *report);
    Sourcing__Batch empty = SOURCING__BATCH__INIT;
    Checker c;
    if (checker_init(&c, batch ? batch : &empty, report))
        check_violation(&c, "the checker could not index the batch: out of memory, or an id of "
                            "more than %d bytes or holding the byte 0x1f", CHECK_MAX_ID);
    else if (!batch)
        check_violation(&c, "there is no batch");
    else
        check_everything(&c, plan);
    check_note_unlisted(&c);
    size_t violations = c.violations;
    checker_free(&c);
    if (report == &scratch)
        src_check_report_free(&scratch);
    return violations;
}
