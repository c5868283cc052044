/* The rules baseline (README, "Savings against the rules"): on every canonical instance its cost
 * is the one worked out in instances/baseline.tsv (by hand, or from the OR-Library text by an
 * independent script), its plan passes the plan checker, and every plan of src_solve carries it
 * with savings = baseline - cost, never negative. */
#include <math.h>
#include <stdlib.h>

#include "batch_io.h"
#include "checker.h"
#include "generate.h"
#include "sourcing.h"
#include "test.h"

#define BASELINES "instances/baseline.tsv"

/* Within 1e-9 relative; orlib/ optima are printed to 0.005 (manifest.tsv), so savings there too. */
static int near(double a, double b, double absolute)
{
    return fabs(a - b) <= absolute + 1e-9 * fmax(1, fmax(fabs(a), fabs(b)));
}

static void check_plan_passes(const Sourcing__Batch *b, const Sourcing__Plan *plan, const char *what)
{
    SrcCheckReport report;
    size_t n = src_check_plan(b, plan, &report);
    CHECK_MSG(n == 0, "%s: %zu violations, first: %s", what, n, n ? report.violations[0] : "");
    src_check_report_free(&report);
}

static void check_row(const char *file, double baseline_cost, double savings)
{
    char path[600];
    snprintf(path, sizeof path, "instances/%s", file);
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(path, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    double slack = strncmp(file, "orlib/", 6) ? 0 : 0.005;
    Sourcing__Plan *rules = NULL;
    CHECK(src_baseline(b, &rules, &err) == SRC_OK);
    if (rules) {
        check_plan_passes(b, rules, path);
        CHECK_MSG(near(rules->costs->total, baseline_cost, 0), "%s: rules plan %.6f, worked out %.6f", path,
                  rules->costs->total, baseline_cost);
        CHECK(!strcmp(rules->method, "rules"));
    }
    SrcOptions options;
    src_options_init(&options);
    options.time_limit = 20;
    Sourcing__Plan *plan = NULL;
    CHECK(src_solve(b, &options, &plan, &err) == SRC_OK);
    CHECK_MSG(plan && plan->baseline && plan->baseline->costs, "%s: plan without a baseline", path);
    if (plan && plan->baseline && plan->baseline->costs) {
        check_plan_passes(b, plan, path);
        const Sourcing__Baseline *bl = plan->baseline;
        CHECK_MSG(near(bl->costs->total, baseline_cost, 0), "%s: baseline %.6f", path, bl->costs->total);
        CHECK_MSG(near(plan->savings, savings, slack), "%s: savings %.6f, worked out %.6f", path, plan->savings,
                  savings);
        CHECK(plan->has_savings_ratio && near(plan->savings_ratio, plan->savings / baseline_cost, 0));
        if (rules) {  /* the figures are the rules plan's own */
            CHECK(bl->shipments == rules->shipments && bl->split_orders == rules->split_orders);
            CHECK(bl->late_shipments == rules->late_shipments && bl->unfilled_units == rules->unfilled_units);
            CHECK(near(bl->costs->unfilled, rules->costs->unfilled, 0) &&
                  near(bl->costs->shipping, rules->costs->shipping, 0));
        }
    }
    src_plan_free(plan);
    src_plan_free(rules);
    src_batch_free(b);
}

/* Every row of baseline.tsv; returns how many there were (-1: the file is missing). */
static int each_baseline(void)
{
    FILE *f = fopen(BASELINES, "r");
    CHECK_MSG(f != NULL, "cannot open %s", BASELINES);
    if (!f)
        return -1;
    char line[2048], file[512];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        double cost, savings;
        if (line[0] == '#' || !strncmp(line, "file\t", 5))
            continue;
        int read = sscanf(line, "%511[^\t]\t%lf\t%lf", file, &cost, &savings);
        CHECK_MSG(read == 3, "%s: malformed row '%s'", BASELINES, line);
        if (read == 3)
            check_row(file, cost, savings), rows++;
    }
    fclose(f);
    return rows;
}

TEST(every_canonical_instance_has_its_worked_out_baseline_and_savings)
{
    CHECK(each_baseline() == 21 + 13);
}

/* On generated batches (all three strategies, short limits) the plan carries the baseline, is never
 * dearer than it, and both pass the checker. */
TEST(generated_plans_never_cost_more_than_the_rules)
{
    const char *strategies[] = {"greedy", "auto", "mip"};
    for (int seed = 1; seed <= 3; seed++) {
        SrcGenParams params = {.orders = 60, .nodes = 12, .skus = 15, .carriers = 2, .seed = (uint64_t)seed};
        SrcError err = {{0}};
        Sourcing__Batch *b = src_generate(&params, &err);
        CHECK_MSG(b != NULL, "%s", err.message);
        for (int k = 0; b && k < 3; k++) {
            SrcOptions options;
            src_options_init(&options);
            options.time_limit = 0.5;
            options.strategy = strategies[k];
            Sourcing__Plan *plan = NULL;
            CHECK(src_solve(b, &options, &plan, &err) == SRC_OK);
            CHECK_MSG(plan && plan->baseline && plan->savings >= -1e-9, "seed %d %s: savings %g", seed,
                      strategies[k], plan ? plan->savings : 0);
            if (plan)
                check_plan_passes(b, plan, strategies[k]);
            src_plan_free(plan);
        }
        Sourcing__Plan *rules = NULL;
        if (b && src_baseline(b, &rules, &err) == SRC_OK)
            check_plan_passes(b, rules, "rules");
        CHECK(rules != NULL);
        src_plan_free(rules);
        src_batch_free(b);
    }
}

int main(void)
{
    RUN(every_canonical_instance_has_its_worked_out_baseline_and_savings);
    RUN(generated_plans_never_cost_more_than_the_rules);
    TEST_EXIT();
}
