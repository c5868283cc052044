/* One order's subproblem of the order-whole bound, by enumeration with pruning (see order_sub.h). */
#include "order_sub.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The second test of drop_hopeless costs a fill per item: only up to this many items. */
#define SPREAD_TEST_ITEMS 400

/* qsort's items: a key and what it sorts (no globals: solves run in parallel threads). */
typedef struct Keyed {
    double key;
    int index;
} Keyed;

static int by_key(const void *a, const void *b)
{
    double x = ((const Keyed *)a)->key, y = ((const Keyed *)b)->key;
    return x < y ? -1 : x > y;
}

int order_sub_reserve(OrderSub *s, int items, int lines, int cands)
{
    if (s->quantity && items <= s->cap_items && lines <= s->cap_lines && cands <= s->cap_cands)
        return 0;  /* made already, large enough (even an order of nothing needs its arrays) */
    items = items > s->cap_items ? items : s->cap_items;
    lines = lines > s->cap_lines ? lines : s->cap_lines;
    cands = cands > s->cap_cands ? cands : s->cap_cands;
    order_sub_free(s);
    size_t ni = (size_t)items + 1, nl = (size_t)lines + 1, cells = ni * nl;
    s->quantity = malloc(nl * sizeof(double));
    s->unfilled = malloc(nl * sizeof(double));
    s->items = malloc(ni * sizeof(OsItem));
    s->item_tmp = malloc(ni * sizeof(OsItem));
    s->cost = malloc(cells * sizeof(double));
    s->ub = malloc(cells * sizeof(double));
    s->cost_tmp = malloc(cells * sizeof(double));
    s->ub_tmp = malloc(cells * sizeof(double));
    s->sorted = malloc(cells * sizeof(int));
    s->n_sorted = malloc(nl * sizeof(int));
    s->best = malloc(ni * sizeof(int));
    s->chosen = malloc(ni * sizeof(int));
    s->in_set = malloc(ni);
    s->avail = malloc(ni);
    s->cand_used = calloc((size_t)cands + 1, 1);
    s->keyed = malloc(ni * sizeof(struct Keyed));
    s->spread = malloc(cells * sizeof(double));
    s->sorted2 = malloc(cells * sizeof(int));
    s->n_sorted2 = malloc(nl * sizeof(int));
    if (!s->keyed || !s->spread || !s->sorted2 || !s->n_sorted2 || !s->quantity || !s->unfilled || !s->items || !s->item_tmp || !s->cost || !s->ub || !s->cost_tmp ||
        !s->ub_tmp || !s->sorted || !s->n_sorted || !s->best || !s->chosen || !s->in_set || !s->avail ||
        !s->cand_used) {
        order_sub_free(s);
        return -1;
    }
    s->cap_items = items, s->cap_lines = lines, s->cap_cands = cands;
    return 0;
}

void order_sub_free(OrderSub *s)
{
    free(s->quantity); free(s->unfilled); free(s->items); free(s->item_tmp); free(s->cost); free(s->ub);
    free(s->cost_tmp); free(s->ub_tmp); free(s->sorted); free(s->n_sorted); free(s->best); free(s->chosen);
    free(s->in_set); free(s->avail); free(s->cand_used); free(s->keyed);
    free(s->spread); free(s->sorted2); free(s->n_sorted2);
    s->keyed = NULL, s->spread = NULL, s->sorted2 = s->n_sorted2 = NULL;
    s->quantity = s->unfilled = s->cost = s->ub = s->cost_tmp = s->ub_tmp = NULL;
    s->items = s->item_tmp = NULL;
    s->sorted = s->n_sorted = s->best = s->chosen = NULL;
    s->in_set = s->avail = s->cand_used = NULL;
    s->cap_items = s->cap_lines = s->cap_cands = 0;
}

/* The cheapest fill of every line from the items flagged in `use`, the rest unfilled. */
static double fill(const OrderSub *s, const unsigned char *use)
{
    int L = s->n_lines;
    double total = 0;
    for (int i = 0; i < L; i++) {
        double left = s->quantity[i];
        const int *list = s->sorted + (size_t)i * (size_t)s->n_items;
        for (int k = 0; k < s->n_sorted[i] && left > 0; k++) {
            int it = list[k];
            if (!use[it])
                continue;
            double ub = s->ub[(size_t)it * L + i], x = left < ub ? left : ub;
            total += x * s->cost[(size_t)it * L + i];
            left -= x;
        }
        total += left * s->unfilled[i];
    }
    return total;
}

