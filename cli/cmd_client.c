/* `sourcing client`: calls a running server (Solve, Health, Info; Cancel on Ctrl-C during a solve)
 * with the C client library. */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "batch_io.h"
#include "cancel_watch.h"
#include "client.h"
#include "commands.h"
#include "config.h"
#include "output_path.h"
#include "plan_print.h"
#include "status.h"
#include "token_source.h"

#define CONNECT_TIMEOUT_MS 5000
#define NO_DEADLINE_TIMEOUT_MS 600000
#define AFTER_DEADLINE_MS 5000

typedef struct ClientArgs {
    const char *command, *batch, *server, *plan_out;
    int deadline_ms, timeout_ms;
    int json;
    int use_tls;                  /* --tls-ca given */
    SrvClientTls tls;
    const char *token_file, *token_env;
    char token[TOKEN_SOURCE_MAX];
} ClientArgs;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing client solve BATCH [--server ADDR:PORT] [--deadline MS] [--timeout MS]\n"
            "                               [--json] [--plan OUT]\n"
            "       sourcing client health [--server ADDR:PORT] [--json]\n"
            "       sourcing client info [--server ADDR:PORT] [--json]\n"
            "       every command also takes [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]\n"
            "                                [--token FILE | --token-env VAR]\n"
            "  BATCH           problem file: JSON or binary protobuf (.pb); - is stdin\n"
            "  --server        the server (default %s)\n"
            "  --deadline MS   the answer must come within MS milliseconds of receipt (default: none,\n"
            "                  the batch's time limit or the solver's default applies)\n"
            "  --timeout MS    give up waiting after MS (default: deadline + 5 s, else 10 min)\n"
            "  --json          print the plan (or the health/info answer) as JSON\n"
            "  --plan OUT      also write the plan (JSON, or binary if OUT ends in .pb)\n"
            "  --tls-ca FILE   connect with TLS; the server's certificate must be signed by a CA in\n"
            "                  FILE (PEM) and name the host of --server\n"
            "  --tls-cert FILE, --tls-key FILE  a client certificate and key (PEM) for a server\n"
            "                  with --tls-client-ca\n"
            "  --token FILE    send the bearer token in FILE (its first line that is not blank or a\n"
            "                  # comment) with every request\n"
            "  --token-env VAR send the bearer token in environment variable VAR\n"
            "Ctrl-C (SIGINT) or SIGTERM during a solve sends Cancel for it on its connection: the\n"
            "server stops it and answers CANCELLED with its best plan so far, which is shown and\n"
            "written as usual before the command ends by the signal; a second signal quits at once.\n"
            "exit: 0 OK (health: serving), 2 bad usage or INVALID_ARGUMENT, 1 anything else;\n"
            "130 (SIGINT) or 143 (SIGTERM) after a cancelled solve\n",
            SRV_DEFAULT_LISTEN);
}

/* ARGS_CONTINUE, or 2 (with a message) when the TLS and token flags do not fit together or the
 * token cannot be read. */
static int check_security_args(ClientArgs *c)
{
    SrcError err = {{0}};
    if ((c->tls.cert_file || c->tls.key_file) && !c->use_tls)
        src_error_set(&err, "--tls-cert and --tls-key need --tls-ca (the CA that signed the server's "
                      "certificate)");
    else if (!c->tls.cert_file != !c->tls.key_file)
        src_error_set(&err, "--tls-cert and --tls-key go together");
    else if (c->token_file && c->token_env)
        src_error_set(&err, "--token and --token-env: give one");
    else if (c->token_file)
        token_from_file(c->token_file, c->token, sizeof c->token, &err);
    else if (c->token_env)
        token_from_env(c->token_env, c->token, sizeof c->token, &err);
    if (!err.message[0])
        return ARGS_CONTINUE;
    fprintf(stderr, "sourcing client: %s\n", err.message);
    return 2;
}

