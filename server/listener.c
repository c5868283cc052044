/* The listening sockets: the service's port (its own framing) and, with --grpc-listen, the gRPC
 * port (HTTP/2); both accept connections until the shutdown begins.
 *
 * Out of file descriptors (EMFILE, ENFILE), accept fails while the connection waits in the
 * backlog, and the listener would spin. Instead: a spare descriptor kept open is closed, the
 * waiting connection accepted with it and refused (RESOURCE_EXHAUSTED on the framed port), the
 * spare reopened, and every listener paused ACCEPT_PAUSE_MS. Connections already open are not
 * touched. The log says when the trouble begins, every ACCEPT_LOG_EVERY_S while it lasts, and
 * when accepting works again; sourcing_accept_errors_total counts every failure. The metrics
 * port (evhttp) gets the same treatment. */
#include <errno.h>
#include <event2/http.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "admit.h"
#include "clock.h"
#include "conn.h"
#include "grpc_conn.h"
#include "listener.h"
#include "log.h"

#define ACCEPT_PAUSE_MS 100
#define ACCEPT_LOG_EVERY_S 10

/* The server whose listeners these are: evhttp's listener calls back with its own argument. One
 * server per process. */
static Server *the_server;

static int open_spare(void)
{
    return open("/dev/null", O_RDONLY | O_CLOEXEC);
}

/* Accepting works (again): says so once after a spell of failures. */
static void accept_works(Server *s)
{
    if (!s->accept_trouble_ns)
        return;
    log_event("accepting connections again after %lu failed accepts in %.1f s", s->accept_failures,
              (double)(clock_now_ns() - s->accept_trouble_ns) / 1e9);
    s->accept_trouble_ns = 0;
    s->accept_failures = 0;
    if (s->spare_fd < 0)
        s->spare_fd = open_spare();
}

static void accept_with(Server *s, evutil_socket_t fd, struct sockaddr *sa, const ConnTransport *t)
{
    accept_works(s);
    if (s->draining) {
        evutil_closesocket(fd);
        return;
    }
    conn_accept(s, fd, sa, t);
}

static void on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa, int len,
                      void *arg)
{
    (void)l;
    (void)len;
    accept_with(arg, fd, sa, &CONN_FRAMED);
}

static void on_accept_grpc(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
                           int len, void *arg)
{
    (void)l;
    (void)len;
    accept_with(arg, fd, sa, &CONN_GRPC);
}

static void on_resume(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Server *s = arg;
    if (s->listener)
        evconnlistener_enable(s->listener);
    if (s->grpc_listener)
        evconnlistener_enable(s->grpc_listener);
    if (s->http_listener)
        evconnlistener_enable(s->http_listener);
}

/* With the spare descriptor: takes the connection waiting on l and refuses it. */
static void refuse_waiting(Server *s, struct evconnlistener *l)
{
    if (s->spare_fd < 0)
        return;
    close(s->spare_fd);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = accept(evconnlistener_get_fd(l), (struct sockaddr *)&ss, &len);
    if (fd >= 0 && l == s->http_listener) {
        close(fd);
        s->metrics.connections_refused++;
        s->metrics.drops[DROP_NO_DESCRIPTORS]++;
    } else if (fd >= 0) {
        admit_refuse(s, fd, (struct sockaddr *)&ss, l == s->grpc_listener ? &CONN_GRPC : &CONN_FRAMED,
                     DROP_NO_DESCRIPTORS, "the server is out of file descriptors; retry later");
    }
    s->spare_fd = open_spare();
}

static void on_accept_error(struct evconnlistener *l, void *arg)
{
    (void)arg;
    Server *s = the_server;
    int err = EVUTIL_SOCKET_ERROR();
    int64_t now = clock_now_ns();
    s->metrics.accept_errors++;
    s->accept_failures++;
    if (!s->accept_trouble_ns || now - s->accept_logged_ns >= (int64_t)ACCEPT_LOG_EVERY_S * 1000000000) {
        log_event("accept failed: %s (%lu times since %.1f s ago); new connections are refused and "
                  "accepting pauses %d ms at a time until it works; open connections are served",
                  evutil_socket_error_to_string(err), s->accept_failures,
                  s->accept_trouble_ns ? (double)(now - s->accept_trouble_ns) / 1e9 : 0.0, ACCEPT_PAUSE_MS);
        s->accept_logged_ns = now;
        if (!s->accept_trouble_ns)
            s->accept_trouble_ns = now;
    }
    if (err == EMFILE || err == ENFILE)
        refuse_waiting(s, l);
    if (s->listener)
        evconnlistener_disable(s->listener);
    if (s->grpc_listener)
        evconnlistener_disable(s->grpc_listener);
    if (s->http_listener)
        evconnlistener_disable(s->http_listener);
    struct timeval pause = {0, ACCEPT_PAUSE_MS * 1000};
    event_base_once(s->base, -1, EV_TIMEOUT, on_resume, s, &pause);
}

void listener_watch_http(Server *s, struct evconnlistener *l)
{
    s->http_listener = l;
    evconnlistener_set_error_cb(l, on_accept_error);
}

/* Binds text (the value of flag) and sets *port to the bound port. */
static struct evconnlistener *bind_one(Server *s, const char *flag, const char *text,
                                       evconnlistener_cb on_new, int *port, SrcError *err)
{
    SrvAddr addr;
    if (addr_parse(text, 1, &addr, err) < 0) {
        src_error_prefix(err, "%s", flag);
        return NULL;
    }
    struct evconnlistener *l = evconnlistener_new_bind(s->base, on_new, s,
                                                       LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE,
                                                       128, (struct sockaddr *)&addr.ss, (int)addr.len);
    if (!l) {
        src_error_set(err, "cannot listen on %s: %s", text, strerror(errno));
        return NULL;
    }
    evconnlistener_set_error_cb(l, on_accept_error);
    *port = addr_bound_port(evconnlistener_get_fd(l));
    return l;
}

int listener_start(Server *s, SrcError *err)
{
    the_server = s;
    s->spare_fd = open_spare();
    if (s->spare_fd < 0)
        return src_error_set(err, "cannot open /dev/null (the spare descriptor): %s", strerror(errno));
    s->listener = bind_one(s, "--listen", s->config.listen, on_accept, &s->port, err);
    if (!s->listener)
        return -1;
    if (s->config.grpc_listen[0]) {
        s->grpc_listener = bind_one(s, "--grpc-listen", s->config.grpc_listen, on_accept_grpc,
                                    &s->grpc_port, err);
        if (!s->grpc_listener)
            return -1;
    }
    return 0;
}

void listener_stop(Server *s)
{
    if (s->spare_fd >= 0)
        close(s->spare_fd);
    s->spare_fd = -1;
    if (s->listener)
        evconnlistener_free(s->listener);
    s->listener = NULL;
    if (s->grpc_listener)
        evconnlistener_free(s->grpc_listener);
    s->grpc_listener = NULL;
}
