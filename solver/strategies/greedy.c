/* The greedy strategy: orders one at a time in priority order (most constrained first), each
 * shipped by its cheapest shipment that fits what is left (the whole order when one node can),
 * then by further cheapest shipments while they cost less than leaving the units unfilled.
 * Every constraint is respected at every step, so the plan is always feasible. Deterministic. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strategy.h"

struct Inserter {
    const Problem *p;
    int max_lines, max_cands;
    int64_t *remaining, *units, *best_units, *chosen_units;  /* per line; chosen: per shipment x line */
    double *value;                                          /* per line: saving per unit shipped */
    int *line_rank;
    unsigned char *used;                                    /* per candidate of the order */
    int *chosen_cand, *chosen_option;
};

Inserter *inserter_new(const Problem *p)
{
    Inserter *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->p = p;
    for (int o = 0; o < p->n_orders; o++) {
        if (p->orders[o].n_lines > in->max_lines)
            in->max_lines = p->orders[o].n_lines;
        if (p->orders[o].n_cands > in->max_cands)
            in->max_cands = p->orders[o].n_cands;
    }
    size_t lines = (size_t)in->max_lines + 1, cands = (size_t)in->max_cands + 1;
    in->remaining = malloc(lines * sizeof(int64_t));
    in->units = malloc(lines * sizeof(int64_t));
    in->best_units = malloc(lines * sizeof(int64_t));
    in->chosen_units = malloc(lines * cands * sizeof(int64_t));
    in->value = malloc(lines * sizeof(double));
    in->line_rank = malloc(lines * sizeof(int));
    in->used = malloc(cands);
    in->chosen_cand = malloc(cands * sizeof(int));
    in->chosen_option = malloc(cands * sizeof(int));
    if (!in->remaining || !in->units || !in->best_units || !in->chosen_units || !in->value ||
        !in->line_rank || !in->used || !in->chosen_cand || !in->chosen_option) {
        inserter_free(in);
        return NULL;
    }
    return in;
}

void inserter_free(Inserter *in)
{
    if (!in)
        return;
    free(in->remaining);
    free(in->units);
    free(in->best_units);
    free(in->chosen_units);
    free(in->value);
    free(in->line_rank);
    free(in->used);
    free(in->chosen_cand);
    free(in->chosen_option);
    free(in);
}

/* Stock of a line's slot still free, less what other lines of this shipment already took. */
static int64_t line_stock(const Solution *s, const int *slots, const int64_t *units, int n_lines, int line)
{
    int64_t left = stock_left(s, slots[line]);
    for (int j = 0; j < n_lines; j++)
        if (j != line && slots[j] == slots[line])
            left -= units[j];
    return left > 0 ? left : 0;
}

/* Ranks the lines by saving per unit, highest first (insertion sort: orders have few lines). */
static void rank_lines(Inserter *in, int n_lines)
{
    for (int i = 0; i < n_lines; i++)
        in->line_rank[i] = i;
    for (int i = 1; i < n_lines; i++)
        for (int j = i; j > 0 && in->value[in->line_rank[j]] > in->value[in->line_rank[j - 1]]; j--) {
            int t = in->line_rank[j];
            in->line_rank[j] = in->line_rank[j - 1];
            in->line_rank[j - 1] = t;
        }
}

/* Cuts the units down to the node's unit capacity and the lane's weight limit, keeping the lines
 * that save most per unit (in->line_rank, ranked by the caller). */
static void fit_capacity(Inserter *in, int n_lines, const double *weight, int64_t units_cap, double weight_cap)
{
    for (int r = 0; r < n_lines; r++) {
        int i = in->line_rank[r];
        int64_t u = in->units[i] < units_cap ? in->units[i] : units_cap;
        if (weight[i] > 0 && (double)u * weight[i] > weight_cap)
            u = (int64_t)floor(weight_cap / weight[i] + 1e-9);
        in->units[i] = u > 0 ? u : 0;
        units_cap -= in->units[i];
        weight_cap -= (double)in->units[i] * weight[i];
    }
}

/* Fills in->value (saving per unit of each line by this lane) and in->units (what the stock at
 * candidate c allows of in->remaining, short stock going to the lines that save most). Returns
 * 1 when the lines were ranked on the way (in->line_rank). */
