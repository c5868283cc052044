/* A gRPC call: request headers and the length-prefixed message as they arrive on an HTTP/2
 * stream, then routing by path. The Sourcing methods go through dispatch.c's handlers with a
 * Request envelope (request_id = the stream, deadline_ms = grpc-timeout), so queueing, deadlines,
 * Cancel, replies, logs and metrics are the framed protocol's own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffers.h"
#include "clock.h"
#include "dispatch.h"
#include "frame.h"
#include "grpc_call.h"
#include "grpc_conn.h"
#include "health.pb-c.h"
#include "reply.h"
#include "auth.h"

/* 1 when a HealthCheckRequest names a service this server has ("" is the server itself). */
static int known_service(const Sourcing__Request *req)
{
    Grpc__Health__V1__HealthCheckRequest *check = grpc__health__v1__health_check_request__unpack(
        NULL, req->payload.len, req->payload.data);
    int known = check && (!check->service[0] || !strcmp(check->service, "sourcing.Sourcing"));
    if (check)
        grpc__health__v1__health_check_request__free_unpacked(check, NULL);
    return known;
}

/* grpc.health.v1.Health/Check: SERVING, NOT_SERVING while the server shuts down. */
static void answer_health_check(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    if (!known_service(req)) {
        reply_with(c, req, received_ns, SOURCING__STATUS_CODE__NOT_FOUND,
                   "unknown service: this server has \"\" and \"sourcing.Sourcing\"", NULL);
        return;
    }
    Grpc__Health__V1__HealthCheckResponse h = GRPC__HEALTH__V1__HEALTH_CHECK_RESPONSE__INIT;
    h.status = c->server->draining ? GRPC__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__NOT_SERVING
                                   : GRPC__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING;
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__OK,
               c->server->draining ? "shutting down" : "serving", &h.base);
}

typedef struct GrpcRoute {
    const char *path;
    const char *method;           /* the dispatch table's name: what logs and metrics say */
    void (*handle)(Conn *c, Sourcing__Request *req, int64_t received_ns);  /* NULL: dispatch */
} GrpcRoute;

static const GrpcRoute ROUTES[] = {
    {"/sourcing.Sourcing/Solve", "Solve", NULL},
    {"/sourcing.Sourcing/Health", "Health", NULL},
    {"/sourcing.Sourcing/Info", "Info", NULL},
    {"/sourcing.Sourcing/Cancel", "Cancel", NULL},
    {"/grpc.health.v1.Health/Check", "Health", answer_health_check},
};

static const GrpcRoute *find_route(const char *path)
{
    for (size_t i = 0; i < sizeof ROUTES / sizeof ROUTES[0]; i++)
        if (!strcmp(path, ROUTES[i].path))
            return &ROUTES[i];
    return NULL;
}

int grpc_timeout_parse(const char *value, size_t len, uint32_t *ms)
{
    if (len < 2 || len > 9)
        return -1;
    double n = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (value[i] < '0' || value[i] > '9')
            return -1;
        n = n * 10 + (value[i] - '0');
    }
    static const char units[] = "HMSmun";
    static const double to_ms[] = {3600e3, 60e3, 1e3, 1, 1e-3, 1e-6};
    const char *unit = memchr(units, value[len - 1], sizeof units - 1);
    if (!unit)
        return -1;
    double t = n * to_ms[unit - units];
    double whole = (double)(uint64_t)t < t ? (double)(uint64_t)t + 1 : t;   /* rounded up */
    *ms = whole < 1 ? 1 : whole > UINT32_MAX ? UINT32_MAX : (uint32_t)whole;
    return 0;
}

static int header_is(const uint8_t *name, size_t len, const char *want)
{
    return len == strlen(want) && !memcmp(name, want, len);
}

