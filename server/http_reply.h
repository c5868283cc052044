/* The JSON endpoint's connection transport (http_reply.c): a borrowed connection (conn.h) per
 * HTTP request, whose answers go to the evhttp request as JSON with the status mapped to HTTP
 * (google.rpc.Code's mapping), and which closes once evhttp has written the answer. */
#ifndef SRV_HTTP_REPLY_H
#define SRV_HTTP_REPLY_H

#include <event2/http.h>

#include "conn.h"

/* The transport's state: one per borrowed connection. */
typedef struct HttpCall {
    struct evhttp_request *req;   /* NULL once answered, or once the client left */
    struct evhttp_connection *evcon;
    struct event *watch;          /* the socket, for the client leaving while its solve runs */
    int http_code;                /* 0: from the status; else this (405, 413, 415) */
} HttpCall;

/* JSON in (job->json), JSON out; transport_state is an HttpCall (malloc'd; freed on close). */
extern const ConnTransport CONN_HTTP_JSON;

/* Watches the client's socket while its solve is in flight: if the client leaves, the request
 * is dropped and the connection closed (its solve stops). */
void http_reply_watch_client(Conn *c, HttpCall *call);

#endif
