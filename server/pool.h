/* A fixed pool of worker threads with a bounded FIFO queue of jobs. Finished jobs come back to
 * the event loop through a completion list and a libevent user event (event_active is
 * thread-safe once evthread_use_pthreads() ran), so the loop alone touches connections. */
#ifndef SRV_POOL_H
#define SRV_POOL_H

#include <event2/event.h>

#include "error.h"
#include "job.h"

typedef struct Pool Pool;

/* Called on the loop thread for each job a worker finished. */
typedef void (*PoolDoneFn)(Job *job, void *ctx);

Pool *pool_start(struct event_base *base, int threads, int capacity, PoolDoneFn done, void *ctx,
                 SrcError *err);

/* Queues job. 0 on success, -1 when the queue is full (the caller keeps the job). */
int pool_submit(Pool *pool, Job *job);

/* Takes job back if it is still queued: 1 (the caller owns it again), or 0 (it runs or ran). */
int pool_withdraw(Pool *pool, Job *job);

typedef struct PoolStats {
    int queued, busy, workers, capacity;
} PoolStats;
PoolStats pool_stats(Pool *pool);

/* Stops the workers once they finish their current job (queued jobs must have been withdrawn),
 * hands every finished job to done, and frees the pool. */
void pool_stop(Pool *pool);

#endif
