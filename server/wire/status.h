/* Names of the gRPC status codes of the protocol (proto/service.proto StatusCode). */
#ifndef SRV_STATUS_H
#define SRV_STATUS_H

#include "service.pb-c.h"

/* "OK", "INVALID_ARGUMENT", ...; "UNKNOWN" for a number that is not a code. */
const char *srv_status_name(int code);

#endif
