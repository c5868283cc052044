/* GLPK calls abort() on misuse and on internal faults. These macros turn such a fault into an
 * error value for one solve instead: the error hook longjmps back to the guarded call, the
 * thread's GLPK environment is freed (GLPK requires it after a fault), and the caller gets -1.
 *
 *   GlpkGuard guard;
 *   if (GLPK_GUARD_BEGIN(guard)) { ...fault path: GLPK objects are gone... }
 *   ...GLPK calls...
 *   glpk_guard_end();
 */
#ifndef SRC_GLPK_GUARD_H
#define SRC_GLPK_GUARD_H

#include <glpk.h>
#include <setjmp.h>

typedef struct GlpkGuard {
    jmp_buf jump;
} GlpkGuard;

void glpk_guard_on_error(void *guard);

/* Non-zero when GLPK faulted (after the longjmp); 0 on the first pass. */
#define GLPK_GUARD_BEGIN(g) (glp_error_hook(glpk_guard_on_error, &(g)), setjmp((g).jump))

/* Removes the hook; call on every exit path after GLPK_GUARD_BEGIN returned 0. */
void glpk_guard_end(void);

/* Call in the fault path: frees the thread's GLPK state (every glp_prob of this thread is gone). */
void glpk_guard_recover(void);

#endif
