/* One gRPC call on an HTTP/2 stream (grpc_call.c): its request headers and message as they
 * arrive, then, once the client ended its side, routing to the same handlers as the framed
 * protocol (dispatch.c) with a Request envelope made from the path, the stream id and the
 * grpc-timeout header. The HTTP/2 session itself is grpc_conn.c's. */
#ifndef SRV_GRPC_CALL_H
#define SRV_GRPC_CALL_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"
#include "tokens.h"

typedef struct GrpcStream {
    int32_t id;
    char path[128];               /* "" until read; cut when longer (then unknown anyway) */
    int is_post;
    int is_grpc;                  /* content-type application/grpc[+proto|;...] */
    int has_timeout, bad_timeout;
    uint32_t timeout_ms;
    char token[TOKENS_MAX_LENGTH + 2];  /* of authorization: Bearer; longer ones are cut (and match
                                           no token, as they are longer than any) */
    size_t token_len;             /* 0: no bearer token */
    uint8_t *body;                /* the length-prefixed message as it arrives */
    size_t body_len, body_cap;
    size_t reserved;              /* the rest of an admitted message, counted in the budget */
    int answered;                 /* an answer was submitted: what still arrives is dropped */
    int request_ended;            /* the client ended its side (END_STREAM) */
    int closed;                   /* the stream is closing: answers go nowhere */
    /* the answer being sent (grpc_conn.c) */
    uint8_t *out;
    size_t out_len, out_sent;
    int status;
    char *message;                /* percent-encoded for grpc-message */
    struct GrpcStream *next;      /* the connection's streams */
} GrpcStream;

/* grpc-timeout ("100m", "5S", ...: at most 8 digits and a unit H M S m u n) in whole
 * milliseconds, rounded up, at least 1. 0 on success, -1 when malformed. */
int grpc_timeout_parse(const char *value, size_t len, uint32_t *ms);

/* Records one request header. */
void grpc_call_header(GrpcStream *st, const uint8_t *name, size_t namelen, const uint8_t *value,
                      size_t valuelen);

/* Takes bytes of the request's message; a message over --max-message or compressed is answered
 * at once and the rest dropped. */
void grpc_call_data(Conn *c, GrpcStream *st, const uint8_t *data, size_t len);

/* The request's headers are in and more is to come: a path that is not a method, or a request
 * that is not gRPC, is answered now, before its body. */
void grpc_call_headers_done(Conn *c, GrpcStream *st);

/* The client ended its side: answers or routes the call. */
void grpc_call_end(Conn *c, GrpcStream *st);

#endif
