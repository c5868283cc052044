/* Fixtures for the plan checker tests: a batch and a plan loaded from tests/data/checker/, the
 * checker's report on them, and small editors that break a plan or tighten a batch in place. */
#ifndef SRC_CHECKER_FIXTURE_H
#define SRC_CHECKER_FIXTURE_H

#include "checker.h"
#include "sourcing.pb-c.h"

typedef struct CheckCase {
    Sourcing__Batch *batch;
    Sourcing__Plan *plan;
    SrcCheckReport report;
    size_t violations;          /* what src_check_plan returned */
} CheckCase;

/* Loads tests/data/checker/<batch_file> and <plan_file>; -1 (and a "#" line) on failure. */
int case_open(CheckCase *k, const char *batch_file, const char *plan_file);
void case_close(CheckCase *k);
/* Runs the checker (again); returns the number of violations. */
size_t case_check(CheckCase *k);
/* Runs the checker; 1 when it reports exactly as many violations as there are needles and every
 * violation contains one of them, every needle being found. Otherwise prints the report. */
int case_expect(CheckCase *k, const char *const *needles);
/* In a TEST: loads the case or fails the test and returns. */
#define OPEN_CASE(k, batch_file, plan_file)            \
    do {                                               \
        if (case_open((k), (batch_file), (plan_file))) { \
            CHECK(!"case loads");                      \
            return;                                    \
        }                                              \
    } while (0)
#define EXPECT_VIOLATIONS(k, ...) CHECK(case_expect((k), (const char *const[]){__VA_ARGS__, NULL}))
#define EXPECT_NO_VIOLATION(k) CHECK(case_expect((k), (const char *const[]){NULL}))

/* Editors (they abort the test program if out of memory). */
void set_string(char **field, const char *value);
Sourcing__OrderPlan *order_plan(Sourcing__Plan *plan, const char *order_id);
Sourcing__Shipment *shipment(Sourcing__Plan *plan, const char *order_id, size_t index);
Sourcing__Order *batch_order(Sourcing__Batch *batch, const char *order_id);
Sourcing__Node *batch_node(Sourcing__Batch *batch, const char *node_id);
Sourcing__Shipment *add_shipment(Sourcing__OrderPlan *op, const char *node_id, const char *carrier);
Sourcing__ShipmentLine *add_shipment_line(Sourcing__Shipment *sh, int64_t line, const char *sku, int64_t units);
Sourcing__OrderPlan *add_order_plan(Sourcing__Plan *plan, const char *order_id);
void add_active_node(Sourcing__Plan *plan, const char *node_id);
void drop_active_node(Sourcing__Plan *plan, const char *node_id);
void drop_order_plan(Sourcing__Plan *plan, const char *order_id);
void drop_unfilled(Sourcing__OrderPlan *op, size_t index);

#endif
