/* Facility search, for facility-style problems (problem_is_facility_style: only units cost, as in
 * OR-Library's capacitated facility location): the decision that matters is which nodes to open;
 * for a given open set the best plan is a transportation LP (model/transport.h), solved exactly
 * in about a tenth of a second on capa (100 nodes x 1 000 orders). So the search moves over open
 * sets, as the classic heuristics for capacitated facility location do: the open set of the
 * Lagrangian relaxation, repaired to have room for the demand (Beasley's Lagrangian heuristic);
 * then opening, closing and swapping nodes, the moves ranked by the usual estimates and tried
 * exactly, best first; when no move pays, the relaxation goes on a little (the solve's shared
 * multipliers, whose bound is reported) and its new open set is tried. */
#include <float.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lagrange.h"
#include "strategy.h"
#include "transport.h"

/* Share of the time left for the Lagrangian relaxation before the search over open sets, and for
 * each continuation when the local search stalls; after so many stalls in a row the search ends. */
#define LAGRANGE_SHARE 0.15
#define RESTART_SHARE 0.05
#define MAX_STALLS 40
/* Moves tried exactly per round, in the order of their estimates, before the search gives up. */
#define MOVES_PER_ROUND 40

/* A move: toggle node a (open it if closed, close it if open), and node b too when b >= 0. */
typedef struct Move {
    double estimate;            /* what it would change, roughly: < 0 is a saving */
    int a, b;
} Move;

typedef struct Search {
    const Problem *p;
    const Budget *budget;
    Transport *transport;
    Solution *trial, *best;
    Solution *current;                  /* the plan of the open set the moves start from */
    unsigned char *open;
    int *ranked;                /* nodes with an activation cost, most promising first */
    int n_ranked, improved;
    long evaluations;                   /* open sets solved exactly so far */
    uint64_t *seen;                     /* fingerprints of the open sets evaluated (0 = empty) */
    int *node_start, *node_cands;       /* candidates of each node */
    double *line_cost;                  /* per line: its dearest unit in the best plan */
    double *best1, *best2;              /* per line: cheapest and second cheapest open unit */
    int *best1_node;
    double *estimate;                   /* per node: what opening (or closing) it would change */
    double *cost_at;                    /* per line: its unit cost at the node of estimate_swap */
    unsigned char *moved;               /* per line: it has units at the node estimate_swap closes */
    Move *moves;
} Search;

/* Open addressing over SEEN_SLOTS fingerprints; when full, nothing more is remembered. */
#define SEEN_SLOTS 8192

/* Whether the current open set was evaluated before (then it is not better than the best plan:
 * had it been, it would be the best plan); remembers it if not. FNV-1a over the open flags of the
 * nodes that can close; a collision of 64-bit fingerprints would only skip one evaluation. */
static int seen_before(Search *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (int n = 0; n < s->p->n_nodes; n++)  /* in node order: the ranking changes, the set does not */
        if (s->p->nodes[n].activation_cost > 0)
            h = (h ^ (uint64_t)(s->open[n] + 1)) * 1099511628211ULL;
    h |= 1;  /* never 0, the empty slot */
    for (uint64_t i = h % SEEN_SLOTS, probes = 0; probes < SEEN_SLOTS; i = (i + 1) % SEEN_SLOTS, probes++) {
        if (s->seen[i] == h)
            return 1;
        if (s->seen[i] == 0) {
            s->seen[i] = h;
            return 0;
        }
    }
    return 0;
}

/* Evaluates the open set: it becomes the current plan when cheaper than that, or in any case with
 * accept_worse (a restart), and the best plan too when cheaper than that. 1 when it became the
 * current plan, 0 when not (also when seen before or out of time), -1 on error. */
