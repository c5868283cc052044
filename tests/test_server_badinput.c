/* Bad input on a real server: oversized, garbled and compressed frames (answered, then the
 * connection closes), undecodable envelopes and payloads, unknown or missing methods, duplicate
 * ids, too many solves on one connection (answered, the connection stays), truncated frames and
 * idle connections. Meanwhile another connection's solve is answered as if nothing happened. */
#include "test_server_harness.h"

static uint8_t *garbage_frame(const char *bytes, size_t len, size_t *frame_len)
{
    uint8_t *frame = malloc(FRAME_HEADER_BYTES + len);
    frame_write_header(frame, (uint32_t)len);
    memcpy(frame + FRAME_HEADER_BYTES, bytes, len);
    *frame_len = FRAME_HEADER_BYTES + len;
    return frame;
}

/* Sends raw bytes on a new connection; returns the first answer (NULL if none). */
static Sourcing__Response *send_raw(SrvClient *c, const void *bytes, size_t len)
{
    SrcError err = {{0}};
    if (srv_client_send_raw(c, bytes, len, &err) < 0)
        return NULL;
    Sourcing__Response *r = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
    if (!r)
        printf("#   read: %s\n", err.message);
    return r;
}

/* A header the server must refuse: answered with status, then the connection is closed. */
static void refused_header(const TestServer *ts, const uint8_t header[5], int status, const char *text)
{
    SrvClient *c = ts_connect(ts);
    if (!c) {
        CHECK_MSG(0, "premise missing: a connection");
        return;
    }
    Sourcing__Response *r = send_raw(c, header, 5);
    CHECK_MSG(r && r->status == (Sourcing__StatusCode)status, "status %d, expected %d", r ? (int)r->status : -1, status);
    CHECK(r && r->request_id == 0);
    CHECK_STR_CONTAINS(ts_message(r), text);
    CHECK_STR_CONTAINS(ts_message(r), "closing the connection");
    CHECK(srv_client_closed_by_server(c, TS_CALL_TIMEOUT_MS));
    srv_response_free(r);
    srv_client_close(c);
}

/* A whole oversized frame: its answer must survive the bytes the server never reads. */
static void oversized_frame_with_its_body(const TestServer *ts)
{
    SrvClient *c = ts_connect(ts);
    size_t len = 400000;
    uint8_t *frame = calloc(1, FRAME_HEADER_BYTES + len);
    TS_REQUIRE(c && frame);
    frame_write_header(frame, (uint32_t)len);
    Sourcing__Response *r = send_raw(c, frame, FRAME_HEADER_BYTES + len);
    CHECK(r && r->status == SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED);
    CHECK_STR_CONTAINS(ts_message(r), "message of 400000 bytes is over the limit of 200000 bytes");
    CHECK(srv_client_closed_by_server(c, TS_CALL_TIMEOUT_MS));
    srv_response_free(r);
out:
    free(frame);
    srv_client_close(c);
}

static void broken_frames_close_the_connection(const TestServer *ts)
{
    oversized_frame_with_its_body(ts);
    const uint8_t too_large[5] = {0, 0, 0x10, 0, 0};       /* 1 MiB, over --max-message */
    refused_header(ts, too_large, SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED,
                   "message of 1048576 bytes is over the limit of 200000 bytes");
    const uint8_t garbled[5] = {'G', 'E', 'T', ' ', '/'};   /* an HTTP client on the wrong port */
    refused_header(ts, garbled, SOURCING__STATUS_CODE__INVALID_ARGUMENT,
                   "garbled frame header: flag byte 0x47 is neither 0 nor 1");
    const uint8_t compressed[5] = {1, 0, 0, 0, 4};
    refused_header(ts, compressed, SOURCING__STATUS_CODE__UNIMPLEMENTED, "compressed frames are not supported");
}

static void expect(SrvClient *c, const void *frame, size_t len, int status, const char *text)
{
    Sourcing__Response *r = send_raw(c, frame, len);
    CHECK_MSG(r && r->status == (Sourcing__StatusCode)status, "status %d, expected %d (%s)",
              r ? (int)r->status : -1, status, ts_message(r));
    CHECK_STR_CONTAINS(ts_message(r), text);
    srv_response_free(r);
}

/* Bad requests inside intact frames: answered, and the same connection goes on. */
static void bad_requests_keep_the_connection(const TestServer *ts)
{
    SrvClient *c = ts_connect(ts);
    if (!c) {
        CHECK_MSG(0, "premise missing: a connection");
        return;
    }
    size_t len;
    uint8_t *f = garbage_frame("\xff\xff\xff\xff", 4, &len);
    expect(c, f, len, SOURCING__STATUS_CODE__INVALID_ARGUMENT, "the frame's 4 bytes are not a sourcing.Request");
    free(f);
    f = ts_request_frame(5, "Solve", "\x0a\xff\x01", 3, &len);
    expect(c, f, len, SOURCING__STATUS_CODE__INVALID_ARGUMENT, "the payload of 3 bytes is not a sourcing.Batch");
    free(f);
    f = ts_request_frame(6, "Frobnicate", NULL, 0, &len);
    expect(c, f, len, SOURCING__STATUS_CODE__UNIMPLEMENTED, "unknown method 'Frobnicate'");
    free(f);
    f = ts_request_frame(7, NULL, NULL, 0, &len);
    expect(c, f, len, SOURCING__STATUS_CODE__INVALID_ARGUMENT, "the request has no method");
    free(f);
    f = ts_request_frame(8, "Cancel", "\xff", 1, &len);
    expect(c, f, len, SOURCING__STATUS_CODE__INVALID_ARGUMENT, "not a sourcing.CancelRequest");
    free(f);
    Sourcing__HealthResponse *h = ts_health(c);
    CHECK(h && h->serving);
    if (h)
        protobuf_c_message_free_unpacked(&h->base, NULL);
    srv_client_close(c);
}

