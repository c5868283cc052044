/* POST /v1/solve on the HTTP port: a batch as JSON in, the plan as JSON out. Each request
 * becomes a borrowed connection (conn.h) whose one Solve goes through submit.c like any other:
 * the same queue, workers, deadlines, log and metrics. The worker parses the JSON and writes the
 * plan's JSON (job->json); this file only checks the request, and maps the answer's status to
 * HTTP (docs/protocol.md, "JSON endpoint"). Loop thread only. */
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>
#include <sys/socket.h>

#include "clock.h"
#include "conn.h"
#include "http_solve.h"
#include "reply.h"
#include "status.h"
#include "submit.h"

typedef struct HttpCall {
    struct evhttp_request *req;   /* NULL once answered, or once the client left */
    struct evhttp_connection *evcon;
    struct event *watch;          /* the socket, for the client leaving while its solve runs */
    int http_code;                /* 0: from the status; else this (405, 413, 415) */
} HttpCall;

/* Stops watching the client's socket and forgets the request (it is answered or gone). */
static struct evhttp_request *take_request(HttpCall *call)
{
    struct evhttp_request *req = call->req;
    call->req = NULL;
    if (call->watch)
        event_free(call->watch);
    call->watch = NULL;
    if (req)
        evhttp_connection_set_closecb(call->evcon, NULL, NULL);
    return req;
}

/* google.rpc.Code's HTTP mapping (google/rpc/code.proto). */
static int http_code_of(int status)
{
    switch (status) {
    case 0: return 200;                         /* OK */
    case 1: return 499;                         /* CANCELLED: the client went away */
    case 3: return 400;                         /* INVALID_ARGUMENT */
    case 4: return 504;                         /* DEADLINE_EXCEEDED */
    case 5: return 404;                         /* NOT_FOUND */
    case 7: return 403;                         /* PERMISSION_DENIED */
    case 8: return 429;                         /* RESOURCE_EXHAUSTED */
    case 12: return 501;                        /* UNIMPLEMENTED */
    case 14: return 503;                        /* UNAVAILABLE */
    case 16: return 401;                        /* UNAUTHENTICATED */
    default: return 500;                        /* UNKNOWN, INTERNAL, ... */
    }
}

static const char *reason_of(int code)
{
    switch (code) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 499: return "Client Closed Request";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Internal Server Error";
    }
}

/* {"status": NAME, "message": TEXT} and, when the solver made one (an INVALID plan), "plan". */
static int add_error_body(struct evbuffer *body, int status, const char *message,
                          const uint8_t *plan, size_t plan_len)
{
    json_t *text = json_string(message ? message : "");
    char *quoted = text ? json_dumps(text, JSON_ENCODE_ANY) : NULL;
    json_decref(text);
    if (!quoted)
        return -1;
    evbuffer_add_printf(body, "{\"status\": \"%s\", \"message\": %s", srv_status_name(status), quoted);
    free(quoted);
    if (plan) {
        evbuffer_add_printf(body, ", \"plan\": ");
        evbuffer_add(body, plan, plan_len);
    }
    evbuffer_add_printf(body, "}\n");
    return 0;
}

/* The answer is written (or its connection closed first): the borrowed connection closes. */
static void written(Conn *c)
{
    if (conn_is_open(c)) {
        HttpCall *call = c->transport_state;
        evhttp_connection_set_closecb(call->evcon, NULL, NULL);
        conn_close(c, "answered");
    }
    conn_unref(c);
}

static void on_written(struct evhttp_request *req, void *arg)
{
    (void)req;
    written(arg);
}

static void on_closed_while_writing(struct evhttp_connection *evcon, void *arg)
{
    (void)evcon;
    written(arg);
}

/* Hands the answer to evhttp; the connection stays open (and the server up) until it is
 * written. */
static void send_reply(Conn *c, HttpCall *call, struct evhttp_request *req, int code,
                       struct evbuffer *body)
{
    c->closing = 1;
    conn_ref(c);
    evhttp_request_set_on_complete_cb(req, on_written, c);
    evhttp_connection_set_closecb(call->evcon, on_closed_while_writing, c);
    if (body)
        evhttp_send_reply(req, code, reason_of(code), body);
    else
        evhttp_send_error(req, 500, "out of memory");
}

