/* Answering a request: the Response frame, its log line and its counters, in one call. Every
 * handler answers through here. */
#ifndef SRV_REPLY_H
#define SRV_REPLY_H

#include <stddef.h>
#include <stdint.h>

#include "job.h"
#include "service.pb-c.h"

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
    const char *client;           /* the token's name; NULL: the connection's current one */
} Reply;

/* Sends r on c (unless c is closed), logs it and counts it. */
void reply(struct Conn *c, const Reply *r);

/* Replies to req with msg packed as the payload (msg NULL: none). */
void reply_with(struct Conn *c, const Sourcing__Request *req, int64_t received_ns, int status,
                const char *message, const ProtobufCMessage *msg);

#endif
