/* The GLPK error hook that turns a GLPK fault into an error value (see glpk_guard.h). */
#include "glpk_guard.h"

void glpk_guard_on_error(void *guard)
{
    longjmp(((GlpkGuard *)guard)->jump, 1);
}

void glpk_guard_end(void)
{
    glp_error_hook(NULL, NULL);
}

void glpk_guard_recover(void)
{
    glp_error_hook(NULL, NULL);
    glp_free_env();
}
