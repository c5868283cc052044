/* Anomalies in a valid batch, for people: warnings, never errors. A batch can be valid and still
 * wrong, and a planner wants to hear of it before trusting the plan:
 *   - orders no node can serve (no eligible node with stock, a lane to the zone and the SLA);
 *   - skus whose demand is far above the network's stock;
 *   - lanes to a zone slower than what every order of that zone promises;
 *   - values far outside the batch's own distribution (costs, weights, quantities, transit days):
 *     more than OUTLIER_FACTOR times the median of their field.
 * Each kind is reported once with a count and the first examples, so a large batch gets a few
 * lines, not thousands. The scans are linear; medians come from at most a sample of each field. */
#ifndef SRC_ANOMALIES_H
#define SRC_ANOMALIES_H

#include <stddef.h>

#include "problem.h"

typedef struct Anomalies {
    char **text;                /* one warning per entry, malloc'd */
    size_t n;
} Anomalies;

/* Fills out with the warnings for p's batch. 0, or -1 when out of memory (out holds what was
 * found until then). */
int anomalies_find(const Problem *p, Anomalies *out);
void anomalies_free(Anomalies *a);

#endif