static int evaluate(Search *s, int accept_worse)
{
    if (budget_expired(s->budget) || seen_before(s))
        return 0;
    if (transport_solve(s->transport, s->open, budget_left(s->budget), s->trial))
        return budget_expired(s->budget) ? 0 : -1;  /* cut short by the deadline: not an error */
    s->evaluations++;
    if (!accept_worse && s->trial->cost >= s->current->cost - 1e-9 * (1 + s->current->cost))
        return 0;
    if (solution_copy(s->current, s->trial))
        return -1;
    if (s->current->cost < s->best->cost - 1e-9 * (1 + s->best->cost)) {
        if (solution_copy(s->best, s->current))
            return -1;
        s->improved = 1;
        progress_incumbent(s->budget->progress, s->best->cost, src_now());
    }
    return 1;
}

/* Toggles node a (and b, when >= 0); keeps the change if it pays, else undoes it. */
static int try_move(Search *s, int a, int b)
{
    s->open[a] ^= 1;
    if (b >= 0)
        s->open[b] ^= 1;
    int rc = evaluate(s, 0);
    if (rc == 0) {
        s->open[a] ^= 1;
        if (b >= 0)
            s->open[b] ^= 1;
    }
    return rc;
}

/* Per line: the dearest unit the best plan pays for it (its unfilled cost while units are left). */
static void price_lines(Search *s)
{
    const Problem *p = s->p;
    for (int l = 0; l < p->n_lines; l++)
        s->line_cost[l] = (double)p->lines[l].quantity;  /* units not yet seen shipped */
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < s->current->orders[o].n_ships; k++) {
            const SolShipment *sh = &s->current->orders[o].ships[k];
            for (int i = 0; i < p->orders[o].n_lines; i++)
                s->line_cost[p->orders[o].first_line + i] -= (double)sh->units[i];
        }
    for (int l = 0; l < p->n_lines; l++)
        s->line_cost[l] = s->line_cost[l] > 0 ? p->lines[l].unfilled_cost : 0;
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < s->current->orders[o].n_ships; k++) {
            const SolShipment *sh = &s->current->orders[o].ships[k];
            const PCandidate *c = &p->cands[sh->cand];
            for (int i = 0; i < p->orders[o].n_lines; i++)
                if (sh->units[i] > 0)
                    s->line_cost[p->orders[o].first_line + i] =
                        fmax(s->line_cost[p->orders[o].first_line + i], cand_unit_cost_on_first_lane(p, c, i));
        }
}

/* Per line: the cheapest and second cheapest unit among the open nodes. */
static void cheapest_open(Search *s)
{
    const Problem *p = s->p;
    for (int l = 0; l < p->n_lines; l++)
        s->best1[l] = s->best2[l] = p->lines[l].unfilled_cost, s->best1_node[l] = -1;
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        if (p->nodes[c->node].activation_cost > 0 && !s->open[c->node])
            continue;
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            int l = p->orders[c->order].first_line + i;
            double cost = cand_unit_cost_on_first_lane(p, c, i);
            if (cand_cell_upper(p, c, i) <= 0)
                continue;
            if (cost < s->best1[l]) {
                s->best2[l] = s->best1[l];
                s->best1[l] = cost, s->best1_node[l] = c->node;
            } else if (cost < s->best2[l]) {
                s->best2[l] = cost;
            }
        }
    }
}

/* What opening closed node n would change (< 0: a saving), capacity ignored but for a cap on the
 * units it could take: its units where they are cheaper than what each line pays now. */
static double estimate_open(const Search *s, int n)
{
    const Problem *p = s->p;
    double saving = 0, units = 0;
    for (int j = s->node_start[n]; j < s->node_start[n + 1]; j++) {
        const PCandidate *c = &p->cands[s->node_cands[j]];
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            double per_unit = s->line_cost[p->orders[c->order].first_line + i] - cand_unit_cost_on_first_lane(p, c, i);
            double ub = cand_cell_upper(p, c, i);
            if (per_unit > 0 && ub > 0)
                saving += per_unit * ub, units += ub;
        }
    }
    double cap = (double)p->nodes[n].max_units;
    if (cap > 0 && units > cap)
        saving *= cap / units;
    return p->nodes[n].activation_cost - saving;
}

