/* gRPC over HTTP/2 (h2c, prior knowledge): nghttp2's server session on a connection's
 * bufferevent. Requests are read by the session's callbacks into GrpcStreams (grpc_call.c);
 * answers are HEADERS + one length-prefixed message + trailers (grpc-status, grpc-message), or
 * trailers alone when there is no message. Loop thread only. */
#include <event2/buffer.h>
#include <nghttp2/nghttp2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffers.h"
#include "complete.h"
#include "frame.h"
#include "grpc_conn.h"
#include "log.h"

typedef struct GrpcSession {
    nghttp2_session *session;
    GrpcStream *streams;
    int in_session;               /* inside mem_recv/mem_send: nghttp2 may not be re-entered */
    int said_goodbye;
} GrpcSession;

#define NV(name, value) {(uint8_t *)(name), (uint8_t *)(value), sizeof(name) - 1, strlen(value), \
                         NGHTTP2_NV_FLAG_NONE}

static GrpcSession *session_of(Conn *c)
{
    return c->transport_state;
}

/* Writes what the session has to send into the bufferevent (not from inside nghttp2). */
static void flush(Conn *c)
{
    GrpcSession *g = session_of(c);
    if (!c->bev || !g || g->in_session)
        return;
    g->in_session = 1;
    const uint8_t *data;
    ssize_t n;
    while ((n = nghttp2_session_mem_send(g->session, &data)) > 0)
        bufferevent_write(c->bev, data, (size_t)n);
    g->in_session = 0;
    if (n < 0)
        conn_close(c, DROP_PROTOCOL, nghttp2_strerror((int)n));
}

static void free_stream(Conn *c, GrpcStream *st)
{
    buffers_hold(c, -(long)(st->body_cap + st->reserved), -(long)(st->out_len - st->out_sent));
    free(st->body);
    free(st->out);
    free(st->message);
    free(st);
}

static void unlink_stream(GrpcSession *g, GrpcStream *st)
{
    for (GrpcStream **p = &g->streams; *p; p = &(*p)->next)
        if (*p == st) {
            *p = st->next;
            return;
        }
}

/* ------------------------------------------------------------------ the session's callbacks */

static int on_begin_headers(nghttp2_session *session, const nghttp2_frame *frame, void *arg)
{
    Conn *c = arg;
    if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST)
        return 0;
    GrpcStream *st = calloc(1, sizeof *st);
    if (!st)
        return NGHTTP2_ERR_CALLBACK_FAILURE;
    st->id = frame->hd.stream_id;
    st->next = session_of(c)->streams;
    session_of(c)->streams = st;
    nghttp2_session_set_stream_user_data(session, st->id, st);
    return 0;
}

static int on_header(nghttp2_session *session, const nghttp2_frame *frame, const uint8_t *name,
                     size_t namelen, const uint8_t *value, size_t valuelen, uint8_t flags, void *arg)
{
    (void)flags;
    (void)arg;
    GrpcStream *st = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
    if (st && frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST)
        grpc_call_header(st, name, namelen, value, valuelen);
    return 0;
}

static int on_data_chunk(nghttp2_session *session, uint8_t flags, int32_t stream_id,
                         const uint8_t *data, size_t len, void *arg)
{
    (void)flags;
    GrpcStream *st = nghttp2_session_get_stream_user_data(session, stream_id);
    if (st)
        grpc_call_data(arg, st, data, len);
    return 0;
}

static int on_frame_recv(nghttp2_session *session, const nghttp2_frame *frame, void *arg)
{
    if (frame->hd.type != NGHTTP2_DATA && frame->hd.type != NGHTTP2_HEADERS)
        return 0;
    GrpcStream *st = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
    if (!st)
        return 0;
    if (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) {
        st->request_ended = 1;
        grpc_call_end(arg, st);
    } else if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
        grpc_call_headers_done(arg, st);     /* an unknown path is answered before its body */
    }
    return 0;
}

/* An answer ended its stream before the request did (refused early: unknown path, oversized or
 * compressed message): RST_STREAM(NO_ERROR) tells the client to stop sending the rest (RFC 9113
 * 8.1, as the gRPC protocol asks). */
