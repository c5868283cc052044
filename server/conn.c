/* Client connections: accepting, reading, writing answers, closing. Loop thread only. The
 * service's own framing (CONN_FRAMED) is here too; gRPC's transport is grpc_conn.c. */
#include <event2/buffer.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "admit.h"
#include "buffers.h"
#include "clock.h"
#include "conn.h"
#include "complete.h"
#include "dispatch.h"
#include "frame.h"
#include "log.h"
#include "reply.h"
#include "service.pb-c.h"
#include "shutdown.h"
#include "tls.h"

#define OUTPUT_HIGH_WATER (8u << 20)  /* stop reading requests while this much output waits */
#define FLUSH_TIMEOUT_SECONDS 10      /* for the last answers of a connection being closed */
#define LINGER_SECONDS 2              /* then for the client to see them and close its side */

static void on_read(struct bufferevent *bev, void *arg);
static void on_write(struct bufferevent *bev, void *arg);
static void on_event(struct bufferevent *bev, short what, void *arg);

/* Every answer is written: half-close, and read (and drop) until the client closes too, so that
 * unread request bytes do not make the kernel reset the connection before the client has read
 * its last answers. */
static void linger(Conn *c)
{
    tls_close_notify(c->bev);
    shutdown(bufferevent_getfd(c->bev), SHUT_WR);
    struct timeval wait = {LINGER_SECONDS, 0};
    bufferevent_set_timeouts(c->bev, &wait, NULL);
    bufferevent_enable(c->bev, EV_READ);
}

static void link_conn(Server *s, Conn *c)
{
    c->next = s->conns;
    if (s->conns)
        s->conns->prev = c;
    s->conns = c;
    s->n_conns++;
}

static void unlink_conn(Server *s, Conn *c)
{
    if (c->prev)
        c->prev->next = c->next;
    else
        s->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;
    s->n_conns--;
}

/* The framed protocol's refusal: a RESOURCE_EXHAUSTED Response frame. */
static uint8_t *framed_refusal(const char *message, size_t *len)
{
    Sourcing__Response resp = SOURCING__RESPONSE__INIT;
    resp.has_status = 1;
    resp.status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED;
    resp.message = (char *)message;
    return frame_pack(&resp.base, len);
}

/* A frame begun and not completed in time (a slow or stalled sender): answered, then closed. */
static void on_frame_timeout(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Conn *c = arg;
    char message[200];
    snprintf(message, sizeof message,
             "a frame was not completed within %d s (--frame-timeout); closing the connection",
             c->server->config.frame_timeout);
    c->server->metrics.frame_timeouts++;
    reply(c, &(Reply){.status = SOURCING__STATUS_CODE__DEADLINE_EXCEEDED, .message = message,
                      .received_ns = clock_now_ns()});
    conn_close_when_flushed(c, DROP_FRAME_TIMEOUT, message);
}

/* Arms the frame timer when bytes of an incomplete frame wait, restarts it when a frame was
 * just completed, disarms it when nothing waits. */
static void watch_partial_frame(Conn *c, int completed_one)
{
    if (!c->frame_timer || c->closing)
        return;
    size_t waiting = evbuffer_get_length(bufferevent_get_input(c->bev));
    if (completed_one || waiting == 0)
        evtimer_del(c->frame_timer);
    if (waiting > 0 && !evtimer_pending(c->frame_timer, NULL)) {
        struct timeval limit = {c->server->config.frame_timeout, 0};
        evtimer_add(c->frame_timer, &limit);
    }
}

/* The idle timeout; until a TLS handshake ends, --frame-timeout instead (when set), so that a
 * stalled handshake does not hold a connection for as long as an idle client may. */
static void set_timeouts(Conn *c)
{
    const SrvConfig *config = &c->server->config;
    int seconds = c->tls && !c->tls_ready && config->frame_timeout > 0 ? config->frame_timeout
                                                                       : config->idle_timeout;
    struct timeval limit = {seconds, 0};   /* writing: only while answers wait to be read */
    bufferevent_set_timeouts(c->bev, seconds > 0 ? &limit : NULL, seconds > 0 ? &limit : NULL);
}

