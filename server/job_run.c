/* The worker's part of a Solve: check the deadline, decode the batch, give the solver its time
 * budget and the cancel flag, and encode the plan. No solving logic of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_decode.h"
#include "batch_decode_json.h"
#include "batch_io.h"
#include "deadline.h"
#include "clock.h"
#include "job_run.h"
#include "service.pb-c.h"
#include "sourcing.h"
#include "test_hooks.h"

static int batch_allows_mip(const Sourcing__Batch *batch)
{
    const char *s = batch->options ? batch->options->strategy : NULL;
    return !s || strcmp(s, "greedy") != 0;
}

/* 1 when the deadline leaves no room to solve (and the result says so). */
static int deadline_expired(Job *job, SolveDeadline *budget)
{
    double now = src_monotonic_now(), received = (double)job->received_ns / 1e9;
    double used = (now - received) * 1000.0;
    *budget = deadline_for(job->deadline_ms, received, now);
    if (!budget->expired)
        return 0;
    JobResult *r = &job->result;
    r->status = SOURCING__STATUS_CODE__DEADLINE_EXCEEDED;
    snprintf(r->message, sizeof r->message,
             "deadline of %u ms: %.0f ms left after %.0f ms waiting in the server, not more than "
             "the safety margin of %.0f ms; not solved",
             job->deadline_ms, budget->left_ms, used, budget->margin_ms);
    return 1;
}

static void describe_plan(JobResult *r, const Sourcing__Batch *batch, const Sourcing__Plan *plan)
{
    r->has_plan = 1;
    r->cost = plan->costs ? plan->costs->total : 0;
    const ProtobufCEnumValue *v =
        protobuf_c_enum_descriptor_get_value(&sourcing__plan_status__descriptor, plan->status);
    snprintf(r->plan_status, sizeof r->plan_status, "%s", v ? v->name : "?");
    snprintf(r->solver_method, sizeof r->solver_method, "%s", plan->method ? plan->method : "");
    /* a fallback: the MIP was allowed but did not prove the plan (no bound, or a Lagrangian one) */
    int mip_bound = plan->bound_method && !strcmp(plan->bound_method, "mip");
    r->fell_back = plan->status != SOURCING__PLAN_STATUS__OPTIMAL && !mip_bound && batch_allows_mip(batch);
    r->has_gap = mip_bound && (plan->status == SOURCING__PLAN_STATUS__OPTIMAL ||
                               plan->status == SOURCING__PLAN_STATUS__FEASIBLE) && plan->has_gap;
    r->gap = plan->gap;
}

/* The plan as JSON text, as `sourcing solve --json` prints it (the HTTP endpoint's answer). */
static void keep_plan_json(JobResult *r, const Sourcing__Plan *plan)
{
    char *text = src_message_to_json(&plan->base, 2);
    size_t len = text ? strlen(text) : 0;
    char *line = text ? realloc(text, len + 2) : NULL;
    if (!line) {
        free(text);
        job_result_set(r, SOURCING__STATUS_CODE__INTERNAL, "out of memory encoding the plan");
        return;
    }
    line[len] = '\n';
    line[len + 1] = '\0';
    r->payload = (uint8_t *)line;
    r->payload_len = len + 1;
}

static void keep_plan(JobResult *r, const Sourcing__Batch *batch, const Sourcing__Plan *plan,
                      int json)
{
    describe_plan(r, batch, plan);
    if (json) {
        keep_plan_json(r, plan);
        return;
    }
    r->payload_len = protobuf_c_message_get_packed_size(&plan->base);
    r->payload = malloc(r->payload_len ? r->payload_len : 1);
    if (!r->payload) {
        r->payload_len = 0;
        job_result_set(r, SOURCING__STATUS_CODE__INTERNAL, "out of memory encoding the plan");
        return;
    }
    protobuf_c_message_pack(&plan->base, r->payload);
}

static void solve(Job *job, const Sourcing__Batch *batch, const SolveDeadline *budget)
{
    JobResult *r = &job->result;
    SrcOptions options;
    src_options_init(&options);
    options.deadline = budget->solve_by;
    options.cancel = &job->cancel;
    test_hooks_before_solve(batch);
    r->time_limit = src_seconds_allowed(batch, &options);  /* for the log */
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    SrcResult res = src_solve(batch, &options, &plan, &err);
    if (res == SRC_OK)
        job_result_set(r, SOURCING__STATUS_CODE__OK, plan && plan->message ? plan->message : "");
    else if (res == SRC_INVALID)
        job_result_set(r, SOURCING__STATUS_CODE__INVALID_ARGUMENT, err.message);
    else if (res == SRC_CANCELLED)
        job_result_set(r, SOURCING__STATUS_CODE__CANCELLED, "the solve stopped before any plan existed");
    else {
        r->status = SOURCING__STATUS_CODE__INTERNAL;
        snprintf(r->message, sizeof r->message, "solver: %s", err.message);
    }
    if (plan && (res == SRC_OK || res == SRC_INVALID))
        keep_plan(r, batch, plan, job->json);
    if (plan)
        src_plan_free(plan);
}

void job_run(Job *job)
{
    JobResult *r = &job->result;
    SolveDeadline budget;
    if (atomic_load(&job->cancel)) {
        job_result_set(r, SOURCING__STATUS_CODE__CANCELLED, "cancelled before it started");
        return;
    }
    if (deadline_expired(job, &budget))
        return;
    BatchDecodeError decode_err = {0, ""};
    Sourcing__Batch *batch =
        job->json ? batch_decode_json((const char *)job->payload, job->payload_len,
                                      job->max_decode_memory, &decode_err)
                  : batch_decode(job->payload, job->payload_len, job->max_decode_memory,
                                 &job->cancel, &decode_err);
    if (!batch) {
        job_result_set(r, decode_err.status, decode_err.message);
        return;
    }
    r->orders = (long)batch->n_orders;
    if (batch->n_orders == 0)       /* as the CLI refuses an empty file: nothing to plan is a mistake */
        job_result_set(r, SOURCING__STATUS_CODE__INVALID_ARGUMENT,
                       job->payload_len == 0 ? "the batch is empty: no orders (the payload has 0 bytes)"
                                             : "the batch is empty: no orders");
    else if (!deadline_expired(job, &budget))
        solve(job, batch, &budget);
    protobuf_c_message_free_unpacked(&batch->base, NULL);
}
