/* bench_rpc: requests/s and p50/p99 latency of Solves of one batch against a running
 * `sourcing serve`, over the service's framing or over gRPC (HTTP/2), N connections each with K
 * requests in flight, for S seconds. One thread per connection (bench/rpc/load_*.c); every
 * answer is checked (OK, the expected total cost). Prints one line and appends one CSV row.
 * `--method health` calls Health instead (no solve, answered on the event loop): the cost of
 * the transport alone.
 *
 *   bench_rpc --framed|--grpc HOST:PORT --batch FILE --expect-total X
 *             [--connections N] [--inflight K] [--seconds S] [--deadline MS] [--csv FILE] [--run N]
 *   bench_rpc --framed|--grpc HOST:PORT --method health [...]
 *
 * Exit 0 when every answer was right, 1 when any failed or a connection broke, 2 bad usage. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "rpc/load.h"

typedef struct {
    LoadSettings s;
    LoadResult r;
    int grpc, rc;
} Worker;

typedef struct {
    const char *address, *batch, *csv;
    int grpc, health, connections, inflight, run;
    double seconds, expect_total;
    int deadline_ms;
} Args;

static int usage(const char *why)
{
    fprintf(stderr, "bench_rpc: %s\nusage: bench_rpc --framed|--grpc HOST:PORT --batch FILE --expect-total X "
            "[--method solve|health] [--connections N] [--inflight K] [--seconds S] [--deadline MS] [--csv FILE] [--run N]\n", why);
    return 2;
}

static int parse(int argc, char **argv, Args *a)
{
    *a = (Args){.connections = 1, .inflight = 1, .run = 1, .seconds = 3, .deadline_ms = 5000, .expect_total = -1};
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            return usage("every flag takes a value");
        i++;
        if (!strcmp(f, "--framed") || !strcmp(f, "--grpc")) {
            a->address = v;
            a->grpc = !strcmp(f, "--grpc");
        } else if (!strcmp(f, "--batch")) a->batch = v;
        else if (!strcmp(f, "--csv")) a->csv = v;
        else if (!strcmp(f, "--method") && (!strcmp(v, "solve") || !strcmp(v, "health")))
            a->health = !strcmp(v, "health");
        else if (!strcmp(f, "--connections")) a->connections = atoi(v);
        else if (!strcmp(f, "--inflight")) a->inflight = atoi(v);
        else if (!strcmp(f, "--run")) a->run = atoi(v);
        else if (!strcmp(f, "--seconds")) a->seconds = atof(v);
        else if (!strcmp(f, "--deadline")) a->deadline_ms = atoi(v);
        else if (!strcmp(f, "--expect-total")) a->expect_total = atof(v);
        else return usage("unknown flag");
    }
    if (!a->address || (!a->health && (!a->batch || a->expect_total < 0)))
        return usage("--framed or --grpc is required; for Solve, --batch and --expect-total too");
    if (a->connections < 1 || a->connections > 256 || a->inflight < 1 || a->inflight > LOAD_MAX_INFLIGHT ||
        !(a->seconds > 0 && a->seconds <= 3600) || a->deadline_ms < 1)
        return usage("--connections 1..256, --inflight 1..64, --seconds up to 3600, --deadline at least 1");
    return 0;
}

static void *run(void *arg)
{
    Worker *w = arg;
    w->rc = w->grpc ? load_grpc(&w->s, &w->r) : load_framed(&w->s, &w->r);
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(const double *v, int64_t n, double p)
{
    return n ? v[(int64_t)((double)(n - 1) * p + 0.5)] : 0;
}

/* Runs the workers; fills the totals; 1 when any answer failed or a connection broke. */
static int measure(const Args *a, Worker *w, double *all, int64_t *n, int64_t *answers,
                   int64_t *errors, double *elapsed, char *first_error, size_t size)
{
    pthread_t t[256];
    int64_t start = load_now_ns(), last = start;
    for (int i = 0; i < a->connections; i++)
        pthread_create(&t[i], NULL, run, &w[i]);
    int failed = 0;
    *n = *answers = *errors = 0;
    for (int i = 0; i < a->connections; i++) {
        pthread_join(t[i], NULL);
        LoadResult *r = &w[i].r;
        if ((w[i].rc < 0 || r->errors) && !failed++)
            snprintf(first_error, size, "%s", r->first_error);
        /* the samples gather at the front of `all`: worker i's block starts at
         * i * LOAD_MAX_SAMPLES >= *n, so the blocks not yet moved stay intact */
        memmove(all + *n, r->latency_ms, (size_t)r->samples * sizeof(double));
        *n += r->samples;
        *answers += r->completed;
        *errors += r->errors;
        if (r->finished_ns > last)
            last = r->finished_ns;
    }
    *elapsed = (double)(last - start) / 1e9;
    return failed != 0;
}

