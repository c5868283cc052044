/* The order-whole Lagrangian bound (see order_lagrange.h): evaluation order by order, deflected
 * subgradient steps. */
#include "order_lagrange.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Deflected steps from warm multipliers: a smaller start than lagrange.c's (measured on generated
 * batches of 300 x 50 and 1 000 x 200: 0.3 beat 0.1 and 1.0). */
#define STEP_START 0.3
#define STALL_ITERATIONS 20
#define STEP_MIN 1e-4
/* Camerini-Fratta-Maffioli's deflection: the new direction keeps this much of the last one when
 * the two disagree. */
#define DEFLECTION 1.5
/* Per order and evaluation, the enumeration's visits before its value falls back to a bound: a
 * share of this many per evaluation, within these limits. */
#define ENUMERATION_VISITS 2000000L
#define VISIT_CAP_MIN 200
#define VISIT_CAP_MAX 100000
/* What a visit costs on a typical order (items x lines): a larger order gets fewer visits. */
#define TYPICAL_VISIT_WORK 100L

static double *zeros(long n)
{
    return calloc((size_t)(n > 0 ? n : 1), sizeof(double));
}

/* Offsets of the row kinds in g and dir. */
static long off_unit(const Problem *p) { return p->n_slots; }
static long off_ship(const Problem *p) { return (long)p->n_slots + p->n_nodes; }
static long off_carrier(const Problem *p) { return (long)p->n_slots + 2L * p->n_nodes; }
static long off_link(const Problem *p) { return (long)p->n_slots + 2L * p->n_nodes + p->n_carrier_limits; }

static int reserve_sub(OrderLagrange *olg)
{
    const Problem *p = olg->p;
    int items = 0, lines = 0, cands = 0;
    for (int o = 0; o < p->n_orders; o++) {
        const POrder *order = &p->orders[o];
        int n = 0;
        for (int k = 0; k < order->n_cands; k++)
            n += p->cands[order->first_cand + k].n_options;
        items = n > items ? n : items;
        lines = order->n_lines > lines ? order->n_lines : lines;
        cands = order->n_cands > cands ? order->n_cands : cands;
    }
    olg->units = zeros((long)(items + 1) * (lines + 1));
    return olg->units ? order_sub_reserve(&olg->sub, items, lines, cands) : -1;
}

/* The shared rows' multipliers as they are; each link's mu as an LP dual would set it from the
 * per-(order, node) relaxation: what the candidate's shipment gains there, scaled down so that a
 * node whose candidates gain more than its activation cost has them pay exactly that cost. */
static void warm_start(OrderLagrange *olg, const Lagrange *warm)
{
    const Problem *p = olg->p;
    memcpy(olg->slot_price, warm->slot_price, (size_t)p->n_slots * sizeof(double));
    memcpy(olg->unit_price, warm->unit_price, (size_t)p->n_nodes * sizeof(double));
    memcpy(olg->ship_price, warm->ship_price, (size_t)p->n_nodes * sizeof(double));
    memcpy(olg->carrier_price, warm->carrier_price, (size_t)p->n_carrier_limits * sizeof(double));
    memset(olg->link_sum, 0, (size_t)p->n_nodes * sizeof(double));
    for (int k = 0; k < p->n_cands; k++) {
        olg->link_price[k] = p->nodes[p->cands[k].node].activation_cost > 0 ? -lagrange_candidate_gain(warm, k) : 0;
        olg->link_sum[p->cands[k].node] += olg->link_price[k];
    }
    for (int k = 0; k < p->n_cands; k++) {
        double A = p->nodes[p->cands[k].node].activation_cost, sum = olg->link_sum[p->cands[k].node];
        if (sum > A)
            olg->link_price[k] *= A / sum;
    }
}

