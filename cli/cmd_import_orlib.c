/* Placeholder for `sourcing import-orlib` until it is built. */
#include <stdio.h>

#include "commands.h"

int cmd_import_orlib(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "sourcing import-orlib: not built yet\n");
    return 2;
}
