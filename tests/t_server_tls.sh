#!/bin/bash
# TLS and bearer tokens end to end, with a throwaway CA made here by the openssl CLI: the framed
# port (sourcing client --tls-ca --token), the gRPC port (python3-grpcio with
# ssl_channel_credentials and authorization metadata) and /metrics over HTTPS (curl --cacert);
# no token is UNAUTHENTICATED (401), a wrong one PERMISSION_DENIED (403); plaintext and
# untrusting clients fail their handshake while the server keeps serving; mutual TLS; the server
# refuses non-loopback addresses without TLS and tokens unless --insecure, and files it cannot use.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh
PY=/usr/bin/python3
SMALL=tests/data/server/small.json

for tool in openssl curl; do
    if ! command -v $tool >/dev/null; then fail "${tool}_present" "$tool is missing: run scripts/install-deps.sh"; exit 1; fi
done
if ! $PY -c 'import grpc' 2>/dev/null; then
    fail python3_grpcio "python3-grpcio is missing: run scripts/install-deps.sh"; exit 1
fi

# ------------------------------------------------------------------ a throwaway PKI
C=$TMP/pki
mkdir -p "$C"
# ca NAME: a self-signed CA (NAME.pem, NAME.key)
ca() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj "/CN=sourcing test $1" -keyout "$C/$1.key" -out "$C/$1.pem" 2>>"$C/log"
}
# leaf NAME CA EXTENSIONS: a key and a certificate signed by CA
leaf() {
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
        -keyout "$C/$1.key" -out "$C/$1.csr" 2>>"$C/log" &&
    printf '%s\n' "$3" >"$C/$1.ext" &&
    openssl x509 -req -in "$C/$1.csr" -CA "$C/$2.pem" -CAkey "$C/$2.key" -CAcreateserial -days 2 \
        -extfile "$C/$1.ext" -out "$C/$1.pem" 2>>"$C/log"
}
if ca ca && ca other &&
   leaf server ca "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth" &&
   leaf client ca "extendedKeyUsage=clientAuth"
then ok throwaway_ca_made; else fail throwaway_ca_made "$(cat "$C/log")"; exit 1; fi

GOOD=$(openssl rand -hex 32)
BOB=$(openssl rand -hex 24)
printf '# clients of the test\n\n%s alice\n  %s bob\n' "$GOOD" "$BOB" >"$TMP/tokens"
printf '%s\n' "$GOOD" >"$TMP/good.token"
printf '%s\n' "$(openssl rand -hex 32)" >"$TMP/wrong.token"
TLS=(--tls-cert "$C/server.pem" --tls-key "$C/server.key")

# ------------------------------------------------------------------ every port over TLS
if ! start_server --grpc-listen 127.0.0.1:0 --threads 2 "${TLS[@]}" --tokens "$TMP/tokens"; then
    fail server_starts "$(cat "$SERVER_LOG")"; exit 1
fi
GRPC=127.0.0.1:$(sed -n 3p "$TMP/ports")
check startup_line_says_tls_and_tokens eventually 30 grep -q 'TLS on, tokens 2$' "$SERVER_LOG"
client() { "$SOURCING" client "$@" --server "$SERVER"; }
client_ok() { client "$@" >/dev/null 2>&1; }

out=$(client solve "$SMALL" --json --tls-ca "$C/ca.pem" --token "$TMP/good.token" 2>"$TMP/err")
rc=$?
total=$($PY -c 'import json,sys; print(json.load(sys.stdin)["costs"]["total"])' <<<"$out" 2>/dev/null)
if [ $rc = 0 ] && [ "$total" = 114.23 ]; then ok framed_tls_good_token_gets_plan
else fail framed_tls_good_token_gets_plan "rc=$rc total=$total $(cat "$TMP/err")"; fi
out=$(BOB_TOKEN=$BOB "$SOURCING" client health --server "localhost:$PORT" --tls-ca "$C/ca.pem" \
      --token-env BOB_TOKEN 2>&1)
if [ $? = 0 ] && grep -q '^serving: *yes' <<<"$out"; then ok framed_tls_by_name_token_from_env
else fail framed_tls_by_name_token_from_env "$out"; fi

# expect_client NAME RC PATTERN ARGS...: `sourcing client ARGS` exits RC and stderr matches PATTERN
expect_client() {
    local name=$1 want=$2 pattern=$3; shift 3
    client "$@" >/dev/null 2>"$TMP/err"
    local rc=$?
    if [ $rc = "$want" ] && grep -Eq -e "$pattern" "$TMP/err"; then ok "$name"
    else fail "$name" "rc=$rc $(cat "$TMP/err")"; fi
}
expect_client framed_no_token_unauthenticated 1 '^sourcing client: UNAUTHENTICATED: this server requires a bearer token' \
    solve "$SMALL" --tls-ca "$C/ca.pem"
