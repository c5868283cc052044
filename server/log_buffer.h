/* The log's way out: lines are copied into a bounded buffer and a writer thread writes them to
 * stderr, so a reader that stops reading (a full pipe, a stuck terminal) never blocks the event
 * loop. When the buffer is full a line is dropped and counted; nothing waits. */
#ifndef SRV_LOG_BUFFER_H
#define SRV_LOG_BUFFER_H

#include <stddef.h>

#define LOG_BUFFER_BYTES (1u << 20)
#define LOG_FLUSH_MS 1000             /* at exit, the most time given to writing what is left */

/* Starts the writer thread; until then (and if it cannot start) lines are written directly. */
int log_buffer_start(void);
/* Writes what is left for at most LOG_FLUSH_MS, then stops the writer (left behind, detached,
 * if stderr still does not take bytes). */
void log_buffer_stop(void);
/* Queues len bytes (one whole line), or drops them when they do not fit. Any thread. */
void log_buffer_put(const char *line, size_t len);
/* Lines dropped so far because the buffer was full. */
unsigned long log_buffer_dropped(void);

#endif
