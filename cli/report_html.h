/* The report page: one self-contained HTML file (styles inline, charts as data: images, a
 * Content-Security-Policy that forbids scripts and any fetch) with the plan's summary, the
 * savings over the rules baseline, the cost terms, the charts, node utilisation, the tension
 * and the warnings. Every number a reader may want to check carries data-field/data-value
 * (html_out.h). */
#ifndef SRC_REPORT_HTML_H
#define SRC_REPORT_HTML_H

#include <stdio.h>

#include "report_charts.h"
#include "report_input.h"
#include "report_nodes.h"

typedef struct ReportPage {
    const ReportInput *in;
    const NodeUse *nodes;       /* one per batch node, most used first */
    const ReportCharts *charts;
} ReportPage;

void report_html_write(FILE *out, const ReportPage *page);

#endif
