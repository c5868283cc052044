#!/bin/bash
# `make compare`: our solver against peer MIP solvers on the same batches at the same time limits.
# For every batch and time limit it runs, one after another (never in parallel), `sourcing solve`
# on the batch, glpsol on our `sourcing export --lp` model and cbc on our `--mps` model (cbc
# reads MPS about twice as fast; both files carry the objective's constant as the column
# `objconst`, so every solver's objective is the plan's total cost). Then
# bench/compare_report.py writes the results CSV, gnuplot charts and a table.
#
#   bench/compare.sh                        every family, limits 1 10 30 (about an hour)
#   QUICK=1 bench/compare.sh                orlib, small and large at 1 and 10 s (a few minutes)
#   FAMILIES=capa CAPACITIES=8000 LIMITS=10 APPEND=1 bench/compare.sh    add rows to the last run
#   REPORT_ONLY=1 bench/compare.sh          redo the CSV, charts and table from the last run
#
# Families (FAMILIES, space-separated):
#   orlib  OR-Library cap41..cap74 (instances/orlib/*.json; ORLIB selects), published optima
#   capa   OR-Library capa (instances/orlib/capa.txt) imported at run time with each capacity of
#          CAPACITIES (default 8000 10000 12000 14000); published optima in instances/orlib/capa.tsv
#   small  `sourcing gen` 100x20, 200x30, 300x50 (orders x nodes), for each seed of SEEDS (7)
#   large  `sourcing gen` 100x200, 1000x200
#   huge   `sourcing gen` 10000x200
# Env: LIMITS (seconds, default "1 10 30"), SOLVERS (default "sourcing glpsol cbc"), REPEATS
# (runs per batch, limit and solver; the table shows medians; default 1), OUT (folder, default
# $BUILD/compare), CSV (default $OUT/results.csv), BEST_KNOWN (best cost found so far per
# generated batch, kept across runs; default $OUT/best_known.tsv), GLPSOL_OPTS, CBC_OPTS (extra
# options), KILL_FACTOR and KILL_EXTRA (a run still going after KILL_FACTOR * limit + KILL_EXTRA
# seconds, default 2 * limit + 20, is killed and recorded KILLED: cbc does not look at its time
# limit while it solves the root LP), BUILD, SOURCING.
#
# Limits: `sourcing solve --time-limit T` counts everything from reading the batch to writing the
# plan; glpsol `--tmlim T` and cbc `timeMode elapsed sec T` start after reading the model (the
# model's export is not timed). wall_seconds is each process's whole wall time.
# Peers solve the exported model, whose cost equals the plan's except where a line's unfilled
# cost exceeds ten times its dearest shipment (the model caps it, README); no line of these
# families comes near that cap.
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
SOURCING=${SOURCING:-$BUILD/sourcing}
PYTHON=/usr/bin/python3
if [ "${QUICK:-0}" = 1 ]; then
    FAMILIES=${FAMILIES:-orlib small large}
    LIMITS=${LIMITS:-1 10}
fi
FAMILIES=${FAMILIES:-orlib capa small large huge}
LIMITS=${LIMITS:-1 10 30}
SOLVERS=${SOLVERS:-sourcing glpsol cbc}
ORLIB=${ORLIB:-cap41 cap42 cap43 cap44 cap51 cap61 cap62 cap63 cap64 cap71 cap72 cap73 cap74}
CAPACITIES=${CAPACITIES:-8000 10000 12000 14000}
SEEDS=${SEEDS:-7}
REPEATS=${REPEATS:-1}
OUT=${OUT:-$BUILD/compare}
CSV=${CSV:-$OUT/results.csv}
BEST_KNOWN=${BEST_KNOWN:-$OUT/best_known.tsv}
KILL_FACTOR=${KILL_FACTOR:-2}
KILL_EXTRA=${KILL_EXTRA:-20}
GLPSOL_OPTS=${GLPSOL_OPTS:-}
CBC_OPTS=${CBC_OPTS:-}
RAW=$OUT/raw.csv     # one row per run, before best_known and over_best_pct are known
WORK=$OUT/work       # batches, models, logs of the batch being run (emptied after each batch)

report() { "$PYTHON" bench/compare_report.py "$RAW" "$CSV" "$OUT" "$BEST_KNOWN"; }
if [ "${REPORT_ONLY:-0}" = 1 ]; then report; exit; fi

