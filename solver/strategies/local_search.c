/* Local search on the best plan: moves that are kept only when they lower the cost.
 *  - reinsert: take one order out and ship it again the greedy way, given everything else;
 *  - close a node: take out every order a node ships, forbid the node, ship them again (this is
 *    what saves activation costs the one-order-at-a-time greedy cannot see);
 *  - give an order the node it wants: when a node that could ship an order more cheaply is full
 *    (capacity, carrier limit or stock taken by others), take out the orders it ships, ship this
 *    order first, then the others again (what the greedy's fixed order of orders gets wrong).
 * Passes repeat until the budget runs out or a pass with the largest moves finds nothing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strategy.h"

/* "Give an order the node it wants" reships at most this many orders: small moves first, larger
 * ones once the small ones find nothing more (the last level has no limit). */
static const int PRIORITIZE_LIMITS[] = {8, 32, 128, 1 << 30};
#define PRIORITIZE_LEVELS ((int)(sizeof PRIORITIZE_LIMITS / sizeof PRIORITIZE_LIMITS[0]))

typedef struct Search {
    const Problem *p;
    const Budget *budget;
    Solution *s;
    Inserter *in;
    int *priority;
    unsigned char *forbidden;       /* per node */
    SavedOrder *saved;              /* per order being moved */
    int *moved;                     /* orders being moved */
    int n_moved;
    /* which orders each node ships, in priority order (CSR), rebuilt after a kept move */
    int *node_start, *node_orders;
    int index_stale;
    int prioritize_limit, level;
    /* "don't look" marks for the prioritize pass: an order whose candidate nodes have not changed
     * since it was last examined at this level is skipped */
    long clock;                     /* kept moves so far */
    long *node_changed_at;          /* per node: clock of the last kept move that touched it */
    long *order_examined_at;        /* per order: clock when last examined, -1 never */
    int *order_examined_level;
} Search;

static int improves(double before, double after)
{
    return after < before - 1e-9 * (before > 1 ? before : 1);
}

/* Takes the orders in search->moved out (saving them), reinserts them in priority order, and
 * keeps the result only if it is cheaper. Returns 1 kept, 0 undone, -1 out of memory. */
/* After a kept move: the nodes the moved orders shipped from, before and after, have changed. */
static void mark_changed_nodes(Search *search, int taken)
{
    const Problem *p = search->p;
    search->clock++;
    for (int k = 0; k < taken; k++) {
        const SavedOrder *saved = &search->saved[k];
        for (int j = 0; j < saved->n_ships; j++)
            search->node_changed_at[p->cands[saved->cand[j]].node] = search->clock;
        const SolOrder *so = &search->s->orders[saved->order];
        for (int j = 0; j < so->n_ships; j++)
            search->node_changed_at[p->cands[so->ships[j].cand].node] = search->clock;
    }
}

static int try_move(Search *search)
{
    Solution *s = search->s;
    double before = s->cost;
    int rc = 0, taken = 0, cut = 0;
    for (; taken < search->n_moved && !rc; taken++)
        rc = saved_order_take(&search->saved[taken], s, search->moved[taken]);
    if (rc) {
        taken--;
    } else {
        for (int k = 0; k < search->n_moved; k++)
            solution_clear_order(s, search->moved[k]);
        /* a move may reship thousands of orders (a large node closed): the deadline is looked at
         * as it goes, and a move cut short is undone */
        for (int k = 0; k < search->n_moved && !rc && !cut; k++) {
            cut = (k & 15) == 15 && budget_expired(search->budget);
            rc = cut ? 0 : inserter_insert(search->in, s, search->moved[k], search->forbidden);
        }
    }
    int kept = !rc && !cut && improves(before, s->cost);
    search->index_stale |= kept;
    if (kept)
        mark_changed_nodes(search, taken);
    if (!kept) {
        for (int k = 0; k < search->n_moved; k++)
            solution_clear_order(s, search->moved[k]);
        for (int k = 0; k < taken && !rc; k++)
            rc = saved_order_restore(&search->saved[k], s);
    }
    for (int k = 0; k < taken; k++)
        saved_order_free(&search->saved[k]);
    return rc ? -1 : kept;
}

