/* The tension section of the report: which resources bind, what one more unit of each is worth
 * (its shadow price), why units went unfilled, and the alerts. It reads the plan's "tension"
 * object as JSON, shaped
 *   {resources: [{kind, node, sku, carrier, zone, used, capacity, utilisation, shadow_price,
 *                 price_source}], unfilled: [{sku, units, cause}], alerts: [string], price_method}
 * and renders "no tension data in this plan" when the plan has none. */
#ifndef SRC_REPORT_TENSION_H
#define SRC_REPORT_TENSION_H

#include <jansson.h>
#include <stdio.h>

#include "error.h"

/* Rows of each table written at most; the rest are counted in a note. */
#define REPORT_TENSION_MAX_ROWS 500

/* 0 when tension has the shape above (every key optional, unknown keys ignored), else -1 with
 * err naming the first value of the wrong type, e.g. "tension.resources[2].used: expected a
 * number". */
int report_tension_check(const json_t *tension, SrcError *err);

/* The section, from a checked tension object or NULL. */
void report_tension_write(FILE *out, const json_t *tension);

#endif