expect_client framed_wrong_token_permission_denied 1 '^sourcing client: PERMISSION_DENIED: the bearer token is not one' \
    solve "$SMALL" --tls-ca "$C/ca.pem" --token "$TMP/wrong.token"
expect_client framed_plaintext_to_tls_port_refused 1 'the server closed the connection' \
    health --token "$TMP/good.token"
expect_client framed_other_ca_handshake_fails 1 "TLS handshake failed: the server's certificate is not trusted" \
    health --tls-ca "$C/other.pem" --token "$TMP/good.token"
expect_client client_token_file_missing 2 '^sourcing client: --token /nonexistent: No such file' \
    health --tls-ca "$C/ca.pem" --token /nonexistent
check server_still_serves_after_bad_clients client_ok health --tls-ca "$C/ca.pem" --token "$TMP/good.token"
check plaintext_handshake_logged eventually 30 grep -q 'TLS handshake failed: TLS: wrong version number' "$SERVER_LOG"

# gRPC over TLS (ALPN h2) from grpcio
mkdir -p "$TMP/py"
protoc -Iproto --python_out="$TMP/py" --grpc_out="$TMP/py" \
    --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" \
    proto/sourcing.proto proto/service.proto proto/health.proto 2>"$TMP/protoc.err"
PYTHONPATH="$TMP/py" timeout 300 $PY tests/interop/grpc_tls.py "$GRPC" "$C/ca.pem" "$C/other.pem" \
    "$TMP/good.token" "$SMALL" >"$TMP/py.out" 2>&1
rc=$?
if [ $rc = 0 ]; then ok grpc_tls_client_runs; else fail grpc_tls_client_runs "rc=$rc $(cat "$TMP/py.out")"; fi
expect() {  # expect NAME FACT PATTERN: the fact's line matches the extended regex
    local v; v=$(sed -n "s/^$2=//p" "$TMP/py.out")
    if grep -Eq -e "$3" <<<"$v"; then ok "$1"; else fail "$1" "$2=$v"; fi
}
expect grpc_tls_health_check_open health_no_token '^SERVING$'
expect grpc_no_token_unauthenticated info_no_token '^UNAUTHENTICATED this server requires a bearer token .*authorization: Bearer'
expect grpc_wrong_token_permission_denied info_wrong_token '^PERMISSION_DENIED '
expect grpc_basic_auth_unauthenticated info_basic_auth '^UNAUTHENTICATED '
expect grpc_good_token_info info_good_token '^OK Solve,Health,Info,Cancel$'
expect grpc_good_token_solve solve_good_token '^OK 114.23$'
expect grpc_solve_no_token_unauthenticated solve_no_token '^UNAUTHENTICATED '
expect grpc_other_ca_unavailable other_ca '^UNAVAILABLE .*certificate verify failed'

