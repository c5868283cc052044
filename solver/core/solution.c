/* The working plan of the heuristics, with incremental resource use and cost (see solution.h). */
#include "solution.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

static double unfilled_total(const Problem *p)
{
    double total = 0;
    for (int i = 0; i < p->n_lines; i++)
        total += (double)p->lines[i].quantity * p->lines[i].unfilled_cost;
    return total;
}

Solution *solution_new(const Problem *p)
{
    Solution *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->p = p;
    s->orders = calloc((size_t)p->n_orders + 1, sizeof *s->orders);
    s->node_ships = calloc((size_t)p->n_nodes + 1, sizeof(int64_t));
    s->node_units = calloc((size_t)p->n_nodes + 1, sizeof(int64_t));
    s->stock_used = calloc((size_t)p->n_slots + 1, sizeof(int64_t));
    s->carrier_used = calloc((size_t)p->n_carrier_limits + 1, sizeof(int64_t));
    if (!s->orders || !s->node_ships || !s->node_units || !s->stock_used || !s->carrier_used) {
        solution_free(s);
        return NULL;
    }
    s->cost = unfilled_total(p);
    return s;
}

void solution_free(Solution *s)
{
    if (!s)
        return;
    for (int o = 0; s->orders && o < s->p->n_orders; o++) {
        for (int k = 0; k < s->orders[o].n_ships; k++)
            free(s->orders[o].ships[k].units);
        free(s->orders[o].ships);
    }
    free(s->orders);
    free(s->node_ships);
    free(s->node_units);
    free(s->stock_used);
    free(s->carrier_used);
    free(s);
}

int solution_copy(Solution *dst, const Solution *src)
{
    const Problem *p = src->p;
    for (int o = 0; o < p->n_orders; o++)
        solution_clear_order(dst, o);
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < src->orders[o].n_ships; k++) {
            const SolShipment *sh = &src->orders[o].ships[k];
            if (solution_add(dst, o, sh->cand, sh->option, sh->units))
                return -1;
        }
    dst->cost = src->cost;
    return 0;
}

double shipment_cost(const Problem *p, int cand, int option, const int64_t *units, double *weight_out)
{
    const PCandidate *c = &p->cands[cand];
    const POrder *order = &p->orders[c->order];
    const PLaneOption *opt = &p->options[option];
    const double *unit_cost = cand_unit_costs(p, c);
    double weight = 0, cost = opt->fixed_cost;
    for (int i = 0; i < order->n_lines; i++) {
        weight += (double)units[i] * p->lines[order->first_line + i].unit_weight_kg;
        cost += (double)units[i] * unit_cost[i];
    }
    if (weight_out)
        *weight_out = weight;
    return cost + opt->cost_per_kg * weight;
}

/* Applies a shipment's resource use and cost with sign +1 (add) or -1 (remove). */
static void account(Solution *s, const SolShipment *sh, int sign)
{
    const Problem *p = s->p;
    const PCandidate *c = &p->cands[sh->cand];
    const POrder *order = &p->orders[c->order];
    const int *slots = cand_slots(p, c);
    int64_t units = 0;
    double unfilled_saved = 0;
    for (int i = 0; i < order->n_lines; i++) {
        units += sh->units[i];
        unfilled_saved += (double)sh->units[i] * p->lines[order->first_line + i].unfilled_cost;
        if (slots[i] >= 0)
            s->stock_used[slots[i]] += sign * sh->units[i];
    }
    int node = c->node, cl = p->options[sh->option].carrier_limit;
    if (sign < 0 && --s->node_ships[node] == 0)
        s->cost -= p->nodes[node].activation_cost;
    if (sign > 0 && s->node_ships[node]++ == 0)
        s->cost += p->nodes[node].activation_cost;
    s->node_units[node] += sign * units;
    if (cl >= 0)
        s->carrier_used[cl] += sign;
    s->cost += sign * (shipment_cost(p, sh->cand, sh->option, sh->units, NULL) - unfilled_saved);
}

static double split_cost_of(const Problem *p, int order, int n_ships)
{
    return n_ships > 1 ? p->orders[order].split_cost * (n_ships - 1) : 0;
}

int solution_add(Solution *s, int order, int cand, int option, const int64_t *units)
{
    SolOrder *so = &s->orders[order];
    int n_lines = s->p->orders[order].n_lines;
    size_t cap = (size_t)so->cap_ships;  /* an int in SolOrder: it is one of many, kept small */
    if (grow((void **)&so->ships, &cap, (size_t)so->n_ships + 1, sizeof *so->ships))
        return -1;
    so->cap_ships = (int)cap;
    SolShipment *sh = &so->ships[so->n_ships];
    sh->units = malloc(((size_t)n_lines + 1) * sizeof(int64_t));
    if (!sh->units)
        return -1;
    memcpy(sh->units, units, (size_t)n_lines * sizeof(int64_t));
    sh->cand = cand;
    sh->option = option;
    s->cost -= split_cost_of(s->p, order, so->n_ships);
    so->n_ships++;
    s->cost += split_cost_of(s->p, order, so->n_ships);
    account(s, sh, +1);
    return 0;
}

