/* Ctrl-C during `sourcing client solve`: the service's Cancel method, sent on the connection the
 * solve runs on (Cancel names a request of its own connection), so that the server stops the solve
 * and answers CANCELLED with its best plan so far, which the client then writes as usual. A second
 * signal quits at once. */
#ifndef SRC_CANCEL_WATCH_H
#define SRC_CANCEL_WATCH_H

#include <stdint.h>

#include "client.h"

typedef struct CancelWatch CancelWatch;

/* From now until cancel_watch_stop, SIGINT and SIGTERM send Cancel{solve_id} on c with request id
 * cancel_id. NULL (signals then keep their default action) when the watcher cannot start. */
CancelWatch *cancel_watch_start(SrvClient *c, uint64_t solve_id, uint64_t cancel_id);

/* Stops watching; the signal caught (SIGINT, SIGTERM) or 0. */
int cancel_watch_stop(CancelWatch *w);

#endif
