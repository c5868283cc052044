/* Time for the service: the solver's monotonic clock in nanoseconds for deadlines and durations
 * (one clock for the whole process), wall time for logs. */
#ifndef SRV_CLOCK_H
#define SRV_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Nanoseconds on CLOCK_MONOTONIC. */
int64_t clock_now_ns(void);

/* Milliseconds between two clock_now_ns() readings. */
double clock_ms_between(int64_t from_ns, int64_t to_ns);

/* The current UTC time as "2024-05-01T12:00:00.123Z" into buf. */
const char *clock_wall_iso(char *buf, size_t size);

#endif
