/* libFuzzer target: bytes as a JSON batch file (jansson, then the pbjson walker), then validation.
 * Any outcome is fine but a crash, a sanitizer report or a refusal without a message. */
#include <stdint.h>
#include <stdlib.h>

#include "batch_io.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    SrcError err = {{0}};
    ProtobufCMessage *msg = src_message_from_json((const char *)data, len, &sourcing__batch__descriptor, &err);
    if (!msg) {
        if (!err.message[0])
            abort();                    /* a refusal must say why */
        return 0;
    }
    Sourcing__Batch *batch = (Sourcing__Batch *)msg;
    SrcError verr = {{0}};
    if (src_validate_batch(batch, &verr) && !verr.message[0])
        abort();
    char *text = src_message_to_json(msg, 0);   /* what was read can be written back */
    free(text);
    src_batch_free(batch);
    return 0;
}
