/* The service end to end on a real server: Health and Info, solves that match the library,
 * invalid batches, deadlines (tiny: greedy; short: the MIP's best plan; normal: OPTIMAL),
 * pipelined requests answered out of order, DEADLINE_EXCEEDED in the queue, log and metrics. */
#include "checker.h"
#include "test_server_harness.h"

#define SMALL_COST 114.23          /* tests/data/server/small.json, proven optimal */
#define CAP41_COST 1040444.375     /* OR-Library cap41, its published optimum */

static Sourcing__Response *solve(SrvClient *c, const Sourcing__Batch *b, uint32_t deadline_ms)
{
    SrcError err = {{0}};
    Sourcing__Response *r = srv_client_call(c, "Solve", deadline_ms, &b->base, TS_CALL_TIMEOUT_MS, &err);
    if (!r)
        printf("#   Solve: %s\n", err.message);
    return r;
}

/* The plan of an OK answer, checked feasible by the independent checker. */
static Sourcing__Plan *checked_plan(const Sourcing__Response *r, const Sourcing__Batch *b)
{
    CHECK_MSG(r && r->status == SOURCING__STATUS_CODE__OK, "status %d: %s", r ? (int)r->status : -1,
              r && r->message ? r->message : "no answer");
    Sourcing__Plan *plan = r ? ts_plan(r) : NULL;
    CHECK(plan != NULL);
    if (!plan)
        return NULL;
    SrcCheckReport report;
    size_t violations = src_check_plan(b, plan, &report);
    CHECK_MSG(violations == 0, "%s", violations ? report.violations[0] : "");
    src_check_report_free(&report);
    return plan;
}

