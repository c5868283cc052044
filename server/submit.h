/* Solve requests (submit.c): refused at once when they cannot be queued, otherwise handed to the
 * worker pool. */
#ifndef SRV_SUBMIT_H
#define SRV_SUBMIT_H

#include <stdint.h>

#include "conn.h"
#include "service.pb-c.h"

/* Queues the request or answers why not. Takes req's payload. */
void submit_solve(Conn *c, Sourcing__Request *req, int64_t received_ns);

#endif
