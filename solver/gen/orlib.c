/* Reading OR-Library cap* files: a whitespace-separated token scanner that knows its line, a parser
 * into plain arrays (every number checked), then the batch by SPEC.md's "Known special case". */
#include "orlib.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_build.h"
#include "batch_io.h"
#include "file.h"
#include "validate.h"

#define TOKEN_MAX 64

typedef struct Scanner {
    const char *p, *end;
    int line;                /* the line the scanner is on */
    int token_line;          /* the line of the last token */
    char token[TOKEN_MAX];   /* the last token, cut short if longer */
    size_t token_len;        /* its real length */
} Scanner;

/* The instance as the file gives it (not the solver's Problem). */
typedef struct OrlibData {
    size_t m, n;             /* warehouses, customers */
    int64_t *capacity;       /* [m] */
    double *fixed;           /* [m] */
    int64_t *demand;         /* [n] */
    double *cost;            /* [j * m + i]: allocating all of customer j's demand to warehouse i */
    int used_given_capacity; /* some capacity was the word "capacity" */
} OrlibData;

/* Moves to the next token; 0 at the end of the text. */
static int next_token(Scanner *s)
{
    while (s->p < s->end && isspace((unsigned char)*s->p)) {
        if (*s->p == '\n')
            s->line++;
        s->p++;
    }
    if (s->p == s->end)
        return 0;
    const char *start = s->p;
    s->token_line = s->line;
    while (s->p < s->end && !isspace((unsigned char)*s->p))
        s->p++;
    s->token_len = (size_t)(s->p - start);
    size_t kept = s->token_len < TOKEN_MAX ? s->token_len : TOKEN_MAX - 1;
    memcpy(s->token, start, kept);
    s->token[kept] = '\0';
    return 1;
}

/* The current token as a finite number >= 0 described by what ("the demand of customer 3"). */
static int token_number(const Scanner *s, const char *what, double *out, SrcError *err)
{
    if (s->token_len >= TOKEN_MAX)
        return src_error_set(err, "line %d: expected %s, found a %zu-character token starting '%.20s'",
                             s->line, what, s->token_len, s->token);
    char *end = NULL;
    errno = 0;
    double v = strtod(s->token, &end);
    if (end == s->token || *end || errno == ERANGE || !isfinite(v))
        return src_error_set(err, "line %d: expected %s, found '%s'", s->line, what, s->token);
    if (v < 0 || v > SRC_MAX_COST)
        return src_error_set(err, "line %d: %s is %s, outside 0..%g", s->line, what, s->token,
                             SRC_MAX_COST);
    *out = v;
    return 0;
}

/* The current token as a whole number in 0..max described by what. */
static int token_count(const Scanner *s, const char *what, int64_t max, int64_t *out, SrcError *err)
{
    double v;
    if (token_number(s, what, &v, err))
        return -1;
    if (v != floor(v) || v > (double)max)
        return src_error_set(err, "line %d: %s must be a whole number in 0..%lld, found '%s'",
                             s->line, what, (long long)max, s->token);
    *out = (int64_t)v;
    return 0;
}

static int expect_token(Scanner *s, const char *what, SrcError *err)
{
    if (!next_token(s))
        return src_error_set(err, "line %d: the file ends where %s was expected", s->token_line, what);
    return 0;
}

static int read_number(Scanner *s, const char *what, double *out, SrcError *err)
{
    return expect_token(s, what, err) ? -1 : token_number(s, what, out, err);
}

static int read_count(Scanner *s, const char *what, int64_t max, int64_t *out, SrcError *err)
{
    return expect_token(s, what, err) ? -1 : token_count(s, what, max, out, err);
}

/* Reads warehouse i's capacity: a number, or the word "capacity" replaced by the given one. */
static int read_capacity(Scanner *s, OrlibData *data, size_t i, int64_t given, SrcError *err)
{
    char what[64];
    snprintf(what, sizeof what, "the capacity of warehouse %zu", i + 1);
    if (expect_token(s, what, err))
        return -1;
    if (strcmp(s->token, "capacity"))
        return token_count(s, what, SRC_MAX_QUANTITY, &data->capacity[i], err);
    if (given <= 0)
        return src_error_set(err, "line %d: the capacity of warehouse %zu is the word 'capacity' "
                             "(as in capa.txt): give the capacity to use "
                             "(sourcing import-orlib --capacity N)", s->line, i + 1);
    if (given > SRC_MAX_QUANTITY)
        return src_error_set(err, "the capacity %lld is above %lld", (long long)given,
                             (long long)SRC_MAX_QUANTITY);
    data->capacity[i] = given;
    data->used_given_capacity = 1;
    return 0;
}

