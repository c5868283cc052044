/* Names of the gRPC status codes, from the generated enum descriptor. */
#include "status.h"

const char *srv_status_name(int code)
{
    const ProtobufCEnumValue *v =
        protobuf_c_enum_descriptor_get_value(&sourcing__status_code__descriptor, code);
    return v ? v->name : "UNKNOWN";
}
