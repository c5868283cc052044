/* Writing HTML by parts with every outside string escaped: batch names, ids and messages come
 * from files we did not write, so none of them reaches the page as markup. Numbers that a test or
 * a script may read back carry data-field (what it is) and data-value (the exact number) beside
 * the rounded text people read. */
#ifndef SRC_HTML_OUT_H
#define SRC_HTML_OUT_H

#include <stdint.h>
#include <stdio.h>

/* s as HTML text or attribute value: & < > " ' escaped, control characters other than tab and
 * newline dropped; NULL prints nothing. */
void html_text(FILE *out, const char *s);

/* <td data-field="field" data-value="v">v with `decimals` decimals</td> */
void html_td_number(FILE *out, const char *field, double v, int decimals);
/* <td data-field="field" data-value="n">n</td> */
void html_td_count(FILE *out, const char *field, int64_t n);
/* <td data-field="field" data-value="ratio">ratio as a percentage</td>; "unlimited" when
 * ratio is negative (no capacity to measure against) */
void html_td_percent(FILE *out, const char *field, double ratio);
/* <td data-field="field">s, escaped</td> */
void html_td_text(FILE *out, const char *field, const char *s);

/* <img data-chart="name" alt="alt" src="data:image/svg+xml,..."> with svg percent-encoded: the
 * picture travels inside the page, and as an image it can run no script and load nothing. */
void html_svg_img(FILE *out, const char *name, const char *svg, const char *alt);

#endif
