/* The interrupt handling of interrupt.h: a flag set from the signal handler, nothing else there
 * but async-signal-safe calls (write, signal, raise). */
#include "interrupt.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Set from a signal handler, so it must be lock-free (it is on every platform we build for). */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "atomic_int must be lock-free to be set from a signal handler");

static atomic_int cancel_requested;
static volatile sig_atomic_t first_signal;
static char notice[256];
static size_t notice_len;

static void on_signal(int sig)
{
    if (first_signal) {
        /* the second signal: quit now, by the signal's default action */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    first_signal = sig;
    atomic_store(&cancel_requested, 1);
    ssize_t ignored = write(STDERR_FILENO, notice, notice_len);
    (void)ignored;
}

void interrupt_catch(const char *what_happens)
{
    notice_len = (size_t)snprintf(notice, sizeof notice, "\nsourcing: interrupted: %s (interrupt again to quit at once)\n",
                                  what_happens);
    if (notice_len >= sizeof notice)
        notice_len = sizeof notice - 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = SA_RESTART;   /* reads and writes carry on; the solver polls the flag */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

const atomic_int *interrupt_flag(void)
{
    return &cancel_requested;
}

int interrupt_signal(void)
{
    return first_signal;
}

const char *interrupt_signal_name(void)
{
    return first_signal == SIGINT ? "SIGINT" : first_signal == SIGTERM ? "SIGTERM" : "a signal";
}

void interrupt_finish(void)
{
    int sig = first_signal;
    if (!sig)
        return;
    fflush(NULL);
    signal(sig, SIG_DFL);
    raise(sig);
}
