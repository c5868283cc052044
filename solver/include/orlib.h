/* OR-Library capacitated warehouse location files (J.E. Beasley 1988: cap41..cap134, capa..capc)
 * turned into a batch by SPEC.md's "Known special case": one sku, warehouses w1..wm as nodes,
 * customers c1..cn as one-line orders, each in a zone of its own served by one "alloc" lane per
 * warehouse. docs/instances.md gives the whole mapping. */
#ifndef SRC_ORLIB_H
#define SRC_ORLIB_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "sourcing.pb-c.h"

#define SRC_ORLIB_SKU "item"
#define SRC_ORLIB_CARRIER "alloc"

/* The batch for the file text (len bytes), named name. capacity > 0 is used where a warehouse's
 * capacity is the word "capacity" (capa.txt); such a file without it is an error. NULL on error,
 * with err naming the line and what was expected there. Free with src_batch_free. */
Sourcing__Batch *src_orlib_parse(const char *text, size_t len, const char *name, int64_t capacity,
                                 SrcError *err);

/* Reads the file at path ("-" for stdin); the batch is named after the file without directory and
 * extension, with "-<capacity>" added when capacity was used. */
Sourcing__Batch *src_orlib_read(const char *path, int64_t capacity, SrcError *err);

/* The unfilled cost per unit the importer gives a problem whose largest fixed cost is max_fixed and
 * largest allocation cost per unit of demand is max_unit_cost: just above their sum (see the docs). */
double src_orlib_unfilled_cost(double max_fixed, double max_unit_cost);

#endif
