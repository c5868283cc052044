/* The solver library end to end: hand-made optima, generated batches checked by the independent
 * checker, strategies, never-worse-than-greedy, invalid input, cancel, GLPK faults, threads. */
#include <glpk.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "checker.h"
#include "generate.h"
#include "glpk_guard.h"
#include "sourcing.h"
#include "manifest.h"
#include "test.h"

static Sourcing__Batch *parse(const char *json);

/* Solves and checks the plan with the independent checker; returns the plan (or NULL). */
static Sourcing__Plan *solve_checked(const Sourcing__Batch *b, const char *strategy, double time_limit)
{
    SrcOptions o;
    src_options_init(&o);
    o.strategy = strategy;
    o.time_limit = time_limit;
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    SrcResult r = src_solve(b, &o, &plan, &err);
    CHECK_MSG(r == SRC_OK, "src_solve: %d %s", r, err.message);
    if (r != SRC_OK)
        return plan;
    SrcCheckReport report;
    size_t violations = src_check_plan(b, plan, &report);
    CHECK_MSG(violations == 0, "%zu violations, first: %s", violations, violations ? report.violations[0] : "");
    CHECK_CLOSE(report.total, plan->costs->total);
    src_check_report_free(&report);
    return plan;
}

static Sourcing__Batch *generated(int orders, int nodes, unsigned seed)
{
    SrcGenParams params = {.orders = orders, .nodes = nodes, .seed = seed};
    SrcError err = {{0}};
    Sourcing__Batch *b = src_generate(&params, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    return b;
}

/* Closer than CLOSE: the penalty instances cost about 1e9, and their few units of shipping must
 * still come out exact. */
#define EXACT(a, b) (fabs((a) - (b)) <= 1e-9 * fmax(1.0, fabs(b)))

/* Every hand-made instance: auto and the MIP alone reach the hand-computed optimum and prove it,
 * greedy is feasible. */
static void solve_handmade(const char *path, double optimum)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(path, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    const char *strategies[] = {"auto", "mip"};
    for (int k = 0; k < 2; k++) {
        Sourcing__Plan *plan = solve_checked(b, strategies[k], 30);
        CHECK_MSG(plan && EXACT(plan->costs->total, optimum), "%s %s: %.6f, optimum %.6f", path, strategies[k],
                  plan ? plan->costs->total : -1, optimum);
        CHECK_MSG(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL && EXACT(plan->best_bound, optimum),
                  "%s %s not OPTIMAL", path, strategies[k]);
        src_plan_free(plan);
    }
    Sourcing__Plan *plan = solve_checked(b, "greedy", 30);
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__HEURISTIC && !plan->has_best_bound);
    CHECK(plan && plan->costs->total >= optimum - 1e-6);
    src_plan_free(plan);
    src_batch_free(b);
}

TEST(handmade_instances_reach_their_optimum)
{
    CHECK(for_each_manifest_row("handmade/", solve_handmade) >= 12);
}

/* SPEC.md: penalties of 1e9 per unfilled unit once made GLPK return wrong optima on the OR-Library
 * files. With unfilled units as their own capped columns, each file still reaches its published
 * optimum. */
static void solve_with_huge_penalty(const char *path, double optimum)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = src_read_batch(path, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    if (!b)
        return;
    b->has_default_unfilled_cost = 1;
    b->default_unfilled_cost = 1e9;
    Sourcing__Plan *plan = solve_checked(b, "auto", 60);
    CHECK_MSG(plan && fabs(plan->costs->total - optimum) <= 0.005 + 1e-9 * optimum, "%s: %.4f, published %.4f",
              path, plan ? plan->costs->total : -1, optimum);
    CHECK_MSG(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL, "%s not OPTIMAL", path);
    src_plan_free(plan);
    src_batch_free(b);
}

TEST(orlib_optima_hold_with_huge_unfilled_penalty)
{
    CHECK(for_each_manifest_row("orlib/", solve_with_huge_penalty) == 13);
}

