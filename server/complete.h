/* The end of a Solve on the loop: stopping a job (Cancel, disconnect, deadline, shutdown) and
 * answering it once a worker finished it or it was taken back from the queue. */
#ifndef SRV_COMPLETE_H
#define SRV_COMPLETE_H

#include "job.h"

/* Asks job to stop: a queued job is taken back and answered now, a running one has its cancel
 * flag set and is answered when its worker returns. */
void job_stop(Job *job, JobStop why);

/* The pool's callback for a job a worker finished (ctx unused). */
void complete_job(Job *job, void *ctx);

/* Arms the deadline timer of a queued job. 0 on success. */
int deadline_watch(Job *job);

#endif
