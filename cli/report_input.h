/* What `sourcing report` reads: the batch, validated; the plan; and the plan's optional `tension`
 * object, kept as JSON. The tension is read here rather than through the Plan message so that the
 * report works with plans from solvers that add it (Plan field 22) and those that do not: the
 * JSON reader refuses unknown fields, so the object is taken out before the rest is parsed. */
#ifndef SRC_REPORT_INPUT_H
#define SRC_REPORT_INPUT_H

#include <jansson.h>

#include "error.h"
#include "sourcing.pb-c.h"

typedef struct ReportInput {
    Sourcing__Batch *batch;
    Sourcing__Plan *plan;
    json_t *tension;        /* the plan's "tension" object, or NULL when it has none */
} ReportInput;

/* Reads and validates the batch, reads the plan (JSON, or binary protobuf when the name ends in
 * .pb: no tension then) and checks the tension's shape (report_tension.h). 0, or -1 with err
 * naming the file and what is wrong; *in is then empty. */
int report_input_read(ReportInput *in, const char *batch_path, const char *plan_path, SrcError *err);
void report_input_free(ReportInput *in);

#endif
