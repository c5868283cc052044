/* Placeholder for `sourcing check` until it is built. */
#include <stdio.h>

#include "commands.h"

int cmd_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sourcing check: not built yet\n");
    return 2;
}
