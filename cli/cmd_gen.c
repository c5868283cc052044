/* Placeholder for `sourcing gen` until it is built. */
#include <stdio.h>

#include "commands.h"

int cmd_gen(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sourcing gen: not built yet\n");
    return 2;
}
