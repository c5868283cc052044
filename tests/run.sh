#!/bin/bash
# Runs every test program (build/tests/test_*) and shell test (tests/t_*.sh), counts their
# "ok - " and "not ok - " lines, and ends with "N passed, N failed".
#   tests/run.sh            all tests
#   tests/run.sh server     only tests whose name has "server", "client", "interop" or "grpc"
#   tests/run.sh solver     all but those
# Env: BUILD (build dir, default build), VALGRIND=1 (run test programs under valgrind).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
filter=${1:-all}
passed=0; failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

selected() {
    local name=$1 is_server=0
    case "$name" in *server*|*client*|*interop*|*grpc*) is_server=1 ;; esac
    case "$filter" in
        all) return 0 ;;
        server) [ $is_server = 1 ] ;;
        solver) [ $is_server = 0 ] ;;
        *) [[ "$name" == *"$filter"* ]] ;;
    esac
}

run_one() {
    local name=$1; shift
    local out="$log/$name.out"
    echo "# $name"
    "$@" >"$out" 2>"$log/$name.err"
    local rc=$?
    local ok nok
    ok=$(grep -c '^ok - ' "$out")
    nok=$(grep -c '^not ok - ' "$out")
    grep -E '^(not ok - |#   )' "$out"
    if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
        echo "not ok - $name exited with status $rc"
        tail -n 20 "$log/$name.err" | sed 's/^/#   /'
        nok=1
    elif [ "$nok" -ne 0 ]; then
        tail -n 20 "$log/$name.err" | sed 's/^/#   /'
    fi
    passed=$((passed + ok)); failed=$((failed + nok))
    echo "#   $ok passed, $nok failed"
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    selected "$name" || continue
    if [ "${VALGRIND:-0}" = 1 ]; then
        run_one "$name" valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$t"
    else
        run_one "$name" "$t"
    fi
done
for t in tests/t_*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    selected "$name" || continue
    [ "${VALGRIND:-0}" = 1 ] && continue
    run_one "$name" bash "$t"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
