/* Decoding a Solve's Batch in a worker, bounded in memory and time: its repeated fields are
 * counted against the validation limits and its memory against --max-decode-memory before
 * protobuf-c allocates anything, and a Cancel or the deadline stops the count. */
#ifndef SRV_BATCH_DECODE_H
#define SRV_BATCH_DECODE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "sourcing.pb-c.h"

typedef struct BatchDecodeError {
    int status;               /* a Sourcing__StatusCode */
    char message[1024];
} BatchDecodeError;

/* The batch, or NULL with err: INVALID_ARGUMENT (malformed, a count over its limit, a NUL in a
 * string), RESOURCE_EXHAUSTED (more memory than max_memory), CANCELLED (*cancel was set). */
Sourcing__Batch *batch_decode(const uint8_t *data, size_t len, size_t max_memory,
                              const atomic_int *cancel, BatchDecodeError *err);

#endif