void grpc_call_header(GrpcStream *st, const uint8_t *name, size_t namelen, const uint8_t *value,
                      size_t valuelen)
{
    if (header_is(name, namelen, ":path"))
        snprintf(st->path, sizeof st->path, "%.*s", (int)valuelen, (const char *)value);
    else if (header_is(name, namelen, ":method"))
        st->is_post = header_is(value, valuelen, "POST");
    else if (header_is(name, namelen, "content-type"))   /* application/grpc, +proto, ;... */
        st->is_grpc = valuelen >= 16 && !memcmp(value, "application/grpc", 16) &&
                      (valuelen == 16 || value[16] == '+' || value[16] == ';');
    else if (header_is(name, namelen, "authorization")) {
        size_t len = 0;
        const char *token = tokens_bearer((const char *)value, valuelen, &len);
        st->token_len = token ? (len < sizeof st->token ? len : sizeof st->token) : 0;
        if (token)
            memcpy(st->token, token, st->token_len);
    } else if (header_is(name, namelen, "grpc-timeout")) {
        st->has_timeout = 1;
        st->bad_timeout = grpc_timeout_parse((const char *)value, valuelen, &st->timeout_ms) < 0;
    }
}

/* Frees the request's body and gives back what it counted in the budget. */
static void release_body(Conn *c, GrpcStream *st)
{
    buffers_hold(c, -(long)(st->body_cap + st->reserved), 0);
    free(st->body);
    st->body = NULL;
    st->body_len = st->body_cap = st->reserved = 0;
}

static void answer(Conn *c, GrpcStream *st, int status, const char *message)
{
    const GrpcRoute *route = find_route(st->path);
    reply(c, &(Reply){.id = (uint64_t)st->id, .method = route ? route->method : st->path,
                      .status = status, .message = message, .received_ns = clock_now_ns()});
    st->answered = 1;
    release_body(c, st);
}

/* Once the 5-byte prefix is in: a compressed or oversized message is answered now. */
static int refuse_prefix(Conn *c, GrpcStream *st)
{
    uint32_t len = 0;
    SrcError err = {{0}};
    FrameCheck check = frame_check_header(st->body, c->server->config.max_message, &len, &err);
    size_t whole = FRAME_HEADER_BYTES + (size_t)len;
    if (check == FRAME_OK && len > BUFFERS_SMALL_FRAME && whole > st->body_cap &&
        !buffers_admits(c, whole - st->body_cap)) {
        char message[300];
        buffers_shed(c, "message", len, message, sizeof message);
        answer(c, st, SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED, message);
        return -1;
    }
    if (check == FRAME_OK) {               /* admitted: the whole message counts from now on */
        st->reserved = whole > st->body_cap ? whole - st->body_cap : 0;
        buffers_hold(c, (long)st->reserved, 0);
        return 0;
    }
    c->server->metrics.frame_errors++;
    answer(c, st, check == FRAME_TOO_LARGE    ? SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED
                  : check == FRAME_COMPRESSED ? SOURCING__STATUS_CODE__UNIMPLEMENTED
                                              : SOURCING__STATUS_CODE__INVALID_ARGUMENT,
           err.message);
    return -1;
}

void grpc_call_data(Conn *c, GrpcStream *st, const uint8_t *data, size_t len)
{
    if (st->answered)
        return;
    size_t had = st->body_len;
    if (st->body_len + len > st->body_cap) {
        size_t cap = st->body_cap ? st->body_cap : 4096;
        while (cap < st->body_len + len)
            cap *= 2;
        uint8_t *grown = realloc(st->body, cap);
        if (!grown) {
            answer(c, st, SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED, "out of memory reading a request");
            return;
        }
        size_t grew = cap - st->body_cap, from_reserve = grew < st->reserved ? grew : st->reserved;
        st->reserved -= from_reserve;
        buffers_hold(c, (long)(grew - from_reserve), 0);
        st->body = grown;
        st->body_cap = cap;
    }
    memcpy(st->body + st->body_len, data, len);
    st->body_len += len;
    if (had < FRAME_HEADER_BYTES && st->body_len >= FRAME_HEADER_BYTES)
        refuse_prefix(c, st);
}

