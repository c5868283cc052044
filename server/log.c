/* Log lines: "TIME peer=... id=... method=... status=... orders=... cost=... plan=... solver=...
 * ms=... msg=\"...\"". */
#include <stdarg.h>
#include <stdio.h>

#include "clock.h"
#include "log.h"
#include "status.h"

static int quiet;

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
    fprintf(stderr, "%s peer=%s id=%llu method=%s status=%s orders=%s cost=%s plan=%s solver=%s "
                    "budget_ms=%s ms=%.1f msg=\"%s\"\n",
            clock_wall_iso(when, sizeof when), r->peer, (unsigned long long)r->id,
            r->method ? clean(r->method, method, sizeof method) : "-", srv_status_name(r->status),
            orders, cost, r->plan_status && r->plan_status[0] ? r->plan_status : "-",
            r->solver && r->solver[0] ? clean(r->solver, solver, sizeof solver) : "-", budget, r->ms,
            clean(r->message, message, sizeof message));
}

void log_event(const char *fmt, ...)
{
    char when[40], text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s %s\n", clock_wall_iso(when, sizeof when), text);
}
