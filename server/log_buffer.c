/* A ring of LOG_BUFFER_BYTES between the threads that log and the one writer thread that
 * blocks on stderr (see log_buffer.h). Producers write only into free space and the writer
 * reads only the used span, so the writer can write(2) without holding the lock. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log_buffer.h"

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;          /* bytes to write, or stop */
    pthread_cond_t drained;       /* the writer wrote some */
    char ring[LOG_BUFFER_BYTES];
    size_t head, used;            /* next free byte; bytes waiting from (head - used) */
    int running, stopping;
    int stuck;                    /* the writer was left in write(2): later lines are dropped */
    pthread_t thread;
} lb = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER,
        .drained = PTHREAD_COND_INITIALIZER};
static atomic_ulong dropped;

static void write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDERR_FILENO, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static void *writer_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lb.lock);
    while (!lb.stopping || lb.used > 0) {
        if (lb.used == 0) {
            pthread_cond_wait(&lb.wake, &lb.lock);
            continue;
        }
        size_t tail = (lb.head + LOG_BUFFER_BYTES - lb.used) % LOG_BUFFER_BYTES;
        size_t n = lb.used < LOG_BUFFER_BYTES - tail ? lb.used : LOG_BUFFER_BYTES - tail;
        pthread_mutex_unlock(&lb.lock);
        write_all(lb.ring + tail, n);       /* may block: only this thread waits */
        pthread_mutex_lock(&lb.lock);
        lb.used -= n;
        pthread_cond_broadcast(&lb.drained);
    }
    pthread_mutex_unlock(&lb.lock);
    return NULL;
}

int log_buffer_start(void)
{
    pthread_mutex_lock(&lb.lock);
    /* every page of the ring resident from the start, so that the process's RSS does not creep
     * up by up to LOG_BUFFER_BYTES as the ring first fills (the soak compares RSS over time) */
    volatile char *ring = lb.ring;
    for (size_t i = 0; i < LOG_BUFFER_BYTES; i += 4096)
        ring[i] = ring[i];
    int rc = lb.running ? 0 : pthread_create(&lb.thread, NULL, writer_main, NULL);
    if (rc == 0)
        lb.running = 1;
    pthread_mutex_unlock(&lb.lock);
    return rc == 0 ? 0 : -1;
}

void log_buffer_stop(void)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += LOG_FLUSH_MS / 1000;
    pthread_mutex_lock(&lb.lock);
    if (!lb.running) {
        pthread_mutex_unlock(&lb.lock);
        return;
    }
    lb.stopping = 1;
    pthread_cond_signal(&lb.wake);
    int timed_out = 0;
    while (lb.used > 0 && !timed_out)
        timed_out = pthread_cond_timedwait(&lb.drained, &lb.lock, &until) == ETIMEDOUT;
    lb.running = 0;
    lb.stuck = timed_out;
    pthread_mutex_unlock(&lb.lock);
    if (timed_out) {
        pthread_detach(lb.thread);       /* stuck in write(2): the process ends around it */
        return;
    }
    pthread_join(lb.thread, NULL);       /* it saw stopping with nothing left, and returned */
    pthread_mutex_lock(&lb.lock);
    lb.stopping = 0;
    pthread_mutex_unlock(&lb.lock);
}

void log_buffer_put(const char *line, size_t len)
{
    pthread_mutex_lock(&lb.lock);
    if (!lb.running && !lb.stuck) {
        pthread_mutex_unlock(&lb.lock);
        write_all(line, len);            /* before the start or after a clean stop: direct */
        return;
    }
    if (lb.stuck || len > LOG_BUFFER_BYTES - lb.used) {
        pthread_mutex_unlock(&lb.lock);
        atomic_fetch_add(&dropped, 1);
        return;
    }
    size_t first = len < LOG_BUFFER_BYTES - lb.head ? len : LOG_BUFFER_BYTES - lb.head;
    memcpy(lb.ring + lb.head, line, first);
    memcpy(lb.ring, line + first, len - first);
    lb.head = (lb.head + len) % LOG_BUFFER_BYTES;
    lb.used += len;
    pthread_cond_signal(&lb.wake);
    pthread_mutex_unlock(&lb.lock);
}

unsigned long log_buffer_dropped(void)
{
    return atomic_load(&dropped);
}
