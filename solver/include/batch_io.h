/* Reading and writing batches and plans as files or memory: JSON (the proto field names as keys)
 * or binary protobuf. A path ending in ".pb" is binary; anything else is JSON. "-" is stdin/stdout. */
#ifndef SRC_BATCH_IO_H
#define SRC_BATCH_IO_H

#include "error.h"
#include "sourcing.pb-c.h"

/* Largest file read, in bytes. */
#define SRC_MAX_FILE_BYTES (512u * 1024u * 1024u)

ProtobufCMessage *src_read_message(const char *path, const ProtobufCMessageDescriptor *desc,
                                   SrcError *err);
int src_write_message(const char *path, const ProtobufCMessage *msg, SrcError *err);

/* JSON text (pretty if indent > 0) of a message; free() the result. */
char *src_message_to_json(const ProtobufCMessage *msg, int indent);
ProtobufCMessage *src_message_from_json(const char *text, size_t len,
                                        const ProtobufCMessageDescriptor *desc, SrcError *err);

Sourcing__Batch *src_read_batch(const char *path, SrcError *err);
Sourcing__Plan *src_read_plan(const char *path, SrcError *err);
void src_batch_free(Sourcing__Batch *batch);
void src_plan_free(Sourcing__Plan *plan);

#endif
