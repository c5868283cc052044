#!/bin/sh
# Starts the service on loopback with its defaults, metrics on, and says how to call it
# (used by `make run`). LISTEN, METRICS, GRPC and extra arguments change the defaults:
#   scripts/run-server.sh [SOURCING] [serve flags...]      e.g. scripts/run-server.sh build/sourcing --threads 4
set -eu
SOURCING=${1:-build/sourcing}
[ $# -gt 0 ] && shift
LISTEN=${LISTEN:-127.0.0.1:7411}
METRICS=${METRICS:-127.0.0.1:7412}
GRPC=${GRPC:-127.0.0.1:7413}
cat <<MSG
starting: $SOURCING serve --listen $LISTEN --metrics $METRICS --grpc-listen $GRPC $*
call it:
  $SOURCING client health --server $LISTEN
  $SOURCING client info --server $LISTEN
  $SOURCING client solve tests/data/server/small.json --server $LISTEN --deadline 2000
  $SOURCING client solve tests/data/server/cap41.json --server $LISTEN --json
  curl -s http://$METRICS/metrics      (and /healthz)
  gRPC (h2c) on $GRPC: /sourcing.Sourcing/Solve, /grpc.health.v1.Health/Check (README.md, "gRPC")
  protocol: docs/protocol.md; protoc and Python clients: README.md, "The service"
stop it with Ctrl-C or SIGTERM (work in flight is finished first)
MSG
exec "$SOURCING" serve --listen "$LISTEN" --metrics "$METRICS" --grpc-listen "$GRPC" "$@"
