/* The model solved in stages, and the bound the stages prove under the true costs.
 *
 * Stage t < n_tiers minimises tier t's count (sum of weight * unfilled units of its lines, a whole
 * number, tiers.h) and then fixes it: a row count <= the count of the stage's plan; the last stage
 * minimises the base objective. This is a lexicographic (hierarchical) objective; each stage's
 * objective has coefficients of one magnitude, and the objective's constant (lines nothing can
 * ship) stays out of GLPK, whose tolerances it would widen.
 *
 * Why the bound holds: every plan x either keeps every count at what the stages fixed, and then
 * costs at least constant + sum unit[s] * count bound[s] + the base stage's bound; or has a first
 * tier t whose count exceeds the fixed n[t], so by at least 1 (counts are whole), and costs at
 * least constant + sum over s < t of unit[s] * count bound[s] + unit[t] * (n[t] + 1). The bound is
 * the least of these. It meets the plan's cost, and proves it optimal, exactly when each tier's
 * unit outweighs what the plan pays below that tier: what "penalties that dwarf every other cost"
 * means. When a tier does not (1.5e9 for one unit against two units of 1e9 where those compete),
 * the stages' plan may not be the cheapest and the bound says so honestly: a gap. */
#ifndef SRC_STAGES_H
#define SRC_STAGES_H

#include "model.h"

typedef struct Stages {
    Model *m;
    int n;                  /* stages: one per tier, then the base */
    double *base_obj;       /* the objective model_build made, per column (1-based) */
    double constant;        /* its constant: what lines nothing can ship cost */
    double above;           /* constant + what the finished tiers cost at least */
    double fixed;           /* constant + what the finished tiers' fixed counts cost */
    double beyond;          /* the least a plan exceeding a finished tier's fixed count costs */
} Stages;

/* Takes the objective out of the model to set it per stage. 0, or -1 when out of memory. */
int stages_init(Stages *st, Model *m);
void stages_free(Stages *st);

/* Sets GLPK's objective to that of the stage (its constant stays 0). */
void stages_set_objective(const Stages *st, int stage);

/* The stage's objective at a point (column values, 1-based, as model_point_of gives). */
double stages_value(const Stages *st, int stage, const double *point);

/* A valid lower bound on every plan's true cost, given a lower bound on the objective of the
 * stage now being solved (0 when there is none yet). */
double stages_bound(const Stages *st, int stage, double stage_bound);

/* Tier stage done: fixes its count at most count (the count of the plan the stage left) and
 * takes the stage's lower bound on the count into the bound. 0, or -1 when GLPK fails. */
int stages_fix_tier(Stages *st, int tier, double count, double count_bound);

/* Whether no plan that exceeds a fixed count can be cheaper than base_bound plus what the fixed
 * counts cost: the stages' answer is then optimal under the true costs. */
int stages_tight(const Stages *st, double base_bound);

/* Puts the true unfilled costs back on the u columns, the constant included: for export. */
void stages_true_objective(Model *m);

#endif
