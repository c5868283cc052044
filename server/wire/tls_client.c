/* The client's TLS with OpenSSL on a non-blocking socket (see tls_client.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tls_client.h"

struct TlsClient {
    SSL_CTX *ctx;
    SSL *ssl;
    pthread_mutex_t lock;         /* an SSL may not be used by two threads at once */
};

static const char *ssl_reason(char *buf, size_t size)
{
    unsigned long e = ERR_peek_last_error();
    const char *reason = e ? ERR_reason_error_string(e) : NULL;
    snprintf(buf, size, "%s", reason ? reason : "unknown reason");
    ERR_clear_error();
    return buf;
}

static int readable(const char *what, const char *path, SrcError *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return src_error_set(err, "%s %s: %s", what, path, strerror(errno));
    fclose(f);
    return 0;
}

static int trust(SSL_CTX *ctx, const char *ca, SrcError *err)
{
    char why[200];
    if (!ca)
        return SSL_CTX_set_default_verify_paths(ctx) == 1 ? 0
               : src_error_set(err, "TLS: cannot read the system's CA certificates");
    if (readable("TLS CA file", ca, err) < 0)
        return -1;
    if (SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1)
        return src_error_set(err, "TLS CA file %s: no PEM certificate in it (%s)", ca,
                             ssl_reason(why, sizeof why));
    return 0;
}

/* Mutual TLS: the client's own certificate and key. */
static int show_certificate(SSL_CTX *ctx, const SrvClientTls *o, SrcError *err)
{
    char why[200];
    if (!o->cert_file)
        return 0;
    const char *key = o->key_file ? o->key_file : o->cert_file;
    if (readable("TLS client certificate", o->cert_file, err) < 0 ||
        readable("TLS client key", key, err) < 0)
        return -1;
    if (SSL_CTX_use_certificate_chain_file(ctx, o->cert_file) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1)
        return src_error_set(err, "TLS client certificate %s and key %s: %s", o->cert_file, key,
                             ssl_reason(why, sizeof why));
    return 0;
}

static SSL_CTX *context(const SrvClientTls *o, SrcError *err)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        src_error_set(err, "cannot create a TLS context (OpenSSL)");
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (trust(ctx, o->ca_file, err) < 0 || show_certificate(ctx, o, err) < 0) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

/* The host of "HOST:PORT" or "[V6]:PORT" into buf. */
static void host_of(const char *address, char *buf, size_t size)
{
    const char *colon = strrchr(address, ':');
    size_t len = colon ? (size_t)(colon - address) : strlen(address);
    if (len >= 2 && address[0] == '[' && address[len - 1] == ']') {
        address++;
        len -= 2;
    }
    snprintf(buf, size, "%.*s", (int)len, address);
}

/* The name the server's certificate must carry: an IP address, or a DNS name (also sent as SNI). */
static int expect_name(SSL *ssl, const char *name, SrcError *err)
{
    unsigned char ip[16];
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    if (inet_pton(AF_INET, name, ip) == 1 || inet_pton(AF_INET6, name, ip) == 1) {
        if (X509_VERIFY_PARAM_set1_ip_asc(param, name) == 1)
            return 0;
    } else if (SSL_set_tlsext_host_name(ssl, name) == 1 && SSL_set1_host(ssl, name) == 1) {
        return 0;
    }
    return src_error_set(err, "TLS: cannot expect the name '%s' in the server's certificate", name);
}

TlsClient *tls_client_new(int fd, const char *address, const SrvClientTls *opts, SrcError *err)
{
    TlsClient *t = calloc(1, sizeof *t);
    if (!t) {
        src_error_set(err, "out of memory");
        return NULL;
    }
    char host[256];
    host_of(address, host, sizeof host);
    t->ctx = context(opts, err);
    t->ssl = t->ctx ? SSL_new(t->ctx) : NULL;
    if (!t->ssl || SSL_set_fd(t->ssl, fd) != 1 ||
        expect_name(t->ssl, opts->server_name ? opts->server_name : host, err) < 0) {
        if (t->ctx && !t->ssl)
            src_error_set(err, "cannot create a TLS connection (OpenSSL)");
        SSL_free(t->ssl);
        SSL_CTX_free(t->ctx);
        free(t);
        return NULL;
    }
    pthread_mutex_init(&t->lock, NULL);
    return t;
}

void tls_client_free(TlsClient *t)
{
    if (!t)
        return;
    if (SSL_is_init_finished(t->ssl))
        SSL_shutdown(t->ssl);     /* close_notify, best effort (non-blocking) */
    SSL_free(t->ssl);
    SSL_CTX_free(t->ctx);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

/* Turns an SSL call's result into the socket-like contract; call with the lock held. */
static ssize_t outcome(TlsClient *t, int rc, short *want, SrcError *err)
{
    if (rc > 0)
        return rc;
    int e = SSL_get_error(t->ssl, rc);
    char why[200];
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        *want = e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
        errno = EAGAIN;
        return -1;
    }
    if (e == SSL_ERROR_ZERO_RETURN)
        return 0;                 /* close_notify: the server closed */
    if (e == SSL_ERROR_SYSCALL && (errno == 0 || errno == ECONNRESET || errno == EPIPE)) {
        ERR_clear_error();
        errno = ECONNRESET;       /* closed without close_notify */
        return -1;
    }
    src_error_set(err, "TLS: %s", ssl_reason(why, sizeof why));
    errno = EPROTO;
    return -1;
}

int tls_client_handshake(TlsClient *t, short *want, SrcError *err)
{
    ERR_clear_error();
    int rc = SSL_connect(t->ssl);
    if (rc == 1)
        return 1;
    int e = SSL_get_error(t->ssl, rc);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        *want = e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
        return 0;
    }
    long verify = SSL_get_verify_result(t->ssl);
    char why[200];
    if (verify != X509_V_OK) {
        ERR_clear_error();
        return src_error_set(err, "TLS handshake failed: the server's certificate is not trusted: %s "
                             "(which CA signed it? --tls-ca)", X509_verify_cert_error_string(verify));
    }
    if (e == SSL_ERROR_SYSCALL && ERR_peek_last_error() == 0)
        return src_error_set(err, "TLS handshake failed: the server closed the connection (does it "
                             "require a client certificate, or not speak TLS?)");
    return src_error_set(err, "TLS handshake failed: %s (does the server speak TLS on this port?)",
                         ssl_reason(why, sizeof why));
}

ssize_t tls_client_send(TlsClient *t, const void *buf, size_t len, short *want, SrcError *err)
{
    pthread_mutex_lock(&t->lock);
    ERR_clear_error();
    int rc = SSL_write(t->ssl, buf, len > 1u << 30 ? 1 << 30 : (int)len);
    ssize_t n = outcome(t, rc, want, err);
    pthread_mutex_unlock(&t->lock);
    return n;
}

ssize_t tls_client_recv(TlsClient *t, void *buf, size_t len, short *want, SrcError *err)
{
    pthread_mutex_lock(&t->lock);
    ERR_clear_error();
    int rc = SSL_read(t->ssl, buf, len > 1u << 30 ? 1 << 30 : (int)len);
    ssize_t n = outcome(t, rc, want, err);
    pthread_mutex_unlock(&t->lock);
    return n;
}
