/* Decoding the request envelope and routing by method name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "methods.h"
#include "reply.h"
#include "submit.h"

static void answer_unknown(Conn *c, const Sourcing__Request *req, int64_t received_ns)
{
    char message[300];
    snprintf(message, sizeof message, "unknown method '%.100s'; the methods are Solve, Health, Info, Cancel",
             req->method);
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__UNIMPLEMENTED, message, NULL);
}

static void route(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    if (!req->method || !req->method[0]) {
        reply_with(c, req, received_ns, SOURCING__STATUS_CODE__INVALID_ARGUMENT,
                   "the request has no method; the methods are Solve, Health, Info, Cancel", NULL);
        return;
    }
    int i = 0;
    while (i < SRV_N_METHODS && strcmp(req->method, SRV_METHOD_NAMES[i]) != 0)
        i++;
    switch (i) {
    case 0: submit_solve(c, req, received_ns); break;
    case 1: answer_health(c, req, received_ns); break;
    case 2: answer_info(c, req, received_ns); break;
    case 3: answer_cancel(c, req, received_ns); break;
    default: answer_unknown(c, req, received_ns); break;
    }
}

void dispatch_frame(Conn *c, uint8_t *body, size_t len, int64_t received_ns)
{
    Sourcing__Request *req =
        (Sourcing__Request *)protobuf_c_message_unpack(&sourcing__request__descriptor, NULL, len, body);
    free(body);
    if (!req) {
        char message[200];
        snprintf(message, sizeof message,
                 "the frame's %zu bytes are not a sourcing.Request in protobuf encoding", len);
        reply(c, &(Reply){.status = SOURCING__STATUS_CODE__INVALID_ARGUMENT, .message = message,
                          .received_ns = received_ns});
        return;
    }
    route(c, req, received_ns);
    protobuf_c_message_free_unpacked(&req->base, NULL);
}
