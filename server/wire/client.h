/* A small blocking client of the service: connect with a timeout, send requests (many may be in
 * flight), read responses as they come or wait for one id, each with a timeout. Not thread-safe:
 * one client per thread. */
#ifndef SRV_CLIENT_H
#define SRV_CLIENT_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "service.pb-c.h"
#include "tls_client.h"

#define SRV_CLIENT_MAX_MESSAGE (1u << 30)   /* largest response frame accepted */

typedef struct SrvClient SrvClient;

/* Connects to "HOST:PORT" within timeout_ms. NULL with err set on failure. */
SrvClient *srv_client_connect(const char *address, int timeout_ms, SrcError *err);
/* The same over TLS (tls NULL: plain): connects and completes the handshake within timeout_ms;
 * the server's certificate must be signed by a CA of tls->ca_file and name the host connected
 * to (or tls->server_name). */
SrvClient *srv_client_connect_tls(const char *address, int timeout_ms, const SrvClientTls *tls,
                                  SrcError *err);
/* Every request sent from now on carries token (a copy; at most 4096 bytes) in Request.token,
 * for a server with --tokens. NULL: none. */
int srv_client_set_token(SrvClient *c, const char *token, SrcError *err);
void srv_client_close(SrvClient *c);

/* A request id not used before on this client (1, 2, 3, ...). */
uint64_t srv_client_next_id(SrvClient *c);

/* Sends a request; payload may be NULL (no payload). deadline_ms 0 = none. */
int srv_client_send(SrvClient *c, uint64_t id, const char *method, uint32_t deadline_ms,
                    const ProtobufCMessage *payload, SrcError *err);
/* Sends raw bytes as they are (for tests of broken framing). */
int srv_client_send_raw(SrvClient *c, const void *bytes, size_t len, SrcError *err);

/* The next response, whatever its id (one kept by srv_client_wait first). NULL on timeout,
 * a closed connection or a bad frame, with err saying which. Free with srv_response_free. */
Sourcing__Response *srv_client_read(SrvClient *c, int timeout_ms, SrcError *err);
/* The response to request id; responses to other ids that arrive first are kept for later. */
Sourcing__Response *srv_client_wait(SrvClient *c, uint64_t id, int timeout_ms, SrcError *err);
/* Sends and waits: one call. */
Sourcing__Response *srv_client_call(SrvClient *c, const char *method, uint32_t deadline_ms,
                                    const ProtobufCMessage *payload, int timeout_ms, SrcError *err);

/* 1 when the server has closed the connection (waits up to timeout_ms for it). */
int srv_client_closed_by_server(SrvClient *c, int timeout_ms);

void srv_response_free(Sourcing__Response *r);

/* Decodes a response's payload as desc; NULL if absent or undecodable. */
ProtobufCMessage *srv_response_payload(const Sourcing__Response *r, const ProtobufCMessageDescriptor *desc);

#endif
