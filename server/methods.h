/* The methods answered on the loop at once (methods.c): Health, Info and Cancel. */
#ifndef SRV_METHODS_H
#define SRV_METHODS_H

#include <stdint.h>

#include "conn.h"
#include "service.pb-c.h"

/* Handlers of the dispatch table: each answers req. req is not const because a handler may take
 * parts of it (Solve takes the payload); these three only read it. */
void answer_health(Conn *c, Sourcing__Request *req, int64_t received_ns);
void answer_info(Conn *c, Sourcing__Request *req, int64_t received_ns);
void answer_cancel(Conn *c, Sourcing__Request *req, int64_t received_ns);

#endif