/* Two huge penalties compete for one unit of stock: the dearer line gets it, and it is proven. */
TEST(competing_huge_penalties_reach_the_true_optimum)
{
    Sourcing__Batch *b = parse("{\"nodes\":[{\"id\":\"n\",\"inventory\":[{\"sku\":\"a\",\"quantity\":1}]}],"
                               "\"lanes\":[{\"node_id\":\"n\",\"zone\":\"z\",\"carrier\":\"c\",\"shipment_cost\":1}],"
                               "\"orders\":[{\"id\":\"cheap\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,"
                               "\"unfilled_cost\":1e9}]},{\"id\":\"dear\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\","
                               "\"quantity\":1,\"unfilled_cost\":2e9}]}]}");
    const char *strategies[] = {"auto", "mip"};
    for (int k = 0; b && k < 2; k++) {
        Sourcing__Plan *plan = solve_checked(b, strategies[k], 10);
        CHECK_MSG(plan && EXACT(plan->costs->total, 1e9 + 1), "%s: %.3f", strategies[k], plan ? plan->costs->total : -1);
        CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL && EXACT(plan->best_bound, 1e9 + 1));
        src_plan_free(plan);
    }
    src_batch_free(b);
}

/* One unit, two lines in one penalty tier: 1e9 + 300 on a lane of `lane`, 1e9 on a lane of 10.
 * The residual 300 sits in the base objective with the shipping costs, so it is weighed against
 * them: the unit goes to the 1e9 + 300 line while its lane costs less than 310. */
static void solve_residual_case(double lane, double optimum)
{
    char json[1024];
    snprintf(json, sizeof json,
             "{\"nodes\":[{\"id\":\"n\",\"inventory\":[{\"sku\":\"a\",\"quantity\":1}]}],"
             "\"lanes\":[{\"node_id\":\"n\",\"zone\":\"far\",\"carrier\":\"c\",\"shipment_cost\":%g},"
             "{\"node_id\":\"n\",\"zone\":\"near\",\"carrier\":\"c\",\"shipment_cost\":10}],"
             "\"orders\":[{\"id\":\"dear\",\"zone\":\"far\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,"
             "\"unfilled_cost\":1000000300}]},{\"id\":\"plain\",\"zone\":\"near\",\"lines\":[{\"sku\":\"a\","
             "\"quantity\":1,\"unfilled_cost\":1e9}]}]}",
             lane);
    Sourcing__Batch *b = parse(json);
    const char *strategies[] = {"auto", "mip"};
    for (int k = 0; b && k < 2; k++) {
        Sourcing__Plan *plan = solve_checked(b, strategies[k], 10);
        CHECK_MSG(plan && EXACT(plan->costs->total, optimum), "lane %g %s: %.3f, optimum %.3f", lane, strategies[k],
                  plan ? plan->costs->total : -1, optimum);
        CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL && EXACT(plan->best_bound, optimum));
        src_plan_free(plan);
    }
    src_batch_free(b);
}

TEST(differences_within_a_penalty_tier_are_weighed_against_shipping)
{
    solve_residual_case(200, 1e9 + 200);        /* to dear: 200 + 1e9; to plain: 10 + 1e9 + 300 */
    solve_residual_case(400, 1e9 + 310);        /* to dear: 400 + 1e9; to plain: 10 + 1e9 + 300 */
}

/* The node ships once: serving the order of two units at 1e9 leaves 1.5e9 unfilled, serving the
 * 1.5e9 line leaves 2e9. The two costs share the unit 5e8 (weights 3 and 2), so one tier weighs
 * them against each other: the cheaper plan is found and proven. */
