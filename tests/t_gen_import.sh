#!/bin/bash
# `sourcing gen` and `sourcing import-orlib` from the command line: determinism, binary output,
# usage errors, and the committed instances/orlib/*.json still equal to what the importer writes.
source "$(dirname "$0")/lib.sh"
ORLIB=${ORLIB:-instances/orlib}  # the OR-Library sources (.txt) beside their batches (.json)

"$SOURCING" gen --orders 200 --nodes 20 --seed 5 >"$TMP/a.json"
"$SOURCING" gen --orders 200 --nodes 20 --seed 5 --out "$TMP/b.json"
check gen_same_seed_same_file cmp -s "$TMP/a.json" "$TMP/b.json"
"$SOURCING" gen --orders 200 --nodes 20 --seed 6 >"$TMP/c.json"
check gen_other_seed_other_file bash -c "! cmp -s '$TMP/a.json' '$TMP/c.json'"
"$SOURCING" gen --orders 200 --nodes 20 --seed 5 --out "$TMP/a.pb"
# a binary Batch starts with field 1 (name), tag byte 0x0a
check gen_writes_binary_pb /usr/bin/python3 -c "
d = open('$TMP/a.pb', 'rb').read(); assert len(d) > 1000 and d[:1] == b'\\n', d[:10]"

"$SOURCING" gen --orders 5 --nodes 2 >/dev/null 2>"$TMP/err"; rc=$?
check gen_requires_seed bash -c "[ $rc = 2 ] && grep -q 'are required' '$TMP/err'"
"$SOURCING" gen --orders 5 --nodes 2 --seed 1 --carriers 9 >/dev/null 2>"$TMP/err"; rc=$?
check gen_refuses_bad_carriers bash -c "[ $rc = 2 ] && grep -q 'carriers: 9 is outside 1..4' '$TMP/err'"

printf '2 1\n 10 5\n' >"$TMP/trunc.txt"
"$SOURCING" import-orlib "$TMP/trunc.txt" >/dev/null 2>"$TMP/err"; rc=$?
check import_truncated_names_the_line bash -c "[ $rc = 2 ] && grep -q 'line 2: the file ends where the capacity of warehouse 2 was expected' '$TMP/err'"
"$SOURCING" import-orlib tests/data/orlib_capword.txt >/dev/null 2>"$TMP/err"; rc=$?
check import_capacity_word_needs_capacity bash -c "[ $rc = 2 ] && grep -q -- '--capacity N' '$TMP/err'"
"$SOURCING" import-orlib tests/data/orlib_capword.txt --capacity 7 --out "$TMP/cw.json"
check import_capacity_option grep -q '"name": "orlib_capword-7"' "$TMP/cw.json"

# Every committed batch is what the importer makes of its OR-Library source: the same keys and
# values, numbers compared as doubles (the committed files predate exact number output, and a cost
# per kg computed by division may differ there in the 16th digit).
same_batch() {
    /usr/bin/python3 -c '
import json, math, sys
def same(a, b):
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=4e-16, abs_tol=0)
    return a == b
sys.exit(0 if same(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))) else 1)' "$1" "$2"
}
same=1
for f in instances/orlib/cap*.json; do
    stem=$(basename "$f" .json)
    if [ ! -f "$ORLIB/$stem.txt" ]; then same=0; echo "#   $ORLIB/$stem.txt is missing"; continue; fi
    "$SOURCING" import-orlib "$ORLIB/$stem.txt" --out "$TMP/$stem.json" && same_batch "$TMP/$stem.json" "$f" ||
        { same=0; echo "#   $f differs from what import-orlib makes of $ORLIB/$stem.txt"; }
done
check import_matches_committed_orlib_instances [ $same = 1 ]
