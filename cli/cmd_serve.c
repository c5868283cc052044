/* `sourcing serve`: runs the solver service until SIGTERM or SIGINT (see the README, "The service"). */
#include <event2/event.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "config.h"
#include "server.h"

static void usage(FILE *out)
{
    SrvConfig defaults;
    srv_config_defaults(&defaults);
    const SrvConfig *d = &defaults;
    fprintf(out,
            "usage: sourcing serve [--listen ADDR:PORT] [--threads N] [--queue N] [--max-message BYTES]\n"
            "                      [--max-decode-memory BYTES] [--max-connections N] [--frame-timeout SEC]\n"
            "                      [--max-connections-per-peer N] [--max-buffered-bytes BYTES]\n"
            "                      [--max-inflight-per-conn N] [--idle-timeout SEC] [--metrics ADDR:PORT]\n"
            "                      [--grace SEC] [--port-file FILE] [--grpc-listen ADDR:PORT] [--quiet]\n"
            "                      [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]] [--tokens FILE]\n"
            "                      [--insecure]\n"
            "  --listen ADDR:PORT        where clients connect (default %s; port 0 = any free port)\n"
            "  --threads N               worker threads solving (default %d: one per CPU)\n"
            "  --queue N                 solves that may wait for a worker; more are refused\n"
            "                            RESOURCE_EXHAUSTED at once (default %d)\n"
            "  --max-message BYTES       largest request frame (default %zu)\n"
            "  --max-decode-memory BYTES most memory one Solve's batch may take once decoded; a\n"
            "                            larger one is answered RESOURCE_EXHAUSTED (default %zu)\n"
            "  --max-inflight-per-conn N solves in flight on one connection (default %d)\n"
            "  --idle-timeout SEC        close connections idle this long, 0 = never (default %d)\n"
            "  --metrics ADDR:PORT       serve /metrics, /healthz and POST /v1/solve (a batch as JSON\n"
            "                            in, the plan as JSON out) over HTTP there (default off;\n"
            "                            e.g. %s)\n"
            "  --max-connections N       open connections; one more is answered RESOURCE_EXHAUSTED and\n"
            "                            closed (default %d)\n"
            "  --max-connections-per-peer N  open connections from one IP address; one more is\n"
            "                            answered RESOURCE_EXHAUSTED and closed (default %d)\n"
            "  --max-buffered-bytes BYTES  requests being read plus answers not yet written, over all\n"
            "                            connections; over it new frames are refused RESOURCE_EXHAUSTED\n"
            "                            and clients that do not read their answers are closed\n"
            "                            (default %zu: an eighth of memory, 256 MiB to 1 GiB)\n"
            "  --frame-timeout SEC       a frame begun must be complete within this, else the\n"
            "                            connection is answered DEADLINE_EXCEEDED and closed; 0 = no\n"
            "                            limit (default %d)\n"
            "  --grace SEC               on SIGTERM/SIGINT, how long work in flight may finish (default %d)\n"
            "  --port-file FILE          write the bound ports there: the service's, then the metrics',\n"
            "                            then the gRPC port's (with --grpc-listen)\n"
            "  --grpc-listen ADDR:PORT   also serve gRPC over HTTP/2 (h2c, or TLS with --tls-cert) there:\n"
            "                            /sourcing.Sourcing/* and /grpc.health.v1.Health/Check (default off)\n"
            "  --quiet                   no log line per request\n"
            "  --tls-cert FILE           TLS on every port (framed, gRPC with ALPN h2, metrics): the\n"
            "                            server's PEM certificate chain (default off)\n"
            "  --tls-key FILE            the PEM private key of --tls-cert\n"
            "  --tls-client-ca FILE      mutual TLS: clients must show a certificate signed by a CA in\n"
            "                            FILE (PEM)\n"
            "  --tokens FILE             every request needs a bearer token from FILE (one per line:\n"
            "                            TOKEN [NAME]); none: UNAUTHENTICATED (HTTP 401), another:\n"
            "                            PERMISSION_DENIED (HTTP 403); /healthz and the gRPC health\n"
            "                            check stay open\n"
            "  --insecure                allow a non-loopback --listen, --grpc-listen or --metrics\n"
            "                            without TLS and tokens (refused otherwise)\n"
            "exit: 0 after a clean shutdown, 2 bad usage or a file that cannot be used, 1 otherwise\n",
            d->listen, d->threads, d->queue, d->max_message, d->max_decode_memory, d->max_inflight_per_conn, d->idle_timeout,
            SRV_DEFAULT_METRICS, d->max_connections, d->max_connections_per_peer, d->max_buffered_bytes,
            d->frame_timeout, d->grace);
}

