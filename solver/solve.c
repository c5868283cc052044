/* src_solve: validation, then the chosen strategy sequence, then the plan. */
#include <glpk.h>
#include <stdio.h>

#include "sourcing.h"

static const char *const STRATEGY_NAMES[] = {"auto", "mip", "greedy", NULL};

void src_options_init(SrcOptions *options)
{
    *options = (SrcOptions){.time_limit = 0, .gap = -1, .strategy = NULL};
}

const char *const *src_strategy_names(void)
{
    return STRATEGY_NAMES;
}

void src_thread_cleanup(void)
{
    glp_free_env();
}

const char *src_glpk_version(void)
{
    return glp_version();
}

SrcResult src_solve(const Sourcing__Batch *batch, const SrcOptions *options,
                    Sourcing__Plan **plan_out, SrcError *err)
{
    (void)batch;
    (void)options;
    *plan_out = NULL;
    src_error_set(err, "not built yet");
    return SRC_INTERNAL;
}
