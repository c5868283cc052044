/* The gRPC port at the HTTP/2 level, with nghttp2's client session over a blocking socket:
 * what a stock client cannot send (a wrong content-type, a GET, a malformed grpc-timeout, two
 * messages in a unary call), the SETTINGS the server announces, and the framed port still
 * answering on the same server; GOAWAY at once when the server drains with a solve in flight.
 * grpc_timeout_parse on its own. */
#include <arpa/inet.h>
#include <nghttp2/nghttp2.h>
#include <poll.h>

#include "grpc_call.h"
#include "test_server_harness.h"

#define MAX_CALLS 8

typedef struct Call {
    int32_t id;
    char http_status[8], grpc_status[8], grpc_message[300];
    int closed;
} Call;

typedef struct H2 {
    int fd;
    nghttp2_session *session;
    Call calls[MAX_CALLS];
    int n_calls;
    int goaway;                       /* the server said GOAWAY */
} H2;

static Call *call_of(H2 *h, int32_t id)
{
    for (int i = 0; i < h->n_calls; i++)
        if (h->calls[i].id == id)
            return &h->calls[i];
    return NULL;
}

static int on_header(nghttp2_session *s, const nghttp2_frame *frame, const uint8_t *name, size_t namelen,
                     const uint8_t *value, size_t valuelen, uint8_t flags, void *arg)
{
    (void)s;
    (void)flags;
    Call *c = call_of(arg, frame->hd.stream_id);
    char *to = !c ? NULL
               : namelen == 7 && !memcmp(name, ":status", 7)       ? c->http_status
               : namelen == 11 && !memcmp(name, "grpc-status", 11)  ? c->grpc_status
               : namelen == 12 && !memcmp(name, "grpc-message", 12) ? c->grpc_message
                                                                    : NULL;
    if (to)
        snprintf(to, to == c->grpc_message ? sizeof c->grpc_message : 8, "%.*s", (int)valuelen, value);
    return 0;
}

static int on_close(nghttp2_session *s, int32_t id, uint32_t error_code, void *arg)
{
    (void)s;
    (void)error_code;
    Call *c = call_of(arg, id);
    if (c)
        c->closed = 1;
    return 0;
}

static int on_frame(nghttp2_session *s, const nghttp2_frame *frame, void *arg)
{
    (void)s;
    if (frame->hd.type == NGHTTP2_GOAWAY)
        ((H2 *)arg)->goaway = 1;
    return 0;
}

static ssize_t send_bytes(nghttp2_session *s, const uint8_t *data, size_t len, int flags, void *arg)
{
    (void)s;
    (void)flags;
    ssize_t n = send(((H2 *)arg)->fd, data, len, MSG_NOSIGNAL);
    return n < 0 ? NGHTTP2_ERR_CALLBACK_FAILURE : n;
}

