/* output_path_check (output_path.h): stat and access, no file created. */
#include "output_path.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory part of path into dir ("." when there is none). */
static void directory_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, size, ".");
        return;
    }
    size_t len = slash == path ? 1 : (size_t)(slash - path);   /* "/p.json" lives in "/" */
    snprintf(dir, size, "%.*s", (int)len, path);
}

int output_path_check(const char *path, SrcError *err)
{
    if (!strcmp(path, "-"))
        return 0;
    if (!path[0])
        return src_error_set(err, "an empty output file name");
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return src_error_set(err, "%s: is a directory; give a file name", path);
        if (access(path, W_OK) != 0)
            return src_error_set(err, "%s: cannot be written: %s", path, strerror(errno));
        return 0;
    }
    char dir[4096];
    directory_of(path, dir, sizeof dir);
    if (stat(dir, &st) != 0)
        return src_error_set(err, "%s: directory %s does not exist (create it first)", path, dir);
    if (!S_ISDIR(st.st_mode))
        return src_error_set(err, "%s: %s is not a directory", path, dir);
    if (access(dir, W_OK | X_OK) != 0)
        return src_error_set(err, "%s: cannot create files in %s: %s", path, dir, strerror(errno));
    return 0;
}
