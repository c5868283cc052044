/* Admission limits on a real server: one connection over --max-connections is answered
 * RESOURCE_EXHAUSTED and closed (and counted), while those admitted are served; a frame begun
 * and never completed (a slowloris sender) is answered DEADLINE_EXCEEDED after --frame-timeout
 * and closed, although the idle timeout is far away. */
#include "test_server_harness.h"

static unsigned long metric(const TestServer *ts, const char *name)
{
    char *text = ts_http_get(ts, "/metrics"), key[128];
    snprintf(key, sizeof key, "\n%s ", name);
    const char *at = strstr(text, key);
    unsigned long n = at ? strtoul(at + strlen(key), NULL, 10) : 0;
    free(text);
    return n;
}

TEST(a_connection_over_the_limit_is_answered_and_closed)
{
    TestServer ts;
    const char *flags[] = {"--max-connections", "2", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *a = ts_connect(&ts), *b = ts_connect(&ts), *over = NULL;
    SrcError err = {{0}};
    TS_REQUIRE(a && b);
    Sourcing__HealthResponse *h = ts_health(b);       /* both are admitted before the third */
    CHECK(h && h->connections == 2);
    if (h)
        protobuf_c_message_free_unpacked(&h->base, NULL);
    over = ts_connect(&ts);
    TS_REQUIRE(over);
    Sourcing__Response *r = srv_client_read(over, TS_CALL_TIMEOUT_MS, &err);
    CHECK_MSG(r && r->status == SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED, "%s", r ? ts_message(r) : err.message);
    CHECK_STR_CONTAINS(ts_message(r), "2 connections are open (--max-connections); retry later");
    srv_response_free(r);
    CHECK(srv_client_closed_by_server(over, TS_CALL_TIMEOUT_MS));
    h = ts_health(a);                                  /* the admitted ones are still served */
    CHECK(h && h->serving);
    if (h)
        protobuf_c_message_free_unpacked(&h->base, NULL);
    CHECK(metric(&ts, "sourcing_connections_refused_total") == 1);
out:
    srv_client_close(a);
    srv_client_close(b);
    srv_client_close(over);
    CHECK(ts_stop(&ts) == 0);
}

TEST(a_frame_never_completed_is_cut_off_by_the_frame_timeout)
{
    TestServer ts;
    const char *flags[] = {"--frame-timeout", "1", "--idle-timeout", "3600", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    SrvClient *slow = ts_connect(&ts);
    SrcError err = {{0}};
    TS_REQUIRE(slow);
    const uint8_t partial[3] = {0, 0, 0};             /* 3 of a header's 5 bytes, then nothing */
    CHECK(srv_client_send_raw(slow, partial, sizeof partial, &err) == 0);
    Sourcing__Response *r = srv_client_read(slow, TS_CALL_TIMEOUT_MS, &err);
    CHECK_MSG(r && r->status == SOURCING__STATUS_CODE__DEADLINE_EXCEEDED, "%s", r ? ts_message(r) : err.message);
    CHECK_STR_CONTAINS(ts_message(r), "a frame was not completed within 1 s (--frame-timeout)");
    srv_response_free(r);
    CHECK(srv_client_closed_by_server(slow, TS_CALL_TIMEOUT_MS));
    CHECK(metric(&ts, "sourcing_frame_timeouts_total") == 1);
out:
    srv_client_close(slow);
    CHECK(ts_stop(&ts) == 0);
}

int main(void)
{
    RUN(a_connection_over_the_limit_is_answered_and_closed);
    RUN(a_frame_never_completed_is_cut_off_by_the_frame_timeout);
    TEST_EXIT();
}
