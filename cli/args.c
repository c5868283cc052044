/* The subcommands' argument reading (args.h): getopt_long, quiet, with our own messages. */
#include "args.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HELP 'h'

static const struct option *option_with_val(const Args *a, int val)
{
    for (const struct option *o = a->options; o->name; o++)
        if (o->val == val)
            return o;
    return NULL;
}

/* The long name of the flag with this val, so that a message reads the same whether the user
 * typed -t or --time-limit. */
static const char *flag_name(const Args *a, int val)
{
    const struct option *o = option_with_val(a, val);
    return o ? o->name : "?";
}

static void copy_options(Args *a, const struct option *options, const char *short_options)
{
    size_t n = 0;
    for (; options[n].name; n++) {
        assert(n < ARGS_MAX_OPTIONS && options[n].val != HELP);
        a->options[n] = options[n];
    }
    a->options[n] = (struct option){"help", no_argument, NULL, HELP};
    a->options[n + 1] = (struct option){0};
    assert(strlen(short_options) <= 2 * ARGS_MAX_OPTIONS);
    snprintf(a->short_options, sizeof a->short_options, ":%s%c", short_options, HELP);
}

/* getopt_long from argv[1] again, with its own messages off: ours name the command. optind 0
 * (not 1) makes glibc forget a half-read "-qt" and the permutation of an earlier pass too. */
static void rewind_getopt(void)
{
    optind = 0;
    opterr = 0;
}

/* --help wins wherever it stands, even after a bad flag, as the subcommands always allowed. This
 * pass reads a copy of argv: getopt_long reorders what it reads, and the reordering of a missing
 * value at the end ("BATCH --gap") would give the real pass a value that was never typed. */
static int asks_for_help(Args *a)
{
    size_t bytes = ((size_t)a->argc + 1) * sizeof *a->argv;   /* argv ends with NULL */
    char **copy = malloc(bytes);
    if (!copy)
        return 0;   /* then --help still works where no bad flag comes first */
    memcpy(copy, a->argv, bytes);
    rewind_getopt();
    int flag, help = 0;
    while (!help && (flag = getopt_long(a->argc, copy, a->short_options, a->options, NULL)) != -1)
        help = flag == HELP;
    free(copy);
    return help;
}

void args_start(Args *a, const char *command, void (*usage)(FILE *out), const struct option *options,
                const char *short_options, int argc, char **argv)
{
    *a = (Args){.command = command, .usage = usage, .argc = argc, .argv = argv, .exit_code = ARGS_CONTINUE};
    copy_options(a, options, short_options);
    if (asks_for_help(a)) {
        usage(stdout);
        a->exit_code = 0;
    }
    rewind_getopt();
}

static int stop(Args *a, int exit_code)
{
    a->exit_code = exit_code;
    return -1;
}

/* getopt_long said '?': an unknown flag, or a switch given a value (--json=x). glibc leaves
 * optopt 0 for an unknown long flag, and sets it to the letter or the val otherwise. */
static void say_unknown(const Args *a)
{
    const char *typed = a->argv[optind - 1];
    const struct option *o = optopt ? option_with_val(a, optopt) : NULL;
    if (o && o->has_arg == no_argument && !strncmp(typed, "--", 2) && strchr(typed, '='))
        fprintf(stderr, "%s: --%s takes no value (see %s --help)\n", a->command, o->name, a->command);
    else if (optopt)
        fprintf(stderr, "%s: unknown option '-%c' (see %s --help)\n", a->command, optopt, a->command);
    else
        fprintf(stderr, "%s: unknown option '%s' (see %s --help)\n", a->command, typed, a->command);
}

int args_next(Args *a)
{
    if (a->exit_code != ARGS_CONTINUE)
        return -1;
    int flag = getopt_long(a->argc, a->argv, a->short_options, a->options, NULL);
    if (flag == -1) {
        a->positionals = a->argv + optind;
        a->n_positionals = a->argc - optind;
        return 0;
    }
    if (flag == '?') {
        say_unknown(a);
        return stop(a, 2);
    }
    if (flag == ':') {
        fprintf(stderr, "%s: --%s needs a value (see %s --help)\n", a->command, flag_name(a, optopt), a->command);
        return stop(a, 2);
    }
    a->flag = flag;
    a->value = optarg;
    return flag;
}