TEST(costs_sharing_a_unit_are_weighed_in_one_tier)
{
    Sourcing__Batch *b = parse("{\"nodes\":[{\"id\":\"n\",\"max_shipments\":1,\"inventory\":[{\"sku\":\"a\",\"quantity\":2}]}],"
                               "\"lanes\":[{\"node_id\":\"n\",\"zone\":\"z\",\"carrier\":\"c\",\"shipment_cost\":10}],"
                               "\"orders\":[{\"id\":\"one\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,"
                               "\"unfilled_cost\":1.5e9}]},{\"id\":\"two\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\","
                               "\"quantity\":2,\"unfilled_cost\":1e9}]}]}");
    const char *strategies[] = {"auto", "mip"};
    for (int k = 0; b && k < 2; k++) {
        Sourcing__Plan *plan = solve_checked(b, strategies[k], 10);
        CHECK_MSG(plan && EXACT(plan->costs->total, 1.5e9 + 10), "%s: %.3f", strategies[k], plan ? plan->costs->total : -1);
        CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL && EXACT(plan->best_bound, 1.5e9 + 10));
        src_plan_free(plan);
    }
    src_batch_free(b);
}

/* Costs 1e9 + 7e5 and 1e9 share no unit, so they are separate tiers, minimised dearest first; but
 * the node ships once, and serving the 1e9 order's two units leaves only 1e9 + 7e5 unfilled, less
 * than the 2e9 that serving the dearer line leaves. The tiers then cannot prove their plan: the
 * bound stays at or below the true optimum, and OPTIMAL is claimed only at it. */
TEST(tiers_that_do_not_dwarf_each_other_never_give_a_false_claim)
{
    Sourcing__Batch *b = parse("{\"nodes\":[{\"id\":\"n\",\"max_shipments\":1,\"inventory\":[{\"sku\":\"a\",\"quantity\":2}]}],"
                               "\"lanes\":[{\"node_id\":\"n\",\"zone\":\"z\",\"carrier\":\"c\",\"shipment_cost\":10}],"
                               "\"orders\":[{\"id\":\"one\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,"
                               "\"unfilled_cost\":1000700000}]},{\"id\":\"two\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\","
                               "\"quantity\":2,\"unfilled_cost\":1e9}]}]}");
    const double optimum = 1000700000 + 10;
    const char *strategies[] = {"auto", "mip"};
    for (int k = 0; b && k < 2; k++) {
        Sourcing__Plan *plan = solve_checked(b, strategies[k], 10);
        if (!plan)
            continue;
        CHECK(plan->costs->total >= optimum - 1e-6);
        CHECK_MSG(plan->has_best_bound && plan->best_bound <= optimum + 1e-6, "%s: bound %.3f", strategies[k],
                  plan->best_bound);
        if (plan->status == SOURCING__PLAN_STATUS__OPTIMAL)
            CHECK(EXACT(plan->costs->total, optimum));
        if (!strcmp(strategies[k], "auto"))  /* the greedy sees the true penalties */
            CHECK(EXACT(plan->costs->total, optimum));
        src_plan_free(plan);
    }
    src_batch_free(b);
}

/* Greedy is feasible on many generated batches, and auto is never worse than greedy. */
TEST(generated_batches_greedy_feasible_auto_never_worse)
{
    const int sizes[][2] = {{20, 5}, {60, 10}, {150, 20}};
    for (unsigned seed = 1; seed <= 3; seed++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            Sourcing__Batch *b = generated(sizes[k][0], sizes[k][1], seed);
            if (!b)
                continue;
            Sourcing__Plan *greedy = solve_checked(b, "greedy", 10);
            Sourcing__Plan *automatic = solve_checked(b, "auto", 1.0);
            CHECK(greedy && automatic);
            if (greedy && automatic) {
                CHECK_MSG(automatic->costs->total <= greedy->costs->total * (1 + 1e-9) + 1e-9,
                          "auto %.4f worse than greedy %.4f", automatic->costs->total, greedy->costs->total);
                CHECK(automatic->status != SOURCING__PLAN_STATUS__INVALID);
                if (automatic->has_best_bound)
                    CHECK(automatic->best_bound <= automatic->costs->total + 1e-6);
            }
            src_plan_free(greedy);
            src_plan_free(automatic);
            src_batch_free(b);
        }
}