static int take_stock(Inserter *in, const Solution *s, const PCandidate *c, const PLaneOption *opt)
{
    const Problem *p = in->p;
    const POrder *order = &p->orders[c->order];
    const int *slots = cand_slots(p, c);
    const double *unit_cost = cand_unit_costs(p, c);
    int shared_stock = 0;  /* two lines drawing on one stock slot */
    for (int i = 0; i < order->n_lines; i++) {
        const PLine *line = &p->lines[order->first_line + i];
        in->value[i] = line->unfilled_cost - unit_cost[i] - opt->cost_per_kg * line->unit_weight_kg;
        in->units[i] = 0;
        for (int j = 0; j < i && !shared_stock; j++)
            shared_stock = slots[i] >= 0 && slots[j] == slots[i];
    }
    if (shared_stock)
        rank_lines(in, order->n_lines);
    for (int r = 0; r < order->n_lines; r++) {
        int i = shared_stock ? in->line_rank[r] : r;
        if (slots[i] >= 0 && in->value[i] > 0) {
            int64_t stock = line_stock(s, slots, in->units, order->n_lines, i);
            in->units[i] = in->remaining[i] < stock ? in->remaining[i] : stock;
        }
    }
    return shared_stock;
}

/* The units a new shipment of candidate c by option opt would carry toward in->remaining, in
 * in->units; returns its net saving (unfilled cost avoided minus what it costs), -DBL_MAX when it
 * cannot ship. */
static double evaluate(Inserter *in, const Solution *s, int cand, int option, int extra_shipment)
{
    const Problem *p = in->p;
    const PCandidate *c = &p->cands[cand];
    const POrder *order = &p->orders[c->order];
    const PLaneOption *opt = &p->options[option];
    if (!node_can_ship(s, c->node) || !carrier_can_ship(s, opt->carrier_limit))
        return -DBL_MAX;
    int ranked = take_stock(in, s, c, opt);
    double weight[order->n_lines > 0 ? order->n_lines : 1], total_weight = 0;
    int64_t total = 0;
    for (int i = 0; i < order->n_lines; i++) {
        weight[i] = p->lines[order->first_line + i].unit_weight_kg;
        total += in->units[i];
        total_weight += (double)in->units[i] * weight[i];
    }
    int64_t units_cap = node_units_left(s, c->node);
    double weight_cap = opt->max_weight_kg > 0 ? opt->max_weight_kg : INFINITY;
    if (total > units_cap || total_weight > weight_cap + 1e-9) {
        if (!ranked)
            rank_lines(in, order->n_lines);
        fit_capacity(in, order->n_lines, weight, units_cap, weight_cap);
    }
    double saving = 0;
    total = 0;
    for (int i = 0; i < order->n_lines; i++) {
        saving += (double)in->units[i] * in->value[i];
        total += in->units[i];
    }
    if (total == 0)
        return -DBL_MAX;
    saving -= opt->fixed_cost;
    if (s->node_ships[c->node] == 0)
        saving -= p->nodes[c->node].activation_cost;
    return extra_shipment ? saving - order->split_cost : saving;
}

/* An upper bound on the saving of any shipment from candidate c: every remaining unit of each line
 * it stocks, saved at the line's unfilled cost less its unit cost, before any lane cost. */
static double saving_bound(const Inserter *in, const Solution *s, const PCandidate *c, int extra_shipment)
{
    const Problem *p = in->p;
    const POrder *order = &p->orders[c->order];
    const int *slots = cand_slots(p, c);
    const double *unit_cost = cand_unit_costs(p, c);
    double bound = 0;
    for (int i = 0; i < order->n_lines; i++) {
        double value = p->lines[order->first_line + i].unfilled_cost - unit_cost[i];
        if (slots[i] >= 0 && value > 0)
            bound += (double)in->remaining[i] * value;
    }
    if (s->node_ships[c->node] == 0)
        bound -= p->nodes[c->node].activation_cost;
    return extra_shipment ? bound - order->split_cost : bound;
}

/* Picks the candidate and option with the largest saving for what remains; returns the saving.
 * Options whose bound cannot beat the best so far are not evaluated (same answer, less work). */
