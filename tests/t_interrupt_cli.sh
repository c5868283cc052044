#!/bin/bash
# `sourcing solve` interrupted: SIGINT or SIGTERM during a real solve stops the search, writes the
# best plan so far (which `sourcing check` accepts, its message saying it was interrupted) and ends
# by the signal; a second signal quits at once, writing nothing. Output paths are checked before
# the solve begins.
cd "$(dirname "$0")/.."
. tests/lib.sh

# A batch whose solve runs far longer than the test waits (time limit 300 s).
"$SOURCING" gen --orders 1000 --nodes 50 --seed 3 --out "$TMP/g.json" || { fail gen "gen failed"; exit 1; }

# ends_within PID SECONDS: waits for PID; its exit status, or 255 after killing it if it hangs
ends_within() {
    local pid=$1 left=$(( $2 * 10 ))
    while kill -0 "$pid" 2>/dev/null && [ $left -gt 0 ]; do sleep 0.1; left=$((left - 1)); done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; wait "$pid"; return 255; fi
    wait "$pid"
}

# interrupted NAME SIGNAL...: starts a solve, lets it search for 2 s, sends the signals in turn
interrupted() {
    local name=$1; shift
    rm -f "$TMP/$name.json"
    "$SOURCING" solve "$TMP/g.json" --time-limit 300 --quiet --plan "$TMP/$name.json" --csv "$TMP/$name.csv" \
        >"$TMP/$name.out" 2>"$TMP/$name.err" &
    local pid=$!
    sleep 2
    for sig in "$@"; do kill -"$sig" "$pid"; done
    ends_within "$pid" 120
}

interrupted sigint INT
rc=$?
check sigint_ends_by_the_signal [ "$rc" -eq 130 ]
if "$SOURCING" check "$TMP/g.json" "$TMP/sigint.json" >"$TMP/check.out" 2>&1; then ok sigint_plan_checks
else fail sigint_plan_checks "$(head -c 400 "$TMP/check.out") $(head -c 300 "$TMP/sigint.err")"; fi
check sigint_plan_says_interrupted grep -q '"message": "interrupted by SIGINT: the best plan found until then' "$TMP/sigint.json"
check sigint_summary_printed grep -q '^note: *interrupted by SIGINT' "$TMP/sigint.out"
check sigint_csv_written [ "$(wc -l <"$TMP/sigint.csv")" -gt 1000 ]
check sigint_notice_on_stderr grep -q 'interrupted: stopping the search; the best plan so far will be written' "$TMP/sigint.err"

interrupted sigterm TERM
rc=$?
check sigterm_ends_by_the_signal [ "$rc" -eq 143 ]
check sigterm_plan_checks "$SOURCING" check --quiet "$TMP/g.json" "$TMP/sigterm.json"
check sigterm_plan_says_interrupted grep -q '"message": "interrupted by SIGTERM' "$TMP/sigterm.json"

# a second signal, while the first is being acted on, quits at once: no plan
interrupted twice INT TERM
rc=$?
check second_signal_quits [ "$rc" -eq 143 ]
check second_signal_writes_no_plan [ ! -e "$TMP/twice.json" ]

# output paths are checked before solving: the error comes at once, with nothing solved
"$SOURCING" solve "$TMP/g.json" --time-limit 300 --plan /no/such/dir/p.json >"$TMP/nodir.out" 2>"$TMP/nodir.err"
rc=$?
check bad_plan_path_exit_2 [ "$rc" -eq 2 ]
check bad_plan_path_named grep -qF "/no/such/dir/p.json: directory /no/such/dir does not exist" "$TMP/nodir.err"
check bad_plan_path_before_solving [ ! -s "$TMP/nodir.out" ]
"$SOURCING" solve "$TMP/g.json" --csv "$TMP" >/dev/null 2>"$TMP/isdir.err"
check csv_path_is_directory grep -qF "is a directory" "$TMP/isdir.err"
"$SOURCING" solve "$TMP/g.json" --shipments-csv "$TMP/g.json/x.csv" >/dev/null 2>"$TMP/notdir.err"
check shipments_csv_under_a_file grep -qF "is not a directory" "$TMP/notdir.err"
