/* Bearer tokens (--tokens FILE): the list a request's token must be on, loaded once at startup.
 * Only SHA-256 digests of the tokens are kept; a token presented is hashed and compared with
 * every digest in constant time, so neither its length nor its content shows in the timing. */
#ifndef SRV_TOKENS_H
#define SRV_TOKENS_H

#include <stddef.h>

#include "error.h"

#define TOKENS_MIN_LENGTH 16
#define TOKENS_MAX_LENGTH 256
#define TOKENS_MAX_COUNT 10000
#define TOKENS_NAME_BYTES 64

typedef struct Tokens Tokens;   /* struct Tokens: state.h names it too */

/* Reads path: one token per line, optionally followed by a name for the logs ("TOKEN NAME");
 * blank lines and lines starting with '#' are skipped. A token is 16 to 256 characters of
 * RFC 6750's b64token alphabet (A-Z a-z 0-9 - . _ ~ + / and trailing =). NULL with err naming
 * the file and line when it cannot be used (unreadable, no token, a bad or repeated token). */
Tokens *tokens_load(const char *path, SrcError *err);
void tokens_free(Tokens *t);
int tokens_count(const Tokens *t);

/* The name of the token equal to the len bytes at presented, or NULL when none is. */
const char *tokens_find(const Tokens *t, const char *presented, size_t len);

/* The token of an "Authorization: Bearer TOKEN" value (scheme case-insensitive): a pointer into
 * value and its length in *len; NULL when value is not a Bearer credential. */
const char *tokens_bearer(const char *value, size_t value_len, size_t *len);

#endif
