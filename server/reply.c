/* One place where every answer is sent, logged and counted; reply_with packs a handler's message
 * as the payload first. */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "conn.h"
#include "frame.h"
#include "log.h"
#include "reply.h"
#include "status.h"

void reply(Conn *c, const Reply *r)
{
    double ms = clock_ms_between(r->received_ns, clock_now_ns());
    if (conn_send(c, r->id, r->status, r->message, r->payload, r->payload_len) < 0) {
        c->server->metrics.results_dropped++;
        log_event("peer=%s id=%llu: the answer (%s) was not delivered: the connection %s", c->peer,
                  (unsigned long long)r->id, srv_status_name(r->status),
                  c->bev ? "is being closed" : "is closed");
    }
    const JobResult *s = r->solve;
    RequestLog line = {
        .peer = c->peer,
        .client = r->client ? r->client : c->client,
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

void reply_with(Conn *c, const Sourcing__Request *req, int64_t received_ns, int status,
                const char *message, const ProtobufCMessage *msg)
{
    size_t len = 0;
    uint8_t *payload = msg ? frame_pack_payload(msg, &len) : NULL;
    if (msg && !payload) {
        status = SOURCING__STATUS_CODE__INTERNAL;
        message = "out of memory";
    }
    reply(c, &(Reply){.id = req->request_id, .method = req->method, .status = status,
                      .message = message, .payload = payload, .payload_len = len,
                      .received_ns = received_ns});
    free(payload);
}
