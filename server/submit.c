/* Solve requests: refused at once when they cannot be queued, otherwise handed to the pool. */
#include <stdio.h>

#include "complete.h"
#include "reply.h"
#include "submit.h"

/* 0 when the request may be queued, else the reply was sent. */
static int refuse(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    Server *s = c->server;
    char message[300];
    int status = SOURCING__STATUS_CODE__OK;
    if (s->draining) {
        status = SOURCING__STATUS_CODE__UNAVAILABLE;
        snprintf(message, sizeof message, "the server is shutting down; send the request to a running server");
    } else if (conn_find_job(c, req->request_id)) {
        status = SOURCING__STATUS_CODE__INVALID_ARGUMENT;
        snprintf(message, sizeof message, "request id %llu is already in flight on this connection",
                 (unsigned long long)req->request_id);
    } else if (c->n_jobs >= s->config.max_inflight_per_conn) {
        status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED;
        snprintf(message, sizeof message,
                 "%d solves already in flight on this connection (--max-inflight-per-conn); "
                 "wait for their answers", c->n_jobs);
    }
    if (status != SOURCING__STATUS_CODE__OK)
        reply_with(c, req, received_ns, status, message, NULL);
    return status != SOURCING__STATUS_CODE__OK;
}

static void queue_full(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    PoolStats st = pool_stats(c->server->pool);
    char message[300];
    snprintf(message, sizeof message,
             "the queue is full: %d solves waiting (--queue %d) for %d busy workers; retry later",
             st.queued, st.capacity, st.busy);
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED, message, NULL);
}

void submit_solve(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    if (refuse(c, req, received_ns))
        return;
    uint32_t deadline = req->has_deadline_ms ? req->deadline_ms : 0;
    Job *job = job_new(c, req->request_id, req->payload.data, req->payload.len, received_ns, deadline);
    if (!job) {
        reply_with(c, req, received_ns, SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED, "out of memory", NULL);
        return;
    }
    job->max_decode_memory = c->server->config.max_decode_memory;
    job->client = c->client;
    job->json = c->transport->json;
    req->payload.data = NULL;     /* the job owns it now */
    req->payload.len = 0;
    if (pool_submit(c->server->pool, job) < 0) {
        queue_full(c, req, received_ns);
        job_free(job);
        return;
    }
    conn_add_job(c, job);
    conn_ref(c);
    c->server->jobs_outstanding++;
    if (deadline > 0 && deadline_watch(job) < 0)
        job_stop(job, STOP_DEADLINE);
}