/* ARGS_CONTINUE, or the exit code. The deadline leaves room for AFTER_DEADLINE_MS in an int. */
static int parse_args(int argc, char **argv, ClientArgs *c)
{
    static const struct option options[] = {
        {"server", required_argument, 0, 's'},   {"plan", required_argument, 0, 'p'},
        {"deadline", required_argument, 0, 'd'}, {"timeout", required_argument, 0, 't'},
        {"json", no_argument, 0, 'j'},           {"tls-ca", required_argument, 0, 'C'},
        {"tls-cert", required_argument, 0, 'c'}, {"tls-key", required_argument, 0, 'k'},
        {"token", required_argument, 0, 'T'},    {"token-env", required_argument, 0, 'E'},
        {0, 0, 0, 0}};
    *c = (ClientArgs){.server = SRV_DEFAULT_LISTEN, .timeout_ms = -1};
    Args a;
    args_start(&a, "sourcing client", usage, options, "", argc, argv);
    int flag;
    while ((flag = args_next(&a)) > 0) {
        switch (flag) {
        case 's': c->server = a.value; break;
        case 'p': c->plan_out = a.value; break;
        case 'd': args_int(&a, 0, INT_MAX - AFTER_DEADLINE_MS, &c->deadline_ms); break;
        case 't': args_int(&a, 0, INT_MAX, &c->timeout_ms); break;
        case 'j': c->json = 1; break;
        case 'C': c->use_tls = 1; c->tls.ca_file = a.value; break;
        case 'c': c->tls.cert_file = a.value; break;
        case 'k': c->tls.key_file = a.value; break;
        case 'T': c->token_file = a.value; break;
        case 'E': c->token_env = a.value; break;
        }
    }
    int given = args_positionals(&a, 1, 2);
    if (given < 0)
        return a.exit_code;
    c->command = a.positionals[0];
    c->batch = given == 2 ? a.positionals[1] : NULL;
    if (c->timeout_ms < 0)
        c->timeout_ms = c->deadline_ms > 0 ? c->deadline_ms + AFTER_DEADLINE_MS : NO_DEADLINE_TIMEOUT_MS;
    return check_security_args(c);
}

/* The exit code for a response status. */
static int exit_code(const Sourcing__Response *r)
{
    if (r->status == SOURCING__STATUS_CODE__OK)
        return 0;
    fprintf(stderr, "sourcing client: %s: %s\n", srv_status_name(r->status), r->message ? r->message : "");
    return r->status == SOURCING__STATUS_CODE__INVALID_ARGUMENT ? 2 : 1;
}

/* Connects (with TLS and the token when asked); NULL with err on failure. */
static SrvClient *connect_to(const ClientArgs *a, SrcError *err)
{
    SrvClient *c = srv_client_connect_tls(a->server, CONNECT_TIMEOUT_MS, a->use_tls ? &a->tls : NULL, err);
    if (c && a->token[0] && srv_client_set_token(c, a->token, err) < 0) {
        srv_client_close(c);
        return NULL;
    }
    return c;
}

/* Sends one request and waits for its answer; NULL (and a message) on failure. */
static Sourcing__Response *call(const ClientArgs *a, const char *method, const ProtobufCMessage *payload)
{
    SrcError err = {{0}};
    SrvClient *c = connect_to(a, &err);
    Sourcing__Response *r = NULL;
    if (c)
        r = srv_client_call(c, method, (uint32_t)a->deadline_ms, payload, a->timeout_ms, &err);
    if (!r)
        fprintf(stderr, "sourcing client: %s: %s\n", method, err.message);
    srv_client_close(c);
    return r;
}

static void show_plan(const ClientArgs *a, const Sourcing__Batch *batch, const Sourcing__Plan *plan)
{
    SrcError err = {{0}};
    if (a->plan_out && src_write_message(a->plan_out, &plan->base, &err) < 0)
        fprintf(stderr, "sourcing client: %s\n", err.message);
    if (a->json) {
        char *json = src_message_to_json(&plan->base, 2);
        if (json)
            printf("%s\n", json);
        free(json);
    } else {
        plan_print_summary(stdout, batch, plan);
    }
}

/* Solve, with Cancel on the same connection when interrupted: the answer (CANCELLED then) is
 * awaited either way. *caught is the signal that cancelled it, or 0. */
static Sourcing__Response *call_solve(const ClientArgs *a, const Sourcing__Batch *batch, int *caught)
{
    SrcError err = {{0}};
    *caught = 0;
    SrvClient *c = connect_to(a, &err);
    Sourcing__Response *r = NULL;
    if (c) {
        uint64_t id = srv_client_next_id(c), cancel_id = srv_client_next_id(c);
        if (!srv_client_send(c, id, "Solve", (uint32_t)a->deadline_ms, &batch->base, &err)) {
            CancelWatch *watch = cancel_watch_start(c, id, cancel_id);
            r = srv_client_wait(c, id, a->timeout_ms, &err);
            *caught = cancel_watch_stop(watch);
        }
    }
    if (!r)
        fprintf(stderr, "sourcing client: Solve: %s\n", err.message);
    srv_client_close(c);
    return r;
}

