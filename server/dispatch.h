/* Routing one request frame: decode the envelope, answer Health, Info and Cancel at once on the
 * loop, hand Solve to the worker pool (submit.c). */
#ifndef SRV_DISPATCH_H
#define SRV_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"
#include "service.pb-c.h"

/* Handles one frame's body (takes ownership of body). */
void dispatch_frame(Conn *c, uint8_t *body, size_t len, int64_t received_ns);

/* Health, Info, Cancel (methods.c). */
void answer_health(Conn *c, const Sourcing__Request *req, int64_t received_ns);
void answer_info(Conn *c, const Sourcing__Request *req, int64_t received_ns);
void answer_cancel(Conn *c, const Sourcing__Request *req, int64_t received_ns);

#endif
