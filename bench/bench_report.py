#!/usr/bin/python3
"""The CSV and charts of bench/run.sh (`make bench`).

    bench_report.py header                 prints the header line of results.csv
    bench_report.py row SECTION RUN SECONDS PEAK_RSS_MB CHECKED BATCH PLAN
                                           prints the row of one run of `sourcing solve` (BATCH
                                           the batch file, PLAN its JSON plan; status ERROR when
                                           PLAN cannot be read); the other values as measured
    bench_report.py charts CSV OUT_DIR     draws the charts of results.csv into OUT_DIR with
                                           gnuplot (GNUPLOT names the program); fails when gnuplot
                                           is missing, a section has no rows or a chart cannot be
                                           drawn

results.csv has one row per measurement (one run of one case) and the columns of FIELDS; a column
a section does not measure is empty. Sections: `solve` (bench/bench_solve: src_solve in-process,
peak_rss_mb the process's peak so far), `cli` (`sourcing solve` from the shell, wall seconds,
peak_rss_mb of that process, checked = the verdict of `sourcing check` on its plan), `orlib` (the
OR-Library files, auto at the default limit, wall seconds and peak RSS).

Charts (PNG, with their .dat and .gp next to them, as bench/compare_report.py draws them):
  cli_time_rss.png    cli: median wall seconds and peak RSS against the batch size
  solve_cost.png      solve: median cost of greedy and auto against the batch size, and auto's
                      cost relative to greedy's, at each node count both ran with
  orlib_seconds.png   orlib: seconds per file; the bars of files that did not reach OPTIMAL are red
"""
import csv
import json
import os
import shutil
import sys

from compare_report import gnuplot, median, num, order_of

FIELDS = ["section", "batch", "orders", "nodes", "strategy", "time_limit", "run", "seconds", "cost",
          "status", "bound", "gap", "peak_rss_mb", "checked"]


def row(section, run, seconds, peak_rss_mb, checked, batch_path, plan_path):
    """the CSV row of one `sourcing solve` run: batch size from BATCH, the rest from PLAN"""
    def g(v):
        return "" if v is None else f"{float(v):.10g}"
    r = dict.fromkeys(FIELDS, "")
    r.update(section=section, run=run, seconds=f"{float(seconds):.6f}", peak_rss_mb=peak_rss_mb,
             checked=checked, batch=os.path.splitext(os.path.basename(batch_path))[0], status="ERROR")
    try:
        with open(batch_path) as f:
            batch = json.load(f)
        r.update(batch=batch.get("name") or r["batch"], orders=len(batch.get("orders", [])),
                 nodes=len(batch.get("nodes", [])))
    except (OSError, ValueError):
        pass
    try:
        with open(plan_path) as f:
            plan = json.load(f)
        stats = plan.get("statistics", {})
        r.update(strategy=stats.get("strategy", ""), time_limit=g(stats.get("time_limit")),
                 cost=g(plan.get("costs", {}).get("total")), status=plan.get("status", "ERROR"),
                 bound=g(plan.get("best_bound")), gap=g(plan.get("gap")))
    except (OSError, ValueError):
        pass
    return [r[k] for k in FIELDS]


def xtics(values):
    return "set xtics (" + ", ".join(f"'{v:g}' {v:g}" for v in values) + ")"


