/* The JSON endpoint's connection transport (http_reply.h): answering an evhttp request from a
 * borrowed connection, with the status mapped to HTTP and the plan or an error as JSON; and
 * noticing the client leave while its solve runs. Loop thread only. */
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <jansson.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "http_reply.h"
#include "status.h"

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
        conn_close(c, DROP_NONE, "answered");
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
    conn_close(c, DROP_NONE, "the client closed the connection");
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
    conn_close(c, DROP_NONE, "the client closed the connection");
}

void http_reply_watch_client(Conn *c, HttpCall *call)
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

const ConnTransport CONN_HTTP_JSON = {.name = "http", .send = http_send,
                                             .release = http_release, .json = 1};
