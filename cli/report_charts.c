/* report_charts.h: the gnuplot scripts, with their data inline as datablocks. Ids from the batch
 * become chart labels only after report_label keeps [A-Za-z0-9._-]: nothing from the input can
 * end a datablock or become a gnuplot command. */
#include "report_charts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gnuplot_run.h"

/* Largest SVG read back; gnuplot's charts here are tens of kilobytes. */
#define MAX_SVG_BYTES (16u * 1024u * 1024u)
#define LABEL_MAX 16

static const char *TERMINAL =
    "set terminal svg size 720,380 dynamic noenhanced font 'sans,11' background '#ffffff'\n"
    "set style data histograms\nset style histogram clustered gap 1\n"
    "set style fill solid 0.85 border -1\nset grid ytics\nset key top right\n"
    "set datafile missing '-'\n";

/* id as a safe chart label: [A-Za-z0-9._-] kept, anything else '_', cut to LABEL_MAX. */
static void report_label(const char *id, char *label)
{
    size_t n = 0;
    for (; id && id[n] && n < LABEL_MAX; n++) {
        char c = id[n];
        int safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-';
        label[n] = safe ? c : '_';
    }
    if (n == 0)
        label[n++] = '_';
    label[n] = '\0';
}

static char *costs_script(const Sourcing__Plan *plan)
{
    static const char *terms[] = {"shipping", "handling", "activation", "split", "unfilled"};
    const Sourcing__CostBreakdown *p = plan->costs;
    const Sourcing__CostBreakdown *b = plan->baseline ? plan->baseline->costs : NULL;
    double pv[] = {p->shipping, p->handling, p->activation, p->split, p->unfilled};
    double bv[] = {b ? b->shipping : 0, b ? b->handling : 0, b ? b->activation : 0, b ? b->split : 0,
                   b ? b->unfilled : 0};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    fprintf(f, "%sset title 'Cost terms: plan against the rules baseline'\nset ylabel 'cost'\n"
            "set yrange [0:*]\n$d << EOD\n", TERMINAL);
    for (int i = 0; i < 5; i++)
        fprintf(f, "%s %.17g %.17g\n", terms[i], pv[i], bv[i]);
    fputs("EOD\nplot $d using 2:xtic(1) title 'plan' lc rgb '#2b6cb0'", f);
    fputs(b ? ", $d using 3 title 'rules' lc rgb '#dd6b20'\n" : "\n", f);
    return fclose(f) ? (free(text), NULL) : text;
}

static char *nodes_script(const NodeUse *nodes, size_t n_drawn)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    fprintf(f, "%sset title 'Node utilisation (%% of capacity), most used first'\nset ylabel '%% of capacity'\n"
            "set yrange [0:110<*]\n", TERMINAL);
    if (n_drawn > 6)
        fputs("set xtics rotate by -45\n", f);
    fputs("$d << EOD\n", f);
    for (size_t i = 0; i < n_drawn; i++) {
        char label[LABEL_MAX + 1];
        report_label(nodes[i].id, label);
        fprintf(f, "%s", label);
        fprintf(f, nodes[i].units_ratio < 0 ? " -" : " %.17g", 100 * nodes[i].units_ratio);
        fprintf(f, nodes[i].shipments_ratio < 0 ? " -\n" : " %.17g\n", 100 * nodes[i].shipments_ratio);
    }
    fputs("EOD\nplot $d using 2:xtic(1) title 'units' lc rgb '#2f855a', "
          "$d using 3 title 'shipments' lc rgb '#805ad5'\n", f);
    return fclose(f) ? (free(text), NULL) : text;
}

/* The whole of path, NUL-terminated, bounded by MAX_SVG_BYTES. */
static char *read_svg(const char *path, SrcError *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        src_error_set(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(MAX_SVG_BYTES + 1);
    size_t n = buf ? fread(buf, 1, MAX_SVG_BYTES + 1, f) : 0;
    int bad = !buf || ferror(f) || n > MAX_SVG_BYTES;
    fclose(f);
    if (bad) {
        free(buf);
        src_error_set(err, "%s: unreadable or larger than %u bytes", path, MAX_SVG_BYTES);
        return NULL;
    }
    buf[n] = '\0';
    if (!strstr(buf, "<svg") || !strstr(buf, "</svg>")) {
        free(buf);
        src_error_set(err, "%s: gnuplot wrote no SVG picture", path);
        return NULL;
    }
    return buf;
}

/* Writes DIR/NAME.gp, runs gnuplot into DIR/NAME.svg, reads it back. */
static char *draw(const char *dir, const char *name, const char *script, double timeout, SrcError *err)
{
    if (!script) {
        src_error_set(err, "out of memory for the %s chart", name);
        return NULL;
    }
    char gp[4096], svg[4096], log[4096];
    snprintf(gp, sizeof gp, "%s/%s.gp", dir, name);
    snprintf(svg, sizeof svg, "%s/%s.svg", dir, name);
    snprintf(log, sizeof log, "%s/%s.gp.err", dir, name);
    FILE *f = fopen(gp, "w");
    if (!f || fputs(script, f) == EOF || fclose(f)) {
        src_error_set(err, "%s: cannot write: %s", gp, strerror(errno));
        return NULL;
    }
    if (gnuplot_run(gp, svg, log, timeout, err))
        return NULL;
    remove(log);
    return read_svg(svg, err);
}

int report_charts_draw(ReportCharts *charts, const char *dir, double timeout, const Sourcing__Plan *plan,
                       const NodeUse *nodes, size_t n_nodes, SrcError *err)
{
    memset(charts, 0, sizeof *charts);
    char *script = costs_script(plan);
    charts->costs_svg = draw(dir, "costs", script, timeout, err);
    free(script);
    if (!charts->costs_svg)
        return -1;
    size_t n_drawn = 0;   /* nodes come most used first; those without any capacity come last */
    while (n_drawn < n_nodes && n_drawn < REPORT_CHART_MAX_NODES && node_use_peak(&nodes[n_drawn]) >= 0)
        n_drawn++;
    if (n_drawn == 0)
        return 0;
    script = nodes_script(nodes, n_drawn);
    charts->nodes_svg = draw(dir, "nodes", script, timeout, err);
    free(script);
    if (!charts->nodes_svg) {
        report_charts_free(charts);
        return -1;
    }
    return 0;
}

void report_charts_free(ReportCharts *charts)
{
    free(charts->costs_svg);
    free(charts->nodes_svg);
    memset(charts, 0, sizeof *charts);
}
