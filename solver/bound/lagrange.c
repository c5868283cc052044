/* The Lagrangian bound (see lagrange.h): evaluation in one pass over the cells, subgradient steps. */
#include "lagrange.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Subgradient control: the step factor starts here, is halved after this many iterations without a
 * better bound, and the search stops when it is this small. */
#define STEP_START 1.0
#define STALL_ITERATIONS 25
#define STEP_MIN 1e-4

typedef struct KnapsackItem {
    double cost;                /* per unit, priced, fixed cost spread: < 0 pays */
    double ub;
    long cell;
} KnapsackItem;

static double *zeros(long n)
{
    return calloc((size_t)(n > 0 ? n : 1), sizeof(double));
}

/* What a unit of line i costs from candidate c on option o, before prices. */
static double unit_cost(const Problem *p, const PCandidate *c, const PLaneOption *o, int i)
{
    const PLine *line = &p->lines[p->orders[c->order].first_line + i];
    return cand_unit_costs(p, c)[i] + o->cost_per_kg * line->unit_weight_kg;
}

/* Each line's price starts at its cheapest unit delivered (a shipment's fixed cost spread over the
 * whole line), never above its unfilled cost. */
static void initial_prices(Lagrange *lg)
{
    const Problem *p = lg->p;
    for (int l = 0; l < p->n_lines; l++)
        lg->line_price[l] = p->lines[l].unfilled_cost;
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        const POrder *order = &p->orders[c->order];
        for (int j = 0; j < c->n_options; j++) {
            const PLaneOption *o = &p->options[c->first_option + j];
            for (int i = 0; i < order->n_lines; i++) {
                const PLine *line = &p->lines[order->first_line + i];
                if (cand_cell_upper(p, c, i) <= 0)
                    continue;
                double cost = unit_cost(p, c, o, i) + o->fixed_cost / (double)line->quantity;
                double *price = &lg->line_price[order->first_line + i];
                *price = fmin(*price, cost);
            }
        }
    }
}

/* Per node, the most units it can ship: its unit capacity, its stock, its cells' bounds, whichever
 * is least; and the whole demand. 0, or -1 when out of memory. */
static int room_of_nodes(Lagrange *lg)
{
    const Problem *p = lg->p;
    double *cell_room = zeros(p->n_nodes), *stock = zeros(p->n_nodes);
    unsigned char *seen = calloc((size_t)p->n_slots + 1, 1);
    int rc = cell_room && stock && seen ? 0 : -1;
    for (int k = 0; k < p->n_cands && !rc; k++) {
        const PCandidate *c = &p->cands[k];
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            int slot = cand_slots(p, c)[i];
            cell_room[c->node] += cand_cell_upper(p, c, i);
            if (slot >= 0 && !seen[slot]) {
                seen[slot] = 1;
                stock[c->node] += (double)p->stock[slot];
            }
        }
    }
    for (int n = 0; n < p->n_nodes && !rc; n++) {
        double cap = p->nodes[n].max_units > 0 ? (double)p->nodes[n].max_units : INFINITY;
        lg->node_room[n] = fmin(cap, fmin(stock[n], cell_room[n]));
    }
    for (int l = 0; l < p->n_lines; l++)
        lg->demand += (double)p->lines[l].quantity;
    free(cell_room);
    free(stock);
    free(seen);
    return rc;
}

int lagrange_init(Lagrange *lg, const Problem *p)
{
    memset(lg, 0, sizeof *lg);
    lg->p = p;
    lg->bound = -DBL_MAX;
    lg->line_price = zeros(p->n_lines);
    lg->slot_price = zeros(p->n_slots);
    lg->unit_price = zeros(p->n_nodes);
    lg->ship_price = zeros(p->n_nodes);
    lg->carrier_price = zeros(p->n_carrier_limits);
    lg->g_line = zeros(p->n_lines);
    lg->g_slot = zeros(p->n_slots);
    lg->g_unit = zeros(p->n_nodes);
    lg->g_ship = zeros(p->n_nodes);
    lg->g_carrier = zeros(p->n_carrier_limits);
    lg->node_gain = zeros(p->n_nodes);
    lg->node_open = calloc((size_t)p->n_nodes + 1, 1);
    lg->node_knapsack = calloc((size_t)p->n_nodes + 1, 1);
    lg->cand_option = calloc((size_t)p->n_cands + 1, sizeof(int));
    long cells = problem_n_cells(p);
    lg->cell_x = zeros(cells);
    lg->items = calloc((size_t)cells + (size_t)p->n_nodes + (size_t)p->n_lines + 1, sizeof(KnapsackItem));
    if (!lg->line_price || !lg->slot_price || !lg->unit_price || !lg->ship_price || !lg->carrier_price ||
        !lg->g_line || !lg->g_slot || !lg->g_unit || !lg->g_ship || !lg->g_carrier || !lg->node_gain ||
        !lg->node_open || !lg->node_knapsack || !lg->cand_option || !lg->cell_x || !lg->items ||
        problem_candidates_by_node(p, &lg->node_start, &lg->node_cands)) {
        lagrange_free(lg);
        return -1;
    }
    lg->node_room = zeros(p->n_nodes);
    lg->best_prices = zeros((long)p->n_lines + p->n_slots + 2L * p->n_nodes + p->n_carrier_limits);
    if (!lg->node_room || !lg->best_prices || room_of_nodes(lg)) {
        lagrange_free(lg);
        return -1;
    }
    initial_prices(lg);
    lg->step_factor = STEP_START;
    return 0;
}

