/* libFuzzer target: bytes as what a client sends: a frame header (frame.c), the Request envelope
 * under the server's limits (envelope.c, pb_scan.c), and its payload as a Solve's Batch under the
 * worker's limits (batch_decode.c). Refusals must carry a status and a message. */
#include <stdint.h>
#include <stdlib.h>

#include "batch_decode.h"
#include "envelope.h"
#include "frame.h"

#define MAX_FRAME (64u << 20)
#define MAX_DECODE_MEMORY (256u << 20)

static void decode_payload(const uint8_t *data, size_t len)
{
    atomic_int cancel = 0;
    BatchDecodeError err = {0, ""};
    Sourcing__Batch *batch = batch_decode(data, len, MAX_DECODE_MEMORY, &cancel, &err);
    if (!batch && (!err.message[0] || err.status == SOURCING__STATUS_CODE__OK))
        abort();
    if (batch)
        protobuf_c_message_free_unpacked(&batch->base, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    if (len < FRAME_HEADER_BYTES)
        return 0;
    SrcError err = {{0}};
    uint32_t length = 0;
    if (frame_check_header(data, MAX_FRAME, &length, &err) != FRAME_OK) {
        if (!err.message[0])
            abort();
        return 0;
    }
    const uint8_t *body = data + FRAME_HEADER_BYTES;
    size_t body_len = len - FRAME_HEADER_BYTES;
    if (length < body_len)
        body_len = length;              /* the bytes the header claims, at most those present */
    Sourcing__Request *req = envelope_decode(body, body_len, &err);
    if (!req) {
        if (!err.message[0])
            abort();
        decode_payload(body, body_len); /* the same bytes as a batch: both decoders see hostile data */
        return 0;
    }
    if (req->has_payload)
        decode_payload(req->payload.data, req->payload.len);
    sourcing__request__free_unpacked(req, NULL);
    return 0;
}
