#!/bin/sh
# Installs the Debian packages the project needs, and only those that are missing.
# glpk-utils (glpsol), coinor-cbc (cbc) and gnuplot-nox: the peer solvers and charts of `make compare`,
# the export test (tests/t_export_peers.sh); gnuplot-nox also draws the charts of `make bench`
# (tests/t_bench_quick.sh). libnghttp2-dev: the gRPC port (HTTP/2); python3-grpcio and
# protobuf-compiler-grpc (grpc_python_plugin): the stock gRPC client of tests/t_grpc_python.sh.
# curl: the JSON endpoint's test (tests/t_server_json.sh) calls POST /v1/solve with it.
# nghttp2-client (nghttp): tests/t_grpc_edges.sh reads the gRPC port's HTTP/2 frames with it.
# clang and libclang-rt-dev (its libFuzzer and sanitizer runtimes): `make fuzz`.
# chromium: tests/t_report.sh renders `sourcing report`'s page in a real (headless) browser.
# haproxy: the load balancer of deploy/haproxy.cfg, run by tests/t_grpc_haproxy.sh (scale-out).
# libssl-dev: TLS of the service and the C client (OpenSSL, with libevent's libevent_openssl);
# openssl (the CLI) and curl: tests/t_server_tls.sh makes a throwaway CA and calls /metrics over HTTPS.
set -eu
PACKAGES="build-essential pkg-config libglpk-dev libevent-dev libjansson-dev \
libprotobuf-c-dev protobuf-c-compiler protobuf-compiler python3 python3-protobuf valgrind time bc \
curl nghttp2-client \
libnghttp2-dev python3-grpcio protobuf-compiler-grpc \
coinor-cbc glpk-utils gnuplot-nox man-db groff-base clang libclang-rt-dev \
chromium haproxy libssl-dev openssl curl"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
