#!/bin/bash
# `sourcing solve --csv --shipments-csv`: the two files read back (Python's csv module) and summed
# give the plan's own cost terms, total, shipments and unfilled units (tests/csv/sum_check.py):
# nothing is counted twice and nothing is missing.
cd "$(dirname "$0")/.."
. tests/lib.sh

# solved NAME BATCH ARGS...: solves BATCH with the plan and both CSV files, then sums them
solved() {
    local name=$1 batch=$2; shift 2
    if ! "$SOURCING" solve "$batch" --quiet --plan "$TMP/$name.plan.json" --csv "$TMP/$name.lines.csv" \
        --shipments-csv "$TMP/$name.shipments.csv" "$@" >/dev/null 2>"$TMP/$name.err"; then
        fail "${name}_solves" "$(head -c 300 "$TMP/$name.err")"
        return
    fi
    /usr/bin/python3 tests/csv/sum_check.py "$batch" "$TMP/$name.plan.json" "$TMP/$name.lines.csv" \
        "$TMP/$name.shipments.csv" "$name"
}

# splits, late shipments, unfilled lines and activation costs all occur in this generated batch
"$SOURCING" gen --orders 300 --nodes 40 --seed 11 --out "$TMP/gen.json"
solved gen "$TMP/gen.json" --strategy greedy
grep -q ',unfilled,' "$TMP/gen.lines.csv" && ok gen_has_unfilled_rows || fail gen_has_unfilled_rows "no unfilled row"
awk -F, 'NR > 1 && $11 > 0 { n++ } END { exit !(n > 0) }' "$TMP/gen.shipments.csv" &&
    ok gen_has_split_costs || fail gen_has_split_costs "no split cost in the shipments file"
solved cap41 instances/orlib/cap41.json
solved late instances/handmade/late_cost.json
solved split instances/handmade/split_cost.json
solved unfilled instances/handmade/unfilled_forced.json
solved weight instances/handmade/weight_and_handling.json

# the headers name their units
check lines_header [ "$(head -1 "$TMP/gen.lines.csv")" = \
    "order_id,line,sku,outcome,units,node_id,carrier,shipment,weight_kg,handling_cost,unfilled_cost" ]
check shipments_header [ "$(head -1 "$TMP/gen.shipments.csv")" = \
    "order_id,shipment,node_id,carrier,lines,units,weight_kg,delivery_days,days_late,shipping_cost,of_which_late_cost,split_cost,activation_cost" ]
