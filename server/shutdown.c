/* Clean shutdown on SIGTERM or SIGINT: stop accepting, refuse new solves, let the work in flight
 * finish for the grace period, then stop what still runs and exit the loop. A second signal
 * ends the grace period at once. */
#include <signal.h>
#include <string.h>

#include "conn.h"
#include "listener.h"
#include "log.h"
#include "shutdown.h"

#define HARD_STOP_SECONDS 5   /* after the grace period, for stopped solves to return */

static void on_hard_stop(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Server *s = arg;
    log_event("shutdown: %ld solves did not return %d s after being stopped; exiting anyway",
              s->jobs_outstanding, HARD_STOP_SECONDS);
    event_base_loopbreak(s->base);
}

static void end_grace(Server *s)
{
    if (s->hard_timer)
        return;
    if (s->jobs_outstanding > 0)
        log_event("shutdown: grace period over, stopping %ld solves", s->jobs_outstanding);
    for (Conn *c = s->conns, *next; c; c = next) {
        next = c->next;
        conn_stop_jobs(c, STOP_SHUTDOWN);
    }
    s->hard_timer = evtimer_new(s->base, on_hard_stop, s);
    struct timeval hard = {HARD_STOP_SECONDS, 0};
    if (s->hard_timer)
        evtimer_add(s->hard_timer, &hard);
    shutdown_check_done(s);
}

static void on_grace_end(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    end_grace(arg);
}

static void begin_drain(Server *s, int sig)
{
    s->draining = 1;
    log_event("%s: shutting down; %ld solves in flight on %d connections, grace %d s",
              strsignal(sig), s->jobs_outstanding, s->n_conns, s->config.grace);
    listener_stop(s);
    for (Conn *c = s->conns, *next; c; c = next) {
        next = c->next;
        conn_maybe_finish(c);
    }
    s->grace_timer = evtimer_new(s->base, on_grace_end, s);
    struct timeval grace = {s->config.grace, 0};
    if (!s->grace_timer || evtimer_add(s->grace_timer, &grace) < 0)
        end_grace(s);
    shutdown_check_done(s);
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
    (void)what;
    Server *s = arg;
    if (!s->draining)
        begin_drain(s, (int)sig);
    else
        end_grace(s);
}

int shutdown_watch_signals(Server *s)
{
    const int sigs[2] = {SIGTERM, SIGINT};
    for (int i = 0; i < 2; i++) {
        s->signals[i] = evsignal_new(s->base, sigs[i], on_signal, s);
        if (!s->signals[i] || evsignal_add(s->signals[i], NULL) < 0)
            return -1;
    }
    return 0;
}

void shutdown_check_done(Server *s)
{
    if (s->draining && s->jobs_outstanding == 0 && s->n_conns == 0)
        event_base_loopexit(s->base, NULL);
}

void shutdown_free(Server *s)
{
    for (int i = 0; i < 2; i++)
        if (s->signals[i])
            event_free(s->signals[i]);
    if (s->grace_timer)
        event_free(s->grace_timer);
    if (s->hard_timer)
        event_free(s->hard_timer);
}
