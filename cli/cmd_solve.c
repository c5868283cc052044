/* `sourcing solve`: solve a batch file; print a summary, or the plan as JSON, and write it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "interrupt.h"
#include "output_path.h"
#include "plan_csv.h"
#include "plan_print.h"
#include "progress_line.h"
#include "sourcing.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing solve BATCH [--time-limit SEC] [--strategy auto|mip|greedy] [--gap G]\n"
            "                      [--plan OUT] [--json] [--csv OUT] [--shipments-csv OUT] [--log OUT]\n"
            "                      [--baseline-plan OUT] [--quiet]\n"
            "                      [--tension-threshold U] [--price-alert P] [--explain ORDER_ID|all ...]\n"
            "  BATCH            problem file: JSON (proto field names or lowerCamelCase) or binary\n"
            "                   protobuf (.pb); - is stdin\n"
            "  --time-limit SEC budget for the whole solve, model building included, more than 0 and\n"
            "                   at most %.0f (default: the batch's options.time_limit, else %.0f s)\n"
            "  --strategy S     auto (greedy, local search, then the MIP), mip, or greedy (+ local search)\n"
            "  --gap G          stop the MIP at this relative gap, 0 to 1 (default 0: prove optimality)\n"
            "  --plan OUT       write the plan (JSON, or binary if OUT ends in .pb)\n"
            "  --json           print the plan as JSON on stdout instead of the summary\n"
            "  --csv OUT        one row per order line shipped or unfilled, with its own costs\n"
            "  --shipments-csv OUT  one row per shipment, with the shipment's costs\n"
            "  --log OUT        one CSV row per improvement of the plan or the bound: seconds, phase,\n"
            "                   cost, bound, gap\n"
            "  --baseline-plan OUT  write the rules baseline's own plan (for sourcing check)\n"
            "  --quiet          no live progress line on stderr (it is drawn only on a terminal)\n"
            "  --tension-threshold U  list resources used to at least U of their capacity, more\n"
            "                   than 0 and at most 1 (default: the batch's, else 0.9)\n"
            "  --price-alert P  alert on resources whose shadow price is at least P (default: the\n"
            "                   batch's, else any price above 0)\n"
            "  --explain ID     explain why the order goes where it goes (repeatable; all: every order)\n"
            "Output paths are checked before the solve. Ctrl-C (SIGINT) or SIGTERM stops the search\n"
            "and writes the best plan so far, its message saying so, then ends by that signal; a\n"
            "second signal quits at once.\n"
            "exit: 0 a plan was produced, 2 bad usage or invalid batch, 1 a solver fault or an output\n"
            "that could not be written; 130 (SIGINT) or 143 (SIGTERM) when interrupted\n",
            SRC_MAX_TIME_LIMIT, SRC_DEFAULT_TIME_LIMIT);
}

/* The shortest --time-limit: 0 is refused rather than taken for "the default". */
#define MIN_TIME_LIMIT 0.001
/* The lowest --tension-threshold: 0 would list every resource, used or not. */
#define MIN_TENSION_THRESHOLD 1e-6

typedef struct SolveArgs {
    const char *batch, *plan, *csv, *shipments_csv, *log, *baseline_plan;
    int json, quiet;
    SrcOptions options;
    const char **explain;       /* the --explain values (argv's strings) */
} SolveArgs;

