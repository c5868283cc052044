/* The tension report of a plan (issue 14, item 2): the resources that bind or nearly bind, with
 * their use against capacity and their shadow price (lp_prices.h), highest price first; the
 * unfilled units per sku with their cause; alerts for people where the caller's thresholds are
 * passed; and how the prices were obtained. README, "Tension report"; docs/model.md, "Shadow prices". */
#ifndef SRC_TENSION_H
#define SRC_TENSION_H

#include "lagrange.h"
#include "lp_prices.h"
#include "solution.h"

#define TENSION_DEFAULT_THRESHOLD 0.9   /* utilisation from which a resource is listed */
#define TENSION_MAX_RESOURCES 200       /* rows listed at most (the rest counted in an alert) */
#define TENSION_MAX_ALERTS 20

/* The Lagrangian multipliers as prices (PRICE_LAGRANGE); lane weights stay unpriced. */
void prices_from_lagrange(ResourcePrices *rp, const Lagrange *lg);

/* The Tension message of plan s under prices rp: resources with utilisation >= threshold (<= 0:
 * TENSION_DEFAULT_THRESHOLD) or a positive price; an alert for each price > 0 and >= price_alert,
 * and for each unfilled sku. NULL when out of memory. */
Sourcing__Tension *tension_build(const Solution *s, const ResourcePrices *rp, double threshold, double price_alert);

/* The name of a price source in the plan: "lp", "lp estimate", "lagrange estimate", "none". */
const char *price_source_name(PriceSource source);

#endif
