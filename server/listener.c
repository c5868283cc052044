/* The listening socket: accepts connections until the shutdown begins. When accept fails (out of
 * file descriptors), listening pauses briefly instead of spinning. */
#include <errno.h>
#include <string.h>

#include "addr.h"
#include "conn.h"
#include "listener.h"
#include "log.h"

#define ACCEPT_PAUSE_MS 100

static void on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa, int len,
                      void *arg)
{
    (void)l;
    (void)len;
    Server *s = arg;
    if (s->draining) {
        evutil_closesocket(fd);
        return;
    }
    conn_accept(s, fd, sa);
}

static void on_resume(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Server *s = arg;
    if (s->listener)
        evconnlistener_enable(s->listener);
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

int listener_start(Server *s, SrcError *err)
{
    SrvAddr addr;
    if (addr_parse(s->config.listen, 1, &addr, err) < 0)
        return src_error_prefix(err, "--listen");
    s->listener = evconnlistener_new_bind(s->base, on_accept, s,
                                          LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, 128,
                                          (struct sockaddr *)&addr.ss, (int)addr.len);
    if (!s->listener)
        return src_error_set(err, "cannot listen on %s: %s", s->config.listen, strerror(errno));
    evconnlistener_set_error_cb(s->listener, on_accept_error);
    s->port = addr_bound_port(evconnlistener_get_fd(s->listener));
    return 0;
}

void listener_stop(Server *s)
{
    if (s->listener)
        evconnlistener_free(s->listener);
    s->listener = NULL;
}
