#!/bin/bash
# `sourcing solve` and `sourcing export` from the shell: the summary, --json, --plan (JSON and
# binary), --csv, --strategy, exit codes, and the exported LP/MPS files.
cd "$(dirname "$0")/.."
. tests/lib.sh
I=instances/handmade

# run NAME WANT_RC ARGS...: runs `sourcing ARGS`, keeps stdout/stderr in $TMP/NAME.{out,err}
run() {
    local name=$1 want=$2; shift 2
    "$SOURCING" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$name"; else fail "$name" "exit $rc, expected $want: $(head -c 300 "$TMP/$name.err")"; fi
}
# has NAME FILE TEXT: FILE contains TEXT
has() { if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1" "$2 lacks '$3': $(head -c 400 "$2")"; fi; }
json() { /usr/bin/python3 -c "import json,sys; p=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

run summary 0 solve $I/split_cost.json --quiet
has summary_status "$TMP/summary.out" "status:       OPTIMAL"
has summary_total "$TMP/summary.out" "total cost:   12.0000"
has summary_terms "$TMP/summary.out" "split       0.0000"
has summary_counts "$TMP/summary.out" "shipments:    1   split orders: 0   unfilled units: 0"
has summary_phases "$TMP/summary.out" " (validate "
has summary_one_order "$TMP/summary.out" "(1 order, 3 nodes)"
version=$("$SOURCING" --version | awk '{print $2}' | tr -d ,)
has summary_solver "$TMP/summary.out" "solver:       sourcing $version, GLPK"
# local search runs up to three times in a solve: the summary names each phase once
check summary_phases_once [ "$(grep '^time:' "$TMP/summary.out" | grep -o '[a-z]* [0-9.]* [mu]*s' | awk '{print $1}' | sort | uniq -d)" = "" ]
check summary_no_rounded_zero bash -c "! grep -q ' 0.000s' '$TMP/summary.out'"

# the statistics block: version, the options in force (flags over the batch over the defaults),
# the duration and each phase once
run stats_defaults 0 solve $I/split_cost.json --json --quiet
check stats_defaults [ "$(json "$TMP/stats_defaults.out" "tuple(p['statistics'][k] for k in ('version', 'time_limit', 'strategy', 'gap'))")" = "('$version', 10.0, 'auto', 0.0)" ]
run stats_flags 0 solve $I/split_cost.json --json --quiet --time-limit 7.5 --strategy greedy --gap 0.02
check stats_flags [ "$(json "$TMP/stats_flags.out" "tuple(p['statistics'][k] for k in ('time_limit', 'strategy', 'gap'))")" = "(7.5, 'greedy', 0.02)" ]
check stats_phases_merged [ "$(json "$TMP/stats_defaults.out" "(lambda n: len(n) == len(set(n)) and 'local' in n and [x['phase'] for x in p['phases']].count('local') > 1)([x['phase'] for x in p['statistics']['phases']])")" = True ]
check stats_duration_is_the_phases [ "$(json "$TMP/stats_defaults.out" "(lambda s: abs(s['duration'] - sum(x['seconds'] for x in s['phases'])) < 1e-12 and s['duration'] > 0)(p['statistics'])")" = True ]

run json_out 0 solve $I/late_cost.json --json --quiet
check json_total [ "$(json "$TMP/json_out.out" "p['costs']['total']")" = "18.0" ]
check json_status [ "$(json "$TMP/json_out.out" "p['status']")" = "OPTIMAL" ]

run plan_binary 0 solve $I/hard_sla.json --quiet --plan "$TMP/plan.pb"
run check_binary_plan 0 check $I/hard_sla.json "$TMP/plan.pb"
has binary_plan_checked "$TMP/check_binary_plan.out" "plan OK: total cost 23"

run csv 0 solve $I/split_cost.json --quiet --csv "$TMP/plan.csv" --shipments-csv "$TMP/ships.csv"
has csv_header "$TMP/plan.csv" "order_id,line,sku,outcome,units,node_id,carrier,shipment,weight_kg,handling_cost,unfilled_cost"
check csv_rows [ "$(wc -l <"$TMP/plan.csv")" -eq 3 ]   # header + both lines of the one shipment from n3
check csv_one_shipment_row [ "$(wc -l <"$TMP/ships.csv")" -eq 2 ]   # its cost once, not per line

run greedy 0 solve $I/split_cost.json --quiet --strategy greedy --json
check greedy_heuristic [ "$(json "$TMP/greedy.out" "p['status']")" = "HEURISTIC" ]
run mip 0 solve $I/node_max_units.json --quiet --strategy mip --json
check mip_optimal [ "$(json "$TMP/mip.out" "p['status'] + ' ' + str(p['costs']['total'])")" = "OPTIMAL 6.0" ]

# flag errors are blamed on the flag, not on the batch file
run bad_strategy 2 solve $I/split_cost.json --strategy magic
has bad_strategy_named "$TMP/bad_strategy.err" "sourcing solve: --strategy 'magic': expected one of auto, mip, greedy"
run bad_time_limit 2 solve $I/split_cost.json --time-limit -3
has bad_time_limit_named "$TMP/bad_time_limit.err" "sourcing solve: --time-limit '-3': expected a number from 0.001 to 86400"
run zero_time_limit 2 solve $I/split_cost.json --time-limit 0
has zero_time_limit_refused "$TMP/zero_time_limit.err" "--time-limit '0': expected a number from 0.001"
run big_gap 2 solve $I/split_cost.json --gap 2
has big_gap_named "$TMP/big_gap.err" "--gap '2': expected a number from 0 to 1"
run no_file 2 solve "$TMP/missing.json"
has no_file_named "$TMP/no_file.err" "$TMP/missing.json"
echo '{"orders": [' >"$TMP/broken.json"
run broken_json 2 solve "$TMP/broken.json"
has broken_json_line "$TMP/broken_json.err" "broken.json: line 2 column 0"
run usage 2 solve
run help 0 solve --help
has help_text "$TMP/help.out" "--time-limit SEC"

run export_lp 0 export instances/orlib/cap41.json --lp "$TMP/cap41.lp"
has export_lp_objective "$TMP/cap41.lp" "Minimize"
has export_lp_names "$TMP/cap41.lp" "z(w1,)"
run export_mps 0 export $I/carrier_limit.json --mps "$TMP/cl.mps"
has export_mps_rows "$TMP/cl.mps" "ROWS"
run export_both 2 export $I/carrier_limit.json --lp "$TMP/a.lp" --mps "$TMP/a.mps"
run export_invalid 2 export tests/data/invalid/negative_quantity.json --lp "$TMP/x.lp"

# the live progress line: only on a terminal (script gives one), only after a second, not with --quiet
if command -v script >/dev/null; then
    "$SOURCING" gen --orders 100 --nodes 50 --seed 1 --out "$TMP/g100.json"
    script -qc "$SOURCING solve $TMP/g100.json --time-limit 4" /dev/null >"$TMP/tty.out" 2>&1
    has progress_line "$TMP/tty.out" "  best "
    has progress_line_names_the_phase "$TMP/tty.out" "lagrange"
    has progress_line_names_the_bound "$TMP/tty.out" "  bound "
    # it ticks: over a 4 s solve, the line shows at least two different whole seconds
    ticks=$(tr '\r' '\n' <"$TMP/tty.out" | grep -oE '^ *[0-9]+\.[0-9]s' | cut -d. -f1 | sort -u | wc -l)
    check progress_line_ticks [ "$ticks" -ge 2 ]
    script -qc "$SOURCING solve $TMP/g100.json --time-limit 4 --quiet" /dev/null >"$TMP/tty_quiet.out" 2>&1
    if grep -qF "  best " "$TMP/tty_quiet.out"; then fail progress_quiet "--quiet still shows progress"; else ok progress_quiet; fi
    "$SOURCING" solve "$TMP/g100.json" --time-limit 2 2>"$TMP/notty.err" >/dev/null
    check progress_not_on_pipes [ ! -s "$TMP/notty.err" ]
fi

# --log: one CSV row per improvement; the plan only gets cheaper, the bound only higher, and the
# last row is the plan that was written
"$SOURCING" gen --orders 200 --nodes 30 --seed 3 --out "$TMP/g200.json"
run log_written 0 solve "$TMP/g200.json" --time-limit 3 --quiet --log "$TMP/log.csv" --plan "$TMP/log_plan.json"
check log_header [ "$(head -1 "$TMP/log.csv")" = "seconds,phase,cost,bound,gap" ]
check log_rows [ "$(wc -l <"$TMP/log.csv")" -ge 3 ]
check log_monotone awk -F, 'NR > 2 && $3 != "" && last_cost != "" && $3 > last_cost + 1e-6 { bad = 1 }
                            NR > 2 && $4 != "" && last_bound != "" && $4 < last_bound - 1e-6 { bad = 1 }
                            NR > 1 { if ($3 != "") last_cost = $3; if ($4 != "") last_bound = $4 }
                            END { exit bad }' "$TMP/log.csv"
total=$(grep -o '"total": [0-9.e+-]*' "$TMP/log_plan.json" | head -1 | cut -d' ' -f2)
last=$(tail -1 "$TMP/log.csv" | cut -d, -f3)
check log_ends_with_the_plan awk -v a="$total" -v b="$last" 'BEGIN { d = a - b; exit !(d < 1e-6 * (a > 1 ? a : 1) && -d < 1e-6 * (a > 1 ? a : 1)) }'
run log_unwritable 2 solve "$TMP/g200.json" --time-limit 1 --log /no/such/dir/log.csv
