/* A Solve's Batch from JSON text within a memory budget (see batch_decode_json.h). The costs
 * per token are jansson 2.x's structures on 64-bit glibc rounded up to malloc's chunks, with
 * the room that growing arrays and hash tables leave, plus the protobuf-c message a value can
 * become; a generated batch of 50 000 orders is bounded at about twice what it really takes. */
#include <stdio.h>

#include "batch_decode_json.h"
#include "batch_io.h"
#include "service.pb-c.h"

enum {
    COST_OBJECT = 512,   /* json_object_t, its first buckets, and a message struct it may become */
    COST_ARRAY = 160,    /* json_array_t and its first table */
    COST_MEMBER = 160,   /* a key's pair (with the key) and its share of the buckets */
    COST_VALUE = 112,    /* a string or number node and its slot in a growing array or message */
};

size_t batch_json_memory_bound(const char *text, size_t len)
{
    size_t objects = 0, arrays = 0, members = 0, values = 1;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = 0;
            continue;
        }
        switch (ch) {
        case '"': in_string = 1; break;
        case '{': objects++; values++; break;
        case '[': arrays++; values++; break;
        case ':': members++; break;
        case ',': values++; break;
        default: break;
        }
    }
    /* string bytes are counted twice: jansson's copy and the message's */
    return COST_OBJECT * objects + COST_ARRAY * arrays + COST_MEMBER * members +
           COST_VALUE * values + 2 * len;
}

Sourcing__Batch *batch_decode_json(const char *text, size_t len, size_t max_memory,
                                   BatchDecodeError *err)
{
    size_t bound = batch_json_memory_bound(text, len);
    if (bound > max_memory) {
        err->status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED;
        snprintf(err->message, sizeof err->message,
                 "the batch of %zu bytes of JSON could take up to %zu MiB to decode, more than "
                 "%zu MiB (--max-decode-memory); send a smaller batch or raise the limit",
                 len, bound >> 20, max_memory >> 20);
        return NULL;
    }
    SrcError jerr = {{0}};
    Sourcing__Batch *batch = (Sourcing__Batch *)src_message_from_json(
        text, len, &sourcing__batch__descriptor, &jerr);
    if (!batch) {
        err->status = SOURCING__STATUS_CODE__INVALID_ARGUMENT;
        snprintf(err->message, sizeof err->message, "the body is not a sourcing.Batch in JSON: %s",
                 jerr.message);
    }
    return batch;
}
