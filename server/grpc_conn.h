/* gRPC over HTTP/2 with prior knowledge (h2c) (grpc_conn.c): the connection transport of the
 * --grpc-listen port. nghttp2's server session does HTTP/2; the bufferevent feeds it
 * (nghttp2_session_mem_recv) and takes what it has to send (nghttp2_session_mem_send), as in
 * nghttp2's libevent server example. */
#ifndef SRV_GRPC_CONN_H
#define SRV_GRPC_CONN_H

#include "conn.h"
#include "grpc_call.h"

extern const ConnTransport CONN_GRPC;

/* Answers st with a plain HTTP status and no gRPC status (415: not a gRPC content-type). */
void grpc_conn_http_error(Conn *c, GrpcStream *st, int http_status);

#endif
