/* Where `sourcing client` finds its bearer token: a file (--token FILE) or an environment
 * variable (--token-env VAR), never the command line, which other users can read in ps. */
#ifndef CLI_TOKEN_SOURCE_H
#define CLI_TOKEN_SOURCE_H

#include <stddef.h>

#include "error.h"

#define TOKEN_SOURCE_MAX 4096

/* The first word of the first line of path that is not blank or a '#' comment (so a line of the
 * server's --tokens file works as it is) into out. 0, or -1 with err naming the flag. */
int token_from_file(const char *path, char *out, size_t size, SrcError *err);

/* The value of the environment variable var, trimmed of surrounding white space. */
int token_from_env(const char *var, char *out, size_t size, SrcError *err);

#endif
