/* Transportation LP benchmark: what one evaluation of an open set costs the facility search.
 * Opens a seeded random set of nodes with room for the demand, then toggles one node at a time
 * (the search's moves), solving the transportation LP after each; prints the median and total
 * time per evaluation and the sum of the costs (equal sums: the same plans, so two builds can be
 * compared on the same walk).
 * usage: bench_transport BATCH [--moves N] [--seed S]   (BATCH facility-style, e.g. an import of capa) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "budget.h"
#include "problem.h"
#include "solution.h"
#include "transport.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Opens random nodes until the open ones' unit capacity covers 1.3 x the demand. */
static void random_open_set(const Problem *p, unsigned char *open, unsigned *seed)
{
    double demand = 0, room = 0;
    for (int l = 0; l < p->n_lines; l++)
        demand += (double)p->lines[l].quantity;
    while (room < 1.3 * demand) {
        int n = (int)(rand_r(seed) % (unsigned)p->n_nodes);
        if (!open[n]) {
            open[n] = 1;
            room += p->nodes[n].max_units > 0 ? (double)p->nodes[n].max_units : demand;
        }
    }
}

int main(int argc, char **argv)
{
    int moves = 50;
    unsigned seed = 1;
    if (argc < 2) {
        fprintf(stderr, "usage: bench_transport BATCH [--moves N] [--seed S]\n");
        return 2;
    }
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--moves"))
            moves = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--seed"))
            seed = (unsigned)atoi(argv[i + 1]);
    }
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(argv[1], &err);
    Problem *p = b ? problem_build(b, 0, &err) : NULL;
    if (!p || !problem_is_facility_style(p)) {
        fprintf(stderr, "%s: %s\n", argv[1], p ? "not facility-style" : err.message);
        return 1;
    }
    unsigned char *open = calloc((size_t)p->n_nodes, 1);
    double *seconds = calloc((size_t)moves + 1, sizeof(double));
    Transport *t = transport_new(p);
    Solution *s = solution_new(p);
    random_open_set(p, open, &seed);
    double total = 0, cost_sum = 0;
    for (int m = 0; m <= moves; m++) {
        double start = src_now();
        if (transport_solve(t, open, 60, s)) {
            fprintf(stderr, "evaluation %d failed\n", m);
            return 1;
        }
        seconds[m] = src_now() - start;
        total += seconds[m], cost_sum += s->cost;
        open[rand_r(&seed) % (unsigned)p->n_nodes] ^= 1;
    }
    qsort(seconds, (size_t)moves + 1, sizeof *seconds, by_value);
    printf("evaluations %d  median %.2f ms  first-to-last total %.3f s  cost sum %.4f\n", moves + 1,
           seconds[moves / 2] * 1e3, total, cost_sum);
    transport_free(t);
    solution_free(s);
    problem_free(p);
    src_batch_free(b);
    free(open);
    free(seconds);
    return 0;
}
