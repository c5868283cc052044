#!/bin/bash
# `sourcing solve` on invalid batch files (tests/data/invalid/): exit code 2 and the offending
# field's path on stderr. The exact messages are checked by tests/test_validate.c.
cd "$(dirname "$0")/.."
. tests/lib.sh

expect_refused() {
    local name=$1 field=$2 file=tests/data/invalid/$1.json
    "$SOURCING" solve "$file" >"$TMP/$name.out" 2>"$TMP/$name.err"
    local rc=$?
    if [ "$rc" -ne 2 ]; then
        fail "solve_refuses_$name" "exit code $rc, expected 2; stderr: $(head -c 300 "$TMP/$name.err")"
    elif ! grep -qF -- "$field" "$TMP/$name.err"; then
        fail "solve_refuses_$name" "stderr lacks '$field': $(head -c 300 "$TMP/$name.err")"
    else
        ok "solve_refuses_$name"
    fi
}

expect_refused negative_quantity 'orders[1].lines[0].quantity'
expect_refused unknown_lane_node 'lanes[1].node_id'
expect_refused duplicate_order_id 'orders[1].id'
expect_refused unknown_eligible_node 'orders[0].eligible_nodes[1]'
expect_refused nan_cost 'nodes[1].unit_cost'
expect_refused bad_strategy 'options.strategy'
expect_refused duplicate_lane 'lanes[2]'
expect_refused duplicate_inventory_sku 'nodes[0].inventory[2].sku'

# Every sample file is listed above.
listed=$(grep -c '^expect_refused ' "$0")
present=$(ls tests/data/invalid/*.json | wc -l)
if [ "$listed" -eq "$present" ]; then ok "every_invalid_sample_is_tested"; else
    fail "every_invalid_sample_is_tested" "$present files, $listed tested"; fi
