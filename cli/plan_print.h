/* Showing a plan to people: the readable summary and the CSV of shipped lines. */
#ifndef SRC_PLAN_PRINT_H
#define SRC_PLAN_PRINT_H

#include <stdio.h>

#include "error.h"
#include "sourcing.pb-c.h"

void plan_print_summary(FILE *out, const Sourcing__Batch *batch, const Sourcing__Plan *plan);
/* One row per shipped order line. 0, or -1 with err set. */
int plan_write_csv(const char *path, const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcError *err);

#endif
