#!/bin/sh
# Starts the service on loopback with defaults and says how to call it (used by `make run`).
set -eu
SOURCING=${1:-build/sourcing}
echo "starting: $SOURCING serve (Ctrl-C or SIGTERM to stop)"
exec "$SOURCING" serve