void lagrange_free(Lagrange *lg)
{
    free(lg->line_price); free(lg->slot_price); free(lg->unit_price); free(lg->ship_price);
    free(lg->carrier_price); free(lg->g_line); free(lg->g_slot); free(lg->g_unit); free(lg->g_ship);
    free(lg->g_carrier); free(lg->node_gain); free(lg->node_open); free(lg->node_knapsack); free(lg->cand_option);
    free(lg->cell_x); free(lg->node_start); free(lg->node_cands); free(lg->items); free(lg->node_room);
    free(lg->best_prices);
    memset(lg, 0, sizeof *lg);
}

/* The priced cost of one unit of line i from candidate c on option o (negative: worth shipping). */
static double priced_unit(const Lagrange *lg, const PCandidate *c, const PLaneOption *o, int i)
{
    const Problem *p = lg->p;
    int line = p->orders[c->order].first_line + i;
    return unit_cost(p, c, o, i) + lg->slot_price[cand_slots(p, c)[i]] + lg->unit_price[c->node] -
           lg->line_price[line];
}

/* The best a shipment from candidate c can gain (<= 0) and on which option (-1: none pays). */
static double candidate_gain(const Lagrange *lg, const PCandidate *c, int *option_out)
{
    const Problem *p = lg->p;
    const POrder *order = &p->orders[c->order];
    double best = 0;
    *option_out = -1;
    for (int j = 0; j < c->n_options; j++) {
        const PLaneOption *o = &p->options[c->first_option + j];
        double gain = o->fixed_cost + lg->ship_price[c->node] +
                      (o->carrier_limit >= 0 ? lg->carrier_price[o->carrier_limit] : 0);
        for (int i = 0; i < order->n_lines; i++) {
            double ub = cand_cell_upper(p, c, i);
            double a = ub > 0 ? priced_unit(lg, c, o, i) : 0;
            if (a < 0)
                gain += ub * a;
        }
        if (gain < best) {
            best = gain;
            *option_out = c->first_option + j;
        }
    }
    return best;
}

double lagrange_candidate_gain(const Lagrange *lg, int cand)
{
    int option;
    return candidate_gain(lg, &lg->p->cands[cand], &option);
}

/* The constant part of L: what the prices pay for the rows' right-hand sides, and the unfilled
 * units (a line leaves its units unfilled when that costs less than its price). */
static double constant_part(const Lagrange *lg, double *magnitude)
{
    const Problem *p = lg->p;
    double sum = 0;
    for (int l = 0; l < p->n_lines; l++) {
        double q = (double)p->lines[l].quantity, lambda = lg->line_price[l];
        sum += lambda * q + q * fmin(0, p->lines[l].unfilled_cost - lambda);
        *magnitude += fabs(lambda * q);
    }
    for (int s = 0; s < p->n_slots; s++)
        sum -= lg->slot_price[s] * (double)p->stock[s];
    for (int n = 0; n < p->n_nodes; n++)
        sum -= lg->ship_price[n] * (double)p->nodes[n].max_shipments;
    for (int k = 0; k < p->n_carrier_limits; k++)
        sum -= lg->carrier_price[k] * (double)p->carrier_cap[k];
    *magnitude += fabs(sum);
    return sum;
}

static int by_cost(const void *a, const void *b)
{
    double x = ((const KnapsackItem *)a)->cost, y = ((const KnapsackItem *)b)->cost;
    return x < y ? -1 : x > y;
}