static int read_sizes(Scanner *s, OrlibData *data, SrcError *err)
{
    int64_t m, n;
    if (read_count(s, "the number of warehouses", SRC_MAX_NODES, &m, err) ||
        read_count(s, "the number of customers", SRC_MAX_ORDERS, &n, err))
        return -1;
    if (m < 1 || n < 1)
        return src_error_set(err, "line %d: needs at least one warehouse and one customer, found %lld and %lld",
                             s->line, (long long)m, (long long)n);
    if (m * n > SRC_MAX_LANES)
        return src_error_set(err, "line %d: %lld warehouses x %lld customers make more than %d lanes",
                             s->line, (long long)m, (long long)n, SRC_MAX_LANES);
    data->m = (size_t)m;
    data->n = (size_t)n;
    data->capacity = calloc(data->m, sizeof *data->capacity);
    data->fixed = calloc(data->m, sizeof *data->fixed);
    data->demand = calloc(data->n, sizeof *data->demand);
    data->cost = calloc(data->m * data->n, sizeof *data->cost);
    if (!data->capacity || !data->fixed || !data->demand || !data->cost)
        return src_error_set(err, "out of memory for %zu warehouses x %zu customers", data->m, data->n);
    return 0;
}

static int read_warehouses(Scanner *s, OrlibData *data, int64_t capacity, SrcError *err)
{
    char what[64];
    for (size_t i = 0; i < data->m; i++) {
        snprintf(what, sizeof what, "the fixed cost of warehouse %zu", i + 1);
        if (read_capacity(s, data, i, capacity, err) ||
            read_number(s, what, &data->fixed[i], err))
            return -1;
    }
    return 0;
}

static int read_customers(Scanner *s, OrlibData *data, SrcError *err)
{
    char what[96];
    int64_t total = 0;
    for (size_t j = 0; j < data->n; j++) {
        snprintf(what, sizeof what, "the demand of customer %zu", j + 1);
        if (read_count(s, what, SRC_MAX_QUANTITY, &data->demand[j], err))
            return -1;
        total += data->demand[j];
        if (total > SRC_MAX_QUANTITY)
            return src_error_set(err, "line %d: the total demand exceeds %lld units", s->line,
                                 (long long)SRC_MAX_QUANTITY);
        for (size_t i = 0; i < data->m; i++) {
            snprintf(what, sizeof what, "the cost of allocating customer %zu to warehouse %zu", j + 1, i + 1);
            if (read_number(s, what, &data->cost[j * data->m + i], err))
                return -1;
        }
    }
    if (next_token(s))
        return src_error_set(err, "line %d: unexpected '%s' after the last customer", s->line, s->token);
    return 0;
}

static void orlib_data_free(OrlibData *data)
{
    free(data->capacity);
    free(data->fixed);
    free(data->demand);
    free(data->cost);
}

double src_orlib_unfilled_cost(double max_fixed, double max_unit_cost)
{
    return (max_fixed + max_unit_cost) * 1.01 + 1.0;
}

static double prohibitive_cost(const OrlibData *data)
{
    double max_fixed = 0, max_unit = 0;
    for (size_t i = 0; i < data->m; i++)
        max_fixed = fmax(max_fixed, data->fixed[i]);
    for (size_t j = 0; j < data->n; j++)
        for (size_t i = 0; data->demand[j] > 0 && i < data->m; i++)
            max_unit = fmax(max_unit, data->cost[j * data->m + i] / (double)data->demand[j]);
    return src_orlib_unfilled_cost(max_fixed, max_unit);
}

/* Warehouse i as node w<i+1>: capacity as max_units (a capacity of 0 becomes no stock, since
 * max_units 0 means unlimited), fixed cost as activation cost, stock = the total demand. */
