/* Writing out a batch that gen or import-orlib has just made (made_batch.h). */
#include "made_batch.h"

#include <stdio.h>

#include "batch_io.h"

int write_made_batch(const char *command, Sourcing__Batch *batch, SrcError *err, const char *path)
{
    if (!batch) {
        fprintf(stderr, "%s: %s\n", command, err->message);
        return 2;
    }
    int rc = src_write_message(path, &batch->base, err);
    if (rc)
        fprintf(stderr, "%s: %s\n", command, err->message);
    src_batch_free(batch);
    return rc ? 1 : 0;
}
