/* Solver benchmarks: generated batches of growing size, each solved several times per strategy;
 * prints the median wall time of src_solve, the median and worst plan cost (time-bounded runs vary),
 * the status, and the process's peak RSS.
 * usage: bench_solve [--quick]. Times are machine-dependent: compare rows of one run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "generate.h"
#include "sourcing.h"

typedef struct Case {
    int orders, nodes;
    const char *strategy;
    double time_limit;
    int repeats;
} Case;

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

static void run_case(const Case *c)
{
    SrcGenParams params = {.orders = c->orders, .nodes = c->nodes, .seed = 7};
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_generate(&params, &err);
    if (!batch) {
        printf("generate failed: %s\n", err.message);
        return;
    }
    double times[16], costs[16];
    const char *status = "?", *method = "?";
    Sourcing__Plan *plan = NULL;
    for (int r = 0; r < c->repeats && r < 16; r++) {
        SrcOptions o;
        src_options_init(&o);
        o.strategy = c->strategy;
        o.time_limit = c->time_limit;
        src_plan_free(plan);
        plan = NULL;
        double t = src_monotonic_now();
        if (src_solve(batch, &o, &plan, &err) != SRC_OK) {
            printf("solve failed: %s\n", err.message);
            break;
        }
        times[r] = src_monotonic_now() - t;
        costs[r] = plan->costs->total;
        status = protobuf_c_enum_descriptor_get_value(&sourcing__plan_status__descriptor, plan->status)->name;
        method = plan->method;
    }
    qsort(times, (size_t)c->repeats, sizeof times[0], by_value);
    qsort(costs, (size_t)c->repeats, sizeof costs[0], by_value);
    printf("%7d %6d  %-7s %6.1f  %9.3f  %14.2f  %14.2f  %-9s %-22s %6ld\n", c->orders, c->nodes, c->strategy,
           c->time_limit, times[c->repeats / 2], costs[c->repeats / 2], costs[c->repeats - 1], status, method,
           peak_rss_mb());
    fflush(stdout);
    src_plan_free(plan);
    src_batch_free(batch);
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && !strcmp(argv[1], "--quick");
    static const Case cases[] = {
        {100, 50, "greedy", 5, 5},   {1000, 50, "greedy", 5, 5},   {1000, 200, "greedy", 5, 5},
        {10000, 200, "greedy", 5, 3}, {100, 200, "auto", 5, 3},    {1000, 200, "auto", 5, 3},
        {3000, 200, "auto", 5, 3},   {10000, 200, "auto", 5, 3},
    };
    printf("# median wall seconds and median and worst cost of src_solve over repeated runs (batch\n"
           "# generated in memory, seed 7); status and method of the last run; rss = process peak so far\n");
    printf("%7s %6s  %-7s %6s  %9s  %14s  %14s  %-9s %-22s %6s\n", "orders", "nodes", "strat", "limit", "median_s",
           "median_cost", "worst_cost", "status", "method", "rss_mb");
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        if (quick && cases[k].orders > 1000)
            continue;
        run_case(&cases[k]);
    }
    src_thread_cleanup();
    return 0;
}
