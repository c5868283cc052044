/* POST /v1/solve on the HTTP port: a batch as JSON in, the plan as JSON out. Each request
 * becomes a borrowed connection (conn.h) whose one Solve goes through submit.c like any other:
 * the same queue, workers, deadlines, log and metrics. The worker parses the JSON and writes the
 * plan's JSON (job->json); this file checks the request and hands it on, http_reply.c answers
 * it (docs/protocol.md, "The JSON endpoint"). Loop thread only. */
#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>

#include "auth.h"
#include "clock.h"
#include "conn.h"
#include "http_reply.h"
#include "http_solve.h"
#include "reply.h"
#include "submit.h"
#include "tokens.h"

/* 1 when the body may be read as JSON: application/json, none, or what `curl -d` sends. */
static int json_content_type(const char *type)
{
    if (!type)
        return 1;
    size_t n = strcspn(type, "; \t");
    return (n == 16 && !strncasecmp(type, "application/json", n)) ||
           (n == 33 && !strncasecmp(type, "application/x-www-form-urlencoded", n));
}

/* A deadline in ms: decimal digits only, at most UINT32_MAX; 0 or -1. */
static int parse_ms(const char *text, uint32_t *ms)
{
    if (!text[0] || strlen(text) > 10 || strspn(text, "0123456789") != strlen(text))
        return -1;
    unsigned long long v = strtoull(text, NULL, 10);
    if (v > UINT32_MAX)
        return -1;
    *ms = (uint32_t)v;
    return 0;
}

/* The deadline from ?deadline_ms=N or the X-Deadline-Ms header (0: none). NULL, or what is wrong. */
static const char *request_deadline(struct evhttp_request *req, uint32_t *ms)
{
    *ms = 0;
    const char *header = evhttp_find_header(evhttp_request_get_input_headers(req), "X-Deadline-Ms");
    const char *query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
    struct evkeyvalq params;
    TAILQ_INIT(&params);
    if (query && evhttp_parse_query_str(query, &params) < 0)
        return "the query string is malformed; the one parameter is deadline_ms=N";
    const char *why = NULL, *param = NULL;
    for (struct evkeyval *kv = params.tqh_first; kv && !why; kv = kv->next.tqe_next) {
        if (strcmp(kv->key, "deadline_ms") != 0 || param)
            why = "unknown or repeated query parameter; the one parameter is deadline_ms=N";
        param = kv->value;
    }
    uint32_t from_header = 0;
    if (!why && header && parse_ms(header, &from_header) < 0)
        why = "X-Deadline-Ms must be a whole number of milliseconds, 0 to 4294967295 (0: none)";
    if (!why && param && parse_ms(param, ms) < 0)
        why = "deadline_ms must be a whole number of milliseconds, 0 to 4294967295 (0: none)";
    if (!why && header && param && from_header != *ms)
        why = "deadline_ms and X-Deadline-Ms disagree; give the deadline once";
    if (!why && header)
        *ms = from_header;
    evhttp_clear_headers(&params);
    return why;
}

/* What makes the request unfit to queue, with its HTTP code; NULL when none. */
static const char *refusal(Server *s, struct evhttp_request *req, int *code, uint32_t *deadline_ms)
{
    static char message[200];
    *code = 400;
    if (evhttp_request_get_command(req) != EVHTTP_REQ_POST) {
        *code = 405;
        return "POST a batch as JSON to /v1/solve";
    }
    const char *type = evhttp_find_header(evhttp_request_get_input_headers(req), "Content-Type");
    if (!json_content_type(type)) {
        *code = 415;
        return "the body must be a batch as JSON (Content-Type: application/json)";
    }
    size_t len = evbuffer_get_length(evhttp_request_get_input_buffer(req));
    if (len > s->config.max_message) {
        *code = 413;
        snprintf(message, sizeof message, "the body of %zu bytes is over --max-message (%zu bytes)",
                 len, s->config.max_message);
        return message;
    }
    if (len == 0)
        return "the body is empty: POST a batch as JSON (curl -d @batch.json)";
    return request_deadline(req, deadline_ms);
}

