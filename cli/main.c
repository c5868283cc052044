/* `sourcing`: one executable, one subcommand per job; this file only dispatches. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "sourcing.h"

typedef struct Command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} Command;

static const Command COMMANDS[] = {
    {"solve", cmd_solve, "solve a batch file and print or write the plan"},
    {"check", cmd_check, "check a plan against its batch (feasibility and costs)"},
    {"report", cmd_report, "write an HTML page with charts about a plan"},
    {"explain", cmd_explain, "the tension report of a plan and why orders go where they go"},
    {"export", cmd_export, "write the batch's MIP as CPLEX LP or MPS"},
    {"gen", cmd_gen, "generate a random batch for benchmarks"},
    {"import-orlib", cmd_import_orlib, "convert an OR-Library cap* file into a batch"},
    {"serve", cmd_serve, "run the solver service (protobuf over TCP)"},
    {"client", cmd_client, "call a running server"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: sourcing COMMAND [ARGS]   (sourcing COMMAND --help for details)\n\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(out, "  %-13s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\nsourcing %s, GLPK %s\n", SRC_VERSION, src_glpk_version());
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("sourcing %s, GLPK %s\n", SRC_VERSION, src_glpk_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (!strcmp(argv[1], COMMANDS[i].name))
            return COMMANDS[i].run(argc - 1, argv + 1);
    fprintf(stderr, "sourcing: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
