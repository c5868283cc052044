/* The solver's clock and time budgets (see budget.h). */
#include "budget.h"

#include <math.h>
#include <time.h>

double src_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

double src_monotonic_now(void)
{
    return src_now();
}

double budget_left(const Budget *budget)
{
    if (budget->cancel && atomic_load(budget->cancel))
        return 0;
    double now = src_now();
    progress_tick(budget->progress, now);  /* every loop checks its time: the live line ticks */
    return budget->deadline - now;
}

int budget_expired(const Budget *budget)
{
    return budget_left(budget) <= 0;
}

Budget budget_slice(const Budget *budget, double share)
{
    Budget b = *budget;
    b.deadline = fmin(budget->deadline, src_now() + share * budget_left(budget));
    return b;
}

Budget budget_within(const Budget *budget, double seconds)
{
    Budget b = *budget;
    b.deadline = fmin(budget->deadline, src_now() + seconds);
    return b;
}

double budget_plan_reserve(double span_seconds, long n_orders)
{
    double reserve = 0.01 + 0.02 * span_seconds + 2e-6 * (double)n_orders;
    return fmin(reserve, 0.2 * span_seconds);
}
