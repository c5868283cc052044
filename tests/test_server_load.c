/* The server under load: a full queue answered RESOURCE_EXHAUSTED at once; Cancel and a client
 * that disconnects free the worker; SIGTERM answers everything in flight and exits 0; at the end
 * of the grace period what still runs is stopped with its best plan and what waits is refused. */
#include "test_server_harness.h"

static int send_solve(SrvClient *c, uint64_t id, const Sourcing__Batch *b, uint32_t deadline_ms)
{
    SrcError err = {{0}};
    int rc = srv_client_send(c, id, "Solve", deadline_ms, &b->base, &err);
    if (rc < 0)
        printf("#   send: %s\n", err.message);
    return rc;
}

static Sourcing__Response *next_answer(SrvClient *c)
{
    SrcError err = {{0}};
    Sourcing__Response *r = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
    if (!r)
        printf("#   read: %s\n", err.message);
    return r;
}

static int cancel(SrvClient *c, uint64_t id)
{
    Sourcing__CancelRequest req = SOURCING__CANCEL_REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = id;
    SrcError err = {{0}};
    Sourcing__Response *r = srv_client_call(c, "Cancel", 0, &req.base, TS_CALL_TIMEOUT_MS, &err);
    Sourcing__CancelResponse *out =
        (Sourcing__CancelResponse *)srv_response_payload(r, &sourcing__cancel_response__descriptor);
    int found = out && out->found;
    if (out)
        protobuf_c_message_free_unpacked(&out->base, NULL);
    srv_response_free(r);
    return found;
}

static int answer_is(SrvClient *c, uint64_t id, int status, const char *text)
{
    SrcError err = {{0}};
    Sourcing__Response *r = srv_client_wait(c, id, TS_CALL_TIMEOUT_MS, &err);
    int ok = r && r->status == (Sourcing__StatusCode)status && strstr(ts_message(r), text);
    if (!ok)
        printf("#   request %llu: status %d \"%s\" %s\n", (unsigned long long)id, r ? (int)r->status : -1,
               ts_message(r), r ? "" : err.message);
    srv_response_free(r);
    return ok;
}

TEST(a_full_queue_is_answered_at_once_and_cancel_frees_the_worker)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", "--queue", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *small = ts_batch("small.json");
    SrvClient *c = ts_connect(&ts);
    TS_REQUIRE(hard && small && c);
    CHECK(send_solve(c, 1, hard, 60000) == 0);     /* runs */
    CHECK(ts_wait_busy(c, 1, TS_CALL_TIMEOUT_MS));
    CHECK(send_solve(c, 2, hard, 60000) == 0);     /* waits */
    CHECK(send_solve(c, 3, small, 60000) == 0);    /* no room */
    Sourcing__Response *r = next_answer(c);
    CHECK(r && r->request_id == 3 && r->status == SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED);
    CHECK_STR_CONTAINS(ts_message(r), "the queue is full: 1 solves waiting (--queue 1) for 1 busy workers");
    srv_response_free(r);
    CHECK(cancel(c, 2) == 1);
    CHECK(answer_is(c, 2, SOURCING__STATUS_CODE__CANCELLED, "cancelled by a Cancel request before it started"));
    CHECK(cancel(c, 1) == 1);
    CHECK(answer_is(c, 1, SOURCING__STATUS_CODE__CANCELLED, "cancelled by a Cancel request"));
    CHECK(cancel(c, 1) == 0);                      /* answered already */
    Sourcing__HealthResponse *h = ts_health(c);
    CHECK(h && h->busy_workers == 0 && h->queue_depth == 0);
    if (h)
        protobuf_c_message_free_unpacked(&h->base, NULL);
    CHECK(send_solve(c, 4, small, 60000) == 0);
    CHECK(answer_is(c, 4, SOURCING__STATUS_CODE__OK, ""));
out:
    src_batch_free(hard);
    src_batch_free(small);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

TEST(a_client_that_disconnects_frees_the_worker)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *small = ts_batch("small.json");
    SrvClient *gone = ts_connect(&ts), *c = ts_connect(&ts);
    TS_REQUIRE(hard && small && gone && c);
    CHECK(send_solve(gone, 1, hard, 60000) == 0);
    CHECK(send_solve(gone, 2, hard, 60000) == 0);
    CHECK(ts_wait_busy(c, 1, TS_CALL_TIMEOUT_MS));
    srv_client_close(gone);
    gone = NULL;
    CHECK(ts_wait_busy(c, 0, TS_CALL_TIMEOUT_MS));
    CHECK(send_solve(c, 3, small, 60000) == 0);
    CHECK(answer_is(c, 3, SOURCING__STATUS_CODE__OK, ""));
    char *metrics = ts_http_get(&ts, "/metrics");
    CHECK_STR_CONTAINS(metrics, "sourcing_results_dropped_total 2\n");
    CHECK_STR_CONTAINS(metrics, "sourcing_requests_total{method=\"Solve\",status=\"CANCELLED\"} 2\n");
    free(metrics);
    CHECK(ts_log_has(&ts, "msg=\"the client disconnected before it started\""));
    char *log = ts_log(&ts);
    CHECK_STR_CONTAINS(log, "closed with 2 solves in flight, which stop: the client closed the connection");
    CHECK_STR_CONTAINS(log, "id=2 method=Solve status=CANCELLED");
    CHECK_STR_CONTAINS(log, "msg=\"the client disconnected before it started\"");
    free(log);
