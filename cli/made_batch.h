/* The last step of the subcommands that make a batch (gen, import-orlib): write it out. */
#ifndef SRC_MADE_BATCH_H
#define SRC_MADE_BATCH_H

#include "error.h"
#include "sourcing.pb-c.h"

/* Writes batch to path ("-" = stdout; binary protobuf if the name ends in .pb) and frees it. A
 * NULL batch is one that could not be made, err saying why. The exit code: 0 written, 2 not
 * made (bad input), 1 not written; messages on stderr start with command. */
int write_made_batch(const char *command, Sourcing__Batch *batch, SrcError *err, const char *path);

#endif
