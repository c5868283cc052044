/* Validation of a batch before any model is built: ids resolved, duplicates refused, numbers
 * finite and in range, sizes bounded. The error names the field: "orders[3].lines[1].quantity: ...". */
#ifndef SRC_VALIDATE_H
#define SRC_VALIDATE_H

#include "error.h"
#include "sourcing.pb-c.h"

/* Size limits of one batch (documented in the README). */
#define SRC_MAX_NODES 100000
#define SRC_MAX_LANES 2000000
#define SRC_MAX_CARRIER_LIMITS 1000000
#define SRC_MAX_ORDERS 1000000
#define SRC_MAX_LINES_PER_ORDER 10000
#define SRC_MAX_TOTAL_LINES 5000000
#define SRC_MAX_INVENTORY_PER_NODE 1000000
#define SRC_MAX_ID_BYTES 256
#define SRC_MAX_QUANTITY 1000000000LL     /* units, stock and capacities */
#define SRC_MAX_DAYS 3650
#define SRC_MIN_PRIORITY 0.01              /* an order's priority: its unfilled and late costs scaled */
#define SRC_MAX_PRIORITY 1000.0
#define SRC_MAX_COST 1e12                 /* any single cost, weight or price */

/* The solve options, wherever they come from (a batch's "options.", a caller's ""): time limit in
 * [0, SRC_MAX_TIME_LIMIT], gap in [0, 1], a known strategy. 0, or -1 with err naming the field. */
int src_validate_solve_options(const char *prefix, int has_time_limit, double time_limit, int has_gap,
                               double gap, const char *strategy, SrcError *err);

/* The tension and explanation options (a batch's "options.", a caller's ""): tension_threshold in
 * [0, 1], price_alert in [0, SRC_MAX_COST], each id to explain "all" or an order of the batch, at
 * most SRC_MAX_ORDERS of them. 0, or -1 with err naming the field. */
int src_validate_report_options(const Sourcing__Batch *batch, const char *prefix, int has_threshold,
                                double threshold, int has_price_alert, double price_alert,
                                const char *const *explain, size_t n_explain, SrcError *err);

/* 0 when the batch is valid; -1 with err set to the first problem found. */
int src_validate_batch(const Sourcing__Batch *batch, SrcError *err);

#endif
