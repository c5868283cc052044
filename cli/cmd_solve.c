/* `sourcing solve`: solve a batch file; print a summary, or the plan as JSON, and write it. */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "plan_print.h"
#include "sourcing.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing solve BATCH [--time-limit SEC] [--strategy auto|mip|greedy] [--gap G]\n"
            "                      [--plan OUT] [--json] [--csv OUT] [--quiet]\n"
            "  BATCH            problem file: JSON (proto field names) or binary protobuf (.pb); - is stdin\n"
            "  --time-limit SEC budget for the whole solve, model building included (default: the\n"
            "                   batch's options.time_limit, else %.0f s)\n"
            "  --strategy S     auto (greedy, local search, then the MIP), mip, or greedy (+ local search)\n"
            "  --gap G          stop the MIP at this relative gap (default 0: prove optimality)\n"
            "  --plan OUT       write the plan (JSON, or binary if OUT ends in .pb)\n"
            "  --json           print the plan as JSON on stdout instead of the summary\n"
            "  --csv OUT        write one row per shipped order line, for a spreadsheet\n"
            "  --quiet          no live progress line on stderr\n"
            "exit: 0 a plan was produced, 2 bad usage or invalid batch, 1 a solver fault\n",
            SRC_DEFAULT_TIME_LIMIT);
}

typedef struct SolveArgs {
    const char *batch, *plan, *csv;
    int json, quiet;
    SrcOptions options;
} SolveArgs;

/* ARGS_CONTINUE, or the exit code. */
static int parse_args(int argc, char **argv, SolveArgs *args)
{
    static const struct option options[] = {
        {"time-limit", required_argument, 0, 't'}, {"strategy", required_argument, 0, 's'},
        {"gap", required_argument, 0, 'g'},        {"plan", required_argument, 0, 'p'},
        {"json", no_argument, 0, 'j'},             {"csv", required_argument, 0, 'c'},
        {"quiet", no_argument, 0, 'q'},            {0, 0, 0, 0}};
    src_options_init(&args->options);
    Args a;
    args_start(&a, "sourcing solve", usage, options, "t:s:g:p:jc:q", argc, argv);
    int flag;
    while ((flag = args_next(&a)) > 0) {
        switch (flag) {
        case 't': args_double(&a, 0, INFINITY, &args->options.time_limit); break;
        case 'g': args_double(&a, 0, INFINITY, &args->options.gap); break;
        case 's': args->options.strategy = a.value; break;
        case 'p': args->plan = a.value; break;
        case 'j': args->json = 1; break;
        case 'c': args->csv = a.value; break;
        case 'q': args->quiet = 1; break;
        }
    }
    if (args_positionals(&a, 1, 1) == 1)
        args->batch = a.positionals[0];
    return a.exit_code;
}

static void show_progress(const SrcProgress *pr, void *ctx)
{
    (void)ctx;
    if (pr->elapsed < 1.0)
        return;
    fprintf(stderr, "\r%7.1fs  best %s", pr->elapsed, pr->has_incumbent ? "" : "-");
    if (pr->has_incumbent)
        fprintf(stderr, "%.2f", pr->incumbent);
    if (pr->has_bound)
        fprintf(stderr, "  bound %.2f", pr->bound);
    if (pr->has_incumbent && pr->has_bound)
        fprintf(stderr, "  gap %.2f%%", 100 * pr->gap);
    fprintf(stderr, "   ");
    fflush(stderr);
}

static int write_outputs(const SolveArgs *args, const Sourcing__Batch *batch, const Sourcing__Plan *plan)
{
    SrcError err = {{0}};
    if (args->plan && src_write_message(args->plan, &plan->base, &err)) {
        fprintf(stderr, "sourcing solve: %s\n", err.message);
        return 1;
    }
    if (args->csv && plan_write_csv(args->csv, batch, plan, &err)) {
        fprintf(stderr, "sourcing solve: %s\n", err.message);
        return 1;
    }
    if (args->json)
        return src_write_message("-", &plan->base, &err) ? 1 : 0;
    plan_print_summary(stdout, batch, plan);
    return 0;
}

int cmd_solve(int argc, char **argv)
{
    SolveArgs args = {0};
    int rc = parse_args(argc, argv, &args);
    if (rc != ARGS_CONTINUE)
        return rc;
    SrcError err = {{0}};
    double started = src_monotonic_now();
    Sourcing__Batch *batch = src_read_batch(args.batch, &err);
    if (!batch) {
        fprintf(stderr, "sourcing solve: %s\n", err.message);
        return 2;
    }
    /* the time limit covers reading the batch and writing the plan too: writing takes at most
     * about as long as reading did */
    double reading = src_monotonic_now() - started;
    args.options.deadline = started + src_time_limit(batch, &args.options) - reading - 0.02;
    int progress = !args.quiet && isatty(STDERR_FILENO);
    if (progress)
        args.options.progress = show_progress;
    Sourcing__Plan *plan = NULL;
    SrcResult result = src_solve(batch, &args.options, &plan, &err);
    if (progress)
        fprintf(stderr, "\r%60s\r", "");
    if (result == SRC_INVALID) {
        fprintf(stderr, "sourcing solve: %s: %s\n", args.batch, err.message);
        rc = 2;
    } else if (result != SRC_OK) {
        fprintf(stderr, "sourcing solve: %s: %s\n", args.batch, err.message);
        rc = 1;
    } else {
        rc = write_outputs(&args, batch, plan);
    }
    src_plan_free(plan);
    src_batch_free(batch);
    return rc;
}