void conn_accept(Server *s, evutil_socket_t fd, const struct sockaddr *peer, const ConnTransport *t)
{
    SSL_CTX *tls = t == &CONN_FRAMED ? s->tls_framed : s->tls_grpc;
    if (!admit_connection(s, fd, peer, t))
        return;
    Conn *c = calloc(1, sizeof *c);
    struct bufferevent *bev = c ? tls_bufferevent(s->base, fd, tls) : NULL;
    if (!bev) {
        free(c);
        admit_refuse(s, fd, peer, t, DROP_OUT_OF_MEMORY, "the server is out of memory; retry later");
        return;
    }
    if (s->config.frame_timeout > 0 && t == &CONN_FRAMED)
        c->frame_timer = evtimer_new(s->base, on_frame_timeout, c);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->server = s;
    c->transport = t;
    c->bev = bev;
    c->tls = tls != NULL;
    c->refs = 1;
    addr_format(peer, c->peer, sizeof c->peer);
    admit_peer_ip(peer, c->ip, sizeof c->ip);
    link_conn(s, c);
    buffers_track(c);
    s->metrics.connections_total++;
    bufferevent_setcb(bev, on_read, on_write, on_event, c);
    set_timeouts(c);
    bufferevent_enable(bev, EV_READ | EV_WRITE);
    if (t->open && t->open(c) < 0)
        conn_close(c, DROP_OUT_OF_MEMORY, "cannot set up the connection's protocol");
}

Conn *conn_open_borrowed(Server *s, const char *peer, const ConnTransport *t, void *state)
{
    Conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->server = s;
    c->transport = t;
    c->transport_state = state;
    c->borrowed = 1;
    c->refs = 1;
    snprintf(c->peer, sizeof c->peer, "%s", peer);
    link_conn(s, c);
    return c;
}

int conn_is_open(const Conn *c)
{
    return c->bev != NULL || c->borrowed;
}

int conn_send(Conn *c, uint64_t id, int status, const char *message, const uint8_t *payload,
              size_t payload_len)
{
    if (!conn_is_open(c) || c->closing || c->dropping)
        return -1;
    size_t size = payload_len + (message ? strlen(message) : 0) + 64;
    if (!buffers_admits(c, size) && buffers_behind(c)) {
        char why[240];
        snprintf(why, sizeof why, "the client does not read its answers (%zu bytes wait unread) and "
                 "the server's buffers hold %zu MiB (--max-buffered-bytes %zu MiB)",
                 c->held_out + evbuffer_get_length(bufferevent_get_output(c->bev)),
                 c->server->buffered >> 20, c->server->config.max_buffered_bytes >> 20);
        conn_drop_soon(c, DROP_SLOW_READER, why);
        return -1;
    }
    c->transport->send(c, id, status, message, payload, payload_len);
    return 0;
}

static void framed_send(Conn *c, uint64_t id, int status, const char *message,
                        const uint8_t *payload, size_t payload_len)
{
    Sourcing__Response resp = SOURCING__RESPONSE__INIT;
    resp.has_request_id = 1;
    resp.request_id = id;
    resp.has_status = 1;
    resp.status = (Sourcing__StatusCode)status;
    resp.message = (char *)(message ? message : "");
    resp.has_payload = payload != NULL;
    resp.payload.data = (uint8_t *)payload;
    resp.payload.len = payload ? payload_len : 0;
    size_t len = 0;
    uint8_t *frame = frame_pack(&resp.base, &len);
    if (!frame) {
        conn_close(c, DROP_OUT_OF_MEMORY, "out of memory encoding an answer");
        return;
    }
    bufferevent_write(c->bev, frame, len);
    free(frame);
}

