/* Bearer tokens: the file's format, digests, constant-time lookup (see tokens.h). */
#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tokens.h"

#define LINE_BYTES 1024
#define DIGEST_BYTES 32

typedef struct Token {
    unsigned char digest[DIGEST_BYTES];
    char name[TOKENS_NAME_BYTES];
} Token;

struct Tokens {
    Token *list;
    int n;
};

static void digest(const char *text, size_t len, unsigned char out[DIGEST_BYTES])
{
    unsigned int n = 0;
    if (!EVP_Digest(text, len, out, &n, EVP_sha256(), NULL))
        memset(out, 0, DIGEST_BYTES);     /* cannot happen with the default provider */
}

static int is_b64token(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (strchr("-._~+/", s[i]) || (s[i] >= 'A' && s[i] <= 'Z') ||
                       (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
        i++;
    if (i == 0)
        return 0;
    while (i < len && s[i] == '=')
        i++;
    return i == len;
}

static char *skip_space(char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Parses one line that is not blank or a comment into t; 0, or -1 with err. */
static int parse_line(char *line, int number, Token *t, SrcError *err)
{
    char *token = skip_space(line), *end = token;
    while (*end && *end != ' ' && *end != '\t')
        end++;
    size_t len = (size_t)(end - token);
    char *name = skip_space(end);
    size_t name_len = strlen(name);
    while (name_len > 0 && (name[name_len - 1] == ' ' || name[name_len - 1] == '\t'))
        name_len--;
    if (len < TOKENS_MIN_LENGTH || len > TOKENS_MAX_LENGTH)
        return src_error_set(err, "line %d: a token has %d to %d characters, this one %zu (make one "
                             "with: openssl rand -hex 32)", number, TOKENS_MIN_LENGTH,
                             TOKENS_MAX_LENGTH, len);
    if (!is_b64token(token, len))
        return src_error_set(err, "line %d: a token has only the characters A-Z a-z 0-9 - . _ ~ + / "
                             "(and = at its end)", number);
    for (size_t i = 0; i < name_len; i++)
        if ((unsigned char)name[i] < 0x21 || (unsigned char)name[i] > 0x7e)
            return src_error_set(err, "line %d: the name after the token is one word of printable "
                                 "characters", number);
    if (name_len >= TOKENS_NAME_BYTES)
        return src_error_set(err, "line %d: the name is longer than %d characters", number,
                             TOKENS_NAME_BYTES - 1);
    digest(token, len, t->digest);
    if (name_len)
        snprintf(t->name, sizeof t->name, "%.*s", (int)name_len, name);
    else
        snprintf(t->name, sizeof t->name, "line%d", number);
    return 0;
}

static int add(Tokens *all, const Token *t, int number, SrcError *err)
{
    for (int i = 0; i < all->n; i++)
        if (!memcmp(all->list[i].digest, t->digest, DIGEST_BYTES))
            return src_error_set(err, "line %d: the same token as %s", number, all->list[i].name);
    if (all->n == TOKENS_MAX_COUNT)
        return src_error_set(err, "line %d: more than %d tokens", number, TOKENS_MAX_COUNT);
    Token *grown = realloc(all->list, (size_t)(all->n + 1) * sizeof *grown);
    if (!grown)
        return src_error_set(err, "out of memory");
    all->list = grown;
    all->list[all->n++] = *t;
    return 0;
}

/* Reads every line of f into t; 0, or -1 with err (without the file's name). */
static int read_lines(FILE *f, Tokens *t, SrcError *err)
{
    char line[LINE_BYTES];
    int number = 0;
    while (fgets(line, sizeof line, f)) {
        number++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f))
            return src_error_set(err, "line %d is longer than %d bytes", number, LINE_BYTES - 2);
        line[strcspn(line, "\r\n")] = '\0';
        char *start = skip_space(line);
        if (!*start || *start == '#')
            continue;
        Token one = {{0}, ""};
        if (parse_line(start, number, &one, err) < 0 || add(t, &one, number, err) < 0)
            return -1;
    }
    if (ferror(f))
        return src_error_set(err, "read error: %s", strerror(errno));
    if (t->n == 0)
        return src_error_set(err, "no token in the file (one per line: TOKEN [NAME])");
    return 0;
}

Tokens *tokens_load(const char *path, SrcError *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        src_error_set(err, "--tokens %s: %s", path, strerror(errno));
        return NULL;
    }
    Tokens *t = calloc(1, sizeof *t);
    int rc = t ? read_lines(f, t, err) : src_error_set(err, "out of memory");
    fclose(f);
    if (rc < 0) {
        src_error_prefix(err, "--tokens %s", path);
        tokens_free(t);
        return NULL;
    }
    return t;
}

void tokens_free(Tokens *t)
{
    if (!t)
        return;
    OPENSSL_cleanse(t->list, (size_t)t->n * sizeof *t->list);
    free(t->list);
    free(t);
}

int tokens_count(const Tokens *t)
{
    return t ? t->n : 0;
}

const char *tokens_find(const Tokens *t, const char *presented, size_t len)
{
    unsigned char d[DIGEST_BYTES];
    digest(presented, len, d);
    const char *found = NULL;
    for (int i = 0; i < t->n; i++) {          /* no early exit: every digest is compared */
        int same = CRYPTO_memcmp(d, t->list[i].digest, DIGEST_BYTES) == 0;
        found = same ? t->list[i].name : found;
    }
    return found;
}

const char *tokens_bearer(const char *value, size_t value_len, size_t *len)
{
    if (!value || value_len < 7 || strncasecmp(value, "bearer", 6) != 0 ||
        (value[6] != ' ' && value[6] != '\t'))
        return NULL;
    size_t i = 7;
    while (i < value_len && (value[i] == ' ' || value[i] == '\t'))
        i++;
    size_t end = value_len;
    while (end > i && (value[end - 1] == ' ' || value[end - 1] == '\t'))
        end--;
    if (end == i)
        return NULL;
    *len = end - i;
    return value + i;
}
