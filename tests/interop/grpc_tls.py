#!/usr/bin/python3
"""gRPC over TLS with bearer tokens, from a stock client (Debian's python3-grpcio and classes
generated at test time from proto/):

    PYTHONPATH=GENERATED grpc_tls.py HOST:PORT CA.pem OTHER_CA.pem TOKEN_FILE SMALL.json

Trusts CA.pem (grpc.ssl_channel_credentials), calls the standard health check without a token,
Info without a token, with a wrong one and with the right one, Solve with the right one; then
tries a channel that trusts OTHER_CA.pem. Prints one "key=value" line per fact for
tests/t_server_tls.sh to compare.
"""
import sys

import grpc
from google.protobuf import json_format

import health_pb2
import health_pb2_grpc
import service_pb2
import service_pb2_grpc
import sourcing_pb2


def outcome(call):
    """"OK" and the answer, or the status name and details of a failed call."""
    try:
        return "OK", call()
    except grpc.RpcError as e:
        return e.code().name + " " + (e.details() or ""), None


def channel(server, ca_path):
    with open(ca_path, "rb") as f:
        creds = grpc.ssl_channel_credentials(root_certificates=f.read())
    return grpc.secure_channel(server, creds)


def main():
    server, ca, other_ca, token_path, small_path = sys.argv[1:6]
    with open(token_path) as f:
        token = f.read().split()[0]
    with open(small_path) as f:
        small = json_format.Parse(f.read(), sourcing_pb2.Batch())
    good = [("authorization", "Bearer " + token)]
    wrong = [("authorization", "Bearer " + "x" * 32)]

    ch = channel(server, ca)
    health = health_pb2_grpc.HealthStub(ch)
    stub = service_pb2_grpc.SourcingStub(ch)
    status, answer = outcome(lambda: health.Check(health_pb2.HealthCheckRequest(), timeout=30))
    print("health_no_token=%s" % (health_pb2.HealthCheckResponse.ServingStatus.Name(answer.status)
                                  if answer else status))
    for name, metadata in (("info_no_token", None), ("info_wrong_token", wrong),
                           ("info_basic_auth", [("authorization", "Basic dXNlcjpwYXNz")])):
        print("%s=%s" % (name, outcome(lambda: stub.Info(service_pb2.InfoRequest(), metadata=metadata,
                                                          timeout=30))[0]))
    status, info = outcome(lambda: stub.Info(service_pb2.InfoRequest(), metadata=good, timeout=30))
    print("info_good_token=%s %s" % (status, ",".join(info.methods) if info else ""))
    status, plan = outcome(lambda: stub.Solve(small, metadata=good, timeout=30))
    print("solve_good_token=%s %s" % (status, repr(plan.costs.total) if plan else ""))
    status, _ = outcome(lambda: stub.Solve(small, timeout=30))
    print("solve_no_token=%s" % status)
    ch.close()

    other = channel(server, other_ca)
    status, _ = outcome(lambda: health_pb2_grpc.HealthStub(other).Check(
        health_pb2.HealthCheckRequest(), timeout=10))
    print("other_ca=%s" % status)
    other.close()


if __name__ == "__main__":
    main()
