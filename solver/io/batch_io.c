/* Files and memory buffers holding batches and plans: JSON through the pbjson walker, or binary
 * protobuf. The path's ending picks the format (".pb" binary, else JSON); "-" is stdin/stdout. */
#include "batch_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "json_text.h"
#include "out_file.h"
#include "pbjson.h"

static int is_binary_path(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && !strcmp(path + n - 3, ".pb");
}

ProtobufCMessage *src_message_from_json(const char *text, size_t len,
                                        const ProtobufCMessageDescriptor *desc, SrcError *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        src_error_set(err, "line %d column %d: %s", jerr.line, jerr.column, jerr.text);
        return NULL;
    }
    ProtobufCMessage *msg = pbjson_to_message(root, desc, err);
    json_decref(root);
    return msg;
}

char *src_message_to_json(const ProtobufCMessage *msg, int indent)
{
    json_t *root = pbjson_from_message(msg);
    if (!root)
        return NULL;
    /* every number in the shortest form that reads back exactly (46.1625, 2496.37) */
    char *text = json_text_dump(root, indent);
    json_decref(root);
    return text;
}

ProtobufCMessage *src_read_message(const char *path, const ProtobufCMessageDescriptor *desc,
                                   SrcError *err)
{
    size_t len = 0;
    char *buf = read_whole_file(path, SRC_MAX_FILE_BYTES, &len, err);
    if (!buf)
        return NULL;
    if (len == 0) {
        /* protobuf would read 0 bytes as a valid message with nothing in it */
        src_error_set(err, "%s: empty file: a %s has at least one field (was its write "
                      "interrupted, or the wrong file named?)", path, desc->name);
        free(buf);
        return NULL;
    }
    ProtobufCMessage *msg;
    if (is_binary_path(path)) {
        msg = protobuf_c_message_unpack(desc, NULL, len, (const uint8_t *)buf);
        if (!msg)
            src_error_set(err, "%s: not a valid binary %s message", path, desc->name);
    } else {
        msg = src_message_from_json(buf, len, desc, err);
        if (!msg)
            src_error_prefix(err, "%s", path);
    }
    free(buf);
    return msg;
}

/* Atomically (out_file.h): an interrupted write leaves the old file, never a prefix of the new one,
 * which matters most for .pb, where a prefix can read back as a valid, smaller message. */
int src_write_message(const char *path, const ProtobufCMessage *msg, SrcError *err)
{
    OutFile out;
    if (out_file_open(&out, path, err))
        return -1;
    int rc = 0;
    if (is_binary_path(path)) {
        size_t len = protobuf_c_message_get_packed_size(msg);
        uint8_t *buf = malloc(len ? len : 1);
        if (!buf)
            rc = src_error_set(err, "%s: out of memory", path);
        else if (fwrite(buf, 1, protobuf_c_message_pack(msg, buf), out.f) != len)
            rc = src_error_set(err, "%s: write error: %s", path, strerror(errno));
        free(buf);
    } else {
        char *text = src_message_to_json(msg, 2);
        if (!text || fputs(text, out.f) == EOF || fputc('\n', out.f) == EOF)
            rc = src_error_set(err, "%s: write error: %s", path, strerror(errno));
        free(text);
    }
    return out_file_close(&out, rc, err);
}

Sourcing__Batch *src_read_batch(const char *path, SrcError *err)
{
    return (Sourcing__Batch *)src_read_message(path, &sourcing__batch__descriptor, err);
}

Sourcing__Plan *src_read_plan(const char *path, SrcError *err)
{
    return (Sourcing__Plan *)src_read_message(path, &sourcing__plan__descriptor, err);
}

void src_batch_free(Sourcing__Batch *batch)
{
    if (batch)
        protobuf_c_message_free_unpacked(&batch->base, NULL);
}

void src_plan_free(Sourcing__Plan *plan)
{
    if (plan)
        protobuf_c_message_free_unpacked(&plan->base, NULL);
}
