#!/bin/bash
# `make bench`: solver benchmarks and the command-line deadline check. Prints medians; compare
# rows of one run (the machine is shared and noisy), never numbers across machines.
# Every measurement (one row per run) also goes to $OUT/results.csv, and bench/bench_report.py
# draws gnuplot charts from it into $OUT: cli_time_rss.png (time and peak RSS against the batch
# size), solve_cost.png (cost of greedy and auto against the batch size), orlib_seconds.png
# (seconds to OPTIMAL per OR-Library file). Without gnuplot it stops before measuring anything.
# Then bench_transport times the facility search's transportation LP per move on capa.
# Last, the service: calls/s and p50/p99 latency of small Solves (and of Health calls: the
# transport alone) over the framed port and over gRPC, one connection and many (bench/bench_rpc;
# one row per run in $OUT/rpc.csv).
#
#   bench/run.sh                  the full benchmark (a few minutes)
#   BENCH_QUICK=1 bench/run.sh    tiny batches, 1 run each, short limits, two OR-Library files
#                                 (a few seconds; tests/t_bench_quick.sh)
# Env: BUILD (default build), OUT (default $BUILD/bench), GNUPLOT (default gnuplot). Arguments go
# to bench_solve (e.g. --quick).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
SOURCING=$BUILD/sourcing
OUT=${OUT:-$BUILD/bench}
CSV=$OUT/results.csv
PYTHON=/usr/bin/python3
export GNUPLOT=${GNUPLOT:-gnuplot}
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    SOLVE_ARGS=(--sizes "20x20,50x20,100x20" --limit 0.5 --repeats 1)
    CLI_ORDERS="20 50 100"; CLI_NODES=20; CLI_LIMIT=1; RUNS=1
    ORLIB_FILES="instances/orlib/cap41.json instances/orlib/cap51.json"
    RPC_SECONDS=0.3; RPC_ROUNDS=1
else
    SOLVE_ARGS=()
    CLI_ORDERS="100 1000 3000 10000"; CLI_NODES=200; CLI_LIMIT=5; RUNS=3
    ORLIB_FILES=$(echo instances/orlib/cap*.json)
    RPC_SECONDS=2; RPC_ROUNDS=5
fi
command -v "$GNUPLOT" >/dev/null || { echo "bench: $GNUPLOT is not installed (make deps): it draws the charts" >&2; exit 2; }
mkdir -p "$OUT"
"$PYTHON" bench/bench_report.py header >"$CSV"

echo "== src_solve on generated batches"
"$BUILD/bench/bench_solve" "${SOLVE_ARGS[@]}" --csv "$CSV" "$@"

echo
echo "== sourcing solve --time-limit $CLI_LIMIT, N orders x $CLI_NODES nodes: wall time (reading and writing files"
echo "   included), peak RSS, and the independent checker's verdict; $RUNS run$([ "$RUNS" = 1 ] || echo s) each, median wall"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for orders in $CLI_ORDERS; do
    "$SOURCING" gen --orders $orders --nodes $CLI_NODES --seed 7 --out "$tmp/batch.json"
    walls=""; rss=0; verdict="checked OK"
    for run in $(seq 1 $RUNS); do
        start=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$tmp/rss" "$SOURCING" solve "$tmp/batch.json" --time-limit $CLI_LIMIT --quiet \
            --plan "$tmp/plan.json" > /dev/null
        end=$(date +%s.%N)
        wall=$(echo "$end - $start" | bc)
        walls="$walls $wall"
        rss=$(( $(cat "$tmp/rss") / 1024 ))
        # every run's plan goes to the independent checker (not timed)
        if "$SOURCING" check "$tmp/batch.json" "$tmp/plan.json" --quiet; then checked=OK
        else checked=REJECTED; verdict="PLAN REJECTED"; fi
        "$PYTHON" bench/bench_report.py row cli "$run" "$wall" $rss $checked "$tmp/batch.json" "$tmp/plan.json" >>"$CSV"
    done
    median=$(echo $walls | tr ' ' '\n' | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
    status=$(grep -o '"status": "[A-Z]*"' "$tmp/plan.json" | head -1)
    printf '%6d orders: median %5.2f s wall (runs:%s), %4d MB peak RSS, %s, %s\n' \
        $orders "$median" "$walls" $rss "$status" "$verdict"
done

echo
echo "== OR-Library instances (auto, default limit): seconds to the proven optimum"
for f in $ORLIB_FILES; do
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$tmp/rss" "$SOURCING" solve "$f" --quiet --json >"$tmp/plan.json"
    end=$(date +%s.%N)
    wall=$(echo "$end - $start" | bc)
    status=$(grep -o '"status": "[A-Z]*"' "$tmp/plan.json" | head -1)
    printf '%-8s %6.2f s  %s\n' "$(basename "$f" .json)" "$wall" "$status"
    "$PYTHON" bench/bench_report.py row orlib 1 "$wall" $(( $(cat "$tmp/rss") / 1024 )) "" "$f" "$tmp/plan.json" >>"$CSV"
done

echo
echo "== the facility search's transportation LP: one evaluation per move (a node opened or closed)"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    "$BUILD/bench/bench_transport" instances/orlib/cap41.json --moves 10
else
    "$SOURCING" import-orlib instances/orlib/capa.txt --capacity 8000 --out "$tmp/capa.json"
    "$BUILD/bench/bench_transport" "$tmp/capa.json" --moves 60
fi

echo
echo "== sourcing serve (--threads 2, --quiet, loopback): Solves of tests/data/server/small.json, then Health"
echo "   calls, over the framed port and over gRPC (HTTP/2), N connections x K in flight, $RPC_SECONDS s each,"
echo "   $RPC_ROUNDS round(s) (bench/bench_rpc); then the medians side by side (bench/rpc_report.py)"
rm -f "$OUT/rpc.csv"
"$SOURCING" serve --listen 127.0.0.1:0 --grpc-listen 127.0.0.1:0 --threads 2 --quiet \
    --port-file "$tmp/ports" 2>"$tmp/serve.log" &
SERVE_PID=$!
trap 'kill "$SERVE_PID" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 300); do [ "$(wc -l 2>/dev/null <"$tmp/ports")" = 3 ] && break; sleep 0.1; done
FRAMED=127.0.0.1:$(sed -n 1p "$tmp/ports"); GRPC=127.0.0.1:$(sed -n 3p "$tmp/ports")
"$SOURCING" client solve tests/data/server/small.json --server "$FRAMED" --json >"$tmp/small.plan.json"
total=$("$PYTHON" -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))["costs"]["total"]))' "$tmp/small.plan.json")
# each shape runs framed then gRPC back to back, in $RPC_ROUNDS rounds (the machine's load
# changes over a run: the medians compare like with like); Health (no solve, answered on the
# event loop) shows what the transport alone costs
for round in $(seq 1 "$RPC_ROUNDS"); do
    for method in solve health; do
        for shape in "1 1" "1 8" "8 8"; do
            set -- $shape
            for transport in framed grpc; do
                address=$FRAMED; [ $transport = grpc ] && address=$GRPC
                "$BUILD/bench/bench_rpc" --$transport "$address" --method $method --batch tests/data/server/small.json \
                    --expect-total "$total" --connections $1 --inflight $2 --seconds "$RPC_SECONDS" \
                    --run "$round" --csv "$OUT/rpc.csv"
            done
        done
    done
done
kill -TERM "$SERVE_PID"; wait "$SERVE_PID"
echo
"$PYTHON" bench/rpc_report.py "$OUT/rpc.csv"

echo
"$PYTHON" bench/bench_report.py charts "$CSV" "$OUT"