/* The cheapest fixed part of a shipment from c, priced. */
static double cheapest_fixed(const Lagrange *lg, const PCandidate *c)
{
    double best = INFINITY;
    for (int j = 0; j < lg->p->n_options && j < c->n_options; j++) {
        const PLaneOption *o = &lg->p->options[c->first_option + j];
        best = fmin(best, o->fixed_cost + lg->ship_price[c->node] +
                              (o->carrier_limit >= 0 ? lg->carrier_price[o->carrier_limit] : 0));
    }
    return best;
}

/* Node n's cells as knapsack items: per unit, the cheapest lane, the prices (but not the unit
 * capacity's, which the knapsack keeps) and the fixed cost spread over all the units the shipment
 * could carry. Returns how many pay (cost < 0). */
static int knapsack_items(Lagrange *lg, int n)
{
    const Problem *p = lg->p;
    int count = 0;
    for (int j = lg->node_start[n]; j < lg->node_start[n + 1]; j++) {
        const PCandidate *c = &p->cands[lg->node_cands[j]];
        const POrder *order = &p->orders[c->order];
        double units = 0;
        for (int i = 0; i < order->n_lines; i++)
            units += cand_cell_upper(p, c, i);
        if (units <= 0)
            continue;
        double spread = cheapest_fixed(lg, c) / units;
        for (int i = 0; i < order->n_lines; i++) {
            double ub = cand_cell_upper(p, c, i), best = INFINITY;
            for (int k = 0; ub > 0 && k < c->n_options; k++)
                best = fmin(best, priced_unit(lg, c, &p->options[c->first_option + k], i));
            if (ub > 0 && best - lg->unit_price[n] + spread < 0)
                lg->items[count++] = (KnapsackItem){best - lg->unit_price[n] + spread, ub, c->first_cell + i};
        }
    }
    return count;
}

/* Node n's value with its unit capacity kept: the fractional knapsack of its paying cells, whose
 * solution goes into cell_x (read only if the node's knapsack value is the one that counts). */
static double knapsack_value(Lagrange *lg, int n)
{
    const Problem *p = lg->p;
    for (int j = lg->node_start[n]; j < lg->node_start[n + 1]; j++) {
        const PCandidate *c = &p->cands[lg->node_cands[j]];
        memset(lg->cell_x + c->first_cell, 0, (size_t)p->orders[c->order].n_lines * sizeof(double));
    }
    int count = knapsack_items(lg, n);
    qsort(lg->items, (size_t)count, sizeof *lg->items, by_cost);
    double room = (double)p->nodes[n].max_units, value = 0;
    for (int k = 0; k < count && room > 0; k++) {
        double x = fmin(room, lg->items[k].ub);
        lg->cell_x[lg->items[k].cell] = x;
        value += x * lg->items[k].cost;
        room -= x;
    }
    return value;
}

/* Node n's part of L before its activation: the priced value (every candidate on its own, the unit
 * capacity priced) or, when larger, the knapsack value (the unit capacity kept). */
static double node_value(Lagrange *lg, int n, double *magnitude)
{
    const Problem *p = lg->p;
    double priced = -lg->unit_price[n] * (double)p->nodes[n].max_units;
    for (int j = lg->node_start[n]; j < lg->node_start[n + 1]; j++) {
        int k = lg->node_cands[j];
        double gain = candidate_gain(lg, &p->cands[k], &lg->cand_option[k]);
        priced += gain;
        *magnitude += fabs(gain);
    }
    lg->node_knapsack[n] = 0;
    if (p->nodes[n].max_units > 0) {
        double knapsack = knapsack_value(lg, n);
        if (knapsack > priced) {
            lg->node_knapsack[n] = 1;
            return knapsack;
        }
    }
    return priced;
}

/* Beasley's aggregate cut (lagrange.h): what it costs at least, beyond the nodes that pay, to
 * have room for the whole demand: closed nodes (their value) or unfilled units (their unfilled
 * cost less their price), cheapest per unit of room first, the last one fractionally. */
