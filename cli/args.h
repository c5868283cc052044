/* The one way the subcommands read their arguments: getopt_long driven the same way everywhere,
 * --help/-h, unknown flags, missing values and positional counts handled once, and one family of
 * flag-value parsers with range checks whose messages name the flag. */
#ifndef SRC_ARGS_H
#define SRC_ARGS_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What a subcommand's parsing returns: carry on, or exit now with the exit code it returns
 * instead (0 after --help, 2 after bad usage). */
#define ARGS_CONTINUE (-1)
#define ARGS_MAX_OPTIONS 32

typedef struct Args {
    const char *command;            /* "sourcing solve": the start of every message */
    void (*usage)(FILE *out);
    int argc;
    char **argv;
    struct option options[ARGS_MAX_OPTIONS + 2];   /* the command's, --help, the end */
    char short_options[2 * ARGS_MAX_OPTIONS + 3];  /* ":", the command's, "h" */
    int flag;                       /* the current flag's val */
    const char *value;              /* the current flag's value; NULL for a switch */
    char **positionals;             /* set once args_next has returned 0 */
    int n_positionals;
    int exit_code;                  /* ARGS_CONTINUE until parsing must stop */
} Args;

/* Prepares to read argv[1..] for command. options ends with {0}; each val is a letter other than
 * 'h' and is what args_next returns for that flag; short_options lists the letters that also work
 * as one-letter flags ("q", "t:" ...; "" for none). --help and -h are added: wherever they stand
 * they print usage on stdout and the command exits 0, so args_start may already have stopped. */
void args_start(Args *a, const char *command, void (*usage)(FILE *out), const struct option *options,
                const char *short_options, int argc, char **argv);

/* The next flag's val (its value in a->value); 0 when the flags are done; -1 when the command must
 * stop with a->exit_code: after --help, an unknown flag, a missing value, or a bad value that one
 * of the parsers below reported. */
int args_next(Args *a);

/* The current flag's value as a number within min..max, into *out. 0, or -1 after saying on
 * stderr which flag wanted what (the command then stops at the next args_next, exit code 2). */
int args_int(Args *a, int min, int max, int *out);
int args_int64(Args *a, int64_t min, int64_t max, int64_t *out);
int args_uint64(Args *a, uint64_t min, uint64_t max, uint64_t *out);
int args_double(Args *a, double min, double max, double *out);
/* The current flag's value when it is one of names (NULL-terminated), into *out; refused (as
 * above) with the list of names otherwise. */
int args_choice(Args *a, const char *const *names, const char **out);
/* The current flag's value copied into dst; refused (as above) when it does not fit. */
int args_string(Args *a, char *dst, size_t size);

/* Once the flags are done: checks there are min..max positional arguments (a->positionals).
 * Too few: usage on stderr; too many: the first extra one named. Both exit 2. The count, or -1
 * when the command must stop (also when it had already). */
int args_positionals(Args *a, int min, int max);

#endif
