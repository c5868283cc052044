/* A tiny test harness: TEST(name) defines a case, RUN(name) runs it and prints "ok - name" or
 * "not ok - name"; CHECK records a failed condition with its line. tests/run.sh counts the lines. */
#ifndef SRC_TEST_H
#define SRC_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_failures_in_case;
static int test_cases_failed;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                               \
    do {                                                                          \
        if (!(cond)) {                                                            \
            test_failures_in_case++;                                              \
            printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);   \
            fflush(stdout);                                                       \
        }                                                                         \
    } while (0)

#define CHECK_MSG(cond, ...)                                                      \
    do {                                                                          \
        if (!(cond)) {                                                            \
            test_failures_in_case++;                                              \
            printf("#   %s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond);   \
            printf(__VA_ARGS__);                                                  \
            printf("\n");                                                         \
            fflush(stdout);                                                       \
        }                                                                         \
    } while (0)

/* Relative closeness, SPEC.md's 1e-6. */
#define CLOSE(a, b) (fabs((a) - (b)) <= 1e-6 * fmax(1.0, fmax(fabs(a), fabs(b))))
#define CHECK_CLOSE(a, b) CHECK_MSG(CLOSE((a), (b)), "%.9g vs %.9g", (double)(a), (double)(b))
static inline int test_contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle);
}
static inline const char *test_or_null(const char *s)
{
    return s ? s : "(null)";
}
#define CHECK_STR_CONTAINS(hay, needle) \
    CHECK_MSG(test_contains((hay), (needle)), "\"%s\" lacks \"%s\"", test_or_null(hay), (needle))

#define RUN(name)                                                                 \
    do {                                                                          \
        test_failures_in_case = 0;                                                \
        name();                                                                   \
        printf("%s - %s\n", test_failures_in_case ? "not ok" : "ok", #name);     \
        fflush(stdout);                                                           \
        if (test_failures_in_case)                                                \
            test_cases_failed++;                                                  \
    } while (0)

#define TEST_EXIT() return test_cases_failed ? 1 : 0

#endif
