/* `sourcing report BATCH PLAN --out DIR`: a self-contained HTML page about a plan, for people who
 * would rather look than read a summary: costs against the rules baseline, savings, charts
 * (gnuplot), node utilisation, tension, warnings. The plan is checked against the batch first; a
 * plan that fails the check gets no report (exit 1, the checker's violations on stderr), since
 * its numbers would be wrong. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "gnuplot_run.h"
#include "checker.h"
#include "commands.h"
#include "out_file.h"
#include "report_charts.h"
#include "report_html.h"
#include "report_input.h"
#include "report_nodes.h"

/* Longest DIR accepted: its files' paths must fit the buffers that name them. */
#define MAX_DIR_LEN 3000
#define MAX_CHART_TIMEOUT 3600.0

typedef struct ReportArgs {
    const char *batch, *plan, *dir;
    double chart_timeout;
} ReportArgs;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: sourcing report BATCH PLAN --out DIR [--chart-timeout SEC]\n"
            "  Writes DIR/index.html, one self-contained page (no external files, no scripts) about the\n"
            "  plan: status, the summary, the savings over the rules baseline, the five cost terms against\n"
            "  the baseline's, charts drawn by gnuplot (cost terms; node utilisation), each node's units and\n"
            "  shipments against its capacity, the plan's tension (when it has one) and its warnings.\n"
            "  The charts' scripts and pictures are left beside it (costs.gp, costs.svg, nodes.gp, nodes.svg).\n"
            "  BATCH  the problem file; PLAN  the plan (JSON as written by sourcing solve --plan, or .pb)\n"
            "  --out DIR  the folder to write; created if missing (its parent must exist)\n"
            "  --chart-timeout SEC  gnuplot is stopped after SEC seconds a chart, 0.1 to %.0f (default %.0f)\n"
            "The plan is checked against the batch first (sourcing check): a plan that fails gets no report.\n"
            "exit: 0 written; 1 the plan fails the check, gnuplot failed, or a file could not be written;\n"
            "2 bad usage, unreadable files or an invalid batch\n", MAX_CHART_TIMEOUT, GNUPLOT_TIMEOUT_SECONDS);
}

/* ARGS_CONTINUE, or the exit code. */
static int parse_args(int argc, char **argv, ReportArgs *args)
{
    static const struct option options[] = {
        {"out", required_argument, 0, 'o'}, {"chart-timeout", required_argument, 0, 't'}, {0, 0, 0, 0}};
    Args a;
    args->chart_timeout = GNUPLOT_TIMEOUT_SECONDS;
    args_start(&a, "sourcing report", usage, options, "o:", argc, argv);
    int flag;
    while ((flag = args_next(&a)) > 0) {
        if (flag == 'o')
            args->dir = a.value;
        else
            args_double(&a, 0.1, MAX_CHART_TIMEOUT, &args->chart_timeout);
    }
    if (args_positionals(&a, 2, 2) < 0)
        return a.exit_code;
    args->batch = a.positionals[0];
    args->plan = a.positionals[1];
    const char *dir = args->dir;
    if (!dir) {
        fprintf(stderr, "sourcing report: --out DIR is required (the folder for index.html)\n");
        usage(stderr);
        return 2;
    }
    if (!*dir || strlen(dir) > MAX_DIR_LEN) {
        fprintf(stderr, "sourcing report: --out: give a folder name of 1 to %d characters\n", MAX_DIR_LEN);
        return 2;
    }
    return ARGS_CONTINUE;
}

/* DIR exists as a folder afterwards, or err says why not. */
static int make_dir(const char *dir, SrcError *err)
{
    struct stat st;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return src_error_set(err, "--out %s: cannot create the folder: %s", dir, strerror(errno));
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return src_error_set(err, "--out %s: exists and is not a folder", dir);
    return 0;
}

/* 0 when the checker accepts the plan; else prints its violations on stderr. */
static int check_plan(const ReportInput *in, const char *plan_path)
{
    SrcCheckReport report;
    size_t violations = src_check_plan(in->batch, in->plan, &report);
    for (size_t i = 0; i < report.n_violations; i++)
        fprintf(stderr, "%s\n", report.violations[i]);
    if (violations)
        fprintf(stderr, "sourcing report: %s fails the check (%zu violation%s, as sourcing check says); "
                "no report written\n", plan_path, violations, violations == 1 ? "" : "s");
    src_check_report_free(&report);
    return violations ? -1 : 0;
}

/* DIR/index.html, written atomically. */
static int write_page(const char *dir, const ReportPage *page, SrcError *err)
{
    char path[MAX_DIR_LEN + 32];
    snprintf(path, sizeof path, "%s/index.html", dir);
    OutFile out;
    if (out_file_open(&out, path, err))
        return -1;
    report_html_write(out.f, page);
    if (out_file_close(&out, 0, err))
        return -1;
    printf("report written to %s\n", path);
    return 0;
}

/* Node utilisation, the charts, then the page. */
static int write_report(const ReportInput *in, const ReportArgs *args, SrcError *err)
{
    NodeUse *nodes = report_nodes_compute(in->batch, in->plan, err);
    if (!nodes)
        return -1;
    ReportCharts charts;
    int rc = report_charts_draw(&charts, args->dir, args->chart_timeout, in->plan, nodes, in->batch->n_nodes, err);
    if (rc == 0)
        rc = write_page(args->dir, &(ReportPage){.in = in, .nodes = nodes, .charts = &charts}, err);
    report_charts_free(&charts);
    free(nodes);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    ReportArgs args = {0};
    int rc = parse_args(argc, argv, &args);
    if (rc != ARGS_CONTINUE)
        return rc;
    SrcError err = {{0}};
    ReportInput in;
    if (report_input_read(&in, args.batch, args.plan, &err)) {
        fprintf(stderr, "sourcing report: %s\n", err.message);
        return 2;
    }
    if (check_plan(&in, args.plan)) {
        report_input_free(&in);
        return 1;
    }
    rc = make_dir(args.dir, &err) ? 2 : write_report(&in, &args, &err) ? 1 : 0;
    if (rc)
        fprintf(stderr, "sourcing report: %s\n", err.message);
    report_input_free(&in);
    return rc;
}
