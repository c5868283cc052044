/* Service counters and the Prometheus text format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "metrics.h"
#include "sourcing.pb-c.h"
#include "status.h"

static const double LATENCY_BOUNDS[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                        0.5,   1,     2.5,  5,     10,   30,  60};
static const double GAP_BOUNDS[] = {0, 1e-6, 1e-4, 1e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5};
static const char *const PLAN_STATUS_NAMES[5] = {"STATUS_UNKNOWN", "OPTIMAL", "FEASIBLE",
                                                 "HEURISTIC", "INVALID"};

static void histogram_init(Histogram *h, const double *bounds, int n)
{
    memset(h, 0, sizeof *h);
    h->bounds = bounds;
    h->n_bounds = n;
}

static void histogram_observe(Histogram *h, double value)
{
    int i = 0;
    while (i < h->n_bounds && value > h->bounds[i])
        i++;
    h->counts[i]++;
    h->count++;
    h->sum += value;
}

void metrics_init(Metrics *m)
{
    memset(m, 0, sizeof *m);
    for (int i = 0; i < METRICS_N_METHODS; i++)
        histogram_init(&m->latency[i], LATENCY_BOUNDS, sizeof LATENCY_BOUNDS / sizeof LATENCY_BOUNDS[0]);
    histogram_init(&m->mip_gap, GAP_BOUNDS, sizeof GAP_BOUNDS / sizeof GAP_BOUNDS[0]);
}

int metrics_method_index(const char *method)
{
    if (!method)
        return METRICS_NO_METHOD;
    for (int i = 0; i < DISPATCH_N_METHODS; i++)
        if (!strcmp(method, dispatch_method_name(i)))
            return i;
    return METRICS_UNKNOWN_METHOD;
}

static const char *method_label(int index)
{
    return index < DISPATCH_N_METHODS       ? dispatch_method_name(index)
           : index == METRICS_UNKNOWN_METHOD ? "unknown"
                                             : "none";
}

void metrics_count_request(Metrics *m, const char *method, int status, double seconds)
{
    int i = metrics_method_index(method);
    if (status >= 0 && status < METRICS_N_STATUSES)
        m->requests[i][status]++;
    histogram_observe(&m->latency[i], seconds);
}

void metrics_count_plan(Metrics *m, const JobResult *r)
{
    if (!r->has_plan)
        return;
    for (int i = 0; i < 5; i++)
        if (!strcmp(r->plan_status, PLAN_STATUS_NAMES[i]))
            m->plans[i]++;
    if (r->fell_back)
        m->greedy_fallbacks++;
    if (r->has_gap)
        histogram_observe(&m->mip_gap, r->gap);
}

static void render_histogram(FILE *f, const char *name, const char *labels, const Histogram *h)
{
    unsigned long cumulative = 0;
    const char *sep = labels[0] ? "," : "";
    for (int i = 0; i < h->n_bounds; i++) {
        cumulative += h->counts[i];
        fprintf(f, "%s_bucket{%s%sle=\"%g\"} %lu\n", name, labels, sep, h->bounds[i], cumulative);
    }
    fprintf(f, "%s_bucket{%s%sle=\"+Inf\"} %lu\n", name, labels, sep, h->count);
    char braces[96] = "";
    if (labels[0])
        snprintf(braces, sizeof braces, "{%s}", labels);
    fprintf(f, "%s_sum%s %.9g\n%s_count%s %lu\n", name, braces, h->sum, name, braces, h->count);
}

static void render_requests(FILE *f, const Metrics *m)
{
    fprintf(f, "# HELP sourcing_requests_total Requests answered, by method and status.\n"
               "# TYPE sourcing_requests_total counter\n");
    for (int i = 0; i < METRICS_N_METHODS; i++)
        for (int s = 0; s < METRICS_N_STATUSES; s++)
            if (m->requests[i][s])
                fprintf(f, "sourcing_requests_total{method=\"%s\",status=\"%s\"} %lu\n",
                        method_label(i), srv_status_name(s), m->requests[i][s]);
    fprintf(f, "# HELP sourcing_request_duration_seconds From receipt to answer, by method.\n"
               "# TYPE sourcing_request_duration_seconds histogram\n");
    for (int i = 0; i < METRICS_N_METHODS; i++) {
        char labels[64];
        snprintf(labels, sizeof labels, "method=\"%s\"", method_label(i));
        if (m->latency[i].count)
            render_histogram(f, "sourcing_request_duration_seconds", labels, &m->latency[i]);
    }
}

static void render_plans(FILE *f, const Metrics *m)
{
    fprintf(f, "# HELP sourcing_plans_total Plans returned by solves, by plan status.\n"
               "# TYPE sourcing_plans_total counter\n");
    for (int i = 1; i < 5; i++)
        fprintf(f, "sourcing_plans_total{status=\"%s\"} %lu\n", PLAN_STATUS_NAMES[i], m->plans[i]);
    fprintf(f, "# HELP sourcing_greedy_fallbacks_total Solves answered by heuristics although the "
               "MIP was allowed (too little time, or the MIP found nothing better).\n"
               "# TYPE sourcing_greedy_fallbacks_total counter\n"
               "sourcing_greedy_fallbacks_total %lu\n", m->greedy_fallbacks);
    fprintf(f, "# HELP sourcing_mip_gap Final relative gap of plans from the MIP.\n"
               "# TYPE sourcing_mip_gap histogram\n");
    render_histogram(f, "sourcing_mip_gap", "", &m->mip_gap);
}

static void render_gauge(FILE *f, const char *name, const char *help, long value)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n%s %ld\n", name, help, name, name, value);
}

static void render_state(FILE *f, const Metrics *m, const MetricsGauges *g)
{
    render_gauge(f, "sourcing_queue_depth", "Solves waiting for a worker.", g->queue_depth);
    render_gauge(f, "sourcing_queue_capacity", "Solves that may wait.", g->queue_capacity);
    render_gauge(f, "sourcing_workers", "Worker threads.", g->workers);
    render_gauge(f, "sourcing_workers_busy", "Worker threads solving.", g->busy_workers);
    render_gauge(f, "sourcing_connections", "Open client connections.", g->connections);
    render_gauge(f, "sourcing_solves_inflight", "Solves not yet answered.", g->inflight);
    render_gauge(f, "sourcing_draining", "1 while the server shuts down.", g->draining);
    fprintf(f, "# HELP sourcing_frame_errors_total Frames refused (too large, garbled, compressed).\n"
               "# TYPE sourcing_frame_errors_total counter\nsourcing_frame_errors_total %lu\n"
               "# HELP sourcing_connections_total Connections accepted.\n"
               "# TYPE sourcing_connections_total counter\nsourcing_connections_total %lu\n"
               "# HELP sourcing_results_dropped_total Answers dropped because the client had gone.\n"
               "# TYPE sourcing_results_dropped_total counter\nsourcing_results_dropped_total %lu\n"
               "# HELP sourcing_log_lines_dropped_total Log lines dropped because stderr did not take them.\n"
               "# TYPE sourcing_log_lines_dropped_total counter\nsourcing_log_lines_dropped_total %lu\n"
               "# HELP sourcing_connections_refused_total Connections refused over --max-connections.\n"
               "# TYPE sourcing_connections_refused_total counter\nsourcing_connections_refused_total %lu\n"
               "# HELP sourcing_frame_timeouts_total Connections closed: a frame not completed within --frame-timeout.\n"
               "# TYPE sourcing_frame_timeouts_total counter\nsourcing_frame_timeouts_total %lu\n",
            m->frame_errors, m->connections_total, m->results_dropped, m->log_lines_dropped,
            m->connections_refused, m->frame_timeouts);
}

static void render_security(FILE *f, const Metrics *m)
{
    fprintf(f, "# HELP sourcing_auth_refusals_total Requests refused for their bearer token (all ports).\n"
               "# TYPE sourcing_auth_refusals_total counter\n"
               "sourcing_auth_refusals_total{status=\"UNAUTHENTICATED\"} %lu\n"
               "sourcing_auth_refusals_total{status=\"PERMISSION_DENIED\"} %lu\n"
               "# HELP sourcing_tls_handshake_failures_total Connections closed before their TLS handshake ended.\n"
               "# TYPE sourcing_tls_handshake_failures_total counter\n"
               "sourcing_tls_handshake_failures_total %lu\n",
            m->auth_refused[METRICS_AUTH_UNAUTHENTICATED], m->auth_refused[METRICS_AUTH_PERMISSION_DENIED],
            m->tls_handshake_failures);
}

/* Admission control: connections dropped by reason, frames shed, accept errors, the buffers. */
static void render_admission(FILE *f, const Metrics *m, const MetricsGauges *g)
{
    fprintf(f, "# HELP sourcing_connections_dropped_total Connections the server closed or refused, by reason.\n"
               "# TYPE sourcing_connections_dropped_total counter\n");
    for (int i = 1; i < DROP_N; i++)
        fprintf(f, "sourcing_connections_dropped_total{reason=\"%s\"} %lu\n", drop_name(i), m->drops[i]);
    fprintf(f, "# HELP sourcing_frames_shed_total Frames refused RESOURCE_EXHAUSTED over --max-buffered-bytes.\n"
               "# TYPE sourcing_frames_shed_total counter\nsourcing_frames_shed_total %lu\n"
               "# HELP sourcing_accept_errors_total accept() failures (out of file descriptors, ...).\n"
               "# TYPE sourcing_accept_errors_total counter\nsourcing_accept_errors_total %lu\n",
            m->frames_shed, m->accept_errors);
    render_gauge(f, "sourcing_buffered_bytes", "Bytes of requests being read and answers not yet written.",
                 (long)g->buffered_bytes);
    render_gauge(f, "sourcing_buffered_bytes_limit", "--max-buffered-bytes.", (long)g->max_buffered_bytes);
}

char *metrics_render(const Metrics *m, const MetricsGauges *g)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        return NULL;
    render_requests(f, m);
    render_plans(f, m);
    render_state(f, m, g);
    render_security(f, m);
    render_admission(f, m, g);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
