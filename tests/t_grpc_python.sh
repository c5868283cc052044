#!/bin/bash
# gRPC over HTTP/2 with a stock client: Debian's python3-grpcio and stubs generated here from
# proto/ (never committed) call `sourcing serve --grpc-listen`: Health/Check, Solve (small, and
# cap41 at its published optimum and at the C client's total), errors (invalid batch, expired
# deadline, unknown method, compressed, oversized), concurrent calls on one channel; every
# canonical instance at the C client's cost, 40 concurrent calls on one channel, a batch of
# 50 000 orders whose plan passes `sourcing check`; then a solve in flight while the server
# drains (GOAWAY at once: the solve goes on, Check on the channel is refused, /healthz says 503),
# cancelled by the client.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh
PY=/usr/bin/python3

if ! $PY -c 'import grpc' 2>/dev/null; then
    fail python3_grpcio "python3-grpcio is missing: run scripts/install-deps.sh"
    exit 1
fi
mkdir -p "$TMP/py"
PROTOS="proto/sourcing.proto proto/service.proto proto/health.proto"
if $PY -c 'import grpc_tools' 2>/dev/null; then
    $PY -m grpc_tools.protoc -Iproto --python_out="$TMP/py" --grpc_python_out="$TMP/py" $PROTOS
else
    protoc -Iproto --python_out="$TMP/py" --grpc_out="$TMP/py" \
        --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" $PROTOS
fi
check stubs_generated test -s "$TMP/py/service_pb2_grpc.py" -a -s "$TMP/py/health_pb2_grpc.py"

# start_server [FLAGS...] with a gRPC port: GRPC is 127.0.0.1:port (the port file's third line)
start_grpc() {
    start_server --grpc-listen 127.0.0.1:0 "$@" || return 1
    GRPC=127.0.0.1:$(sed -n 3p "$TMP/ports")
    [ "$GRPC" != 127.0.0.1: ]
}

if ! start_grpc --threads 2 --max-message 100000; then fail server_starts "$(cat "$SERVER_LOG")"; exit 1; fi
PYTHONPATH="$TMP/py" timeout 300 $PY tests/interop/grpc_client.py "$GRPC" tests/data/server/small.json \
    instances/orlib/cap41.json tests/data/invalid/negative_quantity.json >"$TMP/py.out" 2>&1
rc=$?
if [ $rc = 0 ]; then ok grpc_client_runs; else fail grpc_client_runs "rc=$rc $(cat "$TMP/py.out")"; fi
fact() { sed -n "s/^$1=//p" "$TMP/py.out"; }
check health_check_serving [ "$(fact health)" = SERVING -a "$(fact health_sourcing)" = SERVING ]
expect() {  # expect NAME FACT PATTERN: the fact's line matches the extended regex
    if fact "$2" | grep -Eq "$3"; then ok "$1"; else fail "$1" "$2=$(fact "$2")"; fi
}
expect health_check_unknown_service_not_found health_unknown '^NOT_FOUND unknown service'

check solve_small [ "$(fact small_status)" = OPTIMAL -a "$(fact small_total)" = 114.23 ]

"$SOURCING" client solve instances/orlib/cap41.json --server "$SERVER" --json >"$TMP/c.json" 2>"$TMP/c.err"
c_total=$($PY -c 'import json,sys; print(repr(float(json.load(open(sys.argv[1]))["costs"]["total"])))' "$TMP/c.json")
if [ "$(fact cap41_status)" = OPTIMAL ] && [ "$(fact cap41_total)" = 1040444.375 ] &&
   [ "$c_total" = 1040444.375 ]
then ok solve_cap41_optimum_as_c_client; else fail solve_cap41_optimum_as_c_client "c=$c_total $(cat "$TMP/py.out")"; fi

expect invalid_batch_invalid_argument invalid '^INVALID_ARGUMENT orders\[[0-9]+\]\.lines\[[0-9]+\]\.quantity'
expect expired_deadline_exceeded expired '^DEADLINE_EXCEEDED'
check concurrent_calls_one_channel [ "$(fact concurrent_totals)" = 114.23 -a \
    "$(fact concurrent_info_methods)" = Solve,Health,Info,Cancel ]
expect unknown_method_unimplemented unknown '^UNIMPLEMENTED unknown method /sourcing.Sourcing/Optimize'
expect compressed_unimplemented compressed '^UNIMPLEMENTED'
expect oversized_resource_exhausted oversized '^RESOURCE_EXHAUSTED'
check grpc_calls_logged eventually 30 grep -q 'method=Solve status=OK orders=3 cost=114.23' "$SERVER_LOG"

stop_server
rc=$?
if [ $rc = 0 ]; then ok server_exits_0; else fail server_exits_0 "rc=$rc $(tail -5 "$SERVER_LOG")"; fi

