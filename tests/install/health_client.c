/* A program outside the project, built only from what `make install` ships: the headers in
 * include/sourcing, libsourcing_client.a and libsourcing.a, found with pkg-config
 * (tests/t_install_client.sh). Asks a server for Health and prints "serving=1". */
#include <stdio.h>

#include "client.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: health_client ADDR:PORT\n");
        return 2;
    }
    SrcError err = {{0}};
    SrvClient *c = srv_client_connect(argv[1], 5000, &err);
    Sourcing__Response *r = c ? srv_client_call(c, "Health", 0, NULL, 10000, &err) : NULL;
    Sourcing__HealthResponse *h =
        (Sourcing__HealthResponse *)srv_response_payload(r, &sourcing__health_response__descriptor);
    if (!h) {
        fprintf(stderr, "health_client: %s\n", err.message[0] ? err.message : "no health answer");
        srv_client_close(c);
        return 1;
    }
    printf("serving=%d\n", (int)h->serving);
    protobuf_c_message_free_unpacked(&h->base, NULL);
    srv_response_free(r);
    srv_client_close(c);
    return 0;
}
