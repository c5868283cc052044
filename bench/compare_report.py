#!/usr/bin/python3
"""The report of bench/compare.sh: from its raw rows (one per run) writes the results CSV with
best_known and over_best_pct, keeps the best cost found per generated batch across runs, draws
gnuplot charts per family (cost over best known, and gap, against the time limit, one line per
solver) and prints a table (medians over repeats) and a summary per family.

    compare_report.py RAW_CSV RESULTS_CSV OUT_DIR BEST_KNOWN_TSV

best_known is the published optimum when there is one (raw column `published`), else the lowest
cost any solver found for that batch in any run so far (BEST_KNOWN_TSV, updated here); a proven
optimum is such a cost. Costs of KILLED, ERROR and REJECTED runs are not used."""
import csv
import math
import os
import shutil
import statistics
import subprocess
import sys

USABLE = {"OPTIMAL", "FEASIBLE", "HEURISTIC"}
FIELDS = ["family", "batch", "time_limit", "solver", "status", "cost", "bound", "gap",
          "best_known", "over_best_pct", "wall_seconds", "repeat"]


def num(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def fmt(value, spec):
    """value formatted by spec, or "-" as wide as spec says"""
    width = int(spec.split(".")[0] or 0)
    return "-".rjust(width) if value is None else format(value, spec)


def load_best(path):
    best = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2 and not line.startswith("#") and num(parts[1]) is not None:
                    best[parts[0]] = float(parts[1])
    return best


def save_best(path, best):
    with open(path + ".tmp", "w") as f:
        f.write("# best cost found so far per generated batch (bench/compare.sh)\n")
        for name in sorted(best):
            f.write(f"{name}\t{best[name]!r}\n")
    os.replace(path + ".tmp", path)


def best_known(rows, stored):
    """batch -> best known cost; updates stored for batches without a published optimum."""
    best = {}
    for r in rows:
        pub = num(r["published"])
        if pub is not None:
            best[r["batch"]] = pub
    for r in rows:
        cost = num(r["cost"])
        name = r["batch"]
        if name in best and num(r["published"]) is not None:
            continue
        if cost is not None and r["status"] in USABLE:
            stored[name] = min(stored.get(name, math.inf), cost)
    for r in rows:
        if r["batch"] not in best and r["batch"] in stored:
            best[r["batch"]] = stored[r["batch"]]
    return best


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def order_of(rows, key):
    seen = []
    for r in rows:
        if r[key] not in seen:
            seen.append(r[key])
    return seen


def chart(out_dir, family, limits, solvers, series, what, ylabel, counts):
    """series[solver][limit] = value; counts[solver][limit] = (with a value, batches)."""
    stem = f"{what}_{family}"
    if all(v is None for s in solvers for v in series[s].values()):
        return None
    dat = os.path.join(out_dir, stem + ".dat")
    with open(dat, "w") as f:
        f.write("# limit " + " ".join(solvers) + "\n")
        for t in limits:
            f.write(f"{t:g} " + " ".join("?" if series[s].get(t) is None else f"{series[s][t]:.6g}"
                                         for s in solvers) + "\n")
        # labels "k/N" where a solver had a value on only k of the N batches: one block per
        # solver that has any (gnuplot 5.4 crashes on an empty or NaN label block)
        label_index = {}
        for s in solvers:
            points = [(t, series[s][t], counts[s][t]) for t in limits
                      if series[s].get(t) is not None and counts[s][t][0] < counts[s][t][1]]
            if points:
                label_index[s] = len(label_index) + 1
                f.write("\n\n" + "".join(f"{t:g} {v:.6g} \"{k}/{n}\"\n" for t, v, (k, n) in points))
    log_x = len(limits) > 2 and min(limits) > 0
    plots = []
    for i, s in enumerate(solvers):  # one colour per solver in every chart
        plots.append(f"'{stem}.dat' index 0 using 1:{i + 2} with linespoints lt {i + 1} lw 2 pt 7 title '{s}'")
        if s in label_index:
            plots.append(f"'{stem}.dat' index {label_index[s]} using 1:2:3 with labels tc lt {i + 1} "
                         "offset 0,0.8 font ',9' notitle")
    without = [s for s in solvers if all(v is None for v in series[s].values())]
    script = "\n".join([
        "set terminal pngcairo size 800,500",
        f"set output '{stem}.png'",
        "set datafile missing '?'",
        f"set title \"{family}: {ylabel} (mean over batches; k/N: only k of N batches had one)\"",
        "set xlabel 'time limit (s)'",
        f"set ylabel '{ylabel}'",
        "set grid",
        "set key outside right",
        "set logscale x" if log_x else "",
        "set xtics (" + ", ".join(f"'{t:g}' {t:g}" for t in limits) + ")",
        "set offsets graph 0.05, graph 0.05, graph 0.1, graph 0.05",
        f"set label 'none at any limit: {', '.join(without)}' at graph 0.02, graph 0.04" if without else "",
        "plot " + ", \\\n     ".join(plots),
        ""])
    return gnuplot(out_dir, stem, script)


def gnuplot(out_dir, stem, script):
    """Writes the gnuplot script OUT_DIR/STEM.gp (whose output is STEM.png) and runs it there with
    the program GNUPLOT names (default gnuplot); the PNG's path, or None when that program is
    missing or fails (why, on stderr)."""
    with open(os.path.join(out_dir, stem + ".gp"), "w") as f:
        f.write(script)
    program = os.environ.get("GNUPLOT", "gnuplot")
    if not shutil.which(program):
        return None
    done = subprocess.run([program, stem + ".gp"], cwd=out_dir, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"gnuplot {stem}.gp failed: {done.stderr.strip()}", file=sys.stderr)
        return None
    return os.path.join(out_dir, stem + ".png")


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    raw_path, csv_path, out_dir, best_path = sys.argv[1:]
    with open(raw_path) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{raw_path}: no runs")
    stored = load_best(best_path)
    best = best_known(rows, stored)
    save_best(best_path, stored)

    for r in rows:
        b = best.get(r["batch"])
        cost = num(r["cost"]) if r["status"] in USABLE else None
        r["best_known"] = "" if b is None else repr(b)
        r["over_best_pct"] = "" if b is None or cost is None else f"{100 * (cost - b) / max(abs(b), 1e-9):.6g}"
    with open(csv_path, "w", newline="") as f:
        w = csv.DictWriter(f, FIELDS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)

    # medians over repeats
    groups = {}
    for r in rows:
        groups.setdefault((r["family"], r["batch"], float(r["time_limit"]), r["solver"]), []).append(r)
    solvers = order_of(rows, "solver")
    med = {}
    print()
    print(f"{'family':<6} {'batch':<16} {'limit':>5} {'solver':<8} {'status':<11} {'cost':>16} "
          f"{'best known':>16} {'over best %':>11} {'gap %':>8} {'wall s':>7}")
    for key, rs in groups.items():
        usable = [r for r in rs if r["status"] in USABLE]
        statuses = order_of(rs, "status")
        m = {
            "status": "/".join(statuses),
            "cost": median(num(r["cost"]) for r in usable),
            "over": median(num(r["over_best_pct"]) for r in usable),
            "gap": median(num(r["gap"]) for r in usable),
            "wall": median(num(r["wall_seconds"]) for r in rs),
            "best": num(rs[0]["best_known"]),
        }
        med[key] = m
        print(f"{key[0]:<6} {key[1]:<16} {key[2]:>5g} {key[3]:<8} {m['status']:<11} {fmt(m['cost'], '16.3f')} "
              f"{fmt(m['best'], '16.3f')} {fmt(m['over'], '11.3f')} "
              f"{fmt(None if m['gap'] is None else 100 * m['gap'], '8.3f')} {fmt(m['wall'], '7.2f')}")

    # summary per family, limit and solver; charts
    print()
    print("Summary (means over a family's batches; solved = batches with a plan; gap over those with a bound)")
    print(f"{'family':<6} {'limit':>5} {'solver':<8} {'solved':>7} {'optimal':>7} {'mean over best %':>16} "
          f"{'max over best %':>15} {'mean gap %':>10} {'mean wall s':>11}")
    charts = []
    for family in order_of(rows, "family"):
        batches = order_of([r for r in rows if r["family"] == family], "batch")
        limits = sorted({k[2] for k in med if k[0] == family})
        over = {s: {} for s in solvers}
        gaps = {s: {} for s in solvers}
        n_over = {s: {} for s in solvers}
        n_gap = {s: {} for s in solvers}
        for t in limits:
            for s in solvers:
                ms = [med[(family, b, t, s)] for b in batches if (family, b, t, s) in med]
                if not ms:
                    continue
                solved = [m for m in ms if m["cost"] is not None]
                optimal = sum(1 for m in ms if m["status"] == "OPTIMAL")
                o = [m["over"] for m in solved if m["over"] is not None]
                g = [100 * m["gap"] for m in solved if m["gap"] is not None]
                over[s][t] = mean(o)
                gaps[s][t] = mean(g)
                n_over[s][t] = (len(o), len(ms))
                n_gap[s][t] = (len(g), len(ms))
                print(f"{family:<6} {t:>5g} {s:<8} {len(solved):>3}/{len(ms):<3} {optimal:>7} "
                      f"{fmt(mean(o), '16.3f')} {fmt(max(o) if o else None, '15.3f')} "
                      f"{fmt(mean(g), '10.3f')} {fmt(mean(m['wall'] for m in ms), '11.2f')}")
        charts.append(chart(out_dir, family, limits, solvers, over, "over_best", "cost over best known (%)", n_over))
        charts.append(chart(out_dir, family, limits, solvers, gaps, "gap", "gap (%)", n_gap))
    print()
    print(f"results: {csv_path}")
    drawn = [c for c in charts if c]
    if drawn:
        print("charts:  " + " ".join(drawn))


if __name__ == "__main__":
    main()
