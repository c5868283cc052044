"""Reads a plan's two CSV files back and sums them to the plan's own figures (tests/t_csv_cli.sh).

usage: sum_check.py BATCH.json PLAN.json LINES.csv SHIPMENTS.csv
Prints one "ok - NAME" or "not ok - NAME" line per check."""
import csv
import json
import math
import sys

batch_path, plan_path, lines_path, shipments_path, label = sys.argv[1:6]
batch = json.load(open(batch_path))
plan = json.load(open(plan_path))
lines = list(csv.DictReader(open(lines_path, newline="")))
shipments = list(csv.DictReader(open(shipments_path, newline="")))
costs = plan["costs"]


def report(name, good, why=""):
    print(("ok - " if good else "not ok - ") + label + "_" + name)
    if not good:
        print("#   " + why)


def column_sum(rows, column):
    return math.fsum(float(r[column]) for r in rows if r[column] != "")


def same(name, got, want):
    report(name, math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-6), f"CSV sums to {got!r}, plan says {want!r}")


same("handling", column_sum(lines, "handling_cost"), costs.get("handling", 0))
same("unfilled", column_sum(lines, "unfilled_cost"), costs.get("unfilled", 0))
same("shipping", column_sum(shipments, "shipping_cost"), costs.get("shipping", 0))
same("lateness", column_sum(shipments, "of_which_late_cost"), costs.get("lateness", 0))
same("split", column_sum(shipments, "split_cost"), costs.get("split", 0))
same("activation", column_sum(shipments, "activation_cost"), costs.get("activation", 0))
total = (column_sum(lines, "handling_cost") + column_sum(lines, "unfilled_cost") + column_sum(shipments, "shipping_cost")
         + column_sum(shipments, "split_cost") + column_sum(shipments, "activation_cost"))
same("total", total, costs["total"])

report("shipment_rows", len(shipments) == int(plan.get("shipments", 0)),
       f"{len(shipments)} rows, plan has {plan.get('shipments')} shipments")
unfilled = sum(int(r["units"]) for r in lines if r["outcome"] == "unfilled")
report("unfilled_units", unfilled == int(plan.get("unfilled_units", 0)), f"{unfilled} vs {plan.get('unfilled_units')}")
# every unit of every order line is either shipped or unfilled, and appears once
demand = sum(int(l.get("quantity", 0)) for o in batch.get("orders", []) for l in o.get("lines", []))
accounted = sum(int(r["units"]) for r in lines)
report("every_unit_once", accounted == demand, f"{accounted} units in the CSV, the batch orders {demand}")
# the lines of a shipment add up to its row in the shipments file
per_shipment = {}
for r in lines:
    if r["outcome"] == "shipped":
        key = (r["order_id"], r["shipment"])
        per_shipment[key] = per_shipment.get(key, 0) + int(r["units"])
odd = [r for r in lines if r["outcome"] == "unfilled" and (r["node_id"] != "" or float(r["handling_cost"]) != 0)]
report("unfilled_rows_have_no_node", not odd, str(odd[:1]))
want = {(r["order_id"], r["shipment"]): int(r["units"]) for r in shipments}
report("lines_match_shipments", per_shipment == want, "lines and shipments files disagree on units per shipment")
weight = math.fsum(float(r["weight_kg"]) for r in lines if r["outcome"] == "shipped")
same("weight", weight, column_sum(shipments, "weight_kg"))
