/* Why the server closed or refused a connection: one name per reason, for the log line and the
 * label of sourcing_connections_dropped_total. A connection the client closed is no drop. */
#ifndef SRV_DROP_H
#define SRV_DROP_H

typedef enum ConnDrop {
    DROP_NONE,                 /* not a drop: the client closed, or every answer was written */
    DROP_IDLE_TIMEOUT,         /* --idle-timeout with nothing in flight */
    DROP_FRAME_TIMEOUT,        /* --frame-timeout */
    DROP_BAD_FRAME,            /* a frame refused by its header (too large, compressed, garbled) */
    DROP_PROTOCOL,             /* HTTP/2 errors (nghttp2) */
    DROP_SLOW_READER,          /* unread answers while the buffers are over --max-buffered-bytes */
    DROP_FLUSH_TIMEOUT,        /* closing, and the last answers could not be written in time */
    DROP_OUT_OF_MEMORY,
    DROP_SOCKET_ERROR,
    DROP_TLS_ERROR,            /* TLS failed (a handshake that did not end, a bad record) */
    DROP_SHUTDOWN,             /* still open when the server stopped */
    DROP_MAX_CONNECTIONS,      /* refused at accept: --max-connections */
    DROP_PER_PEER,             /* refused at accept: --max-connections-per-peer */
    DROP_NO_DESCRIPTORS,       /* refused at accept: the process is out of file descriptors */
    DROP_N
} ConnDrop;

/* The label value: "idle_timeout", "slow_reader", ... ("" for DROP_NONE). */
const char *drop_name(ConnDrop reason);

#endif
