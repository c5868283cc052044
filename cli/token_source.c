/* Reading the client's bearer token from a file or the environment (see token_source.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "token_source.h"

/* The first word of text (up to white space) into out; 0, or -1 when empty or too long. */
static int first_word(const char *text, char *out, size_t size)
{
    text += strspn(text, " \t\r\n");
    size_t len = strcspn(text, " \t\r\n");
    if (len == 0 || len >= size)
        return -1;
    memcpy(out, text, len);
    out[len] = '\0';
    return 0;
}

int token_from_file(const char *path, char *out, size_t size, SrcError *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return src_error_set(err, "--token %s: %s", path, strerror(errno));
    char line[TOKEN_SOURCE_MAX + 64];
    const char *start = NULL;
    while (!start && fgets(line, sizeof line, f)) {
        start = line + strspn(line, " \t\r\n");
        if (!*start || *start == '#')
            start = NULL;
    }
    fclose(f);
    if (!start)
        return src_error_set(err, "--token %s: no token in the file (the first line that is not "
                             "blank or a # comment holds it)", path);
    if (first_word(start, out, size) < 0)
        return src_error_set(err, "--token %s: the token is longer than %zu bytes", path, size - 1);
    return 0;
}

int token_from_env(const char *var, char *out, size_t size, SrcError *err)
{
    const char *value = getenv(var);
    if (!value)
        return src_error_set(err, "--token-env %s: the variable is not set", var);
    if (first_word(value, out, size) < 0)
        return src_error_set(err, "--token-env %s: the variable is empty or longer than %zu bytes",
                             var, size - 1);
    return 0;
}
