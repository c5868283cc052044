/* What `sourcing solve` shows while it solves: the live line on a terminal (elapsed time, the phase,
 * the best plan, the bound or "no bound", the gap), redrawn on every report of the solver's progress
 * path, so at least once a second; and --log FILE, one CSV row per improvement of the plan or the
 * bound, for plots. */
#ifndef CLI_PROGRESS_LINE_H
#define CLI_PROGRESS_LINE_H

#include <stdio.h>

#include "sourcing.h"

typedef struct ProgressSink {
    int show_line;              /* draw the live line on stderr */
    FILE *log;                  /* CSV of improvements, or NULL */
    int logged;                 /* rows written */
    double logged_cost, logged_bound;
} ProgressSink;

/* The SrcOptions.progress callback; ctx is a ProgressSink. */
void progress_line_report(const SrcProgress *progress, void *ctx);

/* Clears the live line (when one was drawn). */
void progress_line_clear(const ProgressSink *sink);

#endif