static int h2_connect(H2 *h, int port)
{
    memset(h, 0, sizeof *h);
    h->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    if (h->fd < 0 || connect(h->fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    nghttp2_session_callbacks *cb;
    nghttp2_session_callbacks_new(&cb);
    nghttp2_session_callbacks_set_send_callback(cb, send_bytes);
    nghttp2_session_callbacks_set_on_header_callback(cb, on_header);
    nghttp2_session_callbacks_set_on_stream_close_callback(cb, on_close);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cb, on_frame);
    int rc = nghttp2_session_client_new(&h->session, cb, h);
    nghttp2_session_callbacks_del(cb);
    return rc == 0 && nghttp2_submit_settings(h->session, NGHTTP2_FLAG_NONE, NULL, 0) == 0 ? 0 : -1;
}

static void h2_close(H2 *h)
{
    if (h->session)
        nghttp2_session_del(h->session);
    if (h->fd >= 0)
        close(h->fd);
}

typedef struct Body {
    const uint8_t *data;
    size_t len, sent;
} Body;

static ssize_t read_body(nghttp2_session *s, int32_t id, uint8_t *buf, size_t length,
                         uint32_t *flags, nghttp2_data_source *src, void *arg)
{
    (void)s;
    (void)id;
    (void)arg;
    Body *b = src->ptr;
    size_t n = b->len - b->sent < length ? b->len - b->sent : length;
    memcpy(buf, b->data + b->sent, n);
    b->sent += n;
    if (b->sent == b->len)
        *flags |= NGHTTP2_DATA_FLAG_EOF;
    return (ssize_t)n;
}

#define NV(n, v) {(uint8_t *)(n), (uint8_t *)(v), strlen(n), strlen(v), NGHTTP2_NV_FLAG_NONE}

/* Opens a call; body NULL: GET without a body. */
static Call *h2_call(H2 *h, const char *method, const char *path, const char *type,
                     const char *timeout, Body *body)
{
    nghttp2_nv nva[] = {NV(":method", method), NV(":scheme", "http"), NV(":authority", "localhost"),
                        NV(":path", path), NV("content-type", type), NV("te", "trailers"),
                        NV("grpc-timeout", timeout ? timeout : "")};
    nghttp2_data_provider data = {.source.ptr = body, .read_callback = read_body};
    int32_t id = nghttp2_submit_request(h->session, NULL, nva, timeout ? 7 : 6, body ? &data : NULL, NULL);
    if (id < 0 || h->n_calls == MAX_CALLS)
        return NULL;
    h->calls[h->n_calls].id = id;
    return &h->calls[h->n_calls++];
}

/* Sends and reads until every call closed or, with until_goaway, until the server says GOAWAY.
 * 0 when that happened (GOAWAY before every call closed, with until_goaway); -1 on an error or
 * after TS_CALL_TIMEOUT_MS. */
static int h2_pump(H2 *h, int until_goaway)
{
    for (int waited = 0; waited < TS_CALL_TIMEOUT_MS && !(until_goaway && h->goaway); waited += 100) {
        if (nghttp2_session_send(h->session) != 0)
            return -1;
        int open = 0;
        for (int i = 0; i < h->n_calls; i++)
            open += !h->calls[i].closed;
        if (!open)
            return until_goaway ? -1 : 0;
        struct pollfd p = {.fd = h->fd, .events = POLLIN};
        if (poll(&p, 1, 100) <= 0)
            continue;
        uint8_t buf[16384];
        ssize_t n = recv(h->fd, buf, sizeof buf, 0);
        if (n <= 0 || nghttp2_session_mem_recv(h->session, buf, (size_t)n) < 0)
            return -1;
    }
    return until_goaway && h->goaway ? 0 : -1;
}

static int h2_run(H2 *h)
{
    return h2_pump(h, 0);
}

TEST(grpc_timeout_is_parsed_in_whole_milliseconds)
{
    uint32_t ms = 0;
    CHECK(grpc_timeout_parse("100m", 4, &ms) == 0 && ms == 100);
    CHECK(grpc_timeout_parse("5S", 2, &ms) == 0 && ms == 5000);
    CHECK(grpc_timeout_parse("2M", 2, &ms) == 0 && ms == 120000);
    CHECK(grpc_timeout_parse("1H", 2, &ms) == 0 && ms == 3600000);
    CHECK(grpc_timeout_parse("999u", 4, &ms) == 0 && ms == 1);      /* rounded up */
    CHECK(grpc_timeout_parse("1500u", 5, &ms) == 0 && ms == 2);
    CHECK(grpc_timeout_parse("1n", 2, &ms) == 0 && ms == 1);        /* never 0: that is "none" */
    CHECK(grpc_timeout_parse("99999999H", 9, &ms) == 0 && ms == UINT32_MAX);
    CHECK(grpc_timeout_parse("123456789m", 10, &ms) < 0);           /* 9 digits */
    CHECK(grpc_timeout_parse("m", 1, &ms) < 0);
    CHECK(grpc_timeout_parse("10x", 3, &ms) < 0);
    CHECK(grpc_timeout_parse("-1S", 3, &ms) < 0);
}

/* The third line of the port file: the gRPC port. */
static int grpc_port(const TestServer *ts)
{
    char path[128];
    ts_path(ts, "port", path, sizeof path);
    FILE *f = fopen(path, "r");
    int port = 0, a, b;
    if (f && fscanf(f, "%d %d %d", &a, &b, &port) != 3)
        port = 0;
    if (f)
        fclose(f);
    return port;
}

TEST(http2_requests_a_stock_client_cannot_send)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", "--grpc-listen", "127.0.0.1:0", "--max-inflight-per-conn",
                           "5", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    H2 h;
    CHECK(h2_connect(&h, grpc_port(&ts)) == 0);
    static const uint8_t empty[5] = {0, 0, 0, 0, 0};
    static const uint8_t two[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    Body b1 = {empty, 5, 0}, b2 = {empty, 5, 0}, b3 = {two, 10, 0}, b4 = {empty, 5, 0};
    Call *text = h2_call(&h, "POST", "/sourcing.Sourcing/Info", "text/plain", NULL, &b1);
    Call *get = h2_call(&h, "GET", "/sourcing.Sourcing/Info", "application/grpc", NULL, NULL);
    Call *bad_timeout = h2_call(&h, "POST", "/sourcing.Sourcing/Info", "application/grpc", "soon", &b2);
    Call *two_messages = h2_call(&h, "POST", "/sourcing.Sourcing/Info", "application/grpc+proto", NULL, &b3);
    Call *info = h2_call(&h, "POST", "/sourcing.Sourcing/Info", "application/grpc", "10S", &b4);
    CHECK(h2_run(&h) == 0);
    CHECK(nghttp2_session_get_remote_settings(h.session, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS) == 5);
    CHECK(text && !strcmp(text->http_status, "415") && !text->grpc_status[0]);
    CHECK(get && !strcmp(get->http_status, "405"));
    CHECK(bad_timeout && !strcmp(bad_timeout->grpc_status, "3"));
    CHECK_STR_CONTAINS(bad_timeout ? bad_timeout->grpc_message : "", "grpc-timeout header is malformed");
    CHECK(two_messages && !strcmp(two_messages->grpc_status, "3"));
    CHECK_STR_CONTAINS(two_messages ? two_messages->grpc_message : "", "not exactly one");
    CHECK(info && !strcmp(info->http_status, "200") && !strcmp(info->grpc_status, "0"));
    h2_close(&h);
    SrvClient *c = ts_connect(&ts);           /* the framed port is unchanged */
    Sourcing__HealthResponse *health = c ? ts_health(c) : NULL;
    CHECK(health && health->serving);
    if (health)
        protobuf_c_message_free_unpacked(&health->base, NULL);
    srv_client_close(c);
    CHECK(ts_stop(&ts) == 0);
}

/* --max-buffered-bytes on the gRPC port: a message whose announced length does not fit is
 * answered RESOURCE_EXHAUSTED at its 5-byte prefix, and the connection serves the next call. */
TEST(a_grpc_message_over_the_buffer_budget_is_refused)
{
    TestServer ts;
    const char *flags[] = {"--grpc-listen", "127.0.0.1:0", "--max-buffered-bytes", "1048576", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    H2 h;
    CHECK(h2_connect(&h, grpc_port(&ts)) == 0);
    static uint8_t big[5 + 100] = {0, 0, 0x20, 0, 0};         /* announces 2 MiB, sends 100 bytes */
    static const uint8_t empty[5] = {0, 0, 0, 0, 0};
    Body b1 = {big, sizeof big, 0}, b2 = {empty, 5, 0};
    Call *solve = h2_call(&h, "POST", "/sourcing.Sourcing/Solve", "application/grpc", NULL, &b1);
    Call *info = h2_call(&h, "POST", "/sourcing.Sourcing/Info", "application/grpc", NULL, &b2);
    CHECK(h2_run(&h) == 0);
    CHECK(solve && !strcmp(solve->grpc_status, "8"));
    CHECK_STR_CONTAINS(solve ? solve->grpc_message : "", "does not fit in --max-buffered-bytes (1 MiB)");
    CHECK(info && !strcmp(info->grpc_status, "0"));
    h2_close(&h);
    char *metrics = ts_http_get(&ts, "/metrics");
    CHECK_STR_CONTAINS(metrics, "\nsourcing_frames_shed_total 1\n");
    free(metrics);
    CHECK(ts_stop(&ts) == 0);
}

/* Reads until the server says GOAWAY or every call closed; 0 when GOAWAY came first. */
static int h2_until_goaway(H2 *h)
{
    return h2_pump(h, 1);
}

/* SIGTERM with a solve in flight on an HTTP/2 connection: GOAWAY comes at once (a proxy sends
 * new calls elsewhere), not after the solve; the solve still answers on that connection (with
 * its best plan when the grace ends) and the server exits 0. */
TEST(draining_says_goaway_before_the_solves_in_flight_end)
{
    TestServer ts;
    const char *flags[] = {"--threads", "1", "--grpc-listen", "127.0.0.1:0", "--grace", "1", NULL};
    CHECK(ts_start(&ts, flags) == 0);
    Sourcing__Batch *batch = ts_batch("mip_hard.json");
    CHECK(batch != NULL);
    if (!batch)
        return;
    ts_time_limit(batch, 600);        /* runs until the grace ends and the server stops it */
    size_t len = sourcing__batch__get_packed_size(batch);
    uint8_t *msg = malloc(len + 5);
    msg[0] = 0;
    for (int i = 0; i < 4; i++)
        msg[1 + i] = (uint8_t)(len >> (24 - 8 * i));
    sourcing__batch__pack(batch, msg + 5);
    Body body = {msg, len + 5, 0};
    H2 h;
    CHECK(h2_connect(&h, grpc_port(&ts)) == 0);
    Call *solve = h2_call(&h, "POST", "/sourcing.Sourcing/Solve", "application/grpc", "10M", &body);
    CHECK(solve && nghttp2_session_send(h.session) == 0);
    SrvClient *c = ts_connect(&ts);
    CHECK(c && ts_wait_busy(c, 1, TS_CALL_TIMEOUT_MS));
    srv_client_close(c);
    kill(ts.pid, SIGTERM);
    CHECK(h2_until_goaway(&h) == 0);
    CHECK(solve && !solve->closed);   /* GOAWAY came while the solve ran */
    CHECK(h2_run(&h) == 0);
    CHECK(solve && !strcmp(solve->http_status, "200") && !strcmp(solve->grpc_status, "0"));
    h2_close(&h);
    CHECK(ts_wait_exit(&ts, TS_CALL_TIMEOUT_MS) == 0);
    free(msg);
    src_batch_free(batch);
}

int main(void)
{
    RUN(grpc_timeout_is_parsed_in_whole_milliseconds);
    RUN(http2_requests_a_stock_client_cannot_send);
    RUN(a_grpc_message_over_the_buffer_budget_is_refused);
    RUN(draining_says_goaway_before_the_solves_in_flight_end);
    TEST_EXIT();
}
