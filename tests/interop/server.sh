# Shell helpers for the service tests (sourced after tests/lib.sh): start `sourcing serve` on
# free loopback ports, stop it, and always kill it when the test exits.
#   start_server [FLAGS...]   sets SERVER_PID, PORT, METRICS_PORT, SERVER (127.0.0.1:PORT), SERVER_LOG
#   stop_server [SIGNAL]      signals it (TERM) and waits; returns its exit status (124: hung, killed)
SERVER_PID=
trap 'if [ -n "$SERVER_PID" ]; then kill -9 "$SERVER_PID" 2>/dev/null; fi; rm -rf "$TMP"' EXIT

start_server() {
    SERVER_LOG=$TMP/server.log
    rm -f "$TMP/ports"
    "$SOURCING" serve --listen 127.0.0.1:0 --metrics 127.0.0.1:0 --port-file "$TMP/ports" "$@" \
        2>"$SERVER_LOG" &
    SERVER_PID=$!
    local i
    for i in $(seq 1 300); do
        [ -s "$TMP/ports" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || return 1
        sleep 0.1
    done
    PORT=$(sed -n 1p "$TMP/ports")
    METRICS_PORT=$(sed -n 2p "$TMP/ports")
    SERVER=127.0.0.1:$PORT
    [ -n "$PORT" ]
}

stop_server() {
    local sig=${1:-TERM} i
    [ -n "$SERVER_PID" ] || return 1
    kill -s "$sig" "$SERVER_PID" 2>/dev/null
    for i in $(seq 1 600); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -9 "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null
        SERVER_PID=
        return 124
    fi
    wait "$SERVER_PID"
    local rc=$?
    SERVER_PID=
    return $rc
}

# http_get PATH: the body of GET http://127.0.0.1:$METRICS_PORT/PATH (python3's standard library)
http_get() {
    /usr/bin/python3 - "$METRICS_PORT" "$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    with urllib.request.urlopen("http://127.0.0.1:%s%s" % (sys.argv[1], sys.argv[2]), timeout=30) as r:
        sys.stdout.write("%d\n%s" % (r.status, r.read().decode()))
except urllib.error.HTTPError as e:
    sys.stdout.write("%d\n%s" % (e.code, e.read().decode()))
PY
}
