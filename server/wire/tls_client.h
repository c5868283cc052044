/* The client's side of TLS (plain OpenSSL, no libevent): a context from the caller's files,
 * the handshake on a connected non-blocking socket one step at a time (the caller polls), and
 * reads and writes that say which readiness they wait for. Reads and writes are serialised by
 * a mutex, so one thread may write (a Cancel) while another reads, as on a plain socket. */
#ifndef SRV_TLS_CLIENT_H
#define SRV_TLS_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/* What a client trusts and shows. */
typedef struct SrvClientTls {
    const char *ca_file;          /* PEM CAs that may sign the server's certificate; NULL: the
                                     system's default trust store */
    const char *cert_file;        /* PEM client certificate chain for mutual TLS; NULL: none */
    const char *key_file;         /* its PEM private key */
    const char *server_name;      /* the name or IP the certificate must carry; NULL: the host
                                     of the address connected to */
} SrvClientTls;

typedef struct TlsClient TlsClient;

/* Starts TLS on fd, a connected non-blocking socket to address ("HOST:PORT"). NULL with err
 * (naming the flag's file) when a file cannot be used. */
TlsClient *tls_client_new(int fd, const char *address, const SrvClientTls *opts, SrcError *err);
void tls_client_free(TlsClient *t);

/* One step of the handshake: 1 done; 0 not yet, *want the poll events to wait for; -1 failed,
 * with err saying why (an untrusted certificate, a server that does not speak TLS, ...). */
int tls_client_handshake(TlsClient *t, short *want, SrcError *err);

/* Like send and recv on a non-blocking socket: bytes moved (> 0); recv 0: the server closed;
 * -1 with errno EAGAIN and *want set (poll for it, then retry with the same arguments), or
 * errno ECONNRESET or EPROTO (err says why). */
ssize_t tls_client_send(TlsClient *t, const void *buf, size_t len, short *want, SrcError *err);
ssize_t tls_client_recv(TlsClient *t, void *buf, size_t len, short *want, SrcError *err);

#endif
