/* Node utilisation for the report: the units and shipments each node sends in the plan, against
 * its max_units and max_shipments (0 = unlimited; docs/model.md). Worked out from the batch and
 * the plan alone, after the checker has accepted the plan. */
#ifndef SRC_REPORT_NODES_H
#define SRC_REPORT_NODES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "sourcing.pb-c.h"

typedef struct NodeUse {
    const char *id;                 /* the batch's string */
    int64_t units, max_units;       /* max 0 = unlimited */
    int64_t shipments, max_shipments;
    double units_ratio, shipments_ratio;   /* used / max; -1 when unlimited */
} NodeUse;

/* One entry per batch node, most used first: the higher of the two ratios, descending, then the
 * units, then the id. NULL with err when memory runs out; free() it. */
NodeUse *report_nodes_compute(const Sourcing__Batch *batch, const Sourcing__Plan *plan, SrcError *err);

/* The higher of the node's two ratios; -1 when both are unlimited. */
double node_use_peak(const NodeUse *u);

#endif