/* The transport's send: one HTTP answer, then the request is the client's again. */
static void http_send(Conn *c, uint64_t id, int status, const char *message,
                      const uint8_t *payload, size_t payload_len)
{
    (void)id;
    HttpCall *call = c->transport_state;
    struct evhttp_request *req = take_request(call);
    if (!req)
        return;
    int code = call->http_code ? call->http_code : http_code_of(status);
    struct evbuffer *body = evbuffer_new();
    int failed = !body;
    if (!failed && status == 0 && payload)
        failed = evbuffer_add(body, payload, payload_len) < 0;
    else if (!failed)
        failed = add_error_body(body, status, message, payload, payload_len) < 0;
    if (!failed) {
        struct evkeyvalq *out = evhttp_request_get_output_headers(req);
        evhttp_add_header(out, "Content-Type", "application/json");
        if (code == 405)
            evhttp_add_header(out, "Allow", "POST");
    }
    send_reply(c, call, req, code, failed ? NULL : body);
    if (body)
        evbuffer_free(body);
}

/* evhttp saw the connection close before the answer: the request is gone with it, and the
 * solve stops (conn_close). */
static void on_client_gone(struct evhttp_connection *evcon, void *arg)
{
    (void)evcon;
    Conn *c = arg;
    take_request(c->transport_state);
    conn_close(c, "the client closed the connection");
}

/* evhttp reads nothing while a request waits for its answer, so the socket is watched here: at
 * its end (EOF or an error) the client has left, and its solve stops. The request is answered
 * 499 (nobody reads it) so that evhttp finds the closed socket and frees the connection. Bytes
 * instead (a pipelined request) stop the watch: they are evhttp's. */
static void on_readable(evutil_socket_t fd, short what, void *arg)
{
    (void)what;
    Conn *c = arg;
    HttpCall *call = c->transport_state;
    char byte;
    ssize_t n = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n > 0) {
        event_free(call->watch);
        call->watch = NULL;
        return;
    }
    struct evhttp_request *req = take_request(call);
    evhttp_send_error(req, 499, "the client closed the connection");
    conn_close(c, "the client closed the connection");
}

/* Watches the client's socket while its solve is in flight. */
static void watch_client(Conn *c, HttpCall *call)
{
    evhttp_connection_set_closecb(call->evcon, on_client_gone, c);
    struct bufferevent *bev = evhttp_connection_get_bufferevent(call->evcon);
    evutil_socket_t fd = bev ? bufferevent_getfd(bev) : -1;
    if (fd < 0)
        return;
    call->watch = event_new(c->server->base, fd, EV_READ | EV_PERSIST, on_readable, c);
    if (call->watch)
        event_add(call->watch, NULL);
}

/* A borrowed connection closes: a request still unanswered (the server stops) is answered. */
static void http_release(Conn *c)
{
    HttpCall *call = c->transport_state;
    struct evhttp_request *req = call ? take_request(call) : NULL;
    if (req)
        evhttp_send_error(req, 503, "the server stopped before answering");
    free(call);
    c->transport_state = NULL;
}

static const ConnTransport CONN_HTTP_JSON = {.name = "http", .send = http_send,
                                             .release = http_release, .json = 1};

/* 1 when the body may be read as JSON: application/json, none, or what `curl -d` sends. */
static int json_content_type(const char *type)
{
    if (!type)
        return 1;
    size_t n = strcspn(type, "; \t");
    return (n == 16 && !strncasecmp(type, "application/json", n)) ||
           (n == 33 && !strncasecmp(type, "application/x-www-form-urlencoded", n));
}

/* A deadline in ms: decimal digits only, at most UINT32_MAX; 0 or -1. */
static int parse_ms(const char *text, uint32_t *ms)
{
    if (!text[0] || strlen(text) > 10 || strspn(text, "0123456789") != strlen(text))
        return -1;
    unsigned long long v = strtoull(text, NULL, 10);
    if (v > UINT32_MAX)
        return -1;
    *ms = (uint32_t)v;
    return 0;
}

/* The deadline from ?deadline_ms=N or the X-Deadline-Ms header (0: none). NULL, or what is wrong. */
static const char *request_deadline(struct evhttp_request *req, uint32_t *ms)
{
    *ms = 0;
    const char *header = evhttp_find_header(evhttp_request_get_input_headers(req), "X-Deadline-Ms");
    const char *query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
    struct evkeyvalq params;
    TAILQ_INIT(&params);
    if (query && evhttp_parse_query_str(query, &params) < 0)
        return "the query string is malformed; the one parameter is deadline_ms=N";
    const char *why = NULL, *param = NULL;
    for (struct evkeyval *kv = params.tqh_first; kv && !why; kv = kv->next.tqe_next) {
        if (strcmp(kv->key, "deadline_ms") != 0 || param)
            why = "unknown or repeated query parameter; the one parameter is deadline_ms=N";
        param = kv->value;
    }
    uint32_t from_header = 0;
    if (!why && header && parse_ms(header, &from_header) < 0)
        why = "X-Deadline-Ms must be a whole number of milliseconds, 0 to 4294967295 (0: none)";
    if (!why && param && parse_ms(param, ms) < 0)
        why = "deadline_ms must be a whole number of milliseconds, 0 to 4294967295 (0: none)";
    if (!why && header && param && from_header != *ms)
        why = "deadline_ms and X-Deadline-Ms disagree; give the deadline once";
    if (!why && header)
        *ms = from_header;
    evhttp_clear_headers(&params);
    return why;
}

