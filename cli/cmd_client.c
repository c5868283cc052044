/* Placeholder for `sourcing client` until it is built. */
#include <stdio.h>

#include "commands.h"

int cmd_client(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sourcing client: not built yet\n");
    return 2;
}
