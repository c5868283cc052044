/* Names of the reasons a connection is dropped (drop.h). */
#include "drop.h"

static const char *const NAMES[DROP_N] = {
    [DROP_NONE] = "",
    [DROP_IDLE_TIMEOUT] = "idle_timeout",
    [DROP_FRAME_TIMEOUT] = "frame_timeout",
    [DROP_BAD_FRAME] = "bad_frame",
    [DROP_PROTOCOL] = "protocol_error",
    [DROP_SLOW_READER] = "slow_reader",
    [DROP_FLUSH_TIMEOUT] = "flush_timeout",
    [DROP_OUT_OF_MEMORY] = "out_of_memory",
    [DROP_SOCKET_ERROR] = "socket_error",
    [DROP_TLS_ERROR] = "tls_error",
    [DROP_SHUTDOWN] = "shutdown",
    [DROP_MAX_CONNECTIONS] = "max_connections",
    [DROP_PER_PEER] = "max_connections_per_peer",
    [DROP_NO_DESCRIPTORS] = "no_descriptors",
};

const char *drop_name(ConnDrop reason)
{
    return reason >= 0 && reason < DROP_N ? NAMES[reason] : "unknown";
}
