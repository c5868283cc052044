/* The independent plan checker: recomputes a plan's feasibility and every cost term from the
 * batch alone. It shares no code with the model builder or the heuristics, only the parsing. */
#ifndef SRC_CHECKER_H
#define SRC_CHECKER_H

#include <stddef.h>

#include "sourcing.pb-c.h"

typedef struct SrcCheckReport {
    size_t n_violations;
    char **violations;      /* each a sentence naming the order/node/constraint */
    /* the costs recomputed from the batch */
    double total, shipping, lateness, handling, activation, split, unfilled;
} SrcCheckReport;

/* Checks plan against batch (which must have passed validation). Returns the number of
 * violations (0 = feasible and every reported number agrees within 1e-6 relative); the report
 * lists them and must be freed with src_check_report_free. */
size_t src_check_plan(const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcCheckReport *report);
void src_check_report_free(SrcCheckReport *report);

#endif
