#!/bin/bash
# The JSON endpoint, POST /v1/solve on the metrics port, called with curl: every canonical
# instance gets the CLI's cost and its optimum; an invalid batch is 400 naming the field,
# malformed JSON 400, a body over --max-message 413, GET 405, another content type 415, an
# expired deadline 504 as on the framed port, a batch over --max-decode-memory 429; many
# parallel calls are each answered once; a client that leaves stops its solve; a draining
# server answers 503 and still writes the answer of the solve in flight.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh
PY=/usr/bin/python3

if ! command -v curl >/dev/null; then
    fail curl_installed "curl is missing: run scripts/install-deps.sh"
    exit 1
fi
# post FILE [CURL ARGS...]: POSTs FILE to /v1/solve; the body goes to $TMP/body, the HTTP code
# to stdout ("000": no answer)
post() {
    local file=$1; shift
    curl -s -o "$TMP/body" -w '%{http_code}' --max-time 300 "$@" --data-binary "@$file" \
        "http://127.0.0.1:$METRICS_PORT/v1/solve$QUERY"
}
# field EXPR [FILE]: a value of the JSON body, e.g. field '["costs"]["total"]'
field() {
    $PY -c 'import json,sys; v=eval("json.load(open(sys.argv[2]))"+sys.argv[1]); print(v if isinstance(v,str) else repr(v))' \
        "$1" "${2:-$TMP/body}" 2>/dev/null
}

if ! start_server --threads 2 --max-message 200000; then fail server_starts "$(cat "$SERVER_LOG")"; exit 1; fi

# the canonical instances: the CLI's cost, which is the optimum (within the manifest's precision)
QUERY=
grep -v '^#' instances/manifest.tsv | tail -n +2 | while IFS=$'\t' read -r file optimum _; do
    name=$(basename "$file" .json)
    code=$(post "instances/$file" -H 'Content-Type: application/json')
    "$SOURCING" solve "instances/$file" --json --quiet >"$TMP/cli.json" 2>/dev/null
    http_cost=$(field '["costs"]["total"]')
    cli_cost=$(field '["costs"]["total"]' "$TMP/cli.json")
    if [ "$code" = 200 ] && $PY - "$http_cost" "$cli_cost" "$optimum" <<'PY'
import sys
http, cli, opt = map(float, sys.argv[1:4])
same = abs(http - cli) <= 1e-9 * max(1.0, abs(cli))
sys.exit(0 if same and abs(http - opt) <= 0.005 + 1e-9 * abs(opt) else 1)
PY
    then ok "json_canonical_$name"
    else fail "json_canonical_$name" "http=$code cost=$http_cost cli=$cli_cost optimum=$optimum"; fi
done

# the body is what `sourcing solve --json` prints for the same plan
code=$(post tests/data/server/small.json)     # curl -d's content type is accepted
"$SOURCING" solve tests/data/server/small.json --json --quiet >"$TMP/cli.json"
check json_plain_curl_d_200 [ "$code" = 200 ]
check json_plan_as_cli [ "$(field '["status"]')" = OPTIMAL -a "$(field '["costs"]["total"]')" = 114.23 \
    -a "$(field '["orders"][0]["order_id"]')" = "$(field '["orders"][0]["order_id"]' "$TMP/cli.json")" ]
check json_answer_logged eventually 30 grep -q 'method=Solve status=OK orders=3 cost=114.23' "$SERVER_LOG"

code=$(post tests/data/invalid/negative_quantity.json)
if [ "$code" = 400 ] && [ "$(field '["status"]')" = INVALID_ARGUMENT ] &&
   field '["message"]' | grep -q '^orders\[1\]\.lines\[0\]\.quantity' && [ "$(field '["plan"]["status"]')" = INVALID ]
then ok json_invalid_batch_400_names_field; else fail json_invalid_batch_400_names_field "$code $(cat "$TMP/body")"; fi

printf '{"orders": [' >"$TMP/bad.json"
code=$(post "$TMP/bad.json")
if [ "$code" = 400 ] && field '["message"]' | grep -q 'not a sourcing.Batch in JSON: line 1 column'
then ok json_malformed_400; else fail json_malformed_400 "$code $(cat "$TMP/body")"; fi
printf '{"orderz": []}' >"$TMP/bad.json"
code=$(post "$TMP/bad.json")
if [ "$code" = 400 ] && field '["message"]' | grep -q 'orderz'
then ok json_unknown_key_400; else fail json_unknown_key_400 "$code $(cat "$TMP/body")"; fi
: >"$TMP/empty.json"
code=$(post "$TMP/empty.json")
if [ "$code" = 400 ] && field '["message"]' | grep -q 'empty'
then ok json_empty_body_400; else fail json_empty_body_400 "$code $(cat "$TMP/body")"; fi

head -c 300000 /dev/zero | tr '\0' ' ' >"$TMP/big.json"
code=$(post "$TMP/big.json")
check json_over_max_message_413 [ "$code" = 413 ]

code=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "http://127.0.0.1:$METRICS_PORT/v1/solve")
if [ "$code" = 405 ] && grep -qi '^Allow: POST' "$TMP/headers"
then ok json_get_405; else fail json_get_405 "$code $(cat "$TMP/headers")"; fi
code=$(post tests/data/server/small.json -H 'Content-Type: text/plain')
check json_text_plain_415 [ "$code" = 415 -a "$(field '["status"]')" = INVALID_ARGUMENT ]