for s in $SOLVERS; do
    case $s in
        sourcing) [ -x "$SOURCING" ] || { echo "compare: $SOURCING is missing (make first)" >&2; exit 2; } ;;
        glpsol|cbc) command -v "$s" >/dev/null || { echo "compare: $s is not installed (make deps)" >&2; exit 2; } ;;
        *) echo "compare: unknown solver '$s' (sourcing, glpsol, cbc)" >&2; exit 2 ;;
    esac
done
mkdir -p "$OUT" "$WORK"
if [ "${APPEND:-0}" != 1 ] || [ ! -s "$RAW" ]; then
    echo "family,batch,time_limit,solver,repeat,status,cost,bound,gap,wall_seconds,published" >"$RAW"
fi

# batches FAMILY: one line per batch, "NAME PUBLISHED_OPTIMUM(or -) HOW", HOW being how to make it
batches() {
    case $1 in
        orlib)
            for n in $ORLIB; do
                opt=$(awk -F'\t' -v f="orlib/$n.json" '$1 == f { print $2 }' instances/manifest.tsv)
                echo "$n ${opt:--} copy instances/orlib/$n.json"
            done ;;
        capa)
            for c in $CAPACITIES; do
                opt=$(awk -F'\t' -v c="$c" '$1 == c { print $2 }' instances/orlib/capa.tsv)
                echo "capa-$c ${opt:--} import-orlib instances/orlib/capa.txt --capacity $c"
            done ;;
        small|large|huge)
            case $1 in
                small) sizes="100x20 200x30 300x50" ;;
                large) sizes="100x200 1000x200" ;;
                huge) sizes="10000x200" ;;
            esac
            for seed in $SEEDS; do
                for size in $sizes; do
                    echo "gen-$size-s$seed - gen --orders ${size%x*} --nodes ${size#*x} --seed $seed"
                done
            done ;;
        *) echo "compare: unknown family '$1' (orlib, capa, small, large, huge)" >&2; return 2 ;;
    esac
}

# make_batch HOW... OUT: writes the batch file
make_batch() {
    local out=${!#}
    case $1 in
        copy) cp "$2" "$out" ;;
        *) "$SOURCING" "${@:1:$#-1}" --out "$out" >/dev/null ;;
    esac
}

now() { echo "$EPOCHREALTIME"; }
# timed LIMIT CMD...: runs CMD with the hard time limit; sets rc and wall
timed() {
    local limit=$1; shift
    local hard
    hard=$(awk -v t="$limit" -v f="$KILL_FACTOR" -v e="$KILL_EXTRA" 'BEGIN { print t * f + e }')
    local start
    start=$(now)
    timeout -k 5 "$hard" "$@"
    rc=$?
    wall=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
}

# Each run_* sets status, cost, bound, gap (empty when unknown).
run_sourcing() {
    local batch=$1 limit=$2 plan=$WORK/plan.json
    rm -f "$plan"
    timed "$limit" "$SOURCING" solve "$batch" --time-limit "$limit" --quiet --json >"$plan" 2>"$WORK/sourcing.err"
    if [ $rc = 124 ] || [ $rc = 137 ]; then status=KILLED; cost=; bound=; gap=; return; fi
    read -r status cost bound gap < <("$PYTHON" -c '
import json, sys
try:
    p = json.load(open(sys.argv[1]))
except Exception:
    print("ERROR"); sys.exit()
f = lambda v: "" if v is None else repr(float(v))
print(p.get("status", "ERROR"), f(p.get("costs", {}).get("total")) or "-", f(p.get("best_bound")) or "-", f(p.get("gap")) or "-")
' "$plan")
    [ "$cost" = - ] && cost=; [ "$bound" = - ] && bound=; [ "$gap" = - ] && gap=
    if [ "$status" = HEURISTIC ]; then bound=; gap=; fi
    # the plan must pass the independent checker (not timed)
    if [ -n "$cost" ] && ! "$SOURCING" check "$batch" "$plan" --quiet >/dev/null 2>&1; then status=REJECTED; fi
}

# glpsol: status and objective from its solution file (-w: "s mip ROWS COLS o|f|n|u OBJ"), the
# bound from the last "X >= Y" line of its log (Y a number; "tree is empty" once solved)
run_glpsol() {
    local limit=$2 sol=$WORK/glpsol.sol log=$WORK/glpsol.log
    rm -f "$sol" "$log"
    # shellcheck disable=SC2086
    timed "$limit" glpsol --lp "$WORK/model.lp" --tmlim "$limit" -w "$sol" --log "$log" $GLPSOL_OPTS >/dev/null 2>&1
    status=; cost=; bound=; gap=
    if [ $rc = 124 ] || [ $rc = 137 ]; then status=KILLED; return; fi
    local s
    read -r s cost < <(awk '$1 == "s" && $2 == "mip" { print $5, $6 }' "$sol" 2>/dev/null)
    case ${s:-} in
        o) status=OPTIMAL ;;
        f) status=FEASIBLE ;;
        n) status=INFEASIBLE; cost= ;;
        u) status=NO_SOLUTION; cost= ;;
        *) status=ERROR; cost= ;;
    esac
    if [ $status = OPTIMAL ]; then bound=$cost; return; fi
    bound=$(awk '/>=/ { split($0, a, ">="); n = split(a[2], b, " "); if (b[1] ~ /^[-+0-9.]+(e[-+][0-9]+)?$/) y = b[1] } END { print y }' "$log" 2>/dev/null)
}

