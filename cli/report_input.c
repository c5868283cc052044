/* report_input.h: the batch through the library; the plan's JSON through jansson first, to take
 * its tension out, then through the library's JSON reader like any plan. */
#include "report_input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch_io.h"
#include "report_tension.h"
#include "validate.h"

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* The plan file as a JSON object, refused above the library's file size limit. */
static json_t *load_plan_json(const char *path, SrcError *err)
{
    struct stat st;
    if (!strcmp(path, "-")) {
        src_error_set(err, "the plan must be a file: report does not read it from stdin");
        return NULL;
    }
    if (stat(path, &st) != 0) {
        src_error_set(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (unsigned long long)st.st_size > SRC_MAX_FILE_BYTES) {
        src_error_set(err, "%s: not a regular file of at most %u bytes", path, SRC_MAX_FILE_BYTES);
        return NULL;
    }
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        src_error_set(err, "%s: line %d: %s", path, jerr.line, jerr.text);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        src_error_set(err, "%s: expected a JSON object (a plan)", path);
        return NULL;
    }
    return root;
}

/* The plan without its tension, which goes to *tension (NULL when absent). */
static Sourcing__Plan *read_plan_json(const char *path, json_t **tension, SrcError *err)
{
    json_t *root = load_plan_json(path, err);
    if (!root)
        return NULL;
    json_t *t = json_object_get(root, "tension");
    *tension = json_is_null(t) ? NULL : json_incref(t);   /* null is "no tension", like absent */
    json_object_del(root, "tension");
    char *text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    if (!text) {
        src_error_set(err, "%s: out of memory", path);
        return NULL;
    }
    ProtobufCMessage *msg = src_message_from_json(text, strlen(text), &sourcing__plan__descriptor, err);
    free(text);
    if (!msg)
        src_error_prefix(err, "%s", path);
    return (Sourcing__Plan *)msg;
}

/* The plan's tension message as the JSON the report reads; NULL when out of memory. */
static json_t *tension_as_json(const Sourcing__Tension *tension)
{
    char *text = src_message_to_json(&tension->base, 0);
    json_t *t = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    return t;
}

int report_input_read(ReportInput *in, const char *batch_path, const char *plan_path, SrcError *err)
{
    memset(in, 0, sizeof *in);
    in->batch = src_read_batch(batch_path, err);
    if (!in->batch)
        return -1;
    if (src_validate_batch(in->batch, err)) {
        src_error_prefix(err, "%s: invalid batch", batch_path);
        report_input_free(in);
        return -1;
    }
    in->plan = ends_with(plan_path, ".pb") ? src_read_plan(plan_path, err)
                                           : read_plan_json(plan_path, &in->tension, err);
    if (in->plan && in->plan->tension && !in->tension)   /* a .pb plan: its tension as JSON too */
        in->tension = tension_as_json(in->plan->tension);
    if (!in->plan || (in->tension && report_tension_check(in->tension, err))) {
        if (in->plan)
            src_error_prefix(err, "%s", plan_path);
        report_input_free(in);
        return -1;
    }
    return 0;
}

void report_input_free(ReportInput *in)
{
    src_plan_free(in->plan);
    src_batch_free(in->batch);
    json_decref(in->tension);
    memset(in, 0, sizeof *in);
}