/* The cheapest fill when the items in `paid` cost their unit cost and those in `open` (not paid
 * yet) their unit cost plus their fixed cost spread over all the units they could carry: a lower
 * bound on every set between paid and paid + open (a shipment pays at least that share of its
 * fixed cost per unit it carries). The two kinds are merged from their own cheapest-first lists. */
static double spread_fill(const OrderSub *s, const unsigned char *paid, const unsigned char *open)
{
    int L = s->n_lines;
    double total = 0;
    for (int i = 0; i < L; i++) {
        double left = s->quantity[i];
        const int *a = s->sorted + (size_t)i * (size_t)s->n_items, *b = s->sorted2 + (size_t)i * (size_t)s->n_items;
        int ka = 0, kb = 0, na = s->n_sorted[i], nb = s->n_sorted2[i];
        while (left > 0) {
            while (ka < na && !paid[a[ka]])
                ka++;
            while (kb < nb && (!open[b[kb]] || paid[b[kb]]))
                kb++;
            if (ka >= na && kb >= nb)
                break;
            double ca = ka < na ? s->cost[(size_t)a[ka] * L + i] : INFINITY;
            double cb = kb < nb ? s->spread[(size_t)b[kb] * L + i] : INFINITY;
            int it = ca <= cb ? a[ka++] : b[kb++];
            double ub = s->ub[(size_t)it * L + i], x = left < ub ? left : ub;
            total += x * (ca <= cb ? ca : cb);
            left -= x;
        }
        total += left * s->unfilled[i];
    }
    return total;
}

/* Whether an item can ever pay: its fixed cost below what its units could save over unfilled.
 * Dropping one that cannot never raises the cost of a set (its units go unfilled instead). */
static int item_may_pay(const OrderSub *s, int it)
{
    double saving = 0;
    for (int i = 0; i < s->n_lines; i++) {
        double c = s->cost[(size_t)it * s->n_lines + i], ub = s->ub[(size_t)it * s->n_lines + i];
        if (c < s->unfilled[i])
            saving += fmin(ub, s->quantity[i]) * (s->unfilled[i] - c);
    }
    return s->items[it].fixed < saving;
}

/* Each item's unit costs with its fixed cost spread over all the units it could carry, and the
 * per-line lists of those that pay, cheapest first. */
static void spread_lists(OrderSub *s)
{
    int L = s->n_lines, kept = s->n_items;
    for (int k = 0; k < kept; k++) {
        double units = 0;
        for (int i = 0; i < L; i++)
            units += fmin(s->ub[(size_t)k * L + i], s->quantity[i]);
        for (int i = 0; i < L; i++)
            s->spread[(size_t)k * L + i] = s->cost[(size_t)k * L + i] + (units > 0 ? s->items[k].fixed / units : 0);
    }
    for (int i = 0; i < L; i++) {
        int *list = s->sorted2 + (size_t)i * (size_t)kept, n = 0;
        for (int k = 0; k < kept; k++)
            if (s->ub[(size_t)k * L + i] > 0 && s->spread[(size_t)k * L + i] < s->unfilled[i])
                s->keyed[n++] = (Keyed){s->spread[(size_t)k * L + i], k};
        qsort(s->keyed, (size_t)n, sizeof(Keyed), by_key);
        for (int k = 0; k < n; k++)
            list[k] = s->keyed[k].index;
        s->n_sorted2[i] = n;
    }
}

/* Keeps the items chosen[0 .. kept) in that order, with their rows of cost and ub. */
static void compact(OrderSub *s, int kept)
{
    int L = s->n_lines;
    memcpy(s->item_tmp, s->items, (size_t)s->n_items * sizeof(OsItem));
    memcpy(s->cost_tmp, s->cost, (size_t)s->n_items * L * sizeof(double));
    memcpy(s->ub_tmp, s->ub, (size_t)s->n_items * L * sizeof(double));
    for (int k = 0; k < kept; k++) {
        int it = s->chosen[k];
        s->items[k] = s->item_tmp[it];
        memcpy(s->cost + (size_t)k * L, s->cost_tmp + (size_t)it * L, (size_t)L * sizeof(double));
        memcpy(s->ub + (size_t)k * L, s->ub_tmp + (size_t)it * L, (size_t)L * sizeof(double));
    }
    s->n_items = kept;
}