/* Says that the current flag's value is not what it should be; parsing stops at args_next. */
static int refuse(Args *a, const char *expected)
{
    fprintf(stderr, "%s: --%s '%s': expected %s\n", a->command, flag_name(a, a->flag), a->value, expected);
    return stop(a, 2);
}

/* refuse for numbers, the one wording of a range: max NULL when the type's top is the limit. */
static int refuse_range(Args *a, const char *kind, const char *min, const char *max)
{
    char expected[128];
    if (max)
        snprintf(expected, sizeof expected, "%s from %s to %s", kind, min, max);
    else
        snprintf(expected, sizeof expected, "%s >= %s", kind, min);
    return refuse(a, expected);
}

/* Whether strto* read all of text, and no more than its type holds (errno ERANGE). */
static int read_all(const char *text, const char *end)
{
    return end != text && !*end && errno == 0;
}

int args_int64(Args *a, int64_t min, int64_t max, int64_t *out)
{
    char *end, low[24], high[24];
    errno = 0;
    long long v = strtoll(a->value, &end, 10);
    if (read_all(a->value, end) && v >= min && v <= max) {
        *out = (int64_t)v;
        return 0;
    }
    snprintf(low, sizeof low, "%" PRId64, min);
    snprintf(high, sizeof high, "%" PRId64, max);
    return refuse_range(a, "a whole number", low, max == INT64_MAX ? NULL : high);
}

int args_int(Args *a, int min, int max, int *out)
{
    int64_t v;
    if (args_int64(a, min, max, &v) < 0)
        return -1;
    *out = (int)v;
    return 0;
}

int args_uint64(Args *a, uint64_t min, uint64_t max, uint64_t *out)
{
    char *end, low[24], high[24];
    errno = 0;
    unsigned long long v = strtoull(a->value, &end, 10);
    /* strtoull takes "-1" for the largest number; no whole number >= 0 has a minus */
    if (read_all(a->value, end) && !strchr(a->value, '-') && v >= min && v <= max) {
        *out = (uint64_t)v;
        return 0;
    }
    snprintf(low, sizeof low, "%" PRIu64, min);
    snprintf(high, sizeof high, "%" PRIu64, max);
    return refuse_range(a, "a whole number", low, max == UINT64_MAX ? NULL : high);
}

/* Unlike the whole numbers, ERANGE is let pass: "1e999" reads as infinity and a tiny value as 0,
 * as `sourcing solve` has always taken them; the range then decides. */
int args_double(Args *a, double min, double max, double *out)
{
    char *end, low[32], high[32];
    double v = strtod(a->value, &end);
    if (end != a->value && !*end && v >= min && v <= max) {   /* NaN fails the comparisons */
        *out = v;
        return 0;
    }
    snprintf(low, sizeof low, "%g", min);
    snprintf(high, sizeof high, "%g", max);
    return refuse_range(a, "a number", low, isinf(max) ? NULL : high);
}

int args_choice(Args *a, const char *const *names, const char **out)
{
    char expected[160];
    size_t used = (size_t)snprintf(expected, sizeof expected, "one of");
    for (const char *const *n = names; *n; n++) {
        if (!strcmp(*n, a->value)) {
            *out = *n;
            return 0;
        }
        if (used < sizeof expected)
            used += (size_t)snprintf(expected + used, sizeof expected - used, "%s %s", n == names ? "" : ",", *n);
    }
    return refuse(a, expected);
}

int args_string(Args *a, char *dst, size_t size)
{
    size_t len = strlen(a->value);
    if (len < size) {
        memcpy(dst, a->value, len + 1);
        return 0;
    }
    char expected[96];
    snprintf(expected, sizeof expected, "at most %zu characters", size - 1);
    return refuse(a, expected);
}

int args_positionals(Args *a, int min, int max)
{
    if (a->exit_code != ARGS_CONTINUE)
        return -1;
    assert(a->positionals);   /* args_next has returned 0 */
    if (a->n_positionals < min) {
        a->usage(stderr);
        return stop(a, 2);
    }
    if (a->n_positionals > max) {
        fprintf(stderr, "%s: unexpected argument '%s' (see %s --help)\n", a->command, a->positionals[max],
                a->command);
        return stop(a, 2);
    }
    return a->n_positionals;
}
