/* Showing a plan to people: the readable summary (the CSV files: plan_csv.h). */
#ifndef SRC_PLAN_PRINT_H
#define SRC_PLAN_PRINT_H

#include <stdio.h>

#include "error.h"
#include "sourcing.pb-c.h"

void plan_print_summary(FILE *out, const Sourcing__Batch *batch, const Sourcing__Plan *plan);

#endif
