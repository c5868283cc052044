#!/usr/bin/python3
"""Many Solves through HAProxy with a stock gRPC client (tests/t_grpc_haproxy.sh).

    PYTHONPATH=GENERATED grpc_haproxy.py HOST:PORT SMALL.json CALLS CONCURRENCY CHANNELS [PID AFTER]

Sends CALLS Solves of SMALL.json, CONCURRENCY at a time over CHANNELS channels (client
connections to HAProxy; 1: every call on one connection), each with a 120 s deadline.
With PID and AFTER: once AFTER calls have been answered, sends PID SIGTERM (a replica drains
while calls are in flight and more keep coming). Never retries. Prints key=value lines:
answered (calls that returned), ok (OPTIMAL at 114.23), failed, errors (code: count),
killed_after (answers seen when the signal was sent).
"""
import collections
import os
import signal
import sys
import threading
from concurrent import futures

import grpc
from google.protobuf import json_format

import service_pb2_grpc
import sourcing_pb2


def main():
    address, path = sys.argv[1], sys.argv[2]
    calls, concurrency, channels = (int(a) for a in sys.argv[3:6])
    pid, after = (int(sys.argv[6]), int(sys.argv[7])) if len(sys.argv) > 7 else (0, -1)
    with open(path) as f:
        small = json_format.Parse(f.read(), sourcing_pb2.Batch())
    lock = threading.Lock()
    tally = collections.Counter()
    errors = collections.Counter()
    killed = []
    stubs = [service_pb2_grpc.SourcingStub(grpc.insecure_channel(address)) for _ in range(channels)]

    def one(i):
        try:
            plan = stubs[i % channels].Solve(small, timeout=120)
            good = plan.status == sourcing_pb2.OPTIMAL and round(plan.costs.total, 2) == 114.23
            key, err = ("ok" if good else "wrong"), None
        except grpc.RpcError as e:
            key, err = "failed", "%s %s" % (e.code().name, e.details())
        with lock:
            tally["answered"] += 1
            tally[key] += 1
            if err:
                errors[err] += 1
            if pid and not killed and tally["answered"] >= after:
                killed.append(tally["answered"])
                os.kill(pid, signal.SIGTERM)

    with futures.ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(calls)))
    for k in ("answered", "ok", "wrong", "failed"):
        print("%s=%d" % (k, tally[k]))
    print("errors=%s" % "; ".join("%s: %d" % e for e in sorted(errors.items())))
    if pid:
        print("killed_after=%s" % (killed[0] if killed else "never"))


if __name__ == "__main__":
    main()
