#!/bin/bash
# The solver's folders are layers: a file may include headers of its own folder and of folders of a
# lower rank, never of a higher one, so no two solver modules depend on each other in a cycle.
# The CLI and the server see only solver/include (the Makefile's include paths); server/wire
# includes nothing of server/. Prints "ok - ..." / "not ok - ..." per check.
cd "$(dirname "$0")/.." || exit 1
declare -A RANK=([include]=0 [util]=1 [io]=2 [core]=2 [check]=2 [gen]=3 [model]=3 [bound]=3 [baseline]=3 [inspect]=3
                 [strategies]=4 [explain]=4 [solve]=5)
failures=0
for dir in solver/*/; do
    folder=$(basename "$dir")
    if [ -z "${RANK[$folder]:-}" ]; then
        echo "not ok - layer_rank_of_$folder"
        echo "#   solver/$folder has no rank in tests/t_layers.sh: give it one"
        failures=$((failures + 1))
    fi
done
for file in solver/*/*.c solver/*/*.h; do
    from=$(basename "$(dirname "$file")")
    for header in $(grep -o '^#include "[^"]*"' "$file" | sed 's/#include "//; s/"$//'); do
        target=$(ls solver/*/"$header" 2>/dev/null | head -1)
        [ -n "$target" ] || continue                      # generated (sourcing.pb-c.h) or system
        to=$(basename "$(dirname "$target")")
        if [ "${RANK[$to]:-99}" -gt "${RANK[$from]:-0}" ] ||
           { [ "$from" != "$to" ] && [ "${RANK[$to]:-99}" -eq "${RANK[$from]:-0}" ]; }; then
            echo "#   $file includes $header from solver/$to (rank ${RANK[$to]:-?} >= ${RANK[$from]:-?})"
            failures=$((failures + 1))
        fi
    done
done
if [ "$failures" -eq 0 ]; then echo "ok - solver_includes_follow_the_layers"; else echo "not ok - solver_includes_follow_the_layers"; fi
# the CLI and the server may include only public solver headers
bad=$(for file in cli/*.c cli/*.h server/*.c server/*.h server/*/*.c server/*/*.h; do
          for header in $(grep -o '^#include "[^"]*"' "$file" | sed 's/#include "//; s/"$//'); do
              [ -f "solver/include/$header" ] && continue
              ls solver/*/"$header" >/dev/null 2>&1 && echo "$file: $header"
          done
      done)
if [ -z "$bad" ]; then echo "ok - cli_and_server_see_only_public_solver_headers"
else echo "not ok - cli_and_server_see_only_public_solver_headers"; echo "$bad" | sed 's/^/#   /'; fi
# server/wire is the bottom of the server: nothing of server/ proper
bad=$(for file in server/wire/*.c server/wire/*.h; do
          for header in $(grep -o '^#include "[^"]*"' "$file" | sed 's/#include "//; s/"$//'); do
              [ -f "server/$header" ] && echo "$file: $header"
          done
      done)
if [ -z "$bad" ]; then echo "ok - server_wire_includes_nothing_of_the_server"
else echo "not ok - server_wire_includes_nothing_of_the_server"; echo "$bad" | sed 's/^/#   /'; fi
