/* Ctrl-C and SIGTERM during a long command: the first signal asks the work to stop and keep what
 * it has (a solve returns its best plan), a second one quits at once. Once the command has saved
 * its work it ends by the first signal, so that a calling shell or script sees the interruption. */
#ifndef SRC_INTERRUPT_H
#define SRC_INTERRUPT_H

#include <stdatomic.h>

/* Catches SIGINT and SIGTERM from now on. what_happens is said on stderr at the first signal,
 * e.g. "stopping the search; the best plan so far will be written". */
void interrupt_catch(const char *what_happens);

/* Becomes non-zero at the first signal: SrcOptions.cancel. */
const atomic_int *interrupt_flag(void);

/* The first signal caught (SIGINT, SIGTERM), or 0. */
int interrupt_signal(void);

/* "SIGINT", "SIGTERM" or "a signal". */
const char *interrupt_signal_name(void);

/* When a signal was caught: flushes stdio and ends the process by that signal, as if it had not
 * been caught (exit status 130 for SIGINT, 143 for SIGTERM in a shell). Otherwise returns. */
void interrupt_finish(void);

#endif