static int run_solve(const ClientArgs *a)
{
    if (!a->batch) {
        fprintf(stderr, "sourcing client solve: which batch? (sourcing client solve BATCH)\n");
        return 2;
    }
    SrcError err = {{0}};
    if (a->plan_out && output_path_check(a->plan_out, &err)) {
        fprintf(stderr, "sourcing client: %s\n", err.message);
        return 2;
    }
    Sourcing__Batch *batch = src_read_batch(a->batch, &err);
    if (!batch) {
        fprintf(stderr, "sourcing client: %s\n", err.message);
        return 2;
    }
    int caught;
    Sourcing__Response *r = call_solve(a, batch, &caught);
    int rc = r ? exit_code(r) : 1;
    Sourcing__Plan *plan = (Sourcing__Plan *)srv_response_payload(r, &sourcing__plan__descriptor);
    if (plan)
        show_plan(a, batch, plan);
    src_plan_free(plan);
    srv_response_free(r);
    src_batch_free(batch);
    if (caught) {   /* the plan is saved: now end as interrupted */
        fflush(NULL);
        signal(caught, SIG_DFL);
        raise(caught);
    }
    return rc;
}

static void print_health(const Sourcing__HealthResponse *h)
{
    printf("serving:      %s\nqueue:        %lld waiting of %lld\nworkers:      %lld busy of %lld\n"
           "connections:  %lld\n",
           h->serving ? "yes" : "no (shutting down)", (long long)h->queue_depth,
           (long long)h->queue_capacity, (long long)h->busy_workers, (long long)h->workers,
           (long long)h->connections);
}

static void print_info(const Sourcing__InfoResponse *i)
{
    printf("version:      %s (solver %s, GLPK %s)\nworkers:      %lld\nqueue:        %lld\n"
           "max message:  %lld bytes\nper connection: %lld solves in flight\nidle timeout: %lld s\n"
           "grace:        %lld s\nmargin:       %s\nmethods:     ",
           i->version, i->solver_version, i->glpk_version, (long long)i->workers,
           (long long)i->queue_capacity, (long long)i->max_message_bytes,
           (long long)i->max_inflight_per_connection, (long long)i->idle_timeout_seconds,
           (long long)i->grace_seconds, i->deadline_margin);
    for (size_t k = 0; k < i->n_methods; k++)
        printf(" %s", i->methods[k]);
    printf("\nstrategies:  ");
    for (size_t k = 0; k < i->n_strategies; k++)
        printf(" %s", i->strategies[k]);
    printf("\n");
}

/* Health and Info: no payload in, one message out. */
static int run_query(const ClientArgs *a, const char *method, const ProtobufCMessageDescriptor *desc)
{
    Sourcing__Response *r = call(a, method, NULL);
    int rc = r ? exit_code(r) : 1;
    ProtobufCMessage *m = srv_response_payload(r, desc);
    if (m && a->json) {
        char *json = src_message_to_json(m, 2);
        printf("%s\n", json ? json : "{}");
        free(json);
    } else if (m && desc == &sourcing__health_response__descriptor) {
        print_health((const Sourcing__HealthResponse *)m);
        rc = ((const Sourcing__HealthResponse *)m)->serving ? rc : 1;
    } else if (m) {
        print_info((const Sourcing__InfoResponse *)m);
    }
    if (m)
        protobuf_c_message_free_unpacked(m, NULL);
    srv_response_free(r);
    return rc;
}

int cmd_client(int argc, char **argv)
{
    ClientArgs a;
    int rc = parse_args(argc, argv, &a);
    if (rc != ARGS_CONTINUE)
        return rc;
    if (!strcmp(a.command, "solve"))
        return run_solve(&a);
    if (!strcmp(a.command, "health"))
        return run_query(&a, "Health", &sourcing__health_response__descriptor);
    if (!strcmp(a.command, "info"))
        return run_query(&a, "Info", &sourcing__info_response__descriptor);
    if (!strcmp(a.command, "cancel")) {
        fprintf(stderr, "sourcing client cancel: the service's Cancel names a request on its own connection, so "
                        "it cannot come from another command: interrupt `sourcing client solve` (Ctrl-C or SIGTERM) "
                        "to cancel its solve and get the best plan so far\n");
        return 2;
    }
    fprintf(stderr, "sourcing client: unknown command '%s'\n", a.command);
    usage(stderr);
    return 2;
}
