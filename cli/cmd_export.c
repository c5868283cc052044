/* `sourcing export`: write a batch's MIP as CPLEX LP or MPS for other solvers. */
#include <stdio.h>

#include "args.h"
#include "commands.h"
#include "sourcing.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: sourcing export BATCH --lp OUT | --mps OUT\n"
                 "  writes the MIP that `sourcing solve` builds (CPLEX LP format, or free MPS)\n");
}

/* ARGS_CONTINUE, or the exit code. */
static int parse_args(int argc, char **argv, const char **batch, const char **out, SrcModelFormat *format)
{
    static const struct option options[] = {
        {"lp", required_argument, 0, 'l'}, {"mps", required_argument, 0, 'm'}, {0, 0, 0, 0}};
    Args a;
    args_start(&a, "sourcing export", usage, options, "", argc, argv);
    int flag, outputs = 0;
    while ((flag = args_next(&a)) > 0) {
        *out = a.value;
        *format = flag == 'l' ? SRC_FORMAT_LP : SRC_FORMAT_MPS;
        outputs++;
    }
    if (args_positionals(&a, 1, 1) < 0)
        return a.exit_code;
    if (outputs != 1) {
        usage(stderr);
        return 2;
    }
    *batch = a.positionals[0];
    return ARGS_CONTINUE;
}

int cmd_export(int argc, char **argv)
{
    const char *batch_path = NULL, *out = NULL;
    SrcModelFormat format = SRC_FORMAT_LP;
    int rc = parse_args(argc, argv, &batch_path, &out, &format);
    if (rc != ARGS_CONTINUE)
        return rc;
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_read_batch(batch_path, &err);
    rc = 0;
    if (!batch)
        rc = 2;
    else if (src_export_model(batch, out, format, &err))
        rc = err.message[0] && batch ? 2 : 1;
    if (rc)
        fprintf(stderr, "sourcing export: %s\n", err.message);
    src_batch_free(batch);
    return rc;
}
