/* A client connection: a bufferevent on the loop, the solves it has in flight, and a reference
 * count so that a job finishing after its client left finds a closed Conn, never freed memory.
 * What is on the wire is the connection's transport's business: the service's own framing
 * (conn.c) or gRPC over HTTP/2 (grpc_conn.c). Everything else (jobs, timeouts, closing, replies)
 * is the same for both. */
#ifndef SRV_CONN_H
#define SRV_CONN_H

#include <event2/bufferevent.h>
#include <stdint.h>
#include <sys/socket.h>

#include "drop.h"
#include "job.h"
#include "state.h"

struct Conn;

/* Where answers go and how requests are read: one table per wire protocol. */
typedef struct ConnTransport {
    const char *name;
    /* Sets up the transport's state on a new connection; 0 on success. NULL: nothing to do. */
    int (*open)(struct Conn *c);
    /* Handles the input waiting in c->bev: decodes requests and dispatches them. */
    void (*read)(struct Conn *c);
    /* Sends one answer: id is the request's (a request id, or an HTTP/2 stream). */
    void (*send)(struct Conn *c, uint64_t id, int status, const char *message,
                 const uint8_t *payload, size_t payload_len);
    /* The connection will close once flushed, or the server drains (then it may come before the
     * solves in flight end; said once): a last word (HTTP/2 GOAWAY). Returns 1 when the
     * word could not be written yet (it will be soon), 0 otherwise. NULL: none. */
    int (*goodbye)(struct Conn *c);
    /* Frees the transport's state; the bufferevent is already gone. NULL: nothing to free. */
    void (*release)(struct Conn *c);
    int json;                     /* batches come and plans go as JSON text, not protobuf */
    /* The bytes that refuse a new connection over --max-connections, for the client to read
     * before the close (malloc'd; NULL when out of memory). NULL: none, the socket closes. */
    uint8_t *(*refusal)(const char *message, size_t *len);
} ConnTransport;

/* The service's own framing (docs/protocol.md). */
extern const ConnTransport CONN_FRAMED;

typedef struct Conn {
    Server *server;
    const ConnTransport *transport;
    void *transport_state;        /* the transport's own (grpc_conn.c: the HTTP/2 session) */
    struct bufferevent *bev;      /* NULL once closed, and for a borrowed connection */
    int borrowed;                 /* open on another server's socket, without a bufferevent of its
                                     own: one HTTP request (http_solve.c); 0 once closed */
    char peer[64];
    char ip[64];                  /* the peer's address without its port (--max-connections-per-peer) */
    int refs;                     /* 1 while open, + 1 per job in flight */
    int closing;                  /* close once the output is flushed; read no more */
    int read_paused;              /* the client does not read its answers fast enough */
    struct event *frame_timer;    /* armed while a frame is incomplete (--frame-timeout) */
    int tls;                      /* the bufferevent is TLS (bufferevent_openssl) */
    int tls_ready;                /* its handshake has ended */
    const char *client;           /* the token name of the request being handled (--tokens) */
    /* the buffer budget (buffers.c) */
    size_t charge;                /* what this connection counts in Server.buffered */
    size_t peak_charge;
    size_t frame_expect;          /* the whole frame being read, header included, once admitted */
    size_t skip;                  /* bytes of a shed frame still to drop unread */
    size_t held_in, held_out;     /* bytes the transport holds: request bodies, answers */
    struct evbuffer_cb_entry *input_cb, *output_cb;
    ConnDrop dropping;            /* a drop decided inside a callback, done from the loop */
    char drop_why[240];
    Job *jobs;                    /* in flight, linked by conn_next */
    int n_jobs;
    struct Conn *prev, *next;     /* the server's list of open connections */
} Conn;

/* Takes a newly accepted socket that speaks transport t. */
void conn_accept(Server *s, evutil_socket_t fd, const struct sockaddr *peer, const ConnTransport *t);

/* Opens a connection for one request that arrived on another server's socket (an evhttp
 * request): answers go through t->send with state as transport_state, and it closes as soon as
 * nothing is in flight on it (conn_maybe_finish). NULL when out of memory. */
Conn *conn_open_borrowed(Server *s, const char *peer, const ConnTransport *t, void *state);

/* 1 while the connection is open (it has a socket, or is borrowed), 0 once closed. */
int conn_is_open(const Conn *c);

/* Sends a Response frame; nothing happens when the connection is closed or closing (-1). A
 * client with 64 KiB of answers unread when this one does not fit in --max-buffered-bytes is
 * dropped as a slow reader (-1). 0 when the answer was handed to the transport. */
int conn_send(Conn *c, uint64_t id, int status, const char *message, const uint8_t *payload,
               size_t payload_len);

/* Closes now: jobs still queued are dropped, running ones asked to stop. A reason other than
 * DROP_NONE is a drop: logged with why and counted. */
void conn_close(Conn *c, ConnDrop reason, const char *why);
/* Reads no more and closes once every answer is written (a drop unless reason is DROP_NONE). */
void conn_close_when_flushed(Conn *c, ConnDrop reason, const char *why);
/* conn_close from the loop, soon: for callers inside a transport's callbacks. Reads and sends
 * nothing more meanwhile. */
void conn_drop_soon(Conn *c, ConnDrop reason, const char *why);
/* When the server drains, closes a connection with nothing left in flight once flushed; closes a
 * borrowed connection with nothing in flight at once unless it is closing (its transport closes
 * it once its answer is written). */
void conn_maybe_finish(Conn *c);
/* Asks every job in flight on c to stop (job_stop). */
void conn_stop_jobs(Conn *c, JobStop why);

void conn_ref(Conn *c);
void conn_unref(Conn *c);

Job *conn_find_job(const Conn *c, uint64_t request_id);
void conn_add_job(Conn *c, Job *job);
void conn_remove_job(Conn *c, Job *job);

#endif
