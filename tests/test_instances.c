/* The canonical problem files: every instance in instances/manifest.tsv parses, passes validation,
 * and carries an optimum; each hand-made instance's name starts with its file's stem. */
#include <stdlib.h>

#include "batch_io.h"
#include "test.h"
#include "validate.h"

#define MANIFEST "instances/manifest.tsv"

/* Calls visit(path, optimum, is_handmade) for each data row; returns the number of rows. */
static int each_row(void (*visit)(const char *path, double optimum, const char *file))
{
    FILE *f = fopen(MANIFEST, "r");
    CHECK_MSG(f != NULL, "cannot open %s", MANIFEST);
    if (!f)
        return 0;
    char line[4096], path[1200];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || !strncmp(line, "file\t", 5) || line[0] == '\n')
            continue;
        char *file = strtok(line, "\t"), *optimum = strtok(NULL, "\t"), *notes = strtok(NULL, "\n");
        CHECK_MSG(file && optimum && notes, "malformed manifest row %d", rows + 1);
        if (!file || !optimum || !notes)
            continue;
        char *end = NULL;
        double v = strtod(optimum, &end);
        CHECK_MSG(end != optimum && *end == '\0' && v > 0, "%s: bad optimum '%s'", file, optimum);
        snprintf(path, sizeof path, "instances/%s", file);
        visit(path, v, file);
        rows++;
    }
    fclose(f);
    return rows;
}

static void check_instance(const char *path, double optimum, const char *file)
{
    (void)optimum;
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(path, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    CHECK_MSG(src_validate_batch(b, &err) == 0, "%s: %s", path, err.message);
    if (!strncmp(file, "handmade/", 9)) {
        const char *stem = file + 9;
        size_t len = strcspn(stem, ".");
        CHECK_MSG(b->name && !strncmp(b->name, stem, len) && b->name[len] == ':',
                  "%s: name should start with '%.*s:'", path, (int)len, stem);
        CHECK_MSG(b->n_nodes >= 1 && b->n_nodes <= 4 && b->n_orders >= 1 && b->n_orders <= 4,
                  "%s: %zu nodes, %zu orders", path, b->n_nodes, b->n_orders);
    }
    src_batch_free(b);
}

TEST(every_manifest_instance_validates)
{
    int rows = each_row(check_instance);
    CHECK_MSG(rows >= 14 + 13, "%d rows", rows);
}

int main(void)
{
    RUN(every_manifest_instance_validates);
    TEST_EXIT();
}
