#!/bin/bash
# `sourcing solve` shows the rules baseline and the savings (the hand-worked values of
# instances/baseline.tsv), and `--baseline-plan OUT` writes the baseline's own plan, which
# `sourcing check` accepts with the same cost.
cd "$(dirname "$0")/.."
. tests/lib.sh

batch=instances/handmade/activation_cost.json
if "$SOURCING" solve "$batch" --quiet --baseline-plan "$TMP/rules.json" >"$TMP/summary" 2>"$TMP/err"; then
    ok solve_writes_the_baseline_plan
else
    fail solve_writes_the_baseline_plan "$(head -c 300 "$TMP/err")"
fi
# hand: o1 n1 5, o2 n2 5, activation 50 + 50 = 110; the optimum is 84 (n3 alone): savings 26
check summary_shows_the_rules_cost grep -q '^rules: *110.0000  (shipping 10.0000, lateness 0.0000, handling 0.0000, activation 100.0000, split 0.0000, unfilled 0.0000)$' "$TMP/summary"
check summary_shows_the_savings grep -q '^savings: *26.0000  (23.64% of the rules' "$TMP/summary"
check baseline_plan_passes_the_checker "$SOURCING" check "$batch" "$TMP/rules.json" --quiet
check checker_recomputes_the_rules_cost bash -c "'$SOURCING' check '$batch' '$TMP/rules.json' | grep -q '^plan OK: total cost 110 '"

# the JSON plan carries the baseline and the savings
"$SOURCING" solve instances/handmade/unfilled_forced.json --quiet --json >"$TMP/plan.json" 2>/dev/null
check json_plan_has_baseline_and_savings /usr/bin/python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
b = p["baseline"]
assert b["costs"]["total"] == 37 and b["unfilled_units"] == 1 and b["shipments"] == 2, b
assert p["savings"] == 18 and abs(p["savings_ratio"] - 18 / 37) < 1e-12, p["savings"]
' "$TMP/plan.json"

# a missing output folder is refused before the solve
if "$SOURCING" solve "$batch" --quiet --baseline-plan "$TMP/no/such/dir/rules.json" >/dev/null 2>&1; then
    fail baseline_plan_path_checked "an unwritable --baseline-plan was accepted"
else
    ok baseline_plan_path_checked
fi