/* What closing open node n would change: its activation saved, its units moved to the next
 * cheapest open node of their line. */
static double estimate_close(const Search *s, int n)
{
    const Problem *p = s->p;
    double change = -p->nodes[n].activation_cost;
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < s->current->orders[o].n_ships; k++) {
            const SolShipment *sh = &s->current->orders[o].ships[k];
            const PCandidate *c = &p->cands[sh->cand];
            for (int i = 0; c->node == n && i < p->orders[o].n_lines; i++) {
                int l = p->orders[o].first_line + i;
                double alternative = s->best1_node[l] == n ? s->best2[l] : s->best1[l];
                change += (double)sh->units[i] * (alternative - cand_unit_cost_on_first_lane(p, c, i));
            }
        }
    return change;
}

/* Marks in cost_at what a unit of each line costs at node n (INFINITY elsewhere), or clears it. */
static void mark_costs_at(Search *s, int n, int clear)
{
    const Problem *p = s->p;
    for (int j = s->node_start[n]; j < s->node_start[n + 1]; j++) {
        const PCandidate *c = &p->cands[s->node_cands[j]];
        for (int i = 0; i < p->orders[c->order].n_lines; i++)
            if (cand_cell_upper(p, c, i) > 0)
                s->cost_at[p->orders[c->order].first_line + i] = clear ? INFINITY : cand_unit_cost_on_first_lane(p, c, i);
    }
}

/* What closing open node a and opening closed node b at once would change. Unlike the sum of the
 * two single estimates it lets b take a's units: each of a's units goes to b when b is cheaper
 * than its line's next open node and b has room; then b takes, within its room left, the units it
 * ships cheaper than other lines pay now. */
static double estimate_swap(Search *s, int a, int b)
{
    const Problem *p = s->p;
    double change = p->nodes[b].activation_cost - p->nodes[a].activation_cost;
    double room = p->nodes[b].max_units > 0 ? (double)p->nodes[b].max_units : INFINITY, used = 0;
    mark_costs_at(s, b, 0);
    for (int o = 0; o < p->n_orders; o++)
        for (int k = 0; k < s->current->orders[o].n_ships; k++) {
            const SolShipment *sh = &s->current->orders[o].ships[k];
            const PCandidate *c = &p->cands[sh->cand];
            for (int i = 0; c->node == a && i < p->orders[o].n_lines; i++) {
                int l = p->orders[o].first_line + i;
                double units = (double)sh->units[i], here = cand_unit_cost_on_first_lane(p, c, i);
                double next = s->best1_node[l] == a ? s->best2[l] : s->best1[l];
                s->moved[l] = 1;
                if (s->cost_at[l] < next && used + units <= room)
                    change += units * (s->cost_at[l] - here), used += units;
                else
                    change += units * (next - here);
            }
        }
    double saving = 0, units = 0;
    for (int j = s->node_start[b]; j < s->node_start[b + 1]; j++) {
        const PCandidate *c = &p->cands[s->node_cands[j]];
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            int l = p->orders[c->order].first_line + i;
            double per_unit = s->line_cost[l] - cand_unit_cost_on_first_lane(p, c, i), ub = cand_cell_upper(p, c, i);
            if (!s->moved[l] && per_unit > 0 && ub > 0)
                saving += per_unit * ub, units += ub;
        }
    }
    if (units > room - used)
        saving *= fmax(0, room - used) / units;
    mark_costs_at(s, b, 1);
    for (int o = 0; o < p->n_orders; o++)  /* clears moved */
        for (int i = 0; i < p->orders[o].n_lines; i++)
            s->moved[p->orders[o].first_line + i] = 0;
    return change - saving;
}

static int by_estimate(const void *a, const void *b)
{
    double x = ((const Move *)a)->estimate, y = ((const Move *)b)->estimate;
    return x < y ? -1 : x > y;
}

