/* A GLPK fault inside a server worker is contained: with the test hooks on (SOURCING_TEST_HOOKS=1,
 * solver/util/test_fault.h), a Solve of a batch named "test-hook:glpk-fault" makes the MIP call
 * glp_set_col_bnds with column 0 inside the GLPK guard. That request is answered INTERNAL with a
 * message naming the GLPK fault; normal Solves on the same and another connection, before, beside
 * and after it, are answered OK with the same optimal plan, on the same worker threads; the
 * server stays up and exits cleanly. */
#include "checker.h"
#include "test_fault.h"
#include "test_server_harness.h"

#define ROUNDS 3      /* more faults than workers: each worker's GLPK is recovered and reused */

/* small.json solved by the MIP alone, so that every normal Solve runs GLPK too. */
static Sourcing__Batch *mip_batch(const char *name)
{
    Sourcing__Batch *b = ts_batch("small.json");
    if (!b)
        return NULL;
    ts_time_limit(b, 30);
    free(b->options->strategy);
    b->options->strategy = strdup("mip");
    if (name) {
        free(b->name);
        b->name = strdup(name);
    }
    return b;
}

/* A normal answer: OK, an optimal plan the checker accepts; its cost in *cost. */
static void check_ok(const Sourcing__Response *r, const Sourcing__Batch *batch, double *cost)
{
    CHECK_MSG(r && r->status == SOURCING__STATUS_CODE__OK, "status %d: %s", r ? (int)r->status : -1,
              ts_message(r));
    Sourcing__Plan *plan = r ? ts_plan(r) : NULL;
    CHECK(plan != NULL);
    if (!plan)
        return;
    CHECK(plan->status == SOURCING__PLAN_STATUS__OPTIMAL);
    SrcCheckReport report;
    CHECK_MSG(src_check_plan(batch, plan, &report) == 0, "%s", report.n_violations ? report.violations[0] : "");
    src_check_report_free(&report);
    CHECK(plan->costs != NULL);
    *cost = plan->costs ? plan->costs->total : -1;
    src_plan_free(plan);
}

static Sourcing__Response *solve(SrvClient *c, const Sourcing__Batch *b)
{
    SrcError err = {{0}};
    Sourcing__Response *r = srv_client_call(c, "Solve", 0, &b->base, TS_CALL_TIMEOUT_MS, &err);
    if (!r)
        printf("#   no answer: %s\n", err.message);
    return r;
}

/* One round: a normal Solve on b sent first, the faulting one on a, both answered. */
static void fault_beside_normal(SrvClient *a, SrvClient *b, const Sourcing__Batch *normal,
                                const Sourcing__Batch *faulty, double expected_cost, uint64_t id)
{
    SrcError err = {{0}};
    CHECK(srv_client_send(b, id, "Solve", 0, &normal->base, &err) == 0);
    CHECK(srv_client_send(a, id + 1, "Solve", 0, &faulty->base, &err) == 0);
    Sourcing__Response *bad = srv_client_wait(a, id + 1, TS_CALL_TIMEOUT_MS, &err);
    Sourcing__Response *good = srv_client_wait(b, id, TS_CALL_TIMEOUT_MS, &err);
    CHECK_MSG(bad && bad->status == SOURCING__STATUS_CODE__INTERNAL, "status %d: %s",
              bad ? (int)bad->status : -1, bad ? ts_message(bad) : err.message);
    CHECK_STR_CONTAINS(ts_message(bad), "GLPK failed inside the MIP solve");
    CHECK(bad && !bad->has_payload);
    double cost = -1;
    check_ok(good, normal, &cost);
    CHECK_CLOSE(cost, expected_cost);
    srv_response_free(bad);
    srv_response_free(good);
}

TEST(a_glpk_fault_is_answered_internal_and_harms_no_other_request)
{
    setenv(TEST_FAULT_ENV, "1", 1);
    TestServer ts;
    const char *flags[] = {"--threads", "2", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    unsetenv(TEST_FAULT_ENV);
    SrvClient *a = ts_connect(&ts), *b = ts_connect(&ts);
    Sourcing__Batch *normal = mip_batch(NULL), *faulty = mip_batch(TEST_FAULT_GLPK);
    CHECK(a && b && normal && faulty);
    if (a && b && normal && faulty) {
        double before_a = -1, before_b = -2, cost = -3;
        Sourcing__Response *r = solve(a, normal);
        check_ok(r, normal, &before_a);
        srv_response_free(r);
        r = solve(b, normal);
        check_ok(r, normal, &before_b);
        srv_response_free(r);
        CHECK_CLOSE(before_a, before_b);
        for (int i = 0; i < ROUNDS; i++)
            fault_beside_normal(a, b, normal, faulty, before_a, 100 + 10 * (uint64_t)i);
        SrvClient *both[] = {a, b};
        for (int i = 0; i < 2; i++) {
            r = solve(both[i], normal);   /* after: the faulting connection too */
            check_ok(r, normal, &cost);
            CHECK_CLOSE(cost, before_a);
            srv_response_free(r);
        }
        Sourcing__HealthResponse *h = ts_health(a);
        CHECK(h != NULL);
        if (h)
            protobuf_c_message_free_unpacked(&h->base, NULL);
    }
    src_batch_free(normal);
    src_batch_free(faulty);
    srv_client_close(a);
    srv_client_close(b);
    CHECK_MSG(ts_stop(&ts) == 0, "the server did not exit cleanly: status %d", ts.exit_status);
}

/* Without the switch the name is only a name: the same batch solves normally. */
TEST(the_fault_needs_the_switch)
{
    unsetenv(TEST_FAULT_ENV);
    TestServer ts;
    const char *flags[] = {"--threads", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *faulty = mip_batch(TEST_FAULT_GLPK);
    CHECK(c && faulty);
    if (c && faulty) {
        double cost = -1;
        Sourcing__Response *r = solve(c, faulty);
        check_ok(r, faulty, &cost);
        srv_response_free(r);
    }
    src_batch_free(faulty);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

int main(void)
{
    RUN(a_glpk_fault_is_answered_internal_and_harms_no_other_request);
    RUN(the_fault_needs_the_switch);
    TEST_EXIT();
}