TEST(mip_strategy_proves_small_batches_optimal)
{
    Sourcing__Batch *b = generated(12, 4, 5);
    Sourcing__Plan *mip = b ? solve_checked(b, "mip", 30) : NULL;
    Sourcing__Plan *automatic = b ? solve_checked(b, "auto", 30) : NULL;
    CHECK(mip && mip->status == SOURCING__PLAN_STATUS__OPTIMAL && mip->gap == 0);
    CHECK(mip && automatic && CLOSE(mip->costs->total, automatic->costs->total));
    CHECK(mip && mip->model && mip->model->columns > 0 && mip->model->rows > 0);
    src_plan_free(mip);
    src_plan_free(automatic);
    src_batch_free(b);
}

/* A budget far too short for the MIP still answers a feasible greedy plan. */
TEST(tiny_budget_answers_heuristic_plan)
{
    Sourcing__Batch *b = generated(1000, 50, 9);
    Sourcing__Plan *plan = b ? solve_checked(b, "auto", 0.001) : NULL;
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__HEURISTIC);
    CHECK_STR_CONTAINS(plan ? plan->message : NULL, "MIP skipped");
    src_plan_free(plan);
    src_batch_free(b);
}

static Sourcing__Batch *parse(const char *json)
{
    SrcError err = {{0}};
    Sourcing__Batch *b = (Sourcing__Batch *)src_message_from_json(json, strlen(json), &sourcing__batch__descriptor, &err);
    CHECK_MSG(b != NULL, "%s", err.message);
    return b;
}

TEST(empty_and_unreachable_batches)
{
    Sourcing__Batch *empty = parse("{}");
    Sourcing__Plan *plan = empty ? solve_checked(empty, "auto", 5) : NULL;
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL && plan->costs->total == 0 && plan->n_orders == 0);
    src_plan_free(plan);
    src_batch_free(empty);
    /* no lane reaches z9: everything is unfilled at the default 1000 per unit */
    Sourcing__Batch *b = parse("{\"nodes\":[{\"id\":\"n\",\"inventory\":[{\"sku\":\"a\",\"quantity\":5}]}],"
                               "\"lanes\":[{\"node_id\":\"n\",\"zone\":\"z1\",\"carrier\":\"c\"}],"
                               "\"orders\":[{\"id\":\"o\",\"zone\":\"z9\",\"lines\":[{\"sku\":\"a\",\"quantity\":3}]}]}");
    plan = b ? solve_checked(b, "auto", 5) : NULL;
    CHECK(plan && plan->costs->total == 3000 && plan->unfilled_units == 3 && plan->shipments == 0);
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL);
    src_plan_free(plan);
    src_batch_free(b);
}

/* Every plan carries its statistics: the library's version, the batch's options (here given in the
 * batch, nothing from the caller), each phase once, and a duration that is their sum. */
TEST(plan_statistics_name_version_options_and_phases)
{
    Sourcing__Batch *b = parse("{\"nodes\":[{\"id\":\"n\",\"inventory\":[{\"sku\":\"a\",\"quantity\":5}]}],"
                               "\"lanes\":[{\"node_id\":\"n\",\"zone\":\"z\",\"carrier\":\"c\",\"shipment_cost\":2}],"
                               "\"orders\":[{\"id\":\"o\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\",\"quantity\":3}]}],"
                               "\"options\":{\"time_limit\":4,\"gap\":0.05,\"strategy\":\"greedy\"}}");
    Sourcing__Plan *plan = b ? solve_checked(b, NULL, 0) : NULL;
    const Sourcing__Statistics *st = plan ? plan->statistics : NULL;
    CHECK(st != NULL);
    if (!st) {
        src_plan_free(plan);
        src_batch_free(b);
        return;
    }
    CHECK(st->version && !strcmp(st->version, SRC_VERSION));
    CHECK(st->glpk_version && !strcmp(st->glpk_version, src_glpk_version()));
    CHECK(st->time_limit == 4 && st->gap == 0.05);
    CHECK(st->strategy && !strcmp(st->strategy, "greedy"));
    double sum = 0;
    int locals = 0;
    for (size_t i = 0; i < st->n_phases; i++) {
        sum += st->phases[i]->seconds;
        for (size_t j = 0; j < i; j++)
            CHECK_MSG(strcmp(st->phases[i]->phase, st->phases[j]->phase), "phase %s twice", st->phases[i]->phase);
        locals += !strcmp(st->phases[i]->phase, "local");
    }
    CHECK(locals == 1 && st->duration == sum && sum > 0);
    src_plan_free(plan);
    src_batch_free(b);
}

