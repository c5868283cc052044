/* Output files written atomically: the bytes go to a temporary file in the target's folder, which
 * replaces the target by rename() only once everything was written, flushed and synced. A write
 * that fails or is interrupted (full disk, kill, crash) leaves the old file intact and no partial
 * file under the target's name; a reader never sees half a plan or half a batch.
 *
 *   OutFile out;
 *   if (out_file_open(&out, path, err)) return -1;
 *   ...fprintf(out.f, ...)...
 *   return out_file_close(&out, failed, err);
 *
 * "-" is stdout, and a path that exists but is not a regular file (/dev/null, a FIFO) is written
 * in place: neither can be replaced by a rename, and replacing a device node would be wrong. */
#ifndef SRC_OUT_FILE_H
#define SRC_OUT_FILE_H

#include <stdio.h>

#include "error.h"

typedef struct OutFile {
    FILE *f;            /* where to write */
    const char *path;   /* the target */
    char *tmp;          /* the temporary file's path, NULL when writing in place */
} OutFile;

/* Opens a temporary file beside path (or stdout, or path itself: see above). */
int out_file_open(OutFile *out, const char *path, SrcError *err);

/* Finishes the write: when failed is 0 and every byte reached the disk, renames the temporary
 * file over the target; otherwise removes it and returns -1 (err names the path and the cause,
 * unless failed was set, when the caller's message is kept). */
int out_file_close(OutFile *out, int failed, SrcError *err);

#endif
