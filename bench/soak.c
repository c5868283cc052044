/* `make soak`: a bounded soak of the service on loopback. It starts `sourcing serve`, runs N
 * connections (threads, the C client library) for --seconds with a mix of valid solves,
 * cancels, expired and over-a-day deadlines and every bad input of issue 12 (oversized and
 * garbage frames, unknown method, invalid batch, reused in-flight id, NUL in strings, a
 * slowloris partial frame, a client that never reads), then SIGTERM in the middle of a last
 * round. Every request that expects an answer is tracked by id: it reports requests sent and
 * answered, lost (never answered) and duplicated (answered more often than expected), p50/p99
 * of valid solves, the server's RSS after the warm-up and at the end (both measured with the
 * load paused and nothing in flight), and exits 1 on any loss, duplicate, wrong status, RSS end
 * over start + 10% (unless --no-rss-check) or unclean server exit.
 *
 *   build/bench/soak [--seconds S] [--connections N] [--threads T] [--warmup S] [--no-rss-check]
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch_io.h"
#include "client.h"
#include "frame.h"
#include "service.pb-c.h"

#define CALL_TIMEOUT_MS 120000        /* bounds every wait: answers come long before */
#define MAX_EXPECT 8
#define FRAME_TIMEOUT_S 2             /* the server's --frame-timeout: slowloris is cut off then */

typedef enum Kind {
    K_SOLVE, K_CANCEL, K_EXPIRED, K_LONG_DEADLINE, K_UNKNOWN_METHOD, K_INVALID_BATCH, K_REUSED_ID,
    K_NUL_BATCH, K_OVERSIZED, K_GARBAGE, K_NUL_METHOD, K_SLOWLORIS, K_NEVER_READS, K_FINAL, K_N
} Kind;

static const char *const KIND_NAMES[K_N] = {
    "valid solve", "cancel", "expired deadline", "deadline over 24 h", "unknown method",
    "invalid batch", "reused in-flight id", "NUL in a batch string", "oversized frame",
    "garbage frame", "NUL in the method", "slowloris partial frame", "client that never reads",
    "in flight at SIGTERM"};
static const int WEIGHTS[K_FINAL] = {50, 6, 6, 4, 4, 4, 3, 4, 3, 3, 3, 1, 2};

typedef struct Totals {
    long sent, answered, lost, duplicated, wrong, abandoned, shed;
    long by_kind[K_N];
} Totals;

typedef struct Expect {
    uint64_t id;
    int left;                         /* answers still expected with this id */
    Kind kind;
    unsigned allowed;                 /* status codes accepted (bit per code) */
    double sent_at;
} Expect;

typedef struct Worker {
    pthread_t thread;
    int index;
    unsigned seed;
    SrvClient *c;
    uint64_t next_id;
    Expect expect[MAX_EXPECT];
    int n_expect;
    Totals t;
    double *latency_ms;
    size_t n_latency, cap_latency;
} Worker;

static char server_address[64];
static pid_t server_pid;
static Sourcing__Batch *small_batch, *hard_batch, *invalid_batch;
static atomic_int stop_load, pause_load, paused, final_round, final_sent;

#define BIT(code) (1u << (code))
#define ANY 0xffffffffu

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

/* ------------------------------------------------------------------ the server */

static int start_server(const char *binary, int threads, const char *dir)
{
    char port_file[512], log[512], threads_text[16], frame_timeout[16];
    snprintf(port_file, sizeof port_file, "%s/port", dir);
    snprintf(log, sizeof log, "%s/server.log", dir);
    snprintf(threads_text, sizeof threads_text, "%d", threads);
    snprintf(frame_timeout, sizeof frame_timeout, "%d", FRAME_TIMEOUT_S);
    server_pid = fork();
    if (server_pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 2);
        execl(binary, binary, "serve", "--listen", "127.0.0.1:0", "--port-file", port_file,
              "--threads", threads_text, "--frame-timeout", frame_timeout, "--grace", "5",
              "--quiet", (char *)NULL);
        _exit(127);
    }
    for (int waited = 0; server_pid > 0 && waited < 30000; waited += 20) {
        FILE *f = fopen(port_file, "r");
        int port = 0;
        if (f && fscanf(f, "%d", &port) == 1) {
            fclose(f);
            snprintf(server_address, sizeof server_address, "127.0.0.1:%d", port);
            return 0;
        }
        if (f)
            fclose(f);
        sleep_ms(20);
    }
    return -1;
}

