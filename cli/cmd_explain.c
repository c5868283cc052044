/* `sourcing explain BATCH PLAN [ORDER_ID|all ...]`: the tension report and explanations of a plan
 * made before (by `sourcing solve --plan`, the service, or another tool), without solving again:
 * the plan must pass the checker. Prints them as `solve` does, or the plan with them as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "batch_io.h"
#include "commands.h"
#include "sourcing.h"
#include "tension_print.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing explain BATCH PLAN [ORDER_ID|all ...] [--tension-threshold U] [--price-alert P]\n"
            "                        [--time-limit SEC] [--json]\n"
            "  The tension report of PLAN (resources under tension, their shadow prices, unfilled skus\n"
            "  and their causes, alerts) and why each ORDER_ID goes where it goes (all: every order).\n"
            "  PLAN must pass `sourcing check` for BATCH; nothing is solved again.\n"
            "  --tension-threshold U  list resources used to at least U of capacity (0 < U <= 1; default 0.9)\n"
            "  --price-alert P  alert on shadow prices of at least P (default: any above 0)\n"
            "  --time-limit SEC time for the shadow prices' LP (default: the batch's, else 10 s)\n"
            "  --json           print the plan with its tension report and explanations as JSON\n"
            "exit: 0 done, 2 bad usage, an invalid batch or a plan that does not hold, 1 a fault\n");
}

typedef struct ExplainArgs {
    const char *batch, *plan;
    int json;
    SrcOptions options;
} ExplainArgs;

static int parse_args(int argc, char **argv, ExplainArgs *args)
{
    static const struct option options[] = {
        {"tension-threshold", required_argument, 0, 'T'}, {"price-alert", required_argument, 0, 'A'},
        {"time-limit", required_argument, 0, 't'},        {"json", no_argument, 0, 'j'},
        {0, 0, 0, 0}};
    src_options_init(&args->options);
    Args a;
    args_start(&a, "sourcing explain", usage, options, "t:j", argc, argv);
    int flag;
    while ((flag = args_next(&a)) > 0) {
        switch (flag) {
        case 'T': args_double(&a, 1e-6, 1, &args->options.tension_threshold); break;
        case 'A': args_double(&a, 0, 1e12, &args->options.price_alert); break;
        case 't': args_double(&a, 0.001, SRC_MAX_TIME_LIMIT, &args->options.time_limit); break;
        case 'j': args->json = 1; break;
        }
    }
    int n = args_positionals(&a, 2, argc);
    if (n < 2)
        return a.exit_code;
    args->batch = a.positionals[0];
    args->plan = a.positionals[1];
    args->options.explain = (const char *const *)a.positionals + 2;
    args->options.n_explain = (size_t)n - 2;
    return a.exit_code;
}

static int explain_files(const ExplainArgs *args)
{
    SrcError err = {{0}};
    Sourcing__Batch *batch = src_read_batch(args->batch, &err);
    Sourcing__Plan *plan = batch ? src_read_plan(args->plan, &err) : NULL;
    int rc = 2;
    if (plan) {
        SrcResult result = src_explain_plan(batch, plan, &args->options, &err);
        rc = result == SRC_OK ? 0 : result == SRC_INVALID ? 2 : 1;
    }
    if (rc) {
        fprintf(stderr, "sourcing explain: %s\n", err.message);
    } else if (args->json) {
        rc = src_write_message("-", &plan->base, &err) ? 1 : 0;
    } else {
        for (size_t i = 0; i < plan->n_warnings; i++)
            if (!strncmp(plan->warnings[i], "explanations:", strlen("explanations:")))
                printf("warning:      %s\n", plan->warnings[i]);
        tension_print(stdout, plan);
        explanations_print(stdout, plan);
    }
    src_plan_free(plan);
    src_batch_free(batch);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    ExplainArgs args = {0};
    int rc = parse_args(argc, argv, &args);
    if (rc != ARGS_CONTINUE)
        return rc;
    return explain_files(&args);
}
