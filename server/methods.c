/* The methods answered on the loop at once: Health, Info and Cancel. */
#include <stdio.h>

#include "deadline.h"
#include "complete.h"
#include "dispatch.h"
#include "methods.h"
#include "reply.h"
#include "sourcing.h"

void answer_health(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    Server *s = c->server;
    PoolStats st = pool_stats(s->pool);
    Sourcing__HealthResponse h = SOURCING__HEALTH_RESPONSE__INIT;
    h.has_serving = h.has_queue_depth = h.has_queue_capacity = 1;
    h.has_workers = h.has_busy_workers = h.has_connections = 1;
    h.serving = !s->draining;
    h.queue_depth = st.queued;
    h.queue_capacity = st.capacity;
    h.workers = st.workers;
    h.busy_workers = st.busy;
    h.connections = s->n_conns;
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__OK, s->draining ? "shutting down" : "serving",
               &h.base);
}

void answer_info(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    const SrvConfig *cfg = &c->server->config;
    Sourcing__InfoResponse info = SOURCING__INFO_RESPONSE__INIT;
    info.version = SRC_VERSION;
    info.solver_version = SRC_VERSION;
    info.glpk_version = (char *)src_glpk_version();
    info.has_workers = info.has_queue_capacity = info.has_max_message_bytes = 1;
    info.has_max_inflight_per_connection = info.has_idle_timeout_seconds = info.has_grace_seconds = 1;
    info.workers = cfg->threads;
    info.queue_capacity = cfg->queue;
    info.max_message_bytes = (int64_t)cfg->max_message;
    info.max_inflight_per_connection = cfg->max_inflight_per_conn;
    info.idle_timeout_seconds = cfg->idle_timeout;
    info.grace_seconds = cfg->grace;
    info.deadline_margin = DEADLINE_MARGIN_TEXT;
    const char *methods[DISPATCH_N_METHODS];
    for (int i = 0; i < DISPATCH_N_METHODS; i++)
        methods[i] = dispatch_method_name(i);
    info.n_methods = DISPATCH_N_METHODS;
    info.methods = (char **)methods;
    const char *const *strategies = src_strategy_names();
    while (strategies[info.n_strategies])
        info.n_strategies++;
    info.strategies = (char **)strategies;
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__OK, "", &info.base);
}

void answer_cancel(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    Sourcing__CancelRequest *cancel = (Sourcing__CancelRequest *)protobuf_c_message_unpack(
        &sourcing__cancel_request__descriptor, NULL, req->payload.len, req->payload.data);
    if (!cancel) {
        reply_with(c, req, received_ns, SOURCING__STATUS_CODE__INVALID_ARGUMENT,
                   "the payload is not a sourcing.CancelRequest in protobuf encoding", NULL);
        return;
    }
    Job *job = conn_find_job(c, cancel->request_id);
    char message[100];
    snprintf(message, sizeof message, job ? "request %llu cancelled" : "request %llu is not in flight",
             (unsigned long long)cancel->request_id);
    protobuf_c_message_free_unpacked(&cancel->base, NULL);
    Sourcing__CancelResponse out = SOURCING__CANCEL_RESPONSE__INIT;
    out.has_found = 1;
    out.found = job != NULL;
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__OK, message, &out.base);
    if (job)
        job_stop(job, STOP_CLIENT_CANCEL);
}
