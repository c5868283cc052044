/* Address parsing with getaddrinfo, formatting with inet_ntop, ports of addresses and sockets. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

/* Splits "host:port" or "[v6]:port" into host and port buffers. */
static int split_host_port(const char *text, char *host, size_t hsize, char *port, size_t psize,
                           SrcError *err)
{
    const char *colon = strrchr(text, ':');
    if (!colon || colon == text || !colon[1])
        return src_error_set(err, "address '%s': expected HOST:PORT, e.g. 127.0.0.1:7411", text);
    const char *h = text;
    size_t hlen = (size_t)(colon - text);
    if (h[0] == '[' && hlen >= 2 && h[hlen - 1] == ']') {
        h++;
        hlen -= 2;
    }
    if (hlen == 0 || hlen >= hsize || strlen(colon + 1) >= psize)
        return src_error_set(err, "address '%s': host or port too long or empty", text);
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    strcpy(port, colon + 1);
    char *end;
    long p = strtol(port, &end, 10);
    if (*end || p < 0 || p > 65535)
        return src_error_set(err, "address '%s': port '%s' is not a number from 0 to 65535", text, port);
    return 0;
}

int addr_parse(const char *text, int passive, SrvAddr *out, SrcError *err)
{
    char host[256], port[16];
    if (split_host_port(text, host, sizeof host, port, sizeof port, err) < 0)
        return -1;
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0)};
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0 || !res)
        return src_error_set(err, "address '%s': %s", text, gai_strerror(rc));
    memcpy(&out->ss, res->ai_addr, res->ai_addrlen);
    out->len = res->ai_addrlen;
    freeaddrinfo(res);
    if (!passive && addr_port((struct sockaddr *)&out->ss) == 0)
        return src_error_set(err, "address '%s': port 0 is not a server's port", text);
    return 0;
}

const char *addr_format(const struct sockaddr *sa, char *buf, size_t size)
{
    char host[INET6_ADDRSTRLEN] = "?";
    if (sa->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, host, sizeof host);
        snprintf(buf, size, "%s:%d", host, addr_port(sa));
    } else if (sa->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, host, sizeof host);
        snprintf(buf, size, "[%s]:%d", host, addr_port(sa));
    } else {
        snprintf(buf, size, "unknown");
    }
    return buf;
}

int addr_port(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return ntohs(((const struct sockaddr_in *)sa)->sin_port);
    if (sa->sa_family == AF_INET6)
        return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
    return -1;
}

int addr_bound_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
        return -1;
    return addr_port((struct sockaddr *)&ss);
}

int addr_is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family != AF_INET6)
        return 0;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    if (IN6_IS_ADDR_LOOPBACK(a))
        return 1;
    return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
}
