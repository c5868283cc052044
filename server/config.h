/* The server's configuration (config.c): what the flags of `sourcing serve` set, their defaults
 * and their ranges. */
#ifndef SRV_CONFIG_H
#define SRV_CONFIG_H

#include <stddef.h>

#include "error.h"

#define SRV_DEFAULT_LISTEN "127.0.0.1:7411"
#define SRV_DEFAULT_METRICS "127.0.0.1:7412"

typedef struct SrvConfig {
    char listen[256];             /* HOST:PORT; port 0 = any free port */
    char metrics[256];            /* HOST:PORT of /metrics and /healthz; "" = off */
    char grpc_listen[256];        /* HOST:PORT of gRPC over HTTP/2 (h2c); "" = off */
    int threads;                  /* worker threads */
    int queue;                    /* solves that may wait for a worker */
    size_t max_message;           /* bytes of one request frame */
    size_t max_decode_memory;     /* bytes one Solve's batch may take once decoded */
    int max_inflight_per_conn;    /* solves in flight on one connection */
    int idle_timeout;             /* seconds without traffic before a connection with nothing in
                                     flight is closed; 0 = never */
    int grace;                    /* seconds a shutdown waits for work in flight */
    int max_connections;          /* open client connections; one more is refused */
    int frame_timeout;            /* seconds to complete a frame once its first byte came; 0 = none */
    int max_connections_per_peer; /* open client connections from one IP address */
    size_t max_buffered_bytes;    /* requests being read + answers not yet written, all connections */
    char port_file[1024];         /* if set, the bound ports are written there
                                     ("PORT\nMETRICS\n", then "GRPC\n" with --grpc-listen) */
    int quiet;                    /* no per-request log lines */
    char tls_cert[1024];          /* PEM certificate chain; "" = no TLS (every port, or none) */
    char tls_key[1024];           /* PEM private key of tls_cert */
    char tls_client_ca[1024];     /* PEM CAs whose client certificates are required; "" = none */
    char tokens[1024];            /* file of bearer tokens every request must carry; "" = none */
    int insecure;                 /* serve a non-loopback address without TLS or tokens */
} SrvConfig;

/* The defaults: loopback, one thread per CPU, queue 64, 32 MiB messages, ... */
#define SRV_DEFAULT_PER_PEER 128

void srv_config_defaults(SrvConfig *config);
/* The default of --max-buffered-bytes: an eighth of the machine's memory, from 256 MiB to 1 GiB. */
size_t srv_default_buffered_bytes(void);

/* 0 when every value is in range and the security policy holds (a non-loopback address needs
 * TLS and tokens, or --insecure); -1 with err naming the flag otherwise. */
int srv_config_check(const SrvConfig *config, SrcError *err);

#endif
