/* The listening sockets: the service's port (its own framing) and, with --grpc-listen, the gRPC
 * port (HTTP/2); both accept connections until the shutdown begins. When accept fails (out of
 * file descriptors), listening pauses briefly instead of spinning. */
#include <errno.h>
#include <string.h>

#include "addr.h"
#include "conn.h"
#include "grpc_conn.h"
#include "listener.h"
#include "log.h"

#define ACCEPT_PAUSE_MS 100

static void accept_with(Server *s, evutil_socket_t fd, struct sockaddr *sa, const ConnTransport *t)
{
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
}

static void on_accept_error(struct evconnlistener *l, void *arg)
{
    Server *s = arg;
    int err = EVUTIL_SOCKET_ERROR();
    log_event("accept failed: %s; pausing %d ms", evutil_socket_error_to_string(err), ACCEPT_PAUSE_MS);
    evconnlistener_disable(l);
    struct timeval pause = {0, ACCEPT_PAUSE_MS * 1000};
    event_base_once(s->base, -1, EV_TIMEOUT, on_resume, s, &pause);
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
    if (s->listener)
        evconnlistener_free(s->listener);
    s->listener = NULL;
    if (s->grpc_listener)
        evconnlistener_free(s->grpc_listener);
    s->grpc_listener = NULL;
}
