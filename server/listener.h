/* The listening socket of the service (listener.c). */
#ifndef SRV_LISTENER_H
#define SRV_LISTENER_H

#include "state.h"

/* Binds config.listen (sets s->port) and config.grpc_listen if set (s->grpc_port). */
int listener_start(Server *s, SrcError *err);
void listener_stop(Server *s);

#endif
