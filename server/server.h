/* The solver service: protobuf over TCP with gRPC-style framing, one libevent loop for all I/O,
 * a fixed pool of worker threads for solves. docs/protocol.md describes the protocol,
 * the README how to run it. */
#ifndef SRV_SERVER_H
#define SRV_SERVER_H

#include "config.h"
#include "error.h"

#define SRV_RUN_ABANDONED 1
#define SRV_RUN_BAD_FILE (-2)

/* Runs the server until SIGTERM or SIGINT, then drains it. 0 after a clean shutdown; -1 with err
 * when it could not start; SRV_RUN_BAD_FILE with err when a file named by a flag (--tls-cert,
 * --tls-key, --tls-client-ca, --tokens) cannot be used, before any port is opened; SRV_RUN_ABANDONED when solves that ignored the stop still run after
 * their clients were answered UNAVAILABLE: the caller must end the process at once (_exit), as
 * those threads still use the server's memory. */
int srv_run(const SrvConfig *config, SrcError *err);

#endif
