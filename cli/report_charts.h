/* The report's two charts, drawn by gnuplot as SVG: (a) the plan's five cost terms against the
 * rules baseline's, grouped bars; (b) node utilisation, units and shipments as a percentage of
 * the node's capacity, for the most used nodes that have one. The scripts and pictures are kept
 * in the report's folder (costs.gp, costs.svg, nodes.gp, nodes.svg); the page inlines them. */
#ifndef SRC_REPORT_CHARTS_H
#define SRC_REPORT_CHARTS_H

#include <stddef.h>

#include "error.h"
#include "report_nodes.h"
#include "sourcing.pb-c.h"

/* Nodes drawn in the utilisation chart at most (the table lists them all). */
#define REPORT_CHART_MAX_NODES 15

typedef struct ReportCharts {
    char *costs_svg;        /* malloc'd SVG text */
    char *nodes_svg;        /* NULL when no node has a capacity: nothing to draw */
} ReportCharts;

/* Draws both charts into dir, each allowed timeout seconds; 0, or -1 with err (gnuplot missing,
 * failed or too slow). */
int report_charts_draw(ReportCharts *charts, const char *dir, double timeout, const Sourcing__Plan *plan,
                       const NodeUse *nodes, size_t n_nodes, SrcError *err);
void report_charts_free(ReportCharts *charts);

#endif
