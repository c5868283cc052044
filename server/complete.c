/* Answering finished or stopped solves, and the deadline timers that stop them. */
#include <stdio.h>
#include <stdlib.h>

#include "deadline.h"
#include "clock.h"
#include "complete.h"
#include "conn.h"
#include "reply.h"
#include "service.pb-c.h"
#include "shutdown.h"

static void drop_payload(JobResult *r)
{
    free(r->payload);
    r->payload = NULL;
    r->payload_len = 0;
}

/* Answers job (if its client is still there), forgets it and frees it. */
static void finish(Job *job)
{
    Conn *c = job->conn;
    Server *s = c->server;
    if (job->deadline_timer)
        event_free(job->deadline_timer);
    job->deadline_timer = NULL;
    conn_remove_job(c, job);
    JobResult *r = &job->result;
    reply(c, &(Reply){.id = job->request_id, .method = "Solve", .status = r->status,
                      .message = r->message, .payload = r->payload, .payload_len = r->payload_len,
                      .received_ns = job->received_ns, .solve = r, .client = job->client});
    job_free(job);
    s->jobs_outstanding--;
    conn_maybe_finish(c);
    conn_unref(c);
    shutdown_check_done(s);
}

/* The answer of a job taken back from the queue: it never ran. */
static void set_withdrawn(Job *job, JobStop why)
{
    JobResult *r = &job->result;
    char message[300];
    switch (why) {
    case STOP_CLIENT_CANCEL:
        job_result_set(r, SOURCING__STATUS_CODE__CANCELLED,
                       "cancelled by a Cancel request before it started");
        break;
    case STOP_DEADLINE:
        snprintf(message, sizeof message,
                 "deadline of %u ms: still queued with less than the safety margin of %.0f ms left; "
                 "not solved", job->deadline_ms, deadline_margin_ms(job->deadline_ms));
        job_result_set(r, SOURCING__STATUS_CODE__DEADLINE_EXCEEDED, message);
        break;
    case STOP_SHUTDOWN:
        job_result_set(r, SOURCING__STATUS_CODE__UNAVAILABLE,
                       "the server shut down before this solve started; send it again to a running server");
        break;
    default:
        job_result_set(r, SOURCING__STATUS_CODE__CANCELLED, "the client disconnected before it started");
        break;
    }
}

/* Takes job back if it is still queued and answers it now: 1 if so, 0 if it runs or ran. */
static int answer_if_queued(Job *job, JobStop why)
{
    if (!pool_withdraw(job->conn->server->pool, job))
        return 0;
    job->stop = why;
    set_withdrawn(job, why);
    finish(job);
    return 1;
}

void job_stop(Job *job, JobStop why)
{
    job->stop = why;
    if (!answer_if_queued(job, why))
        atomic_store(&job->cancel, 1);
}

/* What the client is told about a job that ran, given why it was asked to stop. */
static void settle(Job *job)
{
    JobResult *r = &job->result;
    double late_ms = clock_ms_between(job->received_ns, clock_now_ns()) - job->deadline_ms;
    char message[300];
    if (job->stop == STOP_CLIENT_CANCEL && r->status != SOURCING__STATUS_CODE__INVALID_ARGUMENT) {
        job_result_set(r, SOURCING__STATUS_CODE__CANCELLED,
                       r->payload ? "cancelled by a Cancel request; the payload is the best plan found"
                                  : "cancelled by a Cancel request");
    } else if (job->stop == STOP_DISCONNECT) {
        job_result_set(r, SOURCING__STATUS_CODE__CANCELLED, "the client disconnected");
    } else if (job->stop == STOP_SHUTDOWN && r->status != SOURCING__STATUS_CODE__OK &&
               r->status != SOURCING__STATUS_CODE__INVALID_ARGUMENT) {
        job_result_set(r, SOURCING__STATUS_CODE__UNAVAILABLE,
                       "the server shut down before the solve finished");
    } else if (job->deadline_ms > 0 && late_ms > 0 &&
               r->status != SOURCING__STATUS_CODE__DEADLINE_EXCEEDED) {
        snprintf(message, sizeof message, "deadline of %u ms passed during the solve (%.0f ms ago)",
                 job->deadline_ms, late_ms);
        job_result_set(r, SOURCING__STATUS_CODE__DEADLINE_EXCEEDED, message);
        drop_payload(r);
    }
}

void complete_job(Job *job, void *ctx)
{
    (void)ctx;
    settle(job);
    finish(job);
}

/* A timer's delay of ms milliseconds (whole milliseconds: the fraction is dropped). */
static struct timeval after_ms(double ms)
{
    return (struct timeval){(time_t)(ms / 1000), (suseconds_t)((long)ms % 1000) * 1000};
}

/* At the deadline itself: a job still running is told to stop. */
static void on_deadline(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Job *job = arg;
    job->stop = STOP_DEADLINE;
    atomic_store(&job->cancel, 1);
}

/* When only the safety margin is left: a job still queued cannot be solved in time. */
static void on_margin(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Job *job = arg;
    if (answer_if_queued(job, STOP_DEADLINE))
        return;
    struct timeval margin = after_ms(deadline_margin_ms(job->deadline_ms));
    event_assign(job->deadline_timer, job->conn->server->base, -1, 0, on_deadline, job);
    evtimer_add(job->deadline_timer, &margin);
}

int deadline_watch(Job *job)
{
    Server *s = job->conn->server;
    double used_ms = clock_ms_between(job->received_ns, clock_now_ns());
    double wait_ms = job->deadline_ms - deadline_margin_ms(job->deadline_ms) - used_ms;
    if (wait_ms < 0)
        wait_ms = 0;
    job->deadline_timer = evtimer_new(s->base, on_margin, job);
    if (!job->deadline_timer)
        return -1;
    struct timeval wait = after_ms(wait_ms);
    return evtimer_add(job->deadline_timer, &wait);
}
