#!/bin/bash
# Scale-out: deploy/haproxy.cfg (loopback ports put in) in front of three `sourcing serve`
# replicas. A stock gRPC client (python3-grpcio) sends a few hundred Solves through HAProxy,
# several at a time on one connection: every call is answered with the right plan, every
# replica served some, and the replicas' logs count exactly one answered Solve per call (HAProxy
# never ran a call twice). Then one replica gets SIGTERM while calls are in flight and more keep
# coming: every call still succeeds (the draining replica finishes what it has, HAProxy sends
# the rest to the others), the replica exits 0 and HAProxy marks it DOWN.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
PY=/usr/bin/python3
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT

if ! command -v haproxy >/dev/null; then
    fail haproxy_installed "haproxy is missing: run scripts/install-deps.sh"
    exit 1
fi
if ! $PY -c 'import grpc' 2>/dev/null; then
    fail python3_grpcio "python3-grpcio is missing: run scripts/install-deps.sh"
    exit 1
fi
mkdir -p "$TMP/py"
protoc -Iproto --python_out="$TMP/py" --grpc_out="$TMP/py" \
    --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" \
    proto/sourcing.proto proto/service.proto proto/health.proto
check stubs_generated test -s "$TMP/py/service_pb2_grpc.py"

# three replicas on free ports: GRPC_PORT[i], METRICS[i], REPLICA_PID[i], log $TMP/replica$i.log
for i in 1 2 3; do
    "$SOURCING" serve --listen 127.0.0.1:0 --metrics 127.0.0.1:0 --grpc-listen 127.0.0.1:0 \
        --threads 1 --grace 60 --port-file "$TMP/ports$i" 2>"$TMP/replica$i.log" &
    REPLICA_PID[i]=$!
    PIDS+=($!)
done
for i in 1 2 3; do
    for _ in $(seq 1 300); do [ "$(wc -l 2>/dev/null <"$TMP/ports$i")" = 3 ] && break; sleep 0.1; done
    METRICS[i]=$(sed -n 2p "$TMP/ports$i")
    GRPC_PORT[i]=$(sed -n 3p "$TMP/ports$i")
done
check replicas_start test -n "${GRPC_PORT[1]}" -a -n "${GRPC_PORT[2]}" -a -n "${GRPC_PORT[3]}"

# HAProxy: the template with a free frontend port, a free stats port and the three replicas
read -r LB STATS < <($PY -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
{
    sed -n '1,/# BEGIN servers/p' deploy/haproxy.cfg
    for i in 1 2 3; do echo "    server replica$i 127.0.0.1:${GRPC_PORT[i]} check-proto h1 port ${METRICS[i]}"; done
    sed -n '/# END servers/,$p' deploy/haproxy.cfg
} | sed -e "s/bind 0.0.0.0:7400 proto h2/bind 127.0.0.1:$LB proto h2/" \
        -e "s/bind 127.0.0.1:8404/bind 127.0.0.1:$STATS/" >"$TMP/haproxy.cfg"
check config_has_ports grep -q "bind 127.0.0.1:$LB proto h2" "$TMP/haproxy.cfg"
check config_valid haproxy -c -q -f "$TMP/haproxy.cfg"
haproxy -f "$TMP/haproxy.cfg" -db >"$TMP/haproxy.log" 2>&1 &
PIDS+=($!)

# server_status NAME: HAProxy's status of a server (UP, DOWN, ...) from its CSV stats page
server_status() {
    $PY - "$STATS" "$1" <<'PY'
import csv, io, sys, urllib.request
try:
    with urllib.request.urlopen("http://127.0.0.1:%s/stats;csv" % sys.argv[1], timeout=30) as r:
        rows = list(csv.DictReader(io.StringIO(r.read().decode().lstrip("# "))))
except OSError:
    sys.exit(0)
print(next((r["status"] for r in rows if r["pxname"] == "sourcing" and r["svname"] == sys.argv[2]), ""))
PY
}
wait_status() {  # wait_status NAME STATUS-PREFIX: up to 120 s
    for _ in $(seq 1 1200); do [[ "$(server_status "$1")" == "$2"* ]] && return 0; sleep 0.1; done
    return 1
}
for i in 1 2 3; do check "haproxy_sees_replica${i}_up" wait_status replica$i UP; done

# solves_ok I: answered Solves with status OK in replica I's log
solves_ok() { grep -c 'method=Solve status=OK' "$TMP/replica$1.log"; }
# metric_ok I: sourcing_requests_total{method="Solve",status="OK"} of replica I
metric_ok() {
    $PY -c '
import sys, urllib.request
text = urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=30).read().decode()
print(next((int(float(l.split()[-1])) for l in text.splitlines()
            if l.startswith("sourcing_requests_total{method=\"Solve\",status=\"OK\"}")), 0))' "${METRICS[$1]}"
}
run_client() {  # run_client OUT ARGS...: the Python client through HAProxy
    local out=$1; shift
    PYTHONPATH="$TMP/py" timeout 600 $PY tests/interop/grpc_haproxy.py "127.0.0.1:$LB" \
        tests/data/server/small.json "$@" >"$out" 2>&1
}
fact() { sed -n "s/^$2=//p" "$1"; }

