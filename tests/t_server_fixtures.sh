#!/bin/bash
# A server test whose fixture is missing must fail, not print "ok" having checked nothing: the
# server test programs run in a copy of the tree whose tests/data/server/ is empty, and no case
# that reads a fixture may pass (NEEDS_NO_FIXTURE lists the ones that read none).
set -u
cd "$(dirname "$0")/.."
source tests/lib.sh
BUILD=${BUILD:-build}
NEEDS_NO_FIXTURE='health_and_info_report_the_configuration'
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/tests/data/server"
ln -s "$(cd "$BUILD" && pwd)" "$root/build"
for t in test_server_badinput test_server_load test_server_solve; do
    if [ ! -x "$BUILD/tests/$t" ]; then
        not_ok "$t: $BUILD/tests/$t is missing"
        continue
    fi
    out=$(cd "$root" && BUILD=build timeout 600 "./build/tests/$t" 2>/dev/null)
    passed=$(grep '^ok - ' <<<"$out" | grep -cvE "^ok - ($NEEDS_NO_FIXTURE)\$")
    failed=$(grep -c '^not ok - ' <<<"$out")
    check "$t: no case passes without its fixtures ($passed passed, $failed failed)" \
        test "$passed" -eq 0 -a "$failed" -gt 0
done
