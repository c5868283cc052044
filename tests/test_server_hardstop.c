/* The hard stop of a shutdown does not wait for work that ignores being stopped: a solve stuck
 * for 10 minutes (the server's test hook, SOURCING_TEST_HOOKS=1) is answered UNAVAILABLE after
 * the grace period and the server exits 0, while a solve that stops in time is answered as
 * usual. */
#include "test_server_harness.h"
#include "test_hooks.h"

#define EXIT_WAIT_MS 60000   /* far below the stuck solve's 600 s, far above grace + hard stop */

static Sourcing__Batch *stuck_batch(void)
{
    Sourcing__Batch *b = ts_batch("small.json");
    if (b) {
        free(b->name);
        b->name = strdup("test-hook:stuck");
    }
    return b;
}

TEST(sigterm_answers_a_stuck_solve_unavailable_and_exits)
{
    setenv(TEST_HOOKS_ENV, "1", 1);
    TestServer ts;
    const char *flags[] = {"--threads", "2", "--grace", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    unsetenv(TEST_HOOKS_ENV);
    SrvClient *c = ts_connect(&ts), *watcher = ts_connect(&ts);
    Sourcing__Batch *stuck = stuck_batch();
    CHECK(c != NULL && watcher != NULL && stuck != NULL);
    if (c && watcher && stuck) {
        SrcError err = {{0}};
        CHECK(srv_client_send(c, 1, "Solve", 0, &stuck->base, &err) == 0);
        CHECK_MSG(ts_wait_busy(watcher, 1, TS_CALL_TIMEOUT_MS), "the stuck solve never ran");
        kill(ts.pid, SIGTERM);
        Sourcing__Response *r = srv_client_read(c, EXIT_WAIT_MS, &err);
        CHECK_MSG(r && r->request_id == 1 && r->status == SOURCING__STATUS_CODE__UNAVAILABLE,
                  "status %d: %s", r ? (int)r->status : -1, r ? ts_message(r) : err.message);
        CHECK_STR_CONTAINS(ts_message(r), "did not stop within 2 s of being told to");
        srv_response_free(r);
        CHECK_MSG(ts_wait_exit(&ts, EXIT_WAIT_MS) == 0, "exit status %d", ts.exit_status);
        char *log = ts_log(&ts);
        CHECK_STR_CONTAINS(log, "stopped, leaving 1 solves that did not stop");
        free(log);
    }
    src_batch_free(stuck);
    srv_client_close(c);
    srv_client_close(watcher);
    ts_stop(&ts);
}

int main(void)
{
    RUN(sigterm_answers_a_stuck_solve_unavailable_and_exits);
    TEST_EXIT();
}
