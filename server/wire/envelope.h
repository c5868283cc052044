/* Decoding a request envelope (sourcing.Request) with limits, cheap enough for the event loop:
 * pb_scan first (at most ENVELOPE_MAX_UNKNOWN unknown fields, memory about the frame's size, no
 * NUL in the method, a deadline that fits in 32 bits), then protobuf-c. */
#ifndef SRV_ENVELOPE_H
#define SRV_ENVELOPE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "service.pb-c.h"

#define ENVELOPE_MAX_UNKNOWN 16     /* room for fields a newer client adds, no more */
#define ENVELOPE_SLACK_BYTES 4096   /* beyond the frame's own size: structs and records */

/* The Request in body, or NULL with err saying why it is refused. Scanning stops at the first
 * limit passed, so a frame of millions of tiny fields costs microseconds, not gigabytes. */
Sourcing__Request *envelope_decode(const uint8_t *body, size_t len, SrcError *err);

#endif
