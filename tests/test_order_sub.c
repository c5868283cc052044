/* One order's subproblem of the order-whole bound (solver/bound/order_sub.c) is solved exactly:
 * on a few hundred random small orders its value equals the cheapest of all shipment sets, found
 * here by brute force; with the enumeration cut short after a few visits it never exceeds that
 * value (the bound stays valid, only weaker); an order with nothing at all is worth 0. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "order_sub.h"
#include "test.h"

#define MAX_ITEMS 12
#define MAX_LINES 4

typedef struct Case {
    int n_lines, n_items, n_cands, max_ships;
    double split, quantity[MAX_LINES], unfilled[MAX_LINES];
    int cand[MAX_ITEMS];
    double fixed[MAX_ITEMS], cost[MAX_ITEMS][MAX_LINES], ub[MAX_ITEMS][MAX_LINES];
} Case;

static uint64_t rng_state = 88172645463325252ULL;
static double uniform(void)  /* xorshift64: the same cases on every machine */
{
    rng_state ^= rng_state << 13, rng_state ^= rng_state >> 7, rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}
static int pick(int lo, int hi) { return lo + (int)(uniform() * (hi - lo + 1)) % (hi - lo + 1); }

static Case random_case(void)
{
    Case c = {.n_lines = pick(1, MAX_LINES), .n_cands = pick(1, 6), .max_ships = pick(0, 3)};
    c.split = uniform() < 0.3 ? 0 : 10 * uniform();
    for (int i = 0; i < c.n_lines; i++)
        c.quantity[i] = pick(1, 6), c.unfilled[i] = 5 + 40 * uniform();
    for (int k = 0; k < c.n_cands; k++)
        for (int j = 0; j < pick(1, 2) && c.n_items < MAX_ITEMS; j++) {
            int it = c.n_items++;
            c.cand[it] = k;
            c.fixed[it] = 30 * uniform();
            for (int i = 0; i < c.n_lines; i++)
                c.cost[it][i] = 20 * uniform(), c.ub[it][i] = uniform() < 0.2 ? 0 : pick(1, 6);
        }
    return c;
}

/* The cheapest fill of set (a bit mask of items): per line, cheapest units first. */
static double brute_fill(const Case *c, unsigned set)
{
    double total = 0;
    for (int i = 0; i < c->n_lines; i++) {
        double left = c->quantity[i];
        unsigned used = 0;
        while (left > 0) {
            int best = -1;
            for (int it = 0; it < c->n_items; it++)
                if ((set >> it & 1) && !(used >> it & 1) && c->ub[it][i] > 0 &&
                    (best < 0 || c->cost[it][i] < c->cost[best][i]))
                    best = it;
            if (best < 0 || c->cost[best][i] >= c->unfilled[i])
                break;
            used |= 1u << best;
            double x = fmin(left, c->ub[best][i]);
            total += x * c->cost[best][i];
            left -= x;
        }
        total += left * c->unfilled[i];
    }
    return total;
}

static double brute_force(const Case *c)
{
    double best = INFINITY;
    for (unsigned set = 0; set < 1u << c->n_items; set++) {
        int count = 0, clash = 0;
        unsigned cands = 0;
        double fixed = 0;
        for (int it = 0; it < c->n_items; it++)
            if (set >> it & 1) {
                clash |= (int)(cands >> c->cand[it] & 1);
                cands |= 1u << c->cand[it];
                fixed += c->fixed[it];
                count++;
            }
        if (clash || (c->max_ships > 0 && count > c->max_ships))
            continue;
        best = fmin(best, fixed + (count > 1 ? c->split * (count - 1) : 0) + brute_fill(c, set));
    }
    return best;
}

static double solved(OrderSub *s, const Case *c, long visit_cap)
{
    s->n_lines = c->n_lines, s->n_items = c->n_items, s->n_cands = c->n_cands;
    s->max_ships = c->max_ships, s->split_cost = c->split, s->visit_cap = visit_cap;
    for (int i = 0; i < c->n_lines; i++)
        s->quantity[i] = c->quantity[i], s->unfilled[i] = c->unfilled[i];
    for (int it = 0; it < c->n_items; it++) {
        s->items[it] = (OsItem){c->cand[it], it, c->fixed[it], 0};
        for (int i = 0; i < c->n_lines; i++)
            s->cost[it * c->n_lines + i] = c->cost[it][i], s->ub[it * c->n_lines + i] = c->ub[it][i];
    }
    return order_sub_solve(s);
}

TEST(order_subproblem_value_is_the_brute_force_optimum)
{
    OrderSub s;
    memset(&s, 0, sizeof s);
    CHECK(order_sub_reserve(&s, MAX_ITEMS, MAX_LINES, 6) == 0);
    int exact = 0;
    for (int n = 0; n < 400; n++) {
        Case c = random_case();
        double want = brute_force(&c), got = solved(&s, &c, 1000000);
        CHECK_MSG(!s.aborted, "case %d: cut short with a cap of a million visits", n);
        CHECK_MSG(fabs(got - want) <= 1e-9 * fmax(1, want), "case %d: %.9f, brute force %.9f", n, got, want);
        exact += fabs(got - want) <= 1e-9 * fmax(1, want);
    }
    printf("# %d of 400 random orders exact\n", exact);
    order_sub_free(&s);
}

TEST(order_subproblem_cut_short_stays_below_the_optimum)
{
    OrderSub s;
    memset(&s, 0, sizeof s);
    CHECK(order_sub_reserve(&s, MAX_ITEMS, MAX_LINES, 6) == 0);
    int cut = 0;
    for (int n = 0; n < 400; n++) {
        Case c = random_case();
        double want = brute_force(&c), got = solved(&s, &c, n % 4);  /* 0 to 3 visits */
        cut += s.aborted;
        CHECK_MSG(got <= want + 1e-9 * fmax(1, want), "case %d: %.9f above the optimum %.9f", n, got, want);
    }
    CHECK_MSG(cut > 50, "only %d of 400 cases were cut short: the premise is missing", cut);
    printf("# %d of 400 cut short\n", cut);
    order_sub_free(&s);
}

TEST(an_order_of_nothing_is_worth_nothing)
{
    OrderSub s;
    memset(&s, 0, sizeof s);
    CHECK(order_sub_reserve(&s, 0, 0, 0) == 0);  /* the largest order of a batch without candidates */
    Case c = {0};
    CHECK(solved(&s, &c, 10) == 0);
    CHECK(s.n_best == 0 && !s.aborted);
    order_sub_free(&s);
}

int main(void)
{
    RUN(an_order_of_nothing_is_worth_nothing);
    RUN(order_subproblem_value_is_the_brute_force_optimum);
    RUN(order_subproblem_cut_short_stays_below_the_optimum);
    TEST_EXIT();
}
