/* Clean shutdown on SIGTERM or SIGINT: stop accepting, refuse new solves, let the work in flight
 * finish for the grace period, then stop what still runs and exit the loop. A second signal
 * ends the grace period at once. */
#include <event2/buffer.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "reply.h"
#include "service.pb-c.h"

#include "conn.h"
#include "listener.h"
#include "log.h"
#include "shutdown.h"

#define HARD_STOP_SECONDS 2   /* after the grace period, for stopped solves to return */
#define FINAL_FLUSH_MS 1000   /* then for the last answers to be written */

/* Answers every solve still running UNAVAILABLE; its worker is left behind. */
static void answer_abandoned(Server *s)
{
    char message[300];
    snprintf(message, sizeof message,
             "the server exited: this solve did not stop within %d s of being told to; send it "
             "again to a running server", HARD_STOP_SECONDS);
    for (Conn *c = s->conns; c; c = c->next)
        for (Job *job = c->jobs; job; job = job->conn_next)
            reply(c, &(Reply){.id = job->request_id, .method = "Solve",
                              .status = SOURCING__STATUS_CODE__UNAVAILABLE, .message = message,
                              .received_ns = job->received_ns});
}

/* Writes what waits in every connection's output, blocking, for at most FINAL_FLUSH_MS in all.
 * The loop is over, so the buffers are taken from their bufferevents (which freeze their start
 * against everyone else's draining). */
static void flush_all(Server *s)
{
    int64_t end = clock_now_ns() + (int64_t)FINAL_FLUSH_MS * 1000000;
    for (Conn *c = s->conns; c; c = c->next) {
        if (!c->bev)
            continue;
        evutil_socket_t fd = bufferevent_getfd(c->bev);
        struct evbuffer *out = bufferevent_get_output(c->bev);
        evbuffer_unfreeze(out, 1);
        while (evbuffer_get_length(out) > 0 && clock_now_ns() < end) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            int left_ms = (int)((end - clock_now_ns()) / 1000000);
            if (poll(&p, 1, left_ms > 0 ? left_ms : 0) <= 0 ||
                (evbuffer_write(out, fd) < 0 && errno != EAGAIN && errno != EINTR))
                break;
        }
    }
}

/* Stopped solves did not return in time: their clients are answered and the loop ends without
 * waiting for them (srv_run returns SRV_RUN_ABANDONED). */
static void on_hard_stop(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Server *s = arg;
    log_event("shutdown: %ld solves did not return %d s after being stopped; answering them "
              "UNAVAILABLE and exiting without them", s->jobs_outstanding, HARD_STOP_SECONDS);
    answer_abandoned(s);
    flush_all(s);
    s->workers_abandoned = s->jobs_outstanding > 0;
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
