"""Protobuf's own JSON printer and parser (python3-protobuf's json_format) against our files.

usage: json_format.py to-camel BATCH.json OUT.json [--enum-numbers]
           reads BATCH.json (proto names) and writes it as json_format prints by default:
           lowerCamelCase keys, int64 as strings; enum numbers with --enum-numbers
       json_format.py read-plan PLAN.json
           parses a plan we wrote with json_format.Parse and prints its total cost
Needs the classes `protoc --python_out` generates from proto/sourcing.proto on PYTHONPATH."""
import sys

from google.protobuf import json_format

import sourcing_pb2


def to_camel(src, out, enum_numbers):
    batch = json_format.Parse(open(src).read(), sourcing_pb2.Batch())
    text = json_format.MessageToJson(batch, use_integers_for_enums=enum_numbers)
    open(out, "w").write(text)


def read_plan(path):
    plan = json_format.Parse(open(path).read(), sourcing_pb2.Plan())
    print(repr(plan.costs.total))


if sys.argv[1] == "to-camel":
    to_camel(sys.argv[2], sys.argv[3], "--enum-numbers" in sys.argv[4:])
elif sys.argv[1] == "read-plan":
    read_plan(sys.argv[2])
else:
    sys.exit(__doc__)
