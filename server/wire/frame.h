/* gRPC-style message framing, shared by the server and the client: every message is
 * 1 flag byte (0 = uncompressed), a 4-byte big-endian length, then that many protobuf bytes.
 * Also packs the messages that ride inside a Request or Response as its payload. */
#ifndef SRV_FRAME_H
#define SRV_FRAME_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define FRAME_HEADER_BYTES 5
#define FRAME_FLAG_COMPRESSED 1
/* The largest length a 4-byte header can carry. */
#define FRAME_MAX_LENGTH 0xffffffffu

typedef enum FrameCheck {
    FRAME_OK = 0,
    FRAME_TOO_LARGE,      /* the length is over the receiver's limit */
    FRAME_COMPRESSED,     /* flag 1: compression is not supported */
    FRAME_GARBLED,        /* a flag byte that is neither 0 nor 1 */
} FrameCheck;

/* Reads a header: sets *length, or returns why the frame is refused (err says it for people). */
FrameCheck frame_check_header(const uint8_t header[FRAME_HEADER_BYTES], size_t max_length,
                              uint32_t *length, SrcError *err);

void frame_write_header(uint8_t header[FRAME_HEADER_BYTES], uint32_t length);

/* A whole frame (header and packed msg) in a new malloc'd buffer of *frame_len bytes;
 * NULL when out of memory or the message is over FRAME_MAX_LENGTH. */
uint8_t *frame_pack(const ProtobufCMessage *msg, size_t *frame_len);

/* msg packed alone (no header), for a payload field, in a new malloc'd buffer of *len bytes;
 * NULL (and *len 0) when out of memory. */
uint8_t *frame_pack_payload(const ProtobufCMessage *msg, size_t *len);

#endif
