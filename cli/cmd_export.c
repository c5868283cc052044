/* `sourcing export`: write a batch's MIP as CPLEX LP or MPS for other solvers. */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "sourcing.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: sourcing export BATCH --lp OUT | --mps OUT\n"
                 "  writes the MIP that `sourcing solve` builds (CPLEX LP format, or free MPS)\n");
}

int cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"lp", required_argument, 0, 'l'}, {"mps", required_argument, 0, 'm'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *out = NULL;
    SrcModelFormat format = SRC_FORMAT_LP;
    int ch, outputs = 0;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "l:m:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'l': out = optarg; format = SRC_FORMAT_LP; outputs++; break;
        case 'm': out = optarg; format = SRC_FORMAT_MPS; outputs++; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc - 1 || outputs != 1) {
        usage(stderr);
        return 2;
    }
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_read_batch(argv[optind], &err);
    int rc = 0;
    if (!batch)
        rc = 2;
    else if (src_export_model(batch, out, format, &err))
        rc = err.message[0] && batch ? 2 : 1;
    if (rc)
        fprintf(stderr, "sourcing export: %s\n", err.message);
    src_batch_free(batch);
    return rc;
}
