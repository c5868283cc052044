/* Fixtures for the plan checker tests (see checker_fixture.h). */
#include "checker_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"

#define DATA_DIR "tests/data/checker/"

static void *need(void *p)
{
    if (!p) {
        fprintf(stderr, "checker fixture: out of memory\n");
        abort();
    }
    return p;
}

int case_open(CheckCase *k, const char *batch_file, const char *plan_file)
{
    memset(k, 0, sizeof *k);
    char path[512];
    SrcError err = {{0}};
    snprintf(path, sizeof path, DATA_DIR "%s", batch_file);
    k->batch = src_read_batch(path, &err);
    if (k->batch) {
        snprintf(path, sizeof path, DATA_DIR "%s", plan_file);
        k->plan = src_read_plan(path, &err);
    }
    if (!k->batch || !k->plan) {
        printf("#   cannot load a checker case: %s\n", err.message);
        case_close(k);
        return -1;
    }
    return 0;
}

void case_close(CheckCase *k)
{
    src_check_report_free(&k->report);
    src_batch_free(k->batch);
    src_plan_free(k->plan);
    memset(k, 0, sizeof *k);
}

size_t case_check(CheckCase *k)
{
    src_check_report_free(&k->report);
    k->violations = src_check_plan(k->batch, k->plan, &k->report);
    return k->violations;
}

static int matches_a_needle(const char *violation, const char *const *needles)
{
    for (size_t i = 0; needles[i]; i++)
        if (strstr(violation, needles[i]))
            return 1;
    return 0;
}

static int found(const SrcCheckReport *r, const char *needle)
{
    for (size_t i = 0; i < r->n_violations; i++)
        if (strstr(r->violations[i], needle))
            return 1;
    return 0;
}

int case_expect(CheckCase *k, const char *const *needles)
{
    case_check(k);
    size_t n = 0;
    int ok = 1;
    for (; needles[n]; n++)
        if (!found(&k->report, needles[n])) {
            printf("#   expected a violation containing \"%s\"\n", needles[n]);
            ok = 0;
        }
    for (size_t i = 0; i < k->report.n_violations; i++)
        if (!matches_a_needle(k->report.violations[i], needles))
            ok = 0;
    if (k->violations != n || k->report.n_violations != n)
        ok = 0;
    if (!ok) {
        printf("#   expected %zu violations, got %zu:\n", n, k->violations);
        for (size_t i = 0; i < k->report.n_violations; i++)
            printf("#     %s\n", k->report.violations[i]);
    }
    return ok;
}

void set_string(char **field, const char *value)
{
    free(*field);
    *field = value ? need(strdup(value)) : NULL;
}

Sourcing__OrderPlan *order_plan(Sourcing__Plan *plan, const char *order_id)
{
    for (size_t i = 0; i < plan->n_orders; i++)
        if (plan->orders[i]->order_id && !strcmp(plan->orders[i]->order_id, order_id))
            return plan->orders[i];
    fprintf(stderr, "checker fixture: the plan has no order %s\n", order_id);
    abort();
}

Sourcing__Shipment *shipment(Sourcing__Plan *plan, const char *order_id, size_t index)
{
    Sourcing__OrderPlan *op = order_plan(plan, order_id);
    if (index >= op->n_shipments) {
        fprintf(stderr, "checker fixture: order %s has no shipment %zu\n", order_id, index);
        abort();
    }
    return op->shipments[index];
}

Sourcing__Order *batch_order(Sourcing__Batch *batch, const char *order_id)
{
    for (size_t i = 0; i < batch->n_orders; i++)
        if (!strcmp(batch->orders[i]->id, order_id))
            return batch->orders[i];
    fprintf(stderr, "checker fixture: the batch has no order %s\n", order_id);
    abort();
}

Sourcing__Node *batch_node(Sourcing__Batch *batch, const char *node_id)
{
    for (size_t i = 0; i < batch->n_nodes; i++)
        if (!strcmp(batch->nodes[i]->id, node_id))
            return batch->nodes[i];
    fprintf(stderr, "checker fixture: the batch has no node %s\n", node_id);
    abort();
}

/* Appends item to the array of n pointers. */
#define APPEND(array, n, item)                                      \
    do {                                                            \
        (array) = need(realloc((array), ((n) + 1) * sizeof *(array))); \
        (array)[(n)++] = (item);                                    \
    } while (0)

Sourcing__Shipment *add_shipment(Sourcing__OrderPlan *op, const char *node_id, const char *carrier)
{
    Sourcing__Shipment *sh = need(malloc(sizeof *sh));
    sourcing__shipment__init(sh);
    set_string(&sh->node_id, node_id);
    set_string(&sh->carrier, carrier);
    APPEND(op->shipments, op->n_shipments, sh);
    return sh;
}

Sourcing__ShipmentLine *add_shipment_line(Sourcing__Shipment *sh, int64_t line, const char *sku, int64_t units)
{
    Sourcing__ShipmentLine *sl = need(malloc(sizeof *sl));
    sourcing__shipment_line__init(sl);
    sl->has_line = sl->has_units = 1;
    sl->line = line;
    sl->units = units;
    set_string(&sl->sku, sku);
    APPEND(sh->lines, sh->n_lines, sl);
    return sl;
}

Sourcing__OrderPlan *add_order_plan(Sourcing__Plan *plan, const char *order_id)
{
    Sourcing__OrderPlan *op = need(malloc(sizeof *op));
    sourcing__order_plan__init(op);
    set_string(&op->order_id, order_id);
    APPEND(plan->orders, plan->n_orders, op);
    return op;
}

void add_active_node(Sourcing__Plan *plan, const char *node_id)
{
    APPEND(plan->active_nodes, plan->n_active_nodes, need(strdup(node_id)));
}

void drop_active_node(Sourcing__Plan *plan, const char *node_id)
{
    for (size_t i = 0; i < plan->n_active_nodes; i++)
        if (!strcmp(plan->active_nodes[i], node_id)) {
            free(plan->active_nodes[i]);
            plan->active_nodes[i] = plan->active_nodes[--plan->n_active_nodes];
            return;
        }
}

void drop_order_plan(Sourcing__Plan *plan, const char *order_id)
{
    Sourcing__OrderPlan *op = order_plan(plan, order_id);
    for (size_t i = 0; i < plan->n_orders; i++)
        if (plan->orders[i] == op) {
            plan->orders[i] = plan->orders[--plan->n_orders];
            protobuf_c_message_free_unpacked(&op->base, NULL);
            return;
        }
}

void drop_unfilled(Sourcing__OrderPlan *op, size_t index)
{
    protobuf_c_message_free_unpacked(&op->unfilled[index]->base, NULL);
    op->unfilled[index] = op->unfilled[--op->n_unfilled];
}
