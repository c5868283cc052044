/* The server's log on stderr: one line per request, and a line per server event. Text that came
 * from clients is cleaned of control characters before it is printed. */
#ifndef SRV_LOG_H
#define SRV_LOG_H

#include <stdint.h>

typedef struct RequestLog {
    const char *peer;
    const char *client;       /* the name of the request's bearer token; NULL: no tokens */
    uint64_t id;
    const char *method;       /* NULL: none could be read */
    int status;
    long orders;              /* < 0: unknown */
    int has_cost;
    double cost;
    const char *plan_status;  /* NULL or "" when there is no plan */
    const char *solver;       /* the plan's method */
    double budget_ms;         /* < 0: no deadline given */
    double ms;
    const char *message;
} RequestLog;

void log_set_quiet(int quiet);
void log_request(const RequestLog *r);
void log_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
