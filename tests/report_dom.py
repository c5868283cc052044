#!/usr/bin/env python3
"""Reads a report page back, as headless Chromium rendered it (--dump-dom), for tests/t_report.sh.

  report_dom.py numbers DOM PLAN BATCH   every marked number equals the plan's (or, for node
                                         utilisation, what the plan's shipments add up to)
  report_dom.py charts DOM               both charts are inline SVG data: images; no script, no
                                         external reference of any kind
  report_dom.py tension DOM PLAN         the tension section shows the plan's tension object
  report_dom.py hostile DOM PLAN         the batch's hostile strings are text, not markup
  report_dom.py png FILE                 FILE is a PNG image of a non-trivial size

Each check prints "ok - NAME" or "not ok - NAME" and a "#   why" line.
"""
import json
import sys
import urllib.parse
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Every element's tag and attributes; every data-field's value and text, in page order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []      # (tag, attrs dict)
        self.fields = []        # (field, data-value or None, text)
        self.title = ""
        self._open = []         # [field, value, text parts, tag, depth]
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        for f in self._open:
            if f[3] == tag:
                f[4] += 1
        if "data-field" in a and tag not in VOID:
            self._open.append([a["data-field"], a.get("data-value"), [], tag, 1])
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False
        for f in list(self._open):
            if f[3] == tag:
                f[4] -= 1
                if f[4] == 0:
                    self._open.remove(f)
                    self.fields.append((f[0], f[1], "".join(f[2])))

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for f in self._open:
            f[2].append(data)

    def values(self, field):
        return [(v, t) for (name, v, t) in self.fields if name == field]


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def report(name, why):
    """why is None when the check passed."""
    if why is None:
        print(f"ok - {name}")
    else:
        print(f"not ok - {name}")
        print(f"#   {why}")


def same_number(page, field, want, text):
    """Every cell marked field shows want: exactly in data-value, as text (a format of want)."""
    got = page.values(field)
    if not got:
        return f"{field}: not on the page"
    for value, shown in got:
        if value is None or float(value) != float(want):
            return f"{field}: data-value {value!r}, the plan says {want!r}"
        if shown.strip() != text:
            return f"{field}: shows {shown.strip()!r}, expected {text!r}"
    return None


def money(v):
    return f"{v:.2f}"


def check_numbers(dom, plan_path, batch_path):
    page = parse(dom)
    plan = json.load(open(plan_path))
    batch = json.load(open(batch_path))
    terms = ["total", "shipping", "lateness", "handling", "activation", "split", "unfilled"]
    for t in terms:
        report(f"costs_{t}", same_number(page, f"costs.{t}", plan["costs"][t], money(plan["costs"][t])))
        b = plan["baseline"]["costs"][t]
        report(f"baseline_costs_{t}", same_number(page, f"baseline.costs.{t}", b, money(b)))
    report("savings", same_number(page, "savings", plan["savings"], money(plan["savings"])))
    r = plan["savings_ratio"]
    report("savings_ratio", same_number(page, "savings_ratio", r, f"{100 * r:.2f}%"))
    report("savings_positive", None if plan["savings"] > 0 else f"savings {plan['savings']}: the instance shows none")
    for k in ["shipments", "split_orders", "unfilled_units", "late_shipments"]:
        report(f"figure_{k}", same_number(page, k, plan[k], str(plan[k])))
        report(f"baseline_{k}", same_number(page, f"baseline.{k}", plan["baseline"][k], str(plan["baseline"][k])))
    report("best_bound", same_number(page, "best_bound", plan["best_bound"], money(plan["best_bound"])))
    status = page.values("status")
    report("status", None if [t for _, t in status] == [plan["status"]] else f"status shown: {status}")
    check_nodes(page, plan, batch)


def check_nodes(page, plan, batch):
    """The utilisation table against the plan's shipments added up here, node by node."""
    used = {n["id"]: [0, 0] for n in batch["nodes"]}
    for order in plan["orders"]:
        for s in order.get("shipments", []):
            used[s["node_id"]][1] += 1
            used[s["node_id"]][0] += sum(line["units"] for line in s["lines"])
    ids = [t for _, t in page.values("nodes.id")]
    units = [int(v) for v, _ in page.values("nodes.units")]
    ships = [int(v) for v, _ in page.values("nodes.shipments")]
    report("nodes_all_listed", None if sorted(ids) == sorted(used) else f"listed {ids}")
    got = {i: [u, s] for i, u, s in zip(ids, units, ships)}
    report("nodes_units_and_shipments", None if got == used else f"page {got}, plan {used}")
    caps = {n["id"]: n.get("max_units", 0) for n in batch["nodes"]}
    ratios = [float(v) for v, _ in page.values("nodes.units_ratio") if v]
    want = [used[i][0] / caps[i] for i in ids if caps[i] > 0]
    report("nodes_units_ratio", None if ratios == want else f"page {ratios}, expected {want}")
    report("nodes_most_used_first", None if ratios == sorted(ratios, reverse=True) else f"order {ratios}")
    report("nodes_a_full_node", None if ratios and ratios[0] == 1.0 else f"no node at capacity: {ratios}")


