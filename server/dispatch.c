/* Decoding the request envelope and routing by method name through one table of
 * {name, handler} rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "conn.h"
#include "dispatch.h"
#include "envelope.h"
#include "methods.h"
#include "reply.h"
#include "submit.h"

/* Answers req; may take parts of it (Solve takes the payload). */
typedef void (*MethodHandler)(Conn *c, Sourcing__Request *req, int64_t received_ns);

typedef struct Method {
    const char *name;
    MethodHandler handle;
} Method;

static const Method METHODS[] = {
    {"Solve", submit_solve},
    {"Health", answer_health},
    {"Info", answer_info},
    {"Cancel", answer_cancel},
};

_Static_assert(sizeof METHODS / sizeof METHODS[0] == DISPATCH_N_METHODS,
               "DISPATCH_N_METHODS must count the rows of METHODS");

const char *dispatch_method_name(int index)
{
    return METHODS[index].name;
}

static const Method *find_method(const char *name)
{
    for (int i = 0; i < DISPATCH_N_METHODS; i++)
        if (!strcmp(name, METHODS[i].name))
            return &METHODS[i];
    return NULL;
}

/* "Solve, Health, Info, Cancel" into buf, for telling a client what it may call. */
static const char *method_list(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < DISPATCH_N_METHODS && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", METHODS[i].name);
    return buf;
}

static void answer_unknown(Conn *c, const Sourcing__Request *req, int64_t received_ns)
{
    char methods[100], message[300];
    snprintf(message, sizeof message, "unknown method '%.100s'; the methods are %s", req->method,
             method_list(methods, sizeof methods));
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__UNIMPLEMENTED, message, NULL);
}

static void answer_no_method(Conn *c, const Sourcing__Request *req, int64_t received_ns)
{
    char methods[100], message[200];
    snprintf(message, sizeof message, "the request has no method; the methods are %s",
             method_list(methods, sizeof methods));
    reply_with(c, req, received_ns, SOURCING__STATUS_CODE__INVALID_ARGUMENT, message, NULL);
}

void dispatch_request(Conn *c, Sourcing__Request *req, int64_t received_ns)
{
    if (!req->method || !req->method[0]) {
        answer_no_method(c, req, received_ns);
        return;
    }
    const Method *method = find_method(req->method);
    if (method)
        method->handle(c, req, received_ns);
    else
        answer_unknown(c, req, received_ns);
}

void dispatch_frame(Conn *c, uint8_t *body, size_t len, int64_t received_ns)
{
    SrcError err = {{0}};
    Sourcing__Request *req = envelope_decode(body, len, &err);
    free(body);
    c->client = NULL;
    if (!req) {
        reply(c, &(Reply){.status = SOURCING__STATUS_CODE__INVALID_ARGUMENT, .message = err.message,
                          .received_ns = received_ns});
        return;
    }
    AuthResult auth = auth_check(c->server, req->token, req->token ? strlen(req->token) : 0,
                                 "the Request's token field");
    c->client = auth.client;
    if (auth.status != SOURCING__STATUS_CODE__OK)
        reply_with(c, req, received_ns, auth.status, auth.message, NULL);
    else
        dispatch_request(c, req, received_ns);
    protobuf_c_message_free_unpacked(&req->base, NULL);
}
