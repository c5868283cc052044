/* srv_run: sets up the loop, the listener, the metrics endpoint, the worker pool and the signal
 * handlers, runs the loop until the shutdown is over, and takes everything down. */
#include <event2/thread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "config.h"
#include "conn.h"
#include "http.h"
#include "listener.h"
#include "log.h"
#include "log_buffer.h"
#include "server.h"
#include "shutdown.h"
#include "test_hooks.h"
#include "tls.h"
#include "tokens.h"

/* Writes "PORT\nMETRICS_PORT\n" (then "GRPC_PORT\n" with --grpc-listen) to config.port_file,
 * atomically (a rename). */
static int write_port_file(const Server *s, SrcError *err)
{
    const char *path = s->config.port_file;
    char tmp[sizeof s->config.port_file + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return src_error_set(err, "--port-file %s: cannot write", path);
    fprintf(f, "%d\n%d\n", s->port, s->metrics_port);
    if (s->grpc_listener)
        fprintf(f, "%d\n", s->grpc_port);
    if (fclose(f) != 0 || rename(tmp, path) != 0)
        return src_error_set(err, "--port-file %s: cannot write", path);
    return 0;
}

/* The TLS contexts (one per port: their ALPN differs) and the tokens, before any port opens. */
static int load_security(Server *s, SrcError *err)
{
    const SrvConfig *c = &s->config;
    if (c->tokens[0] && !(s->tokens = tokens_load(c->tokens, err)))
        return -1;
    if (!c->tls_cert[0])
        return 0;
    s->tls_framed = tls_context_new(c, NULL, err);
    s->tls_grpc = s->tls_framed ? tls_context_new(c, TLS_ALPN_H2, err) : NULL;
    s->tls_http = s->tls_grpc ? tls_context_new(c, TLS_ALPN_HTTP1, err) : NULL;
    return s->tls_http ? 0 : -1;
}

static void free_security(Server *s)
{
    SSL_CTX_free(s->tls_framed);
    SSL_CTX_free(s->tls_grpc);
    SSL_CTX_free(s->tls_http);
    tokens_free(s->tokens);
}

static int start(Server *s, SrcError *err)
{
    if (load_security(s, err) < 0)
        return SRV_RUN_BAD_FILE;
    s->base = event_base_new();
    if (!s->base)
        return src_error_set(err, "cannot create the event loop");
    if (listener_start(s, err) < 0)
        return -1;
    if (s->config.metrics[0] && http_start(s, err) < 0)
        return -1;
    s->pool = pool_start(s->base, s->config.threads, s->config.queue, complete_job, s, err);
    if (!s->pool)
        return -1;
    if (shutdown_watch_signals(s) < 0)
        return src_error_set(err, "cannot watch SIGTERM and SIGINT");
    if (s->config.port_file[0] && write_port_file(s, err) < 0)
        return -1;
    return 0;
}

static void stop(Server *s)
{
    listener_stop(s);
    while (s->conns)
        conn_close(s->conns, DROP_SHUTDOWN, "the server stops");
    pool_stop(s->pool);          /* answers (drops) what the workers still finish */
    shutdown_free(s);
    if (s->http)
        evhttp_free(s->http);
    if (s->base)
        event_base_free(s->base);
    free_security(s);
}

int srv_run(const SrvConfig *config, SrcError *err)
{
    if (srv_config_check(config, err) < 0)
        return -1;
    if (evthread_use_pthreads() < 0)
        return src_error_set(err, "libevent has no pthreads support");
    Server *s = calloc(1, sizeof *s);
    if (!s)
        return src_error_set(err, "out of memory");
    s->config = *config;
    metrics_init(&s->metrics);
    test_hooks_init();
    log_set_quiet(config->quiet);
    int rc = start(s, err);
    if (rc == 0 && log_buffer_start() < 0)
        log_event("cannot start the log writer thread: logging directly to stderr");
    if (rc == 0) {
        log_event("sourcing serve: listening on %s port %d, metrics %s port %d, gRPC %s port %d, "
                  "%d workers, queue %d, TLS %s, tokens %d%s", s->config.listen, s->port,
                  s->config.metrics[0] ? s->config.metrics : "off", s->metrics_port,
                  s->config.grpc_listen[0] ? s->config.grpc_listen : "off", s->grpc_port,
                  s->config.threads, s->config.queue,
                  !s->tls_framed ? "off" : s->config.tls_client_ca[0] ? "on (client certificates required)" : "on",
                  tokens_count(s->tokens), s->config.insecure ? " (--insecure)" : "");
        event_base_dispatch(s->base);
        if (s->workers_abandoned) {
            log_event("sourcing serve: stopped, leaving %ld solves that did not stop", s->jobs_outstanding);
            log_buffer_stop();
            return SRV_RUN_ABANDONED;      /* the workers still use s: the process must end now */
        }
        log_event("sourcing serve: stopped");
    }
    stop(s);
    log_buffer_stop();
    free(s);
    return rc;
}