int order_lagrange_init(OrderLagrange *olg, const Problem *p, const Lagrange *warm)
{
    memset(olg, 0, sizeof *olg);
    olg->p = p;
    olg->bound = -DBL_MAX;
    olg->step_factor = STEP_START;
    olg->n_rows = off_link(p) + p->n_cands;
    olg->slot_price = zeros(p->n_slots);
    olg->unit_price = zeros(p->n_nodes);
    olg->ship_price = zeros(p->n_nodes);
    olg->carrier_price = zeros(p->n_carrier_limits);
    olg->link_price = zeros(p->n_cands);
    olg->cand_option = malloc(((size_t)p->n_cands + 1) * sizeof(int));
    olg->cell_x = zeros(problem_n_cells(p));
    olg->node_open = calloc((size_t)p->n_nodes + 1, 1);
    olg->link_sum = zeros(p->n_nodes);
    olg->g = zeros(olg->n_rows);
    olg->dir = zeros(olg->n_rows);
    if (!olg->slot_price || !olg->unit_price || !olg->ship_price || !olg->carrier_price || !olg->link_price ||
        !olg->cand_option || !olg->cell_x || !olg->node_open || !olg->link_sum || !olg->g || !olg->dir ||
        reserve_sub(olg)) {
        order_lagrange_free(olg);
        return -1;
    }
    if (warm)
        warm_start(olg, warm);
    long cap = ENUMERATION_VISITS / (p->n_orders > 0 ? p->n_orders : 1);
    olg->visit_cap = cap < VISIT_CAP_MIN ? VISIT_CAP_MIN : cap > VISIT_CAP_MAX ? VISIT_CAP_MAX : cap;
    return 0;
}

void order_lagrange_free(OrderLagrange *olg)
{
    free(olg->slot_price); free(olg->unit_price); free(olg->ship_price); free(olg->carrier_price);
    free(olg->link_price); free(olg->cand_option); free(olg->cell_x); free(olg->node_open); free(olg->link_sum);
    free(olg->g); free(olg->dir); free(olg->units);
    order_sub_free(&olg->sub);
    memset(olg, 0, sizeof *olg);
}

/* Fills the subproblem of order o with its priced items: every (candidate, lane option). */
static void priced_items(OrderLagrange *olg, int o)
{
    const Problem *p = olg->p;
    const POrder *order = &p->orders[o];
    OrderSub *s = &olg->sub;
    int L = order->n_lines, m = 0;
    s->n_lines = L, s->n_cands = order->n_cands;
    s->max_ships = (int)(order->max_shipments > 0 && order->max_shipments < order->n_cands ? order->max_shipments : 0);
    s->split_cost = order->split_cost;
    for (int i = 0; i < L; i++) {
        s->quantity[i] = (double)p->lines[order->first_line + i].quantity;
        s->unfilled[i] = p->lines[order->first_line + i].unfilled_cost;
    }
    for (int k = 0; k < order->n_cands; k++) {
        int ck = order->first_cand + k;
        const PCandidate *c = &p->cands[ck];
        const int *slots = cand_slots(p, c);
        double per_ship = olg->ship_price[c->node] + olg->link_price[ck];
        double per_unit = olg->unit_price[c->node];
        for (int j = 0; j < c->n_options; j++, m++) {
            const PLaneOption *opt = &p->options[c->first_option + j];
            double kappa = opt->carrier_limit >= 0 ? olg->carrier_price[opt->carrier_limit] : 0;
            s->items[m] = (OsItem){k, c->first_option + j, opt->fixed_cost + per_ship + kappa, 0};
            for (int i = 0; i < L; i++) {
                const PLine *line = &p->lines[order->first_line + i];
                double ub = cand_cell_upper(p, c, i);
                if (opt->max_weight_kg > 0 && line->unit_weight_kg > 0)  /* the lane's weight limit, line by line */
                    ub = fmin(ub, opt->max_weight_kg / line->unit_weight_kg);
                s->ub[(size_t)m * L + i] = ub;
                s->cost[(size_t)m * L + i] = ub > 0 ? cand_unit_costs(p, c)[i] + opt->cost_per_kg * line->unit_weight_kg +
                                                          olg->slot_price[slots[i]] + per_unit
                                                    : 0;
            }
        }
    }
    s->n_items = m;
    /* a visit costs about items x lines: a large order gets fewer (down to the root alone) */
    long work = (long)m * L;
    s->visit_cap = work > TYPICAL_VISIT_WORK ? olg->visit_cap * TYPICAL_VISIT_WORK / work : olg->visit_cap;
}

