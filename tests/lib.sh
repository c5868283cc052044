# Shared helpers for shell tests (tests/t_*.sh): `ok NAME` / `fail NAME WHY` print TAP-like lines.
# The sourcing binary is $SOURCING (default $BUILD/sourcing).
BUILD=${BUILD:-build}
SOURCING=${SOURCING:-$BUILD/sourcing}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ok() { echo "ok - $1"; }
fail() { echo "not ok - $1"; shift; echo "#   $*"; }
# check NAME CMD...: ok when CMD succeeds
check() { local n=$1; shift; if "$@"; then ok "$n"; else fail "$n" "command failed: $*"; fi; }
# eventually SECONDS COMMAND...: COMMAND succeeds within SECONDS, tried every 0.1 s. For what a
# server writes through a thread of its own (its log reaches the file after the answer does):
# under TSan on a loaded machine that can take a while.
eventually() { local end=$((SECONDS + $1)); shift; until "$@"; do [ $SECONDS -ge $end ] && return 1; sleep 0.1; done; }
