/* Answering a request: the Response frame, its log line and its counters, in one call. */
#ifndef SRV_REPLY_H
#define SRV_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include "job.h"

struct Conn;

typedef struct Reply {
    uint64_t id;
    const char *method;           /* NULL: none could be read */
    int status;
    const char *message;
    const uint8_t *payload;       /* NULL: none */
    size_t payload_len;
    int64_t received_ns;
    const JobResult *solve;       /* for Solve: orders, cost, plan status, ... */
} Reply;

/* Sends r on c (unless c is closed), logs it and counts it. */
void reply(struct Conn *c, const Reply *r);

#endif
