/* The service's pure parts: frame headers, deadline budgets, metrics text, addresses, statuses. */
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "addr.h"
#include "deadline.h"
#include "frame.h"
#include "metrics.h"
#include "status.h"
#include "test.h"

TEST(frame_headers_are_checked)
{
    SrcError err = {{0}};
    uint32_t len = 0;
    uint8_t ok[5] = {0, 0, 0, 1, 2};
    CHECK(frame_check_header(ok, 1000, &len, &err) == FRAME_OK && len == 258);
    uint8_t big[5] = {0, 0, 0, 0x10, 0};
    CHECK(frame_check_header(big, 1000, &len, &err) == FRAME_TOO_LARGE && len == 4096);
    CHECK_STR_CONTAINS(err.message, "message of 4096 bytes is over the limit of 1000 bytes");
    uint8_t compressed[5] = {1, 0, 0, 0, 3};
    CHECK(frame_check_header(compressed, 1000, &len, &err) == FRAME_COMPRESSED);
    CHECK_STR_CONTAINS(err.message, "compressed frames are not supported");
    uint8_t garbled[5] = {'{', '"', 'a', '"', ':'};
    CHECK(frame_check_header(garbled, 1000, &len, &err) == FRAME_GARBLED);
    CHECK_STR_CONTAINS(err.message, "flag byte 0x7b is neither 0 nor 1");
    uint8_t max[5] = {0, 0xff, 0xff, 0xff, 0xff};
    CHECK(frame_check_header(max, FRAME_MAX_LENGTH, &len, &err) == FRAME_OK && len == 0xffffffffu);
}

TEST(frames_round_trip)
{
    Sourcing__Request req = SOURCING__REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = 77;
    req.method = "Health";
    size_t len = 0;
    uint8_t *frame = frame_pack(&req.base, &len);
    CHECK(frame && len == FRAME_HEADER_BYTES + protobuf_c_message_get_packed_size(&req.base));
    uint32_t body = 0;
    SrcError err = {{0}};
    CHECK(frame && frame_check_header(frame, 100, &body, &err) == FRAME_OK && body + 5 == len);
    Sourcing__Request *back = frame ? (Sourcing__Request *)protobuf_c_message_unpack(
                                          &sourcing__request__descriptor, NULL, body, frame + 5)
                                    : NULL;
    CHECK(back && back->request_id == 77 && !strcmp(back->method, "Health") && !back->has_deadline_ms);
    if (back)
        protobuf_c_message_free_unpacked(&back->base, NULL);
    uint8_t *payload = frame_pack_payload(&req.base, &len);    /* the same bytes, no header */
    CHECK(payload && frame && len + FRAME_HEADER_BYTES == body + 5 && !memcmp(payload, frame + 5, len));
    free(payload);
    Sourcing__HealthRequest empty = SOURCING__HEALTH_REQUEST__INIT;
    payload = frame_pack_payload(&empty.base, &len);           /* 0 bytes, still a buffer */
    CHECK(payload && len == 0);
    free(payload);
    free(frame);
}

TEST(budget_keeps_a_margin)
{
    CHECK_CLOSE(deadline_margin_ms(100), 30.0);
    CHECK_CLOSE(deadline_margin_ms(10000), 1020.0);
    CHECK_CLOSE(deadline_margin_ms(600000), 2000.0);
    SolveDeadline b = deadline_for(1000, 50.0, 50.1);   /* received at 50 s, starts 100 ms later */
    CHECK(!b.expired);
    CHECK_CLOSE(b.solve_by, 50.0 + (1000 - 120) / 1000.0);
    CHECK_CLOSE(b.left_ms, 900.0);
    b = deadline_for(100, 50.0, 50.08);           /* 20 ms left, margin 30 ms */
    CHECK(b.expired && CLOSE(b.left_ms, 20.0) && CLOSE(b.margin_ms, 30.0));
    b = deadline_for(100, 50.0, 50.15);
    CHECK(b.expired && b.left_ms < 0);
    b = deadline_for(0, 50.0, 55.0);              /* no deadline: the batch's limit or the default */
    CHECK(!b.expired && b.solve_by == 0);
}

