/* Clean shutdown on SIGTERM or SIGINT (shutdown.c): drain, a grace period, then stop. */
#ifndef SRV_SHUTDOWN_H
#define SRV_SHUTDOWN_H

#include "state.h"

/* Starts watching SIGTERM and SIGINT. 0 on success. */
int shutdown_watch_signals(Server *s);
/* Exits the loop once draining and nothing is left in flight. */
void shutdown_check_done(Server *s);
void shutdown_free(Server *s);

#endif