static int on_frame_send(nghttp2_session *session, const nghttp2_frame *frame, void *arg)
{
    (void)arg;
    if ((frame->hd.type != NGHTTP2_DATA && frame->hd.type != NGHTTP2_HEADERS) ||
        !(frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
        return 0;
    GrpcStream *st = nghttp2_session_get_stream_user_data(session, frame->hd.stream_id);
    if (st && !st->request_ended)
        nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, st->id, NGHTTP2_NO_ERROR);
    return 0;
}

/* A stream ends: answered, or reset by the client (RST_STREAM), whose solve then stops. */
static int on_stream_close(nghttp2_session *session, int32_t stream_id, uint32_t error_code,
                           void *arg)
{
    (void)error_code;
    Conn *c = arg;
    GrpcStream *st = nghttp2_session_get_stream_user_data(session, stream_id);
    if (!st)
        return 0;
    st->closed = 1;
    Job *job = conn_find_job(c, (uint64_t)stream_id);
    if (job)
        job_stop(job, STOP_DISCONNECT);
    unlink_stream(session_of(c), st);
    free_stream(c, st);
    return 0;
}

/* ------------------------------------------------------------------ answers */

/* The DATA of an answer: the length-prefixed message, then the trailers. */
static ssize_t read_answer(nghttp2_session *session, int32_t stream_id, uint8_t *buf, size_t length,
                           uint32_t *data_flags, nghttp2_data_source *source, void *arg)
{
    GrpcStream *st = source->ptr;
    size_t n = st->out_len - st->out_sent;
    if (n > length)
        n = length;
    memcpy(buf, st->out + st->out_sent, n);
    st->out_sent += n;
    buffers_hold(arg, 0, -(long)n);
    if (st->out_sent == st->out_len) {
        *data_flags |= NGHTTP2_DATA_FLAG_EOF | NGHTTP2_DATA_FLAG_NO_END_STREAM;
        char code[12];
        snprintf(code, sizeof code, "%d", st->status);
        nghttp2_nv trailers[] = {NV("grpc-status", code), NV("grpc-message", st->message)};
        if (nghttp2_submit_trailer(session, stream_id, trailers, 2) != 0)
            return NGHTTP2_ERR_CALLBACK_FAILURE;
    }
    return (ssize_t)n;
}

/* grpc-message is percent-encoded: bytes outside printable ASCII, and '%'. */
static char *percent_encode(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(3 * n + 1), *p = out;
    if (!out)
        return NULL;
    for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
        if (*s < 0x20 || *s > 0x7e || *s == '%')
            p += sprintf(p, "%%%02X", *s);
        else
            *p++ = (char)*s;
    }
    *p = '\0';
    return out;
}

/* The message as gRPC frames it: flag 0, 4-byte length, the bytes. */
static int keep_message(Conn *c, GrpcStream *st, const uint8_t *payload, size_t len)
{
    st->out = malloc(FRAME_HEADER_BYTES + len);
    if (!st->out)
        return -1;
    frame_write_header(st->out, (uint32_t)len);
    if (len)
        memcpy(st->out + FRAME_HEADER_BYTES, payload, len);
    st->out_len = FRAME_HEADER_BYTES + len;
    buffers_hold(c, 0, (long)st->out_len);
    return 0;
}

static int submit_answer(Conn *c, GrpcStream *st)
{
    nghttp2_session *session = session_of(c)->session;
    char code[12];
    snprintf(code, sizeof code, "%d", st->status);
    if (st->out) {
        nghttp2_nv headers[] = {NV(":status", "200"), NV("content-type", "application/grpc")};
        nghttp2_data_provider data = {.source.ptr = st, .read_callback = read_answer};
        return nghttp2_submit_response(session, st->id, headers, 2, &data);
    }
    nghttp2_nv only[] = {NV(":status", "200"), NV("content-type", "application/grpc"),
                         NV("grpc-status", code), NV("grpc-message", st->message)};
    return nghttp2_submit_response(session, st->id, only, 4, NULL);
}

/* The transport's send: an OK answer carries its message (an empty one when there is none);
 * any other status is trailers only. */
static void grpc_send(Conn *c, uint64_t id, int status, const char *message,
                      const uint8_t *payload, size_t payload_len)
{
    GrpcSession *g = session_of(c);
    GrpcStream *st = id <= INT32_MAX ? nghttp2_session_get_stream_user_data(g->session, (int32_t)id) : NULL;
    if (!st || st->answered || st->closed)
        return;                     /* reset by the client, or answered already */
    st->answered = 1;
    st->status = status;
    st->message = percent_encode(message ? message : "");
    if (!st->message || (status == 0 && keep_message(c, st, payload, payload ? payload_len : 0) < 0) ||
        submit_answer(c, st) != 0)
        nghttp2_submit_rst_stream(g->session, NGHTTP2_FLAG_NONE, st->id, NGHTTP2_INTERNAL_ERROR);
    flush(c);
}

void grpc_conn_http_error(Conn *c, GrpcStream *st, int http_status)
{
    GrpcSession *g = session_of(c);
    char code[12];
    snprintf(code, sizeof code, "%d", http_status);
    nghttp2_nv headers[] = {NV(":status", code)};
    st->answered = 1;
    if (nghttp2_submit_response(g->session, st->id, headers, 1, NULL) != 0)
        nghttp2_submit_rst_stream(g->session, NGHTTP2_FLAG_NONE, st->id, NGHTTP2_INTERNAL_ERROR);
    log_event("peer=%s stream=%d path=%s: HTTP %d", c->peer, st->id, st->path, http_status);
    flush(c);
}

