/* Worker threads, the bounded queue and the completion channel back to the loop. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job_run.h"
#include "pool.h"
#include "sourcing.h"

struct Pool {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    Job *head, *tail;         /* queued, oldest first */
    Job *done;                /* finished, waiting for the loop */
    int queued, busy, capacity, n_threads, stopping;
    pthread_t *threads;
    struct event *done_event; /* activated by workers, runs on the loop */
    PoolDoneFn on_done;
    void *ctx;
};

static Job *take_next(Pool *p)
{
    Job *job = p->head;
    p->head = job->queue_next;
    if (!p->head)
        p->tail = NULL;
    job->queue_next = NULL;
    job->state = JOB_RUNNING;
    p->queued--;
    p->busy++;
    return job;
}

static void *worker_main(void *arg)
{
    Pool *p = arg;
    pthread_mutex_lock(&p->lock);
    while (!p->stopping || p->head) {
        if (!p->head) {
            pthread_cond_wait(&p->wake, &p->lock);
            continue;
        }
        Job *job = take_next(p);
        pthread_mutex_unlock(&p->lock);
        job_run(job);
        pthread_mutex_lock(&p->lock);
        job->state = JOB_DONE;
        job->queue_next = p->done;
        p->done = job;
        p->busy--;
        event_active(p->done_event, EV_READ, 0);
    }
    pthread_mutex_unlock(&p->lock);
    src_thread_cleanup();
    return NULL;
}

/* Runs on the loop: hands the finished jobs to the callback, oldest first. */
static void deliver_done(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Pool *p = arg;
    pthread_mutex_lock(&p->lock);
    Job *list = p->done;
    p->done = NULL;
    pthread_mutex_unlock(&p->lock);
    Job *reversed = NULL;
    while (list) {
        Job *next = list->queue_next;
        list->queue_next = reversed;
        reversed = list;
        list = next;
    }
    while (reversed) {
        Job *next = reversed->queue_next;
        reversed->queue_next = NULL;
        p->on_done(reversed, p->ctx);
        reversed = next;
    }
}

static int start_threads(Pool *p, int threads, SrcError *err)
{
    p->threads = calloc((size_t)threads, sizeof *p->threads);
    if (!p->threads)
        return src_error_set(err, "out of memory for %d worker threads", threads);
    for (int i = 0; i < threads; i++) {
        int rc = pthread_create(&p->threads[i], NULL, worker_main, p);
        if (rc != 0)
            return src_error_set(err, "cannot start worker thread %d: %s", i + 1, strerror(rc));
        p->n_threads++;
    }
    return 0;
}

Pool *pool_start(struct event_base *base, int threads, int capacity, PoolDoneFn done, void *ctx,
                 SrcError *err)
{
    Pool *p = calloc(1, sizeof *p);
    if (!p) {
        src_error_set(err, "out of memory for the worker pool");
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    p->capacity = capacity;
    p->on_done = done;
    p->ctx = ctx;
    p->done_event = event_new(base, -1, 0, deliver_done, p);
    if (!p->done_event) {
        src_error_set(err, "cannot create the completion event");
        pool_stop(p);
        return NULL;
    }
    if (start_threads(p, threads, err) < 0) {
        pool_stop(p);
        return NULL;
    }
    return p;
}

int pool_submit(Pool *p, Job *job)
{
    pthread_mutex_lock(&p->lock);
    int idle = p->n_threads - p->busy;
    int full = p->queued - idle >= p->capacity;     /* jobs beyond the idle workers wait */
    if (!full) {
        job->state = JOB_QUEUED;
        job->queue_next = NULL;
        if (p->tail)
            p->tail->queue_next = job;
        else
            p->head = job;
        p->tail = job;
        p->queued++;
        pthread_cond_signal(&p->wake);
    }
    pthread_mutex_unlock(&p->lock);
    return full ? -1 : 0;
}

int pool_withdraw(Pool *p, Job *job)
{
    pthread_mutex_lock(&p->lock);
    int found = 0;
    Job *prev = NULL;
    for (Job *j = p->head; j && job->state == JOB_QUEUED; prev = j, j = j->queue_next) {
        if (j != job)
            continue;
        if (prev)
            prev->queue_next = j->queue_next;
        else
            p->head = j->queue_next;
        if (p->tail == j)
            p->tail = prev;
        j->queue_next = NULL;
        j->state = JOB_NEW;
        p->queued--;
        found = 1;
        break;
    }
    pthread_mutex_unlock(&p->lock);
    return found;
}

PoolStats pool_stats(Pool *p)
{
    pthread_mutex_lock(&p->lock);
    PoolStats s = {p->queued, p->busy, p->n_threads, p->capacity};
    pthread_mutex_unlock(&p->lock);
    return s;
}

void pool_stop(Pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->n_threads; i++)
        pthread_join(p->threads[i], NULL);
    if (p->done_event) {
        deliver_done(-1, 0, p);
        event_free(p->done_event);
    }
    free(p->threads);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
