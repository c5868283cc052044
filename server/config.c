/* Server configuration: defaults, range checks and the security policy (beyond loopback: TLS and
 * tokens, or an explicit --insecure). */
#include <stdio.h>
#include <unistd.h>

#include "addr.h"
#include "config.h"

size_t srv_default_buffered_bytes(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    size_t eighth = pages > 0 && page > 0 ? (size_t)pages / 8 * (size_t)page : 0;
    size_t low = (size_t)256 << 20, high = (size_t)1 << 30;
    return eighth < low ? low : eighth > high ? high : eighth;
}

void srv_config_defaults(SrvConfig *c)
{
    *c = (SrvConfig){0};
    snprintf(c->listen, sizeof c->listen, "%s", SRV_DEFAULT_LISTEN);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    c->threads = cpus > 0 ? (int)(cpus > 64 ? 64 : cpus) : 2;
    c->queue = 64;
    c->max_message = 32u << 20;
    c->max_decode_memory = (size_t)512 << 20;
    c->max_inflight_per_conn = 32;
    c->idle_timeout = 300;
    c->grace = 10;
    c->max_connections = 512;
    c->frame_timeout = 30;
    c->max_connections_per_peer = SRV_DEFAULT_PER_PEER;
    c->max_buffered_bytes = srv_default_buffered_bytes();
}

static int check_range(const char *flag, long value, long low, long high, SrcError *err)
{
    if (value < low || value > high)
        return src_error_set(err, "%s %ld: must be from %ld to %ld", flag, value, low, high);
    return 0;
}

/* TLS's flags go together; a non-loopback address needs TLS and tokens unless --insecure. */
static int check_security(const SrvConfig *c, SrcError *err)
{
    if (!c->tls_cert[0] != !c->tls_key[0])
        return src_error_set(err, "--tls-cert and --tls-key go together: give both (PEM files)");
    if (c->tls_client_ca[0] && !c->tls_cert[0])
        return src_error_set(err, "--tls-client-ca needs --tls-cert and --tls-key (the server's own "
                                  "certificate and key)");
    const char *flags[] = {"--listen", "--grpc-listen", "--metrics"};
    const char *values[] = {c->listen, c->grpc_listen, c->metrics};
    for (int i = 0; i < 3; i++) {
        SrvAddr addr;
        if (!values[i][0] || c->insecure)
            continue;
        if (addr_parse(values[i], 1, &addr, err) < 0)
            return src_error_prefix(err, "%s", flags[i]);
        if (addr_is_loopback((const struct sockaddr *)&addr.ss) || (c->tls_cert[0] && c->tokens[0]))
            continue;
        return src_error_set(err, "%s %s is not a loopback address: beyond loopback the server needs "
                             "TLS (--tls-cert FILE --tls-key FILE) and bearer tokens (--tokens FILE), "
                             "%s missing; or --insecure to serve it without them", flags[i], values[i],
                             !c->tls_cert[0] && !c->tokens[0] ? "both are"
                             : !c->tls_cert[0]                 ? "TLS is"
                                                               : "--tokens is");
    }
    return 0;
}

int srv_config_check(const SrvConfig *c, SrcError *err)
{
    if (check_range("--threads", c->threads, 1, 1024, err) < 0 ||
        check_range("--queue", c->queue, 0, 1000000, err) < 0 ||
        check_range("--max-inflight-per-conn", c->max_inflight_per_conn, 1, 100000, err) < 0 ||
        check_range("--idle-timeout", c->idle_timeout, 0, 86400 * 7, err) < 0 ||
        check_range("--grace", c->grace, 0, 3600, err) < 0 ||
        check_range("--max-connections", c->max_connections, 1, 1000000, err) < 0 ||
        check_range("--frame-timeout", c->frame_timeout, 0, 86400, err) < 0 ||
        check_range("--max-connections-per-peer", c->max_connections_per_peer, 1, 1000000, err) < 0)
        return -1;
    if (c->max_message < 64 || c->max_message > (size_t)1 << 30)
        return src_error_set(err, "--max-message %zu: must be from 64 bytes to 1 GiB", c->max_message);
    if (c->max_decode_memory < ((size_t)1 << 20) || c->max_decode_memory > ((size_t)1 << 40))
        return src_error_set(err, "--max-decode-memory %zu: must be from 1 MiB to 1 TiB", c->max_decode_memory);
    if (c->max_buffered_bytes < ((size_t)1 << 20) || c->max_buffered_bytes > ((size_t)1 << 40))
        return src_error_set(err, "--max-buffered-bytes %zu: must be from 1 MiB to 1 TiB", c->max_buffered_bytes);
    return check_security(c, err);
}