/* A field of the server's /proc status in KiB. */
static long server_kb(const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)server_pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, field, strlen(field)) && line[strlen(field)] == ':')
            kb = atol(line + strlen(field) + 1);
    if (f)
        fclose(f);
    return kb;
}

/* ------------------------------------------------------------------ requests on the main connection */

static void expect(Worker *w, uint64_t id, int count, Kind kind, unsigned allowed)
{
    w->expect[w->n_expect++] = (Expect){id, count, kind, allowed, now_s()};
    w->t.sent += count;
    w->t.by_kind[kind] += count;
}

/* A Request frame with raw payload bytes (payload NULL: none), sent as it is. */
static int send_bytes(Worker *w, uint64_t id, const char *method, uint32_t deadline_ms,
                      const uint8_t *payload, size_t len)
{
    Sourcing__Request req = SOURCING__REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = id;
    req.method = (char *)method;
    req.has_deadline_ms = deadline_ms > 0;
    req.deadline_ms = deadline_ms;
    req.has_payload = payload != NULL;
    req.payload.data = (uint8_t *)payload;
    req.payload.len = len;
    size_t n = 0;
    uint8_t *frame = frame_pack(&req.base, &n);
    SrcError err = {{0}};
    int rc = frame ? srv_client_send_raw(w->c, frame, n, &err) : -1;
    free(frame);
    return rc;
}

static int send_solve(Worker *w, uint64_t id, const Sourcing__Batch *batch, uint32_t deadline_ms)
{
    SrcError err = {{0}};
    return srv_client_send(w->c, id, "Solve", deadline_ms, &batch->base, &err);
}

static void keep_latency(Worker *w, double ms)
{
    if (w->n_latency == w->cap_latency) {
        size_t cap = w->cap_latency ? 2 * w->cap_latency : 1024;
        double *grown = realloc(w->latency_ms, cap * sizeof *grown);
        if (!grown)
            return;
        w->latency_ms = grown;
        w->cap_latency = cap;
    }
    w->latency_ms[w->n_latency++] = ms;
}

/* Matches one answer to what is expected: counts it, or counts a duplicate. */
static void take_answer(Worker *w, const Sourcing__Response *r)
{
    for (int i = 0; i < w->n_expect; i++) {
        Expect *e = &w->expect[i];
        if (e->id != r->request_id || e->left == 0)
            continue;
        e->left--;
        w->t.answered++;
        int status = r->has_status ? (int)r->status : 0;
        if (status < 0 || status > 31 || !(e->allowed & BIT(status))) {
            w->t.wrong++;
            fprintf(stderr, "soak: %s id %llu answered status %d: %s\n", KIND_NAMES[e->kind],
                    (unsigned long long)r->request_id, status, r->message ? r->message : "");
        }
        if (e->kind == K_SOLVE && status == SOURCING__STATUS_CODE__OK)
            keep_latency(w, (now_s() - e->sent_at) * 1000);
        else if (e->kind == K_SOLVE && status == SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED)
            w->t.shed++;
        return;
    }
    w->t.duplicated++;
    fprintf(stderr, "soak: connection %d: an answer for id %llu that nothing expects (status %d)\n",
            w->index, (unsigned long long)r->request_id, r->has_status ? (int)r->status : 0);
}

static int expected_left(const Worker *w)
{
    int n = 0;
    for (int i = 0; i < w->n_expect; i++)
        n += w->expect[i].left;
    return n;
}

/* Reads answers until every expected one came; what never comes is lost. The connection is
 * replaced when it failed. */
