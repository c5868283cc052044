/* Running gnuplot as a child process, bounded in time: the report's charts are drawn by gnuplot
 * (Debian gnuplot-nox) rather than by hand. The script is a file, the picture is whatever the
 * script's terminal writes on stdout, captured in a file; gnuplot's stderr is kept for the error
 * message. No shell is involved: paths never reach a command line parser. */
#ifndef SRC_GNUPLOT_RUN_H
#define SRC_GNUPLOT_RUN_H

#include "error.h"

/* The default of the seconds a chart may take before gnuplot is killed. Generous: charts take
 * milliseconds, but a loaded machine can be slow to start a process. */
#define GNUPLOT_TIMEOUT_SECONDS 60.0

/* Runs `gnuplot -d script_path` (init files ignored) with stdout into out_path and stderr into
 * err_path. 0 when it exited 0 within timeout seconds; else -1 with err saying why (not
 * installed, killed after the timeout, or its exit status and first line of stderr). */
int gnuplot_run(const char *script_path, const char *out_path, const char *err_path, double timeout, SrcError *err);

#endif
