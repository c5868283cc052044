/* One generic walker between protobuf-c messages and JSON (jansson), driven by the message
 * descriptors: keys are the proto field names (lowerCamelCase names are read too, as protobuf's
 * JSON mapping requires), enums are their value names (numbers are read too), int64 may be given
 * as a number or a decimal string, absent optional fields are left out. */
#ifndef SRC_PBJSON_H
#define SRC_PBJSON_H

#include <jansson.h>
#include <protobuf-c/protobuf-c.h>

#include "error.h"

/* A new JSON object for msg (never NULL unless out of memory). */
json_t *pbjson_from_message(const ProtobufCMessage *msg);

/* A new message of type desc from a JSON object, allocated with malloc so that
 * protobuf_c_message_free_unpacked(msg, NULL) frees it. On error NULL, and err names the
 * field path, e.g. "orders[3].lines[1].quantity: expected an integer". Unknown keys are errors, and
 * so is a field given twice under its two names ("node_id" and "nodeId"). */
ProtobufCMessage *pbjson_to_message(const json_t *json, const ProtobufCMessageDescriptor *desc,
                                    SrcError *err);

#endif
