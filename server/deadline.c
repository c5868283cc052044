/* Deadline arithmetic for solves (see deadline.h). */
#include "deadline.h"

double deadline_margin_ms(uint32_t deadline_ms)
{
    double margin = 20.0 + 0.10 * deadline_ms;
    return margin > 2000.0 ? 2000.0 : margin;
}

SolveDeadline deadline_for(uint32_t deadline_ms, double received_at, double now)
{
    SolveDeadline d = {0};
    if (deadline_ms == 0)
        return d;
    d.margin_ms = deadline_margin_ms(deadline_ms);
    d.left_ms = deadline_ms - (now - received_at) * 1000.0;
    d.expired = d.left_ms <= d.margin_ms;
    d.solve_by = received_at + (deadline_ms - d.margin_ms) / 1000.0;
    return d;
}
