#!/bin/bash
# Anomalies in a valid batch come back as the plan's warnings, never as errors: one batch with one
# anomaly of each kind (tests/data/anomalies/one_of_each.json) gets exactly these four warnings and
# still solves; a canonical instance without anomalies gets none.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
BUILD=${BUILD:-build}
SOURCING=$BUILD/sourcing
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
BATCH=tests/data/anomalies/one_of_each.json
if [ ! -f "$BATCH" ]; then fail anomalies_fixture "$BATCH is missing"; exit 1; fi
"$SOURCING" solve "$BATCH" --quiet >"$TMP/summary" 2>"$TMP/err"
check anomalies_still_solve [ $? -eq 0 ]
expect() {
    if grep -qxF "warning:      $2" "$TMP/summary"; then ok "$1"; else fail "$1" "no warning '$2' in: $(grep warning "$TMP/summary")"; fi
}
expect unserved_order "1 order no node can serve (no eligible node with its stock, a lane to its zone and its SLA): o2"
expect short_sku "1 sku with demand over 2 times the network's stock: B (demand 3, stock 0)"
expect late_lane "1 lane slower than every order of their zone promises: n2->z1 by express (5 days, zone promises at most 2)"
expect outlier "1 value of unit_cost over 50 times the batch's median (1): nodes[11] (n12) = 500"
check four_warnings_only [ "$(grep -c '^warning:' "$TMP/summary")" -eq 4 ]
"$SOURCING" solve instances/orlib/cap41.json --quiet --json >"$TMP/cap41.json"
check no_warnings_without_anomalies [ "$(grep -c '"warnings"' "$TMP/cap41.json")" -eq 0 ]
