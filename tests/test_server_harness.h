/* Helpers for the service tests: start a real `sourcing serve` ($BUILD/sourcing) on a free
 * loopback port, talk to it with the C client library, stop it and read its exit status and log.
 * Every server started is killed at exit, even when a test fails half-way. */
#ifndef TEST_SERVER_HARNESS_H
#define TEST_SERVER_HARNESS_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch_io.h"
#include "client.h"
#include "frame.h"
#include "service.pb-c.h"
#include "sourcing.h"
#include "test.h"

#define TS_UNUSED __attribute__((unused))
#define TS_MAX_SERVERS 16
#define TS_START_TIMEOUT_MS 30000
#define TS_CALL_TIMEOUT_MS 120000     /* bounds every wait; solves end long before */

typedef struct TestServer {
    pid_t pid;                        /* 0 once reaped */
    int exit_status;                  /* then: its exit status, -1 if killed */
    int port, metrics_port;
    char dir[64];
    char address[64];                 /* "127.0.0.1:PORT" */
} TestServer;

static pid_t ts_pids[TS_MAX_SERVERS];
/* When >= 0, servers started next get this descriptor as stderr instead of their log file. */
static int ts_stderr_fd = -1;

static void ts_kill_all(void)
{
    for (int i = 0; i < TS_MAX_SERVERS; i++)
        if (ts_pids[i] > 0) {
            kill(ts_pids[i], SIGKILL);
            waitpid(ts_pids[i], NULL, 0);
            ts_pids[i] = 0;
        }
}

static void ts_track(pid_t pid, int add)
{
    static int registered;
    if (!registered) {
        atexit(ts_kill_all);
        signal(SIGPIPE, SIG_IGN);
        registered = 1;
    }
    for (int i = 0; i < TS_MAX_SERVERS; i++)
        if (add ? ts_pids[i] == 0 : ts_pids[i] == pid) {
            ts_pids[i] = add ? pid : 0;
            return;
        }
}

static void ts_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static void ts_path(const TestServer *ts, const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", ts->dir, name);
}