# /metrics over HTTPS: /healthz open, /metrics needs the token
code() { curl -s -o "$TMP/body" -w '%{http_code}' --cacert "$C/ca.pem" "$@"; }
check https_healthz_open_200 [ "$(code "https://127.0.0.1:$METRICS_PORT/healthz")" = 200 ]
check https_metrics_no_token_401 [ "$(code "https://127.0.0.1:$METRICS_PORT/metrics")" = 401 ]
check https_metrics_401_says_bearer grep -q 'requires a bearer token' "$TMP/body"
check https_metrics_wrong_token_403 [ "$(code -H "Authorization: Bearer $(cat "$TMP/wrong.token")" \
    "https://127.0.0.1:$METRICS_PORT/metrics")" = 403 ]
check https_metrics_good_token_200 [ "$(code -H "Authorization: Bearer $GOOD" \
    "https://127.0.0.1:$METRICS_PORT/metrics")" = 200 ]
# refused so far: framed 1 + gRPC 3 (Info, Basic, Solve) + HTTP 1 without a token; 1 + 1 + 1 wrong
check metrics_count_unauthenticated grep -qx 'sourcing_auth_refusals_total{status="UNAUTHENTICATED"} 5' "$TMP/body"
check metrics_count_permission_denied grep -qx 'sourcing_auth_refusals_total{status="PERMISSION_DENIED"} 3' "$TMP/body"
failures=$(sed -n 's/^sourcing_tls_handshake_failures_total //p' "$TMP/body")
check metrics_count_handshake_failures [ "${failures:-0}" -ge 3 ]
check http_plaintext_to_https_port_fails bash -c "! curl -s -m 30 http://127.0.0.1:$METRICS_PORT/healthz"
check https_untrusted_ca_fails bash -c "! curl -s -m 30 --cacert '$C/other.pem' https://127.0.0.1:$METRICS_PORT/healthz"
# the JSON endpoint over HTTPS needs the token too (after the counts above, which it would change)
SOLVE_URL="https://127.0.0.1:$METRICS_PORT/v1/solve?deadline_ms=20000"
check https_json_solve_no_token_401 [ "$(code --data-binary @tests/data/server/small.json "$SOLVE_URL")" = 401 ]
check https_json_solve_401_names_the_header grep -q 'Authorization: Bearer TOKEN' "$TMP/body"
check https_json_solve_wrong_token_403 [ "$(code -H "Authorization: Bearer $(cat "$TMP/wrong.token")" \
    --data-binary @tests/data/server/small.json "$SOLVE_URL")" = 403 ]
check https_json_solve_good_token_200 [ "$(code -H "Authorization: Bearer $GOOD" \
    --data-binary @tests/data/server/small.json "$SOLVE_URL")" = 200 ]
check https_json_solve_plan grep -q '"total": 114.23' "$TMP/body"

# Ctrl-C during a solve over TLS: the client's watcher thread sends Cancel while its main thread
# reads (one TLS connection, two threads); the best plan so far comes back CANCELLED
"$SOURCING" gen --orders 1000 --nodes 50 --seed 3 --out "$TMP/g.json"
"$SOURCING" client solve "$TMP/g.json" --server "$SERVER" --deadline 300000 --tls-ca "$C/ca.pem" --token "$TMP/good.token" \
    >"$TMP/cancel.out" 2>"$TMP/cancel.err" &
pid=$!
sleep 2
kill -INT $pid
for _ in $(seq 1 1200); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
kill -0 $pid 2>/dev/null && kill -9 $pid
wait $pid
rc=$?
if [ $rc = 130 ] && grep -q 'CANCELLED: cancelled by a Cancel request' "$TMP/cancel.err" &&
   grep -q '^status: ' "$TMP/cancel.out"
then ok tls_client_cancel_from_second_thread
else fail tls_client_cancel_from_second_thread "rc=$rc $(cat "$TMP/cancel.err")"; fi

check log_names_the_client eventually 30 grep -q "client=alice id=1 method=Solve status=OK" "$SERVER_LOG"
check log_refusal_line eventually 30 grep -q 'method=Solve status=PERMISSION_DENIED' "$SERVER_LOG"
check log_never_holds_a_token bash -c "! grep -qF -e '$GOOD' -e '$(cat "$TMP/wrong.token")' '$SERVER_LOG'"
stop_server
rc=$?
if [ $rc = 0 ]; then ok tls_server_exits_0; else fail tls_server_exits_0 "rc=$rc $(tail -5 "$SERVER_LOG")"; fi

# ------------------------------------------------------------------ mutual TLS
if start_server "${TLS[@]}" --tls-client-ca "$C/ca.pem"; then
    # TLS 1.3: the client's handshake ends before the server checks its certificate, so the client
    # sees the refusal as an alert or a closed connection, depending on timing; the server says why
    expect_client mtls_without_client_cert_fails 1 'TLS|closed the connection' health --tls-ca "$C/ca.pem"
    check mtls_refusal_logged eventually 30 grep -q 'TLS handshake failed: TLS: peer did not return a certificate' "$SERVER_LOG"
    check mtls_with_client_cert client_ok health --tls-ca "$C/ca.pem" --tls-cert "$C/client.pem" --tls-key "$C/client.key"
    check mtls_curl_with_client_cert [ "$(code --cert "$C/client.pem" --key "$C/client.key" \
        "https://127.0.0.1:$METRICS_PORT/metrics")" = 200 ]
    stop_server
else
    fail mtls_server_starts "$(cat "$SERVER_LOG")"
fi

# ------------------------------------------------------------------ a stalled handshake
# a client that connects and never starts its handshake is closed after --frame-timeout
# (here 1 s; the test only waits up to 120 s for the close, whatever the machine's load)
if start_server "${TLS[@]}" --frame-timeout 1; then
    stalled=$($PY - "$PORT" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=120)
try:
    print("closed" if s.recv(1) == b"" else "data")
except ConnectionResetError:
    print("closed")
except socket.timeout:
    print("still open")
PY
)
    check stalled_handshake_closed [ "$stalled" = closed ]
    check stalled_handshake_logged eventually 30 grep -q 'TLS handshake failed: TLS: timed out' "$SERVER_LOG"
    stop_server
else
    fail stalled_server_starts "$(cat "$SERVER_LOG")"
fi

# ------------------------------------------------------------------ the policy and bad files
# refuse NAME PATTERN FLAGS...: `sourcing serve FLAGS` exits 2 at once, its message matching PATTERN
refuse() {
    local name=$1 pattern=$2; shift 2
    timeout 60 "$SOURCING" serve --port-file "$TMP/refused.ports" "$@" >/dev/null 2>"$TMP/err"
    local rc=$?
    if [ $rc = 2 ] && grep -Eq -e "$pattern" "$TMP/err" && ! [ -e "$TMP/refused.ports" ]; then ok "$name"
    else fail "$name" "rc=$rc $(cat "$TMP/err")"; fi
}
refuse any_address_without_tls_or_tokens_refused \
    '^sourcing serve: --listen 0.0.0.0:0 is not a loopback address: .*--tls-cert FILE --tls-key FILE.*--tokens FILE.*both are missing.*--insecure' \
    --listen 0.0.0.0:0
refuse any_address_tls_without_tokens_refused '--tokens is missing' --listen 0.0.0.0:0 "${TLS[@]}"
refuse metrics_on_any_address_refused '^sourcing serve: --metrics 0.0.0.0:0 is not a loopback' \
    --listen 127.0.0.1:0 --metrics 0.0.0.0:0
refuse grpc_on_any_address_refused '^sourcing serve: --grpc-listen \[::\]:0 is not a loopback' \
    --listen 127.0.0.1:0 --grpc-listen '[::]:0' --tokens "$TMP/tokens"
refuse cert_without_key_refused 'go together' --listen 127.0.0.1:0 --tls-cert "$C/server.pem"
refuse missing_cert_file_refused '^sourcing serve: --tls-cert /nonexistent.pem: No such file' \
    --listen 127.0.0.1:0 --tls-cert /nonexistent.pem --tls-key "$C/server.key"
refuse key_of_another_cert_refused "^sourcing serve: --tls-key .*other.key is not the key of the certificate" \
    --listen 127.0.0.1:0 --tls-cert "$C/server.pem" --tls-key "$C/other.key"
refuse cert_not_pem_refused '^sourcing serve: --tls-cert .*tokens: not a PEM certificate' \
    --listen 127.0.0.1:0 --tls-cert "$TMP/tokens" --tls-key "$C/server.key"
printf 'short-token alice\n' >"$TMP/short.tokens"
refuse short_token_refused '^sourcing serve: --tokens .*short.tokens: line 1: a token has 16 to 256 characters, this one 11' \
    --listen 127.0.0.1:0 --tokens "$TMP/short.tokens"
printf '# nothing\n\n' >"$TMP/empty.tokens"
refuse tokens_file_without_token_refused 'no token in the file' --listen 127.0.0.1:0 --tokens "$TMP/empty.tokens"
printf '%s a\n%s b\n' "$GOOD" "$GOOD" >"$TMP/dup.tokens"
refuse repeated_token_refused 'line 2: the same token as a' --listen 127.0.0.1:0 --tokens "$TMP/dup.tokens"

# the waiver, and the real thing, on every address
rm -f "$TMP/ports"
"$SOURCING" serve --listen 0.0.0.0:0 --insecure --port-file "$TMP/ports" 2>"$TMP/insecure.log" &
SERVER_PID=$!
for _ in $(seq 1 300); do [ -s "$TMP/ports" ] && break; kill -0 $SERVER_PID 2>/dev/null || break; sleep 0.1; done
PORT=$(sed -n 1p "$TMP/ports" 2>/dev/null)
if [ -n "$PORT" ] && "$SOURCING" client health --server "127.0.0.1:$PORT" >/dev/null 2>&1; then
    ok any_address_with_insecure_starts
else fail any_address_with_insecure_starts "$(cat "$TMP/insecure.log")"; fi
stop_server
rm -f "$TMP/ports"
"$SOURCING" serve --listen 0.0.0.0:0 "${TLS[@]}" --tokens "$TMP/tokens" --port-file "$TMP/ports" \
    2>"$TMP/secure.log" &
SERVER_PID=$!
for _ in $(seq 1 300); do [ -s "$TMP/ports" ] && break; kill -0 $SERVER_PID 2>/dev/null || break; sleep 0.1; done
PORT=$(sed -n 1p "$TMP/ports" 2>/dev/null)
if [ -n "$PORT" ] && "$SOURCING" client health --server "127.0.0.1:$PORT" --tls-ca "$C/ca.pem" \
       --token "$TMP/good.token" >/dev/null 2>&1
then ok any_address_with_tls_and_tokens_starts
else fail any_address_with_tls_and_tokens_starts "$(cat "$TMP/secure.log")"; fi
stop_server