TEST(invalid_batch_gives_invalid_plan_with_field_path)
{
    Sourcing__Batch *b = parse("{\"orders\":[{\"id\":\"o\",\"zone\":\"z\",\"lines\":[{\"sku\":\"a\",\"quantity\":-2}]}]}");
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    CHECK(b && src_solve(b, NULL, &plan, &err) == SRC_INVALID);
    CHECK_STR_CONTAINS(err.message, "orders[0].lines[0].quantity");
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__INVALID);
    CHECK_STR_CONTAINS(plan ? plan->message : NULL, "orders[0].lines[0].quantity");
    src_plan_free(plan);
    src_batch_free(b);
    /* the caller's options are checked too */
    b = parse("{}");
    SrcOptions o;
    src_options_init(&o);
    o.strategy = "magic";
    plan = NULL;
    CHECK(b && src_solve(b, &o, &plan, &err) == SRC_INVALID);
    CHECK_STR_CONTAINS(err.message, "strategy: unknown strategy 'magic'");
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__INVALID);
    src_plan_free(plan);
    src_options_init(&o);
    o.time_limit = NAN;
    plan = NULL;
    CHECK(b && src_solve(b, &o, &plan, &err) == SRC_INVALID);
    CHECK_STR_CONTAINS(err.message, "time_limit");
    src_plan_free(plan);
    src_options_init(&o);
    o.gap = 2;
    plan = NULL;
    CHECK(b && src_solve(b, &o, &plan, &err) == SRC_INVALID);
    CHECK_STR_CONTAINS(err.message, "gap: must be <= 1");
    src_plan_free(plan);
    src_batch_free(b);
    b = parse("{\"options\":{\"strategy\":\"magic\"}}");
    plan = NULL;
    CHECK(b && src_solve(b, NULL, &plan, &err) == SRC_INVALID);
    CHECK_STR_CONTAINS(err.message, "options.strategy");
    src_plan_free(plan);
    src_batch_free(b);
}

TEST(cancel_before_start_returns_cancelled)
{
    Sourcing__Batch *b = generated(50, 5, 2);
    atomic_int cancel = 1;
    SrcOptions o;
    src_options_init(&o);
    o.cancel = &cancel;
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    CHECK(b && src_solve(b, &o, &plan, &err) == SRC_CANCELLED);
    CHECK(plan == NULL);
    src_batch_free(b);
}

/* A GLPK fault inside the guard comes back as an error; GLPK works again afterwards. */
TEST(glpk_fault_is_an_error_not_an_abort)
{
    GlpkGuard guard;
    volatile int faulted = 0;
    if (GLPK_GUARD_BEGIN(guard)) {
        glpk_guard_recover();
        faulted = 1;
    } else {
        glp_term_out(GLP_OFF);
        glp_prob *lp = glp_create_prob();
        glp_set_col_kind(lp, 7, GLP_IV);  /* no column 7: GLPK reports an error */
        glpk_guard_end();
    }
    CHECK(faulted);
    Sourcing__Batch *b = generated(10, 3, 4);
    Sourcing__Plan *plan = b ? solve_checked(b, "mip", 10) : NULL;
    CHECK(plan && plan->status == SOURCING__PLAN_STATUS__OPTIMAL);
    src_plan_free(plan);
    src_batch_free(b);
}

