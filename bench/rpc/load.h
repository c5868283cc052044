/* One connection's share of bench_rpc's load: the shared settings, what a connection measured,
 * and the two loops (the service's framing; gRPC over HTTP/2). Each loop keeps `inflight`
 * calls in flight on its connection until `end_ns`, then waits for the last answers; every
 * answer is checked: status OK and, for Solve, a plan with the expected total cost, for Health
 * a HealthResponse that says serving. */
#ifndef BENCH_LOAD_H
#define BENCH_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "sourcing.pb-c.h"

#define LOAD_MAX_INFLIGHT 64            /* per connection */
#define LOAD_MAX_SAMPLES 400000         /* latencies kept per connection; more are counted only */
#define LOAD_MAX_ANSWER (8u << 20)      /* largest answer read */
#define LOAD_STALL_MS 60000             /* no answer for this long: the run fails */

typedef struct {
    const char *address;                /* HOST:PORT */
    int health;                         /* 1: Health (answered on the event loop), 0: Solve */
    const Sourcing__Batch *batch;
    const uint8_t *batch_bytes;         /* the batch, encoded once */
    size_t batch_len;
    double expect_total;                /* every plan's total cost */
    int inflight;                       /* 1..LOAD_MAX_INFLIGHT */
    uint32_t deadline_ms;
    int64_t end_ns;                     /* CLOCK_MONOTONIC: stop sending */
} LoadSettings;

typedef struct {
    int64_t completed;                  /* answers checked OK */
    int64_t errors;                     /* anything else */
    char first_error[256];
    double *latency_ms;                 /* LOAD_MAX_SAMPLES, malloc'd by the caller */
    int64_t samples;
    int64_t finished_ns;                /* when the last answer came */
} LoadResult;

int64_t load_now_ns(void);
/* Records an answer: latency from start_ns, OK or an error (message kept if it is the first). */
void load_record(LoadResult *r, int64_t start_ns, int ok, const char *error);
/* 1 when an OK answer's message is right (a plan with the expected total cost; a health
 * answer that says serving), else 0 with why. */
int load_answer_ok(const LoadSettings *s, const uint8_t *bytes, size_t len, char *why, size_t size);

/* The loops: 0 when the connection ran to the end (answers may still have failed), -1 when it
 * could not connect or broke (first_error says why). */
int load_framed(const LoadSettings *s, LoadResult *r);
int load_grpc(const LoadSettings *s, LoadResult *r);

#endif
