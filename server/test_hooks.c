/* Test-only faults (see test_hooks.h). Inert unless SOURCING_TEST_HOOKS=1. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_hooks.h"

#define STUCK_SECONDS 600

static int enabled;

void test_hooks_init(void)
{
    const char *v = getenv(TEST_HOOKS_ENV);
    enabled = v && !strcmp(v, "1");
}

void test_hooks_before_solve(const Sourcing__Batch *batch)
{
    if (!enabled || !batch->name)
        return;
    if (!strcmp(batch->name, "test-hook:stuck")) {
        struct timespec second = {1, 0};
        for (int i = 0; i < STUCK_SECONDS; i++)     /* deaf to Cancel on purpose */
            nanosleep(&second, NULL);
    }
}
