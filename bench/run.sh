#!/bin/bash
# `make bench`: solver benchmarks and the command-line deadline check. Prints medians; compare
# rows of one run (the machine is shared and noisy), never numbers across machines.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
SOURCING=$BUILD/sourcing
echo "== src_solve on generated batches"
"$BUILD/bench/bench_solve" "$@"

echo
echo "== sourcing solve --time-limit 5, N orders x 200 nodes: wall time (reading and writing files"
echo "   included), peak RSS, and the independent checker's verdict; 3 runs each, median wall"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for orders in 100 1000 3000 10000; do
    "$SOURCING" gen --orders $orders --nodes 200 --seed 7 --out "$tmp/batch.json"
    walls=""; rss=0
    for run in 1 2 3; do
        start=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$tmp/rss" "$SOURCING" solve "$tmp/batch.json" --time-limit 5 --quiet \
            --plan "$tmp/plan.json" > /dev/null
        end=$(date +%s.%N)
        walls="$walls $(echo "$end - $start" | bc)"
        rss=$(( $(cat "$tmp/rss") / 1024 ))
    done
    median=$(echo $walls | tr ' ' '\n' | sort -g | sed -n 2p)
    verdict=$("$SOURCING" check "$tmp/batch.json" "$tmp/plan.json" --quiet && echo "checked OK" || echo "PLAN REJECTED")
    status=$(grep -o '"status": "[A-Z]*"' "$tmp/plan.json" | head -1)
    printf '%6d orders: median %5.2f s wall (runs:%s), %4d MB peak RSS, %s, %s\n' \
        $orders "$median" "$walls" $rss "$status" "$verdict"
done

echo
echo "== OR-Library instances (auto, default limit): seconds to the proven optimum"
for f in instances/orlib/cap*.json; do
    start=$(date +%s.%N)
    status=$("$SOURCING" solve "$f" --quiet --json | grep -o '"status": "[A-Z]*"' | head -1)
    end=$(date +%s.%N)
    printf '%-8s %6.2f s  %s\n' "$(basename "$f" .json)" "$(echo "$end - $start" | bc)" "$status"
done
