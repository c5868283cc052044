#!/bin/bash
# `sourcing export` read by other solvers: exports every instance with a known optimum
# (instances/manifest.tsv: the hand-made ones and OR-Library cap41) as LP and as MPS, solves each
# file with glpsol and cbc, and checks that their optimum equals the known optimum within 1e-6
# relative. This holds only if the objective's constant (unfilled cost of lines no node can
# ship) survives the export; `objconst` is the column that carries it.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

# same A B: A equals B within 1e-6 relative
same() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; if (m < 1) m = 1; exit !(a != "" && d <= 1e-6 * m) }'; }
# glpsol_obj FORMAT FILE: the optimum glpsol finds (FORMAT lp or freemps), empty if none
glpsol_obj() { glpsol --"$1" "$2" -w "$TMP/g.sol" >/dev/null 2>&1 && awk '$1 == "s" && $2 == "mip" && $5 == "o" { print $6 }' "$TMP/g.sol"; }
# cbc_obj FILE: the optimum cbc finds, empty if none
cbc_obj() { cbc "$1" solve 2>/dev/null | awk '/^Result - Optimal solution found/ { opt = 1 } opt && /^Objective value:/ { print $3 }'; }

for tool in glpsol cbc; do
    if ! command -v $tool >/dev/null; then fail "peer_$tool" "$tool not installed (scripts/install-deps.sh installs it)"; exit 0; fi
done

"$SOURCING" gen --orders 100 --nodes 50 --seed 7 --out "$TMP/g.json"
"$SOURCING" export "$TMP/g.json" --lp "$TMP/g.lp"
check constant_in_lp grep -qF -- "+ 510.98 objconst" "$TMP/g.lp"
check constant_fixed_at_one grep -qxF -- " objconst = 1" "$TMP/g.lp"

while IFS=$'\t' read -r file optimum _; do
    case "$file" in handmade/*|orlib/cap41.json) ;; *) continue ;; esac
    name=$(basename "$file" .json)
    for format in lp mps; do
        out="$TMP/$name.$format"
        if ! "$SOURCING" export "instances/$file" --$format "$out" 2>"$TMP/export.err"; then
            fail "peers_${name}_$format" "export failed: $(head -c 300 "$TMP/export.err")"
            continue
        fi
        glp=$(glpsol_obj "$([ $format = lp ] && echo lp || echo freemps)" "$out")
        cbc=$(cbc_obj "$out")
        if same "$glp" "$optimum" && same "$cbc" "$optimum"; then
            ok "peers_${name}_$format"
        else
            fail "peers_${name}_$format" "known optimum $optimum, glpsol '$glp', cbc '$cbc'"
        fi
    done
done < <(grep -v '^#' instances/manifest.tsv | tail -n +2)
