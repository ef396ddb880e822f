/*
 * routing.c — the routing tables (routing.h).
 */
#include "model/routing.h"

#include <stdlib.h>

#include "ccsim/error.h"

static int cmp_route(const void *a, const void *b)
{
    const route *x = a, *y = b;
    if (x->after_s != y->after_s) {
        return x->after_s < y->after_s ? -1 : 1;
    }
    return x->group - y->group;
}

int ccs_routing_init(ccs_routing *rt, const ccs_scenario *sc)
{
    rt->nt = sc->n_types;
    rt->ng = sc->n_groups;
    rt->route_policy = CCS_ROUTE_FIRST_ELIGIBLE;
    rt->pick_policy = CCS_PICK_PRIORITY;
    rt->by_type = calloc((size_t)rt->nt + 1, sizeof *rt->by_type);
    rt->n_by_type = calloc((size_t)rt->nt + 1, sizeof *rt->n_by_type);
    rt->has_overflow = calloc((size_t)rt->nt + 1, sizeof *rt->has_overflow);
    rt->by_group = calloc((size_t)rt->ng + 1, sizeof *rt->by_group);
    rt->n_by_group = calloc((size_t)rt->ng + 1, sizeof *rt->n_by_group);
    if (!rt->by_type || !rt->n_by_type || !rt->has_overflow || !rt->by_group ||
        !rt->n_by_group) {
        return CCS_ENOMEM;
    }
    for (int t = 0; t < rt->nt; t++) {
        rt->by_type[t] = calloc((size_t)rt->ng + 1, sizeof *rt->by_type[t]);
        if (!rt->by_type[t]) {
            return CCS_ENOMEM;
        }
        for (int g = 0; g < rt->ng; g++) {
            const ccs_agent_group *gr = &sc->groups[g];
            for (int i = 0; i < gr->n_serves; i++) {
                if (gr->serves[i] == t) {
                    route r = {g, ccs_group_level(gr, i),
                               gr->serve_after_s ? gr->serve_after_s[i] : 0.0};
                    rt->by_type[t][rt->n_by_type[t]++] = r;
                    if (r.after_s > 0) {
                        rt->has_overflow[t] = 1;
                    }
                    break;
                }
            }
        }
        qsort(rt->by_type[t], (size_t)rt->n_by_type[t], sizeof(route), cmp_route);
    }
    for (int g = 0; g < rt->ng; g++) {
        const ccs_agent_group *gr = &sc->groups[g];
        rt->by_group[g] = calloc((size_t)gr->n_serves + 1, sizeof *rt->by_group[g]);
        if (!rt->by_group[g]) {
            return CCS_ENOMEM;
        }
        for (int i = 0; i < gr->n_serves; i++) {
            serve s = {gr->serves[i], ccs_group_level(gr, i),
                       gr->serve_after_s ? gr->serve_after_s[i] : 0.0,
                       ccs_group_skill_aht(gr, i), ccs_group_skill_fcr(gr, i)};
            rt->by_group[g][i] = s;
        }
        /* By level, keeping the list order within a level (insertion sort:
         * stable, and a group has few skills). */
        for (int i = 1; i < gr->n_serves; i++) {
            serve s = rt->by_group[g][i];
            int j = i;
            while (j > 0 && rt->by_group[g][j - 1].level > s.level) {
                rt->by_group[g][j] = rt->by_group[g][j - 1];
                j--;
            }
            rt->by_group[g][j] = s;
        }
        rt->n_by_group[g] = gr->n_serves;
    }
    return CCS_OK;
}

void ccs_routing_fini(ccs_routing *rt)
{
    for (int t = 0; rt->by_type && t < rt->nt; t++) {
        free(rt->by_type[t]);
    }
    for (int g = 0; rt->by_group && g < rt->ng; g++) {
        free(rt->by_group[g]);
    }
    free(rt->by_type);
    free(rt->n_by_type);
    free(rt->has_overflow);
    free(rt->by_group);
    free(rt->n_by_group);
}
