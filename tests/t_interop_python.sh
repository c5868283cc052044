#!/bin/bash
# Interoperability with the official protobuf runtime: tests/interop/client.py, with classes that
# `protoc --python_out` generates here (never committed), talks to a real server; its plan has
# the C client's total cost.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh

if ! /usr/bin/python3 -c 'import google.protobuf' 2>/dev/null; then
    fail python3_protobuf "python3-protobuf is missing: run scripts/install-deps.sh"
    exit 1
fi
mkdir -p "$TMP/py"
protoc -Iproto --python_out="$TMP/py" proto/sourcing.proto proto/service.proto
if ! start_server --threads 2; then
    fail server_starts "$(cat "$SERVER_LOG")"
    exit 1
fi

PYTHONPATH="$TMP/py" timeout 120 /usr/bin/python3 tests/interop/client.py "$SERVER" \
    tests/interop/small.txtpb >"$TMP/py.out" 2>&1
rc=$?
if [ $rc = 0 ]; then ok python_client_runs; else fail python_client_runs "rc=$rc $(cat "$TMP/py.out")"; fi
fact() { sed -n "s/^$1=//p" "$TMP/py.out"; }

protoc -Iproto --encode=sourcing.Batch proto/sourcing.proto <tests/interop/small.txtpb >"$TMP/small.pb"
"$SOURCING" client solve "$TMP/small.pb" --server "$SERVER" --json >"$TMP/c.json"
c_total=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["costs"]["total"])' "$TMP/c.json")
if [ "$(fact solve_status)" = OK ] && [ "$(fact plan_status)" = OPTIMAL ] &&
   [ "$(fact total)" = "$c_total" ] && [ "$c_total" = 114.23 ] && [ "$(fact shipments)" = 3 ]
then ok python_and_c_client_agree; else fail python_and_c_client_agree "c=$c_total $(cat "$TMP/py.out")"; fi

version=$("$SOURCING" --version | awk '{print $2}' | tr -d ,)
if [ "$(fact health_serving)" = True ] && [ "$(fact info_version)" = "$version methods=Solve,Health,Info,Cancel" ]
then ok python_health_and_info; else fail python_health_and_info "$(cat "$TMP/py.out")"; fi

if grep -q "^unknown_method=UNIMPLEMENTED unknown method 'Optimize'" "$TMP/py.out" &&
   grep -q '^invalid_batch=INVALID_ARGUMENT orders\[1\].lines\[0\].quantity' "$TMP/py.out"
then ok python_sees_errors; else fail python_sees_errors "$(cat "$TMP/py.out")"; fi

stop_server
rc=$?
if [ $rc = 0 ]; then ok server_exits_0; else fail server_exits_0 "rc=$rc $(cat "$SERVER_LOG")"; fi
