/* Decoding with limits on a real server: payloads that protobuf-c alone would unpack into
 * gigabytes are refused by counting first (the server's peak memory proves it never unpacked
 * them), envelopes of unknown fields are refused on the loop at once, and the protocol's edges:
 * NUL bytes in strings, deadlines that do not fit in 32 bits, a reused request id. */
#include "test_server_harness.h"

#define PEAK_LIMIT_KB (300 * 1024)   /* the server's VmHWM: far under what unpacking would take */

/* The server's peak resident memory in KiB (VmHWM), -1 if unreadable. */
static long peak_kb(const TestServer *ts)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)ts->pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

/* n copies of the same bytes: a payload made of n tiny fields. */
static uint8_t *repeat(const char *bytes, size_t each, size_t n)
{
    uint8_t *out = malloc(each * n);
    for (size_t i = 0; out && i < n; i++)
        memcpy(out + i * each, bytes, each);
    return out;
}

/* Sends a Solve with raw payload bytes and returns the answer. */
static Sourcing__Response *solve_raw(SrvClient *c, uint64_t id, uint32_t deadline_ms, const uint8_t *payload,
                                     size_t len)
{
    Sourcing__Request req = SOURCING__REQUEST__INIT;
    req.has_request_id = req.has_deadline_ms = req.has_payload = 1;
    req.request_id = id;
    req.method = "Solve";
    req.deadline_ms = deadline_ms;
    req.payload.data = (uint8_t *)payload;
    req.payload.len = len;
    size_t frame_len = 0;
    uint8_t *frame = frame_pack(&req.base, &frame_len);
    SrcError err = {{0}};
    Sourcing__Response *r = NULL;
    if (frame && srv_client_send_raw(c, frame, frame_len, &err) == 0)
        r = srv_client_wait(c, id, TS_CALL_TIMEOUT_MS, &err);
    if (!r)
        printf("#   no answer: %s\n", err.message);
    free(frame);
    return r;
}

/* Sends a hand-encoded envelope (body without header) and returns the next answer. */
static Sourcing__Response *send_envelope(SrvClient *c, const uint8_t *body, size_t len)
{
    uint8_t *frame = malloc(FRAME_HEADER_BYTES + len);
    frame_write_header(frame, (uint32_t)len);
    memcpy(frame + FRAME_HEADER_BYTES, body, len);
    SrcError err = {{0}};
    Sourcing__Response *r = NULL;
    if (srv_client_send_raw(c, frame, FRAME_HEADER_BYTES + len, &err) == 0)
        r = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
    if (!r)
        printf("#   no answer: %s\n", err.message);
    free(frame);
    return r;
}

#define CHECK_STATUS(r, expected)                                                                  \
    CHECK_MSG((r) && (r)->status == (expected), "status %d (%s), expected %d",                     \
              (r) ? (int)(r)->status : -1, ts_message(r), (int)(expected))

/* 4 Mi empty orders (8 MiB): unpacked, about 900 MB; counted, refused at the millionth. */
TEST(a_batch_of_millions_of_empty_orders_is_refused_by_counting)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", "--max-message", "16777216", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts), *other = ts_connect(&ts);
    CHECK(c != NULL && other != NULL);
    uint8_t *payload = repeat("\x2a\x00", 2, (size_t)4 << 20);     /* field 5 (orders), empty */
    Sourcing__Batch *small = ts_batch("small.json");
    CHECK(payload != NULL && small != NULL);
    if (c && other && payload && small) {
        Sourcing__Response *r = solve_raw(c, 1, 0, payload, (size_t)8 << 20);   /* no deadline to race */
        CHECK_STATUS(r, SOURCING__STATUS_CODE__INVALID_ARGUMENT);
        CHECK_STR_CONTAINS(ts_message(r), "orders: more than 1000000 entries, the most a batch may have");
        srv_response_free(r);
        long kb = peak_kb(&ts);
        CHECK_MSG(kb > 0 && kb < PEAK_LIMIT_KB, "server peak memory %ld KiB", kb);
        SrcError err = {{0}};
        r = srv_client_call(other, "Solve", 0, &small->base, TS_CALL_TIMEOUT_MS, &err);
        CHECK_STATUS(r, SOURCING__STATUS_CODE__OK);
        srv_response_free(r);
    }
    free(payload);
    src_batch_free(small);
    srv_client_close(c);
    srv_client_close(other);
    CHECK(ts_stop(&ts) == 0);
}

/* 90 000 empty nodes: under the count limit, but about 19 MiB once decoded. */
TEST(a_batch_over_the_decode_memory_is_answered_resource_exhausted)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", "--max-decode-memory", "16777216", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts);
    uint8_t *payload = repeat("\x12\x00", 2, 90000);            /* field 2 (nodes), empty */
    CHECK(c != NULL && payload != NULL);
    if (c && payload) {
        Sourcing__Response *r = solve_raw(c, 7, 0, payload, 180000);
        CHECK_STATUS(r, SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED);
        CHECK_STR_CONTAINS(ts_message(r), "would take more than 16 MiB to decode (--max-decode-memory");
        CHECK(r && r->request_id == 7);
        srv_response_free(r);
    }
    free(payload);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

