/* The listening socket of the service (listener.c). */
#ifndef SRV_LISTENER_H
#define SRV_LISTENER_H

#include "state.h"

/* Binds config.listen (sets s->port) and config.grpc_listen if set (s->grpc_port). */
int listener_start(Server *s, SrcError *err);
void listener_stop(Server *s);
/* Gives the metrics port's listener (evhttp's) the same handling of accept failures. */
void listener_watch_http(Server *s, struct evconnlistener *l);

#endif
