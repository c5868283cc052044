/* The plan checker's report: violations as sentences, plus the small number helpers the checks
 * share (tolerant comparison, saturating sums). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker_internal.h"
#include "grow.h"

static char *format_message(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, again);
    va_end(again);
    return text;
}

void check_violation(Checker *c, const char *fmt, ...)
{
    c->violations++;
    SrcCheckReport *r = c->report;
    if (r->n_violations >= CHECK_MAX_LISTED)
        return;
    if (grow_for_append((void **)&r->violations, r->n_violations, sizeof *r->violations))
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = format_message(fmt, ap);
    va_end(ap);
    if (text)
        r->violations[r->n_violations++] = text;
}

void src_check_report_free(SrcCheckReport *report)
{
    if (!report)
        return;
    for (size_t i = 0; i < report->n_violations; i++)
        free(report->violations[i]);
    free(report->violations);
    report->violations = NULL;
    report->n_violations = 0;
}

const char *check_show(const char *s)
{
    return s ? s : "(none)";
}

int check_same(double a, double b)
{
    if (!isfinite(a) || !isfinite(b))
        return 0;   /* inf would pass the relative test below */
    return fabs(a - b) <= 1e-6 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

int64_t check_add(int64_t a, int64_t b)
{
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

void check_note_unlisted(Checker *c)
{
    SrcCheckReport *r = c->report;
    if (c->violations <= r->n_violations)
        return;
    if (grow_for_append((void **)&r->violations, r->n_violations, sizeof *r->violations))
        return;
    char text[96];
    snprintf(text, sizeof text, "... and %zu more violations, not listed", c->violations - r->n_violations);
    if ((r->violations[r->n_violations] = strdup(text)))
        r->n_violations++;
}
