/* Admission of new connections (admit.h). The per-peer count walks the open connections: at
 * most --max-connections of them, once per accept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "admit.h"
#include "log.h"

void admit_peer_ip(const struct sockaddr *peer, char *buf, size_t size)
{
    char text[80];
    addr_format(peer, text, sizeof text);
    char *colon = strrchr(text, ':');
    if (colon)
        *colon = '\0';
    const char *ip = text[0] == '[' ? text + 1 : text;
    size_t n = strlen(ip);
    if (n > 0 && ip[n - 1] == ']')
        n--;
    snprintf(buf, size, "%.*s", (int)n, ip);
}

static int count_from(const Server *s, const char *ip)
{
    int n = 0;
    for (const Conn *c = s->conns; c; c = c->next)
        n += !strcmp(c->ip, ip);
    return n;
}

void admit_refuse(Server *s, evutil_socket_t fd, const struct sockaddr *peer, const ConnTransport *t,
                  ConnDrop reason, const char *message)
{
    char who[64];
    addr_format(peer, who, sizeof who);
    int tls = (t == &CONN_FRAMED ? s->tls_framed : s->tls_grpc) != NULL;
    size_t len = 0;
    uint8_t *bytes = !tls && t->refusal ? t->refusal(message, &len) : NULL;
    if (bytes && send(fd, bytes, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
        log_event("peer=%s: the refusal could not be written", who);
    free(bytes);
    /* what the client already sent is read first, so that the close is a FIN and not a reset
     * that could destroy the refusal unread */
    shutdown(fd, SHUT_WR);
    char scratch[4096];
    for (int i = 0; i < 16 && recv(fd, scratch, sizeof scratch, MSG_DONTWAIT) > 0; i++)
        continue;
    evutil_closesocket(fd);
    s->metrics.connections_refused++;
    s->metrics.drops[reason]++;
    if (reason != DROP_NO_DESCRIPTORS)      /* listener.c logs those, a line per spell */
        log_event("peer=%s refused (%s): %s", who, drop_name(reason), message);
}

int admit_connection(Server *s, evutil_socket_t fd, const struct sockaddr *peer, const ConnTransport *t)
{
    char message[200], ip[64];
    if (s->n_conns >= s->config.max_connections) {
        snprintf(message, sizeof message, "%d connections are open (--max-connections); retry later",
                 s->n_conns);
        admit_refuse(s, fd, peer, t, DROP_MAX_CONNECTIONS, message);
        return 0;
    }
    admit_peer_ip(peer, ip, sizeof ip);
    int mine = count_from(s, ip);
    if (mine >= s->config.max_connections_per_peer) {
        snprintf(message, sizeof message,
                 "%d connections from %s are open (--max-connections-per-peer); retry later", mine, ip);
        admit_refuse(s, fd, peer, t, DROP_PER_PEER, message);
        return 0;
    }
    return 1;
}