TEST(export_writes_lp_and_mps_that_glpk_reads_back)
{
    Sourcing__Batch *b = generated(15, 4, 3);
    char lp_path[] = "/tmp/test_solve_XXXXXX.lp", mps_path[] = "/tmp/test_solve_XXXXXX.mps";
    close(mkstemps(lp_path, 3));
    close(mkstemps(mps_path, 4));
    SrcError err = {{0}};
    CHECK_MSG(b && src_export_model(b, lp_path, SRC_FORMAT_LP, &err) == 0, "%s", err.message);
    CHECK_MSG(b && src_export_model(b, mps_path, SRC_FORMAT_MPS, &err) == 0, "%s", err.message);
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob(), *mps = glp_create_prob();
    CHECK(glp_read_lp(lp, NULL, lp_path) == 0);
    CHECK(glp_read_mps(mps, GLP_MPS_FILE, NULL, mps_path) == 0);
    CHECK(glp_get_num_cols(lp) > 0 && glp_get_num_cols(lp) == glp_get_num_cols(mps));
    CHECK(glp_get_num_int(lp) == glp_get_num_int(mps));
    glp_delete_prob(lp);
    glp_delete_prob(mps);
    remove(lp_path);
    remove(mps_path);
    Sourcing__Batch *bad = parse("{\"lanes\":[{\"node_id\":\"ghost\",\"zone\":\"z\",\"carrier\":\"c\"}]}");
    CHECK(bad && src_export_model(bad, "/tmp/never_written.lp", SRC_FORMAT_LP, &err) == -1);
    CHECK_STR_CONTAINS(err.message, "lanes[0].node_id");
    src_batch_free(bad);
    src_batch_free(b);
}

typedef struct ThreadJob {
    Sourcing__Batch *batch;
    double cost;
    int ok;
} ThreadJob;

static void *solve_in_thread(void *arg)
{
    ThreadJob *job = arg;
    SrcOptions o;
    src_options_init(&o);
    o.strategy = "mip";
    Sourcing__Plan *plan = NULL;
    SrcError err = {{0}};
    job->ok = src_solve(job->batch, &o, &plan, &err) == SRC_OK && plan->status == SOURCING__PLAN_STATUS__OPTIMAL;
    job->cost = plan ? plan->costs->total : -1;
    src_plan_free(plan);
    src_thread_cleanup();
    return NULL;
}

/* Two threads solving at once get the same optima as one thread alone. */
TEST(threads_solve_independently)
{
    ThreadJob jobs[2] = {{generated(8, 3, 11), 0, 0}, {generated(8, 3, 12), 0, 0}};
    double alone[2];
    for (int k = 0; k < 2; k++) {
        solve_in_thread(&jobs[k]);
        alone[k] = jobs[k].cost;
    }
    pthread_t threads[2];
    for (int k = 0; k < 2; k++)
        pthread_create(&threads[k], NULL, solve_in_thread, &jobs[k]);
    for (int k = 0; k < 2; k++) {
        pthread_join(threads[k], NULL);
        CHECK(jobs[k].ok);
        CHECK_CLOSE(jobs[k].cost, alone[k]);
        src_batch_free(jobs[k].batch);
    }
}

int main(void)
{
    RUN(handmade_instances_reach_their_optimum);
    RUN(orlib_optima_hold_with_huge_unfilled_penalty);
    RUN(competing_huge_penalties_reach_the_true_optimum);
    RUN(differences_within_a_penalty_tier_are_weighed_against_shipping);
    RUN(costs_sharing_a_unit_are_weighed_in_one_tier);
    RUN(tiers_that_do_not_dwarf_each_other_never_give_a_false_claim);
    RUN(generated_batches_greedy_feasible_auto_never_worse);
    RUN(mip_strategy_proves_small_batches_optimal);
    RUN(tiny_budget_answers_heuristic_plan);
    RUN(empty_and_unreachable_batches);
    RUN(plan_statistics_name_version_options_and_phases);
    RUN(invalid_batch_gives_invalid_plan_with_field_path);
    RUN(cancel_before_start_returns_cancelled);
    RUN(glpk_fault_is_an_error_not_an_abort);
    RUN(export_writes_lp_and_mps_that_glpk_reads_back);
    RUN(threads_solve_independently);
    src_thread_cleanup();
    TEST_EXIT();
}