static double room_cut(Lagrange *lg)
{
    const Problem *p = lg->p;
    double covered = 0;
    for (int n = 0; n < p->n_nodes; n++)
        if (lg->node_open[n])
            covered += lg->node_room[n];
    if (covered >= lg->demand)
        return 0;
    long count = 0;
    for (int n = 0; n < p->n_nodes; n++)
        if (!lg->node_open[n] && lg->node_room[n] > 0)
            lg->items[count++] = (KnapsackItem){(p->nodes[n].activation_cost + lg->node_gain[n]) / lg->node_room[n],
                                                lg->node_room[n], n};
    for (int l = 0; l < p->n_lines; l++)
        if (p->lines[l].quantity > 0)
            lg->items[count++] = (KnapsackItem){p->lines[l].unfilled_cost - lg->line_price[l],
                                                (double)p->lines[l].quantity, -1};
    qsort(lg->items, (size_t)count, sizeof *lg->items, by_cost);
    double need = lg->demand - covered, extra = 0;
    for (long k = 0; k < count && need > 0; k++) {
        double take = fmin(need, lg->items[k].ub);
        extra += take * fmax(0, lg->items[k].cost);
        need -= take;
    }
    return extra;
}

double lagrange_evaluate(Lagrange *lg)
{
    const Problem *p = lg->p;
    double magnitude = 0, L = constant_part(lg, &magnitude);
    for (int n = 0; n < p->n_nodes; n++) {
        lg->node_gain[n] = node_value(lg, n, &magnitude);
        double value = p->nodes[n].activation_cost + lg->node_gain[n];
        lg->node_open[n] = value < 0;
        L += fmin(0, value);
    }
    double cut = room_cut(lg);
    L += cut;
    magnitude += cut;
    /* rounding: every term carries a relative error of about 1e-16; keep the bound on the safe side */
    return L - 1e-15 * (double)(p->n_cands + p->n_lines + p->n_nodes + 8) * magnitude;
}

/* A knapsack node's part of the subgradient: its cells' units; its unit capacity is kept, not
 * priced, so its price gets no push upwards. */
static void knapsack_subgradient(Lagrange *lg, int n)
{
    const Problem *p = lg->p;
    lg->g_unit[n] = fmin(lg->g_unit[n], 0);
    for (int j = lg->node_start[n]; j < lg->node_start[n + 1]; j++) {
        const PCandidate *c = &p->cands[lg->node_cands[j]];
        const POrder *order = &p->orders[c->order];
        int ships = 0;
        for (int i = 0; i < order->n_lines; i++) {
            double x = lg->cell_x[c->first_cell + i];
            if (x <= 0)
                continue;
            ships = 1;
            lg->g_line[order->first_line + i] -= x;
            lg->g_slot[cand_slots(p, c)[i]] += x;
        }
        lg->g_ship[n] += ships;
        int opt = ships ? lg->cand_option[lg->node_cands[j]] : -1;
        if (opt >= 0 && p->options[opt].carrier_limit >= 0)
            lg->g_carrier[p->options[opt].carrier_limit] += 1;
    }
}

/* The subgradient at the last evaluation: for each row, what the relaxed solution uses minus what
 * the row allows. */
static void subgradient(Lagrange *lg)
{
    const Problem *p = lg->p;
    for (int l = 0; l < p->n_lines; l++)
        lg->g_line[l] = p->lines[l].unfilled_cost < lg->line_price[l] ? 0 : (double)p->lines[l].quantity;
    for (int s = 0; s < p->n_slots; s++)
        lg->g_slot[s] = -(double)p->stock[s];
    for (int n = 0; n < p->n_nodes; n++) {
        lg->g_unit[n] = -(double)p->nodes[n].max_units;
        lg->g_ship[n] = -(double)p->nodes[n].max_shipments;
    }
    for (int k = 0; k < p->n_carrier_limits; k++)
        lg->g_carrier[k] = -(double)p->carrier_cap[k];
    for (int n = 0; n < p->n_nodes; n++)
        if (lg->node_open[n] && lg->node_knapsack[n])
            knapsack_subgradient(lg, n);
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        if (lg->cand_option[k] < 0 || !lg->node_open[c->node] || lg->node_knapsack[c->node])
            continue;
        const PLaneOption *o = &p->options[lg->cand_option[k]];
        const POrder *order = &p->orders[c->order];
        lg->g_ship[c->node] += 1;
        if (o->carrier_limit >= 0)
            lg->g_carrier[o->carrier_limit] += 1;
        for (int i = 0; i < order->n_lines; i++) {
            double ub = cand_cell_upper(p, c, i);
            if (ub <= 0 || priced_unit(lg, c, o, i) >= 0)
                continue;
            lg->g_line[order->first_line + i] -= ub;
            lg->g_slot[cand_slots(p, c)[i]] += ub;
            lg->g_unit[c->node] += ub;
        }
    }
}