# an expired deadline: what the framed port answers (DEADLINE_EXCEEDED), as 504
"$SOURCING" client solve tests/data/server/small.json --server "$SERVER" --deadline 1 >"$TMP/framed.out" 2>&1
framed=$(grep -o DEADLINE_EXCEEDED "$TMP/framed.out" | head -1)
QUERY='?deadline_ms=1'
code=$(post tests/data/server/small.json)
check json_expired_deadline_504_as_framed [ "$code" = 504 -a "$(field '["status"]')" = DEADLINE_EXCEEDED \
    -a "$framed" = DEADLINE_EXCEEDED ]
QUERY=
code=$(post tests/data/server/small.json -H 'X-Deadline-Ms: 1')
check json_deadline_header_504 [ "$code" = 504 ]
QUERY='?deadline_ms=60000'
code=$(post tests/data/server/small.json)
check json_deadline_roomy_200 [ "$code" = 200 ]
for q in '?deadline_ms=abc' '?deadline_ms=99999999999' '?deadline=5' '?deadline_ms=5&deadline_ms=6'; do
    QUERY=$q
    code=$(post tests/data/server/small.json)
    if [ "$code" = 400 ] && field '["message"]' | grep -q deadline_ms
    then ok "json_bad_query_400 $q"; else fail "json_bad_query_400 $q" "$code $(cat "$TMP/body")"; fi
done
QUERY='?deadline_ms=5000'
code=$(post tests/data/server/small.json -H 'X-Deadline-Ms: 6000')
check json_two_deadlines_disagree_400 [ "$code" = 400 ]
QUERY=

# many parallel calls, each answered once
ok_count() { http_get /metrics | sed -n 's/^sourcing_requests_total{method="Solve",status="OK"} //p'; }
before=$(ok_count)
pids=
for i in $(seq 1 40); do
    curl -s -o "$TMP/par.$i" -w '%{http_code}\n' --max-time 300 --data-binary @tests/data/server/small.json \
        "http://127.0.0.1:$METRICS_PORT/v1/solve" >"$TMP/code.$i" &
    pids="$pids $!"
done
wait $pids
codes=$(cat "$TMP"/code.* | sort | uniq -c | tr -s ' ')
totals=$(for i in $(seq 1 40); do field '["costs"]["total"]' "$TMP/par.$i"; done | sort | uniq -c | tr -s ' ')
check json_parallel_40_all_200 [ "$codes" = " 40 200" -a "$totals" = " 40 114.23" ]
check json_counted_in_metrics [ "$(ok_count)" = $((before + 40)) ]
http_get /metrics >"$TMP/metrics"
check json_no_connection_left [ "$(sed -n 's/^sourcing_connections //p' "$TMP/metrics")" = 0 ]
stop_server
rc=$?
check json_server_exits_0 [ $rc = 0 ]

# a batch over --max-decode-memory: 429 before it is parsed
"$SOURCING" gen --orders 3000 --nodes 60 --seed 3 --out "$TMP/g.json"
if ! start_server --threads 1 --max-decode-memory 1048576; then fail server_starts "$(cat "$SERVER_LOG")"; exit 1; fi
code=$(post "$TMP/g.json")
if [ "$code" = 429 ] && field '["message"]' | grep -q -- '--max-decode-memory'
then ok json_over_decode_memory_429; else fail json_over_decode_memory_429 "$code $(cat "$TMP/body")"; fi
stop_server

# a client that leaves stops its solve; the server stays up (a grace of 1 s for the drain below)
if ! start_server --threads 1 --max-connections 1 --grace 1; then fail server_starts "$(cat "$SERVER_LOG")"; exit 1; fi
QUERY='?deadline_ms=120000'
post "$TMP/g.json" --max-time 2 >/dev/null
check json_client_gone_stops_solve eventually 30 grep -q 'method=Solve status=CANCELLED orders=3000 .*msg="the client disconnected"' "$SERVER_LOG"
check json_server_up_after_client_gone [ "$(http_get /healthz | head -1)" = 200 ]

# one solve in flight (its time limit 60 s, no deadline; --max-connections 1: another is 429),
# then SIGTERM: a new one is 503, and the one in flight, stopped when the grace of 1 s ends, is
# answered 200 with its best plan
$PY -c 'import json,sys; b=json.load(open(sys.argv[1])); b["options"]={"time_limit": 60}; json.dump(b, open(sys.argv[2],"w"))' \
    "$TMP/g.json" "$TMP/long.json"
curl -s -o "$TMP/first.json" -w '%{http_code}' --max-time 300 --data-binary "@$TMP/long.json" \
    "http://127.0.0.1:$METRICS_PORT/v1/solve" >"$TMP/first.code" &
first=$!
for _ in $(seq 1 300); do
    http_get /metrics | grep -q '^sourcing_solves_inflight 1' && break
    sleep 0.1
done
QUERY=
code=$(post tests/data/server/small.json)
check json_over_max_connections_429 [ "$code" = 429 ]
kill -TERM "$SERVER_PID"
for _ in $(seq 1 300); do http_get /healthz | head -1 | grep -q 503 && break; sleep 0.1; done
code=$(post tests/data/server/small.json)
check json_draining_503 [ "$code" = 503 -a "$(field '["status"]')" = UNAVAILABLE ]
wait "$first"
check json_in_flight_answered_while_draining [ "$(cat "$TMP/first.code")" = 200 \
    -a "$(field '["orders"].__len__()' "$TMP/first.json")" = 3000 ]
check json_drain_saw_it_in_flight eventually 30 grep -q 'shutting down; 1 solves in flight' "$SERVER_LOG"
# nothing is left in flight: the draining server exits by itself (a second signal could come
# while it exits, after its handlers are gone)
for _ in $(seq 1 600); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID"     # hung: fails below
wait "$SERVER_PID"
rc=$?
SERVER_PID=
check json_drained_server_exits_0 [ $rc = 0 ]
