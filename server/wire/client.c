/* The client library: non-blocking socket, poll() for every timeout, frames as in frame.h;
 * optionally TLS (tls_client.c) and a bearer token in every request. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "addr.h"
#include "client.h"
#include "frame.h"
#include "sourcing.h"

#define SEND_TIMEOUT_MS 60000
#define MAX_TOKEN_BYTES 4096

struct SrvClient {
    int fd;
    TlsClient *tls;               /* NULL: plain TCP */
    char *token;                  /* sent in every request; NULL: none */
    uint64_t last_id;
    Sourcing__Response **kept;    /* read while waiting for another id */
    size_t n_kept, cap_kept;
};

enum { GOT = 1, TIMED_OUT = 0, CLOSED = -1, FAILED = -2 };

/* Deadlines are seconds on the solver's monotonic clock: the client needs nothing of the server
 * proper. */
static double deadline_after(int timeout_ms)
{
    return src_monotonic_now() + timeout_ms / 1000.0;
}

/* Waits until fd is ready for events: 1 ready, 0 deadline passed, -1 error. */
static int wait_ready(int fd, short events, double deadline)
{
    for (;;) {
        int64_t left_ms = (int64_t)((deadline - src_monotonic_now()) * 1000);
        if (left_ms < 0)
            return 0;
        struct pollfd p = {.fd = fd, .events = events};
        int rc = poll(&p, 1, (int)(left_ms > 1000000 ? 1000000 : left_ms) + 1);
        if (rc > 0)
            return 1;
        if (rc < 0 && errno != EINTR)
            return -1;
        if (rc == 0 && src_monotonic_now() >= deadline)
            return 0;
    }
}

