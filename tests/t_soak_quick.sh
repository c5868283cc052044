#!/bin/bash
# The soak in short (bench/soak.c, what `make soak` runs for 10 minutes): 32 connections of
# valid solves, cancels, expired deadlines and every bad input for 25 s, then SIGTERM. Asserts
# what must hold however loaded the machine: every request answered exactly once (0 lost, 0
# duplicated), no wrong status, the server's clean exit. Not the RSS (25 s is too short for a
# steady state; `make soak` checks it) and nothing about speed.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh
SOAK="$BUILD/bench/soak"

if [ ! -x "$SOAK" ]; then fail soak_quick "$SOAK is missing (make all builds it)"; exit 1; fi
BUILD=$BUILD "$SOAK" --seconds 25 --connections 32 --no-rss-check >"$TMP/out" 2>"$TMP/err"
rc=$?
grep -v "^  " "$TMP/out" | sed 's/^/# /'
if [ $rc = 0 ] && grep -q '^result: PASS$' "$TMP/out"; then ok soak_quick_passes
else fail soak_quick_passes "rc=$rc $(tail -20 "$TMP/err")"; fi

if grep -Eq '^requests: sent [1-9][0-9]*, answered [1-9][0-9]*, lost 0, duplicated 0, wrong status 0 ' "$TMP/out"
then ok soak_quick_nothing_lost_or_duplicated; else fail soak_quick_nothing_lost_or_duplicated "$(head -3 "$TMP/out")"; fi

sent=$(sed -n 's/^requests: sent \([0-9]*\), answered \([0-9]*\),.*/\1 \2/p' "$TMP/out")
if [ -n "$sent" ] && [ "${sent% *}" = "${sent#* }" ]; then ok soak_quick_every_request_answered
else fail soak_quick_every_request_answered "sent/answered: $sent"; fi

if grep -q '^server exit status after SIGTERM: 0$' "$TMP/out"; then ok soak_quick_clean_exit
else fail soak_quick_clean_exit "$(cat "$TMP/out")"; fi

# every hostile kind was in the mix at least once
missing=""
for kind in "oversized frame" "garbage frame" "unknown method" "invalid batch" "reused in-flight id" \
            "NUL in a batch string" "NUL in the method" "deadline over 24 h" "slowloris partial frame" \
            "client that never reads" "cancel" "expired deadline" "in flight at SIGTERM"; do
    grep -Eq "^  $kind +[1-9]" "$TMP/out" || missing="$missing [$kind]"
done
if [ -z "$missing" ]; then ok soak_quick_every_kind_sent; else fail soak_quick_every_kind_sent "none of:$missing"; fi