/* ARGS_CONTINUE, or the exit code. */
static int parse_args(int argc, char **argv, SolveArgs *args)
{
    static const struct option options[] = {
        {"time-limit", required_argument, 0, 't'}, {"strategy", required_argument, 0, 's'},
        {"gap", required_argument, 0, 'g'},        {"plan", required_argument, 0, 'p'},
        {"json", no_argument, 0, 'j'},             {"csv", required_argument, 0, 'c'},
        {"quiet", no_argument, 0, 'q'},            {"shipments-csv", required_argument, 0, 'S'},
        {"log", required_argument, 0, 'L'},        {"baseline-plan", required_argument, 0, 'B'},
        {"tension-threshold", required_argument, 0, 'T'}, {"price-alert", required_argument, 0, 'A'},
        {"explain", required_argument, 0, 'E'},
        {0, 0, 0, 0}};
    src_options_init(&args->options);
    args->explain = calloc((size_t)argc + 1, sizeof *args->explain);  /* at most one per argument */
    if (!args->explain) {
        fprintf(stderr, "sourcing solve: out of memory\n");
        return 1;
    }
    args->options.explain = args->explain;
    Args a;
    args_start(&a, "sourcing solve", usage, options, "t:s:g:p:jc:q", argc, argv);
    int flag;
    while ((flag = args_next(&a)) > 0) {
        switch (flag) {
        /* 0 is refused rather than read as "the default": a flag that says 0 means something */
        case 't': args_double(&a, MIN_TIME_LIMIT, SRC_MAX_TIME_LIMIT, &args->options.time_limit); break;
        case 'g': args_double(&a, 0, 1, &args->options.gap); break;
        case 's': args_choice(&a, src_strategy_names(), &args->options.strategy); break;
        case 'p': args->plan = a.value; break;
        case 'j': args->json = 1; break;
        case 'c': args->csv = a.value; break;
        case 'S': args->shipments_csv = a.value; break;
        case 'L': args->log = a.value; break;
        case 'B': args->baseline_plan = a.value; break;
        case 'q': args->quiet = 1; break;
        case 'T': args_double(&a, MIN_TENSION_THRESHOLD, 1, &args->options.tension_threshold); break;
        case 'A': args_double(&a, 0, 1e12, &args->options.price_alert); break;
        case 'E': args->explain[args->options.n_explain++] = a.value; break;
        }
    }
    if (args_positionals(&a, 1, 1) == 1)
        args->batch = a.positionals[0];
    return a.exit_code;
}

/* 0 when every output file named can be written, else says which cannot. */
static int check_outputs(const SolveArgs *args)
{
    const char *paths[] = {args->plan, args->csv, args->shipments_csv, args->log, args->baseline_plan};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        SrcError err = {{0}};
        if (paths[i] && output_path_check(paths[i], &err)) {
            fprintf(stderr, "sourcing solve: %s\n", err.message);
            return -1;
        }
    }
    return 0;
}

/* The rules baseline's own plan, which `sourcing check` verifies like any other. */
static int write_baseline_plan(const char *path, const Sourcing__Batch *batch)
{
    SrcError err = {{0}};
    Sourcing__Plan *rules = NULL;
    int rc = src_baseline(batch, &rules, &err) != SRC_OK || src_write_message(path, &rules->base, &err);
    if (rc)
        fprintf(stderr, "sourcing solve: %s\n", err.message);
    src_plan_free(rules);
    return rc;
}

static int write_outputs(const SolveArgs *args, const Sourcing__Batch *batch, const Sourcing__Plan *plan)
{
    SrcError err = {{0}};
    if (args->plan && src_write_message(args->plan, &plan->base, &err)) {
        fprintf(stderr, "sourcing solve: %s\n", err.message);
        return 1;
    }
    if (args->baseline_plan && write_baseline_plan(args->baseline_plan, batch))
        return 1;
    if (args->csv && plan_write_lines_csv(args->csv, batch, plan, &err)) {
        fprintf(stderr, "sourcing solve: %s\n", err.message);
        return 1;
    }
    if (args->shipments_csv && plan_write_shipments_csv(args->shipments_csv, batch, plan, &err)) {
        fprintf(stderr, "sourcing solve: %s\n", err.message);
        return 1;
    }
    if (args->json)
        return src_write_message("-", &plan->base, &err) ? 1 : 0;
    plan_print_summary(stdout, batch, plan);
    return 0;
}

/* The plan of an interrupted solve says so, in the file as on the terminal. */
static void mark_interrupted(Sourcing__Plan *plan)
{
    char text[320];
    /* the library's own word for it ("cancelled: ...") says less than this one */
    if (plan->message && !strncmp(plan->message, "cancelled", strlen("cancelled")))
        plan->message[0] = '\0';
    snprintf(text, sizeof text, "interrupted by %s: the best plan found until then%s%s", interrupt_signal_name(),
             plan->message && plan->message[0] ? "; " : "", plan->message ? plan->message : "");
    char *copy = strdup(text);
    if (!copy)
        return;
    free(plan->message);
    plan->message = copy;
}

