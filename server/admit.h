/* Admission of new connections: --max-connections and --max-connections-per-peer, and the
 * refusal a connection gets when it is over a limit (or when the process is out of file
 * descriptors): RESOURCE_EXHAUSTED written straight to the socket, a log line and a counter. */
#ifndef SRV_ADMIT_H
#define SRV_ADMIT_H

#include <event2/util.h>
#include <sys/socket.h>

#include "conn.h"
#include "drop.h"

/* The peer's address without its port ("127.0.0.1", "::1") into buf. */
void admit_peer_ip(const struct sockaddr *peer, char *buf, size_t size);

/* 1 when a connection from peer may be opened; else it was refused (and fd closed). */
int admit_connection(Server *s, evutil_socket_t fd, const struct sockaddr *peer, const ConnTransport *t);

/* Refuses fd: without TLS, the transport's refusal (the framed RESOURCE_EXHAUSTED Response,
 * HTTP/2's) is written first (best effort: the socket is new, its buffer empty); TLS clients see
 * a close. Logs and counts. */
void admit_refuse(Server *s, evutil_socket_t fd, const struct sockaddr *peer, const ConnTransport *t,
                  ConnDrop reason, const char *message);

#endif
