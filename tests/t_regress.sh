#!/bin/bash
# `make test`'s share of the regression: every instance in instances/manifest.tsv (the hand-made
# ones and the 13 OR-Library files) solved to its known optimum, 60 s at most per file.
source "$(dirname "$0")/lib.sh"
bash "$(dirname "$0")/regress.sh" --time-limit 60