TEST(metrics_render_prometheus_text)
{
    Metrics m;
    metrics_init(&m);
    metrics_count_request(&m, "Solve", 0, 0.003);
    metrics_count_request(&m, "Solve", 0, 0.2);
    metrics_count_request(&m, "Solve", 8, 0.0001);
    metrics_count_request(&m, "Frob", 12, 0.0001);
    metrics_count_request(&m, NULL, 3, 0.0001);
    JobResult r = {.has_plan = 1, .plan_status = "HEURISTIC", .fell_back = 1};
    metrics_count_plan(&m, &r);
    JobResult mip = {.has_plan = 1, .plan_status = "FEASIBLE", .has_gap = 1, .gap = 0.03};
    metrics_count_plan(&m, &mip);
    MetricsGauges g = {.queue_depth = 3, .queue_capacity = 8, .workers = 2, .busy_workers = 2, .connections = 5};
    char *text = metrics_render(&m, &g);
    CHECK_STR_CONTAINS(text, "sourcing_requests_total{method=\"Solve\",status=\"OK\"} 2\n");
    CHECK_STR_CONTAINS(text, "sourcing_requests_total{method=\"Solve\",status=\"RESOURCE_EXHAUSTED\"} 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_requests_total{method=\"unknown\",status=\"UNIMPLEMENTED\"} 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_requests_total{method=\"none\",status=\"INVALID_ARGUMENT\"} 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_request_duration_seconds_bucket{method=\"Solve\",le=\"0.001\"} 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_request_duration_seconds_bucket{method=\"Solve\",le=\"0.005\"} 2\n");
    CHECK_STR_CONTAINS(text, "sourcing_request_duration_seconds_bucket{method=\"Solve\",le=\"0.25\"} 3\n");
    CHECK_STR_CONTAINS(text, "sourcing_request_duration_seconds_bucket{method=\"Solve\",le=\"+Inf\"} 3\n");
    CHECK_STR_CONTAINS(text, "sourcing_request_duration_seconds_count{method=\"Solve\"} 3\n");
    CHECK_STR_CONTAINS(text, "sourcing_plans_total{status=\"HEURISTIC\"} 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_greedy_fallbacks_total 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_mip_gap_bucket{le=\"0.02\"} 0\n");
    CHECK_STR_CONTAINS(text, "sourcing_mip_gap_bucket{le=\"0.05\"} 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_mip_gap_count 1\n");
    CHECK_STR_CONTAINS(text, "sourcing_queue_depth 3\n");
    CHECK_STR_CONTAINS(text, "sourcing_workers_busy 2\n");
    CHECK_STR_CONTAINS(text, "sourcing_connections 5\n");
    free(text);
}

TEST(addresses_parse_and_print)
{
    SrvAddr a;
    SrcError err = {{0}};
    char buf[64];
    CHECK(addr_parse("127.0.0.1:7411", 0, &a, &err) == 0);
    CHECK(!strcmp(addr_format((struct sockaddr *)&a.ss, buf, sizeof buf), "127.0.0.1:7411"));
    CHECK(addr_parse("[::1]:80", 0, &a, &err) == 0);
    CHECK(!strcmp(addr_format((struct sockaddr *)&a.ss, buf, sizeof buf), "[::1]:80"));
    CHECK(addr_parse("127.0.0.1:0", 1, &a, &err) == 0 && addr_port((struct sockaddr *)&a.ss) == 0);
    CHECK(addr_parse("127.0.0.1:0", 0, &a, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "port 0 is not a server's port");
    CHECK(addr_parse("7411", 0, &a, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "address '7411': expected HOST:PORT");
    CHECK(addr_parse("127.0.0.1:99999", 0, &a, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "not a number from 0 to 65535");
}

TEST(a_socket_bound_to_port_0_reports_the_port_it_got)
{
    SrvAddr a;
    SrcError err = {{0}};
    CHECK(addr_parse("127.0.0.1:0", 1, &a, &err) == 0);
    int fd = socket(a.ss.ss_family, SOCK_STREAM, 0);
    CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&a.ss, a.len) == 0);
    CHECK(addr_bound_port(fd) > 0);
    close(fd);
    CHECK(addr_bound_port(-1) == -1);
}

TEST(status_names_are_grpc_names)
{
    CHECK(!strcmp(srv_status_name(0), "OK"));
    CHECK(!strcmp(srv_status_name(4), "DEADLINE_EXCEEDED"));
    CHECK(!strcmp(srv_status_name(8), "RESOURCE_EXHAUSTED"));
    CHECK(!strcmp(srv_status_name(14), "UNAVAILABLE"));
    CHECK(!strcmp(srv_status_name(99), "UNKNOWN"));
}

int main(void)
{
    RUN(frame_headers_are_checked);
    RUN(frames_round_trip);
    RUN(budget_keeps_a_margin);
    RUN(metrics_render_prometheus_text);
    RUN(addresses_parse_and_print);
    RUN(a_socket_bound_to_port_0_reports_the_port_it_got);
    RUN(status_names_are_grpc_names);
    TEST_EXIT();
}
