#!/bin/bash
# Interoperability with stock tools only: a Solve request written in protobuf text format and
# encoded by `protoc --encode`, framed by tests/interop/frame.sh, sent over bash's /dev/tcp, and
# the answer decoded by `protoc --decode`. Same plan (total cost) as the C client's.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh
source tests/interop/frame.sh
PROTOC="protoc -Iproto"

if ! start_server --threads 2; then
    fail server_starts "$(cat "$SERVER_LOG")"
    exit 1
fi

# The request: the envelope's payload written as a typed message (SolveRequestView).
{ printf 'request_id: 7\nmethod: "Solve"\ndeadline_ms: 10000\npayload {\n'
  grep -v '^#' tests/interop/small.txtpb
  printf '}\n'; } >"$TMP/request.txt"
$PROTOC --encode=sourcing.SolveRequestView proto/service.proto <"$TMP/request.txt" >"$TMP/request.bin"
$PROTOC --encode=sourcing.Request proto/service.proto <<<'request_id: 8 method: "Health"' >"$TMP/health.bin"
{ frame "$TMP/request.bin"; frame "$TMP/health.bin"; } >"$TMP/frames.bin"

exec 3<>"/dev/tcp/127.0.0.1/$PORT"
cat "$TMP/frames.bin" >&3
read_frame 3 "$TMP/answer1.bin" && read_frame 3 "$TMP/answer2.bin"
rc=$?
exec 3<&-
if [ $rc = 0 ]; then ok two_frames_answered; else fail two_frames_answered "no answers"; fi

# Health is answered on the loop at once, the solve by a worker: ids tell them apart.
for f in "$TMP/answer1.bin" "$TMP/answer2.bin"; do
    $PROTOC --decode=sourcing.Response proto/service.proto <"$f" >"$f.txt"
    if grep -q '^request_id: 7$' "$f.txt"; then
        $PROTOC --decode=sourcing.SolveResponseView proto/service.proto <"$f" >"$TMP/solve.txt"
    fi
    grep -q '^request_id: 8$' "$f.txt" && cp "$f.txt" "$TMP/health.txt"
done
if grep -q '^status: OK$' "$TMP/solve.txt" 2>/dev/null && grep -q '^  status: OPTIMAL$' "$TMP/solve.txt"
then ok protoc_decodes_the_plan; else fail protoc_decodes_the_plan "$(cat "$TMP"/answer*.txt)"; fi
if grep -q '^message: "serving"$' "$TMP/health.txt" 2>/dev/null
then ok protoc_health; else fail protoc_health "$(cat "$TMP"/answer*.txt)"; fi

protoc_total=$(awk '/^  costs {/{c=1} c && /^    total:/{print $2; exit}' "$TMP/solve.txt")
$PROTOC --encode=sourcing.Batch proto/sourcing.proto <tests/interop/small.txtpb >"$TMP/small.pb"
"$SOURCING" client solve "$TMP/small.pb" --server "$SERVER" --json >"$TMP/c.json"
c_total=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["costs"]["total"])' "$TMP/c.json")
if [ -n "$protoc_total" ] && [ "$protoc_total" = "$c_total" ] && [ "$c_total" = "114.23" ]
then ok protoc_and_c_client_agree; else fail protoc_and_c_client_agree "protoc=$protoc_total c=$c_total"; fi

stop_server
rc=$?
if [ $rc = 0 ]; then ok server_exits_0; else fail server_exits_0 "rc=$rc $(cat "$SERVER_LOG")"; fi
