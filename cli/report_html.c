/* report_html.h: the page, section by section; the tension section is report_tension's. */
#include "report_html.h"

#include "html_out.h"
#include "report_tension.h"

/* Node table rows written at most; the rest are counted in a note. */
#define MAX_NODE_ROWS 1000

static const char *STYLE =
    "body{font-family:sans-serif;margin:2em auto;max-width:980px;color:#1a202c;background:#fff}"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #cbd5e0;padding-bottom:.2em;margin-top:1.6em}"
    "table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid #e2e8f0;padding:.25em .6em;text-align:left}"
    "th{background:#f7fafc}td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".savings{font-size:1.4em;background:#f0fff4;border:1px solid #9ae6b4;padding:.6em 1em;display:inline-block}"
    ".note{color:#4a5568;font-style:italic}.warnings li,.alerts li{color:#9c4221}"
    ".fail{color:#c53030}img{max-width:100%;height:auto;display:block;margin:.6em 0}";

static const Sourcing__CostBreakdown *costs_or_zero(const Sourcing__CostBreakdown *c)
{
    static const Sourcing__CostBreakdown zero = SOURCING__COST_BREAKDOWN__INIT;
    return c ? c : &zero;
}

static const char *status_name(Sourcing__PlanStatus status)
{
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(&sourcing__plan_status__descriptor, status);
    return v ? v->name : "?";
}

static void write_head(FILE *out, const Sourcing__Plan *plan)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
          "img-src data:\">\n<title>Sourcing report: ", out);
    html_text(out, plan->batch_name);
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", STYLE);
}

static void write_title(FILE *out, const Sourcing__Plan *plan)
{
    fputs("<h1>Sourcing report</h1>\n<p>Batch <strong data-field=\"batch_name\">", out);
    html_text(out, plan->batch_name);
    fprintf(out, "</strong>: status <strong data-field=\"status\">%s</strong>, method <span data-field=\"method\">",
            status_name(plan->status));
    html_text(out, plan->method);
    fputs("</span>.</p>\n", out);
    if (plan->message && plan->message[0]) {
        fputs("<p data-field=\"message\">", out);
        html_text(out, plan->message);
        fputs("</p>\n", out);
    }
}

static void write_savings(FILE *out, const Sourcing__Plan *plan)
{
    fputs("<h2>Savings against the rules</h2>\n", out);
    if (!plan->baseline || !plan->baseline->costs) {
        fputs("<p class=\"note\" data-field=\"baseline.absent\">no rules baseline in this plan (see the warnings)"
              "</p>\n", out);
        return;
    }
    fprintf(out, "<p class=\"savings\">The plan saves <strong data-field=\"savings\" data-value=\"%.17g\">%.2f"
            "</strong> (<span data-field=\"savings_ratio\" data-value=\"%.17g\">%.2f%%</span>) over what the OMS's "
            "sourcing rules would have cost: <span data-field=\"baseline.costs.total\" data-value=\"%.17g\">%.2f</span>."
            "</p>\n", plan->savings, plan->savings, plan->savings_ratio, 100 * plan->savings_ratio,
            plan->baseline->costs->total, plan->baseline->costs->total);
}

/* One row of the cost table: the plan's term, the rules', the difference. */
static void cost_row(FILE *out, const char *term, const char *label, double p, const double *b)
{
    char field[64];
    fprintf(out, "<tr><th>%s</th>", label);
    snprintf(field, sizeof field, "costs.%s", term);
    html_td_number(out, field, p, 2);
    if (b) {
        snprintf(field, sizeof field, "baseline.costs.%s", term);
        html_td_number(out, field, *b, 2);
        snprintf(field, sizeof field, "difference.%s", term);
        html_td_number(out, field, *b - p, 2);
    }
    fputs("</tr>\n", out);
}

static void write_costs(FILE *out, const Sourcing__Plan *plan)
{
    const Sourcing__CostBreakdown *p = costs_or_zero(plan->costs);
    const Sourcing__CostBreakdown *b = plan->baseline ? plan->baseline->costs : NULL;
    fputs("<h2>Cost terms</h2>\n<table data-table=\"costs\"><tr><th>term</th><th>plan</th>", out);
    fputs(b ? "<th>rules</th><th>rules − plan</th></tr>\n" : "</tr>\n", out);
    cost_row(out, "shipping", "1. shipping", p->shipping, b ? &b->shipping : NULL);
    cost_row(out, "lateness", "&nbsp;&nbsp;of which lateness", p->lateness, b ? &b->lateness : NULL);
    cost_row(out, "handling", "2. handling", p->handling, b ? &b->handling : NULL);
    cost_row(out, "activation", "3. activation", p->activation, b ? &b->activation : NULL);
    cost_row(out, "split", "4. split", p->split, b ? &b->split : NULL);
    cost_row(out, "unfilled", "5. unfilled", p->unfilled, b ? &b->unfilled : NULL);
    cost_row(out, "total", "total", p->total, b ? &b->total : NULL);
    fputs("</table>\n", out);
}

/* A count of the plan and of the rules (when there is a baseline). */
static void figure_row(FILE *out, const char *field, const char *label, int64_t p, const int64_t *b)
{
    char f[64];
    fprintf(out, "<tr><th>%s</th>", label);
    html_td_count(out, field, p);
    if (b) {
        snprintf(f, sizeof f, "baseline.%s", field);
        html_td_count(out, f, *b);
    }
    fputs("</tr>\n", out);
}