int main(int argc, char **argv)
{
    Args a;
    if (parse(argc, argv, &a))
        return 2;
    SrcError err;
    Sourcing__Batch empty = SOURCING__BATCH__INIT;
    Sourcing__Batch *batch = a.health ? &empty : src_read_batch(a.batch, &err);
    if (!batch) {
        fprintf(stderr, "bench_rpc: %s\n", err.message);
        return 2;
    }
    size_t len = a.health ? 0 : sourcing__batch__get_packed_size(batch);
    uint8_t *bytes = malloc(len ? len : 1);
    Worker *w = calloc((size_t)a.connections, sizeof *w);
    double *all = malloc((size_t)a.connections * LOAD_MAX_SAMPLES * sizeof(double));
    if (!bytes || !w || !all) {
        fprintf(stderr, "bench_rpc: out of memory\n");
        return 1;
    }
    if (!a.health)
        sourcing__batch__pack(batch, bytes);
    int64_t end = load_now_ns() + (int64_t)(a.seconds * 1e9);
    for (int i = 0; i < a.connections; i++) {
        w[i].s = (LoadSettings){.address = a.address, .health = a.health, .batch = batch, .batch_bytes = bytes, .batch_len = len,
                                .expect_total = a.expect_total, .inflight = a.inflight,
                                .deadline_ms = (uint32_t)a.deadline_ms, .end_ns = end};
        w[i].grpc = a.grpc;
        w[i].r.latency_ms = all + (size_t)i * LOAD_MAX_SAMPLES;
    }
    int64_t n, answers, errors;
    double elapsed;
    char first_error[256] = "";
    int failed = measure(&a, w, all, &n, &answers, &errors, &elapsed, first_error, sizeof first_error);
    qsort(all, (size_t)n, sizeof *all, by_value);
    double rps = elapsed > 0 ? (double)answers / elapsed : 0;
    double p50 = percentile(all, n, 0.50), p99 = percentile(all, n, 0.99);
    const char *transport = a.grpc ? "grpc" : "framed", *method = a.health ? "Health" : "Solve";
    printf("%-6s %-6s %3d conn x %2d in flight: %8.0f calls/s  p50 %7.3f ms  p99 %7.3f ms  (%lld answers, %lld errors)\n",
           transport, method, a.connections, a.inflight, rps, p50, p99, (long long)answers, (long long)errors);
    if (failed)
        fprintf(stderr, "bench_rpc: %s %s: %s\n", transport, a.address, first_error);
    if (a.csv) {
        FILE *f = fopen(a.csv, "a");
        if (!f || (ftell(f) == 0 && fprintf(f, "transport,method,connections,inflight,run,seconds,answers,errors,"
                                               "calls_per_s,p50_ms,p99_ms\n") < 0) ||
            fprintf(f, "%s,%s,%d,%d,%d,%.3f,%lld,%lld,%.1f,%.4f,%.4f\n", transport, method, a.connections, a.inflight, a.run,
                    elapsed, (long long)answers, (long long)errors, rps, p50, p99) < 0) {
            fprintf(stderr, "bench_rpc: cannot write %s\n", a.csv);
            failed = 1;
        }
        if (f)
            fclose(f);
    }
    free(all);
    free(w);
    free(bytes);
    if (!a.health)
        src_batch_free(batch);
    return failed ? 1 : 0;
}
