/* The canonical instances' manifest (instances/manifest.tsv) for the tests that solve them. */
#ifndef TEST_MANIFEST_H
#define TEST_MANIFEST_H

/* Calls row(path, optimum) for each manifest row under prefix ("handmade/", "orlib/", "" for all);
 * returns how many rows there were, or -1 when the manifest cannot be read. */
int for_each_manifest_row(const char *prefix, void (*row)(const char *path, double optimum));

#endif
