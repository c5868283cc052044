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
echo "== sourcing solve --time-limit 5 on 10,000 orders x 200 nodes (wall time includes reading and writing files)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SOURCING" gen --orders 10000 --nodes 200 --seed 7 --out "$tmp/batch.json"
for run in 1 2 3; do
    start=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%M" -o "$tmp/rss" "$SOURCING" solve "$tmp/batch.json" --time-limit 5 --quiet --plan "$tmp/plan.json" > /dev/null
        rss="$(( $(cat "$tmp/rss") / 1024 )) MB peak RSS"
    else
        "$SOURCING" solve "$tmp/batch.json" --time-limit 5 --quiet --plan "$tmp/plan.json" > /dev/null
        rss="(no /usr/bin/time: RSS not measured)"
    fi
    end=$(date +%s.%N)
    verdict=$("$SOURCING" check "$tmp/batch.json" "$tmp/plan.json" --quiet && echo "plan checked OK" || echo "PLAN REJECTED")
    echo "run $run: $(echo "$end - $start" | bc) s wall, $rss, $verdict"
done

echo
echo "== OR-Library instances (auto, default limit): seconds to the proven optimum"
for f in instances/orlib/cap*.json; do
    start=$(date +%s.%N)
    status=$("$SOURCING" solve "$f" --quiet --json | grep -o '"status": "[A-Z]*"' | head -1)
    end=$(date +%s.%N)
    printf '%-8s %6.2f s  %s\n' "$(basename "$f" .json)" "$(echo "$end - $start" | bc)" "$status"
done
