/* report_tension.h: shape check, then three small tables and a list. */
#include "report_tension.h"

#include "html_out.h"

typedef enum { T_STRING, T_NUMBER } Type;

typedef struct Column {
    const char *key;
    Type type;
    const char *heading;
    int decimals;           /* numbers only */
} Column;

static const Column RESOURCE_COLUMNS[] = {
    {"kind", T_STRING, "kind", 0},          {"node", T_STRING, "node", 0},
    {"sku", T_STRING, "sku", 0},            {"carrier", T_STRING, "carrier", 0},
    {"zone", T_STRING, "zone", 0},          {"used", T_NUMBER, "used", 0},
    {"capacity", T_NUMBER, "capacity", 0},  {"utilisation", T_NUMBER, "utilisation", 3},
    {"shadow_price", T_NUMBER, "shadow price", 2}, {"price_source", T_STRING, "price source", 0},
};
static const Column UNFILLED_COLUMNS[] = {
    {"sku", T_STRING, "sku", 0}, {"units", T_NUMBER, "units", 0}, {"cause", T_STRING, "cause", 0},
};
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static int type_ok(const json_t *v, Type t)
{
    return !v || json_is_null(v) || (t == T_STRING ? json_is_string(v) : json_is_number(v));
}

static const char *type_name(Type t)
{
    return t == T_STRING ? "a string" : "a number";
}

/* Each element of tension[key] an object whose columns have their types. */
static int check_rows(const json_t *tension, const char *key, const Column *cols, size_t n_cols, SrcError *err)
{
    const json_t *rows = json_object_get(tension, key);
    if (!rows || json_is_null(rows))
        return 0;
    if (!json_is_array(rows))
        return src_error_set(err, "tension.%s: expected an array", key);
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const json_t *row = json_array_get(rows, i);
        if (!json_is_object(row))
            return src_error_set(err, "tension.%s[%zu]: expected an object", key, i);
        for (size_t c = 0; c < n_cols; c++)
            if (!type_ok(json_object_get(row, cols[c].key), cols[c].type))
                return src_error_set(err, "tension.%s[%zu].%s: expected %s", key, i, cols[c].key,
                                     type_name(cols[c].type));
    }
    return 0;
}

int report_tension_check(const json_t *tension, SrcError *err)
{
    if (!json_is_object(tension))
        return src_error_set(err, "tension: expected an object");
    if (check_rows(tension, "resources", RESOURCE_COLUMNS, N_OF(RESOURCE_COLUMNS), err) ||
        check_rows(tension, "unfilled", UNFILLED_COLUMNS, N_OF(UNFILLED_COLUMNS), err))
        return -1;
    const json_t *alerts = json_object_get(tension, "alerts");
    if (alerts && !json_is_null(alerts)) {
        if (!json_is_array(alerts))
            return src_error_set(err, "tension.alerts: expected an array of strings");
        for (size_t i = 0; i < json_array_size(alerts); i++)
            if (!json_is_string(json_array_get(alerts, i)))
                return src_error_set(err, "tension.alerts[%zu]: expected a string", i);
    }
    if (!type_ok(json_object_get(tension, "price_method"), T_STRING))
        return src_error_set(err, "tension.price_method: expected a string");
    return 0;
}

static void write_cell(FILE *out, const char *table, const Column *col, const json_t *v)
{
    char field[96];
    snprintf(field, sizeof field, "tension.%s.%s", table, col->key);
    if (col->type == T_NUMBER && json_is_number(v))
        html_td_number(out, field, json_number_value(v), col->decimals);
    else
        html_td_text(out, field, json_is_string(v) ? json_string_value(v) : "");
}

static void write_table(FILE *out, const json_t *tension, const char *key, const Column *cols, size_t n_cols,
                        const char *caption)
{
    const json_t *rows = json_object_get(tension, key);
    size_t n = json_is_array(rows) ? json_array_size(rows) : 0;
    fprintf(out, "<h3>%s</h3>\n", caption);
    if (n == 0) {
        fprintf(out, "<p class=\"note\" data-field=\"tension.%s.none\">none</p>\n", key);
        return;
    }
    fprintf(out, "<table data-table=\"tension.%s\"><tr>", key);
    for (size_t c = 0; c < n_cols; c++)
        fprintf(out, "<th>%s</th>", cols[c].heading);
    fputs("</tr>\n", out);
    for (size_t i = 0; i < n && i < REPORT_TENSION_MAX_ROWS; i++) {
        fputs("<tr>", out);
        for (size_t c = 0; c < n_cols; c++)
            write_cell(out, key, &cols[c], json_object_get(json_array_get(rows, i), cols[c].key));
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
    if (n > REPORT_TENSION_MAX_ROWS)
        fprintf(out, "<p class=\"note\">%zu more rows not shown</p>\n", n - REPORT_TENSION_MAX_ROWS);
}

static void write_alerts(FILE *out, const json_t *alerts)
{
    size_t n = json_is_array(alerts) ? json_array_size(alerts) : 0;
    if (n == 0)
        return;
    fputs("<ul class=\"alerts\">\n", out);
    for (size_t i = 0; i < n && i < REPORT_TENSION_MAX_ROWS; i++) {
        fputs("<li data-field=\"tension.alerts\">", out);
        html_text(out, json_string_value(json_array_get(alerts, i)));
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
    if (n > REPORT_TENSION_MAX_ROWS)
        fprintf(out, "<p class=\"note\">%zu more alerts not shown</p>\n", n - REPORT_TENSION_MAX_ROWS);
}

void report_tension_write(FILE *out, const json_t *tension)
{
    fputs("<section id=\"tension\">\n<h2>Tension</h2>\n", out);
    if (!tension) {
        fputs("<p class=\"note\" data-field=\"tension.absent\">no tension data in this plan</p>\n</section>\n", out);
        return;
    }
    write_alerts(out, json_object_get(tension, "alerts"));
    const json_t *method = json_object_get(tension, "price_method");
    if (json_is_string(method)) {
        fputs("<p>Shadow prices by <span data-field=\"tension.price_method\">", out);
        html_text(out, json_string_value(method));
        fputs("</span>.</p>\n", out);
    }
    write_table(out, tension, "resources", RESOURCE_COLUMNS, N_OF(RESOURCE_COLUMNS), "Binding resources");
    write_table(out, tension, "unfilled", UNFILLED_COLUMNS, N_OF(UNFILLED_COLUMNS), "Unfilled units and why");
    fputs("</section>\n", out);
}
