/* Logging never blocks serving: with stderr a pipe that nobody reads (it holds 64 KiB, about
 * 450 log lines), thousands of requests are still answered, and the lines that did not fit are
 * dropped and counted in sourcing_log_lines_dropped_total. */
#include "test_server_harness.h"

#define REQUESTS 12000               /* about 1.8 MB of log lines: more than the pipe and the 1 MiB buffer */
#define CALL_TIMEOUT_MS 30000        /* a blocked loop answers nothing: this fails, not hangs */

static unsigned long dropped_lines(const TestServer *ts)
{
    char *text = ts_http_get(ts, "/metrics");
    const char *at = strstr(text, "\nsourcing_log_lines_dropped_total ");
    unsigned long n = at ? strtoul(at + strlen("\nsourcing_log_lines_dropped_total "), NULL, 10) : 0;
    free(text);
    return n;
}

TEST(a_log_reader_that_stops_reading_does_not_stop_the_server)
{
    int pipe_fds[2];
    CHECK(pipe(pipe_fds) == 0);
    ts_stderr_fd = pipe_fds[1];
    TestServer ts;
    CHECK(ts_start(&ts, NULL) == 0);
    ts_stderr_fd = -1;
    close(pipe_fds[1]);              /* the read end stays open and unread: the pipe fills */
    SrvClient *c = ts_connect(&ts);
    CHECK(c != NULL);
    int answered = 0;
    for (int i = 0; c && i < REQUESTS; i++) {
        SrcError err = {{0}};
        Sourcing__Response *r = srv_client_call(c, "Health", 0, NULL, CALL_TIMEOUT_MS, &err);
        if (!r || r->status != SOURCING__STATUS_CODE__OK) {
            printf("#   request %d: %s\n", i + 1, r ? ts_message(r) : err.message);
            srv_response_free(r);
            break;
        }
        answered++;
        srv_response_free(r);
    }
    CHECK_MSG(answered == REQUESTS, "%d of %d answered", answered, REQUESTS);
    unsigned long dropped = dropped_lines(&ts);
    CHECK_MSG(dropped > 0, "sourcing_log_lines_dropped_total %lu", dropped);
    srv_client_close(c);
    if (ts.pid > 0)
        kill(ts.pid, SIGTERM);
    CHECK_MSG(ts_wait_exit(&ts, TS_CALL_TIMEOUT_MS) == 0, "exit status %d", ts.exit_status);
    close(pipe_fds[0]);
    ts_stop(&ts);
}

int main(void)
{
    RUN(a_log_reader_that_stops_reading_does_not_stop_the_server);
    TEST_EXIT();
}
