/* Routing one request frame (dispatch.c): decode the envelope, then call the handler the method
 * table names for the request's method. The table is also the one list of the method names. */
#ifndef SRV_DISPATCH_H
#define SRV_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "service.pb-c.h"

struct Conn;

/* How many methods the table routes; a static assertion in dispatch.c keeps it true. Metrics
 * size their per-method counters by it. */
#define DISPATCH_N_METHODS 4

/* Handles one frame's body (takes ownership of body). */
void dispatch_frame(struct Conn *c, uint8_t *body, size_t len, int64_t received_ns);

/* Routes a decoded request (the gRPC transport makes one from an HTTP/2 call). Handlers may take
 * parts of req (Solve takes the payload); the caller frees what is left. */
void dispatch_request(struct Conn *c, Sourcing__Request *req, int64_t received_ns);

/* The name of method index (0 .. DISPATCH_N_METHODS - 1), in the table's order: what Info lists
 * and what metrics label requests with. */
const char *dispatch_method_name(int index);

#endif