# the canonical instances: the stock client gets the C client's plan cost (and the optimum);
# 40 concurrent calls on one channel; a batch of 50 000 orders with raised message limits
if ! start_grpc --threads 2; then fail more_server_starts "$(cat "$SERVER_LOG")"; exit 1; fi
files=$(grep -v '^#' instances/manifest.tsv | tail -n +2 | cut -f1 | sed 's|^|instances/|')
PYTHONPATH="$TMP/py" timeout 600 $PY tests/interop/grpc_more.py "$GRPC" canonical $files >"$TMP/canon.out" 2>&1
grep -v '^#' instances/manifest.tsv | tail -n +2 | while IFS=$'\t' read -r file optimum _; do
    name=$(basename "$file" .json)
    py_cost=$(sed -n "s|^cost instances/$file=\([^ ]*\) .*|\1|p" "$TMP/canon.out")
    "$SOURCING" client solve "instances/$file" --server "$SERVER" --json >"$TMP/c.json" 2>/dev/null
    c_cost=$($PY -c 'import json,sys; print(repr(float(json.load(open(sys.argv[1]))["costs"]["total"])))' "$TMP/c.json" 2>/dev/null)
    if [ -n "$py_cost" ] && $PY - "$py_cost" "$c_cost" "$optimum" <<'PY'
import sys
py, c, opt = map(float, sys.argv[1:4])
same = abs(py - c) <= 1e-9 * max(1.0, abs(c))
sys.exit(0 if same and abs(py - opt) <= 0.005 + 1e-9 * abs(opt) else 1)
PY
    then ok "grpc_canonical_as_c_client_$name"
    else fail "grpc_canonical_as_c_client_$name" "python=$py_cost c=$c_cost optimum=$optimum $(tail -3 "$TMP/canon.out")"; fi
done

PYTHONPATH="$TMP/py" timeout 300 $PY tests/interop/grpc_more.py "$GRPC" many 40 tests/data/server/small.json \
    >"$TMP/many.out" 2>&1
check concurrent_40_calls_one_channel [ "$(cat "$TMP/many.out")" = "answers=40 totals=114.23" ]

"$SOURCING" gen --orders 50000 --nodes 50 --seed 1 --out "$TMP/big.json"
PYTHONPATH="$TMP/py" timeout 600 $PY tests/interop/grpc_more.py "$GRPC" big "$TMP/big.json" "$TMP/big.plan.pb" \
    >"$TMP/big.out" 2>&1
if grep -Eq '^orders=50000 status=(OPTIMAL|FEASIBLE|HEURISTIC) bytes_sent=[0-9]{7,}$' "$TMP/big.out"
then ok big_batch_50000_orders_planned; else fail big_batch_50000_orders_planned "$(tail -5 "$TMP/big.out")"; fi
if "$SOURCING" check "$TMP/big.json" "$TMP/big.plan.pb" >"$TMP/big.check" 2>&1
then ok big_batch_plan_passes_check; else fail big_batch_plan_passes_check "$(head -5 "$TMP/big.check")"; fi
check big_batch_logged eventually 30 grep -q 'method=Solve status=OK orders=50000 ' "$SERVER_LOG"
stop_server
check more_server_exits_0 [ $? = 0 ]

# draining and RST_STREAM: a long solve (one worker), SIGTERM, Check, then the client cancels
"$SOURCING" gen --orders 1000 --nodes 50 --seed 3 --out "$TMP/g.json"
if ! start_grpc --threads 1; then fail drain_server_starts "$(cat "$SERVER_LOG")"; exit 1; fi
PYTHONPATH="$TMP/py" timeout 300 $PY tests/interop/grpc_drain.py "$GRPC" "$METRICS_PORT" \
    "$SERVER_PID" "$TMP/g.json" "$SERVER_LOG" >"$TMP/drain.out" 2>&1
fact() { sed -n "s/^$1=//p" "$TMP/drain.out"; }
check drain_solve_was_running [ "$(fact running)" = True ]
# GOAWAY at once: a Check on the channel is NOT_SERVING (sent before the GOAWAY came) or
# UNAVAILABLE (after it), while the solve in flight goes on; /healthz says 503
check health_check_not_serving_while_draining bash -c "[[ '$(fact draining_health)' =~ ^(NOT_SERVING|UNAVAILABLE)$ ]]"
check goaway_in_flight_solve_goes_on [ "$(fact draining_call_goes_on)" = True -a "$(fact draining_healthz)" = 503 ]
check client_cancel_accepted [ "$(fact cancelled)" = True ]
check rst_stream_stops_the_solve [ "$(fact stopped_while_connected)" = True ]
# nothing is left in flight: the draining server exits by itself
for _ in $(seq 1 600); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if ! kill -0 "$SERVER_PID" 2>/dev/null; then ok drained_server_ends_by_itself
else fail drained_server_ends_by_itself "$(cat "$TMP/drain.out") $(tail -5 "$SERVER_LOG")"; fi
stop_server
rc=$?
if [ $rc = 0 ]; then ok drained_server_exits_0; else fail drained_server_exits_0 "rc=$rc $(tail -5 "$SERVER_LOG")"; fi