/* Order o's value, its relaxed solution recorded in cand_option and cell_x. */
static double order_value(OrderLagrange *olg, int o, double *magnitude)
{
    const Problem *p = olg->p;
    const POrder *order = &p->orders[o];
    OrderSub *s = &olg->sub;
    for (int k = 0; k < order->n_cands; k++) {
        const PCandidate *c = &p->cands[order->first_cand + k];
        olg->cand_option[order->first_cand + k] = -1;
        memset(olg->cell_x + c->first_cell, 0, (size_t)order->n_lines * sizeof(double));
    }
    priced_items(olg, o);
    double v = order_sub_solve(s);
    olg->cut_short += s->aborted;
    olg->visits += s->visits;
    *magnitude += fabs(v);
    order_sub_best_units(s, olg->units);
    for (int b = 0; b < s->n_best; b++) {
        const OsItem *it = &s->items[s->best[b]];
        const PCandidate *c = &p->cands[order->first_cand + it->cand];
        olg->cand_option[order->first_cand + it->cand] = it->option;
        for (int i = 0; i < order->n_lines; i++)
            olg->cell_x[c->first_cell + i] = olg->units[(size_t)s->best[b] * order->n_lines + i];
    }
    return v;
}

/* The nodes' part: each opens when its activation cost is less than what its candidates pay. */
static double node_part(OrderLagrange *olg, double *magnitude)
{
    const Problem *p = olg->p;
    double sum = 0;
    memset(olg->link_sum, 0, (size_t)p->n_nodes * sizeof(double));
    for (int k = 0; k < p->n_cands; k++)
        olg->link_sum[p->cands[k].node] += olg->link_price[k];
    for (int n = 0; n < p->n_nodes; n++) {
        double v = p->nodes[n].activation_cost - olg->link_sum[n];
        olg->node_open[n] = v < 0 || p->nodes[n].activation_cost <= 0;
        sum += fmin(0, v);
        *magnitude += p->nodes[n].activation_cost + olg->link_sum[n];
    }
    return sum;
}

double order_lagrange_evaluate(OrderLagrange *olg, const Budget *budget)
{
    const Problem *p = olg->p;
    double magnitude = 0, L = 0;
    for (int s = 0; s < p->n_slots; s++)
        L -= olg->slot_price[s] * (double)p->stock[s];
    for (int n = 0; n < p->n_nodes; n++)
        L -= olg->unit_price[n] * (double)p->nodes[n].max_units + olg->ship_price[n] * (double)p->nodes[n].max_shipments;
    for (int k = 0; k < p->n_carrier_limits; k++)
        L -= olg->carrier_price[k] * (double)p->carrier_cap[k];
    magnitude += fabs(L);
    olg->cut_short = 0;
    olg->visits = 0;
    for (int o = 0; o < p->n_orders; o++) {
        if (budget && budget_expired(budget))  /* every order: one may be large */
            return NAN;
        L += order_value(olg, o, &magnitude);
    }
    L += node_part(olg, &magnitude);
    /* rounding: keep the bound on the safe side, as lagrange.c does */
    return L - 1e-15 * (double)(p->n_cands + p->n_lines + p->n_nodes + p->n_slots + 8) * magnitude;
}

/* The subgradient at the last evaluation: per row, what the relaxed solution uses less what the
 * row allows; rows without a limit (0 = unlimited) get none. */
