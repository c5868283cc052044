/* gRPC-style framing: header checks, packing a message into a frame or alone as a payload. */
#include <stdlib.h>

#include "frame.h"

FrameCheck frame_check_header(const uint8_t header[FRAME_HEADER_BYTES], size_t max_length,
                              uint32_t *length, SrcError *err)
{
    uint32_t len = (uint32_t)header[1] << 24 | (uint32_t)header[2] << 16 | (uint32_t)header[3] << 8 |
                   (uint32_t)header[4];
    *length = len;
    if (header[0] == FRAME_FLAG_COMPRESSED) {
        src_error_set(err, "compressed frames are not supported: send flag byte 0");
        return FRAME_COMPRESSED;
    }
    if (header[0] != 0) {
        src_error_set(err, "garbled frame header: flag byte 0x%02x is neither 0 nor 1 "
                           "(a frame is 1 flag byte, a 4-byte big-endian length, the message)",
                      header[0]);
        return FRAME_GARBLED;
    }
    if (len > max_length) {
        src_error_set(err, "message of %u bytes is over the limit of %zu bytes", len, max_length);
        return FRAME_TOO_LARGE;
    }
    return FRAME_OK;
}

void frame_write_header(uint8_t header[FRAME_HEADER_BYTES], uint32_t length)
{
    header[0] = 0;
    header[1] = (uint8_t)(length >> 24);
    header[2] = (uint8_t)(length >> 16);
    header[3] = (uint8_t)(length >> 8);
    header[4] = (uint8_t)length;
}

uint8_t *frame_pack(const ProtobufCMessage *msg, size_t *frame_len)
{
    size_t len = protobuf_c_message_get_packed_size(msg);
    if (len > FRAME_MAX_LENGTH)
        return NULL;
    uint8_t *frame = malloc(FRAME_HEADER_BYTES + len);
    if (!frame)
        return NULL;
    frame_write_header(frame, (uint32_t)len);
    protobuf_c_message_pack(msg, frame + FRAME_HEADER_BYTES);
    *frame_len = FRAME_HEADER_BYTES + len;
    return frame;
}

uint8_t *frame_pack_payload(const ProtobufCMessage *msg, size_t *len)
{
    *len = protobuf_c_message_get_packed_size(msg);
    uint8_t *bytes = malloc(*len ? *len : 1);      /* an empty message is 0 bytes: still a buffer */
    if (!bytes) {
        *len = 0;
        return NULL;
    }
    protobuf_c_message_pack(msg, bytes);
    return bytes;
}
