/* Placeholder for `sourcing export` until it is built. */
#include <stdio.h>

#include "commands.h"

int cmd_export(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sourcing export: not built yet\n");
    return 2;
}
