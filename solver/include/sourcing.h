/* The solver library's front door: a batch in, a plan out, one options struct with the budget.
 * The command-line tool, the server and the tests all call src_solve the same way. */
#ifndef SRC_SOURCING_H
#define SRC_SOURCING_H

#include <stdatomic.h>
#include <stddef.h>

#include "batch_io.h"
#include "error.h"
#include "sourcing.pb-c.h"

#define SRC_VERSION "0.1.0"
#define SRC_DEFAULT_TIME_LIMIT 10.0       /* seconds, when neither caller nor batch gives one */
#define SRC_MAX_TIME_LIMIT 86400.0        /* seconds: the longest time limit accepted */
#define SRC_DEFAULT_UNFILLED_COST 1000.0  /* per unit, SPEC.md */

typedef enum SrcResult {
    SRC_OK = 0,           /* a plan was produced (OPTIMAL, FEASIBLE or HEURISTIC) */
    SRC_INVALID = 1,      /* the batch was refused; the plan has status INVALID */
    SRC_CANCELLED = 2,    /* *cancel was set before solving began (once solving has begun, a
                             cancel stops it and the best plan so far comes back with SRC_OK) */
    SRC_INTERNAL = 3,     /* a fault inside the solver (GLPK error, out of memory) */
} SrcResult;

/* What a progress callback sees: each improvement of the plan or the bound as it happens
 * (improved = 1), each change of phase, and the state at least once a second otherwise. */
typedef struct SrcProgress {
    double elapsed;       /* seconds since src_solve began */
    const char *phase;    /* the strategy running: "greedy", "local", "lagrange", "mip", ... */
    int improved;         /* 1: the plan or the bound just improved */
    int has_incumbent;
    double incumbent;     /* best plan's cost */
    int has_bound;
    double bound;
    double gap;           /* relative, when both are known */
} SrcProgress;

/* Time has one contract: src_solve returns by the earliest of options.deadline, its start plus
 * options.time_limit and its start plus the batch's time limit; when none of these is given, by its
 * start plus SRC_DEFAULT_TIME_LIMIT. Model building, the search and building the plan are all inside.
 * A caller with its own clock (the CLI reading the batch first, the server counting from receipt)
 * sets the absolute deadline, less what it needs afterwards to write or send the plan. */
typedef struct SrcOptions {
    double time_limit;    /* seconds; <= 0: not given */
    double deadline;      /* src_monotonic_now() value to return by; <= 0: not given */
    double gap;           /* relative MIP gap; < 0: batch or 0 */
    const char *strategy; /* "auto", "mip", "greedy"; NULL: batch or "auto" */
    const atomic_int *cancel;    /* optional: when it becomes non-zero, stop and return the best plan */
    void (*progress)(const SrcProgress *progress, void *ctx);  /* optional */
    void *progress_ctx;
    /* the tension report and explanations (README, "Tension report", "Explaining an order") */
    double tension_threshold;   /* utilisation from which a resource is listed; <= 0: batch's or 0.9 */
    double price_alert;         /* shadow price from which a resource raises an alert; <= 0: batch's or 0 */
    const char *const *explain; /* order ids to explain ("all": every order); none: the batch's */
    size_t n_explain;
} SrcOptions;

/* Seconds on the monotonic clock src_solve uses. */
double src_monotonic_now(void);

/* Options meaning "use the batch's own options, then the defaults". */
void src_options_init(SrcOptions *options);

/* The time limit in force for batch under options, ignoring options.deadline: the options' own,
 * else the batch's, else SRC_DEFAULT_TIME_LIMIT. */
double src_time_limit(const Sourcing__Batch *batch, const SrcOptions *options);

/* The seconds src_solve, called now with these options, would allow itself (deadline included). */
double src_seconds_allowed(const Sourcing__Batch *batch, const SrcOptions *options);

/* Solves batch. The plan carries the tension report (shadow prices, unfilled causes, alerts) and
 * the explanations the options ask for, made within the same time contract. Always sets *plan_out to a new plan (free with src_plan_free) unless the result
 * is SRC_INTERNAL or SRC_CANCELLED; for SRC_INVALID the plan has status INVALID and err and the
 * plan's message say what was wrong. Thread-safe: each thread may solve its own batch. */
SrcResult src_solve(const Sourcing__Batch *batch, const SrcOptions *options,
                    Sourcing__Plan **plan_out, SrcError *err);

/* The rules baseline alone: the plan an OMS's built-in rules would make of batch (README, "Savings
 * against the rules"; method "rules", status HEURISTIC), for `sourcing check` and comparisons.
 * Every plan of src_solve carries its cost and figures. Sets *plan_out like src_solve. */
SrcResult src_baseline(const Sourcing__Batch *batch, Sourcing__Plan **plan_out, SrcError *err);

/* The tension report and the explanations the options ask for (options->explain, thresholds, time
 * limit), of a plan made before (`sourcing explain`), put into that plan in place of any it had.
 * The plan must pass the checker for the batch. SRC_OK; SRC_INVALID when the batch, the options or
 * the plan are wrong (err says which); SRC_INTERNAL when out of memory. */
SrcResult src_explain_plan(const Sourcing__Batch *batch, Sourcing__Plan *plan, const SrcOptions *options,
                           SrcError *err);

typedef enum SrcModelFormat { SRC_FORMAT_LP, SRC_FORMAT_MPS } SrcModelFormat;

/* Writes the batch's MIP (the model src_solve builds) as CPLEX LP or free MPS for other solvers.
 * The batch is validated first. 0, or -1 with err set. */
int src_export_model(const Sourcing__Batch *batch, const char *path, SrcModelFormat format, SrcError *err);

/* The strategy names src_solve accepts, NULL-terminated. */
const char *const *src_strategy_names(void);

/* Frees GLPK's per-thread state; worker threads call it before they end. */
void src_thread_cleanup(void);

/* The version of GLPK in use, e.g. "5.0". */
const char *src_glpk_version(void);

#endif
