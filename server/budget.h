/* The time budget of a solve: the request's deadline minus the time the server has already used
 * and a safety margin for stopping, encoding and sending the answer. */
#ifndef SRV_BUDGET_H
#define SRV_BUDGET_H

#include <stdint.h>

/* How the margin is computed, in words (Info reports it). */
#define BUDGET_MARGIN_TEXT "20 ms + 10% of the deadline, at most 2000 ms"

typedef struct Budget {
    int expired;          /* the time left is not more than the margin: answer DEADLINE_EXCEEDED */
    double time_limit;    /* seconds for src_solve; 0 = no deadline (the batch's or the default) */
    double left_ms;       /* of the deadline, when the solve starts */
    double margin_ms;
} Budget;

/* The safety margin for a deadline, in milliseconds. */
double budget_margin_ms(uint32_t deadline_ms);

/* The budget of a solve starting used_ms after receipt. deadline_ms 0 = none. A batch's own
 * time limit (seconds, <= 0 = none) is kept when it is shorter. */
Budget budget_for(uint32_t deadline_ms, double used_ms, double batch_time_limit);

#endif
