/* Monotonic and wall clocks. */
#include <stdio.h>
#include <time.h>

#include "clock.h"
#include "sourcing.h"

int64_t clock_now_ns(void)
{
    return (int64_t)(src_monotonic_now() * 1e9);  /* the solver's clock: deadlines compare with it */
}

double clock_ms_between(int64_t from_ns, int64_t to_ns)
{
    return (double)(to_ns - from_ns) / 1e6;
}

const char *clock_wall_iso(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char day[32];
    strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, size, "%s.%03ldZ", day, ts.tv_nsec / 1000000);
    return buf;
}
