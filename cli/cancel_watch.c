/* cancel_watch.h: SIGINT and SIGTERM are blocked in the command's thread and taken by sigwait in a
 * watcher thread, which sends the Cancel request. The watcher only sends (srv_client_send writes
 * c's socket and touches nothing else of c) while the command's thread only reads: a socket may be
 * written by one thread while another reads it. */
#include "cancel_watch.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "service.pb-c.h"

/* Sent by cancel_watch_stop to end the watcher; not a signal anyone else sends us. */
#define STOP_SIGNAL SIGUSR2

struct CancelWatch {
    SrvClient *client;
    uint64_t solve_id, cancel_id;
    pthread_t thread;
    sigset_t watched, previous_mask;
    int caught;   /* written by the watcher, read after pthread_join */
};

static void send_cancel(CancelWatch *w)
{
    Sourcing__CancelRequest req = SOURCING__CANCEL_REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = w->solve_id;
    SrcError err = {{0}};
    if (srv_client_send(w->client, w->cancel_id, "Cancel", 0, &req.base, &err))
        fprintf(stderr, "sourcing client: could not send Cancel: %s\n", err.message);
}

/* The second signal: its default action, now. */
static void die_by(int sig)
{
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
}

static void *watch(void *arg)
{
    CancelWatch *w = arg;
    for (;;) {
        int sig;
        if (sigwait(&w->watched, &sig) != 0 || sig == STOP_SIGNAL)
            return NULL;
        if (w->caught) {
            die_by(sig);
            return NULL;
        }
        w->caught = sig;
        fprintf(stderr, "\nsourcing client: interrupted: asking the server to cancel; its best plan so far "
                        "will be written (interrupt again to quit at once)\n");
        send_cancel(w);
    }
}

CancelWatch *cancel_watch_start(SrvClient *c, uint64_t solve_id, uint64_t cancel_id)
{
    CancelWatch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    *w = (CancelWatch){.client = c, .solve_id = solve_id, .cancel_id = cancel_id};
    sigemptyset(&w->watched);
    sigaddset(&w->watched, SIGINT);
    sigaddset(&w->watched, SIGTERM);
    sigaddset(&w->watched, STOP_SIGNAL);
    pthread_sigmask(SIG_BLOCK, &w->watched, &w->previous_mask);   /* the watcher inherits it */
    if (pthread_create(&w->thread, NULL, watch, w) != 0) {
        pthread_sigmask(SIG_SETMASK, &w->previous_mask, NULL);
        free(w);
        return NULL;
    }
    return w;
}

int cancel_watch_stop(CancelWatch *w)
{
    if (!w)
        return 0;
    pthread_kill(w->thread, STOP_SIGNAL);
    pthread_join(w->thread, NULL);
    int caught = w->caught;
    /* a signal that came after the watcher ended takes its default action here */
    pthread_sigmask(SIG_SETMASK, &w->previous_mask, NULL);
    free(w);
    return caught;
}
