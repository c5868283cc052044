/* Atomic output files: a temporary file in the same folder, then rename (see out_file.h). */
#include "out_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_ATTEMPTS 16

static atomic_uint tmp_counter;

/* "PATH.tmp.PID.N", created with O_EXCL so two writers never share one; mode 0666 under the
 * umask, as fopen would create the target. */
static FILE *open_tmp(OutFile *out, SrcError *err)
{
    size_t cap = strlen(out->path) + 48;
    out->tmp = malloc(cap);
    if (!out->tmp) {
        src_error_set(err, "%s: out of memory", out->path);
        return NULL;
    }
    for (int i = 0; i < TMP_ATTEMPTS; i++) {
        snprintf(out->tmp, cap, "%s.tmp.%ld.%u", out->path, (long)getpid(),
                 atomic_fetch_add(&tmp_counter, 1));
        int fd = open(out->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            FILE *f = fdopen(fd, "wb");
            if (f)
                return f;
            close(fd);
            unlink(out->tmp);
        }
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    src_error_set(err, "%s: cannot create a temporary file beside it (%s): check that its folder "
                  "exists and is writable", out->path, strerror(errno));
    free(out->tmp);
    out->tmp = NULL;
    return NULL;
}

int out_file_open(OutFile *out, const char *path, SrcError *err)
{
    *out = (OutFile){.path = path};
    struct stat st;
    if (!strcmp(path, "-")) {
        out->f = stdout;
    } else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        out->f = fopen(path, "wb");
        if (!out->f)
            return src_error_set(err, "%s: %s", path, strerror(errno));
    } else {
        out->f = open_tmp(out, err);
        if (!out->f)
            return -1;
    }
    return 0;
}

/* Flushes, syncs and closes the temporary file, then renames it over the target. */
static int commit_tmp(OutFile *out, SrcError *err)
{
    int bad = ferror(out->f) || fflush(out->f) || fsync(fileno(out->f));
    int saved = errno;
    bad |= fclose(out->f) != 0;
    if (!bad && rename(out->tmp, out->path) == 0)
        return 0;
    saved = bad ? saved : errno;
    unlink(out->tmp);
    return src_error_set(err, "%s: write error: %s (the previous file, if any, is unchanged)",
                         out->path, strerror(saved));
}

int out_file_close(OutFile *out, int failed, SrcError *err)
{
    int rc;
    if (out->tmp) {
        if (failed) {
            fclose(out->f);
            unlink(out->tmp);
            rc = -1;
        } else {
            rc = commit_tmp(out, err);
        }
        free(out->tmp);
    } else {
        int bad = ferror(out->f);
        bad |= out->f == stdout ? fflush(out->f) != 0 : fclose(out->f) != 0;
        rc = failed ? -1
             : bad ? src_error_set(err, "%s: write error: %s", out->path, strerror(errno)) : 0;
    }
    *out = (OutFile){0};
    return rc;
}
