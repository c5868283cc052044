#!/bin/bash
# `make bench` in miniature: BENCH_QUICK=1 bench/run.sh (tiny batches, 1 run, short limits, two
# OR-Library files, 0.3 s per service load; a few seconds) still prints its sections (the
# service's: framed vs gRPC, every answer right, rows in rpc.csv), writes results.csv with the
# expected header and one row per run of each section, and draws its three charts as PNG files;
# without gnuplot it fails before measuring anything. gnuplot is required here: without it this
# test fails rather than skips (make deps installs gnuplot-nox). Also: README.md shows the three
# charts from committed PNG copies in docs/bench/.
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1
HEADER="section,batch,orders,nodes,strategy,time_limit,run,seconds,cost,status,bound,gap,peak_rss_mb,checked"
CHARTS="cli_time_rss solve_cost orlib_seconds"

check gnuplot_installed bash -c "command -v gnuplot >/dev/null"

OUT=$TMP/bench BENCH_QUICK=1 bash bench/run.sh >"$TMP/out" 2>"$TMP/err"; rc=$?
check bench_quick_succeeds [ $rc = 0 ]
[ $rc = 0 ] || tail -n 10 "$TMP/err" | sed 's/^/#   /'
CSV=$TMP/bench/results.csv

# the printed text: three sections, a line per size and per OR-Library file
check prints_solve_section grep -q '^== src_solve on generated batches$' "$TMP/out"
check prints_six_solve_rows [ "$(grep -cE '^ +(20|50|100) +20  (greedy|auto) ' "$TMP/out")" = 6 ]
check prints_three_checked_cli_rows [ "$(grep -cE '^ +[0-9]+ orders: median .* checked OK$' "$TMP/out")" = 3 ]
check prints_orlib_rows [ "$(grep -cE '^cap(41|51) +[0-9.]+ s  "status": "OPTIMAL"$' "$TMP/out")" = 2 ]

check csv_header [ "$(head -n 1 "$CSV" 2>/dev/null)" = "$HEADER" ]

# the service section: framed and gRPC, Solve and Health, three shapes each, every answer right
# (bench_rpc checks each plan's total; an error fails the run), one row each in rpc.csv
check prints_rpc_rows [ "$(grep -cE '^(framed|grpc) +(Solve|Health) +[18] conn x +[18] in flight: +[0-9]+ calls/s .*, 0 errors\)$' "$TMP/out")" = 12 ]
check rpc_csv_rows awk -F, 'NR == 1 { ok = $0 == "transport,method,connections,inflight,run,seconds,answers,errors,calls_per_s,p50_ms,p99_ms" }
    NR > 1 { n++; if ($1 !~ /^(framed|grpc)$/ || $2 !~ /^(Solve|Health)$/ || $5 != 1 || $7 < 1 || $8 != 0 || $9 <= 0 || $11 < $10) ok = 0 }
    END { exit !(ok && n == 12) }' "$TMP/bench/rpc.csv"
# and the side-by-side medians: one line per method and shape, gRPC as a share of framed
check prints_rpc_summary [ "$(grep -cE '^(Solve|Health) +[18] x [18] +[0-9]+ +[0-9]+ .* [0-9]+%$' "$TMP/out")" = 6 ]
# every row: 14 columns, a known section and status, seconds and cost numbers; per section: the
# expected count (solve: 3 sizes x greedy and auto; cli: 3 sizes; orlib: 2 files), peak RSS where
# measured, the checker's OK on each cli plan, OPTIMAL on the OR-Library files
awk -F, 'NR > 1 {
    n[$1]++
    num = "^[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?$"
    if (NF != 14) bad = bad " line " NR ": " NF " columns"
    if ($1 !~ /^(solve|cli|orlib)$/) bad = bad " line " NR ": section " $1
    if ($8 !~ num || $9 !~ num) bad = bad " line " NR ": seconds or cost not a number"
    if ($10 !~ /^(OPTIMAL|FEASIBLE|HEURISTIC)$/) bad = bad " line " NR ": status " $10
    if ($13 !~ /^[1-9][0-9]*$/) bad = bad " line " NR ": peak_rss_mb " $13
    if ($1 == "cli" && $14 != "OK") bad = bad " line " NR ": checked " $14
    if ($1 == "orlib" && $10 != "OPTIMAL") bad = bad " line " NR ": " $2 " " $10
    if ($1 == "solve") strategies[$5 " " $3]++
} END {
    if (n["solve"] != 6 || n["cli"] != 3 || n["orlib"] != 2)
        bad = bad " rows: solve " n["solve"] ", cli " n["cli"] ", orlib " n["orlib"] " (want 6, 3, 2)"
    for (s in strategies) k++
    if (k != 6) bad = bad " solve rows cover " k " strategy x size pairs, not 6"
    if (bad != "") { print bad; exit 1 }
}' "$CSV" >"$TMP/rows" 2>&1
check csv_rows [ $? = 0 ]
sed 's/^/#   /' "$TMP/rows"

for c in $CHARTS; do
    check "chart_${c}_is_png" /usr/bin/python3 -c "
import os, sys
if not os.path.exists('$TMP/bench/$c.png'): sys.exit('no $c.png')
d = open('$TMP/bench/$c.png', 'rb').read()
sys.exit(0 if len(d) > 1000 and d[:8] == b'\x89PNG\r\n\x1a\n' else 'not a PNG')"
done

# without gnuplot: an error naming it, before any measurement (no results.csv)
OUT=$TMP/nognuplot GNUPLOT=/nonexistent/gnuplot BENCH_QUICK=1 bash bench/run.sh >"$TMP/out2" 2>"$TMP/err2"; rc=$?
check fails_without_gnuplot bash -c "[ $rc != 0 ] && grep -q 'gnuplot is not installed' '$TMP/err2' && [ ! -e '$TMP/nognuplot/results.csv' ]"
GNUPLOT=/nonexistent/gnuplot /usr/bin/python3 bench/bench_report.py charts "$CSV" "$TMP/bench" >/dev/null 2>&1; rc=$?
check report_fails_without_gnuplot [ $rc != 0 ]

# the README shows the charts of a real run from committed copies (docs/bench/), one per chart
shown=$(grep -o '](docs/bench/[^)]*\.png)' README.md | sed 's/^](//; s/)$//' | sort -u)
missing=""
for c in $CHARTS; do
    f=docs/bench/$c.png
    grep -qx "$f" <<<"$shown" && git ls-files --error-unmatch "$f" >/dev/null 2>&1 &&
        [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || missing="$missing $f"
done
check readme_shows_committed_charts [ -z "$missing" ]
[ -z "$missing" ] || echo "#   not shown, not tracked or not a PNG:$missing"
