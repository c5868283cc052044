#!/bin/bash
# `sourcing check`: exit 0 and the cost summary for a correct plan, 1 and one violation per line
# for a broken one, 2 for bad usage, unreadable files and invalid batches. The violations
# themselves are tested in tests/test_checker*.c.
cd "$(dirname "$0")/.."
. tests/lib.sh
D=tests/data/checker

# expect NAME RC EXPECTED_STDOUT ARGS...: exit code RC and exactly this stdout
expect() {
    local name=$1 rc=$2 want=$3; shift 3
    "$SOURCING" check "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    local got=$?
    if [ "$got" -ne "$rc" ]; then
        fail "$name" "exit code $got, expected $rc; stderr: $(head -c 300 "$TMP/$name.err")"
    elif [ "$(cat "$TMP/$name.out")" != "$want" ]; then
        fail "$name" "stdout: $(head -c 300 "$TMP/$name.out")"
    else
        ok "$name"
    fi
}

expect check_correct_plan 0 \
    "plan OK: total cost 1174.3 (shipping 38.8, handling 6.5, activation 120, split 9, unfilled 1000)" \
    "$D/cost_batch.json" "$D/cost_plan.json"
expect check_quiet 0 "" --quiet "$D/cost_batch.json" "$D/cost_plan.json"
expect check_plan_from_stdin 0 \
    "plan OK: total cost 1174.3 (shipping 38.8, handling 6.5, activation 120, split 9, unfilled 1000)" \
    "$D/cost_batch.json" - <"$D/cost_plan.json"

sed 's/"total": 1174.3/"total": 1174/; s/"units_cost": 2.5/"units_cost": 3.5/' "$D/cost_plan.json" >"$TMP/wrong.json"
expect check_broken_plan 1 "order o1: shipment from st2 by ups: units_cost is 3.5 in the plan, recomputed 2.5
costs.total: plan says 1174, recomputed 1174.3" "$D/cost_batch.json" "$TMP/wrong.json"
expect check_broken_plan_quiet 1 "" -q "$D/cost_batch.json" "$TMP/wrong.json"

expect check_invalid_batch 2 "" tests/data/invalid/negative_quantity.json "$D/cost_plan.json"
if grep -qF 'orders[1].lines[0].quantity' "$TMP/check_invalid_batch.err"; then ok check_invalid_batch_names_field; else
    fail check_invalid_batch_names_field "stderr: $(cat "$TMP/check_invalid_batch.err")"; fi
expect check_missing_file 2 "" "$D/cost_batch.json" "$TMP/nonexistent.json"
if grep -qF "$TMP/nonexistent.json" "$TMP/check_missing_file.err"; then ok check_missing_file_named; else
    fail check_missing_file_named "stderr: $(cat "$TMP/check_missing_file.err")"; fi
echo '{"orders": [' >"$TMP/truncated.json"
expect check_unparsable_plan 2 "" "$D/cost_batch.json" "$TMP/truncated.json"
expect check_one_file_only 2 "" "$D/cost_batch.json"
expect check_three_files 2 "" "$D/cost_batch.json" "$D/cost_plan.json" "$D/net_plan.json"
expect check_unknown_option 2 "" --loud "$D/cost_batch.json" "$D/cost_plan.json"
"$SOURCING" check --help >"$TMP/help.out" 2>&1
if [ $? -eq 0 ] && grep -q '^usage: sourcing check BATCH PLAN' "$TMP/help.out"; then ok check_help; else
    fail check_help "$(head -c 300 "$TMP/help.out")"; fi
