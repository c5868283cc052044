/* Test-only behaviours, off unless the server starts with SOURCING_TEST_HOOKS=1 in its
 * environment: they make faults that no valid input can make, so that tests can prove how the
 * server contains them. Selected by the batch's name:
 *   "test-hook:stuck"        the worker ignores Cancel and the deadline for 10 minutes (work that
 *                            cannot be stopped, for the shutdown's hard stop)
 * The same switch turns on the solver's own test faults (solver/util/test_fault.h), e.g.
 *   "test-hook:glpk-fault"   a GLPK fault inside the MIP's guard (answered INTERNAL) */
#ifndef SRV_TEST_HOOKS_H
#define SRV_TEST_HOOKS_H

#include "sourcing.h"

#define TEST_HOOKS_ENV "SOURCING_TEST_HOOKS"

/* Reads the environment once, before the workers start. */
void test_hooks_init(void);

/* Before src_solve, on the worker: may block (stuck). */
void test_hooks_before_solve(const Sourcing__Batch *batch);

#endif