static int connect_socket(const SrvAddr *addr, int timeout_ms, SrcError *err, const char *text)
{
    int fd = socket(addr->ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return src_error_set(err, "socket: %s", strerror(errno));
    int rc = connect(fd, (const struct sockaddr *)&addr->ss, addr->len);
    if (rc < 0 && errno == EINPROGRESS) {
        int ready = wait_ready(fd, POLLOUT, deadline_after(timeout_ms));
        socklen_t len = sizeof rc;
        if (ready <= 0) {
            close(fd);
            return src_error_set(err, "connect to %s: timed out after %d ms", text, timeout_ms);
        }
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &rc, &len);
        errno = rc;
        rc = rc ? -1 : 0;
    }
    if (rc < 0) {
        int saved = errno;
        close(fd);
        return src_error_set(err, "connect to %s: %s", text, strerror(saved));
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* The TLS handshake on c's connected socket, before the deadline. */
static int start_tls(SrvClient *c, const char *address, const SrvClientTls *tls, int timeout_ms,
                     SrcError *err)
{
    c->tls = tls_client_new(c->fd, address, tls, err);
    if (!c->tls)
        return -1;
    double deadline = deadline_after(timeout_ms);
    for (;;) {
        short want = 0;
        int rc = tls_client_handshake(c->tls, &want, err);
        if (rc != 0)
            return rc > 0 ? 0 : src_error_prefix(err, "%s", address);
        if (wait_ready(c->fd, want, deadline) <= 0)
            return src_error_set(err, "%s: TLS handshake: timed out after %d ms", address, timeout_ms);
    }
}

SrvClient *srv_client_connect(const char *address, int timeout_ms, SrcError *err)
{
    return srv_client_connect_tls(address, timeout_ms, NULL, err);
}

SrvClient *srv_client_connect_tls(const char *address, int timeout_ms, const SrvClientTls *tls,
                                  SrcError *err)
{
    SrvAddr addr;
    if (addr_parse(address, 0, &addr, err) < 0)
        return NULL;
    SrvClient *c = calloc(1, sizeof *c);
    if (!c) {
        src_error_set(err, "out of memory");
        return NULL;
    }
    c->fd = connect_socket(&addr, timeout_ms, err, address);
    if (c->fd < 0) {
        free(c);
        return NULL;
    }
    if (tls && start_tls(c, address, tls, timeout_ms, err) < 0) {
        srv_client_close(c);
        return NULL;
    }
    return c;
}

int srv_client_set_token(SrvClient *c, const char *token, SrcError *err)
{
    if (token && strnlen(token, MAX_TOKEN_BYTES + 1) > MAX_TOKEN_BYTES)
        return src_error_set(err, "the token is longer than %d bytes", MAX_TOKEN_BYTES);
    char *copy = token ? strdup(token) : NULL;
    if (token && !copy)
        return src_error_set(err, "out of memory");
    free(c->token);
    c->token = copy;
    return 0;
}

/* send(2) or SSL_write: bytes sent, or -1 with errno (EAGAIN: poll for *want). */
static ssize_t io_send(SrvClient *c, const void *buf, size_t len, short *want, SrcError *err)
{
    *want = POLLOUT;
    if (c->tls)
        return tls_client_send(c->tls, buf, len, want, err);
    return send(c->fd, buf, len, MSG_NOSIGNAL);
}

/* recv(2) or SSL_read: bytes read, 0 when closed, or -1 with errno (EAGAIN: poll for *want). */
static ssize_t io_recv(SrvClient *c, void *buf, size_t len, short *want, SrcError *err)
{
    *want = POLLIN;
    if (c->tls)
        return tls_client_recv(c->tls, buf, len, want, err);
    return recv(c->fd, buf, len, 0);
}

void srv_client_close(SrvClient *c)
{
    if (!c)
        return;
    tls_client_free(c->tls);
    free(c->token);
    close(c->fd);
    for (size_t i = 0; i < c->n_kept; i++)
        srv_response_free(c->kept[i]);
    free(c->kept);
    free(c);
}

uint64_t srv_client_next_id(SrvClient *c)
{
    return ++c->last_id;
}

int srv_client_send_raw(SrvClient *c, const void *bytes, size_t len, SrcError *err)
{
    const uint8_t *p = bytes;
    double deadline = deadline_after(SEND_TIMEOUT_MS);
    while (len > 0) {
        short want;
        ssize_t n = io_send(c, p, len, &want, err);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (wait_ready(c->fd, want, deadline) <= 0)
                return src_error_set(err, "send: timed out after %d ms", SEND_TIMEOUT_MS);
        } else if (errno == EPIPE || errno == ECONNRESET) {
            return src_error_set(err, "send: the server closed the connection");
        } else if (errno == EPROTO) {
            return src_error_prefix(err, "send");
        } else {
            return src_error_set(err, "send: %s", strerror(errno));
        }
    }
    return 0;
}

int srv_client_send(SrvClient *c, uint64_t id, const char *method, uint32_t deadline_ms,
                    const ProtobufCMessage *payload, SrcError *err)
{
    Sourcing__Request req = SOURCING__REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = id;
    req.method = (char *)method;
    req.has_deadline_ms = deadline_ms > 0;
    req.deadline_ms = deadline_ms;
    req.token = c->token;
    uint8_t *bytes = NULL;
    if (payload) {
        req.has_payload = 1;
        req.payload.data = bytes = frame_pack_payload(payload, &req.payload.len);
        if (!bytes)
            return src_error_set(err, "out of memory");
    }
    size_t len = 0;
    uint8_t *frame = frame_pack(&req.base, &len);
    free(bytes);
    if (!frame)
        return src_error_set(err, "request too large or out of memory");
    int rc = srv_client_send_raw(c, frame, len, err);
    free(frame);
    return rc;
}

/* Reads exactly n bytes before the deadline. */
static int read_exact(SrvClient *c, uint8_t *buf, size_t n, double deadline, SrcError *err)
{
    while (n > 0) {
        short want;
        ssize_t got = io_recv(c, buf, n, &want, err);
        if (got > 0) {
            buf += got;
            n -= (size_t)got;
        } else if (got == 0) {
            src_error_set(err, "the server closed the connection");
            return CLOSED;
        } else if (errno == EAGAIN || errno == EINTR) {
            int ready = wait_ready(c->fd, want, deadline);
            if (ready <= 0) {
                src_error_set(err, ready == 0 ? "timed out waiting for the server" : "poll: %s",
                              strerror(errno));
                return ready == 0 ? TIMED_OUT : FAILED;
            }
        } else if (errno == ECONNRESET) {
            src_error_set(err, "the server closed the connection (reset)");
            return CLOSED;
        } else if (errno == EPROTO) {
            return FAILED;        /* err says what TLS found */
        } else {
            src_error_set(err, "recv: %s", strerror(errno));
            return FAILED;
        }
    }
    return GOT;
}

static int read_response(SrvClient *c, double deadline, Sourcing__Response **out, SrcError *err)
{
    uint8_t header[FRAME_HEADER_BYTES];
    int rc = read_exact(c, header, sizeof header, deadline, err);
    if (rc != GOT)
        return rc;
    uint32_t len = 0;
    if (frame_check_header(header, SRV_CLIENT_MAX_MESSAGE, &len, err) != FRAME_OK) {
        src_error_prefix(err, "bad frame from the server");
        return FAILED;
    }
    uint8_t *body = malloc(len ? len : 1);
    if (!body) {
        src_error_set(err, "out of memory for a %u-byte response", len);
        return FAILED;
    }
    rc = read_exact(c, body, len, deadline, err);
    if (rc == GOT) {
        *out = (Sourcing__Response *)protobuf_c_message_unpack(&sourcing__response__descriptor, NULL, len, body);
        if (!*out) {
            src_error_set(err, "the server sent %u bytes that are not a sourcing.Response", len);
            rc = FAILED;
        }
    }
    free(body);
    return rc;
}

static int keep(SrvClient *c, Sourcing__Response *r)
{
    if (c->n_kept == c->cap_kept) {
        size_t cap = c->cap_kept ? 2 * c->cap_kept : 8;
        Sourcing__Response **grown = realloc(c->kept, cap * sizeof *grown);
        if (!grown)
            return -1;
        c->kept = grown;
        c->cap_kept = cap;
    }
    c->kept[c->n_kept++] = r;
    return 0;
}

/* Takes the kept response at index i out of the list. */
static Sourcing__Response *take_kept(SrvClient *c, size_t i)
{
    Sourcing__Response *r = c->kept[i];
    memmove(&c->kept[i], &c->kept[i + 1], (c->n_kept - i - 1) * sizeof *c->kept);
    c->n_kept--;
    return r;
}

Sourcing__Response *srv_client_read(SrvClient *c, int timeout_ms, SrcError *err)
{
    if (c->n_kept > 0)
        return take_kept(c, 0);
    Sourcing__Response *r = NULL;
    read_response(c, deadline_after(timeout_ms), &r, err);
    return r;
}

Sourcing__Response *srv_client_wait(SrvClient *c, uint64_t id, int timeout_ms, SrcError *err)
{
    for (size_t i = 0; i < c->n_kept; i++)
        if (c->kept[i]->request_id == id)
            return take_kept(c, i);
    double deadline = deadline_after(timeout_ms);
    for (;;) {
        Sourcing__Response *r = NULL;
        if (read_response(c, deadline, &r, err) != GOT)
            return NULL;
        if (r->request_id == id)
            return r;
        if (keep(c, r) < 0) {
            srv_response_free(r);
            src_error_set(err, "out of memory keeping responses");
            return NULL;
        }
    }
}

Sourcing__Response *srv_client_call(SrvClient *c, const char *method, uint32_t deadline_ms,
                                    const ProtobufCMessage *payload, int timeout_ms, SrcError *err)
{
    uint64_t id = srv_client_next_id(c);
    if (srv_client_send(c, id, method, deadline_ms, payload, err) < 0)
        return NULL;
    return srv_client_wait(c, id, timeout_ms, err);
}

int srv_client_closed_by_server(SrvClient *c, int timeout_ms)
{
    double deadline = deadline_after(timeout_ms);
    for (;;) {
        Sourcing__Response *r = NULL;
        SrcError err;
        int rc = read_response(c, deadline, &r, &err);
        if (rc != GOT)
            return rc == CLOSED;
        if (keep(c, r) < 0) {
            srv_response_free(r);
            return 0;
        }
    }
}

void srv_response_free(Sourcing__Response *r)
{
    if (r)
        protobuf_c_message_free_unpacked(&r->base, NULL);
}

ProtobufCMessage *srv_response_payload(const Sourcing__Response *r, const ProtobufCMessageDescriptor *desc)
{
    if (!r || !r->has_payload)
        return NULL;
    return protobuf_c_message_unpack(desc, NULL, r->payload.len, r->payload.data);
}