/* The plan's statistics name the options in force; the library knows the batch's, the flags
 * override them here. */
static void note_options_in_force(Sourcing__Plan *plan, const Sourcing__Batch *batch, const SrcOptions *options)
{
    Sourcing__Statistics *st = plan->statistics;
    if (!st)
        return;
    st->has_time_limit = 1;
    st->time_limit = src_time_limit(batch, options);
    if (options->gap >= 0) {
        st->has_gap = 1;
        st->gap = options->gap;
    }
    char *strategy = options->strategy ? strdup(options->strategy) : NULL;
    if (strategy) {
        free(st->strategy);
        st->strategy = strategy;
    }
}

static int solve_and_write(SolveArgs *args, Sourcing__Batch *batch, double started);

int cmd_solve(int argc, char **argv)
{
    SolveArgs args = {0};
    int rc = parse_args(argc, argv, &args);
    if (rc == ARGS_CONTINUE && check_outputs(&args))
        rc = 2;
    if (rc != ARGS_CONTINUE) {
        free(args.explain);
        return rc;
    }
    interrupt_catch("stopping the search; the best plan so far will be written");
    args.options.cancel = interrupt_flag();
    SrcError err = {{0}};
    double started = src_monotonic_now();
    Sourcing__Batch *batch = src_read_batch(args.batch, &err);
    if (!batch) {
        fprintf(stderr, "sourcing solve: %s\n", err.message);
        free(args.explain);
        interrupt_finish();
        return 2;
    }
    rc = solve_and_write(&args, batch, started);
    free(args.explain);
    src_batch_free(batch);
    interrupt_finish();
    return rc;
}

static int solve_and_write(SolveArgs *args, Sourcing__Batch *batch, double started)
{
    SrcError err = {{0}};
    /* the time limit covers reading the batch and writing the plan too: writing takes at most
     * about as long as reading did */
    double reading = src_monotonic_now() - started;
    args->options.deadline = started + src_time_limit(batch, &args->options) - reading - 0.02;
    ProgressSink sink = {.show_line = !args->quiet && isatty(STDERR_FILENO)};
    /* The log alone is a plain stream, not an atomic file (out_file.h): it is written while the
     * solve runs, so that it can be followed live, and a cut log is still whole rows of
     * improvements up to the cut (each row ends in a newline), not a wrong answer. */
    if (args->log && !(sink.log = fopen(args->log, "w"))) {
        fprintf(stderr, "sourcing solve: %s: cannot write the log\n", args->log);
        return 1;
    }
    if (sink.show_line || sink.log) {
        args->options.progress = progress_line_report;
        args->options.progress_ctx = &sink;
    }
    Sourcing__Plan *plan = NULL;
    SrcResult result = src_solve(batch, &args->options, &plan, &err);
    progress_line_clear(&sink);
    if (sink.log && fclose(sink.log)) {
        fprintf(stderr, "sourcing solve: %s: writing the log failed\n", args->log);
        result = result == SRC_OK ? SRC_INTERNAL : result;
    }
    int rc;
    if (result == SRC_CANCELLED) {
        fprintf(stderr, "sourcing solve: interrupted by %s before the search began: no plan to write\n",
                interrupt_signal_name());
        rc = 1;
    } else if (result == SRC_INVALID) {
        fprintf(stderr, "sourcing solve: %s: %s\n", args->batch, err.message);
        rc = 2;
    } else if (result != SRC_OK) {
        fprintf(stderr, "sourcing solve: %s: %s\n", args->batch, err.message);
        rc = 1;
    } else {
        note_options_in_force(plan, batch, &args->options);
        if (interrupt_signal())
            mark_interrupted(plan);
        rc = write_outputs(args, batch, plan);
    }
    src_plan_free(plan);
    return rc;
}