/* The answer to a frame refused by its header, then the connection closes. */
static void refuse_frame(Conn *c, FrameCheck check, const SrcError *err)
{
    int status = check == FRAME_TOO_LARGE    ? SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED
                 : check == FRAME_COMPRESSED ? SOURCING__STATUS_CODE__UNIMPLEMENTED
                                             : SOURCING__STATUS_CODE__INVALID_ARGUMENT;
    char message[1100];
    snprintf(message, sizeof message, "%s; closing the connection", err->message);
    c->server->metrics.frame_errors++;
    reply(c, &(Reply){.status = status, .message = message, .received_ns = clock_now_ns()});
    conn_close_when_flushed(c, DROP_BAD_FRAME, message);
}

/* A new frame of len bytes that does not fit in --max-buffered-bytes: answered
 * RESOURCE_EXHAUSTED with its request id when its first bytes are here (else 0), and its bytes
 * are dropped as they come. The connection stays. */
static void shed_frame(Conn *c, uint32_t len, size_t have)
{
    uint8_t start[FRAME_HEADER_BYTES + 11];
    size_t n = evbuffer_copyout(bufferevent_get_input(c->bev), start, have < sizeof start ? have : sizeof start);
    uint64_t id = n > FRAME_HEADER_BYTES ? buffers_peek_request_id(start + FRAME_HEADER_BYTES, n - FRAME_HEADER_BYTES) : 0;
    char message[300];
    buffers_shed(c, "frame", len, message, sizeof message);
    c->skip = FRAME_HEADER_BYTES + (size_t)len;
    reply(c, &(Reply){.id = id, .status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED,
                      .message = message, .received_ns = clock_now_ns()});
}

/* Drops what arrived of a shed frame: 1 when it is all gone, 0 while more is to come. */
static int skip_frame(Conn *c)
{
    struct evbuffer *in = bufferevent_get_input(c->bev);
    size_t have = evbuffer_get_length(in), n = have < c->skip ? have : c->skip;
    evbuffer_drain(in, n);
    c->skip -= n;
    return c->skip == 0;
}

/* 1 when a frame was handled, 0 when more bytes are needed, -1 when reading stops. */
static int read_frame(Conn *c)
{
    if (c->skip)
        return skip_frame(c);
    struct evbuffer *in = bufferevent_get_input(c->bev);
    size_t have = evbuffer_get_length(in);
    if (have < FRAME_HEADER_BYTES)
        return 0;
    uint8_t header[FRAME_HEADER_BYTES];
    evbuffer_copyout(in, header, sizeof header);
    uint32_t len = 0;
    SrcError err = {{0}};
    FrameCheck check = frame_check_header(header, c->server->config.max_message, &len, &err);
    if (check != FRAME_OK) {
        refuse_frame(c, check, &err);
        return -1;
    }
    size_t whole = FRAME_HEADER_BYTES + (size_t)len;
    if (!c->frame_expect) {             /* a new frame: it fits in the budget, or it is shed */
        if (whole > have && len > BUFFERS_SMALL_FRAME && !buffers_admits(c, whole - have)) {
            shed_frame(c, len, have);
            return 1;
        }
        c->frame_expect = whole;
        buffers_update(c);
    }
    if (have < whole)
        return 0;
    c->frame_expect = 0;
    uint8_t *body = malloc(len ? len : 1);
    if (!body) {
        conn_close(c, DROP_OUT_OF_MEMORY, "out of memory reading a request");
        return -1;
    }
    evbuffer_drain(in, FRAME_HEADER_BYTES);
    evbuffer_remove(in, body, len);
    dispatch_frame(c, body, len, clock_now_ns());
    return 1;
}

static void framed_read(Conn *c)
{
    int completed = 0;
    while (c->bev && !c->closing && !c->dropping && !c->read_paused && read_frame(c) > 0)
        completed = 1;
    if (c->bev)
        watch_partial_frame(c, completed);
}

const ConnTransport CONN_FRAMED = {.name = "framed", .read = framed_read, .send = framed_send,
                                   .refusal = framed_refusal};