/* One connection: a duplicate id and more solves than --max-inflight-per-conn are refused. */
static void inflight_limits(const TestServer *ts, const Sourcing__Batch *hard)
{
    SrvClient *c = ts_connect(ts);
    SrcError err = {{0}};
    if (!c) {
        CHECK_MSG(0, "premise missing: a connection");
        return;
    }
    CHECK(srv_client_send(c, 1, "Solve", 60000, &hard->base, &err) == 0);
    CHECK(srv_client_send(c, 1, "Solve", 60000, &hard->base, &err) == 0);
    Sourcing__Response *r = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
    CHECK(r && r->request_id == 1 && r->status == SOURCING__STATUS_CODE__INVALID_ARGUMENT);
    CHECK_STR_CONTAINS(ts_message(r), "request id 1 is already in flight on this connection");
    srv_response_free(r);
    CHECK(srv_client_send(c, 2, "Solve", 60000, &hard->base, &err) == 0);
    CHECK(srv_client_send(c, 3, "Solve", 60000, &hard->base, &err) == 0);
    r = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
    CHECK(r && r->request_id == 3 && r->status == SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED);
    CHECK_STR_CONTAINS(ts_message(r), "2 solves already in flight on this connection");
    srv_response_free(r);
    srv_client_close(c);       /* and the two solves stop: the client is gone */
}

TEST(bad_input_is_answered_and_harms_no_one_else)
{
    TestServer ts;
    const char *flags[] = {"--threads", "3", "--max-message", "200000", "--max-inflight-per-conn", "2", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    Sourcing__Batch *hard = ts_batch("mip_hard.json"), *small = ts_batch("small.json");
    SrvClient *other = ts_connect(&ts);
    SrcError err = {{0}};
    TS_REQUIRE(hard && small && other);
    ts_time_limit(hard, 2.5);
    CHECK(srv_client_send(other, 42, "Solve", 0, &hard->base, &err) == 0);
    broken_frames_close_the_connection(&ts);
    bad_requests_keep_the_connection(&ts);
    inflight_limits(&ts, hard);
    SrvClient *partial = ts_connect(&ts);          /* half a frame, then gone */
    if (partial)
        CHECK(srv_client_send_raw(partial, "\0\0\0\x20\x08", 5, &err) == 0);
    srv_client_close(partial);
    Sourcing__Response *r = srv_client_wait(other, 42, TS_CALL_TIMEOUT_MS, &err);
    CHECK_MSG(r && r->status == SOURCING__STATUS_CODE__OK, "%s", r ? ts_message(r) : err.message);
    Sourcing__Plan *plan = r ? ts_plan(r) : NULL;
    CHECK(plan && plan->n_orders == 120);
    src_plan_free(plan);
    srv_response_free(r);
    r = srv_client_call(other, "Solve", 0, &small->base, TS_CALL_TIMEOUT_MS, &err);
    CHECK(r && r->status == SOURCING__STATUS_CODE__OK);
    srv_response_free(r);
    char *metrics = ts_http_get(&ts, "/metrics");
    CHECK_STR_CONTAINS(metrics, "sourcing_frame_errors_total 4\n");
    CHECK_STR_CONTAINS(metrics, "sourcing_requests_total{method=\"unknown\",status=\"UNIMPLEMENTED\"} 1\n");
    free(metrics);
out:
    src_batch_free(hard);
    src_batch_free(small);
    srv_client_close(other);
    CHECK(ts_stop(&ts) == 0);
}

TEST(idle_connections_are_closed_but_not_those_waiting_for_a_solve)
{
    TestServer ts;
    const char *flags[] = {"--idle-timeout", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    Sourcing__Batch *hard = ts_batch("mip_hard.json");
    SrvClient *idle = ts_connect(&ts), *waiting = ts_connect(&ts);
    SrcError err = {{0}};
    TS_REQUIRE(hard && idle && waiting);
    ts_time_limit(hard, 2.5);                      /* longer than the idle timeout */
    Sourcing__Response *r = srv_client_call(waiting, "Solve", 0, &hard->base, TS_CALL_TIMEOUT_MS, &err);
    CHECK_MSG(r && r->status == SOURCING__STATUS_CODE__OK, "%s", r ? ts_message(r) : err.message);
    srv_response_free(r);
    CHECK(srv_client_closed_by_server(idle, TS_CALL_TIMEOUT_MS));
out:
    src_batch_free(hard);
    srv_client_close(idle);
    srv_client_close(waiting);
    CHECK(ts_stop(&ts) == 0);
}

int main(void)
{
    RUN(bad_input_is_answered_and_harms_no_one_else);
    RUN(idle_connections_are_closed_but_not_those_waiting_for_a_solve);
    TEST_EXIT();
}