/* Projected component: a price at its bound that the subgradient pushes further out stays put. */
static double projected(double g, double price, double lo, double hi)
{
    return (price <= lo && g < 0) || (price >= hi && g > 0) ? 0 : g;
}

/* Sum of squares of the projected subgradient; rows without a limit (0 = unlimited) have none. */
static double norm2(const Lagrange *lg)
{
    const Problem *p = lg->p;
    double sum = 0, g;
    for (int l = 0; l < p->n_lines; l++)
        g = projected(lg->g_line[l], lg->line_price[l], 0, p->lines[l].unfilled_cost), sum += g * g;
    for (int s = 0; s < p->n_slots; s++)
        g = projected(lg->g_slot[s], lg->slot_price[s], 0, INFINITY), sum += g * g;
    for (int n = 0; n < p->n_nodes; n++) {
        if (p->nodes[n].max_units > 0)
            g = projected(lg->g_unit[n], lg->unit_price[n], 0, INFINITY), sum += g * g;
        if (p->nodes[n].max_shipments > 0)
            g = projected(lg->g_ship[n], lg->ship_price[n], 0, INFINITY), sum += g * g;
    }
    for (int k = 0; k < p->n_carrier_limits; k++)
        if (p->carrier_cap[k] > 0)
            g = projected(lg->g_carrier[k], lg->carrier_price[k], 0, INFINITY), sum += g * g;
    return sum;
}

static void step(Lagrange *lg, double t)
{
    const Problem *p = lg->p;
    for (int l = 0; l < p->n_lines; l++)
        lg->line_price[l] = fmin(p->lines[l].unfilled_cost, fmax(0, lg->line_price[l] + t * lg->g_line[l]));
    for (int s = 0; s < p->n_slots; s++)
        lg->slot_price[s] = fmax(0, lg->slot_price[s] + t * lg->g_slot[s]);
    for (int n = 0; n < p->n_nodes; n++) {
        if (p->nodes[n].max_units > 0)
            lg->unit_price[n] = fmax(0, lg->unit_price[n] + t * lg->g_unit[n]);
        if (p->nodes[n].max_shipments > 0)
            lg->ship_price[n] = fmax(0, lg->ship_price[n] + t * lg->g_ship[n]);
    }
    for (int k = 0; k < p->n_carrier_limits; k++)
        if (p->carrier_cap[k] > 0)
            lg->carrier_price[k] = fmax(0, lg->carrier_price[k] + t * lg->g_carrier[k]);
}

/* Copies the multipliers to (save) or from (restore) best_prices. */
static void copy_prices(Lagrange *lg, int save)
{
    const Problem *p = lg->p;
    double *kinds[] = {lg->line_price, lg->slot_price, lg->unit_price, lg->ship_price, lg->carrier_price};
    const long counts[] = {p->n_lines, p->n_slots, p->n_nodes, p->n_nodes, p->n_carrier_limits};
    double *at = lg->best_prices;
    for (int k = 0; k < 5; k++) {
        size_t bytes = (size_t)counts[k] * sizeof(double);
        if (save)
            memcpy(at, kinds[k], bytes);
        else
            memcpy(kinds[k], at, bytes);
        at += counts[k];
    }
}

void lagrange_restore_best(Lagrange *lg)
{
    if (lg->iterations > 0)
        copy_prices(lg, 0);
}

double lagrange_improve(Lagrange *lg, const Budget *budget, double target)
{
    if (lg->step_factor < STEP_MIN)
        lg->step_factor = STEP_START / 2;  /* resumed, perhaps with a better target */
    double factor = lg->step_factor;
    int stalled = 0;
    while (factor >= STEP_MIN && !budget_expired(budget)) {
        double L = lagrange_evaluate(lg);
        lg->iterations++;
        int improved = L > lg->bound + 1e-6 * fabs(lg->bound);
        if (L > lg->bound) {
            lg->bound = L;
            copy_prices(lg, 1);
        }
        if (improved) {
            stalled = 0;
        } else if (++stalled >= STALL_ITERATIONS) {
            factor /= 2;
            stalled = 0;
        }
        if (lg->bound >= target - 1e-9 * fabs(target))
            break;  /* the plan is proven optimal */
        subgradient(lg);
        double g2 = norm2(lg);
        if (g2 <= 0)
            break;  /* the relaxed solution is feasible: L is the relaxation's optimum */
        step(lg, factor * (target - L) / g2);
    }
    lg->step_factor = factor;
    return lg->bound;
}
