/* The live progress line and the improvement log of `sourcing solve` (see progress_line.h). */
#include "progress_line.h"

#include <math.h>

static void draw(const SrcProgress *pr)
{
    fprintf(stderr, "\r%7.1fs  %-9s best ", pr->elapsed, pr->phase ? pr->phase : "");
    if (pr->has_incumbent)
        fprintf(stderr, "%.2f", pr->incumbent);
    else
        fprintf(stderr, "-");
    if (pr->has_bound)
        fprintf(stderr, "  bound %.2f", pr->bound);
    else
        fprintf(stderr, "  no bound");
    if (pr->has_incumbent && pr->has_bound)
        fprintf(stderr, "  gap %.2f%%", 100 * pr->gap);
    fprintf(stderr, "     ");
    fflush(stderr);
}

/* A row when the plan or the bound differs from the last row: improvements that came faster than
 * the solver reports them arrive together, in the next report. */
static void log_row(ProgressSink *sink, const SrcProgress *pr)
{
    double cost = pr->has_incumbent ? pr->incumbent : -1, bound = pr->has_bound ? pr->bound : -1;
    if (sink->logged && fabs(cost - sink->logged_cost) <= 1e-9 * fmax(1, fabs(cost)) &&
        fabs(bound - sink->logged_bound) <= 1e-9 * fmax(1, fabs(bound)))
        return;  /* the same plan and bound, recomputed to the last digit */
    if (!sink->logged)
        fprintf(sink->log, "seconds,phase,cost,bound,gap\n");
    fprintf(sink->log, "%.3f,%s,", pr->elapsed, pr->phase ? pr->phase : "");
    if (pr->has_incumbent)
        fprintf(sink->log, "%.17g", pr->incumbent);
    fprintf(sink->log, ",");
    if (pr->has_bound)
        fprintf(sink->log, "%.17g", pr->bound);
    fprintf(sink->log, ",");
    if (pr->has_incumbent && pr->has_bound)
        fprintf(sink->log, "%.6g", pr->gap);
    fprintf(sink->log, "\n");
    sink->logged++;
    sink->logged_cost = cost;
    sink->logged_bound = bound;
}

void progress_line_report(const SrcProgress *progress, void *ctx)
{
    ProgressSink *sink = ctx;
    if (sink->show_line)
        draw(progress);
    if (sink->log)
        log_row(sink, progress);
}

void progress_line_clear(const ProgressSink *sink)
{
    if (sink->show_line)
        fprintf(stderr, "\r%80s\r", "");
}
