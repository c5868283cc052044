#!/bin/bash
# `sourcing gen` and `sourcing import-orlib` from the command line: determinism, binary output,
# usage errors, and the committed instances/orlib/*.json still equal to what the importer writes.
source "$(dirname "$0")/lib.sh"
ORLIB=${ORLIB:-../shared/instances/orlib}  # SPEC.md's sample, beside the repository

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

if [ -d "$ORLIB" ]; then
    same=1
    for f in instances/orlib/cap*.json; do
        stem=$(basename "$f" .json)
        "$SOURCING" import-orlib "$ORLIB/$stem.txt" | cmp -s - "$f" || { same=0; echo "#   $f differs"; }
    done
    check import_matches_committed_orlib_instances [ $same = 1 ]
fi
