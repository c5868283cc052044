#!/bin/bash
# `make install` into a staging directory (DESTDIR): the tool runs from there, a program built
# with nothing but the installed headers, libraries and sourcing-client.pc talks to a real server,
# and every installed man page renders with `man -l`. Every subcommand has a page.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
source tests/interop/server.sh

STAGE=$TMP/stage
P=$STAGE/usr/local
if make -s install DESTDIR="$STAGE" PREFIX=/usr/local BUILD="$BUILD" >"$TMP/install.log" 2>&1; then ok make_install
else fail make_install "$(tail -5 "$TMP/install.log")"; exit 1; fi
check installed_tool_runs bash -c "'$P/bin/sourcing' --version | grep -q '^sourcing '"
check pc_has_real_prefix grep -qx 'prefix=/usr/local' "$P/lib/pkgconfig/sourcing-client.pc"

# the README's compile and link line, with the staged prefix in place of /usr/local
flags=$(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --define-variable=prefix="$P" --cflags --libs sourcing-client)
# a sanitizer build (make asan: BUILD=build-address,undefined; make tsan: build-thread) installs
# instrumented libraries, which link only into a program built with the same sanitizer
case "$BUILD" in build-*) flags="$flags -fsanitize=${BUILD#build-}" ;; esac
if cc -std=c11 -Wall -Wextra -Werror tests/install/health_client.c $flags -o "$TMP/health_client" 2>"$TMP/cc.err"
then ok client_builds_from_installed_files; else fail client_builds_from_installed_files "$(head -c 500 "$TMP/cc.err")"; fi
if start_server --threads 1 --quiet; then
    check installed_client_talks_to_server [ "$("$TMP/health_client" "$SERVER")" = "serving=1" ]
    stop_server
else
    fail server_starts "$(cat "$SERVER_LOG")"
fi

# man pages: one per subcommand, each renders without warnings
for cmd in $("$SOURCING" --help | awk '/^  [a-z]/ {print $1}'); do
    check "man_page_for_$cmd" [ -f "man/sourcing-$cmd.1" ]
done
for page in "$P"/share/man/man1/*.1; do
    name=$(basename "$page" .1)
    out=$(MANWIDTH=80 man -l --warnings=all "$page" 2>"$TMP/man.err")
    if [ -n "$out" ] && ! [ -s "$TMP/man.err" ] && grep -q "^NAME" <<<"$out"; then ok "man_renders_$name"
    else fail "man_renders_$name" "$(head -c 300 "$TMP/man.err")"; fi
done
check man_pages_installed [ "$(ls "$P"/share/man/man1/*.1 | wc -l)" -eq "$(ls man/*.1 | wc -l)" ]