static void collect(Worker *w)
{
    SrcError err = {{0}};
    while (expected_left(w) > 0) {
        Sourcing__Response *r = srv_client_read(w->c, CALL_TIMEOUT_MS, &err);
        if (!r)
            break;
        take_answer(w, r);
        srv_response_free(r);
    }
    int left = expected_left(w);
    if (left > 0 && !atomic_load(&final_round)) {
        fprintf(stderr, "soak: connection %d: %d answers lost (%s)\n", w->index, left, err.message);
        w->t.lost += left;
    } else if (left > 0) {
        w->t.lost += left;
        fprintf(stderr, "soak: connection %d: %d answers lost at shutdown (%s)\n", w->index, left, err.message);
    }
    w->n_expect = 0;
    if (left > 0 && !atomic_load(&final_round)) {
        srv_client_close(w->c);
        w->c = srv_client_connect(server_address, 10000, &err);
    }
}

/* ------------------------------------------------------------------ the mix */

static const unsigned SOLVE_OK = BIT(SOURCING__STATUS_CODE__OK) | BIT(SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED);

static void do_solves(Worker *w)
{
    int n = 1 + (int)(rand_r(&w->seed) % 3);
    for (int i = 0; i < n; i++) {
        uint64_t id = ++w->next_id;
        if (send_solve(w, id, small_batch, 30000) == 0)
            expect(w, id, 1, K_SOLVE, SOLVE_OK);
    }
}

static void do_cancel(Worker *w)
{
    uint64_t solve = ++w->next_id, cancel = ++w->next_id;
    if (send_solve(w, solve, hard_batch, 0) < 0)
        return;
    expect(w, solve, 1, K_CANCEL, BIT(SOURCING__STATUS_CODE__CANCELLED) | SOLVE_OK);
    sleep_ms(1 + (int)(rand_r(&w->seed) % 50));
    Sourcing__CancelRequest req = SOURCING__CANCEL_REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = solve;
    SrcError err = {{0}};
    if (srv_client_send(w->c, cancel, "Cancel", 0, &req.base, &err) == 0)
        expect(w, cancel, 1, K_CANCEL, BIT(SOURCING__STATUS_CODE__OK));
}

static void do_main_connection_kind(Worker *w, Kind kind)
{
    uint64_t id = ++w->next_id;
    static const uint8_t nul_batch[] = {0x2a, 0x05, 0x0a, 0x03, 'a', 0x00, 'b'};  /* orders[0].id "a\0b" */
    switch (kind) {
    case K_SOLVE: do_solves(w); break;
    case K_CANCEL: do_cancel(w); break;
    case K_EXPIRED:
        if (send_solve(w, id, small_batch, 1) == 0)
            expect(w, id, 1, kind, BIT(SOURCING__STATUS_CODE__DEADLINE_EXCEEDED) | SOLVE_OK);
        break;
    case K_LONG_DEADLINE:
        if (send_solve(w, id, small_batch, 90000000u) == 0)          /* 25 h: clamped to 24 h */
            expect(w, id, 1, kind, SOLVE_OK);
        break;
    case K_UNKNOWN_METHOD:
        if (send_bytes(w, id, "Frobnicate", 0, NULL, 0) == 0)
            expect(w, id, 1, kind, BIT(SOURCING__STATUS_CODE__UNIMPLEMENTED));
        break;
    case K_INVALID_BATCH:
        if (send_solve(w, id, invalid_batch, 30000) == 0)
            expect(w, id, 1, kind, BIT(SOURCING__STATUS_CODE__INVALID_ARGUMENT) | SOLVE_OK);
        break;
    case K_REUSED_ID:                                  /* two answers for one id: refusal, then its own */
        if (send_solve(w, id, hard_batch, 400) == 0 && send_solve(w, id, small_batch, 400) == 0)
            expect(w, id, 2, kind, BIT(SOURCING__STATUS_CODE__INVALID_ARGUMENT) |
                                   BIT(SOURCING__STATUS_CODE__DEADLINE_EXCEEDED) | SOLVE_OK);
        break;
    case K_NUL_BATCH:
        if (send_bytes(w, id, "Solve", 0, nul_batch, sizeof nul_batch) == 0)
            expect(w, id, 1, kind, BIT(SOURCING__STATUS_CODE__INVALID_ARGUMENT) | BIT(SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED));
        break;
    default: break;
    }
}

/* Bad inputs that end their connection or carry no usable id: each on a connection of its own;
 * one answer expected (none for the client that never reads, whose requests are abandoned). */
