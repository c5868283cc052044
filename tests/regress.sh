#!/bin/bash
# Solves every canonical instance in instances/manifest.tsv and compares with its known optimum:
# `sourcing solve FILE --json --quiet --time-limit T`, then `sourcing check FILE PLAN`; the plan
# must be OPTIMAL, pass the checker, and cost the optimum (hand-made: within 1e-6 relative;
# OR-Library: to the published precision, |total - optimum| <= 0.005 + 1e-9 * optimum).
# Prints one "ok - FILE" / "not ok - FILE" line per instance and a summary; exits 1 on any failure.
#   tests/regress.sh [--time-limit SEC] [FILTER]   FILTER: only files whose path contains it
# Env: BUILD (build dir, default build), SOURCING (the binary, default $BUILD/sourcing).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
SOURCING=${SOURCING:-$BUILD/sourcing}
PYTHON=/usr/bin/python3
MANIFEST=instances/manifest.tsv
time_limit=60
filter=""
while [ $# -gt 0 ]; do
    case "$1" in
        --time-limit) time_limit=${2:?--time-limit wants seconds}; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) filter=$1; shift ;;
    esac
done
if [ ! -x "$SOURCING" ]; then
    echo "not ok - regress: $SOURCING is missing (make BUILD=$BUILD first)"
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# compare PLAN OPTIMUM KIND: prints nothing when the plan is OPTIMAL at the optimum, else why not.
compare() {
    "$PYTHON" - "$1" "$2" "$3" <<'PY'
import json, sys
path, optimum, kind = sys.argv[1], float(sys.argv[2]), sys.argv[3]
try:
    plan = json.load(open(path))
except Exception as e:
    print(f"the plan is not JSON: {e}")
    sys.exit()
status = plan.get("status", "STATUS_UNKNOWN")
total = plan.get("costs", {}).get("total")
if total is None:
    print(f"status {status}, the plan has no costs.total")
elif kind == "orlib" and abs(total - optimum) > 0.005 + 1e-9 * optimum:
    print(f"status {status}, total {total:.6f}, published optimum {optimum}")
elif kind != "orlib" and abs(total - optimum) > 1e-6 * max(1.0, abs(optimum)):
    print(f"status {status}, total {total:.9g}, optimum {optimum:.9g}")
elif status != "OPTIMAL":
    print(f"status {status} (total {total:.9g} is the optimum but not proven)")
PY
}

# run_one FILE OPTIMUM: one ok/not ok line.
run_one() {
    local file=$1 optimum=$2 path="instances/$1" plan="$work/plan.json" kind=handmade why
    case "$file" in orlib/*) kind=orlib ;; esac
    if ! "$SOURCING" solve "$path" --json --quiet --time-limit "$time_limit" >"$plan" 2>"$work/err"; then
        echo "not ok - $file"
        echo "#   solve failed: $(tail -n 3 "$work/err" | tr '\n' ' ')"
        return 1
    fi
    if ! "$SOURCING" check "$path" "$plan" >"$work/check" 2>&1; then
        echo "not ok - $file"
        echo "#   the checker refused the plan: $(head -n 3 "$work/check" | tr '\n' ' ')"
        return 1
    fi
    why=$(compare "$plan" "$optimum" "$kind")
    if [ -n "$why" ]; then
        echo "not ok - $file"
        echo "#   $why"
        return 1
    fi
    echo "ok - $file ($optimum)"
}

passed=0; failed=0
while IFS=$'\t' read -r file optimum _notes; do
    case "$file" in ''|'#'*|file) continue ;; esac
    [[ "$file" == *"$filter"* ]] || continue
    if run_one "$file" "$optimum"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done <"$MANIFEST"
echo "# regress: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
