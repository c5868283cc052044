/* LNS, large neighbourhood search with the MIP as its repair: take a handful of orders that
 * compete for the same nodes (a seed order, the orders its candidate nodes ship, the orders of its
 * zone), fix everything else, solve that small MIP exactly in a fraction of a second with the
 * current plan as its incumbent, and keep the result when it is cheaper. This brings the MIP to
 * batches far too large for one model. Seeds go round in priority order until a whole round finds
 * nothing or the budget runs out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "strategy.h"
#include "subproblem.h"

/* Neighbourhoods are kept to about this many model columns (model_order_columns per order): GLPK
 * solves them in well under a second (see the LP estimate in solve.c). */
#define LNS_MAX_COLUMNS 1400
#define LNS_MIP_SECONDS 0.5

typedef struct Lns {
    const Problem *p;
    const Budget *budget;
    Solution *s;
    int *priority;
    int *zone_start, *zone_orders;  /* orders per zone (CSR, priority order) */
    int *node_start, *node_orders;  /* orders each node ships (CSR), rebuilt after a change */
    int index_stale;
    long *columns;                  /* per order: model_order_columns */
    unsigned char *picked;          /* per order */
    int *chosen, n_chosen;
    long chosen_columns;
    long version;                   /* plan changes so far */
    long *settled_at;               /* per seed: version + 1 when its neighbourhood was proven
                                       optimal as it stands; unchanged since means nothing to do */
} Lns;

static int index_zones(Lns *l)
{
    const Problem *p = l->p;
    l->zone_start = calloc((size_t)p->n_zones + 2, sizeof(int));
    if (!l->zone_start)
        return -1;
    for (int o = 0; o < p->n_orders; o++)
        l->zone_start[p->orders[o].zone + 2]++;
    for (int z = 0; z < p->n_zones; z++)
        l->zone_start[z + 2] += l->zone_start[z + 1];
    for (int k = 0; k < p->n_orders; k++)
        l->zone_orders[l->zone_start[p->orders[l->priority[k]].zone + 1]++] = l->priority[k];
    return 0;
}

static void count_columns(Lns *l)
{
    for (int o = 0; o < l->p->n_orders; o++)
        l->columns[o] = model_order_columns(l->p, o);
}

/* Adds order o to the neighbourhood if it fits; 0 once the neighbourhood is full. */
static int pick(Lns *l, int o)
{
    if (l->picked[o])
        return 1;
    if (l->n_chosen > 0 && l->chosen_columns + l->columns[o] > LNS_MAX_COLUMNS)
        return 0;
    l->picked[o] = 1;
    l->chosen[l->n_chosen++] = o;
    l->chosen_columns += l->columns[o];
    return 1;
}

/* The seed, the orders its candidate nodes ship (they hold what it might want), its zone's. */
static void choose_neighbourhood(Lns *l, int seed)
{
    const Problem *p = l->p;
    for (int k = 0; k < l->n_chosen; k++)
        l->picked[l->chosen[k]] = 0;
    l->n_chosen = 0;
    l->chosen_columns = 0;
    if (l->index_stale) {
        solution_node_index(l->s, l->priority, l->node_start, l->node_orders);
        l->index_stale = 0;
    }
    int room = pick(l, seed);
    const POrder *order = &p->orders[seed];
    for (int j = 0; room && j < order->n_cands; j++) {
        int node = p->cands[order->first_cand + j].node;
        for (int k = l->node_start[node]; room && k < l->node_start[node + 1]; k++)
            room = pick(l, l->node_orders[k]);
    }
    int z = order->zone;
    for (int k = l->zone_start[z]; room && k < l->zone_start[z + 1]; k++)
        room = pick(l, l->zone_orders[k]);
}

/* Whether every limit holds (a guard on putting a sub-plan back). */
static int within_limits(const Solution *s)
{
    const Problem *p = s->p;
    for (int n = 0; n < p->n_nodes; n++)
        if (!((p->nodes[n].max_shipments == 0 || s->node_ships[n] <= p->nodes[n].max_shipments) &&
              (p->nodes[n].max_units == 0 || s->node_units[n] <= p->nodes[n].max_units)))
            return 0;
    for (int slot = 0; slot < p->n_slots; slot++)
        if (s->stock_used[slot] > p->stock[slot])
            return 0;
    for (int cl = 0; cl < p->n_carrier_limits; cl++)
        if (p->carrier_cap[cl] > 0 && s->carrier_used[cl] > p->carrier_cap[cl])
            return 0;
    return 1;
}

/* Puts the sub-plan back if the whole plan gets cheaper and stays within every limit. Returns 1
 * kept, 0 not, -1 out of memory. */