/* "ADDR:PORT" of the client. */
static void peer_of(struct evhttp_request *req, char *out, size_t size)
{
    char *addr = NULL;
    ev_uint16_t port = 0;
    evhttp_connection_get_peer(evhttp_request_get_connection(req), &addr, &port);
    snprintf(out, size, "%s:%u", addr ? addr : "?", (unsigned)port);
}

/* Hands the request to submit_solve as a Request envelope; the payload is the body's bytes. */
static void submit(Conn *c, struct evhttp_request *req, uint64_t id, uint32_t deadline_ms,
                   int64_t received_ns)
{
    struct evbuffer *in = evhttp_request_get_input_buffer(req);
    Sourcing__Request r = SOURCING__REQUEST__INIT;
    r.has_request_id = r.has_deadline_ms = r.has_payload = 1;
    r.request_id = id;
    r.method = "Solve";
    r.deadline_ms = deadline_ms;
    r.payload.len = evbuffer_get_length(in);
    r.payload.data = malloc(r.payload.len);
    if (!r.payload.data) {
        reply(c, &(Reply){.id = r.request_id, .method = "Solve", .received_ns = received_ns,
                          .status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED,
                          .message = "out of memory reading the request"});
        return;
    }
    evbuffer_remove(in, r.payload.data, r.payload.len);
    submit_solve(c, &r, received_ns);
    free(r.payload.data);          /* NULL when the job took it */
}

/* The request's bearer token against --tokens (always OK without them). */
static AuthResult check_token(Server *s, struct evhttp_request *req)
{
    const char *header = evhttp_find_header(evhttp_request_get_input_headers(req), "Authorization");
    size_t len = 0;
    const char *token = header ? tokens_bearer(header, strlen(header), &len) : NULL;
    return auth_check(s, token, len, "the header 'Authorization: Bearer TOKEN'");
}

static void on_solve(struct evhttp_request *req, void *arg)
{
    static uint64_t next_id = 1;  /* for the log: the requests of the HTTP port, counted */
    uint64_t id = next_id++;
    Server *s = arg;
    int64_t received_ns = clock_now_ns();
    char peer[64];
    peer_of(req, peer, sizeof peer);
    HttpCall *call = calloc(1, sizeof *call);
    Conn *c = call ? conn_open_borrowed(s, peer, &CONN_HTTP_JSON, call) : NULL;
    if (!c) {
        free(call);
        evhttp_send_error(req, 503, "out of memory");
        return;
    }
    call->req = req;
    call->evcon = evhttp_request_get_connection(req);
    conn_ref(c);
    int code = 0;
    uint32_t deadline_ms = 0;
    const char *why = refusal(s, req, &code, &deadline_ms);
    AuthResult auth = {0};
    if (why) {
        call->http_code = code;
        int status = code == 405   ? SOURCING__STATUS_CODE__UNIMPLEMENTED
                     : code == 413 ? SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED
                                   : SOURCING__STATUS_CODE__INVALID_ARGUMENT;
        reply(c, &(Reply){.id = id, .method = "Solve", .status = status, .message = why,
                          .received_ns = received_ns});
    } else if ((auth = check_token(s, req)).status != SOURCING__STATUS_CODE__OK) {
        reply(c, &(Reply){.id = id, .method = "Solve", .status = auth.status, .message = auth.message,
                          .received_ns = received_ns});
    } else if (s->n_conns > s->config.max_connections && !s->draining) {
        char message[200];
        snprintf(message, sizeof message, "%d connections and HTTP solves are open "
                 "(--max-connections); retry later", s->n_conns - 1);
        reply(c, &(Reply){.id = id, .method = "Solve", .status = SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED,
                          .message = message, .received_ns = received_ns});
    } else {
        c->client = auth.client;
        http_reply_watch_client(c, call);
        submit(c, req, id, deadline_ms, received_ns);
    }
    conn_maybe_finish(c);          /* closes it unless its solve is in flight */
    conn_unref(c);
}

void http_solve_register(Server *s)
{
    evhttp_set_cb(s->http, "/v1/solve", on_solve, s);
    evhttp_set_max_body_size(s->http, (ev_ssize_t)s->config.max_message);
}