static void subgradient(OrderLagrange *olg)
{
    const Problem *p = olg->p;
    double *g = olg->g, *gu = g + off_unit(p), *gs = g + off_ship(p), *gc = g + off_carrier(p), *gl = g + off_link(p);
    for (int s = 0; s < p->n_slots; s++)
        g[s] = -(double)p->stock[s];
    for (int n = 0; n < p->n_nodes; n++) {
        gu[n] = -(double)p->nodes[n].max_units;
        gs[n] = -(double)p->nodes[n].max_shipments;
    }
    for (int k = 0; k < p->n_carrier_limits; k++)
        gc[k] = -(double)p->carrier_cap[k];
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        int opt = olg->cand_option[k], ships = opt >= 0;
        gl[k] = p->nodes[c->node].activation_cost > 0 ? ships - (double)olg->node_open[c->node] : 0;
        if (!ships)
            continue;
        gs[c->node] += 1;
        if (p->options[opt].carrier_limit >= 0)
            gc[p->options[opt].carrier_limit] += 1;
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            double x = olg->cell_x[c->first_cell + i];
            if (x > 0)
                g[cand_slots(p, c)[i]] += x, gu[c->node] += x;
        }
    }
    for (int n = 0; n < p->n_nodes; n++) {
        if (p->nodes[n].max_units <= 0)
            gu[n] = 0;
        if (p->nodes[n].max_shipments <= 0)
            gs[n] = 0;
    }
    for (int k = 0; k < p->n_carrier_limits; k++)
        if (p->carrier_cap[k] <= 0)
            gc[k] = 0;
}

/* The multiplier of row r. */
static double *price_of(OrderLagrange *olg, long r)
{
    const Problem *p = olg->p;
    if (r < off_unit(p))
        return &olg->slot_price[r];
    if (r < off_ship(p))
        return &olg->unit_price[r - off_unit(p)];
    if (r < off_carrier(p))
        return &olg->ship_price[r - off_ship(p)];
    if (r < off_link(p))
        return &olg->carrier_price[r - off_carrier(p)];
    return &olg->link_price[r - off_link(p)];
}

/* The deflected direction (projected: a price at 0 that it pushes down stays), its squared norm. */
static double direction(OrderLagrange *olg)
{
    double dot = 0, prev = 0;
    for (long r = 0; r < olg->n_rows; r++)
        dot += olg->dir[r] * olg->g[r], prev += olg->dir[r] * olg->dir[r];
    double beta = dot < 0 && prev > 0 ? -DEFLECTION * dot / prev : 0, norm = 0;
    for (long r = 0; r < olg->n_rows; r++) {
        double d = olg->g[r] + beta * olg->dir[r];
        if (*price_of(olg, r) <= 0 && d < 0)
            d = 0;
        olg->dir[r] = d;
        norm += d * d;
    }
    return norm;
}

static void step(OrderLagrange *olg, double t)
{
    const Problem *p = olg->p;
    double *d = olg->dir;
    for (int s = 0; s < p->n_slots; s++)
        olg->slot_price[s] = fmax(0, olg->slot_price[s] + t * d[s]);
    for (int n = 0; n < p->n_nodes; n++) {
        olg->unit_price[n] = fmax(0, olg->unit_price[n] + t * d[off_unit(p) + n]);
        olg->ship_price[n] = fmax(0, olg->ship_price[n] + t * d[off_ship(p) + n]);
    }
    for (int k = 0; k < p->n_carrier_limits; k++)
        olg->carrier_price[k] = fmax(0, olg->carrier_price[k] + t * d[off_carrier(p) + k]);
    for (int k = 0; k < p->n_cands; k++)
        olg->link_price[k] = fmax(0, olg->link_price[k] + t * d[off_link(p) + k]);
}

double order_lagrange_improve(OrderLagrange *olg, const Budget *budget, double target)
{
    if (olg->step_factor < STEP_MIN)
        olg->step_factor = STEP_START / 2;
    double factor = olg->step_factor;
    int stalled = 0;
    while (factor >= STEP_MIN && !budget_expired(budget)) {
        double L = order_lagrange_evaluate(olg, budget);
        if (isnan(L))
            break;  /* out of time within the evaluation: no value */
        olg->iterations++;
        int improved = L > olg->bound + 1e-6 * fabs(olg->bound);
        if (L > olg->bound)
            olg->bound = L;
        if (improved) {
            stalled = 0;
        } else if (++stalled >= STALL_ITERATIONS) {
            factor /= 2;
            stalled = 0;
        }
        if (olg->bound >= target - 1e-9 * fabs(target))
            break;
        subgradient(olg);
        double d2 = direction(olg);
        if (d2 <= 0)
            break;
        step(olg, factor * (target - L) / d2);
    }
    olg->step_factor = factor;
    return olg->bound;
}
