/* Log lines, formatted here and written by log_buffer's thread so that logging never blocks: "TIME peer=... id=... method=... status=... orders=... cost=... plan=... solver=...
 * ms=... msg=\"...\"". */
#include <stdarg.h>
#include <stdio.h>

#include "clock.h"
#include "log.h"
#include "log_buffer.h"
#include "status.h"

#define LOG_LINE_BYTES 1600
#define TOKEN_NAME_LOG_BYTES 64     /* token names are printable words (tokens.c) */

static int quiet;

/* Hands a formatted line to the buffer; a line cut to fit still ends with a newline. */
static void put_line(char *line, int n)
{
    if (n < 0)
        return;
    if ((size_t)n >= LOG_LINE_BYTES) {
        n = LOG_LINE_BYTES - 1;
        line[n - 1] = '\n';
    }
    log_buffer_put(line, (size_t)n);
}

void log_set_quiet(int q)
{
    quiet = q;
}

/* Copies at most size-1 bytes of text, printable ASCII only, double quotes made single. */
static const char *clean(const char *text, char *buf, size_t size)
{
    size_t n = 0;
    for (const char *p = text ? text : ""; *p && n + 1 < size; p++, n++) {
        unsigned char ch = (unsigned char)*p;
        buf[n] = ch == '"' ? '\'' : (ch >= 32 && ch < 127) ? (char)ch : '?';
    }
    buf[n] = '\0';
    return buf;
}

void log_request(const RequestLog *r)
{
    if (quiet)
        return;
    char when[40], method[48], solver[48], message[300], cost[40] = "-", orders[24] = "-",
                                                           budget[24] = "-";
    if (r->has_cost)
        snprintf(cost, sizeof cost, "%.6f", r->cost);
    if (r->orders >= 0)
        snprintf(orders, sizeof orders, "%ld", r->orders);
    if (r->budget_ms >= 0)
        snprintf(budget, sizeof budget, "%.0f", r->budget_ms);
    char line[LOG_LINE_BYTES], client[TOKEN_NAME_LOG_BYTES + 8] = "";
    if (r->client)
        snprintf(client, sizeof client, " client=%.*s", TOKEN_NAME_LOG_BYTES, r->client);
    int n = snprintf(line, sizeof line, "%s peer=%s%s id=%llu method=%s status=%s orders=%s cost=%s "
                    "plan=%s solver=%s budget_ms=%s ms=%.1f msg=\"%s\"\n",
            clock_wall_iso(when, sizeof when), r->peer, client, (unsigned long long)r->id,
            r->method ? clean(r->method, method, sizeof method) : "-", srv_status_name(r->status),
            orders, cost, r->plan_status && r->plan_status[0] ? r->plan_status : "-",
            r->solver && r->solver[0] ? clean(r->solver, solver, sizeof solver) : "-", budget, r->ms,
            clean(r->message, message, sizeof message));
    put_line(line, n);
}

void log_event(const char *fmt, ...)
{
    char when[40], text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char line[LOG_LINE_BYTES];
    int n = snprintf(line, sizeof line, "%s %s\n", clock_wall_iso(when, sizeof when), text);
    put_line(line, n);
}
