/* Output files are checked before long work begins, so that a typo in --plan or --csv is reported
 * at once rather than after a 20-second solve. Nothing is created: the files are still written
 * (atomically) by their writers at the end. */
#ifndef SRC_OUTPUT_PATH_H
#define SRC_OUTPUT_PATH_H

#include "error.h"

/* 0 when path could be written now: "-" (stdout), or a path whose directory exists and may be
 * written to and which is not itself a directory or a read-only file. Else -1 with err saying
 * which, e.g. "/no/such/dir/p.json: directory /no/such/dir does not exist". */
int output_path_check(const char *path, SrcError *err);

#endif
