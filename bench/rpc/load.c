/* What both load loops share: the clock, recording an answer, checking a plan. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "load.h"
#include "service.pb-c.h"

int64_t load_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

void load_record(LoadResult *r, int64_t start_ns, int ok, const char *error)
{
    int64_t now = load_now_ns();
    r->finished_ns = now;
    if (!ok) {
        if (r->errors++ == 0)
            snprintf(r->first_error, sizeof r->first_error, "%s", error ? error : "failed");
        return;
    }
    r->completed++;
    if (r->samples < LOAD_MAX_SAMPLES)
        r->latency_ms[r->samples++] = (double)(now - start_ns) / 1e6;
}

static int health_ok(const uint8_t *bytes, size_t len, char *why, size_t size)
{
    Sourcing__HealthResponse *h = sourcing__health_response__unpack(NULL, len, bytes);
    int ok = h && h->serving;
    if (!ok)
        snprintf(why, size, h ? "the server says it is not serving" : "the answer is not a HealthResponse");
    if (h)
        sourcing__health_response__free_unpacked(h, NULL);
    return ok;
}

int load_answer_ok(const LoadSettings *s, const uint8_t *bytes, size_t len, char *why, size_t size)
{
    if (s->health)
        return health_ok(bytes, len, why, size);
    Sourcing__Plan *plan = sourcing__plan__unpack(NULL, len, bytes);
    if (!plan) {
        snprintf(why, size, "the answer is not a plan (%zu bytes)", len);
        return 0;
    }
    double total = plan->costs ? plan->costs->total : NAN;
    int ok = fabs(total - s->expect_total) <= 1e-6 * (1 + fabs(s->expect_total));
    if (!ok)
        snprintf(why, size, "plan total %.6f, expected %.6f", total, s->expect_total);
    sourcing__plan__free_unpacked(plan, NULL);
    return ok;
}
