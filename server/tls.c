/* TLS contexts and bufferevents of the server's ports (see tls.h). */
#include <errno.h>
#include <event2/bufferevent_ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

#include "tls.h"

/* The reason of OpenSSL's latest error, or fallback; clears the error queue. */
static const char *ssl_reason(const char *fallback, char *buf, size_t size)
{
    unsigned long e = ERR_peek_last_error();
    const char *reason = e ? ERR_reason_error_string(e) : NULL;
    snprintf(buf, size, "%s", reason ? reason : fallback);
    ERR_clear_error();
    return buf;
}

/* The file must exist and be readable: OpenSSL's own message for that is cryptic. */
static int readable(const char *flag, const char *path, SrcError *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return src_error_set(err, "%s %s: %s", flag, path, strerror(errno));
    fclose(f);
    return 0;
}

static int load_certificate(SSL_CTX *ctx, const SrvConfig *c, SrcError *err)
{
    char why[200];
    if (readable("--tls-cert", c->tls_cert, err) < 0 || readable("--tls-key", c->tls_key, err) < 0)
        return -1;
    if (SSL_CTX_use_certificate_chain_file(ctx, c->tls_cert) != 1)
        return src_error_set(err, "--tls-cert %s: not a PEM certificate chain (%s)", c->tls_cert,
                             ssl_reason("unreadable", why, sizeof why));
    if (SSL_CTX_use_PrivateKey_file(ctx, c->tls_key, SSL_FILETYPE_PEM) != 1 &&
        ERR_GET_REASON(ERR_peek_last_error()) != X509_R_KEY_VALUES_MISMATCH)
        return src_error_set(err, "--tls-key %s: not a PEM private key, or one with a passphrase (%s)",
                             c->tls_key, ssl_reason("unreadable", why, sizeof why));
    if (SSL_CTX_check_private_key(ctx) != 1)
        return src_error_set(err, "--tls-key %s is not the key of the certificate in --tls-cert %s (%s)",
                             c->tls_key, c->tls_cert, ssl_reason("mismatch", why, sizeof why));
    X509 *cert = SSL_CTX_get0_certificate(ctx);
    if (X509_cmp_current_time(X509_get0_notAfter(cert)) <= 0)
        return src_error_set(err, "--tls-cert %s: the certificate has expired", c->tls_cert);
    if (X509_cmp_current_time(X509_get0_notBefore(cert)) >= 0)
        return src_error_set(err, "--tls-cert %s: the certificate is not valid yet", c->tls_cert);
    return 0;
}

static int require_client_certificates(SSL_CTX *ctx, const char *path, SrcError *err)
{
    char why[200];
    if (readable("--tls-client-ca", path, err) < 0)
        return -1;
    STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(path);
    if (!names || SSL_CTX_load_verify_locations(ctx, path, NULL) != 1) {
        sk_X509_NAME_pop_free(names, X509_NAME_free);
        return src_error_set(err, "--tls-client-ca %s: no PEM CA certificate in it (%s)", path,
                             ssl_reason("unreadable", why, sizeof why));
    }
    SSL_CTX_set_client_CA_list(ctx, names);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    return 0;
}

/* ALPN: the port's one protocol when the client offers it; otherwise none is selected. */
static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)ssl;
    const unsigned char *want = arg;
    unsigned char *chosen = NULL;
    if (SSL_select_next_proto(&chosen, outlen, want, (unsigned int)want[0] + 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

SSL_CTX *tls_context_new(const SrvConfig *c, const char *alpn, SrcError *err)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx) {
        src_error_set(err, "cannot create a TLS context (OpenSSL)");
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    if (load_certificate(ctx, c, err) < 0 ||
        (c->tls_client_ca[0] && require_client_certificates(ctx, c->tls_client_ca, err) < 0)) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    if (alpn)
        SSL_CTX_set_alpn_select_cb(ctx, select_alpn, (void *)alpn);
    return ctx;
}

struct bufferevent *tls_bufferevent(struct event_base *base, evutil_socket_t fd, SSL_CTX *ctx)
{
    if (!ctx)
        return bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
    SSL *ssl = SSL_new(ctx);
    if (!ssl)
        return NULL;
    struct bufferevent *bev = bufferevent_openssl_socket_new(base, fd, ssl, BUFFEREVENT_SSL_ACCEPTING,
                                                             BEV_OPT_CLOSE_ON_FREE);
    if (!bev) {
        SSL_free(ssl);
        return NULL;
    }
    bufferevent_openssl_set_allow_dirty_shutdown(bev, 1);   /* a close without close_notify is EOF */
    return bev;
}

const char *tls_error_text(struct bufferevent *bev, char *buf, size_t size)
{
    unsigned long e;
    const char *reason = NULL;    /* libevent also queues SSL_get_error's small codes: skip them */
    while ((e = bufferevent_get_openssl_error(bev)) != 0)
        if (!reason)
            reason = ERR_reason_error_string(e);
    if (reason)
        snprintf(buf, size, "TLS: %s", reason);
    else
        snprintf(buf, size, "TLS: %s", evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
    return buf;
}

void tls_close_notify(struct bufferevent *bev)
{
    SSL *ssl = bufferevent_openssl_get_ssl(bev);
    if (ssl)
        SSL_shutdown(ssl);
}
