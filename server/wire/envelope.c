/* Request envelopes decoded with limits (see envelope.h). */
#include "envelope.h"
#include "pb_scan.h"

Sourcing__Request *envelope_decode(const uint8_t *body, size_t len, SrcError *err)
{
    PbScanLimits limits = {.max_memory = 2 * len + ENVELOPE_SLACK_BYTES,
                           .max_unknown = ENVELOPE_MAX_UNKNOWN};
    SrcError why = {{0}};
    if (pb_scan(&sourcing__request__descriptor, body, len, &limits, NULL, &why) != PB_SCAN_OK) {
        src_error_set(err, "the frame's %zu bytes are not a sourcing.Request the server accepts: %s",
                      len, why.message);
        return NULL;
    }
    Sourcing__Request *req =
        (Sourcing__Request *)protobuf_c_message_unpack(&sourcing__request__descriptor, NULL, len, body);
    if (!req)
        src_error_set(err, "the frame's %zu bytes are not a sourcing.Request in protobuf encoding", len);
    return req;
}
