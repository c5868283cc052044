/* The min-cost flow of a facility-style problem for a set of open nodes (see transport.h). */
#include "transport.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Scaled costs stay below this, well inside the integers RELAX-IV works with. */
#define COST_SCALE_TOP 1e7
/* A unit left unfilled costs at most this many times the dearest unit shipped in the flow: enough
 * that the flow ships whatever it can ship, while the scale keeps shipping costs distinct. */
#define UNFILLED_CAP_FACTOR 10.0

typedef struct ArcData {
    double low, cap, cost, x;
} ArcData;

struct Transport {
    const Problem *p;
    int *node_start, *node_cands;   /* candidates of each node */
    glp_arc **cell_arc;             /* per cell of the last flow, NULL = none */
    int *slot_vertex, *node_vertex; /* per slot / node in the last flow, 0 = none */
    long n_cells;
    double scale, unfilled_cap;
    int64_t *units;                 /* per line of one order */
};

static double cell_cost(const Problem *p, const PCandidate *c, int i)
{
    const PLine *line = &p->lines[p->orders[c->order].first_line + i];
    return cand_unit_costs(p, c)[i] + p->options[c->first_option].cost_per_kg * line->unit_weight_kg;
}

/* The largest unit cost sets the unfilled cap and the integer scale. */
static void choose_scale(Transport *t)
{
    const Problem *p = t->p;
    double dearest = 1e-9;
    for (int k = 0; k < p->n_cands; k++)
        for (int i = 0; i < p->orders[p->cands[k].order].n_lines; i++)
            dearest = fmax(dearest, cell_cost(p, &p->cands[k], i));
    t->unfilled_cap = UNFILLED_CAP_FACTOR * dearest;
    t->scale = COST_SCALE_TOP / t->unfilled_cap;
}

Transport *transport_new(const Problem *p)
{
    Transport *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->p = p;
    const PCandidate *last = p->n_cands ? &p->cands[p->n_cands - 1] : NULL;
    t->n_cells = last ? last->first_cell + p->orders[last->order].n_lines : 0;
    t->node_start = calloc((size_t)p->n_nodes + 2, sizeof(int));
    t->node_cands = calloc((size_t)p->n_cands + 1, sizeof(int));
    t->cell_arc = calloc((size_t)t->n_cells + 1, sizeof(glp_arc *));
    t->slot_vertex = calloc((size_t)p->n_slots + 1, sizeof(int));
    t->node_vertex = calloc((size_t)p->n_nodes + 1, sizeof(int));
    t->units = calloc((size_t)p->n_lines + 1, sizeof(int64_t));
    if (!t->node_start || !t->node_cands || !t->cell_arc || !t->slot_vertex || !t->node_vertex || !t->units) {
        transport_free(t);
        return NULL;
    }
    for (int k = 0; k < p->n_cands; k++)
        t->node_start[p->cands[k].node + 2]++;
    for (int n = 0; n < p->n_nodes; n++)
        t->node_start[n + 2] += t->node_start[n + 1];
    for (int k = 0; k < p->n_cands; k++)
        t->node_cands[t->node_start[p->cands[k].node + 1]++] = k;
    choose_scale(t);
    return t;
}

void transport_free(Transport *t)
{
    if (!t)
        return;
    free(t->node_start); free(t->node_cands); free(t->cell_arc); free(t->slot_vertex);
    free(t->node_vertex); free(t->units);
    free(t);
}

static glp_arc *add_arc(glp_graph *g, int from, int to, double cap, double cost)
{
    glp_arc *a = glp_add_arc(g, from, to);
    *(ArcData *)a->data = (ArcData){.low = 0, .cap = cap, .cost = cost};
    return a;
}

static int add_vertex(glp_graph *g, double rhs)
{
    int v = glp_add_vertices(g, 1);
    *(double *)g->v[v]->data = rhs;
    return v;
}

/* The vertex stock slot s of candidate c's node draws from (made on first use). */
static int slot_vertex(Transport *t, glp_graph *g, const PCandidate *c, int slot)
{
    const Problem *p = t->p;
    if (t->slot_vertex[slot])
        return t->slot_vertex[slot];
    int64_t cap = p->nodes[c->node].max_units;
    if (cap > 0 && !t->node_vertex[c->node]) {
        t->node_vertex[c->node] = add_vertex(g, 0);
        add_arc(g, 1, t->node_vertex[c->node], (double)cap, 0);
    }
    int v = t->slot_vertex[slot] = add_vertex(g, 0);
    add_arc(g, cap > 0 ? t->node_vertex[c->node] : 1, v, (double)p->stock[slot], 0);
    return v;
}

/* The network for the open nodes: vertex 1 is the source, then one vertex per line, then node and
 * slot vertices as they are first used. */
static glp_graph *build_network(Transport *t, const unsigned char *open)
{
    const Problem *p = t->p;
    glp_graph *g = glp_create_graph(sizeof(double), sizeof(ArcData));
    double demand = 0;
    add_vertex(g, 0);
    for (int l = 0; l < p->n_lines; l++) {
        double q = (double)p->lines[l].quantity;
        demand += q;
        add_vertex(g, -q);
        add_arc(g, 1, 2 + l, q, round(fmin(p->lines[l].unfilled_cost, t->unfilled_cap) * t->scale));
    }
    *(double *)g->v[1]->data = demand;
    memset(t->slot_vertex, 0, (size_t)p->n_slots * sizeof(int));
    memset(t->node_vertex, 0, (size_t)p->n_nodes * sizeof(int));
    memset(t->cell_arc, 0, (size_t)t->n_cells * sizeof(glp_arc *));
    for (int n = 0; n < p->n_nodes; n++) {
        if (p->nodes[n].activation_cost > 0 && !open[n])
            continue;
        for (int j = t->node_start[n]; j < t->node_start[n + 1]; j++) {
            const PCandidate *c = &p->cands[t->node_cands[j]];
            const POrder *order = &p->orders[c->order];
            for (int i = 0; i < order->n_lines; i++) {
                double ub = cand_cell_upper(p, c, i);
                if (ub <= 0)
                    continue;
                int from = slot_vertex(t, g, c, cand_slots(p, c)[i]);
                t->cell_arc[c->first_cell + i] =
                    add_arc(g, from, 2 + order->first_line + i, ub, round(cell_cost(p, c, i) * t->scale));
            }
        }
    }
    return g;
}

/* Reads the flow into s: one shipment per candidate that carries units. */
static int read_flow(Transport *t, Solution *s)
{
    const Problem *p = t->p;
    for (int o = 0; o < p->n_orders; o++)
        solution_clear_order(s, o);
    for (int k = 0; k < p->n_cands; k++) {
        const PCandidate *c = &p->cands[k];
        int64_t total = 0;
        for (int i = 0; i < p->orders[c->order].n_lines; i++) {
            glp_arc *a = t->cell_arc[c->first_cell + i];
            t->units[i] = a ? (int64_t)llround(((ArcData *)a->data)->x) : 0;
            total += t->units[i];
        }
        if (total > 0 && solution_add(s, c->order, k, c->first_option, t->units))
            return -1;
    }
    return 0;
}

int transport_solve(Transport *t, const unsigned char *open, Solution *s)
{
    glp_graph *g = build_network(t, open);
    double total;
    int rc = glp_mincost_relax4(g, 0, offsetof(ArcData, low), offsetof(ArcData, cap), offsetof(ArcData, cost), 0,
                                &total, offsetof(ArcData, x), -1);
    if (rc == 0)
        rc = read_flow(t, s);
    glp_delete_graph(g);
    return rc == 0 ? 0 : -1;
}
