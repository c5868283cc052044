#!/bin/bash
# `sourcing report`: the page is rendered by a real browser (headless Chromium) and read back from
# the rendered DOM: every marked number equals the plan's, node utilisation equals what the plan's
# shipments add up to, both charts are inline SVG data: images, nothing is fetched from outside,
# a screenshot is a PNG. Also: hostile strings in the batch stay text, a plan that fails the check
# gets no report, the tension section from a hand-written plan (tests/data/report/tension_plan.json:
# unfilled_forced's plan plus a tension object), gnuplot missing, failing or hanging (stopped by
# --chart-timeout), and usage errors. Chromium missing is a failure.
# Chromium may start slowly on a loaded machine: timeouts only guard against hangs.
cd "$(dirname "$0")/.."
. tests/lib.sh
B=instances/orlib/cap41.json
T=tests/data/report

CHROMIUM=${CHROMIUM:-chromium}
if ! command -v "$CHROMIUM" >/dev/null; then
    fail chromium_installed "$CHROMIUM not found: install the Debian package chromium (scripts/install-deps.sh does)"
    exit 1
fi
ok chromium_installed

# browser ARGS... URL: headless Chromium with a fresh profile; its chatter goes to $TMP/chromium.err
browser() {
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$TMP")" "$@" 2>>"$TMP/chromium.err"
}

# report NAME RC ARGS...: runs sourcing report, expects exit code RC (output in $TMP/NAME.out/.err);
# REPORT_PATH, when set, is its PATH
report() {
    local name=$1 rc=$2; shift 2
    if [ -n "${REPORT_PATH:-}" ]; then PATH=$REPORT_PATH "$SOURCING" report "$@"; else "$SOURCING" report "$@"
    fi >"$TMP/$name.out" 2>"$TMP/$name.err"
    local got=$?
    if [ "$got" -eq "$rc" ]; then ok "$name"; else
        fail "$name" "exit $got, expected $rc; stderr: $(head -c 400 "$TMP/$name.err")"; fi
}

# err_says NAME TEXT: the last report's stderr contains TEXT
err_says() {
    if grep -qF -- "$2" "$TMP/$1.err"; then ok "$1_message"; else
        fail "$1_message" "stderr lacks '$2': $(head -c 400 "$TMP/$1.err")"; fi
}

# edit IN OUT PYTHON: OUT is the JSON of IN after PYTHON ran on it as `d` (no jq on a fresh Debian)
edit() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); exec(sys.argv[3]); json.dump(d, open(sys.argv[2], "w"))' "$@"
}

# the canonical instance, solved, reported, rendered
"$SOURCING" solve "$B" --plan "$TMP/plan.json" --quiet >/dev/null
total=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["costs"]["total"])' "$TMP/plan.json")
check solved_optimum [ "$total" = "$(awk '$1 == "orlib/cap41.json" {print $2}' instances/manifest.tsv)" ]
report report_written 0 "$B" "$TMP/plan.json" --out "$TMP/r"
check report_says_where grep -qF "report written to $TMP/r/index.html" "$TMP/report_written.out"
check report_keeps_charts test -s "$TMP/r/costs.svg" -a -s "$TMP/r/nodes.svg" -a -s "$TMP/r/nodes.gp"
browser --dump-dom "file://$(realpath "$TMP/r/index.html")" >"$TMP/dom.html"
check dom_dumped grep -q 'data-field="costs.total"' "$TMP/dom.html"
python3 tests/report_dom.py numbers "$TMP/dom.html" "$TMP/plan.json" "$B"
python3 tests/report_dom.py charts "$TMP/dom.html"
check file_has_no_http [ -z "$(grep -E 'https?:' "$TMP/r/index.html")" ]
python3 tests/report_dom.py tension "$TMP/dom.html" "$TMP/plan.json"   # the solver's tension report
browser --window-size=1000,1400 --screenshot="$TMP/shot.png" "file://$(realpath "$TMP/r/index.html")" >/dev/null
python3 tests/report_dom.py png "$TMP/shot.png"

# a binary plan: the same numbers and the same tension (Plan field 22)
"$SOURCING" solve "$B" --plan "$TMP/plan.pb" --quiet >/dev/null
report pb_plan_written 0 "$B" "$TMP/plan.pb" --out "$TMP/pb"
check pb_plan_numbers grep -qF "data-field=\"costs.total\" data-value=\"$total\"" "$TMP/pb/index.html"
check pb_plan_tension grep -qF 'data-field="tension.alerts"' "$TMP/pb/index.html"
# a plan without tension (made before the tension report existed): a note says so
edit "$TMP/plan.json" "$TMP/plan_no_tension.json" "d.pop('tension', None)"
report no_tension_written 0 "$B" "$TMP/plan_no_tension.json" --out "$TMP/nt"
check no_tension_note grep -qF 'no tension data in this plan' "$TMP/nt/index.html"

# a second report into the same folder replaces the page
report report_rewritten 0 "$B" "$TMP/plan.json" --out "$TMP/r"
check no_temporary_files_left [ -z "$(ls "$TMP/r" | grep tmp)" ]

