/* The one progress path of a solve (see progress.h). */
#include "progress.h"

#include <math.h>

/* The state is reported at least this often while the solve runs, in seconds; improvements at most
 * this often (local search can improve thousands of times a second): a later report carries them. */
#define TICK_SECONDS 1.0
#define IMPROVEMENT_SECONDS 0.05

static void report(Progress *pr, int improved, double now)
{
    pr->last_report = now;
    SrcProgress out = {.elapsed = now - pr->start, .phase = pr->phase, .improved = improved,
                       .has_incumbent = pr->has_incumbent, .incumbent = pr->incumbent,
                       .has_bound = pr->has_bound, .bound = pr->bound};
    if (pr->has_incumbent && pr->has_bound)
        out.gap = fmax(0, (pr->incumbent - pr->bound) / fmax(fabs(pr->incumbent), 1e-9));
    pr->options->progress(&out, pr->options->progress_ctx);
}

static int listening(const Progress *pr)
{
    return pr && pr->options && pr->options->progress;
}

void progress_phase(Progress *pr, const char *phase, double now)
{
    if (!listening(pr))
        return;
    pr->phase = phase;
    report(pr, 0, now);
}

void progress_incumbent(Progress *pr, double cost, double now)
{
    if (!listening(pr) || (pr->has_incumbent && cost >= pr->incumbent))
        return;
    pr->has_incumbent = 1;
    pr->incumbent = cost;
    if (now - pr->last_report >= IMPROVEMENT_SECONDS)
        report(pr, 1, now);
}

void progress_bound(Progress *pr, double bound, double now)
{
    if (!listening(pr) || (pr->has_bound && bound <= pr->bound))
        return;
    pr->has_bound = 1;
    pr->bound = bound;
    if (now - pr->last_report >= IMPROVEMENT_SECONDS)
        report(pr, 1, now);
}

void progress_tick(Progress *pr, double now)
{
    if (listening(pr) && now - pr->last_report >= TICK_SECONDS)
        report(pr, 0, now);
}
