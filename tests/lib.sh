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
