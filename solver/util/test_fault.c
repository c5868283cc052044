/* Test-only faults inside the solver (see test_fault.h). Inert unless SOURCING_TEST_HOOKS=1. */
#include "test_fault.h"

#include <stdlib.h>
#include <string.h>

int test_fault_wanted(const char *batch_name, const char *fault)
{
    if (!batch_name || strcmp(batch_name, fault))
        return 0;                       /* the common case: no getenv at all */
    const char *on = getenv(TEST_FAULT_ENV);
    return on && !strcmp(on, "1");
}
