/* One place where every answer is sent, logged and counted. */
#include <string.h>

#include "clock.h"
#include "conn.h"
#include "log.h"
#include "reply.h"

void reply(Conn *c, const Reply *r)
{
    double ms = clock_ms_between(r->received_ns, clock_now_ns());
    conn_send(c, r->id, r->status, r->message, r->payload, r->payload_len);
    const JobResult *s = r->solve;
    RequestLog line = {
        .peer = c->peer,
        .id = r->id,
        .method = r->method,
        .status = r->status,
        .orders = s ? s->orders : -1,
        .has_cost = s && s->has_plan && strcmp(s->plan_status, "INVALID") != 0,
        .cost = s ? s->cost : 0,
        .plan_status = s ? s->plan_status : NULL,
        .solver = s ? s->solver_method : NULL,
        .budget_ms = s && s->time_limit > 0 ? s->time_limit * 1000 : -1,
        .ms = ms,
        .message = r->message,
    };
    log_request(&line);
    metrics_count_request(&c->server->metrics, r->method, r->status, ms / 1000);
    if (s)
        metrics_count_plan(&c->server->metrics, s);
}
