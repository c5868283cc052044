/* `sourcing check BATCH PLAN [--quiet]`: checks a plan against its batch with the independent
 * checker (solver/checker.h). Exit 0 and a cost summary when the plan holds, 1 and one violation
 * per line on stdout when it does not, 2 for usage errors and unreadable or invalid files. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "batch_io.h"
#include "checker.h"
#include "commands.h"
#include "validate.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing check BATCH PLAN [--quiet]\n"
            "  Recomputes the plan's feasibility and every cost term from the batch alone.\n"
            "  BATCH and PLAN are JSON files, or binary protobuf if the name ends in .pb ('-' = stdin).\n"
            "  Prints \"plan OK: total cost ...\" and exits 0 when every constraint holds and every\n"
            "  number the plan reports agrees within 1e-6 relative; otherwise prints one violation\n"
            "  per line and exits 1. Unreadable files, an invalid batch or bad usage exit 2.\n"
            "  --quiet   print nothing on stdout; the exit status tells\n");
}

/* The two file names and the --quiet flag; ARGS_CONTINUE, or the exit code. */
static int parse_args(int argc, char **argv, const char **batch, const char **plan, int *quiet)
{
    static const struct option options[] = {{"quiet", no_argument, 0, 'q'}, {0, 0, 0, 0}};
    Args a;
    args_start(&a, "sourcing check", usage, options, "q", argc, argv);
    while (args_next(&a) > 0)
        *quiet = 1;
    if (args_positionals(&a, 2, 2) < 0)
        return a.exit_code;
    *batch = a.positionals[0];
    *plan = a.positionals[1];
    return ARGS_CONTINUE;
}

static void print_report(const SrcCheckReport *r, size_t violations, int quiet)
{
    if (quiet)
        return;
    if (violations == 0) {
        printf("plan OK: total cost %.12g (shipping %.12g, handling %.12g, activation %.12g, split %.12g, "
               "unfilled %.12g)\n", r->total, r->shipping, r->handling, r->activation, r->split, r->unfilled);
        return;
    }
    for (size_t i = 0; i < r->n_violations; i++)
        printf("%s\n", r->violations[i]);
    fprintf(stderr, "sourcing check: %zu violation%s; recomputed total cost %.12g\n", violations,
            violations == 1 ? "" : "s", r->total);
}

/* Reads and validates the batch, reads the plan, checks; the exit code. */
static int check_files(const char *batch_path, const char *plan_path, int quiet)
{
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_read_batch(batch_path, &err);
    if (!batch) {
        fprintf(stderr, "sourcing check: %s\n", err.message);
        return 2;
    }
    if (src_validate_batch(batch, &err)) {
        fprintf(stderr, "sourcing check: %s: invalid batch: %s\n", batch_path, err.message);
        src_batch_free(batch);
        return 2;
    }
    Sourcing__Plan *plan = src_read_plan(plan_path, &err);
    if (!plan) {
        fprintf(stderr, "sourcing check: %s\n", err.message);
        src_batch_free(batch);
        return 2;
    }
    SrcCheckReport report;
    size_t violations = src_check_plan(batch, plan, &report);
    print_report(&report, violations, quiet);
    src_check_report_free(&report);
    src_plan_free(plan);
    src_batch_free(batch);
    return violations ? 1 : 0;
}

int cmd_check(int argc, char **argv)
{
    const char *batch = NULL, *plan = NULL;
    int quiet = 0;
    int rc = parse_args(argc, argv, &batch, &plan, &quiet);
    if (rc != ARGS_CONTINUE)
        return rc;
    if (!strcmp(batch, "-") && !strcmp(plan, "-")) {
        fprintf(stderr, "sourcing check: only one of BATCH and PLAN can be stdin\n");
        return 2;
    }
    return check_files(batch, plan, quiet);
}