static int try_put_back(Lns *l, const SubProblem *sub, const Solution *sub_plan)
{
    Solution *s = l->s;
    SavedOrder *saved = calloc((size_t)sub->p.n_orders + 1, sizeof *saved);
    if (!saved)
        return -1;
    int rc = 0, taken = 0;
    for (; taken < sub->p.n_orders && !rc; taken++)
        rc = saved_order_take(&saved[taken], s, sub->orig_order[taken]);
    taken -= rc ? 1 : 0;
    double before = s->cost;
    int kept = !rc && !subproblem_put_back(sub, sub_plan, s) &&
               s->cost < before - 1e-9 * fmax(1, fabs(before)) && within_limits(s);
    if (!kept && !rc) {
        for (int k = 0; k < sub->p.n_orders; k++)
            solution_clear_order(s, sub->orig_order[k]);
        for (int k = 0; k < taken && !rc; k++)
            rc = saved_order_restore(&saved[k], s);
    }
    for (int k = 0; k < taken; k++)
        saved_order_free(&saved[k]);
    free(saved);
    l->index_stale |= kept;
    return rc ? -1 : kept;
}

/* Solves the current neighbourhood's MIP; 1 when the plan got cheaper, 0 not, -1 error.
 * *settled is set when the MIP proved the neighbourhood optimal as it stands. */
static int repair(Lns *l, int *settled, SrcError *err)
{
    SubProblem sub;
    if (subproblem_build(&sub, l->s, l->chosen, l->n_chosen))
        return src_error_set(err, "LNS: out of memory");
    Solution *sub_plan = subproblem_solution_of(&sub, l->s);
    int rc = sub_plan ? 0 : -1;
    if (sub_plan) {
        SrcOptions quiet = *l->budget->options;  /* sub-MIPs report no progress */
        quiet.progress = NULL;
        Budget b = budget_within(l->budget, LNS_MIP_SECONDS);
        b.options = &quiet;
        b.progress = NULL;                   /* a neighbourhood's plans are not the batch's */
        b.gap = 0;
        SolveInfo sub_info = {0};     /* a neighbourhood's bound says nothing about the batch */
        rc = STRATEGY_MIP.improve(&sub.p, &b, sub_plan, &sub_info, err);
        *settled = rc == 0 && sub_info.proven_optimal;
        if (rc > 0)
            rc = try_put_back(l, &sub, sub_plan);
        if (rc > 0)
            progress_incumbent(l->budget->progress, l->s->cost, src_now());
    }
    solution_free(sub_plan);
    subproblem_free(&sub);
    return rc;
}

static void lns_free(Lns *l)
{
    free(l->priority);
    free(l->zone_start);
    free(l->zone_orders);
    free(l->node_start);
    free(l->node_orders);
    free(l->columns);
    free(l->picked);
    free(l->chosen);
    free(l->settled_at);
}

static int lns_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    (void)info;
    Lns l = {.p = p, .budget = budget, .s = best, .index_stale = 1};
    size_t n = (size_t)p->n_orders + 1;
    l.priority = greedy_order_priority(p);
    l.zone_orders = malloc(n * sizeof(int));
    l.node_start = malloc(((size_t)p->n_nodes + 2) * sizeof(int));
    l.node_orders = malloc(((size_t)p->n_cands + 1) * sizeof(int));
    l.columns = malloc(n * sizeof(long));
    l.picked = calloc(n, 1);
    l.chosen = malloc(n * sizeof(int));
    l.settled_at = calloc(n, sizeof(long));
    int rc = l.priority && l.zone_orders && l.node_start && l.node_orders && l.columns &&
             l.picked && l.chosen && l.settled_at ? index_zones(&l) : -1;
    if (rc)
        src_error_set(err, "LNS: out of memory");
    else
        count_columns(&l);
    double start_cost = best->cost;
    /* seeds in priority order, round and round, until a whole round changes nothing */
    for (int k = 0, quiet_seeds = 0; !rc && p->n_orders > 0 && quiet_seeds < p->n_orders; k = (k + 1) % p->n_orders) {
        if (budget_expired(budget))
            break;
        int seed = l.priority[k], improved = 0, settled = 1;
        if (l.settled_at[seed] != l.version + 1) {
            choose_neighbourhood(&l, seed);
            improved = l.n_chosen > 1 ? repair(&l, &settled, err) : 0;
        }
        rc = improved < 0 ? -1 : 0;
        l.version += improved > 0;
        if (settled && improved == 0)
            l.settled_at[seed] = l.version + 1;
        quiet_seeds = improved > 0 ? 0 : quiet_seeds + 1;
    }
    lns_free(&l);
    if (rc)
        return -1;
    return best->cost < start_cost - 1e-9 * fmax(1, fabs(start_cost));
}

const Strategy STRATEGY_LNS = {"lns", lns_improve};
