#!/bin/bash
# The gRPC port's edges, seen frame by frame with nghttp2's own client (`nghttp -v`, Debian's
# nghttp2-client): a request answered before its body ended (unknown path, message over
# --max-message, not gRPC) gets its answer and then RST_STREAM(NO_ERROR), so that the client
# stops sending; a complete call gets none; a connection over --max-connections gets the
# server's SETTINGS and GOAWAY(REFUSED_STREAM) with the reason, and a stock client (grpcio)
# that waited for a free slot is served once one is free.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh
PY=/usr/bin/python3

if ! command -v nghttp >/dev/null; then
    fail nghttp_installed "nghttp is missing (Debian nghttp2-client): run scripts/install-deps.sh"
    exit 1
fi
start_grpc() {
    start_server --grpc-listen 127.0.0.1:0 "$@" || return 1
    GRPC=127.0.0.1:$(sed -n 3p "$TMP/ports")
    [ "$GRPC" != 127.0.0.1: ]
}
# call PATH BODY_FILE [HEADER...]: nghttp's frame log of one POST, in $TMP/frames
call() {
    local path=$1 body=$2; shift 2
    local headers=(-H ':method: POST' -H 'content-type: application/grpc')
    [ $# -gt 0 ] && headers=(-H ':method: POST' "$@")
    timeout 60 nghttp -v -n "${headers[@]}" -d "$body" "http://$GRPC$path" >"$TMP/frames" 2>&1
}
rst_no_error() { grep -A1 "recv RST_STREAM" "$TMP/frames" | grep -q 'error_code=NO_ERROR'; }
grpc_status() { sed -n 's/.*recv (stream_id=[0-9]*) grpc-status: //p' "$TMP/frames" | head -1; }

if ! start_grpc --threads 1 --max-message 100000; then fail server_starts "$(cat "$SERVER_LOG")"; exit 1; fi
# 300 000 bytes: more than the connection's window, so the client is still sending when answered
head -c 300000 /dev/zero >"$TMP/zeros"
printf '\0\0\0\0\0' | cat - "$TMP/zeros" >"$TMP/big_message"   # a message prefix of 0 bytes + junk
printf '\0\0\x10\0\0' | cat - "$TMP/zeros" >"$TMP/over_max"     # announces 1 MiB

call /sourcing.Sourcing/Optimize "$TMP/zeros"
if [ "$(grpc_status)" = 12 ] && rst_no_error; then ok unknown_path_answered_then_rst_no_error
else fail unknown_path_answered_then_rst_no_error "$(grep -E 'recv|error_code' "$TMP/frames" | head -20)"; fi

call /sourcing.Sourcing/Solve "$TMP/over_max"
if [ "$(grpc_status)" = 8 ] && rst_no_error && grep -q 'grpc-message: message of 1048576 bytes is over the limit' "$TMP/frames"
then ok oversized_answered_then_rst_no_error
else fail oversized_answered_then_rst_no_error "$(grep -E 'recv|error_code' "$TMP/frames" | head -20)"; fi

call /sourcing.Sourcing/Solve "$TMP/zeros" -H 'content-type: text/plain'
if grep -q 'recv (stream_id=[0-9]*) :status: 415' "$TMP/frames" && rst_no_error; then ok not_grpc_415_then_rst_no_error
else fail not_grpc_415_then_rst_no_error "$(grep -E 'recv|error_code' "$TMP/frames" | head -20)"; fi

printf '\0\0\0\0\0' >"$TMP/empty_message"      # an empty HealthRequest
call /sourcing.Sourcing/Health "$TMP/empty_message"
if [ "$(grpc_status)" = 0 ] && ! grep -q "recv RST_STREAM" "$TMP/frames"; then ok complete_call_no_rst
else fail complete_call_no_rst "$(grep -E 'recv|error_code' "$TMP/frames" | head -20)"; fi
check server_up_after_early_answers kill -0 "$SERVER_PID"
stop_server
check server_exits_0 [ $? = 0 ]

# --max-connections 1: one connection held open, a second one is refused the HTTP/2 way
if ! start_grpc --threads 1 --max-connections 1; then fail server_starts "$(cat "$SERVER_LOG")"; exit 1; fi
exec 7<>"/dev/tcp/${GRPC%:*}/${GRPC#*:}"
for _ in $(seq 1 100); do grep -q "^sourcing_connections 1" <(http_get /metrics) && break; sleep 0.1; done
call /sourcing.Sourcing/Health "$TMP/empty_message"
if grep -q "recv SETTINGS frame" "$TMP/frames" &&
   grep -A1 "recv GOAWAY" "$TMP/frames" | grep -q 'last_stream_id=0, error_code=REFUSED_STREAM(0x07), opaque_data([0-9]*)=\[1 connections are open (--max-connections); retry later\]'
then ok over_max_connections_goaway_refused_stream
else fail over_max_connections_goaway_refused_stream "$(grep -E 'recv|error_code' "$TMP/frames" | head -20)"; fi
check refusal_logged eventually 30 grep -q 'refused (max_connections): 1 connections are open (--max-connections)' "$SERVER_LOG"

# a stock client keeps trying while the slot is taken, and is served once it is free
mkdir -p "$TMP/py"
protoc -Iproto --python_out="$TMP/py" --grpc_out="$TMP/py" \
    --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" proto/health.proto
( sleep 2; exec 7>&- ) &
closer=$!
exec 7>&-
out=$(PYTHONPATH="$TMP/py" timeout 120 $PY - "$GRPC" <<'PY'
import sys, grpc, health_pb2, health_pb2_grpc
channel = grpc.insecure_channel(sys.argv[1])
stub = health_pb2_grpc.HealthStub(channel)
print(stub.Check(health_pb2.HealthCheckRequest(), timeout=60, wait_for_ready=True).status)
PY
)
wait $closer
check stock_client_served_once_free [ "$out" = 1 ]
stop_server
check refusing_server_exits_0 [ $? = 0 ]