static void on_read(struct bufferevent *bev, void *arg)
{
    Conn *c = arg;
    if (c->closing || c->dropping) {  /* lingering: what the client still sends is dropped */
        struct evbuffer *in = bufferevent_get_input(bev);
        evbuffer_drain(in, evbuffer_get_length(in));
        return;
    }
    conn_ref(c);
    c->transport->read(c);
    if (c->bev && !c->closing &&
        evbuffer_get_length(bufferevent_get_output(c->bev)) > OUTPUT_HIGH_WATER) {
        c->read_paused = 1;
        bufferevent_disable(c->bev, EV_READ);
    }
    conn_unref(c);
}

static void on_write(struct bufferevent *bev, void *arg)
{
    Conn *c = arg;
    if (c->closing) {
        linger(c);
        return;
    }
    if (c->read_paused) {
        c->read_paused = 0;
        bufferevent_enable(bev, EV_READ);
        on_read(bev, c);
    }
    if (c->bev)
        conn_maybe_finish(c);
}

/* A TLS connection that ends before its handshake did: counted, and logged with OpenSSL's reason
 * (a plaintext client, a client that does not trust our certificate, a port scanner). */
static void handshake_failed(Conn *c, short what)
{
    char why[300];
    c->server->metrics.tls_handshake_failures++;
    if (what & BEV_EVENT_ERROR)
        tls_error_text(c->bev, why, sizeof why);
    else
        snprintf(why, sizeof why, "TLS: %s", what & BEV_EVENT_EOF ? "the client closed the connection"
                                                                   : "timed out");
    char message[400];
    snprintf(message, sizeof message, "TLS handshake failed: %s", why);
    conn_close(c, DROP_TLS_ERROR, message);       /* its log line: "dropped (tls_error) ..." */
}

