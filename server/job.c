/* Creating and freeing jobs (loop thread), and setting their results' status. */
#include <stdio.h>
#include <stdlib.h>

#include "job.h"

Job *job_new(struct Conn *conn, uint64_t request_id, uint8_t *payload, size_t payload_len,
             int64_t received_ns, uint32_t deadline_ms)
{
    Job *job = calloc(1, sizeof *job);
    if (!job)
        return NULL;
    job->conn = conn;
    job->request_id = request_id;
    job->payload = payload;
    job->payload_len = payload_len;
    job->received_ns = received_ns;
    job->deadline_ms = deadline_ms;
    atomic_init(&job->cancel, 0);
    job->state = JOB_NEW;
    job->result.orders = -1;
    return job;
}

void job_free(Job *job)
{
    if (!job)
        return;
    free(job->payload);
    free(job->result.payload);
    free(job);
}

void job_result_set(JobResult *r, int status, const char *message)
{
    r->status = status;
    snprintf(r->message, sizeof r->message, "%s", message);
}
