#!/bin/bash
# Runs every libFuzzer target in $BUILD/fuzz (make fuzz) for FUZZ_SECONDS each, from seed corpora
# made now from instances/handmade (and tests/data/invalid for JSON), plus the inputs of past
# findings kept in fuzz/regressions/TARGET/. A crash, a sanitizer report,
# a leak or a timeout is a finding: its input is kept in $BUILD/fuzz/findings/ and the run fails.
# Ends with "fuzz: N targets, N findings".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-30}
work=$BUILD/fuzz/work
findings=$BUILD/fuzz/findings
rm -rf "$work"
mkdir -p "$work/seeds/json" "$work/seeds/pb" "$work/seeds/frame" "$findings"
cp instances/handmade/*.json tests/data/invalid/*.json "$work/seeds/json/"
"$BUILD/fuzz/make_seeds" "$work/seeds" instances/handmade/*.json || exit 1

seeds_of() {
    case "$1" in
        fuzz_json_batch) echo json ;;
        fuzz_pb_batch|fuzz_solve) echo pb ;;
        fuzz_frame) echo frame ;;
    esac
}

targets=0; found=0
for t in "$BUILD"/fuzz/fuzz_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    corpus=$work/corpus/$name
    mkdir -p "$corpus"
    # the inputs of past findings (fuzz/regressions/TARGET/), replayed first like any seed
    regressions=""
    [ -d "fuzz/regressions/$name" ] && regressions="fuzz/regressions/$name"
    start=$(date +%s)
    # -timeout: one input taking this long is a hang (a solve has a 0.05 s budget)
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$t" -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$findings/$name-" "$corpus" "$work/seeds/$(seeds_of "$name")" $regressions \
        >"$work/$name.log" 2>&1
    rc=$?
    targets=$((targets + 1))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
    if [ $rc -ne 0 ]; then
        found=$((found + 1))
        echo "fuzz: $name: FINDING (exit $rc) after $(( $(date +%s) - start )) s:"
        grep -E 'ERROR|SUMMARY|abort|runtime error|Test unit written' "$work/$name.log" | head -20
    else
        echo "fuzz: $name: ${runs:-?} inputs in $(( $(date +%s) - start )) s, no finding"
    fi
done
echo "fuzz: $targets targets, $found findings"
[ $targets -gt 0 ] && [ $found -eq 0 ]
