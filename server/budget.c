/* Deadline arithmetic for solves. */
#include "budget.h"

double budget_margin_ms(uint32_t deadline_ms)
{
    double margin = 20.0 + 0.10 * deadline_ms;
    return margin > 2000.0 ? 2000.0 : margin;
}

Budget budget_for(uint32_t deadline_ms, double used_ms, double batch_time_limit)
{
    Budget b = {0};
    if (deadline_ms == 0) {
        b.time_limit = batch_time_limit > 0 ? batch_time_limit : 0;
        return b;
    }
    b.margin_ms = budget_margin_ms(deadline_ms);
    b.left_ms = deadline_ms - used_ms;
    double seconds = (b.left_ms - b.margin_ms) / 1000.0;
    if (seconds <= 0) {
        b.expired = 1;
        return b;
    }
    b.time_limit = batch_time_limit > 0 && batch_time_limit < seconds ? batch_time_limit : seconds;
    return b;
}
