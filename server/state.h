/* The server's state, shared by its modules; touched only by the event loop thread (the pool
 * has its own lock). A types header: it declares no functions. */
#ifndef SRV_STATE_H
#define SRV_STATE_H

#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "metrics.h"
#include "pool.h"

struct Conn;

typedef struct Server {
    SrvConfig config;
    struct event_base *base;
    struct evconnlistener *listener;
    struct evconnlistener *grpc_listener;   /* --grpc-listen; NULL when off */
    struct evhttp *http;
    struct evconnlistener *http_listener;   /* evhttp's (the metrics port) */
    Pool *pool;
    Metrics metrics;
    struct Conn *conns;           /* open connections */
    int n_conns;
    size_t buffered;              /* bytes held by connections (buffers.c, --max-buffered-bytes) */
    int trim_pending;             /* a malloc_trim is scheduled (buffers.c) */
    int spare_fd;                 /* kept open to refuse a connection when out of descriptors */
    int64_t accept_trouble_ns;    /* when accept began to fail (0: it works) */
    int64_t accept_logged_ns;     /* the last log line about it */
    unsigned long accept_failures;  /* failures since then */
    long jobs_outstanding;        /* solves created and not yet answered or dropped */
    int draining;                 /* a shutdown began: no new connections or requests */
    int workers_abandoned;        /* the hard stop answered solves that still run */
    struct event *signals[2];
    struct event *grace_timer;
    struct event *hard_timer;
    int port, metrics_port, grpc_port;
    struct ssl_ctx_st *tls_framed, *tls_grpc, *tls_http;  /* SSL_CTX per port; NULL: no TLS */
    struct Tokens *tokens;        /* --tokens; NULL when requests need none */
} Server;

#endif
