/* TLS for every port of the server (--tls-cert, --tls-key, optionally --tls-client-ca), with
 * OpenSSL through libevent's bufferevent_openssl: the contexts, loaded and checked at startup,
 * and the bufferevent of a new connection. Loop thread only. */
#ifndef SRV_TLS_H
#define SRV_TLS_H

#include <event2/bufferevent.h>
#include <openssl/ssl.h>

#include "config.h"
#include "error.h"

/* ALPN protocols a port selects ("h2" for gRPC, "http/1.1" for metrics), or NULL for none. */
#define TLS_ALPN_H2 "\x02h2"
#define TLS_ALPN_HTTP1 "\x08http/1.1"

/* A server context from config's files: TLS 1.2 or later, OpenSSL's default ciphers, the
 * certificate chain and key checked against each other and the certificate's validity dates, and
 * with --tls-client-ca a client certificate required. alpn: one of the above or NULL. NULL with
 * err naming the flag and the file when one cannot be used. */
SSL_CTX *tls_context_new(const SrvConfig *config, const char *alpn, SrcError *err);

/* A bufferevent for an accepted socket: TLS (accepting) with ctx, or plain when ctx is NULL.
 * It closes fd when freed. NULL when out of memory (fd is then still open). */
struct bufferevent *tls_bufferevent(struct event_base *base, evutil_socket_t fd, SSL_CTX *ctx);

/* Why a TLS connection failed, from the bufferevent's OpenSSL errors, into buf. */
const char *tls_error_text(struct bufferevent *bev, char *buf, size_t size);

/* Sends TLS's close_notify on a TLS bufferevent (nothing on a plain one). */
void tls_close_notify(struct bufferevent *bev);

#endif