static int add_warehouse(Sourcing__Batch *b, const OrlibData *data, size_t i, int64_t total_demand)
{
    char id[32];
    snprintf(id, sizeof id, "w%zu", i + 1);
    Sourcing__Node *node = bb_add_node(b, id);
    if (!node)
        return -1;
    BB_SET(node, activation_cost, data->fixed[i]);
    if (data->capacity[i] > 0)
        BB_SET(node, max_units, data->capacity[i]);
    return bb_add_stock(node, SRC_ORLIB_SKU, data->capacity[i] > 0 ? total_demand : 0) ? 0 : -1;
}

/* Customer j as order c<j+1> in zone c<j+1>, with one lane from every warehouse. A customer
 * without demand has nothing to ship and is left out. */
static int add_customer(Sourcing__Batch *b, const OrlibData *data, size_t j)
{
    int64_t demand = data->demand[j];
    if (demand == 0)
        return 0;
    char id[32], node_id[32];
    snprintf(id, sizeof id, "c%zu", j + 1);
    Sourcing__Order *order = bb_add_order(b, id, id);
    if (!order || !bb_add_line(order, SRC_ORLIB_SKU, demand, 1.0))
        return -1;
    BB_SET(order, sla, SOURCING__SLA__SOFT);
    for (size_t i = 0; i < data->m; i++) {
        snprintf(node_id, sizeof node_id, "w%zu", i + 1);
        Sourcing__Lane *lane = bb_add_lane(b, node_id, id, SRC_ORLIB_CARRIER);
        if (!lane)
            return -1;
        BB_SET(lane, cost_per_kg, data->cost[j * data->m + i] / (double)demand);
    }
    return 0;
}

static Sourcing__Batch *orlib_data_to_batch(const OrlibData *data, const char *name, SrcError *err)
{
    Sourcing__Batch *b = bb_batch(name);
    int64_t total = 0;
    for (size_t j = 0; j < data->n; j++)
        total += data->demand[j];
    int failed = !b;
    for (size_t i = 0; !failed && i < data->m; i++)
        failed = add_warehouse(b, data, i, total) != 0;
    for (size_t j = 0; !failed && j < data->n; j++)
        failed = add_customer(b, data, j) != 0;
    if (failed) {
        src_batch_free(b);
        src_error_set(err, "out of memory building the batch for %zu warehouses x %zu customers",
                      data->m, data->n);
        return NULL;
    }
    BB_SET(b, default_unfilled_cost, prohibitive_cost(data));
    return b;
}

static int parse_orlib_data(const char *text, size_t len, int64_t capacity, OrlibData *data, SrcError *err)
{
    if (memchr(text, '\0', len))
        return src_error_set(err, "not a text file (it holds a NUL byte)");
    Scanner s = {.p = text, .end = text + len, .line = 1, .token_line = 1};
    if (read_sizes(&s, data, err) || read_warehouses(&s, data, capacity, err) || read_customers(&s, data, err))
        return -1;
    return 0;
}

Sourcing__Batch *src_orlib_parse(const char *text, size_t len, const char *name, int64_t capacity,
                                 SrcError *err)
{
    OrlibData data = {0};
    Sourcing__Batch *batch = NULL;
    if (!parse_orlib_data(text, len, capacity, &data, err))
        batch = orlib_data_to_batch(&data, name, err);
    orlib_data_free(&data);
    return batch;
}

/* The batch name for path: its base name without extension, "-<capacity>" added if used. */
static void batch_name(const char *path, const OrlibData *data, int64_t capacity, char *out, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strcspn(base, ".");
    if (!strcmp(path, "-") || len == 0) {
        base = "orlib";
        len = strlen(base);
    }
    if (data->used_given_capacity)
        snprintf(out, size, "%.*s-%lld", (int)len, base, (long long)capacity);
    else
        snprintf(out, size, "%.*s", (int)len, base);
}

Sourcing__Batch *src_orlib_read(const char *path, int64_t capacity, SrcError *err)
{
    size_t len = 0;
    char *text = read_whole_file(path, SRC_MAX_FILE_BYTES, &len, err);
    if (!text)
        return NULL;
    OrlibData data = {0};
    Sourcing__Batch *batch = NULL;
    char name[256];
    if (!parse_orlib_data(text, len, capacity, &data, err)) {
        batch_name(path, &data, capacity, name, sizeof name);
        batch = orlib_data_to_batch(&data, name, err);
    }
    if (!batch)
        src_error_prefix(err, "%s", path);
    orlib_data_free(&data);
    free(text);
    return batch;
}