static void do_own_connection_kind(Worker *w, Kind kind)
{
    SrcError err = {{0}};
    SrvClient *c = srv_client_connect(server_address, 10000, &err);
    if (!c) {
        fprintf(stderr, "soak: connect for %s: %s\n", KIND_NAMES[kind], err.message);
        w->t.wrong++;
        return;
    }
    static const uint8_t oversized[5] = {0, 0x7f, 0xff, 0xff, 0xff}, garbage[9] = {5, 0, 0, 0, 4, 'j', 'u', 'n', 'k'};
    static const uint8_t partial[3] = {0, 0, 0};
    static const uint8_t nul_method[] = {0, 0, 0, 0, 8, 0x08, 0x01, 0x12, 0x04, 'S', 'o', 0x00, 'l'};
    unsigned allowed = 0;
    int rc = 0;
    switch (kind) {
    case K_OVERSIZED: rc = srv_client_send_raw(c, oversized, sizeof oversized, &err); allowed = BIT(SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED); break;
    case K_GARBAGE: rc = srv_client_send_raw(c, garbage, sizeof garbage, &err); allowed = BIT(SOURCING__STATUS_CODE__INVALID_ARGUMENT); break;
    case K_NUL_METHOD: rc = srv_client_send_raw(c, nul_method, sizeof nul_method, &err); allowed = BIT(SOURCING__STATUS_CODE__INVALID_ARGUMENT); break;
    case K_SLOWLORIS: rc = srv_client_send_raw(c, partial, sizeof partial, &err); allowed = BIT(SOURCING__STATUS_CODE__DEADLINE_EXCEEDED); break;
    default:                                           /* K_NEVER_READS */
        w->t.by_kind[kind]++;
        for (int i = 0; i < 20; i++)
            if (srv_client_send(c, (uint64_t)i + 1, "Solve", 5000, &small_batch->base, &err) == 0)
                w->t.abandoned++;
        sleep_ms(200);
        srv_client_close(c);
        return;
    }
    w->t.by_kind[kind]++;
    w->t.sent++;
    Sourcing__Response *r = rc == 0 ? srv_client_read(c, CALL_TIMEOUT_MS, &err) : NULL;
    int status = r && r->has_status ? (int)r->status : -1;
    if (!r) {
        w->t.lost++;
        fprintf(stderr, "soak: %s: no answer (%s)\n", KIND_NAMES[kind], err.message);
    } else {
        w->t.answered++;
        if (!(allowed & BIT(status))) {
            w->t.wrong++;
            fprintf(stderr, "soak: %s answered status %d: %s\n", KIND_NAMES[kind], status, r->message);
        }
    }
    srv_response_free(r);
    srv_client_close(c);
}

static Kind pick(Worker *w)
{
    int total = 0;
    for (int k = 0; k < K_FINAL; k++)
        total += WEIGHTS[k];
    int x = (int)(rand_r(&w->seed) % (unsigned)total);
    for (int k = 0; k < K_FINAL; k++)
        if ((x -= WEIGHTS[k]) < 0)
            return (Kind)k;
    return K_SOLVE;
}

/* The last round: solves in flight when SIGTERM comes must still be answered (OK, or
 * UNAVAILABLE when they had not started), then the server closes the connection. */
static void final_requests(Worker *w)
{
    unsigned any_end = SOLVE_OK | BIT(SOURCING__STATUS_CODE__UNAVAILABLE) | BIT(SOURCING__STATUS_CODE__CANCELLED) |
                       BIT(SOURCING__STATUS_CODE__DEADLINE_EXCEEDED);
    for (int i = 0; i < 3; i++) {
        uint64_t id = ++w->next_id;
        if (send_solve(w, id, i == 0 ? hard_batch : small_batch, 0) == 0)
            expect(w, id, 1, K_FINAL, any_end);
    }
    atomic_fetch_add(&final_sent, 1);
    collect(w);
    SrcError err = {{0}};
    Sourcing__Response *extra;                        /* nothing more may come before the close */
    while ((extra = srv_client_read(w->c, CALL_TIMEOUT_MS, &err)) != NULL) {
        take_answer(w, extra);
        srv_response_free(extra);
    }
}

