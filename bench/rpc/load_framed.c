/* The framed loop of bench_rpc: the C client library (server/wire/client.h) on one connection,
 * `inflight` requests pipelined, answers matched to requests by id. A Solve's request is
 * encoded for each call (the batch as the envelope's payload), as a client would. */
#include <stdio.h>

#include "client.h"
#include "load.h"

typedef struct {
    uint64_t id;                        /* 0: free */
    int64_t start_ns;
} Pending;

static Pending *find(Pending *p, int n, uint64_t id)
{
    for (int i = 0; i < n; i++)
        if (p[i].id == id)
            return &p[i];
    return NULL;
}

static int send_one(const LoadSettings *s, SrvClient *c, Pending *slot, LoadResult *r)
{
    SrcError err;
    slot->id = srv_client_next_id(c);
    slot->start_ns = load_now_ns();
    if (srv_client_send(c, slot->id, s->health ? "Health" : "Solve", s->deadline_ms,
                        s->health ? NULL : &s->batch->base, &err) == 0)
        return 0;
    snprintf(r->first_error, sizeof r->first_error, "send: %s", err.message);
    return -1;
}

/* Reads one answer and records it; -1 when the connection broke. */
static int read_one(const LoadSettings *s, SrvClient *c, Pending *p, LoadResult *r)
{
    SrcError err;
    Sourcing__Response *resp = srv_client_read(c, LOAD_STALL_MS, &err);
    if (!resp) {
        snprintf(r->first_error, sizeof r->first_error, "read: %s", err.message);
        return -1;
    }
    Pending *slot = find(p, s->inflight, resp->request_id);
    char why[200] = "";
    int ok = 0;
    if (!slot)
        snprintf(why, sizeof why, "an answer to request %llu, never sent", (unsigned long long)resp->request_id);
    else if (resp->status != SOURCING__STATUS_CODE__OK)
        snprintf(why, sizeof why, "status %d: %s", (int)resp->status, resp->message ? resp->message : "");
    else
        ok = load_answer_ok(s, resp->payload.data, resp->payload.len, why, sizeof why);
    if (slot) {
        load_record(r, slot->start_ns, ok, why);
        slot->id = 0;
    } else {
        load_record(r, load_now_ns(), 0, why);
    }
    srv_response_free(resp);
    return 0;
}

int load_framed(const LoadSettings *s, LoadResult *r)
{
    SrcError err;
    SrvClient *c = srv_client_connect(s->address, 10000, &err);
    if (!c) {
        snprintf(r->first_error, sizeof r->first_error, "connect %s: %s", s->address, err.message);
        return -1;
    }
    Pending p[LOAD_MAX_INFLIGHT] = {{0, 0}};
    int in_flight = 0, rc = 0;
    for (;;) {
        for (int i = 0; i < s->inflight && load_now_ns() < s->end_ns; i++) {
            if (p[i].id)
                continue;
            if (send_one(s, c, &p[i], r) < 0) {
                rc = -1;
                goto done;
            }
            in_flight++;
        }
        if (in_flight == 0)
            break;
        if (read_one(s, c, p, r) < 0) {
            rc = -1;
            break;
        }
        in_flight--;
    }
done:
    srv_client_close(c);
    return rc;
}
