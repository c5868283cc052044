#!/bin/bash
# `sourcing serve` and `sourcing client` as a person uses them: flags, health, info, solve
# (summary and JSON), errors and exit codes, /metrics and /healthz, the log, SIGINT.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh
DATA=tests/data/server

if "$SOURCING" serve --threads 0 2>"$TMP/err"; then fail serve_refuses_bad_flags "exit 0"
elif grep -q -- "--threads 0: must be from 1 to 1024" "$TMP/err"; then ok serve_refuses_bad_flags
else fail serve_refuses_bad_flags "$(cat "$TMP/err")"; fi

if ! start_server --threads 2 --queue 8; then
    fail server_starts "$(cat "$SERVER_LOG")"
    exit 1
fi
ok server_starts

out=$("$SOURCING" client health --server "$SERVER")
if [ $? = 0 ] && grep -q "serving:      yes" <<<"$out" && grep -q "queue:        0 waiting of 8" <<<"$out"
then ok client_health; else fail client_health "$out"; fi

out=$("$SOURCING" client info --server "$SERVER" --json)
if [ $? = 0 ] && grep -q '"methods": \[' <<<"$out" && grep -q '"workers": 2' <<<"$out"
then ok client_info_json; else fail client_info_json "$out"; fi

out=$("$SOURCING" client solve "$DATA/small.json" --server "$SERVER" --deadline 5000)
if [ $? = 0 ] && grep -q "total cost:   114.2300" <<<"$out" && grep -q "status:       OPTIMAL" <<<"$out"
then ok client_solve_summary; else fail client_solve_summary "$out"; fi

"$SOURCING" client solve "$DATA/small.json" --server "$SERVER" --json --plan "$TMP/plan.pb" >"$TMP/plan.json"
total=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["costs"]["total"])' "$TMP/plan.json")
if [ "$total" = "114.23" ] && [ -s "$TMP/plan.pb" ]; then ok client_solve_json; else fail client_solve_json "total=$total"; fi

sed 's/"quantity": 3,/"quantity": -3,/' "$DATA/small.json" >"$TMP/bad.json"
"$SOURCING" client solve "$TMP/bad.json" --server "$SERVER" >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc = 2 ] && grep -q "INVALID_ARGUMENT: orders\[0\].lines\[0\].quantity" "$TMP/err"
then ok client_invalid_batch_exit_2; else fail client_invalid_batch_exit_2 "rc=$rc $(cat "$TMP/err")"; fi

"$SOURCING" client health --server 127.0.0.1:1 >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc = 1 ] && grep -q "connect to 127.0.0.1:1: Connection refused" "$TMP/err"
then ok client_without_server_exit_1; else fail client_without_server_exit_1 "rc=$rc $(cat "$TMP/err")"; fi

metrics=$(http_get /metrics)
if head -1 <<<"$metrics" | grep -q 200 &&
   grep -q '^sourcing_requests_total{method="Solve",status="OK"} 2$' <<<"$metrics" &&
   grep -q '^sourcing_requests_total{method="Solve",status="INVALID_ARGUMENT"} 1$' <<<"$metrics" &&
   grep -q '^sourcing_queue_capacity 8$' <<<"$metrics"
then ok metrics_endpoint; else fail metrics_endpoint "$metrics"; fi
healthz=$(http_get /healthz)
if [ "$healthz" = "$(printf '200\nok')" ]; then ok healthz_endpoint; else fail healthz_endpoint "$healthz"; fi

line='^[0-9T:.-]*Z peer=127\.0\.0\.1:[0-9]* id=1 method=Solve status=OK orders=3 cost=114\.230000 plan=OPTIMAL solver=[a-z+]* budget_ms=[0-9]* ms=[0-9.]* msg='
if eventually 30 grep -q "$line" "$SERVER_LOG"; then ok log_line_per_request; else fail log_line_per_request "$(cat "$SERVER_LOG")"; fi

stop_server INT
rc=$?
if [ $rc = 0 ] && grep -q "Interrupt: shutting down" "$SERVER_LOG"
then ok sigint_exits_0; else fail sigint_exits_0 "rc=$rc $(cat "$SERVER_LOG")"; fi
