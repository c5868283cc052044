/* What strategies report besides the plan (SolveInfo, see strategy.h): phases and method names. */
#include "strategy.h"

#include <stdlib.h>

#include "lagrange.h"
#include "order_lagrange.h"

#include <stdio.h>
#include <string.h>

void solve_info_phase(SolveInfo *info, const char *name, double seconds)
{
    if (info->n_phases < SRC_MAX_PHASES) {
        info->phase_name[info->n_phases] = name;
        info->phase_seconds[info->n_phases++] = seconds;
    }
}

void solve_info_method(SolveInfo *info, const char *name)
{
    size_t used = strlen(info->method), len = strlen(name);
    for (const char *at = strstr(info->method, name); at; at = strstr(at + 1, name))
        if ((at == info->method || at[-1] == '+') && (at[len] == '\0' || at[len] == '+'))
            return;  /* named already */
    snprintf(info->method + used, sizeof info->method - used, "%s%s", used ? "+" : "", name);
}

struct Lagrange *solve_info_prices(SolveInfo *info, const Problem *p, const Budget *budget, double target)
{
    if (!info->prices) {
        Lagrange *lg = malloc(sizeof *lg);
        if (!lg || lagrange_init(lg, p)) {
            free(lg);
            return NULL;
        }
        info->prices = lg;
    }
    double bound = lagrange_improve(info->prices, budget, target);
    if (info->prices->iterations > 0 && (!info->has_bound || bound > info->bound)) {
        info->has_bound = 1;
        info->bound = bound;
        info->bound_method = "lagrange";
        progress_bound(budget->progress, bound, src_now());
    }
    return info->prices;
}

struct OrderLagrange *solve_info_order_prices(SolveInfo *info, const Problem *p, const Budget *budget, double target)
{
    if (!info->order_prices) {
        OrderLagrange *olg = malloc(sizeof *olg);
        if (info->prices)
            lagrange_restore_best(info->prices);  /* warm from its best point, not its last step */
        if (!olg || order_lagrange_init(olg, p, info->prices)) {
            free(olg);
            return NULL;
        }
        info->order_prices = olg;
    }
    double bound = order_lagrange_improve(info->order_prices, budget, target);
    if (info->order_prices->iterations > 0 && (!info->has_bound || bound > info->bound)) {
        info->has_bound = 1;
        info->bound = bound;
        info->bound_method = "lagrange-orders";
        progress_bound(budget->progress, bound, src_now());
    }
    return info->order_prices;
}

void solve_info_free(SolveInfo *info)
{
    if (info->order_prices) {
        order_lagrange_free(info->order_prices);
        free(info->order_prices);
        info->order_prices = NULL;
    }
    if (info->prices) {
        lagrange_free(info->prices);
        free(info->prices);
        info->prices = NULL;
    }
}
