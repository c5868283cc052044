#!/bin/bash
# Stock protobuf JSON: a batch printed by python3-protobuf's json_format (lowerCamelCase keys,
# int64 as strings, enums by name or by number) solves to the same plan as the file it came from,
# and json_format parses the plans we write. Classes are generated here, never committed.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

if ! /usr/bin/python3 -c 'import google.protobuf' 2>/dev/null; then
    fail python3_protobuf "python3-protobuf is missing: run scripts/install-deps.sh"
    exit 1
fi
mkdir -p "$TMP/py"
protoc -Iproto --python_out="$TMP/py" proto/sourcing.proto || { fail protoc_python "protoc failed"; exit 1; }
jf() { PYTHONPATH="$TMP/py" /usr/bin/python3 tests/interop/json_format.py "$@"; }
total() { /usr/bin/python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))["costs"]["total"]))' "$1"; }

# a generated batch uses every kind of field: lanes, carrier limits, SLAs, eligible nodes
"$SOURCING" gen --orders 200 --nodes 30 --seed 5 --out "$TMP/batch.json"
jf to-camel "$TMP/batch.json" "$TMP/camel.json"
jf to-camel "$TMP/batch.json" "$TMP/camel_enums.json" --enum-numbers
check printer_writes_camel_case grep -q '"nodeId"' "$TMP/camel.json"
check printer_writes_enum_numbers grep -q '"sla": 1' "$TMP/camel_enums.json"

"$SOURCING" solve "$TMP/batch.json" --strategy greedy --quiet --plan "$TMP/plan.json" >/dev/null
for name in camel camel_enums; do
    if "$SOURCING" solve "$TMP/$name.json" --strategy greedy --quiet --plan "$TMP/$name.plan.json" \
        >/dev/null 2>"$TMP/$name.err"; then ok "${name}_batch_solves"
    else fail "${name}_batch_solves" "$(head -c 300 "$TMP/$name.err")"; fi
    check "${name}_same_plan_cost" [ "$(total "$TMP/$name.plan.json")" = "$(total "$TMP/plan.json")" ]
    check "${name}_plan_checks" "$SOURCING" check --quiet "$TMP/$name.json" "$TMP/$name.plan.json"
done

# and the other way: json_format reads our plan, every number exactly
check json_format_reads_our_plan [ "$(jf read-plan "$TMP/plan.json")" = "$(total "$TMP/plan.json")" ]
