/* A request's deadline turned into the solver's: the absolute time by which src_solve must return
 * (SrcOptions.deadline), which is the deadline less a safety margin for stopping, encoding and
 * sending the answer. A batch's own time limit is the solver's to apply (src_solve's contract). */
#ifndef SRV_DEADLINE_H
#define SRV_DEADLINE_H

#include <stdint.h>

/* How the margin is computed, in words (Info reports it). */
#define DEADLINE_MARGIN_TEXT "20 ms + 10% of the deadline, at most 2000 ms"

typedef struct SolveDeadline {
    int expired;          /* the time left is not more than the margin: answer DEADLINE_EXCEEDED */
    double solve_by;      /* src_monotonic_now() value for SrcOptions.deadline; 0 = no deadline */
    double left_ms;       /* of the deadline, when the solve starts */
    double margin_ms;
} SolveDeadline;

/* The safety margin for a deadline, in milliseconds. */
double deadline_margin_ms(uint32_t deadline_ms);

/* The solver's deadline for a request received at received_at (seconds on src_monotonic_now()'s
 * clock) with deadline_ms (0 = none), when the solve starts at now. */
SolveDeadline deadline_for(uint32_t deadline_ms, double received_at, double now);

#endif
