/* /metrics (Prometheus text), /healthz and /v1/solve (http_solve.c) over HTTP with libevent's
 * evhttp, on the loop; over TLS with --tls-cert (evhttp_set_bevcb). With --tokens, /metrics needs
 * "Authorization: Bearer TOKEN" (401 without, 403 with a token not on the list); /healthz stays
 * open for probes. */
#include <arpa/inet.h>
#include <event2/buffer.h>
#include <event2/keyvalq_struct.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "auth.h"
#include "http.h"
#include "listener.h"
#include "http_solve.h"
#include "log.h"
#include "log_buffer.h"
#include "tls.h"
#include "tokens.h"

static MetricsGauges gauges(const Server *s)
{
    PoolStats st = pool_stats(s->pool);
    return (MetricsGauges){.queue_depth = st.queued, .queue_capacity = st.capacity,
                           .workers = st.workers, .busy_workers = st.busy,
                           .connections = s->n_conns, .draining = s->draining,
                           .inflight = s->jobs_outstanding, .buffered_bytes = s->buffered,
                           .max_buffered_bytes = s->config.max_buffered_bytes};
}

static void send_text(struct evhttp_request *req, int code, const char *reason, const char *text,
                      const char *type)
{
    struct evbuffer *body = evbuffer_new();
    if (!body) {
        evhttp_send_error(req, 500, "out of memory");
        return;
    }
    evbuffer_add(body, text, strlen(text));
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type", type);
    evhttp_send_reply(req, code, reason, body);
    evbuffer_free(body);
}

/* 1 when req may see /metrics; otherwise answered 401 or 403, logged (never the token). */
static int authorized(Server *s, struct evhttp_request *req)
{
    const char *header = evhttp_find_header(evhttp_request_get_input_headers(req), "Authorization");
    size_t len = 0;
    const char *token = header ? tokens_bearer(header, strlen(header), &len) : NULL;
    AuthResult auth = auth_check(s, token, len, "the header 'Authorization: Bearer TOKEN'");
    if (auth.status == SOURCING__STATUS_CODE__OK)
        return 1;
    int unauthenticated = auth.status == SOURCING__STATUS_CODE__UNAUTHENTICATED;
    char *peer = NULL;
    ev_uint16_t port = 0;
    evhttp_connection_get_peer(evhttp_request_get_connection(req), &peer, &port);
    log_event("peer=%s:%u GET %s: HTTP %d: %s", peer ? peer : "?", port, evhttp_request_get_uri(req),
              unauthenticated ? 401 : 403, auth.message);
    if (unauthenticated)
        evhttp_add_header(evhttp_request_get_output_headers(req), "WWW-Authenticate",
                          "Bearer realm=\"sourcing\"");
    char body[sizeof auth.message + 2];
    snprintf(body, sizeof body, "%s\n", auth.message);
    send_text(req, unauthenticated ? 401 : 403, unauthenticated ? "Unauthorized" : "Forbidden", body,
              "text/plain");
    return 0;
}

static void on_metrics(struct evhttp_request *req, void *arg)
{
    Server *s = arg;
    if (!authorized(s, req))
        return;
    MetricsGauges g = gauges(s);
    s->metrics.log_lines_dropped = log_buffer_dropped();
    char *text = metrics_render(&s->metrics, &g);
    if (!text) {
        evhttp_send_error(req, 500, "out of memory");
        return;
    }
    send_text(req, 200, "OK", text, "text/plain; version=0.0.4; charset=utf-8");
    free(text);
}

static void on_healthz(struct evhttp_request *req, void *arg)
{
    Server *s = arg;
    if (s->draining)
        send_text(req, 503, "Service Unavailable", "shutting down\n", "text/plain");
    else
        send_text(req, 200, "OK", "ok\n", "text/plain");
}

/* Splits config.metrics into a numeric host and port for evhttp. */
static int metrics_address(const Server *s, char *host, size_t size, int *port, SrcError *err)
{
    SrvAddr addr;
    if (addr_parse(s->config.metrics, 1, &addr, err) < 0)
        return src_error_prefix(err, "--metrics");
    const struct sockaddr *sa = (const struct sockaddr *)&addr.ss;
    const void *ip = sa->sa_family == AF_INET6 ? (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr
                                               : (const void *)&((const struct sockaddr_in *)sa)->sin_addr;
    inet_ntop(sa->sa_family, ip, host, (socklen_t)size);
    *port = addr_port(sa);
    return 0;
}

/* evhttp's bufferevent of each connection: TLS on the HTTP port's context. */
static struct bufferevent *tls_connection(struct event_base *base, void *arg)
{
    Server *s = arg;
    return tls_bufferevent(base, -1, s->tls_http);
}

int http_start(Server *s, SrcError *err)
{
    char host[64];
    int port = 0;
    if (metrics_address(s, host, sizeof host, &port, err) < 0)
        return -1;
    s->http = evhttp_new(s->base);
    if (!s->http)
        return src_error_set(err, "cannot create the metrics HTTP server");
    /* POST for /v1/solve; the others reach it too, to be told 405 with Allow: POST */
    evhttp_set_allowed_methods(s->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
                                            EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE | EVHTTP_REQ_PATCH);
    evhttp_set_timeout(s->http, 10);
    evhttp_set_cb(s->http, "/metrics", on_metrics, s);
    evhttp_set_cb(s->http, "/healthz", on_healthz, s);
    if (s->tls_http)
        evhttp_set_bevcb(s->http, tls_connection, s);
    http_solve_register(s);
    struct evhttp_bound_socket *bound = evhttp_bind_socket_with_handle(s->http, host, (uint16_t)port);
    if (!bound)
        return src_error_set(err, "cannot listen for metrics on %s", s->config.metrics);
    s->metrics_port = addr_bound_port(evhttp_bound_socket_get_fd(bound));
    listener_watch_http(s, evhttp_bound_socket_get_listener(bound));
    return 0;
}