/* Every single and swap move with its estimate, most promising first; returns how many. */
static int list_moves(Search *s)
{
    price_lines(s);
    cheapest_open(s);
    for (int k = 0; k < s->n_ranked; k++) {
        int n = s->ranked[k];
        s->estimate[n] = s->open[n] ? estimate_close(s, n) : estimate_open(s, n);
    }
    int count = 0;
    for (int k = 0; k < s->n_ranked; k++) {
        int a = s->ranked[k];
        s->moves[count++] = (Move){s->estimate[a], a, -1};
        for (int j = 0; s->open[a] && j < s->n_ranked; j++)
            if (!s->open[s->ranked[j]])
                s->moves[count++] = (Move){estimate_swap(s, a, s->ranked[j]), a, s->ranked[j]};
    }
    qsort(s->moves, (size_t)count, sizeof *s->moves, by_estimate);
    return count;
}

/* Tries the most promising moves in turn until one pays. Moves to open sets seen before cost
 * nothing and do not count: a round after a stall goes on down the list. 1 when one paid, 0 when
 * none of the next MOVES_PER_ROUND evaluated did, -1 on error. */
static int round_of_moves(Search *s)
{
    int count = list_moves(s);
    long until = s->evaluations + MOVES_PER_ROUND;
    for (int k = 0; k < count && s->evaluations < until && !budget_expired(s->budget); k++) {
        int rc = try_move(s, s->moves[k].a, s->moves[k].b);
        if (rc != 0)
            return rc;
    }
    return 0;
}

typedef struct Ranked {
    double value;
    int node;
} Ranked;

static int by_value(const void *a, const void *b)
{
    double x = ((const Ranked *)a)->value, y = ((const Ranked *)b)->value;
    return x < y ? -1 : x > y;
}

/* The nodes with an activation cost, most promising (lowest Lagrangian value) first. 0 or -1. */
static int rank_nodes(Search *s, const double *values)
{
    Ranked *r = malloc(((size_t)s->p->n_nodes + 1) * sizeof *r);
    if (!r)
        return -1;
    for (int n = 0; n < s->p->n_nodes; n++)
        if (s->p->nodes[n].activation_cost > 0)
            r[s->n_ranked++] = (Ranked){values[n], n};
    qsort(r, (size_t)s->n_ranked, sizeof *r, by_value);
    for (int k = 0; k < s->n_ranked; k++)
        s->ranked[k] = r[k].node;
    free(r);
    return 0;
}

/* The open set of the relaxation, repaired: nodes in the order of their Lagrangian value per unit
 * of room are added until the open ones have room for the whole demand. */
static void lagrangian_open_set(Search *s, const Lagrange *lg)
{
    const Problem *p = s->p;
    double room = 0;
    for (int n = 0; n < p->n_nodes; n++) {
        s->open[n] = lg->node_open[n];
        room += lg->node_open[n] || p->nodes[n].activation_cost <= 0 ? lg->node_room[n] : 0;
    }
    for (int k = 0; k < s->n_ranked && room < lg->demand; k++)
        if (!s->open[s->ranked[k]]) {
            s->open[s->ranked[k]] = 1;
            room += lg->node_room[s->ranked[k]];
        }
}

/* Ranks the nodes by their Lagrangian value per unit of room, most promising first. */
static int rank_by_prices(Search *s, const Lagrange *lg)
{
    double *values = malloc(((size_t)s->p->n_nodes + 1) * sizeof(double));
    if (!values)
        return -1;
    for (int n = 0; n < s->p->n_nodes; n++)
        values[n] = (s->p->nodes[n].activation_cost + lg->node_gain[n]) / fmax(1, lg->node_room[n]);
    s->n_ranked = 0;
    int rc = rank_nodes(s, values);
    free(values);
    return rc;
}

/* Continues the Lagrangian relaxation for a share of the time left, then tries its repaired open
 * set. 1 when that improved the plan, 0 when not, -1 on error. */
