/* The token decision of one request (see auth.h). */
#include <stdio.h>

#include "auth.h"
#include "service.pb-c.h"
#include "tokens.h"

AuthResult auth_check(Server *s, const char *token, size_t len, const char *where)
{
    AuthResult r = {.status = SOURCING__STATUS_CODE__OK};
    if (!s->tokens)
        return r;
    if (!token || len == 0) {
        s->metrics.auth_refused[METRICS_AUTH_UNAUTHENTICATED]++;
        r.status = SOURCING__STATUS_CODE__UNAUTHENTICATED;
        snprintf(r.message, sizeof r.message, "this server requires a bearer token (--tokens): "
                 "send it in %s", where);
        return r;
    }
    r.client = tokens_find(s->tokens, token, len);
    if (!r.client) {
        s->metrics.auth_refused[METRICS_AUTH_PERMISSION_DENIED]++;
        r.status = SOURCING__STATUS_CODE__PERMISSION_DENIED;
        snprintf(r.message, sizeof r.message, "the bearer token is not one of this server's "
                 "(--tokens); ask its operator for one");
    }
    return r;
}
