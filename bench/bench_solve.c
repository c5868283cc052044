/* Solver benchmarks: generated batches of growing size, each solved several times per strategy;
 * prints the median wall time of src_solve, the median and worst plan cost (time-bounded runs vary),
 * the status, and the process's peak RSS.
 * usage: bench_solve [--quick] [--sizes OxN[,OxN...]] [--limit SEC] [--repeats N] [--csv FILE]
 *   --quick    only the built-in cases of 1 000 orders or fewer
 *   --sizes    instead of the built-in cases: greedy and auto on each ORDERS x NODES batch, with
 *              --limit (default 5) seconds and --repeats (default 3) runs each
 *   --csv      also appends one row per run to FILE, in the columns of bench/run.sh's results.csv
 *              (section "solve"; rss_mb there is the process's peak so far, as printed)
 * Times are machine-dependent: compare rows of one run. */
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

static void csv_row(FILE *csv, const Case *c, const Sourcing__Batch *batch, int run, double seconds,
                    const Sourcing__Plan *plan, const char *status)
{
    fprintf(csv, "solve,%s,%d,%d,%s,%g,%d,%.6f,%.4f,%s,", batch->name ? batch->name : "", c->orders, c->nodes,
            c->strategy, c->time_limit, run, seconds, plan->costs->total, status);
    if (plan->has_best_bound)
        fprintf(csv, "%.4f", plan->best_bound);
    fputc(',', csv);
    if (plan->has_gap)
        fprintf(csv, "%.6g", plan->gap);
    fprintf(csv, ",%ld,\n", peak_rss_mb());
    fflush(csv);
}

static void run_case(const Case *c, FILE *csv)
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
        if (csv)
            csv_row(csv, c, batch, r + 1, times[r], plan, status);
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

static void usage(void)
{
    fprintf(stderr, "usage: bench_solve [--quick] [--sizes OxN[,OxN...]] [--limit SEC] [--repeats N] [--csv FILE]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int quick = 0, repeats = 3;
    double limit = 5;
    const char *sizes = NULL, *csv_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick"))
            quick = 1;
        else if (!strcmp(argv[i], "--sizes") && i + 1 < argc)
            sizes = argv[++i];
        else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
            limit = atof(argv[++i]);
        else if (!strcmp(argv[i], "--repeats") && i + 1 < argc)
            repeats = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
            csv_path = argv[++i];
        else
            usage();
    }
    if (repeats < 1 || repeats > 16 || !(limit > 0))
        usage();
    /* greedy at every size that auto runs at, so the two costs can be compared (bench/run.sh's chart) */
    static const Case builtin[] = {
        {100, 50, "greedy", 5, 5},    {1000, 50, "greedy", 5, 5},   {100, 200, "greedy", 5, 5},
        {1000, 200, "greedy", 5, 5},  {3000, 200, "greedy", 5, 5},  {10000, 200, "greedy", 5, 3},
        {100, 200, "auto", 5, 3},     {1000, 200, "auto", 5, 3},    {3000, 200, "auto", 5, 3},
        {10000, 200, "auto", 5, 3},
    };
    Case given[64];
    const Case *cases = builtin;
    size_t n_cases = sizeof builtin / sizeof builtin[0];
    if (sizes) {
        size_t n = 0;
        for (const char *p = sizes; *p;) {
            int orders, nodes, used;
            if (sscanf(p, "%dx%d%n", &orders, &nodes, &used) != 2 || orders < 1 || nodes < 1 || n + 2 > 64)
                usage();
            given[n++] = (Case){orders, nodes, "greedy", limit, repeats};
            given[n++] = (Case){orders, nodes, "auto", limit, repeats};
            p += used;
            if (*p == ',')
                p++;
            else if (*p)
                usage();
        }
        /* greedy rows first, as in the built-in table */
        Case sorted[64];
        size_t m = 0;
        for (size_t k = 0; k < n; k += 2)
            sorted[m++] = given[k];
        for (size_t k = 1; k < n; k += 2)
            sorted[m++] = given[k];
        memcpy(given, sorted, n * sizeof given[0]);
        cases = given;
        n_cases = n;
    }
    FILE *csv = NULL;
    if (csv_path && !(csv = fopen(csv_path, "a"))) {
        perror(csv_path);
        return 2;
    }
    printf("# median wall seconds and median and worst cost of src_solve over repeated runs (batch\n"
           "# generated in memory, seed 7); status and method of the last run; rss = process peak so far\n");
    printf("%7s %6s  %-7s %6s  %9s  %14s  %14s  %-9s %-22s %6s\n", "orders", "nodes", "strat", "limit", "median_s",
           "median_cost", "worst_cost", "status", "method", "rss_mb");
    for (size_t k = 0; k < n_cases; k++) {
        if (quick && cases[k].orders > 1000)
            continue;
        run_case(&cases[k], csv);
    }
    if (csv && fclose(csv) != 0) {
        perror(csv_path);
        return 1;
    }
    src_thread_cleanup();
    return 0;
}