static void on_event(struct bufferevent *bev, short what, void *arg)
{
    Conn *c = arg;
    if (what & BEV_EVENT_CONNECTED) {       /* a TLS handshake ended */
        c->tls_ready = 1;
        set_timeouts(c);
        return;
    }
    if (c->tls && !c->tls_ready) {
        handshake_failed(c, what);
        return;
    }
    if ((what & BEV_EVENT_TIMEOUT) && (what & BEV_EVENT_READING) && c->n_jobs > 0 && !c->closing) {
        bufferevent_enable(bev, EV_READ);       /* waiting for answers is not idleness */
        return;
    }
    if ((what & BEV_EVENT_TIMEOUT) && c->closing && evbuffer_get_length(bufferevent_get_output(bev)) > 0)
        conn_close(c, DROP_FLUSH_TIMEOUT, "closing: the client did not read its last answers");
    else if ((what & BEV_EVENT_TIMEOUT) && c->closing)
        conn_close(c, DROP_NONE, "closing: every answer written; the client did not close its side");
    else if ((what & BEV_EVENT_TIMEOUT) && (what & BEV_EVENT_WRITING))
        conn_close(c, DROP_IDLE_TIMEOUT, "the client does not read its answers (idle timeout)");
    else if (what & BEV_EVENT_TIMEOUT)
        conn_close(c, DROP_IDLE_TIMEOUT, "idle timeout");
    else if (what & BEV_EVENT_EOF)
        conn_close(c, DROP_NONE, "the client closed the connection");
    else if ((what & BEV_EVENT_ERROR) && c->tls) {
        char why[300];
        conn_close(c, c->closing ? DROP_NONE : DROP_TLS_ERROR, tls_error_text(bev, why, sizeof why));
    } else if (what & BEV_EVENT_ERROR)
        conn_close(c, c->closing ? DROP_NONE : DROP_SOCKET_ERROR,
                   evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
}

/* The log line and the counter of a drop. */
static void note_drop(Conn *c, ConnDrop reason, const char *why)
{
    if (reason == DROP_NONE)
        return;
    c->server->metrics.drops[reason]++;
    log_event("peer=%s dropped (%s), %d solves in flight: %s", c->peer, drop_name(reason),
              c->n_jobs, why);
}

void conn_close_when_flushed(Conn *c, ConnDrop reason, const char *why)
{
    if (!c->bev || c->closing)
        return;
    note_drop(c, reason, why);
    int more = c->transport->goodbye ? c->transport->goodbye(c) : 0;
    c->closing = 1;
    bufferevent_disable(c->bev, EV_READ);
    struct timeval flush = {FLUSH_TIMEOUT_SECONDS, 0};
    bufferevent_set_timeouts(c->bev, NULL, &flush);
    if (!more && evbuffer_get_length(bufferevent_get_output(c->bev)) == 0)
        linger(c);                  /* else on_write lingers once the output is written */
}

void conn_maybe_finish(Conn *c)
{
    if (c->borrowed && c->n_jobs == 0 && !c->closing) {
        conn_close(c, DROP_NONE, "nothing in flight");
        return;
    }
    if (!c->bev || !c->server->draining)
        return;
    if (c->n_jobs == 0)
        conn_close_when_flushed(c, DROP_NONE, "the server drains");
    else if (c->transport->goodbye)
        c->transport->goodbye(c);   /* HTTP/2: GOAWAY now, so a proxy sends new calls elsewhere
                                     * while the solves in flight finish */
}

static void on_drop_soon(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Conn *c = arg;
    if (c->bev)
        conn_close(c, c->dropping, c->drop_why);
    conn_unref(c);
}

void conn_drop_soon(Conn *c, ConnDrop reason, const char *why)
{
    if (!c->bev || c->dropping)
        return;
    c->dropping = reason;
    snprintf(c->drop_why, sizeof c->drop_why, "%s", why);
    bufferevent_disable(c->bev, EV_READ);
    struct timeval now = {0, 0};
    conn_ref(c);
    if (event_base_once(c->server->base, -1, EV_TIMEOUT, on_drop_soon, c, &now) < 0) {
        conn_unref(c);
        log_event("peer=%s: cannot schedule its drop (%s)", c->peer, why);
    }
}

void conn_close(Conn *c, ConnDrop reason, const char *why)
{
    if (!conn_is_open(c))
        return;
    Server *s = c->server;
    if (reason != DROP_NONE)
        note_drop(c, reason, why);
    else if (c->n_jobs > 0)
        log_event("peer=%s closed with %d solves in flight, which stop: %s", c->peer, c->n_jobs, why);
    if (c->frame_timer)
        event_free(c->frame_timer);
    c->frame_timer = NULL;
    if (c->bev) {
        buffers_untrack(c);
        bufferevent_free(c->bev);
    }
    c->bev = NULL;
    c->borrowed = 0;
    if (c->transport->release)
        c->transport->release(c);
    buffers_release(c);
    unlink_conn(s, c);
    conn_stop_jobs(c, STOP_DISCONNECT);
    conn_unref(c);
    shutdown_check_done(s);
}

void conn_stop_jobs(Conn *c, JobStop why)
{
    for (Job *job = c->jobs, *next; job; job = next) {
        next = job->conn_next;    /* job_stop may answer job and take it off the list */
        job_stop(job, why);
    }
}

void conn_ref(Conn *c)
{
    c->refs++;
}

void conn_unref(Conn *c)
{
    if (--c->refs == 0)
        free(c);
}

Job *conn_find_job(const Conn *c, uint64_t request_id)
{
    for (Job *job = c->jobs; job; job = job->conn_next)
        if (job->request_id == request_id)
            return job;
    return NULL;
}

void conn_add_job(Conn *c, Job *job)
{
    job->conn_next = c->jobs;
    c->jobs = job;
    c->n_jobs++;
}

void conn_remove_job(Conn *c, Job *job)
{
    for (Job **p = &c->jobs; *p; p = &(*p)->conn_next) {
        if (*p == job) {
            *p = job->conn_next;
            job->conn_next = NULL;
            c->n_jobs--;
            return;
        }
    }
}
