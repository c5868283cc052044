#!/usr/bin/python3
"""A stock gRPC client of the sourcing service: Debian's python3-grpcio and classes generated
at test time from proto/ (protoc with grpc_python_plugin, or grpc_tools).

    PYTHONPATH=GENERATED grpc_client.py HOST:PORT SMALL.json CAP41.json INVALID.json

Calls Health/Check, Solve (small, cap41), an invalid batch, an expired deadline, a few
concurrent Solves on one channel, an unknown method, a compressed message and an oversized one,
and prints one "key=value" line per fact for tests/t_grpc_python.sh to compare.
"""
import sys
from concurrent import futures

import grpc
from google.protobuf import json_format

import health_pb2
import health_pb2_grpc
import service_pb2
import service_pb2_grpc
import sourcing_pb2


def batch(path):
    with open(path) as f:
        return json_format.Parse(f.read(), sourcing_pb2.Batch())


def code_of(call):
    """The status name of a call that is expected to fail, "OK" if it did not."""
    try:
        call()
        return "OK"
    except grpc.RpcError as e:
        return e.code().name + " " + (e.details() or "")


def main():
    server, small_path, cap41_path, invalid_path = sys.argv[1:5]
    channel = grpc.insecure_channel(server)
    health = health_pb2_grpc.HealthStub(channel)
    stub = service_pb2_grpc.SourcingStub(channel)
    status = health.Check(health_pb2.HealthCheckRequest(), timeout=30).status
    print("health=%s" % health_pb2.HealthCheckResponse.ServingStatus.Name(status))
    status = health.Check(health_pb2.HealthCheckRequest(service="sourcing.Sourcing"), timeout=30).status
    print("health_sourcing=%s" % health_pb2.HealthCheckResponse.ServingStatus.Name(status))
    print("health_unknown=%s" % code_of(
        lambda: health.Check(health_pb2.HealthCheckRequest(service="nope"), timeout=30)))

    small = batch(small_path)
    plan = stub.Solve(small, timeout=60)
    print("small_status=%s" % sourcing_pb2.PlanStatus.Name(plan.status))
    print("small_total=%r" % plan.costs.total)
    plan = stub.Solve(batch(cap41_path), timeout=120)
    print("cap41_status=%s" % sourcing_pb2.PlanStatus.Name(plan.status))
    print("cap41_total=%r" % plan.costs.total)

    print("invalid=%s" % code_of(lambda: stub.Solve(batch(invalid_path), timeout=60)))
    print("expired=%s" % code_of(lambda: stub.Solve(small, timeout=0.001)))

    calls = [stub.Solve.future(small, timeout=60) for _ in range(4)]
    calls.append(stub.Info.future(service_pb2.InfoRequest(), timeout=60))
    totals = {c.result().costs.total for c in calls[:4]}
    print("concurrent_totals=%s" % ",".join("%r" % t for t in sorted(totals)))
    print("concurrent_info_methods=%s" % ",".join(calls[4].result().methods))

    unknown = channel.unary_unary("/sourcing.Sourcing/Optimize",
                                  request_serializer=sourcing_pb2.Batch.SerializeToString,
                                  response_deserializer=sourcing_pb2.Plan.FromString)
    print("unknown=%s" % code_of(lambda: unknown(small, timeout=30)))
    print("compressed=%s" % code_of(
        lambda: stub.Solve(small, timeout=30, compression=grpc.Compression.Gzip)))
    huge = sourcing_pb2.Batch()
    huge.CopyFrom(small)
    huge.name = "x" * 200000
    print("oversized=%s" % code_of(lambda: stub.Solve(huge, timeout=30)))
    channel.close()


if __name__ == "__main__":
    main()
