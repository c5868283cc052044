#!/bin/bash
# The tension report and explanations as people and services get them: `sourcing solve` prints the
# dearest resources and the alerts, --tension-threshold / --price-alert / --explain change what it
# says, bad values exit 2 naming the flag or field; the service answers a batch whose options ask
# for explanations with them in the plan; `sourcing explain` explains a saved plan (README, "Tension
# report", "Explaining an order").
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh
DATA=tests/data/tension
py() { /usr/bin/python3 -c "$@"; }

out=$("$SOURCING" solve "$DATA/stock.json" --quiet)
if grep -q '^tension:      stock of A at n1 *1 of 1 (100%)   shadow price 7 (lp)$' <<<"$out" &&
   grep -q '^alert:        stock of A at n1: 1 of 1 used (100%); one more would save 7 (lp)$' <<<"$out" &&
   grep -q '^prices:       LP relaxation (GLPK simplex): integral, value 13, the plan 13;' <<<"$out"
then ok solve_summary_prints_tension_and_alerts; else fail solve_summary_prints_tension_and_alerts "$out"; fi

out=$("$SOURCING" solve "$DATA/stock.json" --quiet --tension-threshold 0.05 --price-alert 8)
if grep -q 'stock of A at n2 *1 of 10 (10%)   shadow price 0 (lp)' <<<"$out" && ! grep -q '^alert:' <<<"$out"
then ok thresholds_from_flags; else fail thresholds_from_flags "$out"; fi

out=$("$SOURCING" solve "$DATA/explain.json" --quiet --explain o1 --explain o3)
if grep -q '^explain o1:$' <<<"$out" && grep -q '^  alternative:  n3 by ground: A x1 (8); 3 more$' <<<"$out" &&
   grep -q '^  blocked by:   stock of A at n1 given to order o2$' <<<"$out" &&
   grep -q '^  blocked by:   split limit: max_shipments 1$' <<<"$out" && ! grep -q '^explain o2:' <<<"$out"
then ok explain_flag_prints_explanations; else fail explain_flag_prints_explanations "$out"; fi

"$SOURCING" solve "$DATA/explain.json" --quiet --explain all --json >"$TMP/plan.json"
n=$(py 'import json,sys; p=json.load(open(sys.argv[1])); print(len(p["explanations"]), p["tension"]["resources"][0]["price_source"])' "$TMP/plan.json")
if [ "$n" = "3 lp" ]; then ok explain_all_in_the_plan_json; else fail explain_all_in_the_plan_json "$n"; fi

"$SOURCING" solve "$DATA/stock.json" --explain nobody >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc = 2 ] && grep -q "explain\[0\]: no order 'nobody' in the batch" "$TMP/err"
then ok unknown_order_to_explain_exit_2; else fail unknown_order_to_explain_exit_2 "rc=$rc $(cat "$TMP/err")"; fi

"$SOURCING" solve "$DATA/stock.json" --tension-threshold 2 >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc = 2 ] && grep -q -- "--tension-threshold" "$TMP/err"
then ok bad_threshold_exit_2; else fail bad_threshold_exit_2 "rc=$rc $(cat "$TMP/err")"; fi

# `sourcing explain`: a plan made before, explained without solving again
"$SOURCING" solve "$DATA/explain.json" --quiet --baseline-plan "$TMP/rules.json" >/dev/null
out=$("$SOURCING" explain "$DATA/explain.json" "$TMP/rules.json" o2)
if [ $? = 0 ] && grep -q '^  chosen:       n2 by ground: A x1 (20); costs the batch 20$' <<<"$out" &&
   grep -q '^  blocked by:   stock of A at n1 given to order o1$' <<<"$out" &&
   grep -q 'shadow price 4 (lp estimate)' <<<"$out"
then ok explain_command_on_a_saved_plan; else fail explain_command_on_a_saved_plan "$out"; fi

py 'import json,sys; p=json.load(open(sys.argv[1])); p["orders"][0]["shipments"][0]["node_id"]="n3"; json.dump(p,open(sys.argv[2],"w"))' \
    "$TMP/rules.json" "$TMP/wrong.json"
"$SOURCING" explain "$DATA/explain.json" "$TMP/wrong.json" o1 >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc = 2 ] && grep -q "the plan does not hold for the batch" "$TMP/err"
then ok explain_command_refuses_a_plan_that_does_not_hold; else fail explain_command_refuses_a_plan_that_does_not_hold "rc=$rc $(cat "$TMP/err")"; fi

"$SOURCING" explain "$DATA/explain.json" "$TMP/rules.json" o9 >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc = 2 ] && grep -q "explain\[0\]: no order 'o9'" "$TMP/err"
then ok explain_command_unknown_order_exit_2; else fail explain_command_unknown_order_exit_2 "rc=$rc $(cat "$TMP/err")"; fi

# the service: the batch's options ask for an explanation and set the price alert
py 'import json,sys; b=json.load(open(sys.argv[1])); b["options"]={"explain":["o1"],"price_alert":100}; json.dump(b,open(sys.argv[2],"w"))' \
    "$DATA/explain.json" "$TMP/ask.json"
if ! start_server --threads 2; then
    fail server_starts "$(cat "$SERVER_LOG")"
    exit 1
fi
"$SOURCING" client solve "$TMP/ask.json" --server "$SERVER" --json >"$TMP/served.json"
got=$(py 'import json,sys; p=json.load(open(sys.argv[1])); e=p["explanations"]; t=p["tension"]
print(len(e), e[0]["order_id"], e[0]["extra_cost"], t["resources"][0]["shadow_price"], len([a for a in t.get("alerts",[]) if "would save" in a]))' "$TMP/served.json")
if [ "$got" = "1 o1 3.0 4.0 0" ]; then ok service_plan_has_tension_and_explanation; else fail service_plan_has_tension_and_explanation "$got"; fi
stop_server