/* ------------------------------------------------------------------ the transport */

static int grpc_open(Conn *c)
{
    GrpcSession *g = calloc(1, sizeof *g);
    nghttp2_session_callbacks *cb = NULL;
    if (!g || nghttp2_session_callbacks_new(&cb) != 0) {
        free(g);
        return -1;
    }
    nghttp2_session_callbacks_set_on_begin_headers_callback(cb, on_begin_headers);
    nghttp2_session_callbacks_set_on_header_callback(cb, on_header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, on_data_chunk);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cb, on_frame_recv);
    nghttp2_session_callbacks_set_on_stream_close_callback(cb, on_stream_close);
    nghttp2_session_callbacks_set_on_frame_send_callback(cb, on_frame_send);
    int rc = nghttp2_session_server_new(&g->session, cb, c);
    nghttp2_session_callbacks_del(cb);
    if (rc != 0) {
        free(g);
        return -1;
    }
    c->transport_state = g;
    /* a client may have no more calls open at once than solves in flight */
    nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, (uint32_t)c->server->config.max_inflight_per_conn}};
    if (nghttp2_submit_settings(g->session, NGHTTP2_FLAG_NONE, settings, 1) != 0)
        return -1;
    flush(c);
    return 0;
}

static void grpc_read(Conn *c)
{
    GrpcSession *g = session_of(c);
    struct evbuffer *in = bufferevent_get_input(c->bev);
    size_t len = evbuffer_get_length(in);
    g->in_session = 1;
    ssize_t n = nghttp2_session_mem_recv(g->session, evbuffer_pullup(in, -1), len);
    g->in_session = 0;
    if (n < 0) {
        conn_close(c, DROP_PROTOCOL, nghttp2_strerror((int)n));
        return;
    }
    evbuffer_drain(in, (size_t)n);
    flush(c);
    if (c->bev && !nghttp2_session_want_read(g->session) && !nghttp2_session_want_write(g->session))
        conn_close_when_flushed(c, DROP_NONE, "the client said GOAWAY");  /* and nothing is left to do */
}

/* GOAWAY before a connection closes (the server drains): the client opens no more streams.
 * Inside nghttp2's callbacks (a reset stream's solve was the last in flight) it is only
 * submitted: grpc_read writes it when the session returns. */
static int grpc_goodbye(Conn *c)
{
    GrpcSession *g = session_of(c);
    if (!g || g->said_goodbye)
        return 0;
    g->said_goodbye = 1;
    nghttp2_submit_goaway(g->session, NGHTTP2_FLAG_NONE,
                          nghttp2_session_get_last_proc_stream_id(g->session), NGHTTP2_NO_ERROR,
                          NULL, 0);
    flush(c);
    return g->in_session;
}

static void grpc_release(Conn *c)
{
    GrpcSession *g = session_of(c);
    if (!g)
        return;
    nghttp2_session_del(g->session);
    while (g->streams) {
        GrpcStream *st = g->streams;
        g->streams = st->next;
        free_stream(c, st);
    }
    free(g);
    c->transport_state = NULL;
}

/* Over --max-connections: HTTP/2's own no, from a session of its own: the server's preface (its
 * SETTINGS) and GOAWAY(last stream 0, REFUSED_STREAM) with the reason as debug data. No stream
 * was processed, so a client may retry on a new connection (RFC 9113 6.8). */
static uint8_t *grpc_refusal(const char *message, size_t *len)
{
    nghttp2_session_callbacks *cb = NULL;
    nghttp2_session *session = NULL;
    uint8_t *out = NULL;
    if (nghttp2_session_callbacks_new(&cb) != 0)
        return NULL;
    int rc = nghttp2_session_server_new(&session, cb, NULL);
    nghttp2_session_callbacks_del(cb);
    if (rc != 0)
        return NULL;
    const uint8_t *data;
    ssize_t n = 0;
    if (nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, NULL, 0) == 0 &&
        nghttp2_submit_goaway(session, NGHTTP2_FLAG_NONE, 0, NGHTTP2_REFUSED_STREAM,
                              (const uint8_t *)message, strlen(message)) == 0) {
        struct evbuffer *buf = evbuffer_new();
        while (buf && (n = nghttp2_session_mem_send(session, &data)) > 0)
            evbuffer_add(buf, data, (size_t)n);
        *len = buf ? evbuffer_get_length(buf) : 0;
        out = n == 0 && *len > 0 ? malloc(*len) : NULL;
        if (out)
            evbuffer_remove(buf, out, *len);
        if (buf)
            evbuffer_free(buf);
    }
    nghttp2_session_del(session);
    return out;
}

const ConnTransport CONN_GRPC = {.name = "grpc", .open = grpc_open, .read = grpc_read,
                                 .send = grpc_send, .goodbye = grpc_goodbye,
                                 .release = grpc_release, .refusal = grpc_refusal};