static void write_summary(FILE *out, const Sourcing__Plan *plan)
{
    const Sourcing__Baseline *b = plan->baseline && plan->baseline->costs ? plan->baseline : NULL;
    fputs("<h2>Summary</h2>\n<table data-table=\"summary\"><tr><th></th><th>plan</th>", out);
    fputs(b ? "<th>rules</th></tr>\n" : "</tr>\n", out);
    fputs("<tr><th>total cost</th>", out);
    html_td_number(out, "costs.total", costs_or_zero(plan->costs)->total, 2);
    if (b)
        html_td_number(out, "baseline.costs.total", b->costs->total, 2);
    fputs("</tr>\n", out);
    figure_row(out, "shipments", "shipments", plan->shipments, b ? &b->shipments : NULL);
    figure_row(out, "split_orders", "split orders", plan->split_orders, b ? &b->split_orders : NULL);
    figure_row(out, "unfilled_units", "unfilled units", plan->unfilled_units, b ? &b->unfilled_units : NULL);
    figure_row(out, "late_shipments", "late shipments", plan->late_shipments, b ? &b->late_shipments : NULL);
    fputs("</table>\n", out);
    if (!plan->has_best_bound) {
        fputs("<p class=\"note\" data-field=\"best_bound.absent\">no lower bound: only heuristics ran</p>\n", out);
        return;
    }
    fputs("<table data-table=\"bound\"><tr><th>best bound</th>", out);
    html_td_number(out, "best_bound", plan->best_bound, 2);
    fputs("<th>gap</th>", out);
    html_td_percent(out, "gap", plan->gap);
    fputs("<th>bound from</th>", out);
    html_td_text(out, "bound_method", plan->bound_method);
    fputs("</tr></table>\n", out);
}

static void write_charts(FILE *out, const ReportCharts *charts)
{
    fputs("<h2>Charts</h2>\n", out);
    html_svg_img(out, "costs", charts->costs_svg, "bar chart: the plan's cost terms against the rules baseline's");
    fputc('\n', out);
    if (charts->nodes_svg)
        html_svg_img(out, "nodes", charts->nodes_svg,
                     "bar chart: units and shipments of the most used nodes as a percentage of their capacity");
    else
        fputs("<p class=\"note\" data-field=\"nodes.chart.absent\">no node has a max_units or max_shipments "
              "capacity: no utilisation to draw</p>", out);
    fputc('\n', out);
}

static void node_row(FILE *out, const NodeUse *u)
{
    fputs("<tr>", out);
    html_td_text(out, "nodes.id", u->id);
    html_td_count(out, "nodes.units", u->units);
    if (u->max_units > 0)
        html_td_count(out, "nodes.max_units", u->max_units);
    else
        html_td_text(out, "nodes.max_units", "unlimited");
    html_td_percent(out, "nodes.units_ratio", u->units_ratio);
    html_td_count(out, "nodes.shipments", u->shipments);
    if (u->max_shipments > 0)
        html_td_count(out, "nodes.max_shipments", u->max_shipments);
    else
        html_td_text(out, "nodes.max_shipments", "unlimited");
    html_td_percent(out, "nodes.shipments_ratio", u->shipments_ratio);
    fputs("</tr>\n", out);
}

static void write_nodes(FILE *out, const NodeUse *nodes, size_t n)
{
    fputs("<h2>Node utilisation</h2>\n<p>Units and shipments each node sends in the plan, against its capacity "
          "for the batch; most used first.</p>\n<table data-table=\"nodes\"><tr><th>node</th><th>units</th>"
          "<th>max units</th><th>units used</th><th>shipments</th><th>max shipments</th>"
          "<th>shipments used</th></tr>\n", out);
    for (size_t i = 0; i < n && i < MAX_NODE_ROWS; i++)
        node_row(out, &nodes[i]);
    fputs("</table>\n", out);
    if (n > MAX_NODE_ROWS)
        fprintf(out, "<p class=\"note\">%zu less used nodes not shown</p>\n", n - MAX_NODE_ROWS);
}

static void write_warnings(FILE *out, const Sourcing__Plan *plan)
{
    fputs("<h2>Warnings</h2>\n", out);
    if (plan->n_warnings == 0) {
        fputs("<p class=\"note\" data-field=\"warnings.none\">none</p>\n", out);
        return;
    }
    fputs("<ul class=\"warnings\">\n", out);
    for (size_t i = 0; i < plan->n_warnings; i++) {
        fputs("<li data-field=\"warnings\">", out);
        html_text(out, plan->warnings[i]);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void write_footer(FILE *out, const Sourcing__Plan *plan)
{
    fputs("<p class=\"note\">Made by <code>sourcing report</code> from a plan that <code>sourcing check</code> "
          "accepted", out);
    if (plan->statistics && plan->statistics->version) {
        fputs("; the plan was made by sourcing ", out);
        html_text(out, plan->statistics->version);
        fputs(" with GLPK ", out);
        html_text(out, plan->statistics->glpk_version);
    }
    fputs(".</p>\n</body>\n</html>\n", out);
}

void report_html_write(FILE *out, const ReportPage *page)
{
    const Sourcing__Plan *plan = page->in->plan;
    write_head(out, plan);
    write_title(out, plan);
    write_summary(out, plan);
    write_savings(out, plan);
    write_costs(out, plan);
    write_charts(out, page->charts);
    write_nodes(out, page->nodes, page->in->batch->n_nodes);
    report_tension_write(out, page->in->tension);
    write_warnings(out, plan);
    write_footer(out, plan);
}