# cbc: "Result - ..." then "Objective value:" and "Lower bound:" on its (line-buffered) output
run_cbc() {
    local limit=$2 log=$WORK/cbc.log
    rm -f "$log"
    # shellcheck disable=SC2086
    timed "$limit" stdbuf -oL cbc "$WORK/model.mps" timeMode elapsed sec "$limit" $CBC_OPTS solve solu "$WORK/cbc.sol" >"$log" 2>&1
    status=; cost=; bound=; gap=
    if [ $rc = 124 ] || [ $rc = 137 ]; then status=KILLED; return; fi
    local result
    result=$(grep -m1 '^Result - ' "$log" | sed 's/^Result - //')
    cost=$(awk -F: '/^Objective value:/ { gsub(/ /, "", $2); print $2; exit }' "$log")
    bound=$(awk -F: '/^Lower bound:/ { gsub(/ /, "", $2); print $2; exit }' "$log")
    if grep -q '^No feasible solution found' "$log"; then cost=; fi
    case $result in
        "Optimal solution found"*) status=OPTIMAL; bound=$cost ;;
        *infeasible*) status=INFEASIBLE; cost= ;;
        "Stopped on"*) if [ -n "$cost" ]; then status=FEASIBLE; else status=NO_SOLUTION; fi ;;
        *) status=ERROR ;;
    esac
}

runs=0
for family in $FAMILIES; do
    list=$(batches "$family") || exit 2
    while read -r -u 3 name published how; do
        [ -n "$name" ] || continue
        rm -rf "$WORK"; mkdir -p "$WORK"
        batch=$WORK/$name.json
        # shellcheck disable=SC2086
        if ! make_batch $how "$batch"; then echo "compare: could not make $name" >&2; continue; fi
        case " $SOLVERS " in *" glpsol "*) "$SOURCING" export "$batch" --lp "$WORK/model.lp" || echo "compare: $name: export --lp failed" >&2 ;; esac
        case " $SOLVERS " in *" cbc "*) "$SOURCING" export "$batch" --mps "$WORK/model.mps" || echo "compare: $name: export --mps failed" >&2 ;; esac
        for limit in $LIMITS; do
            for repeat in $(seq 1 "$REPEATS"); do
                for solver in $SOLVERS; do
                    "run_$solver" "$batch" "$limit" </dev/null
                    if [ -z "$gap" ] && [ -n "$cost" ] && [ -n "$bound" ]; then
                        gap=$(awk -v c="$cost" -v b="$bound" 'BEGIN { m = c < 0 ? -c : c; if (m < 1e-9) m = 1e-9; g = (c - b) / m; printf "%.6g", g < 0 ? 0 : g }')
                    fi
                    [ "$published" = - ] && pub= || pub=$published
                    echo "$family,$name,$limit,$solver,$repeat,$status,$cost,$bound,$gap,$wall,$pub" >>"$RAW"
                    printf '%-6s %-16s %4ss  %-8s %-11s cost %-16s bound %-16s %7ss\n' \
                        "$family" "$name" "$limit" "$solver" "$status" "${cost:--}" "${bound:--}" "$wall"
                    runs=$((runs + 1))
                done
            done
        done
    done 3<<<"$list"
done
rm -rf "$WORK"
echo "$runs runs; $RAW"
report
