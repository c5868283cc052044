#!/bin/bash
# Cancel from the command line: SIGINT to `sourcing client solve` sends Cancel on its connection;
# the server answers CANCELLED with its best plan so far, which the client writes (and `sourcing
# check` accepts) before ending by the signal. `client cancel` explains where Cancel comes from.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh

"$SOURCING" gen --orders 1000 --nodes 50 --seed 3 --out "$TMP/g.json"
if ! start_server --threads 1 --quiet; then fail server_starts "$(cat "$SERVER_LOG")"; exit 1; fi

"$SOURCING" client solve "$TMP/g.json" --server "$SERVER" --deadline 300000 --plan "$TMP/plan.json" \
    >"$TMP/out" 2>"$TMP/err" &
pid=$!
sleep 2
kill -INT $pid
left=1200
while kill -0 $pid 2>/dev/null && [ $left -gt 0 ]; do sleep 0.1; left=$((left - 1)); done
if kill -0 $pid 2>/dev/null; then kill -9 $pid; fi
wait $pid
rc=$?
check client_ends_by_sigint [ $rc -eq 130 ]
check client_says_cancelled grep -q 'CANCELLED: cancelled by a Cancel request; the payload is the best plan found' "$TMP/err"
if "$SOURCING" check "$TMP/g.json" "$TMP/plan.json" >"$TMP/check" 2>&1; then ok cancelled_plan_checks
else fail cancelled_plan_checks "$(head -c 300 "$TMP/check") $(head -c 300 "$TMP/err")"; fi
check summary_printed grep -q '^status: ' "$TMP/out"

"$SOURCING" client cancel --server "$SERVER" 2>"$TMP/cancel.err"
rc=$?
check client_cancel_explains bash -c "[ $rc -eq 2 ] && grep -q 'interrupt .sourcing client solve.' '$TMP/cancel.err'"
"$SOURCING" client solve "$TMP/g.json" --server "$SERVER" --plan /no/such/dir/p.json 2>"$TMP/nodir.err"
rc=$?
check client_plan_path_checked_first bash -c "[ $rc -eq 2 ] && grep -q 'directory /no/such/dir does not exist' '$TMP/nodir.err'"

stop_server
rc=$?
if [ $rc = 0 ]; then ok server_exits_0; else fail server_exits_0 "rc=$rc $(tail -5 "$SERVER_LOG")"; fi
