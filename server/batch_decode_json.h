/* Decoding a Solve's Batch given as JSON text (the HTTP endpoint), in a worker, bounded in
 * memory: before jansson parses anything, the text is scanned once and what its parse and the
 * decoded message can take is bounded from above, and a text whose bound is over
 * --max-decode-memory is refused unparsed. */
#ifndef SRV_BATCH_DECODE_JSON_H
#define SRV_BATCH_DECODE_JSON_H

#include <stddef.h>

#include "batch_decode.h"

/* An upper bound, in bytes, of the memory jansson's tree of text and the Batch made from it take
 * at once (64-bit glibc sizes, with malloc's overhead and arrays' growth). */
size_t batch_json_memory_bound(const char *text, size_t len);

/* The batch, or NULL with err: INVALID_ARGUMENT (not JSON, or not a Batch: the message names
 * the line and column or the field path), RESOURCE_EXHAUSTED (the bound is over max_memory). */
Sourcing__Batch *batch_decode_json(const char *text, size_t len, size_t max_memory,
                                   BatchDecodeError *err);

#endif
