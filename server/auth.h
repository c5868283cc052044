/* Bearer tokens on requests (--tokens): the decision for one request's token, the same for the
 * framed port (Request.token), the gRPC port (authorization: Bearer metadata) and /metrics
 * (Authorization: Bearer header). No token: UNAUTHENTICATED; a token not on the list:
 * PERMISSION_DENIED. Loop thread only. */
#ifndef SRV_AUTH_H
#define SRV_AUTH_H

#include <stddef.h>

#include "state.h"

typedef struct AuthResult {
    int status;                   /* SOURCING__STATUS_CODE__OK, __UNAUTHENTICATED, __PERMISSION_DENIED */
    const char *client;           /* OK: the token's name (NULL when the server has no tokens) */
    char message[300];            /* otherwise: what the client must do (never the token) */
} AuthResult;

/* Checks token (len bytes; NULL when the request carried none) against the server's tokens;
 * where names the place a client puts it (for the message). Counts refusals. */
AuthResult auth_check(Server *s, const char *token, size_t len, const char *where);

#endif