/* Per line, the items whose units pay, cheapest first (by unit cost, and by spread cost). */
static void build_lists(OrderSub *s)
{
    int L = s->n_lines, kept = s->n_items;
    for (int i = 0; i < L; i++) {
        int *list = s->sorted + (size_t)i * (size_t)kept, n = 0;
        for (int k = 0; k < kept; k++)
            if (s->ub[(size_t)k * L + i] > 0 && s->cost[(size_t)k * L + i] < s->unfilled[i])
                s->keyed[n++] = (Keyed){s->cost[(size_t)k * L + i], k};
        qsort(s->keyed, (size_t)n, sizeof(Keyed), by_key);
        for (int k = 0; k < n; k++)
            list[k] = s->keyed[k].index;
        s->n_sorted[i] = n;
    }
    spread_lists(s);
}

/* Keeps the items that may pay, sorted by their standalone cost (the order's cost with that item
 * alone), and builds the per-line lists. */
static void sort_items(OrderSub *s)
{
    int L = s->n_lines, kept = 0;
    for (int it = 0; it < s->n_items; it++)
        if (item_may_pay(s, it))
            s->chosen[kept++] = it;
    for (int k = 0; k < kept; k++) {
        int it = s->chosen[k];
        double v = s->items[it].fixed;
        for (int i = 0; i < L; i++) {
            double c = s->cost[(size_t)it * L + i], x = c < s->unfilled[i] ? fmin(s->ub[(size_t)it * L + i], s->quantity[i]) : 0;
            v += x * c + (s->quantity[i] - x) * s->unfilled[i];
        }
        s->keyed[k] = (Keyed){v, it};
        s->items[it].standalone = v;
    }
    qsort(s->keyed, (size_t)kept, sizeof(Keyed), by_key);
    for (int k = 0; k < kept; k++)
        s->chosen[k] = s->keyed[k].index;
    compact(s, kept);
    build_lists(s);
}

/* Keeps the items chosen[0 .. kept) (ascending), and their lists as they are sorted already. */
static void keep_sorted(OrderSub *s, int kept)
{
    int L = s->n_lines, n = s->n_items, *remap = s->best;  /* best is free until the search */
    for (int k = 0; k < n; k++)
        remap[k] = -1;
    for (int k = 0; k < kept; k++) {
        remap[s->chosen[k]] = k;
        memmove(s->spread + (size_t)k * L, s->spread + (size_t)s->chosen[k] * L, (size_t)L * sizeof(double));
    }
    for (int i = 0; i < L; i++) {
        int *from = s->sorted + (size_t)i * n, *to = s->sorted + (size_t)i * kept, m = 0;
        for (int k = 0; k < s->n_sorted[i]; k++)
            if (remap[from[k]] >= 0)
                to[m++] = remap[from[k]];
        s->n_sorted[i] = m;
        from = s->sorted2 + (size_t)i * n, to = s->sorted2 + (size_t)i * kept, m = 0;
        for (int k = 0; k < s->n_sorted2[i]; k++)
            if (remap[from[k]] >= 0)
                to[m++] = remap[from[k]];
        s->n_sorted2[i] = m;
    }
    compact(s, kept);
}

/* Drops the items that no set cheaper than `best` (the empty set's or the best single item's
 * cost) can contain: any set with item k costs at least k's fixed cost plus the fill from all
 * items, or plus the fill with k paid and the others at their spread cost. The best single item
 * (the first) stays. */
