/* `sourcing import-orlib FILE [--capacity N] [--out BATCH]`: an OR-Library cap* file as a batch
 * (JSON on stdout, or to BATCH: binary protobuf if its name ends in .pb). */
#include <stdint.h>
#include <stdio.h>

#include "args.h"
#include "commands.h"
#include "made_batch.h"
#include "orlib.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing import-orlib FILE [--capacity N] [--out BATCH]\n"
            "  Converts an OR-Library capacitated warehouse location file (cap41.txt ...) into a\n"
            "  batch: warehouses w1..wm become nodes, customers c1..cn one-line orders.\n"
            "  --capacity N  the capacity to use where the file says 'capacity' (capa.txt, capb.txt,\n"
            "                capc.txt: 8000, 10000, 12000 or 14000 for capa)\n"
            "  --out BATCH   write there instead of stdout (binary protobuf if it ends in .pb)\n");
}

/* ARGS_CONTINUE, or the exit code. */
static int parse_args(int argc, char **argv, const char **in, int64_t *capacity, const char **out)
{
    static const struct option options[] = {
        {"capacity", required_argument, 0, 'c'}, {"out", required_argument, 0, 'o'}, {0, 0, 0, 0}};
    Args a;
    args_start(&a, "sourcing import-orlib", usage, options, "", argc, argv);
    int flag;
    while ((flag = args_next(&a)) > 0) {
        switch (flag) {
        case 'c': args_int64(&a, 1, INT64_MAX, capacity); break;
        case 'o': *out = a.value; break;
        }
    }
    if (args_positionals(&a, 1, 1) == 1)
        *in = a.positionals[0];
    return a.exit_code;
}

int cmd_import_orlib(int argc, char **argv)
{
    const char *in = NULL, *out = "-";
    int64_t capacity = 0;   /* none: the file must give every capacity */
    int rc = parse_args(argc, argv, &in, &capacity, &out);
    if (rc != ARGS_CONTINUE)
        return rc;
    SrcError err = {{0}};
    return write_made_batch("sourcing import-orlib", src_orlib_read(in, capacity, &err), &err, out);
}
