/* Test-only faults inside the solver, off unless the process runs with SOURCING_TEST_HOOKS=1
 * (the same switch as the server's test hooks, server/test_hooks.h): they make faults no valid
 * input can make, so that tests can prove how they are contained. Selected by the batch's name:
 *   "test-hook:glpk-fault"   the MIP calls a GLPK routine with a bad argument right after building
 *                            its model, inside the GLPK guard (strategies/mip.c): GLPK's own error
 *                            path, caught by glpk_guard.h, so the solve ends SRC_INTERNAL */
#ifndef SRC_TEST_FAULT_H
#define SRC_TEST_FAULT_H

#define TEST_FAULT_ENV "SOURCING_TEST_HOOKS"
#define TEST_FAULT_GLPK "test-hook:glpk-fault"

/* 1 when the hooks are on and batch_name (may be NULL) is fault. */
int test_fault_wanted(const char *batch_name, const char *fault);

#endif
