/* The gRPC loop of bench_rpc: nghttp2's client session on one blocking TCP connection (h2c,
 * prior knowledge), `inflight` calls to /sourcing.Sourcing/Solve (or /Health) multiplexed as
 * streams. The request message (5-byte prefix + batch, or an empty HealthRequest) is built
 * once; each answer's grpc-status and message are checked. */
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "load.h"

typedef struct {
    int used;
    int64_t start_ns;
    size_t sent;                        /* request bytes given to nghttp2 */
    char grpc_status[8], grpc_message[160];
    uint8_t *answer;                    /* the DATA received, at most LOAD_MAX_ANSWER */
    size_t answer_len, answer_cap;
    int too_big;
} Stream;

typedef struct {
    const LoadSettings *s;
    LoadResult *r;
    int fd;
    uint8_t *message;                   /* the request body */
    size_t message_len;
    Stream streams[LOAD_MAX_INFLIGHT];
    int in_flight;
} Grpc;

static ssize_t on_send(nghttp2_session *session, const uint8_t *data, size_t len, int flags, void *arg)
{
    (void)session;
    (void)flags;
    Grpc *g = arg;
    size_t done = 0;
    while (done < len) {
        ssize_t n = send(g->fd, data + done, len - done, MSG_NOSIGNAL);
        if (n <= 0)
            return NGHTTP2_ERR_CALLBACK_FAILURE;
        done += (size_t)n;
    }
    return (ssize_t)len;
}

static ssize_t read_body(nghttp2_session *session, int32_t id, uint8_t *buf, size_t length,
                         uint32_t *flags, nghttp2_data_source *src, void *arg)
{
    (void)session;
    (void)id;
    Grpc *g = arg;
    Stream *st = src->ptr;
    size_t n = g->message_len - st->sent < length ? g->message_len - st->sent : length;
    memcpy(buf, g->message + st->sent, n);
    st->sent += n;
    if (st->sent == g->message_len)
        *flags |= NGHTTP2_DATA_FLAG_EOF;
    return (ssize_t)n;
}

static int on_header(nghttp2_session *session, const nghttp2_frame *frame, const uint8_t *name,
                     size_t namelen, const uint8_t *value, size_t valuelen, uint8_t flags, void *arg)
{
    (void)flags;
    (void)arg;
    Stream *st = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
    if (!st)
        return 0;
    if (namelen == 11 && !memcmp(name, "grpc-status", 11))
        snprintf(st->grpc_status, sizeof st->grpc_status, "%.*s", (int)valuelen, value);
    else if (namelen == 12 && !memcmp(name, "grpc-message", 12))
        snprintf(st->grpc_message, sizeof st->grpc_message, "%.*s", (int)valuelen, value);
    return 0;
}

static int on_data(nghttp2_session *session, uint8_t flags, int32_t id, const uint8_t *data,
                   size_t len, void *arg)
{
    (void)flags;
    (void)arg;
    Stream *st = nghttp2_session_get_stream_user_data(session, id);
    if (!st || st->too_big)
        return 0;
    if (st->answer_len + len > LOAD_MAX_ANSWER) {
        st->too_big = 1;
        return 0;
    }
    if (st->answer_len + len > st->answer_cap) {
        size_t cap = st->answer_cap ? st->answer_cap : 4096;
        while (cap < st->answer_len + len)
            cap *= 2;
        uint8_t *more = realloc(st->answer, cap);
        if (!more) {
            st->too_big = 1;
            return 0;
        }
        st->answer = more;
        st->answer_cap = cap;
    }
    memcpy(st->answer + st->answer_len, data, len);
    st->answer_len += len;
    return 0;
}

/* A closed stream: check its answer (one gRPC message: 0, 4-byte length, a plan). */
static int on_close(nghttp2_session *session, int32_t id, uint32_t error_code, void *arg)
{
    Grpc *g = arg;
    Stream *st = nghttp2_session_get_stream_user_data(session, id);
    if (!st)
        return 0;
    char why[200] = "";
    int ok = 0;
    const uint8_t *a = st->answer;
    size_t n = st->answer_len;
    if (error_code)
        snprintf(why, sizeof why, "stream reset (HTTP/2 error %u)", error_code);
    else if (strcmp(st->grpc_status, "0") != 0)
        snprintf(why, sizeof why, "grpc-status %s: %s", st->grpc_status[0] ? st->grpc_status : "missing",
                 st->grpc_message);
    else if (st->too_big || n < 5 || a[0] != 0 ||
             ((size_t)a[1] << 24 | (size_t)a[2] << 16 | (size_t)a[3] << 8 | a[4]) != n - 5)
        snprintf(why, sizeof why, "the answer is not one uncompressed gRPC message (%zu bytes)", n);
    else
        ok = load_answer_ok(g->s, a + 5, n - 5, why, sizeof why);
    load_record(g->r, st->start_ns, ok, why);
    st->used = 0;
    g->in_flight--;
    return 0;
}

#define NV(n, v) {(uint8_t *)(n), (uint8_t *)(v), sizeof(n) - 1, strlen(v), NGHTTP2_NV_FLAG_NONE}