void solution_clear_order(Solution *s, int order)
{
    SolOrder *so = &s->orders[order];
    for (int k = 0; k < so->n_ships; k++) {
        account(s, &so->ships[k], -1);
        free(so->ships[k].units);
    }
    s->cost -= split_cost_of(s->p, order, so->n_ships);
    so->n_ships = 0;
}

double solution_recompute_cost(const Solution *s)
{
    const Problem *p = s->p;
    double cost = unfilled_total(p);
    for (int n = 0; n < p->n_nodes; n++)
        if (s->node_ships[n] > 0)
            cost += p->nodes[n].activation_cost;
    for (int o = 0; o < p->n_orders; o++) {
        const SolOrder *so = &s->orders[o];
        cost += split_cost_of(p, o, so->n_ships);
        for (int k = 0; k < so->n_ships; k++) {
            cost += shipment_cost(p, so->ships[k].cand, so->ships[k].option, so->ships[k].units, NULL);
            for (int i = 0; i < p->orders[o].n_lines; i++)
                cost -= (double)so->ships[k].units[i] * p->lines[p->orders[o].first_line + i].unfilled_cost;
        }
    }
    return cost;
}

int64_t stock_left(const Solution *s, int slot)
{
    return slot < 0 ? 0 : s->p->stock[slot] - s->stock_used[slot];
}

int node_can_ship(const Solution *s, int node)
{
    int64_t cap = s->p->nodes[node].max_shipments;
    return cap == 0 || s->node_ships[node] < cap;
}

int64_t node_units_left(const Solution *s, int node)
{
    int64_t cap = s->p->nodes[node].max_units;
    return cap == 0 ? INT64_MAX : cap - s->node_units[node];
}

int carrier_can_ship(const Solution *s, int carrier_limit)
{
    if (carrier_limit < 0)
        return 1;
    int64_t cap = s->p->carrier_cap[carrier_limit];
    return cap == 0 || s->carrier_used[carrier_limit] < cap;
}

int saved_order_take(SavedOrder *saved, const Solution *s, int order)
{
    const SolOrder *so = &s->orders[order];
    int n_lines = s->p->orders[order].n_lines;
    saved->order = order;
    saved->n_ships = so->n_ships;
    saved->cand = malloc(((size_t)so->n_ships + 1) * sizeof(int));
    saved->option = malloc(((size_t)so->n_ships + 1) * sizeof(int));
    saved->units = malloc(((size_t)so->n_ships * n_lines + 1) * sizeof(int64_t));
    if (!saved->cand || !saved->option || !saved->units) {
        saved_order_free(saved);
        return -1;
    }
    for (int k = 0; k < so->n_ships; k++) {
        saved->cand[k] = so->ships[k].cand;
        saved->option[k] = so->ships[k].option;
        memcpy(saved->units + (size_t)k * n_lines, so->ships[k].units, (size_t)n_lines * sizeof(int64_t));
    }
    return 0;
}

int saved_order_restore(const SavedOrder *saved, Solution *s)
{
    int n_lines = s->p->orders[saved->order].n_lines;
    solution_clear_order(s, saved->order);
    for (int k = 0; k < saved->n_ships; k++)
        if (solution_add(s, saved->order, saved->cand[k], saved->option[k], saved->units + (size_t)k * n_lines))
            return -1;
    return 0;
}

void saved_order_free(SavedOrder *saved)
{
    free(saved->cand);
    free(saved->option);
    free(saved->units);
    saved->cand = saved->option = NULL;
    saved->units = NULL;
}

void solution_node_index(const Solution *s, const int *order_sequence, int *start, int *orders_out)
{
    const Problem *p = s->p;
    memset(start, 0, ((size_t)p->n_nodes + 2) * sizeof(int));
    for (int o = 0; o < p->n_orders; o++)
        for (int j = 0; j < s->orders[o].n_ships; j++)
            start[p->cands[s->orders[o].ships[j].cand].node + 2]++;
    for (int n = 0; n < p->n_nodes; n++)
        start[n + 2] += start[n + 1];
    for (int k = 0; k < p->n_orders; k++) {  /* start[n + 1] walks through node n's range */
        int o = order_sequence[k];
        for (int j = 0; j < s->orders[o].n_ships; j++)
            orders_out[start[p->cands[s->orders[o].ships[j].cand].node + 1]++] = o;
    }
}