/* 8 MiB of unknown 2-byte fields in the envelope: refused at the 17th, on the loop. */
TEST(an_envelope_of_unknown_fields_is_refused_without_unpacking)
{
    TestServer ts;
    const char *flags[] = {"--max-message", "16777216", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts);
    size_t n = (size_t)4 << 20;
    uint8_t *body = repeat("\x78\x00", 2, n);                    /* field 15, varint 0 */
    CHECK(c != NULL && body != NULL);
    if (c && body) {
        Sourcing__Response *r = send_envelope(c, body, 2 * n);
        CHECK_STATUS(r, SOURCING__STATUS_CODE__INVALID_ARGUMENT);
        CHECK_STR_CONTAINS(ts_message(r), "more than 16 unknown fields: is this a sourcing.Request?");
        srv_response_free(r);
        long kb = peak_kb(&ts);
        CHECK_MSG(kb > 0 && kb < PEAK_LIMIT_KB, "server peak memory %ld KiB", kb);
        Sourcing__HealthResponse *h = ts_health(c);                /* the connection goes on */
        CHECK(h && h->serving);
        if (h)
            protobuf_c_message_free_unpacked(&h->base, NULL);
    }
    free(body);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

/* "Health\0junk" is not Health; an order id "o\0x" is not "o"; 2^32 ms is not "no deadline". */
TEST(nul_bytes_and_oversized_deadlines_are_refused)
{
    TestServer ts;
    CHECK(ts_start(&ts, NULL) == 0);
    SrvClient *c = ts_connect(&ts);
    CHECK(c != NULL);
    if (c) {
        static const uint8_t method_nul[] = "\x08\x01\x12\x0bHealth\0junk";
        Sourcing__Response *r = send_envelope(c, method_nul, sizeof method_nul - 1);
        CHECK_STATUS(r, SOURCING__STATUS_CODE__INVALID_ARGUMENT);
        CHECK_STR_CONTAINS(ts_message(r), "method: contains a NUL byte");
        srv_response_free(r);
        /* id 2, method Health, deadline_ms = 2^32 (varint 80 80 80 80 10) */
        static const uint8_t deadline_2_32[] = "\x08\x02\x12\x06Health\x18\x80\x80\x80\x80\x10";
        r = send_envelope(c, deadline_2_32, sizeof deadline_2_32 - 1);
        CHECK_STATUS(r, SOURCING__STATUS_CODE__INVALID_ARGUMENT);
        CHECK_STR_CONTAINS(ts_message(r), "deadline_ms: 4294967296 does not fit in 32 bits");
        srv_response_free(r);
        static const uint8_t order_nul[] = "\x2a\x05\x0a\x03o\0x";   /* orders[0].id = "o\0x" */
        r = solve_raw(c, 3, 0, order_nul, sizeof order_nul - 1);
        CHECK_STATUS(r, SOURCING__STATUS_CODE__INVALID_ARGUMENT);
        CHECK_STR_CONTAINS(ts_message(r), "orders[0].id: contains a NUL byte");
        srv_response_free(r);
    }
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

/* A deadline longer than the solver's 24 h limit is a legal deadline: the solve gets 24 h. */
TEST(a_deadline_over_a_day_is_clamped_not_refused)
{
    TestServer ts;
    CHECK(ts_start(&ts, NULL) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *small = ts_batch("small.json");
    CHECK(c != NULL && small != NULL);
    if (c && small) {
        SrcError err = {{0}};
        Sourcing__Response *r = srv_client_call(c, "Solve", 4000000000u, &small->base, TS_CALL_TIMEOUT_MS, &err);
        CHECK_STATUS(r, SOURCING__STATUS_CODE__OK);
        srv_response_free(r);
    }
    src_batch_free(small);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

/* What a client sees when it reuses an id in flight: the refusal at once (INVALID_ARGUMENT, no
 * payload, "already in flight"), then the first request's own answer, both with that id. */
TEST(a_reused_request_id_gets_a_refusal_then_the_original_answer)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *c = ts_connect(&ts);
    Sourcing__Batch *hard = ts_batch("mip_hard.json");
    CHECK(c != NULL && hard != NULL);
    if (c && hard) {
        ts_time_limit(hard, 1.0);
        SrcError err = {{0}};
        CHECK(srv_client_send(c, 9, "Solve", 0, &hard->base, &err) == 0);
        CHECK(srv_client_send(c, 9, "Solve", 0, &hard->base, &err) == 0);
        Sourcing__Response *first = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
        Sourcing__Response *second = srv_client_read(c, TS_CALL_TIMEOUT_MS, &err);
        CHECK_STATUS(first, SOURCING__STATUS_CODE__INVALID_ARGUMENT);
        CHECK(first && first->request_id == 9 && !first->has_payload);
        CHECK_STR_CONTAINS(ts_message(first), "request id 9 is already in flight on this connection");
        CHECK_STATUS(second, SOURCING__STATUS_CODE__OK);
        CHECK(second && second->request_id == 9 && second->has_payload);
        srv_response_free(first);
        srv_response_free(second);
    }
    src_batch_free(hard);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

int main(void)
{
    RUN(a_batch_of_millions_of_empty_orders_is_refused_by_counting);
    RUN(a_batch_over_the_decode_memory_is_answered_resource_exhausted);
    RUN(an_envelope_of_unknown_fields_is_refused_without_unpacking);
    RUN(nul_bytes_and_oversized_deadlines_are_refused);
    RUN(a_deadline_over_a_day_is_clamped_not_refused);
    RUN(a_reused_request_id_gets_a_refusal_then_the_original_answer);
    TEST_EXIT();
}
