#!/usr/bin/python3
"""Draining and cancelling over gRPC with a stock client (tests/t_grpc_python.sh).

    PYTHONPATH=GENERATED grpc_drain.py HOST:PORT METRICS_PORT SERVER_PID BATCH.json SERVER_LOG

Starts a long Solve, waits until a worker runs it (the metrics' busy gauge), sends the server
SIGTERM and asks Health/Check on the same channel until it stops saying SERVING: NOT_SERVING
if the Check reached the server before its GOAWAY, UNAVAILABLE once the channel has the GOAWAY
(no new streams there, the port is closed) while the solve in flight goes on; /healthz says 503.
Then cancels the call (RST_STREAM) and, with the connection still open, waits for the server's
log to say the solve stopped because its client went. Prints key=value.
"""
import os
import signal
import sys
import time
import urllib.error
import urllib.request

import grpc
from google.protobuf import json_format

import health_pb2
import health_pb2_grpc
import service_pb2_grpc
import sourcing_pb2


def busy_workers(metrics_port):
    url = "http://127.0.0.1:%s/metrics" % metrics_port
    with urllib.request.urlopen(url, timeout=30) as r:
        for line in r.read().decode().splitlines():
            if line.startswith("sourcing_workers_busy "):
                return float(line.split()[1])
    return 0


def main():
    server, metrics_port, pid, path, log = sys.argv[1:6]
    with open(path) as f:
        big = json_format.Parse(f.read(), sourcing_pb2.Batch())
    channel = grpc.insecure_channel(server)
    health = health_pb2_grpc.HealthStub(channel)
    call = service_pb2_grpc.SourcingStub(channel).Solve.future(big, timeout=300)
    for _ in range(600):
        if busy_workers(metrics_port) >= 1 or call.done():
            break
        time.sleep(0.1)
    print("running=%s" % (not call.done()))
    os.kill(int(pid), signal.SIGTERM)
    status = "SERVING"
    for _ in range(300):
        try:
            status = health_pb2.HealthCheckResponse.ServingStatus.Name(
                health.Check(health_pb2.HealthCheckRequest(), timeout=30).status)
        except grpc.RpcError as e:
            status = e.code().name
        if status != "SERVING":
            break
        time.sleep(0.1)
    print("draining_health=%s" % status)
    print("draining_call_goes_on=%s" % (not call.done()))
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/healthz" % metrics_port, timeout=30)
        print("draining_healthz=200")
    except urllib.error.HTTPError as e:
        print("draining_healthz=%d" % e.code)
    print("cancelled=%s" % call.cancel())
    seen = False
    for _ in range(600):
        with open(log) as f:
            text = f.read()
        seen = 'method=Solve status=CANCELLED' in text and 'msg="the client disconnected"' in text
        if seen:
            break
        time.sleep(0.1)
    print("stopped_while_connected=%s" % seen)
    channel.close()


if __name__ == "__main__":
    main()
