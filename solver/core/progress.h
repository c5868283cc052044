/* Progress of one solve, on one path: every strategy reports its improvements here, and the
 * time checks every loop already makes (budget_left) tick it, so the caller's callback
 * (SrcOptions.progress) hears of each improvement as it happens and of the state at least once a
 * second, with the phase that runs. The CLI's live line and --log, and later the service's
 * streaming, all read this one path. */
#ifndef SRC_PROGRESS_H
#define SRC_PROGRESS_H

#include "sourcing.h"

typedef struct Progress {
    const SrcOptions *options;  /* whose progress callback hears it (none: nothing to do) */
    double start;               /* src_now() when the solve began */
    const char *phase;          /* the strategy running */
    int has_incumbent, has_bound;
    double incumbent, bound;
    double last_report;         /* src_now() of the last report */
} Progress;

/* The strategy that runs from now on (reported at once). */
void progress_phase(Progress *pr, const char *phase, double now);
/* A plan costing cost exists: reported when it is better than the last one (improvements that
 * come faster than 20 a second are carried by the next report). */
void progress_incumbent(Progress *pr, double cost, double now);
/* A lower bound: reported when it is better than the last one (likewise). */
void progress_bound(Progress *pr, double bound, double now);
/* Reports the state if nothing was reported for a second. */
void progress_tick(Progress *pr, double now);

#endif
