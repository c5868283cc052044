/* `sourcing gen --orders N --nodes M [--skus K] [--carriers C] --seed S [--out FILE]`: a random
 * batch (JSON on stdout, or to FILE: binary protobuf if its name ends in .pb). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_io.h"
#include "commands.h"
#include "generate.h"
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

/* Parses a whole number >= min into *out; -1 when it is not one. */
static int parse_count(const char *text, unsigned long long min, unsigned long long *out)
{
    char *end = NULL;
    errno = 0;
    if (text[0] == '-')
        return -1;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text || *end || errno || v < min)
        return -1;
    *out = v;
    return 0;
}

/* Reads the value of option name into *out (a seed may be 0, a size may not); 2 (usage error)
 * on failure, else 0. */
static int option_value(const char *name, const char *text, unsigned long long *out)
{
    unsigned long long min = strcmp(name, "--seed") ? 1 : 0;
    if (parse_count(text, min, out)) {
        fprintf(stderr, "sourcing gen: %s wants a whole number >= %llu, not '%s'\n", name, min, text);
        return 2;
    }
    return 0;
}

static int parse_args(int argc, char **argv, SrcGenParams *p, const char **out, int *seen_seed)
{
    unsigned long long v = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--out") && i + 1 < argc) {
            *out = argv[++i];
            continue;
        }
        if (i + 1 >= argc || (strcmp(a, "--orders") && strcmp(a, "--nodes") && strcmp(a, "--skus") &&
                              strcmp(a, "--carriers") && strcmp(a, "--seed"))) {
            fprintf(stderr, "sourcing gen: unknown or incomplete option '%s'\n", a);
            return 2;
        }
        if (option_value(a, argv[++i], &v))
            return 2;
        if (!strcmp(a, "--seed")) {
            p->seed = v;
            *seen_seed = 1;
            continue;
        }
        int64_t clipped = v > (unsigned long long)INT64_MAX ? INT64_MAX : (int64_t)v;
        if (!strcmp(a, "--orders"))
            p->orders = clipped;
        else if (!strcmp(a, "--nodes"))
            p->nodes = clipped;
        else if (!strcmp(a, "--skus"))
            p->skus = clipped;
        else
            p->carriers = clipped;
    }
    return 0;
}

int cmd_gen(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
    SrcGenParams params = {0};   /* sizes stay 0 until given (a given size is >= 1) */
    const char *out = "-";
    int seen_seed = 0;
    if (parse_args(argc, argv, &params, &out, &seen_seed)) {
        usage(stderr);
        return 2;
    }
    if (!params.orders || !params.nodes || !seen_seed) {
        fprintf(stderr, "sourcing gen: --orders, --nodes and --seed are required\n");
        usage(stderr);
        return 2;
    }
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_generate(&params, &err);
    if (!batch) {
        fprintf(stderr, "sourcing gen: %s\n", err.message);
        return 2;
    }
    int rc = src_write_message(out, &batch->base, &err);
    if (rc)
        fprintf(stderr, "sourcing gen: %s\n", err.message);
    src_batch_free(batch);
    return rc ? 1 : 0;
}
