/* The tension report and the explanations of a plan in the summary `sourcing solve` prints
 * (README, "Tension report" and "Explaining an order"); the plan's JSON holds them all. */
#ifndef SRC_TENSION_PRINT_H
#define SRC_TENSION_PRINT_H

#include <stdio.h>

#include "sourcing.pb-c.h"

/* The summary lists at most this many resources (the dearest first). */
#define TENSION_PRINT_ROWS 10

void tension_print(FILE *out, const Sourcing__Plan *plan);
void explanations_print(FILE *out, const Sourcing__Plan *plan);

#endif
