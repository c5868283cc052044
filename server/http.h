/* The metrics endpoint (http.c): /metrics and /healthz over HTTP. */
#ifndef SRV_HTTP_H
#define SRV_HTTP_H

#include "error.h"
#include "state.h"

/* Binds config.metrics and sets s->metrics_port. 0, or -1 with err set. */
int http_start(Server *s, SrcError *err);

#endif