static void args_size(Args *a, size_t *out)
{
    uint64_t bytes = 0;
    if (args_uint64(a, 0, SIZE_MAX, &bytes) == 0)
        *out = (size_t)bytes;
}

/* ARGS_CONTINUE, or the exit code. Numbers need only be whole here: srv_config_check owns the
 * ranges (and says which flag is out of its range). */
static int parse_args(int argc, char **argv, SrvConfig *c)
{
    static const struct option options[] = {
        {"listen", required_argument, 0, 'l'},    {"threads", required_argument, 0, 't'},
        {"queue", required_argument, 0, 'Q'},     {"max-message", required_argument, 0, 'm'},
        {"max-inflight-per-conn", required_argument, 0, 'i'},
        {"idle-timeout", required_argument, 0, 'I'}, {"metrics", required_argument, 0, 'M'},
        {"max-decode-memory", required_argument, 0, 'D'},
        {"max-connections", required_argument, 0, 'C'},
        {"frame-timeout", required_argument, 0, 'F'},
        {"max-connections-per-peer", required_argument, 0, 'P'},
        {"max-buffered-bytes", required_argument, 0, 'B'},
        {"grace", required_argument, 0, 'g'},     {"port-file", required_argument, 0, 'p'},
        {"grpc-listen", required_argument, 0, 'G'},
        {"tls-cert", required_argument, 0, 'c'},  {"tls-key", required_argument, 0, 'k'},
        {"tls-client-ca", required_argument, 0, 'A'}, {"tokens", required_argument, 0, 'T'},
        {"insecure", no_argument, 0, 'S'},
        {"quiet", no_argument, 0, 'q'},           {0, 0, 0, 0}};
    Args a;
    args_start(&a, "sourcing serve", usage, options, "", argc, argv);
    int flag;
    while ((flag = args_next(&a)) > 0) {
        switch (flag) {
        case 'l': args_string(&a, c->listen, sizeof c->listen); break;
        case 'M':
            if (!strcmp(a.value, "off"))
                c->metrics[0] = '\0';
            else
                args_string(&a, c->metrics, sizeof c->metrics);
            break;
        case 'p': args_string(&a, c->port_file, sizeof c->port_file); break;
        case 'G': args_string(&a, c->grpc_listen, sizeof c->grpc_listen); break;
        case 't': args_int(&a, INT_MIN, INT_MAX, &c->threads); break;
        case 'Q': args_int(&a, INT_MIN, INT_MAX, &c->queue); break;
        case 'i': args_int(&a, INT_MIN, INT_MAX, &c->max_inflight_per_conn); break;
        case 'I': args_int(&a, INT_MIN, INT_MAX, &c->idle_timeout); break;
        case 'g': args_int(&a, INT_MIN, INT_MAX, &c->grace); break;
        case 'C': args_int(&a, INT_MIN, INT_MAX, &c->max_connections); break;
        case 'F': args_int(&a, INT_MIN, INT_MAX, &c->frame_timeout); break;
        case 'P': args_int(&a, INT_MIN, INT_MAX, &c->max_connections_per_peer); break;
        case 'B': args_size(&a, &c->max_buffered_bytes); break;
        case 'm': args_size(&a, &c->max_message); break;
        case 'D': args_size(&a, &c->max_decode_memory); break;
        case 'q': c->quiet = 1; break;
        case 'c': args_string(&a, c->tls_cert, sizeof c->tls_cert); break;
        case 'k': args_string(&a, c->tls_key, sizeof c->tls_key); break;
        case 'A': args_string(&a, c->tls_client_ca, sizeof c->tls_client_ca); break;
        case 'T': args_string(&a, c->tokens, sizeof c->tokens); break;
        case 'S': c->insecure = 1; break;
        }
    }
    args_positionals(&a, 0, 0);
    return a.exit_code;
}

int cmd_serve(int argc, char **argv)
{
    SrvConfig config;
    srv_config_defaults(&config);
    int rc = parse_args(argc, argv, &config);
    if (rc != ARGS_CONTINUE)
        return rc;
    SrcError err = {{0}};
    if (srv_config_check(&config, &err) < 0) {
        fprintf(stderr, "sourcing serve: %s\n", err.message);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    rc = srv_run(&config, &err);
    if (rc == SRV_RUN_ABANDONED) {      /* worker threads still run: no cleanup, no atexit */
        fflush(stderr);
        _exit(0);
    }
    libevent_global_shutdown();
    if (rc < 0) {
        fprintf(stderr, "sourcing serve: %s\n", err.message);
        return rc == SRV_RUN_BAD_FILE ? 2 : 1;
    }
    return 0;
}