/* What is wrong with a finished request before routing; NULL when nothing. *status is set. */
static const char *refusal(const GrpcStream *st, int *status)
{
    *status = SOURCING__STATUS_CODE__INVALID_ARGUMENT;
    if (st->bad_timeout)
        return "the grpc-timeout header is malformed (at most 8 digits and a unit H, M, S, m, u or n)";
    if (st->body_len < FRAME_HEADER_BYTES)
        return "the request has no message (a unary call sends exactly one)";
    uint32_t len = ((uint32_t)st->body[1] << 24) | ((uint32_t)st->body[2] << 16) |
                   ((uint32_t)st->body[3] << 8) | st->body[4];
    if (st->body_len - FRAME_HEADER_BYTES != len)
        return "the request is not exactly one length-prefixed message";
    return NULL;
}

/* The call as a Request envelope, handled as the framed protocol handles it. */
static void route_call(Conn *c, GrpcStream *st, const GrpcRoute *route)
{
    Sourcing__Request req = SOURCING__REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = (uint64_t)st->id;
    req.method = (char *)route->method;
    req.has_deadline_ms = st->has_timeout;
    req.deadline_ms = st->timeout_ms;
    req.has_payload = 1;
    req.payload.len = st->body_len - FRAME_HEADER_BYTES;
    req.payload.data = malloc(req.payload.len ? req.payload.len : 1);
    if (!req.payload.data) {
        answer(c, st, SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED, "out of memory reading a request");
        return;
    }
    memcpy(req.payload.data, st->body + FRAME_HEADER_BYTES, req.payload.len);
    release_body(c, st);          /* the envelope has the bytes now */
    if (route->handle)
        route->handle(c, &req, clock_now_ns());
    else
        dispatch_request(c, &req, clock_now_ns());
    free(req.payload.data);       /* NULL when Solve took it */
}

/* 0 when the call's token lets it pass; otherwise answered. The standard health check stays open
 * for probes that send no metadata. */
static int refuse_token(Conn *c, GrpcStream *st, const GrpcRoute *route)
{
    if (route && route->handle == answer_health_check)
        return 0;
    AuthResult auth = auth_check(c->server, st->token_len ? st->token : NULL, st->token_len,
                                 "the metadata 'authorization: Bearer TOKEN'");
    c->client = auth.client;
    if (auth.status == SOURCING__STATUS_CODE__OK)
        return 0;
    answer(c, st, auth.status, auth.message);
    return -1;
}

/* Answers a request that is not gRPC or names no method; NULL when it is routable. */
static const GrpcRoute *route_or_answer(Conn *c, GrpcStream *st)
{
    if (!st->is_post || !st->is_grpc) {      /* not a gRPC request: HTTP answers it */
        grpc_conn_http_error(c, st, st->is_post ? 415 : 405);
        return NULL;
    }
    const GrpcRoute *route = find_route(st->path);
    if (!route) {
        char message[300];
        snprintf(message, sizeof message, "unknown method %s; this server has /sourcing.Sourcing/"
                 "{Solve,Health,Info,Cancel} and /grpc.health.v1.Health/Check", st->path);
        answer(c, st, SOURCING__STATUS_CODE__UNIMPLEMENTED, message);
    }
    return route;
}

void grpc_call_headers_done(Conn *c, GrpcStream *st)
{
    if (!st->answered)
        route_or_answer(c, st);
}

void grpc_call_end(Conn *c, GrpcStream *st)
{
    c->client = NULL;
    if (st->answered)
        return;
    const GrpcRoute *route = route_or_answer(c, st);
    if (!route || refuse_token(c, st, route) < 0)
        return;
    int status;
    const char *why = refusal(st, &status);
    if (why)
        answer(c, st, status, why);
    else
        route_call(c, st, route);
}
