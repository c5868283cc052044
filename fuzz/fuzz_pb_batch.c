/* libFuzzer target: bytes as a .pb batch file, through the file reader the CLI uses
 * (src_read_batch: the empty-file refusal, protobuf-c), then validation and the JSON writer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "batch_io.h"
#include "validate.h"

static char path[64];

/* One file per fuzzing process, rewritten for every input, removed at exit. */
static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz_pb_batch.%ld.pb", (long)getpid());
        atexit(remove_file);
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f))
        abort();
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_read_batch(path, &err);
    if (!batch) {
        if (!err.message[0])
            abort();
        return 0;
    }
    if (len == 0)
        abort();                        /* an empty file must be refused */
    SrcError verr = {{0}};
    if (src_validate_batch(batch, &verr) && !verr.message[0])
        abort();
    char *text = src_message_to_json(&batch->base, 0);
    free(text);
    src_batch_free(batch);
    return 0;
}
