#!/usr/bin/python3
"""The framed port against gRPC, from the rows bench/bench_rpc wrote (bench/run.sh's rpc.csv).

    rpc_report.py RPC_CSV

Prints, per method (Solve, Health) and shape (connections x calls in flight per connection), the
median over the rounds of calls/s, p50 and p99 of each transport, and gRPC's calls/s as a share
of the framed port's; then the calls/s of every round (lowest to highest), which shows how much
a shared machine's load moved them. Fails when the file has no rows or a row has errors.
"""
import csv
import statistics
import sys


def main():
    with open(sys.argv[1]) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("rpc_report: no rows in %s" % sys.argv[1])
    bad = [r for r in rows if r["errors"] != "0"]
    if bad:
        sys.exit("rpc_report: %d runs had failed calls" % len(bad))
    groups = {}
    for r in rows:
        key = (r["method"], int(r["connections"]), int(r["inflight"]), r["transport"])
        groups.setdefault(key, []).append(r)

    def med(key, col):
        return statistics.median(float(r[col]) for r in groups.get(key, [])) if key in groups else float("nan")

    runs = max(len(v) for v in groups.values())
    print("medians of %d round%s: calls/s, p50 and p99 ms" % (runs, "" if runs == 1 else "s"))
    print("%-7s %-10s %10s %10s %8s %8s %8s %8s %9s" % ("method", "conn x k", "framed/s", "grpc/s",
          "fr p50", "gr p50", "fr p99", "gr p99", "grpc/fr"))
    for method, conns, k in sorted({k[:3] for k in groups}, key=lambda m: (m[0] != "Solve", m[1], m[2])):
        fr, gr = (method, conns, k, "framed"), (method, conns, k, "grpc")
        share = med(gr, "calls_per_s") / med(fr, "calls_per_s") if med(fr, "calls_per_s") else float("nan")
        print("%-7s %-10s %10.0f %10.0f %8.3f %8.3f %8.3f %8.3f %8.0f%%" % (
            method, "%d x %d" % (conns, k), med(fr, "calls_per_s"), med(gr, "calls_per_s"),
            med(fr, "p50_ms"), med(gr, "p50_ms"), med(fr, "p99_ms"), med(gr, "p99_ms"), 100 * share))
    if runs > 1:
        print("calls/s of each round, lowest to highest")
        for key in sorted(groups, key=lambda m: (m[0] != "Solve", m[1], m[2], m[3])):
            print("%-7s %-10s %-6s %s" % (key[0], "%d x %d" % key[1:3], key[3],
                  " ".join("%.0f" % v for v in sorted(float(r["calls_per_s"]) for r in groups[key]))))


if __name__ == "__main__":
    main()