static int lagrangian_heuristic(Search *s, SolveInfo *info, double share)
{
    Budget b = budget_slice(s->budget, share);
    Lagrange *lg = solve_info_prices(info, s->p, &b, s->best->cost);
    if (!lg || rank_by_prices(s, lg))
        return -1;
    lagrange_evaluate(lg);  /* the relaxed solution of the last multipliers */
    unsigned char *kept = malloc((size_t)s->p->n_nodes + 1);
    if (!kept)
        return -1;
    memcpy(kept, s->open, (size_t)s->p->n_nodes);
    lagrangian_open_set(s, lg);
    int rc = evaluate(s, 1);
    if (rc == 0)
        memcpy(s->open, kept, (size_t)s->p->n_nodes);
    free(kept);
    return rc;
}

static int open_set_of_best(Search *s)
{
    for (int n = 0; n < s->p->n_nodes; n++)
        s->open[n] = s->best->node_ships[n] > 0 || s->best->node_units[n] > 0;
    return evaluate(s, 1);  /* the best plan's nodes, each shipping its best */
}

static int facility_improve(const Problem *p, const Budget *budget, Solution *best, SolveInfo *info, SrcError *err)
{
    if (!problem_is_facility_style(p))
        return 0;
    Search s = {.p = p, .budget = budget, .best = best};
    s.transport = transport_new(p);
    s.trial = solution_new(p);
    s.current = solution_new(p);
    s.open = calloc((size_t)p->n_nodes + 1, 1);
    s.ranked = calloc((size_t)p->n_nodes + 1, sizeof(int));
    s.line_cost = calloc((size_t)p->n_lines + 1, sizeof(double));
    s.best1 = calloc((size_t)p->n_lines + 1, sizeof(double));
    s.best2 = calloc((size_t)p->n_lines + 1, sizeof(double));
    s.best1_node = calloc((size_t)p->n_lines + 1, sizeof(int));
    s.estimate = calloc((size_t)p->n_nodes + 1, sizeof(double));
    s.cost_at = malloc(((size_t)p->n_lines + 1) * sizeof(double));
    s.moved = calloc((size_t)p->n_lines + 1, 1);
    for (int l = 0; s.cost_at && l < p->n_lines; l++)
        s.cost_at[l] = INFINITY;
    s.moves = calloc((size_t)p->n_nodes * (size_t)p->n_nodes + 1, sizeof(Move));
    s.seen = calloc(SEEN_SLOTS, sizeof(uint64_t));
    int rc = s.transport && s.trial && s.current && s.open && s.ranked && s.line_cost && s.best1 && s.best2 && s.best1_node &&
             s.estimate && s.cost_at && s.moved && s.moves && s.seen && !problem_candidates_by_node(p, &s.node_start, &s.node_cands) ? 0 : -1;
    if (rc == 0)
        rc = open_set_of_best(&s) < 0 || lagrangian_heuristic(&s, info, LAGRANGE_SHARE) < 0 ? -1 : 0;
    /* local search until it stalls, then the relaxation a little further and its open set anew */
    for (int stalls = 0; rc >= 0 && stalls < MAX_STALLS && !budget_expired(budget);) {
        rc = round_of_moves(&s);
        if (rc > 0)
            stalls = 0;
        else if (rc == 0)
            rc = lagrangian_heuristic(&s, info, RESTART_SHARE) < 0 ? -1 : 0, stalls++;
    }
    transport_free(s.transport);
    solution_free(s.trial);
    solution_free(s.current);
    free(s.open); free(s.ranked); free(s.node_start); free(s.node_cands); free(s.line_cost);
    free(s.best1); free(s.best2); free(s.best1_node); free(s.estimate); free(s.cost_at); free(s.moved); free(s.moves);
    free(s.seen);
    if (rc < 0)
        return src_error_set(err, "facility search: out of memory or a flow GLPK refused");
    return s.improved;
}

const Strategy STRATEGY_FACILITY = {"facility", facility_improve};