# hostile strings: a batch name with a script, a node id that tries to close its attribute
evil_node='w1"><img src=x onerror=alert(2)>'
edit "$B" "$TMP/evil.json" "
d['name'] = '<script>alert(1)</script> & \"cap41\"'
for x in d['nodes']: x['id'] = '$evil_node' if x['id'] == 'w1' else x['id']
for x in d['lanes']: x['node_id'] = '$evil_node' if x['node_id'] == 'w1' else x['node_id']"
"$SOURCING" solve "$TMP/evil.json" --plan "$TMP/evil.plan.json" --quiet >/dev/null
report hostile_report_written 0 "$TMP/evil.json" "$TMP/evil.plan.json" --out "$TMP/evil"
check hostile_escaped_in_file grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;cap41&quot;' "$TMP/evil/index.html"
check hostile_id_not_in_chart_script [ -z "$(grep -F 'onerror' "$TMP/evil/nodes.gp")" ]
check hostile_id_charted_as_safe_label grep -q '^w1___img_src_x_o ' "$TMP/evil/nodes.gp"
browser --dump-dom "file://$(realpath "$TMP/evil/index.html")" >"$TMP/evil.dom.html"
python3 tests/report_dom.py hostile "$TMP/evil.dom.html" "$TMP/evil.plan.json" "$TMP/evil.json"

# a plan that fails the check: exit 1, the checker's violation, no page
edit "$TMP/plan.json" "$TMP/wrong.json" "d['costs']['total'] = 1"
report failed_check_refused 1 "$B" "$TMP/wrong.json" --out "$TMP/wrong"
err_says failed_check_refused 'costs.total: plan says 1, recomputed 1040444.375'
check failed_check_no_page [ ! -e "$TMP/wrong/index.html" ]

# the tension section, from the hand-written plan
report tension_report_written 0 instances/handmade/unfilled_forced.json "$T/tension_plan.json" --out "$TMP/t"
browser --dump-dom "file://$(realpath "$TMP/t/index.html")" >"$TMP/t.dom.html"
python3 tests/report_dom.py tension "$TMP/t.dom.html" "$T/tension_plan.json"
check tension_no_capacity_note grep -qF 'no node has a max_units or max_shipments' "$TMP/t.dom.html"
edit "$T/tension_plan.json" "$TMP/bad_tension.json" "d['tension']['resources'][0]['used'] = 'three'"
report bad_tension_refused 2 instances/handmade/unfilled_forced.json "$TMP/bad_tension.json" --out "$TMP/bt"
err_says bad_tension_refused 'tension.resources[0].used: expected a number'
edit "$T/tension_plan.json" "$TMP/null_tension.json" "d['tension'] = None"
report null_tension_written 0 instances/handmade/unfilled_forced.json "$TMP/null_tension.json" --out "$TMP/nt"
check null_tension_is_none grep -qF 'no tension data in this plan' "$TMP/nt/index.html"
edit "$T/tension_plan.json" "$TMP/markup_alert.json" "d['tension']['alerts'] = ['<b>bold</b> & co']"
report markup_alert_written 0 instances/handmade/unfilled_forced.json "$TMP/markup_alert.json" --out "$TMP/ma"
check markup_alert_escaped grep -qF '<li data-field="tension.alerts">&lt;b&gt;bold&lt;/b&gt; &amp; co</li>' "$TMP/ma/index.html"

# usage and environment
report missing_out 2 "$B" "$TMP/plan.json"
err_says missing_out '--out DIR is required'
report one_file_only 2 "$B" --out "$TMP/x"
touch "$TMP/a_file"
report out_is_a_file 2 "$B" "$TMP/plan.json" --out "$TMP/a_file"
err_says out_is_a_file 'exists and is not a folder'
report out_parent_missing 2 "$B" "$TMP/plan.json" --out "$TMP/no/such"
report missing_plan 2 "$B" "$TMP/nonexistent.json" --out "$TMP/m"
err_says missing_plan "$TMP/nonexistent.json"
REPORT_PATH=/nonexistent report no_gnuplot 1 "$B" "$TMP/plan.json" --out "$TMP/ng"
err_says no_gnuplot 'gnuplot-nox'
check no_gnuplot_no_page [ ! -e "$TMP/ng/index.html" ]
mkdir -p "$TMP/fake"
printf '#!/bin/sh\necho "line 3: no such terminal" >&2\nexit 1\n' >"$TMP/fake/gnuplot"
chmod +x "$TMP/fake/gnuplot"
REPORT_PATH="$TMP/fake:$PATH" report gnuplot_fails 1 "$B" "$TMP/plan.json" --out "$TMP/gf"
err_says gnuplot_fails 'gnuplot failed (exit 1)'
err_says gnuplot_fails 'line 3: no such terminal'
printf '#!/bin/sh\nexit 0\n' >"$TMP/fake/gnuplot"
REPORT_PATH="$TMP/fake:$PATH" report gnuplot_draws_nothing 1 "$B" "$TMP/plan.json" --out "$TMP/gn"
err_says gnuplot_draws_nothing 'gnuplot wrote no SVG picture'
# a gnuplot that never ends is stopped after --chart-timeout (and reaped: its pid is gone)
printf '#!/bin/sh\necho $$ >"%s"\nexec sleep 600\n' "$TMP/fake.pid" >"$TMP/fake/gnuplot"
REPORT_PATH="$TMP/fake:$PATH" report gnuplot_stopped 1 "$B" "$TMP/plan.json" --out "$TMP/gs" --chart-timeout 1
err_says gnuplot_stopped 'did not finish'
if [ -s "$TMP/fake.pid" ] && ! kill -0 "$(cat "$TMP/fake.pid")" 2>/dev/null; then ok gnuplot_stopped_reaped; else
    fail gnuplot_stopped_reaped "the fake gnuplot $(cat "$TMP/fake.pid" 2>/dev/null) is still there"
    kill "$(cat "$TMP/fake.pid")" 2>/dev/null; fi
report chart_timeout_zero_refused 2 "$B" "$TMP/plan.json" --out "$TMP/gz" --chart-timeout 0
check gnuplot_fails_no_page test ! -e "$TMP/gf/index.html" -a ! -e "$TMP/gn/index.html" -a ! -e "$TMP/gs/index.html"
report help 0 --help
check help_usage grep -q '^usage: sourcing report BATCH PLAN --out DIR' "$TMP/help.out"