out:
    src_batch_free(hard);
    src_batch_free(small);
    srv_client_close(gone);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

/* After SIGTERM: Health says not serving and new solves are refused UNAVAILABLE. */
static void draining_refuses_new_work(SrvClient *c, const Sourcing__Batch *small)
{
    int serving = 1;
    for (int i = 0; i < 500 && serving; i++) {
        Sourcing__HealthResponse *h = ts_health(c);
        serving = !h || h->serving;
        if (h)
            protobuf_c_message_free_unpacked(&h->base, NULL);
        if (serving)
            ts_sleep_ms(10);
    }
    CHECK(!serving);
    CHECK(send_solve(c, 99, small, 60000) == 0);
    CHECK(answer_is(c, 99, SOURCING__STATUS_CODE__UNAVAILABLE, "the server is shutting down"));
}

TEST(sigterm_under_load_answers_everything_in_flight)
{
    TestServer ts;
    const char *flags[] = {"--threads", "2", "--grace", "60", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *small = ts_batch("small.json");
    SrvClient *c = ts_connect(&ts), *probe = ts_connect(&ts);
    TS_REQUIRE(hard && small && c && probe);
    ts_time_limit(hard, 2.0);
    CHECK(send_solve(c, 1, hard, 0) == 0);
    CHECK(send_solve(c, 2, hard, 0) == 0);
    for (uint64_t id = 3; id < 8; id++)
        CHECK(send_solve(c, id, small, 60000) == 0);   /* wait for the two running */
    CHECK(ts_wait_busy(probe, 2, TS_CALL_TIMEOUT_MS));
    kill(ts.pid, SIGTERM);
    draining_refuses_new_work(c, small);
    for (uint64_t id = 1; id < 8; id++)
        CHECK(answer_is(c, id, SOURCING__STATUS_CODE__OK, ""));
    CHECK(srv_client_closed_by_server(c, TS_CALL_TIMEOUT_MS));
    SrcError err = {{0}};
    SrvClient *late = srv_client_connect(ts.address, 1000, &err);
    CHECK(late == NULL);
    srv_client_close(late);
out:
    src_batch_free(hard);
    src_batch_free(small);
    srv_client_close(c);
    srv_client_close(probe);
    CHECK(ts_stop(&ts) == 0);
}

TEST(the_grace_period_ends_with_the_best_plan_or_unavailable)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", "--grace", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *small = ts_batch("small.json");
    SrvClient *c = ts_connect(&ts);
    SrcError err = {{0}};
    TS_REQUIRE(hard && small && c);
    CHECK(send_solve(c, 1, hard, 600000) == 0);
    CHECK(ts_wait_busy(c, 1, TS_CALL_TIMEOUT_MS));
    CHECK(send_solve(c, 2, small, 600000) == 0);
    kill(ts.pid, SIGTERM);
    /* The running solve is stopped: its best plan so far, or UNAVAILABLE when the solver
     * returns no plan once cancelled (src_solve may answer SRC_CANCELLED). */
    Sourcing__Response *r = srv_client_wait(c, 1, TS_CALL_TIMEOUT_MS, &err);
    Sourcing__Plan *plan = r ? ts_plan(r) : NULL;
    if (r && r->status == SOURCING__STATUS_CODE__OK)
        CHECK(plan && plan->n_orders == 120 && plan->status != SOURCING__PLAN_STATUS__OPTIMAL);
    else
        CHECK_MSG(r && r->status == SOURCING__STATUS_CODE__UNAVAILABLE && !plan &&
                      !strcmp(r->message, "the server shut down before the solve finished"),
                  "%s", r ? ts_message(r) : err.message);
    src_plan_free(plan);
    srv_response_free(r);
    CHECK(answer_is(c, 2, SOURCING__STATUS_CODE__UNAVAILABLE, "the server shut down before this solve started"));
    CHECK(ts_wait_exit(&ts, TS_CALL_TIMEOUT_MS) == 0);
    char *log = ts_log(&ts);
    CHECK_STR_CONTAINS(log, "shutdown: grace period over, stopping 2 solves");
    free(log);
out:
    src_batch_free(hard);
    src_batch_free(small);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

int main(void)
{
    RUN(a_full_queue_is_answered_at_once_and_cancel_frees_the_worker);
    RUN(a_client_that_disconnects_frees_the_worker);
    RUN(sigterm_under_load_answers_everything_in_flight);
    RUN(the_grace_period_ends_with_the_best_plan_or_unavailable);
    TEST_EXIT();
}