TEST(health_and_info_report_the_configuration)
{
    TestServer ts;
    const char *flags[] = {"--threads", "2", "--queue", "5", "--max-message", "1000000", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__HealthResponse *h = c ? ts_health(c) : NULL;
    CHECK(h && h->serving && h->queue_depth == 0 && h->queue_capacity == 5 && h->workers == 2 &&
          h->busy_workers == 0 && h->connections == 1);
    SrcError err = {{0}};
    Sourcing__Response *r = c ? srv_client_call(c, "Info", 0, NULL, TS_CALL_TIMEOUT_MS, &err) : NULL;
    Sourcing__InfoResponse *info =
        (Sourcing__InfoResponse *)srv_response_payload(r, &sourcing__info_response__descriptor);
    CHECK(info && !strcmp(info->version, SRC_VERSION) && !strcmp(info->glpk_version, src_glpk_version()));
    CHECK(info && info->max_message_bytes == 1000000 && info->workers == 2 && info->queue_capacity == 5);
    CHECK(info && info->n_methods == 4 && !strcmp(info->methods[3], "Cancel"));
    CHECK(info && info->n_strategies == 3 && !strcmp(info->strategies[2], "greedy"));
    if (h)
        protobuf_c_message_free_unpacked(&h->base, NULL);
    if (info)
        protobuf_c_message_free_unpacked(&info->base, NULL);
    srv_response_free(r);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

TEST(solve_matches_the_library_and_invalid_batches_name_the_field)
{
    TestServer ts;
    CHECK(ts_start(&ts, NULL) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *b = ts_batch("small.json");
    TS_REQUIRE(c && b);
    Sourcing__Response *r = solve(c, b, 10000);
    Sourcing__Plan *plan = checked_plan(r, b);
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL);
    CHECK(plan && CLOSE(plan->costs->total, SMALL_COST));
    src_plan_free(plan);
    srv_response_free(r);
    b->orders[1]->lines[0]->quantity = -4;
    r = solve(c, b, 10000);
    CHECK(r && r->status == SOURCING__STATUS_CODE__INVALID_ARGUMENT);
    CHECK_STR_CONTAINS(ts_message(r), "orders[1].lines[0].quantity");
    plan = r ? ts_plan(r) : NULL;
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__INVALID);
    src_plan_free(plan);
    srv_response_free(r);
    b->orders[1]->lines[0]->quantity = 4;
    char *node = b->lanes[2]->node_id;
    b->lanes[2]->node_id = "nowhere";         /* a lane from a node that does not exist */
    r = solve(c, b, 0);
    CHECK(r && r->status == SOURCING__STATUS_CODE__INVALID_ARGUMENT);
    CHECK_STR_CONTAINS(ts_message(r), "lanes[2].node_id");
    b->lanes[2]->node_id = node;
    srv_response_free(r);
out:
    src_batch_free(b);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

TEST(deadlines_choose_greedy_the_mip_s_best_plan_or_the_optimum)
{
    TestServer ts;
    CHECK(ts_start(&ts, NULL) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *slow = ts_batch("cap41.json");
    TS_REQUIRE(c && hard && slow);
    /* 600 ms: heuristics fit (within milliseconds: slack for a loaded machine and TSan), the MIP not
     * (the solver estimates its LP alone at about 1 s and skips it) */
    Sourcing__Response *r = solve(c, hard, 600);
    Sourcing__Plan *greedy = checked_plan(r, hard);
    CHECK(greedy && greedy->status != SOURCING__PLAN_STATUS__OPTIMAL);  /* a bound, if any, is Lagrangian */
    CHECK(greedy && (!greedy->bound_method || !strncmp(greedy->bound_method, "lagrange", 8)));
    CHECK(greedy && !strncmp(greedy->method, "greedy", 6) && !strstr(greedy->method, "mip"));
    srv_response_free(r);
    r = solve(c, hard, 4000);                             /* the MIP stops at its limit */
    Sourcing__Plan *mip = checked_plan(r, hard);
    CHECK(mip && (mip->status == SOURCING__PLAN_STATUS__FEASIBLE || mip->status == SOURCING__PLAN_STATUS__OPTIMAL));
    CHECK(mip && mip->has_best_bound && mip->best_bound <= mip->costs->total + 1e-6);
    CHECK(mip && greedy && mip->costs->total <= greedy->costs->total + 1e-6);
    src_plan_free(greedy);
    src_plan_free(mip);
    srv_response_free(r);
    r = solve(c, slow, 100000);                           /* time enough to prove the optimum */
    Sourcing__Plan *best = checked_plan(r, slow);
    CHECK(best && best->status == SOURCING__PLAN_STATUS__OPTIMAL && strstr(best->method, "mip"));
    CHECK(best && CLOSE(best->costs->total, CAP41_COST));
    src_plan_free(best);
    srv_response_free(r);
out:
    src_batch_free(hard);
    src_batch_free(slow);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

/* Reads n answers in arrival order into ids[], checking each. */
static int read_answers(SrvClient *c, int n, uint64_t *ids, const Sourcing__Batch *small)
{
    int got = 0;
    for (; got < n; got++) {
        SrcError err = {{0}};
        Sourcing__Response *r = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
        if (!r) {
            printf("#   read: %s\n", err.message);
            break;
        }
        ids[got] = r->request_id;
        Sourcing__Plan *plan = r->request_id >= 100 ? checked_plan(r, small) : NULL;
        CHECK(r->request_id < 100 || (plan && CLOSE(plan->costs->total, SMALL_COST)));
        src_plan_free(plan);
        srv_response_free(r);
    }
    return got;
}

TEST(pipelined_requests_are_answered_as_they_finish)
{
    TestServer ts;
    const char *flags[] = {"--threads", "2", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *small = ts_batch("small.json");
    SrcError err = {{0}};
    TS_REQUIRE(c && hard && small);
    ts_time_limit(hard, 3.0);
    CHECK(srv_client_send(c, 10, "Solve", 0, &hard->base, &err) == 0);      /* 3 s */
    for (uint64_t id = 100; id < 120; id++)
        CHECK(srv_client_send(c, id, "Solve", 60000, &small->base, &err) == 0);
    CHECK(srv_client_send(c, 11, "Health", 0, NULL, &err) == 0);
    uint64_t ids[22] = {0};
    CHECK(read_answers(c, 22, ids, small) == 22);
    CHECK_MSG(ids[21] == 10, "the long solve, sent first, is answered last (got %llu)",
              (unsigned long long)ids[21]);
    int seen[20] = {0}, health = 0;
    for (int i = 0; i < 21; i++) {
        if (ids[i] >= 100 && ids[i] < 120)
            seen[ids[i] - 100]++;
        health += ids[i] == 11;
    }
    for (int i = 0; i < 20; i++)
        CHECK_MSG(seen[i] == 1, "request %d answered %d times", 100 + i, seen[i]);
    CHECK(health == 1);
out:
    src_batch_free(hard);
    src_batch_free(small);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

TEST(a_deadline_that_passes_in_the_queue_is_answered_without_solving)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *small = ts_batch("small.json");
    SrcError err = {{0}};
    TS_REQUIRE(c && hard && small);
    ts_time_limit(hard, 3.0);
    CHECK(srv_client_send(c, 1, "Solve", 0, &hard->base, &err) == 0);
    CHECK(srv_client_send(c, 2, "Solve", 200, &small->base, &err) == 0);
    Sourcing__Response *first = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
    CHECK(first && first->request_id == 2 && first->status == SOURCING__STATUS_CODE__DEADLINE_EXCEEDED);
    CHECK_STR_CONTAINS(ts_message(first), "deadline of 200 ms: still queued");
    CHECK(first && !first->has_payload);
    Sourcing__Response *second = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
    CHECK(second && second->request_id == 1 && second->status == SOURCING__STATUS_CODE__OK);
    srv_response_free(first);
    srv_response_free(second);
out:
    src_batch_free(hard);
    src_batch_free(small);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

TEST(every_request_is_logged_and_counted)
{
    TestServer ts;
    CHECK(ts_start(&ts, NULL) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *small = ts_batch("small.json"), *hard = ts_batch("mip_hard.json");
    TS_REQUIRE(c && small && hard);
    for (int i = 0; i < 2; i++)
        srv_response_free(solve(c, small, 0));
    srv_response_free(solve(c, hard, 600));       /* a fallback to greedy: no time for the MIP */
    char *healthz = ts_http_get(&ts, "/healthz");
    CHECK_STR_CONTAINS(healthz, "200 OK");
    char *metrics = ts_http_get(&ts, "/metrics");
    CHECK_STR_CONTAINS(metrics, "sourcing_requests_total{method=\"Solve\",status=\"OK\"} 3\n");
    CHECK_STR_CONTAINS(metrics, "sourcing_request_duration_seconds_count{method=\"Solve\"} 3\n");
    CHECK_STR_CONTAINS(metrics, "sourcing_plans_total{status=\"OPTIMAL\"} 2\n");
    CHECK_MSG(test_contains(metrics, "sourcing_plans_total{status=\"HEURISTIC\"} 1\n") ||
                  test_contains(metrics, "sourcing_plans_total{status=\"FEASIBLE\"} 1\n"),
              "the 600 ms plan is HEURISTIC, or FEASIBLE with a Lagrangian bound");
    CHECK_STR_CONTAINS(metrics, "sourcing_greedy_fallbacks_total 1\n");
    CHECK_STR_CONTAINS(metrics, "sourcing_mip_gap_count 2\n");
    CHECK_STR_CONTAINS(metrics, "sourcing_connections 1\n");
    CHECK(ts_log_has(&ts, "orders=120 cost="));  /* the last request's line: all are written */
    char *log = ts_log(&ts);
    CHECK_STR_CONTAINS(log, " id=1 method=Solve status=OK orders=3 cost=114.230000 plan=OPTIMAL solver=greedy");
    CHECK_STR_CONTAINS(log, " method=Solve status=OK orders=120 cost=");
    CHECK_STR_CONTAINS(log, "orders=120 cost=");
    CHECK(test_contains(log, "plan=HEURISTIC solver=greedy") || test_contains(log, "plan=FEASIBLE solver=greedy"));
    free(healthz);
    free(metrics);
    free(log);
out:
    src_batch_free(small);
    src_batch_free(hard);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

int main(void)
{
    RUN(health_and_info_report_the_configuration);
    RUN(solve_matches_the_library_and_invalid_batches_name_the_field);
    RUN(deadlines_choose_greedy_the_mip_s_best_plan_or_the_optimum);
    RUN(pipelined_requests_are_answered_as_they_finish);
    RUN(a_deadline_that_passes_in_the_queue_is_answered_without_solving);
    RUN(every_request_is_logged_and_counted);
    TEST_EXIT();
}
