#!/usr/bin/python3
"""More of the stock gRPC client (Debian's python3-grpcio, classes generated at test time):

    PYTHONPATH=GENERATED grpc_more.py HOST:PORT canonical FILE...
        solves each batch and prints "cost FILE=TOTAL STATUS" per file, for comparing with the
        C client's plans
    PYTHONPATH=GENERATED grpc_more.py HOST:PORT big BATCH.json PLAN.pb
        solves a large batch (its own time limit 10 s, the call's deadline 300 s only against a
        hang) with message limits raised on both sides, writes the plan as binary protobuf and
        prints "orders=N status=S bytes_sent=B"
    PYTHONPATH=GENERATED grpc_more.py HOST:PORT many N SMALL.json
        N concurrent Solves on one channel; prints "answers=N totals=T,..."
"""
import sys

import grpc
from google.protobuf import json_format

import service_pb2_grpc
import sourcing_pb2

BIG = 256 << 20


def batch(path):
    with open(path) as f:
        return json_format.Parse(f.read(), sourcing_pb2.Batch())


def canonical(stub, files):
    for path in files:
        plan = stub.Solve(batch(path), timeout=120)
        print("cost %s=%r %s" % (path, plan.costs.total, sourcing_pb2.PlanStatus.Name(plan.status)))


def big(stub, path, out):
    b = batch(path)
    b.options.time_limit = 10
    plan = stub.Solve(b, timeout=300)
    with open(out, "wb") as f:
        f.write(plan.SerializeToString())
    print("orders=%d status=%s bytes_sent=%d" % (len(plan.orders),
          sourcing_pb2.PlanStatus.Name(plan.status), b.ByteSize()))


def many(stub, n, path):
    b = batch(path)
    calls = [stub.Solve.future(b, timeout=300) for _ in range(n)]
    totals = sorted({c.result().costs.total for c in calls})
    print("answers=%d totals=%s" % (len(calls), ",".join("%r" % t for t in totals)))


def main():
    server, what, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    options = [("grpc.max_send_message_length", BIG), ("grpc.max_receive_message_length", BIG)]
    channel = grpc.insecure_channel(server, options=options)
    stub = service_pb2_grpc.SourcingStub(channel)
    if what == "canonical":
        canonical(stub, args)
    elif what == "big":
        big(stub, args[0], args[1])
    else:
        many(stub, int(args[0]), args[1])
    channel.close()


if __name__ == "__main__":
    main()