static int submit(Grpc *g, nghttp2_session *session, Stream *st, const char *timeout)
{
    nghttp2_nv nva[] = {NV(":method", "POST"), NV(":scheme", "http"), NV(":authority", g->s->address),
                        NV(":path", g->s->health ? "/sourcing.Sourcing/Health" : "/sourcing.Sourcing/Solve"),
                        NV("content-type", "application/grpc"),
                        NV("te", "trailers"), NV("grpc-timeout", timeout)};
    st->used = 1;
    st->sent = 0;
    st->answer_len = 0;
    st->too_big = 0;
    st->grpc_status[0] = st->grpc_message[0] = 0;
    st->start_ns = load_now_ns();
    nghttp2_data_provider body = {.source.ptr = st, .read_callback = read_body};
    int32_t id = nghttp2_submit_request(session, NULL, nva, sizeof nva / sizeof nva[0], &body, st);
    if (id < 0) {
        snprintf(g->r->first_error, sizeof g->r->first_error, "nghttp2_submit_request: %s",
                 nghttp2_strerror(id));
        return -1;
    }
    g->in_flight++;
    return 0;
}

static int dial(const char *address, char *why, size_t size)
{
    char host[256];
    const char *colon = strrchr(address, ':');
    if (!colon || (size_t)(colon - address) >= sizeof host) {
        snprintf(why, size, "%s is not HOST:PORT", address);
        return -1;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - address), address);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
    int e = getaddrinfo(host, colon + 1, &hints, &res);
    if (e) {
        snprintf(why, size, "%s: %s", address, gai_strerror(e));
        return -1;
    }
    int fd = socket(res->ai_family, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, res->ai_addr, res->ai_addrlen) < 0) {
        snprintf(why, size, "connect %s: %m", address);
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static nghttp2_session *new_session(Grpc *g)
{
    nghttp2_session_callbacks *cb;
    nghttp2_session *session = NULL;
    if (nghttp2_session_callbacks_new(&cb) != 0)
        return NULL;
    nghttp2_session_callbacks_set_send_callback(cb, on_send);
    nghttp2_session_callbacks_set_on_header_callback(cb, on_header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, on_data);
    nghttp2_session_callbacks_set_on_stream_close_callback(cb, on_close);
    if (nghttp2_session_client_new(&session, cb, g) != 0)
        session = NULL;
    nghttp2_session_callbacks_del(cb);
    if (session && nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, NULL, 0) != 0) {
        nghttp2_session_del(session);
        session = NULL;
    }
    return session;
}

/* Sends what is queued, then waits for input and feeds it to the session; -1 on a broken
 * connection or a stall. */
static int pump(Grpc *g, nghttp2_session *session)
{
    if (nghttp2_session_send(session) != 0) {
        snprintf(g->r->first_error, sizeof g->r->first_error, "the connection broke while sending");
        return -1;
    }
    if (g->in_flight == 0)
        return 0;
    struct pollfd p = {.fd = g->fd, .events = POLLIN};
    if (poll(&p, 1, LOAD_STALL_MS) <= 0) {
        snprintf(g->r->first_error, sizeof g->r->first_error, "no answer for %d ms", LOAD_STALL_MS);
        return -1;
    }
    uint8_t buf[65536];
    ssize_t n = recv(g->fd, buf, sizeof buf, 0);
    if (n <= 0) {
        snprintf(g->r->first_error, sizeof g->r->first_error, "the server closed the connection");
        return -1;
    }
    ssize_t used = nghttp2_session_mem_recv(session, buf, (size_t)n);
    if (used < 0) {
        snprintf(g->r->first_error, sizeof g->r->first_error, "HTTP/2: %s", nghttp2_strerror((int)used));
        return -1;
    }
    return 0;
}

int load_grpc(const LoadSettings *s, LoadResult *r)
{
    Grpc g = {.s = s, .r = r, .message_len = s->batch_len + 5};
    g.message = malloc(g.message_len);
    g.fd = g.message ? dial(s->address, r->first_error, sizeof r->first_error) : -1;
    nghttp2_session *session = g.fd >= 0 ? new_session(&g) : NULL;
    if (!session) {
        if (!r->first_error[0])
            snprintf(r->first_error, sizeof r->first_error, "out of memory");
        free(g.message);
        if (g.fd >= 0)
            close(g.fd);
        return -1;
    }
    g.message[0] = 0;
    for (int i = 0; i < 4; i++)
        g.message[1 + i] = (uint8_t)(s->batch_len >> (24 - 8 * i));
    memcpy(g.message + 5, s->batch_bytes, s->batch_len);
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%um", s->deadline_ms);
    int rc = 0;
    for (;;) {
        for (int i = 0; i < s->inflight && load_now_ns() < s->end_ns && rc == 0; i++)
            if (!g.streams[i].used)
                rc = submit(&g, session, &g.streams[i], timeout);
        if (rc < 0 || (g.in_flight == 0 && load_now_ns() >= s->end_ns))
            break;
        if ((rc = pump(&g, session)) < 0)
            break;
    }
    nghttp2_session_del(session);
    close(g.fd);
    for (int i = 0; i < LOAD_MAX_INFLIGHT; i++)
        free(g.streams[i].answer);
    free(g.message);
    return rc;
}