static void *run_worker(void *arg)
{
    Worker *w = arg;
    SrcError err = {{0}};
    w->c = srv_client_connect(server_address, 10000, &err);
    while (w->c && !atomic_load(&stop_load)) {
        if (atomic_load(&pause_load)) {
            atomic_fetch_add(&paused, 1);
            while (atomic_load(&pause_load))
                sleep_ms(10);
            atomic_fetch_sub(&paused, 1);
            continue;
        }
        Kind kind = pick(w);
        if (kind >= K_OVERSIZED)
            do_own_connection_kind(w, kind);
        else
            do_main_connection_kind(w, kind);
        collect(w);
    }
    if (w->c) {
        atomic_fetch_add(&paused, 1);                  /* waits for the final round */
        while (!atomic_load(&final_round))
            sleep_ms(10);
        final_requests(w);
        srv_client_close(w->c);
    }
    return NULL;
}

/* ------------------------------------------------------------------ phases and report */

/* Pauses every worker between two requests; RSS in KiB once nothing is in flight. */
static long quiet_rss(int n_workers)
{
    atomic_store(&pause_load, 1);
    for (int waited = 0; atomic_load(&paused) < n_workers && waited < CALL_TIMEOUT_MS; waited += 10)
        sleep_ms(10);
    sleep_ms(500);                                     /* the server's heap trim after closes */
    return server_kb("VmRSS");
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static Sourcing__Batch *read_batch(const char *name, double time_limit)
{
    char path[256];
    snprintf(path, sizeof path, "tests/data/server/%s", name);
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(path, &err);
    if (!b) {
        fprintf(stderr, "soak: %s\n", err.message);
        return NULL;
    }
    if (!b->options) {
        b->options = malloc(sizeof *b->options);
        sourcing__solve_options__init(b->options);
    }
    b->options->has_time_limit = 1;
    b->options->time_limit = time_limit;
    return b;
}

typedef struct Options {
    int seconds, connections, threads, warmup, rss_check;
} Options;

static int parse(int argc, char **argv, Options *o)
{
    *o = (Options){600, 32, 2, -1, 1};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--no-rss-check"))
            o->rss_check = 0;
        else if (i + 1 < argc && !strcmp(argv[i], "--seconds"))
            o->seconds = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--connections"))
            o->connections = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--threads"))
            o->threads = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--warmup"))
            o->warmup = atoi(argv[++i]);
        else
            return -1;
    }
    if (o->warmup < 0)
        o->warmup = o->seconds / 10 < 30 ? o->seconds / 10 : 30;
    return o->seconds >= 5 && o->connections >= 1 && o->connections <= 1000 && o->threads >= 1 ? 0 : -1;
}

static void add_totals(Totals *sum, const Totals *t)
{
    sum->sent += t->sent;
    sum->answered += t->answered;
    sum->lost += t->lost;
    sum->duplicated += t->duplicated;
    sum->wrong += t->wrong;
    sum->abandoned += t->abandoned;
    sum->shed += t->shed;
    for (int k = 0; k < K_N; k++)
        sum->by_kind[k] += t->by_kind[k];
}

