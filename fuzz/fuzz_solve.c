/* libFuzzer target: the Solve worker's path on bytes: batch_decode under the worker's limits,
 * then src_solve with a tiny budget (validation first, inside it). Every outcome must be a clean
 * refusal with a message, or a plan the independent checker accepts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "batch_decode.h"
#include "checker.h"
#include "sourcing.h"

#define MAX_DECODE_MEMORY (64u << 20)
#define TIME_LIMIT 0.05                 /* seconds per solve: many inputs, not deep searches */

static void check_plan(const Sourcing__Batch *batch, const Sourcing__Plan *plan)
{
    SrcCheckReport report;
    size_t violations = src_check_plan(batch, plan, &report);
    if (violations) {
        fprintf(stderr, "fuzz_solve: the checker refuses the plan: %s\n", report.violations[0]);
        abort();
    }
    src_check_report_free(&report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    atomic_int cancel = 0;
    BatchDecodeError derr = {0, ""};
    Sourcing__Batch *batch = batch_decode(data, len, MAX_DECODE_MEMORY, &cancel, &derr);
    if (!batch)
        return 0;
    SrcOptions options;
    src_options_init(&options);
    options.time_limit = TIME_LIMIT;
    options.cancel = &cancel;
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    SrcResult res = src_solve(batch, &options, &plan, &err);
    if (res != SRC_OK && !err.message[0]) {
        fprintf(stderr, "fuzz_solve: result %d without a message\n", res);
        abort();
    }
    if (res == SRC_OK)
        check_plan(batch, plan);
    src_plan_free(plan);
    protobuf_c_message_free_unpacked(&batch->base, NULL);
    return 0;
}
