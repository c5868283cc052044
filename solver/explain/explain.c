/* Explaining one order (see explain.h): each option weighed in the residual plan (the cheapest
 * alternative) and alone (what stops a cheaper one); the message for people. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain_internal.h"
#include "grow.h"

#define TEXT_BYTES 1024

/* What one unit of line i costs on the option's shipment k: handling, stock, weight. */
static double unit_cost_on(const Problem *p, const Option *op, int k, int i)
{
    const PCandidate *c = &p->cands[op->cand[k]];
    const PLine *line = &p->lines[p->orders[c->order].first_line + i];
    return cand_unit_costs(p, c)[i] + p->options[op->opt[k]].cost_per_kg * line->unit_weight_kg;
}

/* Units of each line on each shipment (e->units), cheaper shipment first, within what the world
 * leaves; the unfilled rest's cost. */
static double fill_units(Explainer *e, const Option *op, int alone, int64_t room[2])
{
    const Problem *p = e->s->p;
    const POrder *order = &p->orders[e->o];
    double unfilled = 0;
    for (int i = 0; i < order->n_lines; i++) {
        int first = op->n == 2 && unit_cost_on(p, op, 1, i) < unit_cost_on(p, op, 0, i);
        int64_t left = p->lines[order->first_line + i].quantity;
        for (int t = 0; t < op->n; t++) {
            int k = t == 0 ? first : 1 - first;
            int64_t take = stock_avail(e, cand_slots(p, &p->cands[op->cand[k]])[i], alone);
            take = take < left ? take : left;
            take = take < room[k] ? take : room[k];
            e->units[k][i] = take > 0 ? take : 0;
            left -= e->units[k][i], room[k] -= e->units[k][i];
        }
        unfilled += (double)left * p->lines[order->first_line + i].unfilled_cost;
    }
    return unfilled;
}

/* The option's cost to the batch in a world; 0 when it cannot ship there (no room for a shipment,
 * over the split limit or a lane's weight limit, nothing to carry). */
static int evaluate(Explainer *e, const Option *op, int alone, double *cost)
{
    const Problem *p = e->s->p;
    const POrder *order = &p->orders[e->o];
    int64_t room[2] = {0, 0};
    if (!alone && order->max_shipments > 0 && op->n > order->max_shipments)
        return 0;
    for (int k = 0; k < op->n; k++) {
        int node = p->cands[op->cand[k]].node;
        if (!ships_ok(e, node, alone) || !carrier_ok(e, p->options[op->opt[k]].carrier_limit, alone))
            return 0;
        room[k] = units_avail(e, node, alone);
    }
    *cost = fill_units(e, op, alone, room) + (op->n == 2 ? order->split_cost : 0);
    for (int k = 0; k < op->n; k++) {
        const PLaneOption *lane = &p->options[op->opt[k]];
        double weight = 0;
        *cost += shipment_cost(p, op->cand[k], op->opt[k], e->units[k], &weight);
        int64_t units = 0;
        for (int i = 0; i < order->n_lines; i++)
            units += e->units[k][i];
        if (units == 0 || (lane->max_weight_kg > 0 && weight > lane->max_weight_kg + 1e-9))
            return 0;
        int node = p->cands[op->cand[k]].node;
        *cost += active_without(e, node) ? 0 : p->nodes[node].activation_cost;
    }
    return 1;
}

/* "n1 by ground: A x2, B x1" for shipment k of the option (units from e->units). */
static void describe_shipment(const Explainer *e, const Option *op, int k, char *buf, size_t size)
{
    const Problem *p = e->s->p;
    const Sourcing__Batch *b = p->batch;
    size_t used = (size_t)snprintf(buf, size, "%s by %s:", b->nodes[p->cands[op->cand[k]].node]->id,
                                   b->lanes[p->options[op->opt[k]].lane]->carrier);
    for (int i = 0, first = 1; i < p->orders[e->o].n_lines && used < size; i++)
        if (e->units[k][i] > 0) {
            used += (size_t)snprintf(buf + used, size - used, "%s %s x%lld", first ? "" : ",",
                                     b->orders[e->o]->lines[i]->sku, (long long)e->units[k][i]);
            first = 0;
        }
}

static void describe_option(const Explainer *e, const Option *op, double cost, char *buf, size_t size)
{
    if (op->n == 0) {
        snprintf(buf, size, "leave the order unfilled (%.10g)", cost);
        return;
    }
    char one[TEXT_BYTES / 2], two[TEXT_BYTES / 2] = "";
    describe_shipment(e, op, 0, one, sizeof one);
    if (op->n == 2)
        describe_shipment(e, op, 1, two, sizeof two);
    snprintf(buf, size, "%s%s%s (%.10g)", one, op->n == 2 ? "; " : "", two, cost);
}

/* Whether the option is what the plan already does for the order. */
static int is_chosen(const Explainer *e, const Option *op)
{
    const SolOrder *so = &e->s->orders[e->o];
    if (op->n != so->n_ships)
        return 0;
    for (int k = 0; k < op->n; k++) {
        int found = 0;
        for (int j = 0; j < so->n_ships; j++)
            found |= so->ships[j].cand == op->cand[k] && so->ships[j].option == op->opt[k];
        if (!found)
            return 0;
    }
    return 1;
}

