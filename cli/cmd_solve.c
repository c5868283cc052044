/* Placeholder for `sourcing solve` until it is built. */
#include <stdio.h>

#include "commands.h"

int cmd_solve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sourcing solve: not built yet\n");
    return 2;
}
