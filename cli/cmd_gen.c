/* `sourcing gen --orders N --nodes M [--skus K] [--carriers C] --seed S [--out FILE]`: a random
 * batch (JSON on stdout, or to FILE: binary protobuf if its name ends in .pb). */
#include <stdint.h>
#include <stdio.h>

#include "args.h"
#include "commands.h"
#include "generate.h"
#include "made_batch.h"
#include "validate.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing gen --orders N --nodes M [--skus K] [--carriers C] --seed S [--out FILE]\n"
            "  A random but realistic batch: a few DCs, drop-ship vendors and many stores, N orders.\n"
            "  The same arguments give the same batch on every machine.\n"
            "  --orders N     orders, 1..%d\n"
            "  --nodes M      nodes, 1..%d\n"
            "  --skus K       skus (default: orders/10, within 20..5000)\n"
            "  --carriers C   1..%d of ground, express, economy, freight (default 3)\n"
            "  --seed S       any whole number >= 0\n"
            "  --out FILE     write there instead of stdout (binary protobuf if it ends in .pb)\n",
            SRC_MAX_ORDERS, SRC_GEN_MAX_NODES, SRC_GEN_MAX_CARRIERS);
}

/* ARGS_CONTINUE, or the exit code. A size given is >= 1, so 0 still means "not given". */
static int parse_args(int argc, char **argv, SrcGenParams *p, const char **out)
{
    static const struct option options[] = {
        {"orders", required_argument, 0, 'o'}, {"nodes", required_argument, 0, 'n'},
        {"skus", required_argument, 0, 'k'},   {"carriers", required_argument, 0, 'c'},
        {"seed", required_argument, 0, 's'},   {"out", required_argument, 0, 'f'},
        {0, 0, 0, 0}};
    Args a;
    args_start(&a, "sourcing gen", usage, options, "", argc, argv);
    int flag, seen_seed = 0;
    while ((flag = args_next(&a)) > 0) {
        switch (flag) {
        case 'o': args_int64(&a, 1, INT64_MAX, &p->orders); break;
        case 'n': args_int64(&a, 1, INT64_MAX, &p->nodes); break;
        case 'k': args_int64(&a, 1, INT64_MAX, &p->skus); break;
        case 'c': args_int64(&a, 1, INT64_MAX, &p->carriers); break;
        case 's': args_uint64(&a, 0, UINT64_MAX, &p->seed); seen_seed = 1; break;
        case 'f': *out = a.value; break;
        }
    }
    if (args_positionals(&a, 0, 0) < 0)
        return a.exit_code;
    if (!p->orders || !p->nodes || !seen_seed) {
        fprintf(stderr, "sourcing gen: --orders, --nodes and --seed are required\n");
        usage(stderr);
        return 2;
    }
    return ARGS_CONTINUE;
}

int cmd_gen(int argc, char **argv)
{
    SrcGenParams params = {0};
    const char *out = "-";
    int rc = parse_args(argc, argv, &params, &out);
    if (rc != ARGS_CONTINUE)
        return rc;
    SrcError err = {{0}};
    return write_made_batch("sourcing gen", src_generate(&params, &err), &err, out);
}
