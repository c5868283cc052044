/* A Solve's Batch decoded with limits (see batch_decode.h). The counts are the validator's
 * (validate.h), checked here before unpacking instead of after. */
#include <stdio.h>

#include "batch_decode.h"
#include "pb_scan.h"
#include "service.pb-c.h"
#include "validate.h"

static const PbCountLimit BATCH_COUNTS[] = {
    {"nodes", SRC_MAX_NODES, 0, "a batch"},
    {"nodes.inventory", SRC_MAX_INVENTORY_PER_NODE, 0, "a node"},
    {"lanes", SRC_MAX_LANES, 0, "a batch"},
    {"carrier_limits", SRC_MAX_CARRIER_LIMITS, 0, "a batch"},
    {"orders", SRC_MAX_ORDERS, 0, "a batch"},
    {"orders.lines", SRC_MAX_LINES_PER_ORDER, SRC_MAX_TOTAL_LINES, "an order"},
    {"orders.eligible_nodes", SRC_MAX_NODES, 0, "an order"},
};

Sourcing__Batch *batch_decode(const uint8_t *data, size_t len, size_t max_memory,
                              const atomic_int *cancel, BatchDecodeError *err)
{
    PbScanLimits limits = {.max_memory = max_memory, .counts = BATCH_COUNTS,
                           .n_counts = (int)(sizeof BATCH_COUNTS / sizeof BATCH_COUNTS[0]),
                           .cancel = cancel};
    SrcError scan_err = {{0}};
    size_t memory = 0;
    PbScanResult r = pb_scan(&sourcing__batch__descriptor, data, len, &limits, &memory, &scan_err);
    if (r == PB_SCAN_TOO_BIG) {
        err->status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED;
        snprintf(err->message, sizeof err->message,
                 "the batch of %zu bytes would take more than %zu MiB to decode (--max-decode-memory; "
                 "%s); send a smaller batch or raise the limit", len, max_memory >> 20, scan_err.message);
        return NULL;
    }
    if (r != PB_SCAN_OK) {
        err->status = r == PB_SCAN_CANCELLED ? SOURCING__STATUS_CODE__CANCELLED
                                             : SOURCING__STATUS_CODE__INVALID_ARGUMENT;
        snprintf(err->message, sizeof err->message,
                 "the payload of %zu bytes is not a sourcing.Batch the server accepts: %s", len,
                 scan_err.message);
        return NULL;
    }
    Sourcing__Batch *batch =
        (Sourcing__Batch *)protobuf_c_message_unpack(&sourcing__batch__descriptor, NULL, len, data);
    if (!batch) {
        err->status = SOURCING__STATUS_CODE__INVALID_ARGUMENT;
        snprintf(err->message, sizeof err->message,
                 "the payload of %zu bytes is not a sourcing.Batch in protobuf encoding", len);
    }
    return batch;
}
