#!/bin/bash
# `sourcing` on files that are not whole: an empty batch file (JSON or .pb) and a .pb cut inside a
# field are refused with exit 2 and a message naming the file; a plan or CSV whose write fails
# (the file size limit, as a full disk) leaves the old file as it was and no temporary file.
# The library-level proofs (every prefix of a .pb) are in tests/test_files.c.
cd "$(dirname "$0")/.."
. tests/lib.sh
I=instances/handmade

refused() {  # refused NAME FILE WORDS: `solve FILE` exits 2 and stderr has WORDS
    local name=$1 file=$2 words=$3
    "$SOURCING" solve "$file" --quiet >"$TMP/$name.out" 2>"$TMP/$name.err"
    local rc=$?
    if [ "$rc" -ne 2 ]; then fail "$name" "exit $rc, expected 2: $(head -c 300 "$TMP/$name.err")"
    elif ! grep -qF -- "$words" "$TMP/$name.err"; then fail "$name" "stderr lacks '$words': $(head -c 300 "$TMP/$name.err")"
    elif [ -s "$TMP/$name.out" ]; then fail "$name" "a plan was printed"
    else ok "$name"; fi
}

: >"$TMP/empty.json"
: >"$TMP/empty.pb"
refused empty_json_refused "$TMP/empty.json" "empty.json: empty file"
refused empty_pb_refused "$TMP/empty.pb" "empty.pb: empty file"

# A .pb plan without its last byte: always inside the last field (every field takes at least a
# tag byte and a value byte), so protobuf itself sees it is short.
"$SOURCING" solve $I/penalty_many_lines.json --quiet --plan "$TMP/plan.pb" >/dev/null 2>&1
size=$(stat -c %s "$TMP/plan.pb")
head -c $((size - 1)) "$TMP/plan.pb" >"$TMP/cut.pb"
"$SOURCING" check $I/penalty_many_lines.json "$TMP/cut.pb" >"$TMP/cut.out" 2>"$TMP/cut.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -qF "cut.pb" "$TMP/cut.err"; then ok cut_pb_plan_refused; else
    fail cut_pb_plan_refused "exit $rc: $(head -c 300 "$TMP/cut.err")"; fi

# Old outputs, then a solve whose writes fail half way: every old file stays whole.
"$SOURCING" solve $I/hard_sla.json --quiet --plan "$TMP/old.json" --csv "$TMP/old.csv" >/dev/null 2>&1
cp "$TMP/old.json" "$TMP/old.json.keep"
cp "$TMP/old.csv" "$TMP/old.csv.keep"
limit_blocks=1   # 1 KiB: smaller than the new plan
( ulimit -f $limit_blocks; trap '' XFSZ
  exec "$SOURCING" solve $I/penalty_many_lines.json --quiet --plan "$TMP/old.json" ) >/dev/null 2>"$TMP/full.err"
rc=$?
if [ "$rc" -ne 0 ] && cmp -s "$TMP/old.json" "$TMP/old.json.keep"; then
    ok failed_plan_write_keeps_old_plan
else fail failed_plan_write_keeps_old_plan "exit $rc: $(head -c 300 "$TMP/full.err")"; fi
"$SOURCING" gen --orders 300 --nodes 10 --seed 3 --out "$TMP/g.json" 2>/dev/null
( ulimit -f $limit_blocks; trap '' XFSZ
  exec "$SOURCING" solve "$TMP/g.json" --quiet --time-limit 2 --csv "$TMP/old.csv" ) >/dev/null 2>"$TMP/csv.err"
rc=$?
if [ "$rc" -ne 0 ] && cmp -s "$TMP/old.csv" "$TMP/old.csv.keep"; then ok failed_csv_write_keeps_old_csv
else fail failed_csv_write_keeps_old_csv "exit $rc: $(head -c 300 "$TMP/csv.err")"; fi
stray=$(ls "$TMP" | grep -c '\.tmp\.')
if [ "$stray" -eq 0 ]; then ok no_temporary_file_left; else fail no_temporary_file_left "$(ls "$TMP")"; fi
