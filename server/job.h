/* One Solve request on its way through the server: created by the loop, queued, run by a
 * worker (job_run), answered by the loop. Fields say who may touch them and when. */
#ifndef SRV_JOB_H
#define SRV_JOB_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct Conn;
struct event;

typedef enum JobState { JOB_NEW, JOB_QUEUED, JOB_RUNNING, JOB_DONE } JobState;

/* Why the loop asked a job to stop (loop thread only). */
typedef enum JobStop {
    STOP_NONE = 0,
    STOP_CLIENT_CANCEL,   /* a Cancel request */
    STOP_DISCONNECT,      /* the connection closed */
    STOP_DEADLINE,        /* the deadline passed */
    STOP_SHUTDOWN,        /* the shutdown grace period ended */
} JobStop;

/* What a worker found (written by the worker, read by the loop once the job is done). */
typedef struct JobResult {
    int status;               /* a Sourcing__StatusCode */
    char message[1024];
    uint8_t *payload;         /* packed plan (JSON text for a json job), or NULL */
    size_t payload_len;
    long orders;              /* -1: the batch did not decode */
    int has_plan;
    double cost;
    char plan_status[16];     /* "OPTIMAL", "FEASIBLE", "HEURISTIC", "INVALID" */
    char solver_method[32];   /* the plan's method, e.g. "greedy+local" */
    int fell_back;            /* the MIP was allowed but did not prove the plan (no bound, or a
                                 Lagrangian one): heuristics answered */
    int has_gap;              /* the MIP proved the bound: gap is its final relative gap */
    double gap;
    double time_limit;        /* seconds given to src_solve (0 = none) */
} JobResult;

typedef struct Job {
    /* set by the loop before queueing, then read-only */
    struct Conn *conn;        /* holds a reference (conn_ref) */
    uint64_t request_id;
    uint8_t *payload;         /* the Batch, packed */
    size_t payload_len;
    int64_t received_ns;
    uint32_t deadline_ms;     /* 0 = none */
    size_t max_decode_memory; /* bytes the batch may take once decoded (--max-decode-memory) */
    const char *client;       /* the name of its bearer token (--tokens), or NULL */
    int json;                 /* the batch is JSON text and the plan is answered as JSON text
                                 (the HTTP endpoint), not protobuf */
    /* any thread */
    atomic_int cancel;
    /* pool mutex */
    JobState state;
    struct Job *queue_next;
    /* loop thread only */
    JobStop stop;
    struct event *deadline_timer;
    struct Job *conn_next;
    /* worker, then loop */
    JobResult result;
} Job;

/* A job that owns payload (malloc'd). NULL when out of memory. */
Job *job_new(struct Conn *conn, uint64_t request_id, uint8_t *payload, size_t payload_len,
             int64_t received_ns, uint32_t deadline_ms);
void job_free(Job *job);

/* Sets the status and message (copied, cut to fit) of a job's result. */
void job_result_set(JobResult *r, int status, const char *message);

#endif
