/* A budget check of protobuf bytes before protobuf-c unpacks them. protobuf-c has no limits of
 * its own: 32 MiB of empty repeated entries unpack into gigabytes, in one uninterruptible call.
 * pb_scan walks the wire bytes once, allocating nothing, and stops as soon as one limit is
 * passed: the memory unpacking would take (estimated from above), the entries of a repeated
 * field, the unknown fields, the nesting depth. It also refuses what protobuf-c would accept
 * silently: a string with a NUL byte (C would see it cut short) and a 32-bit field whose varint
 * does not fit in 32 bits (protobuf-c keeps the low bits). */
#ifndef SRV_PB_SCAN_H
#define SRV_PB_SCAN_H

#include <protobuf-c/protobuf-c.h>
#include <stdatomic.h>
#include <stddef.h>

#include "error.h"

/* A limit on a repeated field's entries, e.g. {"orders.lines", 10000, 5000000}. */
typedef struct PbCountLimit {
    const char *field;        /* field names from the root, dotted, without indices */
    size_t max_each;          /* entries in one message; 0 = no limit */
    size_t max_total;         /* entries in the whole message tree; 0 = no limit */
    const char *what;         /* for the error message: "a batch", "an order" */
} PbCountLimit;

typedef struct PbScanLimits {
    size_t max_memory;        /* bytes unpacking may allocate; 0 = no limit */
    size_t max_unknown;       /* unknown fields in the whole tree; 0 = no limit */
    const PbCountLimit *counts;
    int n_counts;
    const atomic_int *cancel; /* read every megabyte scanned; NULL = never */
} PbScanLimits;

typedef enum PbScanResult {
    PB_SCAN_OK = 0,
    PB_SCAN_INVALID,          /* malformed, a NUL in a string, a count over its limit */
    PB_SCAN_TOO_BIG,          /* unpacking would take more than max_memory */
    PB_SCAN_CANCELLED,        /* *cancel became non-zero */
} PbScanResult;

/* Scans len bytes of a message of type desc. *memory (if not NULL) gets the estimate so far.
 * Anything but PB_SCAN_OK comes with err naming the field path, e.g.
 * "orders: more than 1000000 entries, the most a batch may have". */
PbScanResult pb_scan(const ProtobufCMessageDescriptor *desc, const uint8_t *data, size_t len,
                     const PbScanLimits *limits, size_t *memory, SrcError *err);

#endif