static void drop_hopeless(OrderSub *s, double best)
{
    memset(s->avail, 1, (size_t)s->n_items + 1);
    memset(s->in_set, 0, (size_t)s->n_items + 1);
    double all = fill(s, s->avail);
    int kept = 0;
    for (int k = 0; k < s->n_items; k++) {
        double lb = s->items[k].fixed + all;
        if (k > 0 && lb < best && s->n_items <= SPREAD_TEST_ITEMS) {  /* when the first test leaves k in */
            s->in_set[k] = 1;
            lb = fmax(lb, s->items[k].fixed + spread_fill(s, s->in_set, s->avail));
            s->in_set[k] = 0;
        }
        if (k == 0 || lb < best)
            s->chosen[kept++] = k;
    }
    if (kept < s->n_items)
        keep_sorted(s, kept);
}

static void prepare(OrderSub *s, double empty)
{
    sort_items(s);
    if (s->n_items > 1)
        drop_hopeless(s, fmin(empty, s->items[0].standalone));
}

/* Depth-first over the sets that extend the current one (in_set, `count` items, fixed costs
 * fsum) with items from r on. */
static void dfs(OrderSub *s, int r, int count, double fsum)
{
    s->visits++;
    if (count > 0) {
        double v = fsum + s->split_cost * (count - 1) + fill(s, s->in_set);
        if (v < s->incumbent) {
            s->incumbent = v;
            s->n_best = count;
            memcpy(s->best, s->chosen, (size_t)count * sizeof(int));
        }
    }
    if (s->max_ships > 0 && count >= s->max_ships)
        return;
    double min_fixed = INFINITY;
    for (int j = 0; j < s->n_items; j++) {
        s->avail[j] = s->in_set[j] || (j >= r && !s->cand_used[s->items[j].cand]);
        if (j >= r && s->avail[j])
            min_fixed = fmin(min_fixed, s->items[j].fixed);
    }
    if (min_fixed == INFINITY)
        return;
    /* every strict extension: one more shipment at least */
    double ext = fsum + min_fixed + s->split_cost * count + fill(s, s->avail);
    if (ext >= s->incumbent)
        return;
    ext = fmax(ext, fsum + s->split_cost * count + spread_fill(s, s->in_set, s->avail));
    if (ext >= s->incumbent)
        return;
    if (s->aborted || s->visits > s->visit_cap) {
        s->aborted = 1;
        s->open_bound = fmin(s->open_bound, ext);
        return;
    }
    for (int j = r; j < s->n_items; j++) {
        if (s->cand_used[s->items[j].cand])
            continue;
        s->in_set[j] = 1, s->cand_used[s->items[j].cand] = 1, s->chosen[count] = j;
        dfs(s, j + 1, count + 1, fsum + s->items[j].fixed);
        s->in_set[j] = 0, s->cand_used[s->items[j].cand] = 0;
        if (s->aborted) {
            s->open_bound = fmin(s->open_bound, ext);  /* covers the children not visited */
            return;
        }
    }
}

double order_sub_solve(OrderSub *s)
{
    double empty = 0;
    for (int i = 0; i < s->n_lines; i++)
        empty += s->quantity[i] * s->unfilled[i];
    prepare(s, empty);
    memset(s->in_set, 0, (size_t)s->n_items + 1);
    memset(s->cand_used, 0, (size_t)s->n_cands + 1);
    s->incumbent = empty;
    s->n_best = 0;
    s->open_bound = INFINITY;
    s->aborted = 0;
    s->visits = 0;
    dfs(s, 0, 0, 0);
    return fmin(s->incumbent, s->open_bound);
}

void order_sub_best_units(OrderSub *s, double *x)
{
    int L = s->n_lines;
    memset(x, 0, (size_t)s->n_items * L * sizeof(double));
    memset(s->in_set, 0, (size_t)s->n_items + 1);
    for (int k = 0; k < s->n_best; k++)
        s->in_set[s->best[k]] = 1;
    for (int i = 0; i < L; i++) {
        double left = s->quantity[i];
        const int *list = s->sorted + (size_t)i * (size_t)s->n_items;
        for (int k = 0; k < s->n_sorted[i] && left > 0; k++) {
            int it = list[k];
            if (!s->in_set[it])
                continue;
            double take = fmin(left, s->ub[(size_t)it * L + i]);
            x[(size_t)it * L + i] = take;
            left -= take;
        }
    }
    memset(s->in_set, 0, (size_t)s->n_items + 1);
}
