/* Penalty tiers: how the MIP carries unfilled costs that dwarf every other cost without losing
 * their order. GLPK's tolerances are relative, so 1e9 per unfilled unit next to a shipping cost of
 * 1 in one objective gives wrong optima (SPEC.md: cap41 came back "optimal" 58.75 too dear).
 *
 * A line's unfilled cost up to TIER_BASE_FACTOR times the dearest unit it could ship stays as it is
 * in the base objective (the one with every shipping cost). A larger one is split: the line joins
 * a tier t, and its cost is weight * unit[t] + residual, the weight a whole number (at most
 * TIER_MAX_WEIGHT), the residual small enough for the base objective. A tier is a band of such
 * costs that share a unit (1e9 and 1e9 + 3; 2e9 and 1e9; 1.5e9 and 1e9 with unit 5e8); bands
 * without one are separate tiers, the dearest first. The MIP then minimises in stages (stages.h):
 * each tier's count, sum of weight * unfilled units, fixed at its optimum in turn, then the base
 * objective. Every stage's objective has coefficients of one magnitude, and the counts are whole
 * numbers, which is what lets the stages prove a bound under the true costs. */
#ifndef SRC_TIERS_H
#define SRC_TIERS_H

#include "problem.h"

/* An unfilled cost up to this many times the dearest unit of its line stays in the base objective:
 * far below where GLPK goes wrong (on the OR-Library files, 1e4 times still gave the published
 * optima, 3e4 times did not). */
#define TIER_BASE_FACTOR 100
/* Within a tier, weights are whole numbers up to this: the coefficients of a tier's objective. */
#define TIER_MAX_WEIGHT 100
/* Distinct costs one tier may hold before it is closed (keeps building linear in practice). */
#define TIER_MAX_VALUES 32
/* Tiers at most; costs beyond the last one are capped at what the base objective can carry, as
 * before tiers existed: the bound stays valid, only optimality may go unproven. */
#define TIERS_MAX 8

typedef struct Tiers {
    int n;                      /* tiers, the dearest first */
    double unit[TIERS_MAX];     /* what one count of the tier costs */
    int *of_line;               /* per line: its tier, or -1 (base objective only) */
    double *weight;             /* per line: counts per unfilled unit (0 when in no tier) */
    double *base_cost;          /* per line: its cost per unfilled unit in the base objective */
} Tiers;

/* Splits the unfilled costs of the lines that can ship (a line can when some x column of it
 * exists: x_col per cell, as in Model). 0, or -1 when out of memory. */
int tiers_build(Tiers *t, const Problem *p, const int *x_col);
void tiers_free(Tiers *t);

#endif