def chart_cli(out_dir, rows):
    """median wall seconds (and every run) and peak RSS against orders"""
    if not rows:
        return None
    sizes = sorted({num(r["orders"]) for r in rows})
    nodes = "/".join(order_of(rows, "nodes"))
    limits = sorted({num(r["time_limit"]) for r in rows if num(r["time_limit"]) is not None})
    runs = max(int(num(r["run"]) or 1) for r in rows)
    with open(os.path.join(out_dir, "cli_time_rss.dat"), "w") as f:
        f.write("# orders median_wall_s median_peak_rss_mb\n")
        for n in sizes:
            rs = [r for r in rows if num(r["orders"]) == n]
            rss = median(num(r["peak_rss_mb"]) for r in rs)
            f.write(f"{n:g} {median(num(r['seconds']) for r in rs):.6g} {'?' if rss is None else f'{rss:g}'}\n")
        f.write("\n\n# orders wall_s (each run)\n")
        for r in rows:
            f.write(f"{num(r['orders']):g} {num(r['seconds']):.6g}\n")
    limit_plot = [f"{t:g} with lines lt 3 dt 2 lw 1.5 title 'time limit {t:g} s'" for t in limits]
    script = "\n".join([
        "set terminal pngcairo noenhanced size 800,500",
        "set output 'cli_time_rss.png'",
        "set datafile missing '?'",
        f"set title \"sourcing solve --time-limit {'/'.join(f'{t:g}' for t in limits)}, N orders x {nodes} "
        f"nodes (median of {runs} run{'s' if runs > 1 else ''}; files read and written)\"",
        "set xlabel 'orders'",
        "set ylabel 'wall seconds'",
        "set y2label 'peak RSS (MB)'",
        "set ytics nomirror",
        "set y2tics",
        "set yrange [0:*]",
        "set y2range [0:*]",
        "set grid",
        "set key outside bottom center horizontal",
        "set logscale x" if len(sizes) > 2 else "",
        xtics(sizes),
        "set offsets graph 0.05, graph 0.05, graph 0.15, 0",
        "plot 'cli_time_rss.dat' index 0 using 1:2 with linespoints lt 1 lw 2 pt 7 title 'wall s (median)', \\",
        "     '' index 1 using 1:2 with points lt 1 pt 6 ps 1.2 title 'wall s (each run)', \\",
        "     '' index 0 using 1:3 axes x1y2 with linespoints lt 2 lw 2 pt 5 title 'peak RSS MB (median)'"
        + "".join(", \\\n     " + p for p in limit_plot),
        ""])
    return gnuplot(out_dir, "cli_time_rss", script)


def chart_cost(out_dir, rows):
    """median cost of greedy and auto against orders, per node count both strategies ran with"""
    med = {}
    for r in rows:
        key = (r["strategy"], int(num(r["nodes"])), int(num(r["orders"])))
        med.setdefault(key, []).append(num(r["cost"]))
    med = {k: median(v) for k, v in med.items()}
    shared = sorted({n for (s, n, o) in med if s == "greedy"} & {n for (s, n, o) in med if s == "auto"})
    if not shared:
        return None
    series = []   # (title, points, line type)
    relative = []
    for i, n in enumerate(shared):
        for j, s in enumerate(["greedy", "auto"]):
            pts = sorted((o, c) for (st, nn, o), c in med.items() if st == s and nn == n and c is not None)
            series.append((f"{s}, {n} nodes", pts, 2 * i + j + 1))
        both = sorted(o for (st, nn, o) in med if st == "auto" and nn == n and ("greedy", n, o) in med)
        pts = [(o, 100 * (med[("auto", n, o)] / med[("greedy", n, o)] - 1)) for o in both
               if med[("auto", n, o)] is not None and med[("greedy", n, o)]]
        relative.append((f"auto vs greedy, {n} nodes", pts, 2 * i + 2))
    with open(os.path.join(out_dir, "solve_cost.dat"), "w") as f:
        blocks = []
        for title, pts, _ in series + relative:
            blocks.append(f"# {title}: orders value\n" + "".join(f"{o} {v:.8g}\n" for o, v in pts))
        f.write("\n\n".join(blocks))
    sizes = sorted({o for _, pts, _ in series for o, _ in pts})
    limits = "/".join(order_of(rows, "time_limit"))
    top = ", \\\n     ".join(f"'solve_cost.dat' index {k} using 1:2 with linespoints lt {lt} lw 2 pt 7 title '{t}'"
                            for k, (t, _, lt) in enumerate(series))
    bottom = ", \\\n     ".join(
        f"'solve_cost.dat' index {len(series) + k} using 1:2 with linespoints lt {lt} lw 2 pt 7 title '{t}', \\\n"
        f"     '' index {len(series) + k} using 1:2:(sprintf('%+.2f%%', $2)) with labels tc lt {lt} offset 0,1 "
        "font ',9' notitle"
        for k, (t, _, lt) in enumerate(relative))
    log_x = "set logscale x" if len(sizes) > 2 else "unset logscale x"
    script = "\n".join([
        "set terminal pngcairo noenhanced size 800,700",
        "set output 'solve_cost.png'",
        "set multiplot layout 2,1 title \"src_solve on generated batches (seed 7), time limit "
        f"{limits} s: median plan cost\"",
        "set grid",
        "set key top left",
        log_x,
        "set logscale y",
        xtics(sizes),
        "set xlabel 'orders'",
        "set ylabel 'plan cost'",
        "set offsets graph 0.05, graph 0.05, 0, 0",
        "plot " + top,
        "unset logscale y",
        "set ylabel 'auto vs greedy cost (%; < 0: auto cheaper)'",
        "set key bottom left",
        "set offsets graph 0.05, graph 0.05, graph 0.2, graph 0.2",
        "set xzeroaxis lt -1",
        "plot " + bottom,
        "unset multiplot",
        ""])
    return gnuplot(out_dir, "solve_cost", script)


