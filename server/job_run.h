/* The worker's part of a Solve (job_run.c). */
#ifndef SRV_JOB_RUN_H
#define SRV_JOB_RUN_H

#include "job.h"

/* Budget, decode, solve, encode, on a worker thread. Fills job->result. */
void job_run(Job *job);

#endif