static void ts_exec_server(const TestServer *ts, const char *const *extra)
{
    char binary[512], port_file[128], log[128];
    const char *build = getenv("BUILD");
    snprintf(binary, sizeof binary, "%s/sourcing", build && *build ? build : "build");
    ts_path(ts, "port", port_file, sizeof port_file);
    ts_path(ts, "server.log", log, sizeof log);
    const char *argv[64] = {binary, "serve", "--listen", "127.0.0.1:0", "--metrics", "127.0.0.1:0",
                            "--port-file", port_file};
    int n = 8;
    for (int i = 0; extra && extra[i] && n < 62; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fd = ts_stderr_fd >= 0 ? ts_stderr_fd : open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    execv(binary, (char *const *)argv);
    _exit(127);
}

/* Reads the two ports from the port file once it exists. */
static int ts_read_ports(TestServer *ts)
{
    char path[128];
    ts_path(ts, "port", path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int n = fscanf(f, "%d %d", &ts->port, &ts->metrics_port);
    fclose(f);
    return n == 2 ? 0 : -1;
}

/* Starts a server with extra flags (NULL-terminated). 0 once it listens. */
TS_UNUSED static int ts_start(TestServer *ts, const char *const *extra)
{
    memset(ts, 0, sizeof *ts);
    snprintf(ts->dir, sizeof ts->dir, "/tmp/test_server_XXXXXX");
    if (!mkdtemp(ts->dir))
        return -1;
    ts->pid = fork();
    if (ts->pid == 0)
        ts_exec_server(ts, extra);
    if (ts->pid < 0)
        return -1;
    ts_track(ts->pid, 1);
    for (int waited = 0; waited < TS_START_TIMEOUT_MS; waited += 10) {
        if (ts_read_ports(ts) == 0) {
            snprintf(ts->address, sizeof ts->address, "127.0.0.1:%d", ts->port);
            return 0;
        }
        if (waitpid(ts->pid, NULL, WNOHANG) == ts->pid) {
            ts_track(ts->pid, 0);
            ts->pid = 0;
            ts->exit_status = -1;
            return -1;
        }
        ts_sleep_ms(10);
    }
    return -1;
}

/* Waits for the server to exit: its exit status, or -1 if it was killed or did not exit in
 * timeout_ms (then it is killed). */
TS_UNUSED static int ts_wait_exit(TestServer *ts, int timeout_ms)
{
    int status = 0;
    for (int waited = 0; ts->pid > 0 && waited < timeout_ms; waited += 10) {
        if (waitpid(ts->pid, &status, WNOHANG) == ts->pid) {
            ts_track(ts->pid, 0);
            ts->pid = 0;
            ts->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        } else {
            ts_sleep_ms(10);
        }
    }
    if (ts->pid > 0) {
        kill(ts->pid, SIGKILL);
        waitpid(ts->pid, NULL, 0);
        ts_track(ts->pid, 0);
        ts->pid = 0;
        ts->exit_status = -1;
    }
    return ts->exit_status;
}

/* The server's log (stderr) so far; free() it. */
TS_UNUSED static char *ts_log(const TestServer *ts)
{
    char path[128];
    ts_path(ts, "server.log", path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f)
        return strdup("");
    char *text = calloc(1, 1 << 20);
    size_t n = text ? fread(text, 1, (1 << 20) - 1, f) : 0;
    (void)n;
    fclose(f);
    return text;
}

/* 1 once the server's log holds needle: the log reaches its file through a writer thread, after
 * the answer and the counters, which under TSan on a loaded machine can take a while (at most
 * TS_CALL_TIMEOUT_MS). */
TS_UNUSED static int ts_log_has(const TestServer *ts, const char *needle)
{
    for (int waited = 0; waited < TS_CALL_TIMEOUT_MS; waited += 50) {
        char *log = ts_log(ts);
        int found = log && strstr(log, needle) != NULL;
        free(log);
        if (found)
            return 1;
        ts_sleep_ms(50);
    }
    printf("#   the log lacks \"%s\"\n", needle);
    return 0;
}

/* SIGTERM, then the exit status (0 expected: a clean drain, no sanitizer report). The log is
 * printed when the status is not 0; the temp directory is removed. */
TS_UNUSED static int ts_stop(TestServer *ts)
{
    if (ts->pid > 0)
        kill(ts->pid, SIGTERM);
    int status = ts_wait_exit(ts, TS_CALL_TIMEOUT_MS);
    char path[128];
    if (status != 0) {
        char *log = ts_log(ts);
        printf("# server exited with %d; its log:\n%s\n", status, log);
        free(log);
    }
    ts_path(ts, "port", path, sizeof path);
    remove(path);
    ts_path(ts, "server.log", path, sizeof path);
    remove(path);
    rmdir(ts->dir);
    return status;
}

TS_UNUSED static SrvClient *ts_connect(const TestServer *ts)
{
    SrcError err = {{0}};
    SrvClient *c = srv_client_connect(ts->address, 10000, &err);
    if (!c)
        printf("#   connect: %s\n", err.message);
    return c;
}

/* A batch from tests/data/server/; NULL (and a message) if it cannot be read. */
TS_UNUSED static Sourcing__Batch *ts_batch(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "tests/data/server/%s", name);
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(path, &err);
    if (!b)
        printf("#   %s\n", err.message);
    return b;
}

/* A response's message, "" when there is no response. */
TS_UNUSED static const char *ts_message(const Sourcing__Response *r)
{
    return r && r->message ? r->message : "";
}

/* Gives batch its own time limit (a solve that ends OK however slow the machine, unlike one
 * bounded by a deadline). */
TS_UNUSED static void ts_time_limit(Sourcing__Batch *batch, double seconds)
{
    if (!batch->options) {
        batch->options = malloc(sizeof *batch->options);
        sourcing__solve_options__init(batch->options);
    }
    batch->options->has_time_limit = 1;
    batch->options->time_limit = seconds;
}

TS_UNUSED static Sourcing__Plan *ts_plan(const Sourcing__Response *r)
{
    return (Sourcing__Plan *)srv_response_payload(r, &sourcing__plan__descriptor);
}

TS_UNUSED static Sourcing__HealthResponse *ts_health(SrvClient *c)
{
    SrcError err = {{0}};
    Sourcing__Response *r = srv_client_call(c, "Health", 0, NULL, TS_CALL_TIMEOUT_MS, &err);
    Sourcing__HealthResponse *h =
        (Sourcing__HealthResponse *)srv_response_payload(r, &sourcing__health_response__descriptor);
    srv_response_free(r);
    return h;
}

/* Polls Health (at most timeout_ms) until busy_workers == busy; 1 when it got there. */
TS_UNUSED static int ts_wait_busy(SrvClient *c, int busy, int timeout_ms)
{
    for (int waited = 0; waited < timeout_ms; waited += 20) {
        Sourcing__HealthResponse *h = ts_health(c);
        int now = h ? (int)h->busy_workers : -1;
        if (h)
            protobuf_c_message_free_unpacked(&h->base, NULL);
        if (now == busy)
            return 1;
        ts_sleep_ms(20);
    }
    return 0;
}

/* The body of an HTTP GET on the metrics port ("" on failure); free() it. */
TS_UNUSED static char *ts_http_get(const TestServer *ts, const char *path)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)ts->metrics_port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char *text = calloc(1, 1 << 20);
    struct timeval tv = {30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
        char req[256];
        int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n", path);
        if (write(fd, req, (size_t)n) == n) {
            size_t used = 0;
            ssize_t got;
            while (used + 1 < (1 << 20) && (got = read(fd, text + used, (1 << 20) - 1 - used)) > 0)
                used += (size_t)got;
        }
    }
    close(fd);
    return text;
}

/* A test's premise (a fixture, a connection): when it is missing the case fails, never passes
 * by checking nothing. Jumps to the case's "out:" cleanup. */
#define TS_REQUIRE(cond)                                                          \
    do {                                                                          \
        if (!(cond)) {                                                            \
            CHECK_MSG(0, "premise missing: %s", #cond);                           \
            goto out;                                                             \
        }                                                                         \
    } while (0)

/* The frame of a Request with the given method and raw payload bytes. */
TS_UNUSED static uint8_t *ts_request_frame(uint64_t id, const char *method, const void *payload,
                                           size_t len, size_t *frame_len)
{
    Sourcing__Request req = SOURCING__REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = id;
    req.method = (char *)method;
    req.has_payload = payload != NULL;
    req.payload.data = (uint8_t *)payload;
    req.payload.len = len;
    return frame_pack(&req.base, frame_len);
}

#endif