def chart_orlib(out_dir, rows):
    """seconds per OR-Library file; red bars: not OPTIMAL"""
    if not rows:
        return None
    names = order_of(rows, "batch")
    limits = "/".join(order_of(rows, "time_limit")) or "default"
    with open(os.path.join(out_dir, "orlib_seconds.dat"), "w") as f:
        f.write("# i file seconds_if_optimal seconds_otherwise status\n")
        for i, name in enumerate(names):
            rs = [r for r in rows if r["batch"] == name]
            t = median(num(r["seconds"]) for r in rs)
            status = "/".join(order_of(rs, "status"))
            value = f"{t:.6g}"
            optimal, other = (value, "?") if status == "OPTIMAL" else ("?", value)
            f.write(f"{i} {name} {optimal} {other} {status}\n")
    script = "\n".join([
        "set terminal pngcairo noenhanced size 800,450",
        "set output 'orlib_seconds.png'",
        "set datafile missing '?'",
        f"set title \"OR-Library files, sourcing solve (auto, time limit {limits} s): seconds to OPTIMAL\\n"
        "(wall time of the process; a red bar did not reach OPTIMAL, its status above it)\"",
        "set ylabel 'seconds'",
        "set yrange [0:*]",
        "set offsets 0, 0, graph 0.15, 0",
        "set style fill solid 0.7 border -1",
        "set boxwidth 0.7",
        "set grid ytics",
        "set xtics rotate by -45",
        "plot 'orlib_seconds.dat' using 1:3:xtic(2) with boxes lt 2 title 'OPTIMAL', \\",
        "     '' using 1:4 with boxes lt 7 title 'not OPTIMAL', \\",
        "     '' using 1:3:(sprintf('%.2f', $3)) with labels offset 0,0.7 font ',9' notitle, \\",
        "     '' using 1:4:5 with labels offset 0,0.7 font ',9' tc lt 7 notitle",
        ""])
    return gnuplot(out_dir, "orlib_seconds", script)


def charts(csv_path, out_dir):
    program = os.environ.get("GNUPLOT", "gnuplot")
    if not shutil.which(program):
        sys.exit(f"bench_report: {program} is not installed (make deps installs gnuplot-nox): no charts")
    with open(csv_path) as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != FIELDS:
            sys.exit(f"bench_report: {csv_path}: the header is not {','.join(FIELDS)}")
        rows = list(reader)
    section = {s: [r for r in rows if r["section"] == s and num(r["seconds"]) is not None]
               for s in ("solve", "cli", "orlib")}
    wanted = {"cli_time_rss": (chart_cli, section["cli"]),
              "solve_cost": (chart_cost, [r for r in section["solve"] if num(r["cost"]) is not None]),
              "orlib_seconds": (chart_orlib, section["orlib"])}
    drawn, failed = [], []
    for stem, (draw, rs) in wanted.items():
        png = draw(out_dir, rs) if rs else None
        if not rs:
            print(f"bench_report: no rows for {stem}", file=sys.stderr)
        (drawn if png else failed).append(png or stem)
    print(f"results: {csv_path}")
    if drawn:
        print("charts:  " + " ".join(drawn))
    if failed:
        sys.exit("bench_report: could not draw " + " ".join(failed))


def main():
    args = sys.argv[1:]
    if args == ["header"]:
        print(",".join(FIELDS))
    elif len(args) == 8 and args[0] == "row":
        csv.writer(sys.stdout, lineterminator="\n").writerow(row(*args[1:]))
    elif len(args) == 3 and args[0] == "charts":
        charts(args[1], args[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
