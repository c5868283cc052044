/* Seed corpora for the fuzz targets, made at run time from canonical JSON batches (fuzz/run.sh):
 *   make_seeds OUT_DIR BATCH.json...
 * writes OUT_DIR/pb/NAME (the batch as binary protobuf: fuzz_pb_batch, fuzz_solve) and
 * OUT_DIR/frame/NAME (a whole Solve request frame around it: fuzz_frame). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "frame.h"
#include "service.pb-c.h"

static int write_file(const char *dir, const char *sub, const char *name, const uint8_t *b, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", dir, sub, name);
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(b, 1, n, f) != n;
    bad |= f && fclose(f);
    if (bad)
        fprintf(stderr, "make_seeds: cannot write %s\n", path);
    return bad ? -1 : 0;
}

/* The batch packed, and a Solve Request frame carrying it. */
static int seed_one(const char *dir, const char *json_path)
{
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_read_batch(json_path, &err);
    if (!batch) {
        fprintf(stderr, "make_seeds: %s\n", err.message);
        return -1;
    }
    const char *name = strrchr(json_path, '/') ? strrchr(json_path, '/') + 1 : json_path;
    size_t len = 0, frame_len = 0;
    uint8_t *packed = frame_pack_payload(&batch->base, &len);
    Sourcing__Request req = SOURCING__REQUEST__INIT;
    req.has_request_id = 1;
    req.request_id = 7;
    req.method = "Solve";
    req.has_payload = 1;
    req.payload.data = packed;
    req.payload.len = len;
    uint8_t *frame = packed ? frame_pack(&req.base, &frame_len) : NULL;
    int rc = frame ? write_file(dir, "pb", name, packed, len) | write_file(dir, "frame", name, frame, frame_len)
                   : -1;
    free(packed);
    free(frame);
    src_batch_free(batch);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: make_seeds OUT_DIR BATCH.json...\n");
        return 2;
    }
    int rc = 0;
    for (int i = 2; i < argc; i++)
        rc |= seed_one(argv[1], argv[i]);
    return rc ? 1 : 0;
}
