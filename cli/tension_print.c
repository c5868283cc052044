/* Printing the tension report and the explanations of a plan (see tension_print.h). */
#include "tension_print.h"

#include <string.h>

static const char *or_dash(const char *s)
{
    return s && s[0] ? s : "-";
}

/* "stock of A at n1", "units from n1", ... */
static void resource_name(const Sourcing__ResourceTension *r, char *buf, size_t size)
{
    const char *kind = or_dash(r->kind);
    if (!strcmp(kind, "stock"))
        snprintf(buf, size, "stock of %s at %s", or_dash(r->sku), or_dash(r->node));
    else if (!strcmp(kind, "node_shipments"))
        snprintf(buf, size, "shipments from %s", or_dash(r->node));
    else if (!strcmp(kind, "node_units"))
        snprintf(buf, size, "units from %s", or_dash(r->node));
    else if (!strcmp(kind, "carrier_pickups"))
        snprintf(buf, size, "%s pick-ups at %s", or_dash(r->carrier), or_dash(r->node));
    else
        snprintf(buf, size, "kg per shipment on %s->%s by %s", or_dash(r->node), or_dash(r->zone), or_dash(r->carrier));
}

void tension_print(FILE *out, const Sourcing__Plan *plan)
{
    const Sourcing__Tension *t = plan->tension;
    if (!t)
        return;
    fprintf(out, "prices:       %s\n", or_dash(t->price_method));
    size_t shown = t->n_resources < TENSION_PRINT_ROWS ? t->n_resources : TENSION_PRINT_ROWS;
    for (size_t i = 0; i < shown; i++) {
        const Sourcing__ResourceTension *r = t->resources[i];
        char name[600];
        resource_name(r, name, sizeof name);
        fprintf(out, "%s%-34s %g of %g (%.0f%%)   shadow price %.6g (%s)\n", i ? "              " : "tension:      ",
                name, r->used, r->capacity, 100 * r->utilisation, r->shadow_price, or_dash(r->price_source));
    }
    if (t->n_resources > shown)
        fprintf(out, "              ... %zu more in the plan's tension.resources\n", t->n_resources - shown);
    for (size_t i = 0; i < t->n_alerts; i++)
        fprintf(out, "alert:        %s\n", t->alerts[i]);
}

void explanations_print(FILE *out, const Sourcing__Plan *plan)
{
    for (size_t i = 0; i < plan->n_explanations; i++) {
        const Sourcing__OrderExplanation *e = plan->explanations[i];
        fprintf(out, "explain %s:\n", or_dash(e->order_id));
        fprintf(out, "  chosen:       %s; costs the batch %.10g\n", or_dash(e->chosen), e->chosen_cost);
        if (e->has_extra_cost)
            fprintf(out, "  alternative:  %s; %.10g more\n", or_dash(e->alternative), e->extra_cost);
        else
            fprintf(out, "  alternative:  %s\n", or_dash(e->alternative));
        for (size_t k = 0; k < e->n_blocked_by; k++)
            fprintf(out, "  blocked by:   %s\n", e->blocked_by[k]);
        if (e->n_blocked_by == 0)
            fprintf(out, "  blocked by:   nothing: no cheaper option\n");
    }
}
