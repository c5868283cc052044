/* Reading instances/manifest.tsv for the tests (see manifest.h). */
#include "manifest.h"

#include <stdio.h>

int for_each_manifest_row(const char *prefix, void (*row)(const char *path, double optimum))
{
    FILE *manifest = fopen("instances/manifest.tsv", "r");
    if (!manifest)
        return -1;
    char line[2048], format[64];
    snprintf(format, sizeof format, "%s%%500[^\t]\t%%lf", prefix);
    int rows = 0;
    while (fgets(line, sizeof line, manifest)) {
        char file[512], path[600];
        double optimum;
        if (line[0] == '#' || sscanf(line, format, file, &optimum) != 2)
            continue;
        snprintf(path, sizeof path, "instances/%s%s", prefix, file);
        row(path, optimum);
        rows++;
    }
    fclose(manifest);
    return rows;
}
