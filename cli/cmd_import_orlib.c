/* `sourcing import-orlib FILE [--capacity N] [--out BATCH]`: an OR-Library cap* file as a batch
 * (JSON on stdout, or to BATCH: binary protobuf if its name ends in .pb). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "commands.h"
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

/* Parses a whole number > 0; 0 when it is not one. */
static long long parse_positive(const char *text)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    return end != text && !*end && !errno && v > 0 ? v : 0;
}

int cmd_import_orlib(int argc, char **argv)
{
    const char *in = NULL, *out = "-";
    long long capacity = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--capacity") && i + 1 < argc) {
            capacity = parse_positive(argv[++i]);
            if (!capacity) {
                fprintf(stderr, "sourcing import-orlib: --capacity wants a whole number > 0, not '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
            out = argv[++i];
        } else if (argv[i][0] != '-' || !strcmp(argv[i], "-")) {
            if (in) {
                fprintf(stderr, "sourcing import-orlib: one input file only ('%s' and '%s')\n", in, argv[i]);
                return 2;
            }
            in = argv[i];
        } else {
            fprintf(stderr, "sourcing import-orlib: unknown or incomplete option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (!in) {
        usage(stderr);
        return 2;
    }
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_orlib_read(in, capacity, &err);
    if (!batch) {
        fprintf(stderr, "sourcing import-orlib: %s\n", err.message);
        return 2;
    }
    int rc = src_write_message(out, &batch->base, &err);
    if (rc)
        fprintf(stderr, "sourcing import-orlib: %s\n", err.message);
    src_batch_free(batch);
    return rc ? 1 : 0;
}