static double best_shipment(Inserter *in, const Solution *s, int o, const unsigned char *forbidden,
                            int extra_shipment, int *cand_out, int *option_out)
{
    const Problem *p = in->p;
    const POrder *order = &p->orders[o];
    double best = -DBL_MAX;
    for (int k = 0; k < order->n_cands; k++) {
        const PCandidate *c = &p->cands[order->first_cand + k];
        if (in->used[k] || (forbidden && forbidden[c->node]))
            continue;
        double bound = saving_bound(in, s, c, extra_shipment);
        for (int j = 0; j < c->n_options; j++) {
            if (bound - p->options[c->first_option + j].fixed_cost <= best)
                continue;
            double saving = evaluate(in, s, order->first_cand + k, c->first_option + j, extra_shipment);
            if (saving > best) {
                best = saving;
                *cand_out = order->first_cand + k;
                *option_out = c->first_option + j;
                memcpy(in->best_units, in->units, (size_t)order->n_lines * sizeof(int64_t));
            }
        }
    }
    return best;
}

int inserter_insert(Inserter *in, Solution *s, int o, const unsigned char *forbidden)
{
    const Problem *p = in->p;
    const POrder *order = &p->orders[o];
    int n_lines = order->n_lines, n_chosen = 0;
    for (int i = 0; i < n_lines; i++)
        in->remaining[i] = p->lines[order->first_line + i].quantity;
    memset(in->used, 0, (size_t)order->n_cands + 1);
    int existing = s->orders[o].n_ships;  /* normally 0: the caller cleared the order */
    while (order->max_shipments == 0 || existing + n_chosen < order->max_shipments) {
        int cand = -1, option = -1;
        double saving = best_shipment(in, s, o, forbidden, existing + n_chosen > 0, &cand, &option);
        if (saving <= 1e-9)
            break;
        in->used[cand - order->first_cand] = 1;
        in->chosen_cand[n_chosen] = cand;
        in->chosen_option[n_chosen] = option;
        memcpy(in->chosen_units + (size_t)n_chosen * n_lines, in->best_units, (size_t)n_lines * sizeof(int64_t));
        for (int i = 0; i < n_lines; i++)
            in->remaining[i] -= in->best_units[i];
        n_chosen++;
    }
    for (int k = 0; k < n_chosen; k++)
        if (solution_add(s, o, in->chosen_cand[k], in->chosen_option[k], in->chosen_units + (size_t)k * n_lines))
            return -1;
    return 0;
}

/* Priority: fewest candidates first (most constrained), then most valuable, then batch order. */
typedef struct PriorityKey {
    int n_cands, order;
    double value;
} PriorityKey;

static int by_priority(const void *a, const void *b)
{
    const PriorityKey *x = a, *y = b;
    if (x->n_cands != y->n_cands)
        return x->n_cands < y->n_cands ? -1 : 1;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

int *greedy_order_priority(const Problem *p)
{
    PriorityKey *keys = malloc(((size_t)p->n_orders + 1) * sizeof *keys);
    int *result = malloc(((size_t)p->n_orders + 1) * sizeof *result);
    if (!keys || !result) {
        free(keys);
        free(result);
        return NULL;
    }
    for (int o = 0; o < p->n_orders; o++) {
        const POrder *order = &p->orders[o];
        double value = 0;
        for (int i = 0; i < order->n_lines; i++)
            value += (double)p->lines[order->first_line + i].quantity * p->lines[order->first_line + i].unfilled_cost;
        keys[o] = (PriorityKey){order->n_cands, o, value};
    }
    qsort(keys, (size_t)p->n_orders, sizeof *keys, by_priority);
    for (int o = 0; o < p->n_orders; o++)
        result[o] = keys[o].order;
    free(keys);
    return result;
}

static int greedy_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    Solution *s = solution_new(p);
    Inserter *in = inserter_new(p);
    int *priority = greedy_order_priority(p);
    int rc = s && in && priority ? 0 : -1;
    int k = 0;
    for (; !rc && k < p->n_orders; k++) {
        if ((k & 255) == 255 && budget_expired(budget))
            break;  /* out of time: the orders not reached stay unfilled, the plan stays feasible */
        rc = inserter_insert(in, s, priority[k], NULL);
    }
    if (!rc && k < p->n_orders)
        snprintf(info->note, sizeof info->note, "greedy stopped at the deadline after %d of %d orders", k, p->n_orders);
    if (!rc && s->cost < best->cost)
        rc = solution_copy(best, s) ? -1 : 1;
    if (rc < 0)
        src_error_set(err, "greedy: out of memory");
    free(priority);
    inserter_free(in);
    solution_free(s);
    return rc;
}

const Strategy STRATEGY_GREEDY = {"greedy", greedy_improve};
