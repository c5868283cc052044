/* `sourcing serve`: runs the solver service until SIGTERM or SIGINT (see the README, "The service"). */
#include <event2/event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "config.h"
#include "server.h"

static void usage(FILE *out, const SrvConfig *d)
{
    fprintf(out,
            "usage: sourcing serve [--listen ADDR:PORT] [--threads N] [--queue N] [--max-message BYTES]\n"
            "                      [--max-inflight-per-conn N] [--idle-timeout SEC] [--metrics ADDR:PORT]\n"
            "                      [--grace SEC] [--port-file FILE] [--quiet]\n"
            "  --listen ADDR:PORT        where clients connect (default %s; port 0 = any free port)\n"
            "  --threads N               worker threads solving (default %d: one per CPU)\n"
            "  --queue N                 solves that may wait for a worker; more are refused\n"
            "                            RESOURCE_EXHAUSTED at once (default %d)\n"
            "  --max-message BYTES       largest request frame (default %zu)\n"
            "  --max-inflight-per-conn N solves in flight on one connection (default %d)\n"
            "  --idle-timeout SEC        close connections idle this long, 0 = never (default %d)\n"
            "  --metrics ADDR:PORT       serve /metrics and /healthz over HTTP there (default off;\n"
            "                            e.g. %s)\n"
            "  --grace SEC               on SIGTERM/SIGINT, how long work in flight may finish (default %d)\n"
            "  --port-file FILE          write the bound ports there: the service's, then the metrics'\n"
            "  --quiet                   no log line per request\n",
            d->listen, d->threads, d->queue, d->max_message, d->max_inflight_per_conn, d->idle_timeout,
            SRV_DEFAULT_METRICS, d->grace);
}

static int parse_long(const char *flag, const char *text, long *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (!*text || *end) {
        fprintf(stderr, "sourcing serve: %s '%s': expected a whole number\n", flag, text);
        return -1;
    }
    *out = v;
    return 0;
}

/* Applies one "--flag value" pair; -1 on a bad flag or value. */
static int apply(SrvConfig *c, const char *flag, const char *value)
{
    long v = 0;
    int *ints[] = {&c->threads, &c->queue, &c->max_inflight_per_conn, &c->idle_timeout, &c->grace};
    const char *int_flags[] = {"--threads", "--queue", "--max-inflight-per-conn", "--idle-timeout", "--grace"};
    if (!strcmp(flag, "--listen"))
        return snprintf(c->listen, sizeof c->listen, "%s", value) < (int)sizeof c->listen ? 0 : -1;
    if (!strcmp(flag, "--metrics"))
        return snprintf(c->metrics, sizeof c->metrics, "%s", strcmp(value, "off") ? value : "") <
                       (int)sizeof c->metrics ? 0 : -1;
    if (!strcmp(flag, "--port-file"))
        return snprintf(c->port_file, sizeof c->port_file, "%s", value) < (int)sizeof c->port_file ? 0 : -1;
    if (parse_long(flag, value, &v) < 0)
        return -1;
    if (!strcmp(flag, "--max-message")) {
        c->max_message = v < 0 ? 0 : (size_t)v;
        return 0;
    }
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (!strcmp(flag, int_flags[i])) {
            *ints[i] = v < -1 || v > 1 << 30 ? -1 : (int)v;
            return 0;
        }
    fprintf(stderr, "sourcing serve: unknown option '%s' (see sourcing serve --help)\n", flag);
    return -1;
}

static int parse_args(int argc, char **argv, SrvConfig *c)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout, c);
            return 1;
        }
        if (!strcmp(argv[i], "--quiet")) {
            c->quiet = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "sourcing serve: '%s' needs a value (see sourcing serve --help)\n", argv[i]);
            return -1;
        }
        if (apply(c, argv[i], argv[i + 1]) < 0)
            return -1;
        i++;
    }
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    SrvConfig config;
    srv_config_defaults(&config);
    int rc = parse_args(argc, argv, &config);
    if (rc != 0)
        return rc > 0 ? 0 : 2;
    SrcError err = {{0}};
    if (srv_config_check(&config, &err) < 0) {
        fprintf(stderr, "sourcing serve: %s\n", err.message);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    rc = srv_run(&config, &err);
    libevent_global_shutdown();
    if (rc < 0) {
        fprintf(stderr, "sourcing serve: %s\n", err.message);
        return 1;
    }
    return 0;
}
