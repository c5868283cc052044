/* A sub-problem: some orders of a problem, with everything the other orders of the current plan
 * use taken out of the network (stock, node and carrier capacity), and the activation cost of
 * nodes those orders already open set to 0. Solving it and putting its plan back can only
 * change the chosen orders. Used by the LNS strategy to run the MIP on a neighbourhood. */
#ifndef SRC_SUBPROBLEM_H
#define SRC_SUBPROBLEM_H

#include "problem.h"
#include "solution.h"

typedef struct SubProblem {
    Problem p;                  /* the sub-problem; p.batch is the whole batch's */
    int *orig_order;            /* per sub order: its order in the whole problem */
    int *orig_cand;             /* per sub candidate */
    int *orig_option;           /* per sub lane option */
} SubProblem;

/* Builds the sub-problem of orders[0..n) (distinct) given the plan s. 0, or -1 out of memory. */
int subproblem_build(SubProblem *sub, const Solution *s, const int *orders, int n);
void subproblem_free(SubProblem *sub);

/* The chosen orders' shipments in s, as a solution of the sub-problem; NULL when out of memory. */
Solution *subproblem_solution_of(const SubProblem *sub, const Solution *s);

/* Replaces the chosen orders' shipments in s by those of the sub-problem's solution. 0 or -1. */
int subproblem_put_back(const SubProblem *sub, const Solution *sub_solution, Solution *s);

#endif
