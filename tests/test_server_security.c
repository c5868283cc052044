/* The security parts that need no socket: the tokens file (format, refusals, lookup), the Bearer
 * credential of a header, loopback addresses, and the policy that a non-loopback address needs
 * TLS and tokens unless --insecure. t_server_tls.sh covers them end to end. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "config.h"
#include "test.h"
#include "tokens.h"

#define ALICE "0123456789abcdef0123456789abcdef"
#define BOB "Zm9vYmFyYmF6cXV4LXRva2Vu=="

/* Writes text to a new temporary file; its path is in path (free nothing). */
static void write_file(char *path, size_t size, const char *text)
{
    snprintf(path, size, "/tmp/test_server_security.XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        printf("#   cannot write %s\n", path);
    if (fd >= 0)
        close(fd);
}

/* tokens_load on text; NULL with err when refused. */
static Tokens *load_text(const char *text, SrcError *err)
{
    char path[64];
    write_file(path, sizeof path, text);
    Tokens *t = tokens_load(path, err);
    unlink(path);
    return t;
}

TEST(tokens_file_is_read)
{
    SrcError err = {{0}};
    Tokens *t = load_text("# clients\n\n" ALICE " alice\n   \t\n  " BOB "\r\n# end\n", &err);
    CHECK_MSG(t != NULL, "%s", err.message);
    CHECK(tokens_count(t) == 2);
    CHECK(t && !strcmp(test_or_null(tokens_find(t, ALICE, strlen(ALICE))), "alice"));
    CHECK(t && !strcmp(test_or_null(tokens_find(t, BOB, strlen(BOB))), "line5"));
    tokens_free(t);
}

TEST(tokens_find_only_whole_tokens)
{
    SrcError err = {{0}};
    Tokens *t = load_text(ALICE " alice\n", &err);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(tokens_find(t, ALICE, strlen(ALICE) - 1) == NULL);            /* a prefix */
    CHECK(tokens_find(t, ALICE "0", strlen(ALICE) + 1) == NULL);        /* longer */
    CHECK(tokens_find(t, "1123456789abcdef0123456789abcdef", 32) == NULL);
    CHECK(tokens_find(t, "", 0) == NULL);
    tokens_free(t);
}

TEST(tokens_file_refusals_name_the_line)
{
    SrcError err = {{0}};
    CHECK(load_text("short alice\n", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 1: a token has 16 to 256 characters, this one 5");
    CHECK(load_text("# a\n" ALICE "!\n", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 2: a token has only the characters");
    CHECK(load_text(ALICE " two words\n", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 1: the name after the token is one word");
    CHECK(load_text(ALICE " a\n" ALICE " b\n", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 2: the same token as a");
    CHECK(load_text("# only a comment\n\n", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "no token in the file");
    CHECK(load_text("=" ALICE "\n", &err) == NULL);                     /* '=' only at the end */
    CHECK_STR_CONTAINS(err.message, "line 1: a token has only the characters");
    char *long_line = malloc(2100);
    memset(long_line, 'a', 2098);
    strcpy(long_line + 2098, "\n");
    CHECK(load_text(long_line, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "line 1 is longer than");
    free(long_line);
    CHECK(tokens_load("/nonexistent/tokens", &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "--tokens /nonexistent/tokens: No such file or directory");
}

TEST(bearer_credentials_are_parsed)
{
    size_t len = 0;
    const char *v = "Bearer abc.def";
    const char *t = tokens_bearer(v, strlen(v), &len);
    CHECK(t && len == 7 && !memcmp(t, "abc.def", 7));
    v = "bearer \t xyz  ";
    t = tokens_bearer(v, strlen(v), &len);
    CHECK(t && len == 3 && !memcmp(t, "xyz", 3));
    CHECK(tokens_bearer("Basic dXNlcjpwYXNz", 18, &len) == NULL);
    CHECK(tokens_bearer("Bearer", 6, &len) == NULL);
    CHECK(tokens_bearer("Bearer   ", 9, &len) == NULL);
    CHECK(tokens_bearer("Bearerabc", 9, &len) == NULL);
    CHECK(tokens_bearer(NULL, 0, &len) == NULL);
}

static int loopback(const char *text)
{
    SrvAddr a;
    SrcError err = {{0}};
    if (addr_parse(text, 1, &a, &err) < 0)
        return -1;
    return addr_is_loopback((struct sockaddr *)&a.ss);
}

TEST(loopback_addresses)
{
    CHECK(loopback("127.0.0.1:0") == 1);
    CHECK(loopback("127.8.9.10:7411") == 1);
    CHECK(loopback("[::1]:0") == 1);
    CHECK(loopback("[::ffff:127.0.0.1]:0") == 1);
    CHECK(loopback("0.0.0.0:0") == 0);
    CHECK(loopback("[::]:0") == 0);
    CHECK(loopback("10.1.2.3:0") == 0);
    CHECK(loopback("[::ffff:10.0.0.1]:0") == 0);
}

TEST(non_loopback_needs_tls_and_tokens_or_insecure)
{
    SrvConfig c;
    SrcError err = {{0}};
    srv_config_defaults(&c);
    CHECK(srv_config_check(&c, &err) == 0);                           /* loopback: nothing needed */
    snprintf(c.listen, sizeof c.listen, "0.0.0.0:7411");
    CHECK(srv_config_check(&c, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "--listen 0.0.0.0:7411 is not a loopback address");
    CHECK_STR_CONTAINS(err.message, "both are missing; or --insecure");
    snprintf(c.tls_cert, sizeof c.tls_cert, "server.pem");
    snprintf(c.tls_key, sizeof c.tls_key, "server.key");
    CHECK(srv_config_check(&c, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "--tokens is missing");
    snprintf(c.tokens, sizeof c.tokens, "tokens");
    CHECK(srv_config_check(&c, &err) == 0);                           /* files are read at startup */
    c.tls_cert[0] = '\0';
    CHECK(srv_config_check(&c, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "--tls-cert and --tls-key go together");
    c.tls_key[0] = '\0';
    CHECK(srv_config_check(&c, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "TLS is missing");
    c.insecure = 1;
    CHECK(srv_config_check(&c, &err) == 0);
    srv_config_defaults(&c);
    snprintf(c.metrics, sizeof c.metrics, "[::]:7412");
    CHECK(srv_config_check(&c, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "--metrics [::]:7412 is not a loopback address");
    srv_config_defaults(&c);
    snprintf(c.tls_client_ca, sizeof c.tls_client_ca, "ca.pem");
    CHECK(srv_config_check(&c, &err) < 0);
    CHECK_STR_CONTAINS(err.message, "--tls-client-ca needs --tls-cert and --tls-key");
}

int main(void)
{
    RUN(tokens_file_is_read);
    RUN(tokens_find_only_whole_tokens);
    RUN(tokens_file_refusals_name_the_line);
    RUN(bearer_credentials_are_parsed);
    RUN(loopback_addresses);
    RUN(non_loopback_needs_tls_and_tokens_or_insecure);
    TEST_EXIT();
}
