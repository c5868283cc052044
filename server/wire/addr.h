/* "HOST:PORT" addresses ("127.0.0.1:7411", "[::1]:7411", "localhost:7411") to socket addresses,
 * and socket addresses back to text for logs. Shared by the server and the client. */
#ifndef SRV_ADDR_H
#define SRV_ADDR_H

#include <stddef.h>
#include <sys/socket.h>

#include "error.h"

typedef struct SrvAddr {
    struct sockaddr_storage ss;
    socklen_t len;
} SrvAddr;

/* Resolves text (numeric port required, 0 allowed when passive) into *out. */
int addr_parse(const char *text, int passive, SrvAddr *out, SrcError *err);

/* "127.0.0.1:7411" or "[::1]:7411" into buf. */
const char *addr_format(const struct sockaddr *sa, char *buf, size_t size);

/* The port of a socket address. */
int addr_port(const struct sockaddr *sa);

/* 1 when sa is a loopback address (127.0.0.0/8, ::1, or ::ffff:127.x.y.z), 0 otherwise. */
int addr_is_loopback(const struct sockaddr *sa);

/* The port socket fd is bound to (the kernel's choice after binding port 0); -1 on error. */
int addr_bound_port(int fd);

#endif