static void report(const Options *o, Worker *w, long rss_start, long rss_end, long hwm, int exit_status,
                   int *failed)
{
    Totals sum = {0};
    size_t n = 0;
    for (int i = 0; i < o->connections; i++) {
        add_totals(&sum, &w[i].t);
        n += w[i].n_latency;
    }
    double *all = malloc((n ? n : 1) * sizeof *all);
    size_t at = 0;
    for (int i = 0; all && i < o->connections; i++) {
        memcpy(all + at, w[i].latency_ms, w[i].n_latency * sizeof *all);
        at += w[i].n_latency;
    }
    if (all && n)
        qsort(all, n, sizeof *all, compare_double);
    double change = rss_start > 0 ? 100.0 * (rss_end - rss_start) / rss_start : 0;
    printf("soak: %d s, %d connections, server --threads %d, loopback %s\n", o->seconds, o->connections,
           o->threads, server_address);
    printf("requests: sent %ld, answered %ld, lost %ld, duplicated %ld, wrong status %ld "
           "(and %ld sent by clients that never read, not awaited)\n",
           sum.sent, sum.answered, sum.lost, sum.duplicated, sum.wrong, sum.abandoned);
    for (int k = 0; k < K_N; k++)
        printf("  %-26s %ld%s\n", KIND_NAMES[k], sum.by_kind[k], k == K_NEVER_READS ? " clients" : "");
    if (n && all)
        printf("valid solves: %zu answered OK (p50 %.2f ms, p99 %.2f ms, send to answer), %ld refused "
               "RESOURCE_EXHAUSTED (queue full)\n", n, all[n / 2], all[(size_t)(n * 0.99)], sum.shed);
    printf("server RSS: %.1f MiB after the %d s warm-up, %.1f MiB at the end (%+.1f%%), peak %.1f MiB\n",
           rss_start / 1024.0, o->warmup, rss_end / 1024.0, change, hwm / 1024.0);
    printf("server exit status after SIGTERM: %d\n", exit_status);
    *failed = sum.lost > 0 || sum.duplicated > 0 || sum.wrong > 0 || exit_status != 0 ||
              sum.answered == 0 || (o->rss_check && (rss_start <= 0 || change > 10.0));
    printf("result: %s\n", *failed ? "FAIL" : "PASS");
    free(all);
}

int main(int argc, char **argv)
{
    Options o;
    if (parse(argc, argv, &o) < 0) {
        fprintf(stderr, "usage: soak [--seconds S>=5] [--connections N] [--threads T] [--warmup S] [--no-rss-check]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    const char *build = getenv("BUILD");
    char binary[512], dir[] = "/tmp/soak_XXXXXX";
    snprintf(binary, sizeof binary, "%s/sourcing", build && *build ? build : "build");
    small_batch = read_batch("small.json", 5);
    hard_batch = read_batch("mip_hard.json", 1);
    invalid_batch = read_batch("small.json", 5);
    if (!small_batch || !hard_batch || !invalid_batch || !mkdtemp(dir) || start_server(binary, o.threads, dir) < 0) {
        fprintf(stderr, "soak: cannot start %s serve (or read tests/data/server/)\n", binary);
        return 1;
    }
    invalid_batch->orders[0]->lines[0]->quantity = -3;
    Worker *w = calloc((size_t)o.connections, sizeof *w);
    for (int i = 0; i < o.connections; i++) {
        w[i].index = i;
        w[i].seed = 1234u + (unsigned)i;
        pthread_create(&w[i].thread, NULL, run_worker, &w[i]);
    }
    double start = now_s();
    sleep_ms(o.warmup * 1000);
    long rss_start = quiet_rss(o.connections);
    atomic_store(&pause_load, 0);
    while (now_s() - start < o.seconds)
        sleep_ms(100);
    long rss_end = quiet_rss(o.connections), hwm = server_kb("VmHWM");
    int live = 0;
    for (int i = 0; i < o.connections; i++)
        live += w[i].c != NULL;
    atomic_store(&stop_load, 1);
    atomic_store(&pause_load, 0);
    atomic_store(&final_round, 1);
    for (int waited = 0; atomic_load(&final_sent) < live && waited < CALL_TIMEOUT_MS; waited += 10)
        sleep_ms(10);
    sleep_ms(200);                                     /* the last round is in flight */
    kill(server_pid, SIGTERM);
    for (int i = 0; i < o.connections; i++)
        pthread_join(w[i].thread, NULL);
    int status = 0, exit_status = -1;
    if (waitpid(server_pid, &status, 0) == server_pid && WIFEXITED(status))
        exit_status = WEXITSTATUS(status);
    int failed = 1;
    report(&o, w, rss_start, rss_end, hwm, exit_status, &failed);
    char log[64];
    snprintf(log, sizeof log, "%s/server.log", dir);
    if (failed) {
        printf("server log: %s\n", log);
    } else {                                           /* passed: nothing to look at */
        remove(log);
        snprintf(log, sizeof log, "%s/port", dir);
        remove(log);
        rmdir(dir);
    }
    for (int i = 0; i < o.connections; i++)
        free(w[i].latency_ms);
    free(w);
    src_batch_free(small_batch);
    src_batch_free(hard_batch);
    src_batch_free(invalid_batch);
    return failed ? 1 : 0;
}
