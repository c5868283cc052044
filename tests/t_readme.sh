#!/bin/bash
# The README's promises about the repository itself: nothing points outside it (as ../shared/ once
# did), every link and every repository path named in the sections on layout, the command-line tool
# and problem files is tracked by git, and the command-line example runs as written, from the
# repository root.
cd "$(dirname "$0")/.." || exit 1
source tests/lib.sh

# the sections checked for paths: from "## Layout" to "## Validation"
sed -n '/^## Layout/,/^## Validation/p' README.md >"$TMP/sections.md"

check readme_points_inside [ -z "$(grep -n '\.\./' README.md)" ]
missing=""
for target in $(grep -o '](\([^)#]*\))' "$TMP/sections.md" | sed 's/^](//; s/)$//' | grep -v '^https\?:'); do
    git ls-files --error-unmatch "$target" >/dev/null 2>&1 || missing="$missing $target"
done
# paths in backticks that name files of the repository (tests/..., instances/..., docs/..., ...)
for path in $(grep -o '`\(docs\|instances\|tests\|man\|proto\|scripts\|solver\|server\|cli\)/[^` ]*`' "$TMP/sections.md" |
              tr -d '`' | sort -u); do
    case "$path" in *'*'*|*...) continue ;; esac
    git ls-files --error-unmatch "$path" >/dev/null 2>&1 || [ -n "$(git ls-files "$path")" ] ||
        missing="$missing $path"
done
check readme_paths_are_tracked [ -z "$missing" ] || echo "#   not in the repository:$missing"

# the example block of "The command-line tool", each line run as written (build/ is $BUILD/)
sed -n '/^Example:/,/^```$/p' README.md | grep -v -e '^Example:' -e '^```' -e '^$' | sed "s|build/sourcing|$BUILD/sourcing|" >"$TMP/example.sh"
check example_found [ "$(wc -l <"$TMP/example.sh")" -ge 5 ]
n=0
while IFS= read -r line; do
    n=$((n + 1))
    if bash -c "$line" >"$TMP/ex.out" 2>&1; then ok "readme_example_line_$n"
    else fail "readme_example_line_$n" "$line: $(tail -c 300 "$TMP/ex.out")"; fi
done <"$TMP/example.sh"