/* What makes the request unfit to queue, with its HTTP code; NULL when none. */
static const char *refusal(Server *s, struct evhttp_request *req, int *code, uint32_t *deadline_ms)
{
    static char message[200];
    *code = 400;
    if (evhttp_request_get_command(req) != EVHTTP_REQ_POST) {
        *code = 405;
        return "POST a batch as JSON to /v1/solve";
    }
    const char *type = evhttp_find_header(evhttp_request_get_input_headers(req), "Content-Type");
    if (!json_content_type(type)) {
        *code = 415;
        return "the body must be a batch as JSON (Content-Type: application/json)";
    }
    size_t len = evbuffer_get_length(evhttp_request_get_input_buffer(req));
    if (len > s->config.max_message) {
        *code = 413;
        snprintf(message, sizeof message, "the body of %zu bytes is over --max-message (%zu bytes)",
                 len, s->config.max_message);
        return message;
    }
    if (len == 0)
        return "the body is empty: POST a batch as JSON (curl -d @batch.json)";
    return request_deadline(req, deadline_ms);
}

/* "ADDR:PORT" of the client. */
static void peer_of(struct evhttp_request *req, char *out, size_t size)
{
    char *addr = NULL;
    ev_uint16_t port = 0;
    evhttp_connection_get_peer(evhttp_request_get_connection(req), &addr, &port);
    snprintf(out, size, "%s:%u", addr ? addr : "?", (unsigned)port);
}

/* Hands the request to submit_solve as a Request envelope; the payload is the body's bytes. */
static void submit(Conn *c, struct evhttp_request *req, uint64_t id, uint32_t deadline_ms,
                   int64_t received_ns)
{
    struct evbuffer *in = evhttp_request_get_input_buffer(req);
    Sourcing__Request r = SOURCING__REQUEST__INIT;
    r.has_request_id = r.has_deadline_ms = r.has_payload = 1;
    r.request_id = id;
    r.method = "Solve";
    r.deadline_ms = deadline_ms;
    r.payload.len = evbuffer_get_length(in);
    r.payload.data = malloc(r.payload.len);
    if (!r.payload.data) {
        reply(c, &(Reply){.id = r.request_id, .method = "Solve", .received_ns = received_ns,
                          .status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED,
                          .message = "out of memory reading the request"});
        return;
    }
    evbuffer_remove(in, r.payload.data, r.payload.len);
    submit_solve(c, &r, received_ns);
    free(r.payload.data);          /* NULL when the job took it */
}

static void on_solve(struct evhttp_request *req, void *arg)
{
    static uint64_t next_id = 1;  /* for the log: the requests of the HTTP port, counted */
    uint64_t id = next_id++;
    Server *s = arg;
    int64_t received_ns = clock_now_ns();
    char peer[64];
    peer_of(req, peer, sizeof peer);
    HttpCall *call = calloc(1, sizeof *call);
    Conn *c = call ? conn_open_borrowed(s, peer, &CONN_HTTP_JSON, call) : NULL;
    if (!c) {
        free(call);
        evhttp_send_error(req, 503, "out of memory");
        return;
    }
    call->req = req;
    call->evcon = evhttp_request_get_connection(req);
    conn_ref(c);
    int code = 0;
    uint32_t deadline_ms = 0;
    const char *why = refusal(s, req, &code, &deadline_ms);
    if (why) {
        call->http_code = code;
        int status = code == 405   ? SOURCING__STATUS_CODE__UNIMPLEMENTED
                     : code == 413 ? SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED
                                   : SOURCING__STATUS_CODE__INVALID_ARGUMENT;
        reply(c, &(Reply){.id = id, .method = "Solve", .status = status, .message = why,
                          .received_ns = received_ns});
    } else if (s->n_conns > s->config.max_connections && !s->draining) {
        char message[200];
        snprintf(message, sizeof message, "%d connections and HTTP solves are open "
                 "(--max-connections); retry later", s->n_conns - 1);
        reply(c, &(Reply){.id = id, .method = "Solve", .status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED,
                          .message = message, .received_ns = received_ns});
    } else {
        watch_client(c, call);
        submit(c, req, id, deadline_ms, received_ns);
    }
    conn_maybe_finish(c);          /* closes it unless its solve is in flight */
    conn_unref(c);
}

void http_solve_register(Server *s)
{
    evhttp_set_cb(s->http, "/v1/solve", on_solve, s);
    evhttp_set_max_body_size(s->http, (ev_ssize_t)s->config.max_message);
}
