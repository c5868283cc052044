/* Time in the solver, in one place: the monotonic clock, the Budget every strategy runs under,
 * and sub-budgets cut from it. The contract with callers is one absolute deadline
 * (SrcOptions.deadline, on src_monotonic_now()'s clock) or a time limit; src_solve turns them into
 * one Budget, and every strategy, sub-solver and LNS round derives its own limits from that
 * Budget with budget_slice / budget_within (as SCIP's SCIPcopyLimits does), never from a clock
 * reading of its own. */
#ifndef SRC_BUDGET_H
#define SRC_BUDGET_H

#include <stdatomic.h>

#include "progress.h"
#include "sourcing.h"

/* Seconds on the monotonic clock (the same as src_monotonic_now()). */
double src_now(void);

typedef struct Budget {
    double start;               /* src_now() when the solve began */
    double deadline;            /* src_now() value by which the strategies must have stopped */
    const atomic_int *cancel;   /* optional */
    double gap;                 /* relative MIP gap at which to stop */
    const SrcOptions *options;  /* for the progress callback */
    int max_passes;             /* local search: passes at most (0 = until no pass improves) */
    Progress *progress;         /* the solve's one progress path (NULL: none); budget_left ticks it */
} Budget;

/* Time left in seconds (<= 0 when over); 0 as well once cancelled. */
double budget_left(const Budget *budget);
int budget_expired(const Budget *budget);
/* A sub-budget with the same cancel flag, gap and callbacks, ending after share (0..1) of the time
 * left in budget. */
Budget budget_slice(const Budget *budget, double share);
/* The same, ending at most seconds from now (and never after budget's own deadline). */
Budget budget_within(const Budget *budget, double seconds);

/* The time src_solve keeps back from a span of seconds for building the plan message once the
 * strategies stop and for GLPK, which looks at its clock only now and then. */
double budget_plan_reserve(double span_seconds, long n_orders);

#endif