def chart_svg(page, name):
    imgs = [a for t, a in page.elements if t == "img" and a.get("data-chart") == name]
    if len(imgs) != 1:
        return None, f"{len(imgs)} img elements with data-chart={name}"
    src = imgs[0].get("src", "")
    prefix = "data:image/svg+xml,"
    if not src.startswith(prefix):
        return None, f"{name} chart src starts {src[:40]!r}"
    svg = urllib.parse.unquote(src[len(prefix):])
    if "<svg" not in svg or "</svg>" not in svg or "<rect" not in svg and "<path" not in svg:
        return None, f"{name} chart is not a drawn SVG: {svg[:120]!r}"
    return svg, None


def check_charts(dom):
    page = parse(dom)
    svg, why = chart_svg(page, "costs")
    report("chart_costs_inline_svg", why)
    if svg:
        missing = [w for w in ["plan", "rules", "shipping", "activation", "unfilled"] if w not in svg]
        report("chart_costs_labels", None if not missing else f"missing {missing}")
    svg, why = chart_svg(page, "nodes")
    report("chart_nodes_inline_svg", why)
    if svg:
        first = [t for _, t in page.values("nodes.id")][0]
        report("chart_nodes_labels", None if ("units" in svg and first in svg) else f"no 'units' or {first}")
    bad = [t for t, _ in page.elements if t in ("script", "link", "iframe", "object", "embed", "frame", "base")]
    report("no_script_or_linked_resource", None if not bad else f"elements {bad}")
    refs = [(t, k, v[:60]) for t, a in page.elements for k, v in a.items()
            if k in ("src", "href", "srcset", "action", "poster", "data", "background")
            and not (v or "").startswith(("data:", "#"))]
    report("no_external_reference", None if not refs else f"references {refs}")
    text = open(dom, encoding="utf-8").read()
    report("no_http_anywhere", None if "http:" not in text and "https:" not in text
           else "the page names an http(s) address")
    csp = [a.get("content", "") for t, a in page.elements
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    report("csp_forbids_fetches", None if csp and "default-src 'none'" in csp[0] else f"CSP {csp}")


def check_tension(dom, plan_path):
    page = parse(dom)
    tension = json.load(open(plan_path))["tension"]
    res = tension.get("resources", [])   # the plan's JSON leaves out what is empty
    for key in ["kind", "node", "sku", "price_source"]:
        got = [t for _, t in page.values(f"tension.resources.{key}")]
        report(f"tension_resources_{key}", None if got == [r.get(key, "") for r in res] else f"page {got}")
    for key in ["used", "capacity", "utilisation", "shadow_price"]:
        got = [float(v) for v, _ in page.values(f"tension.resources.{key}")]
        report(f"tension_resources_{key}", None if got == [float(r[key]) for r in res] else f"page {got}")
    un = tension.get("unfilled", [])
    got = [(t, float(u), c) for (_, t), (u, _), (_, c) in zip(page.values("tension.unfilled.sku"),
                                                            page.values("tension.unfilled.units"),
                                                            page.values("tension.unfilled.cause"))]
    want = [(u["sku"], float(u["units"]), u["cause"]) for u in un]
    report("tension_unfilled", None if got == want else f"page {got}, plan {want}")
    alerts = [t for _, t in page.values("tension.alerts")]
    report("tension_alerts", None if alerts == tension.get("alerts", []) else f"page {alerts}")
    method = [t for _, t in page.values("tension.price_method")]
    report("tension_price_method", None if method == [tension["price_method"]] else f"page {method}")
    report("tension_no_absent_note", None if not page.values("tension.absent") else "says there is no tension")


def check_hostile(dom, plan_path, batch_path):
    page = parse(dom)
    plan = json.load(open(plan_path))
    batch = json.load(open(batch_path))
    name = plan["batch_name"]
    scripts = [t for t, _ in page.elements if t == "script"]
    report("hostile_no_script_element", None if not scripts else f"{len(scripts)} script elements")
    imgs = [a for t, a in page.elements if t == "img"]
    report("hostile_only_chart_images", None if all("data-chart" in a for a in imgs) else f"images {imgs}")
    shown = [t for _, t in page.values("batch_name")]
    report("hostile_name_shown_as_text", None if shown == [name] else f"shown {shown}, name {name!r}")
    report("hostile_name_in_title", None if page.title == f"Sourcing report: {name}" else f"title {page.title!r}")
    evil = [n["id"] for n in batch["nodes"] if "<" in n["id"]]
    ids = [t for _, t in page.values("nodes.id")]
    report("hostile_node_id_shown_as_text", None if evil and evil[0] in ids else f"ids {ids}")


def check_png(path):
    data = open(path, "rb").read()
    ok = data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    report("screenshot_png", None if ok and width > 0 and height > 0 else f"{len(data)} bytes, {width}x{height}")


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    {"numbers": check_numbers, "charts": check_charts, "tension": check_tension, "hostile": check_hostile,
     "png": check_png}[mode](*args)
