/* html_out.h: escaping and the marked-up number cells. */
#include "html_out.h"

void html_text(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n')
                fputc(c, out);
        }
    }
}

void html_td_number(FILE *out, const char *field, double v, int decimals)
{
    fprintf(out, "<td class=\"num\" data-field=\"%s\" data-value=\"%.17g\">%.*f</td>", field, v, decimals, v);
}

void html_td_count(FILE *out, const char *field, int64_t n)
{
    fprintf(out, "<td class=\"num\" data-field=\"%s\" data-value=\"%lld\">%lld</td>", field, (long long)n,
            (long long)n);
}

void html_td_percent(FILE *out, const char *field, double ratio)
{
    if (ratio < 0)
        fprintf(out, "<td class=\"num\" data-field=\"%s\" data-value=\"\">unlimited</td>", field);
    else
        fprintf(out, "<td class=\"num\" data-field=\"%s\" data-value=\"%.17g\">%.1f%%</td>", field, ratio,
                100 * ratio);
}

void html_td_text(FILE *out, const char *field, const char *s)
{
    fprintf(out, "<td data-field=\"%s\">", field);
    html_text(out, s);
    fputs("</td>", out);
}

/* RFC 3986's unreserved characters pass; everything else is %XX. */
static void percent_encode(FILE *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~')
            fputc(c, out);
        else
            fprintf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
    }
}

void html_svg_img(FILE *out, const char *name, const char *svg, const char *alt)
{
    fprintf(out, "<img data-chart=\"%s\" alt=\"", name);
    html_text(out, alt);
    fputs("\" src=\"data:image/svg+xml,", out);
    percent_encode(out, svg);
    fputs("\">", out);
}
