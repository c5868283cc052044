/* The plan's tension report and explanations (issue 14, items 2 and 3; README, "Tension report"
 * and "Explaining an order"), made once the search has stopped, within the time the solve kept
 * back for them: the shadow prices from the LP relaxation when its estimated time fits, else the
 * Lagrangian multipliers of the bound, else none; every price says where it came from. */
#ifndef SRC_REPORT_H
#define SRC_REPORT_H

#include "solution.h"
#include "strategy.h"

/* The LP relaxation is solved for prices only when its estimated time is at most this share of
 * the solve's time (the search keeps the rest), and verified for at most this many prices. */
#define REPORT_LP_SHARE 0.1
#define REPORT_MAX_CHECKS 64
/* Share of the solve's time kept back for explanations, when some are asked for. */
#define REPORT_EXPLAIN_SHARE 0.05

typedef struct Report {
    Sourcing__Tension *tension;
    Sourcing__OrderExplanation **explanations;
    size_t n_explanations;
    char note[320];             /* for the plan's warnings: what was skipped and why ("" = nothing) */
} Report;

/* Seconds the solve keeps back from the search, out of span, for the LP prices of p and the
 * explanations the options ask for. */
double report_reserve(const Problem *p, const SrcOptions *options, double span);

/* Makes the report of plan best within budget (info: the Lagrangian prices, the options). 0, or -1
 * when out of memory (err set); a GLPK fault in the prices' LP only loses the LP prices (noted). */
int report_make(Report *r, const Solution *best, const SolveInfo *info, const Budget *budget, SrcError *err);

/* Moves the report into the plan (the note as a warning). 0, or -1 when out of memory. */
int report_attach(Sourcing__Plan *plan, Report *r);
void report_free(Report *r);

#endif