int explain_add_blocker(Sourcing__OrderExplanation *m, const char *text)
{
    for (size_t k = 0; k < m->n_blocked_by; k++)
        if (!strcmp(m->blocked_by[k], text))
            return 0;
    if (m->n_blocked_by >= EXPLAIN_MAX_BLOCKERS)
        return 0;
    if (grow_for_append((void **)&m->blocked_by, m->n_blocked_by, sizeof *m->blocked_by))
        return -1;
    if (!(m->blocked_by[m->n_blocked_by] = strdup(text)))
        return -1;
    m->n_blocked_by++;
    return 0;
}

/* The cheapest alternative so far. */
typedef struct Best {
    double cost;
    char text[TEXT_BYTES];
} Best;

/* Weighs one option: in the residual plan for the cheapest alternative, alone for its blockers
 * when it would cost less than the chosen shipments. 0, or -1 when out of memory. */
static int weigh(Explainer *e, const Option *op, double chosen, Best *best, Sourcing__OrderExplanation *m)
{
    double cost, alone;
    if (!is_chosen(e, op) && evaluate(e, op, 0, &cost) && cost < best->cost) {
        best->cost = cost;
        describe_option(e, op, cost, best->text, sizeof best->text);
    }
    if (op->n > 0 && evaluate(e, op, 1, &alone) && alone < chosen - 1e-9 * fmax(1, fabs(chosen)))
        return explain_blockers_of(e, op, m);
    return 0;
}

/* Every option of the order: unfilled, one shipment, two shipments (few lane options only). */
static int weigh_all(Explainer *e, double chosen, Best *best, Sourcing__OrderExplanation *m)
{
    const Problem *p = e->s->p;
    const POrder *order = &p->orders[e->o];
    Option op = {0};
    int rc = weigh(e, &op, chosen, best, m), n_options = 0;
    for (int a = 0; a < order->n_cands; a++)
        n_options += p->cands[order->first_cand + a].n_options;
    for (int a = 0; a < order->n_cands && !rc; a++) {
        const PCandidate *ca = &p->cands[order->first_cand + a];
        for (int ja = 0; ja < ca->n_options && !rc; ja++) {
            op = (Option){1, {order->first_cand + a, 0}, {ca->first_option + ja, 0}};
            rc = weigh(e, &op, chosen, best, m);
            for (int b = a + 1; b < order->n_cands && n_options <= EXPLAIN_MAX_PAIR_OPTIONS && !rc; b++) {
                const PCandidate *cb = &p->cands[order->first_cand + b];
                for (int jb = 0; jb < cb->n_options && !rc; jb++) {
                    op = (Option){2, {order->first_cand + a, order->first_cand + b},
                                  {ca->first_option + ja, cb->first_option + jb}};
                    rc = weigh(e, &op, chosen, best, m);
                }
            }
        }
    }
    return rc;
}

/* The plan's shipments of the order, and what they cost the batch: shipments, units, split,
 * unfilled units, and the activation of nodes only this order uses. */
static double describe_chosen(Explainer *e, char *buf, size_t size)
{
    const Problem *p = e->s->p;
    const SolOrder *so = &e->s->orders[e->o];
    const POrder *order = &p->orders[e->o];
    double cost = so->n_ships > 1 ? order->split_cost * (so->n_ships - 1) : 0, unfilled = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < so->n_ships && used < size; k++) {
        const SolShipment *sh = &so->ships[k];
        Option op = {1, {sh->cand, 0}, {sh->option, 0}};
        int node = p->cands[sh->cand].node;
        double one = shipment_cost(p, sh->cand, sh->option, sh->units, NULL) +
                     (active_without(e, node) ? 0 : p->nodes[node].activation_cost);
        memcpy(e->units[0], sh->units, (size_t)order->n_lines * sizeof(int64_t));
        char text[TEXT_BYTES / 2];
        describe_shipment(e, &op, 0, text, sizeof text);
        used += (size_t)snprintf(buf + used, size - used, "%s%s (%.10g)", k ? "; " : "", text, one);
        cost += one;
    }
    for (int i = 0; i < order->n_lines; i++) {
        int64_t left = p->lines[order->first_line + i].quantity;
        for (int k = 0; k < so->n_ships; k++)
            left -= so->ships[k].units[i];
        unfilled += (double)left * p->lines[order->first_line + i].unfilled_cost;
    }
    if (unfilled > 0 && used < size)
        used += (size_t)snprintf(buf + used, size - used, "%sunfilled units (%.10g)", used ? "; " : "", unfilled);
    if (so->n_ships > 1 && used < size)
        snprintf(buf + used, size - used, "; split cost (%.10g)", order->split_cost * (so->n_ships - 1));
    return cost + unfilled;
}

Sourcing__OrderExplanation *explain_order(Explainer *e, int o)
{
    Sourcing__OrderExplanation *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    sourcing__order_explanation__init(m);
    e->o = o;
    char chosen_text[TEXT_BYTES];
    double chosen = describe_chosen(e, chosen_text, sizeof chosen_text);
    Best best = {.cost = INFINITY, .text = "none: no other way to ship it fits in the plan"};
    int rc = weigh_all(e, chosen, &best, m) || explain_rule_blockers(e, chosen, m);
    m->order_id = strdup(e->s->p->batch->orders[o]->id);
    m->chosen = strdup(chosen_text[0] ? chosen_text : "nothing shipped");
    m->alternative = strdup(best.text);
    m->has_chosen_cost = 1;
    m->chosen_cost = chosen;
    if (isfinite(best.cost))
        m->has_extra_cost = 1, m->extra_cost = best.cost - chosen;
    if (rc || !m->order_id || !m->chosen || !m->alternative) {
        sourcing__order_explanation__free_unpacked(m, NULL);
        return NULL;
    }
    return m;
}