/* try_move, noting in *improved whether the move was kept and telling the solve's progress. */
static int try_and_report(Search *search, int *improved)
{
    int rc = try_move(search);
    if (rc > 0) {
        *improved = 1;
        progress_incumbent(search->budget->progress, search->s->cost, src_now());
    }
    return rc;
}

static int reinsert_pass(Search *search, int *improved)
{
    for (int k = 0; k < search->p->n_orders; k++) {
        if ((k & 63) == 0 && budget_expired(search->budget))
            return 0;
        search->moved[0] = search->priority[k];
        search->n_moved = 1;
        if (try_and_report(search, improved) < 0)
            return -1;
    }
    return 0;
}

/* Into search->moved: first (unless -1), then the other orders node ships, in priority order. */
static void collect_orders_of_node(Search *search, int node, int first)
{
    if (search->index_stale) {
        solution_node_index(search->s, search->priority, search->node_start, search->node_orders);
        search->index_stale = 0;
    }
    search->n_moved = 0;
    if (first >= 0)
        search->moved[search->n_moved++] = first;
    for (int k = search->node_start[node]; k < search->node_start[node + 1]; k++)
        if (search->node_orders[k] != first)
            search->moved[search->n_moved++] = search->node_orders[k];
}

static int close_node_pass(Search *search, int *improved)
{
    const Problem *p = search->p;
    for (int n = 0; n < p->n_nodes; n++) {
        if (budget_expired(search->budget))
            return 0;
        if (search->s->node_ships[n] == 0 || p->nodes[n].activation_cost <= 0)
            continue;
        collect_orders_of_node(search, n, -1);
        search->forbidden[n] = 1;
        int rc = try_and_report(search, improved);
        search->forbidden[n] = 0;
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Whether candidate c cannot take all of its order as things stand: its node is full or short of
 * units, one of its carriers is at its limit, or its stock is short. */
static int candidate_blocked(const Solution *s, const PCandidate *c)
{
    const Problem *p = s->p;
    const POrder *order = &p->orders[c->order];
    int64_t wanted = 0;
    for (int i = 0; i < order->n_lines; i++)
        wanted += p->lines[order->first_line + i].quantity;
    if (!node_can_ship(s, c->node) || node_units_left(s, c->node) < wanted)
        return 1;
    for (int j = 0; j < c->n_options; j++)
        if (!carrier_can_ship(s, p->options[c->first_option + j].carrier_limit))
            return 1;
    const int *slots = cand_slots(p, c);
    for (int i = 0; i < order->n_lines; i++)
        if (slots[i] >= 0 && stock_left(s, slots[i]) < p->lines[order->first_line + i].quantity)
            return 1;
    return 0;
}

/* Whether order o might gain from candidate c: it has unfilled units, or c's cheapest lane costs
 * less than the lanes it uses now. */
static int candidate_promising(const Solution *s, int o, const PCandidate *c)
{
    const Problem *p = s->p;
    const SolOrder *so = &s->orders[o];
    double cheapest_here = INFINITY, cheapest_now = INFINITY;
    for (int j = 0; j < c->n_options; j++)
        cheapest_here = fmin(cheapest_here, p->options[c->first_option + j].fixed_cost);
    int64_t shipped = 0, wanted = 0;
    for (int k = 0; k < so->n_ships; k++) {
        cheapest_now = fmin(cheapest_now, p->options[so->ships[k].option].fixed_cost);
        for (int i = 0; i < p->orders[o].n_lines; i++)
            shipped += so->ships[k].units[i];
    }
    for (int i = 0; i < p->orders[o].n_lines; i++)
        wanted += p->lines[p->orders[o].first_line + i].quantity;
    return shipped < wanted || cheapest_here < cheapest_now;
}

/* Whether nothing at order o's candidate nodes changed since it was last examined at this level. */
static int nothing_new_for(const Search *search, int o)
{
    if (search->order_examined_level[o] != search->level)
        return 0;
    const POrder *order = &search->p->orders[o];
    for (int j = 0; j < order->n_cands; j++)
        if (search->node_changed_at[search->p->cands[order->first_cand + j].node] >= search->order_examined_at[o])
            return 0;
    return 1;
}

static int prioritize_pass(Search *search, int *improved)
{
    const Problem *p = search->p;
    for (int k = 0; k < p->n_orders; k++) {
        int o = search->priority[k];
        const POrder *order = &p->orders[o];
        if (nothing_new_for(search, o))
            continue;
        search->order_examined_at[o] = search->clock + 1;  /* changes from here on count as new */
        search->order_examined_level[o] = search->level;
        for (int j = 0; j < order->n_cands; j++) {
            const PCandidate *c = &p->cands[order->first_cand + j];
            if (budget_expired(search->budget))
                return 0;
            if (!candidate_blocked(search->s, c) || !candidate_promising(search->s, o, c))
                continue;
            collect_orders_of_node(search, c->node, o);  /* o first, then the orders the node ships */
            if (search->n_moved > search->prioritize_limit)
                continue;  /* a large node: too costly to reshuffle for one order */
            if (try_and_report(search, improved) < 0)
                return -1;
        }
    }
    return 0;
}

static void search_free(Search *search)
{
    inserter_free(search->in);
    free(search->priority);
    free(search->forbidden);
    free(search->saved);
    free(search->moved);
    free(search->node_start);
    free(search->node_orders);
    free(search->node_changed_at);
    free(search->order_examined_at);
    free(search->order_examined_level);
}

/* 0, or -1 when out of memory (search_free cleans up either way). */
static int search_init(Search *search, const Problem *p, const Budget *budget, Solution *best)
{
    *search = (Search){.p = p, .budget = budget, .s = best, .index_stale = 1};
    size_t orders = (size_t)p->n_orders + 1, nodes = (size_t)p->n_nodes + 2;
    search->in = inserter_new(p);
    search->priority = greedy_order_priority(p);
    search->forbidden = calloc(nodes, 1);
    search->saved = calloc(orders, sizeof *search->saved);
    search->moved = malloc(orders * sizeof(int));
    search->node_start = malloc(nodes * sizeof(int));
    search->node_orders = malloc(((size_t)p->n_cands + 1) * sizeof(int));  /* ships <= candidates */
    search->node_changed_at = calloc(nodes, sizeof(long));
    search->order_examined_at = calloc(orders, sizeof(long));
    search->order_examined_level = malloc(orders * sizeof(int));
    if (!search->in || !search->priority || !search->forbidden || !search->saved || !search->moved ||
        !search->node_start || !search->node_orders || !search->node_changed_at || !search->order_examined_at ||
        !search->order_examined_level)
        return -1;
    for (int o = 0; o < p->n_orders; o++)
        search->order_examined_level[o] = -1;  /* never examined */
    return 0;
}

static int local_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    (void)info;
    Search search;
    double start_cost = best->cost;
    int rc = search_init(&search, p, budget, best);
    for (int passes = 0, level = 0; !rc && !budget_expired(budget);) {
        if (budget->max_passes && passes++ == budget->max_passes)
            break;
        search.prioritize_limit = PRIORITIZE_LIMITS[level];
        search.level = level;
        int improved = 0;
        rc = reinsert_pass(&search, &improved);
        if (!rc)
            rc = close_node_pass(&search, &improved);
        if (!rc)
            rc = prioritize_pass(&search, &improved);
        if (!improved && ++level == PRIORITIZE_LEVELS)
            break;
    }
    search_free(&search);
    if (rc)
        return src_error_set(err, "local search: out of memory");
    return improves(start_cost, best->cost);
}

const Strategy STRATEGY_LOCAL = {"local", local_improve};
