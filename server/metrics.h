/* Counters of the service and their Prometheus text rendering: requests by method and status,
 * latency histograms, plans by status, fallbacks to greedy, MIP gaps. Loop thread only. */
#ifndef SRV_METRICS_H
#define SRV_METRICS_H

#include "dispatch.h"
#include "drop.h"
#include "job.h"

/* Label values of the method label: the methods (dispatch.h), then "unknown" (any other name)
 * and "none" (no method could be read: a bad frame or envelope). */
#define METRICS_UNKNOWN_METHOD DISPATCH_N_METHODS
#define METRICS_NO_METHOD (DISPATCH_N_METHODS + 1)
#define METRICS_N_METHODS (DISPATCH_N_METHODS + 2)
#define METRICS_N_STATUSES 17         /* gRPC codes 0..16 */
#define METRICS_MAX_BUCKETS 16
#define METRICS_AUTH_UNAUTHENTICATED 0      /* no bearer token */
#define METRICS_AUTH_PERMISSION_DENIED 1    /* a token not on the list */

typedef struct Histogram {
    int n_bounds;
    const double *bounds;             /* upper bounds, ascending; +Inf is implied */
    unsigned long counts[METRICS_MAX_BUCKETS + 1];
    unsigned long count;
    double sum;
} Histogram;

typedef struct Metrics {
    unsigned long requests[METRICS_N_METHODS][METRICS_N_STATUSES];
    Histogram latency[METRICS_N_METHODS];   /* seconds from receipt to answer */
    unsigned long plans[5];                 /* by PlanStatus */
    unsigned long greedy_fallbacks;
    Histogram mip_gap;
    unsigned long frame_errors;
    unsigned long connections_total;
    unsigned long results_dropped;          /* answers for connections already gone */
    unsigned long log_lines_dropped;        /* set at rendering: log_buffer_dropped() */
    unsigned long connections_refused;      /* over --max-connections */
    unsigned long frame_timeouts;           /* frames not completed within --frame-timeout */
    unsigned long auth_refused[2];          /* by METRICS_AUTH_*: requests refused for their token */
    unsigned long tls_handshake_failures;   /* TLS connections closed before their handshake ended */
    unsigned long drops[DROP_N];            /* connections the server closed or refused, by reason */
    unsigned long frames_shed;              /* frames refused over --max-buffered-bytes */
    unsigned long accept_errors;            /* accept() failures (out of file descriptors, ...) */
} Metrics;

/* What the loop knows at rendering time. */
typedef struct MetricsGauges {
    int queue_depth, queue_capacity, workers, busy_workers, connections, draining;
    long inflight;
    size_t buffered_bytes, max_buffered_bytes;
} MetricsGauges;

void metrics_init(Metrics *m);
/* The index of a method's label: a method's index in the dispatch table, METRICS_UNKNOWN_METHOD
 * for any other name, METRICS_NO_METHOD when method is NULL. */
int metrics_method_index(const char *method);
void metrics_count_request(Metrics *m, const char *method, int status, double seconds);
/* Counts a solve's plan status, fallback and gap. */
void metrics_count_plan(Metrics *m, const JobResult *result);
/* The Prometheus text exposition of m and g; free() it. NULL when out of memory. */
char *metrics_render(const Metrics *m, const MetricsGauges *g);

#endif
