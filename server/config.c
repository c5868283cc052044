/* Server configuration: defaults and range checks. */
#include <stdio.h>
#include <unistd.h>

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
    if (c->max_buffered_bytes < ((size_t)1 << 20) || c->max_buffered_bytes > ((size_t)1 << 40))
        return src_error_set(err, "--max-buffered-bytes %zu: must be from 1 MiB to 1 TiB", c->max_buffered_bytes);
    return 0;
}
