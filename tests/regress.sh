#!/bin/bash
# Solves every canonical instance in instances/manifest.tsv and compares with its known optimum:
# `sourcing solve FILE --json --quiet --time-limit T`, then `sourcing check FILE PLAN`; the plan
# must be OPTIMAL, pass the checker, and cost the optimum (hand-made: within 1e-9 relative, since
# the penalty instances cost about 1e9 and their few units of shipping must still be exact;
# OR-Library: to the published precision, |total - optimum| <= 0.005 + 1e-9 * optimum).
# Hand-made instances are solved twice, with `--strategy auto` and `--strategy mip` (the MIP
# alone, from the plan that ships nothing); OR-Library ones with auto.
# Prints one "ok - FILE" / "not ok - FILE" line per solve and a summary; exits 1 on any failure.
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
elif kind != "orlib" and abs(total - optimum) > 1e-9 * max(1.0, abs(optimum)):
    print(f"status {status}, total {total:.9g}, optimum {optimum:.9g}")
elif status != "OPTIMAL":
    print(f"status {status} (total {total:.9g} is the optimum but not proven)")
PY
}

# run_one FILE OPTIMUM STRATEGY: one ok/not ok line.
run_one() {
    local file=$1 optimum=$2 strategy=$3 path="instances/$1" plan="$work/plan.json" kind=handmade why
    case "$file" in orlib/*) kind=orlib ;; esac
    local name="$file"
    [ "$strategy" = auto ] || name="$file --strategy $strategy"
    if ! "$SOURCING" solve "$path" --json --quiet --time-limit "$time_limit" --strategy "$strategy" \
            >"$plan" 2>"$work/err"; then
        echo "not ok - $name"
        echo "#   solve failed: $(tail -n 3 "$work/err" | tr '\n' ' ')"
        return 1
    fi
    if ! "$SOURCING" check "$path" "$plan" >"$work/check" 2>&1; then
        echo "not ok - $name"
        echo "#   the checker refused the plan: $(head -n 3 "$work/check" | tr '\n' ' ')"
        return 1
    fi
    why=$(compare "$plan" "$optimum" "$kind")
    if [ -n "$why" ]; then
        echo "not ok - $name"
        echo "#   $why"
        return 1
    fi
    echo "ok - $name ($optimum)"
}

passed=0; failed=0
while IFS=$'\t' read -r file optimum _notes; do
    case "$file" in ''|'#'*|file) continue ;; esac
    [[ "$file" == *"$filter"* ]] || continue
    strategies="auto"
    case "$file" in handmade/*) strategies="auto mip" ;; esac
    for strategy in $strategies; do
        if run_one "$file" "$optimum" "$strategy"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    done
done <"$MANIFEST"
echo "# regress: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
