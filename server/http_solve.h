/* The JSON endpoint (http_solve.c): POST /v1/solve on the HTTP port, a batch as JSON in, the
 * plan as JSON out, through the same queue and workers as every Solve. */
#ifndef SRV_HTTP_SOLVE_H
#define SRV_HTTP_SOLVE_H

#include "state.h"

/* Adds /v1/solve to s->http and limits request bodies to --max-message. */
void http_solve_register(Server *s);

#endif