# 1: 300 Solves, 8 at a time on one client connection: HAProxy balances each call
run_client "$TMP/one.out" 300 8 1
check phase1_client_runs [ "$(fact "$TMP/one.out" answered)" = 300 ]
if [ "$(fact "$TMP/one.out" ok)" = 300 ]; then ok phase1_every_call_right_plan
else fail phase1_every_call_right_plan "$(cat "$TMP/one.out")"; fi
total=0; served=""
for i in 1 2 3; do
    m=$(metric_ok $i); n=$(solves_ok $i)
    served="$served replica$i=$m"
    [ "$m" = "$n" ] || served="$served(log $n)"
    total=$((total + m))
    check "phase1_replica${i}_served_some" [ "$m" -gt 0 ]
done
echo "#   phase 1, Solves per replica:$served"
if [ $total = 300 ]; then ok phase1_each_call_ran_once; else fail phase1_each_call_ran_once "$served"; fi

# 2: 300 more on 4 connections; after 100 answers replica3 gets SIGTERM (calls are in flight on it)
before=(0 $(solves_ok 1) $(solves_ok 2) $(solves_ok 3))
run_client "$TMP/two.out" 300 8 4 "${REPLICA_PID[3]}" 100
check phase2_client_runs [ "$(fact "$TMP/two.out" answered)" = 300 ]
check phase2_replica3_signalled_mid_run [ "$(fact "$TMP/two.out" killed_after)" = 100 ]
if [ "$(fact "$TMP/two.out" ok)" = 300 ] && [ "$(fact "$TMP/two.out" failed)" = 0 ]; then
    ok phase2_every_call_succeeds_while_a_replica_drains
else fail phase2_every_call_succeeds_while_a_replica_drains "$(cat "$TMP/two.out")"; fi
for _ in $(seq 1 900); do kill -0 "${REPLICA_PID[3]}" 2>/dev/null || break; sleep 0.1; done
wait "${REPLICA_PID[3]}"
rc=$?
if [ $rc = 0 ]; then ok drained_replica_exits_0; else fail drained_replica_exits_0 "rc=$rc $(tail -5 "$TMP/replica3.log")"; fi
check haproxy_marks_replica3_down wait_status replica3 DOWN
total=0; served=""
for i in 1 2 3; do
    n=$(( $(solves_ok $i) - before[i] ))
    served="$served replica$i=$n"
    total=$((total + n))
done
echo "#   phase 2, Solves per replica:$served"
check phase2_others_kept_serving [ $(( $(solves_ok 1) - before[1] )) -gt 0 -a $(( $(solves_ok 2) - before[2] )) -gt 0 ]
if [ $total = 300 ]; then ok phase2_each_call_ran_once; else fail phase2_each_call_ran_once "$served"; fi
# and after it: the two left answer everything
run_client "$TMP/three.out" 50 4 2
check after_drain_two_replicas_answer_all [ "$(fact "$TMP/three.out" ok)" = 50 ]
