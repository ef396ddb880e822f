/*
 * routing.c — the routing tables (routing.h).
 */
#include "model/routing.h"

#include <limits.h>
#include <stdlib.h>

#include "ccsim/error.h"
#include "ccsim/rng.h"

static int cmp_route(const void *a, const void *b)
{
    const route *x = a, *y = b;
    if (x->after_s != y->after_s) {
        return x->after_s < y->after_s ? -1 : 1;
    }
    return x->group - y->group;
}

/* routing.arrival = "level": delay, then level, then group order. */
static int cmp_route_level(const void *a, const void *b)
{
    const route *x = a, *y = b;
    if (x->after_s != y->after_s) {
        return x->after_s < y->after_s ? -1 : 1;
    }
    if (x->level != y->level) {
        return x->level - y->level;
    }
    return x->group - y->group;
}

int ccs_routing_init(ccs_routing *rt, const ccs_scenario *sc)
{
    rt->nt = sc->n_types;
    rt->ng = sc->n_groups;
    rt->arrival_policy = sc->arrival_policy;
    rt->agent_policy = sc->agent_policy;
    rt->types = sc->types;
    rt->rng = NULL;
    rt->reserve = NULL;
    if (ccs_scenario_has_reserve(sc)) {
        if (!(rt->reserve = calloc((size_t)sc->n_groups, sizeof *rt->reserve))) {
            return CCS_ENOMEM;
        }
        for (int g = 0; g < sc->n_groups; g++) {
            rt->reserve[g] = sc->groups[g].reserve;
        }
    }
    if (rt->arrival_policy == CCS_ARRIVE_RANDOM_IDLE &&
        !(rt->rng = gsl_rng_alloc(ccs_rng_type()))) {
        return CCS_ENOMEM;
    }
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
        qsort(rt->by_type[t], (size_t)rt->n_by_type[t], sizeof(route),
              rt->arrival_policy == CCS_ARRIVE_LEVEL ? cmp_route_level : cmp_route);
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
    free(rt->reserve);
    if (rt->rng) {
        gsl_rng_free(rt->rng);
    }
}

void ccs_routing_reset(ccs_routing *rt, uint64_t seed, int rep)
{
    if (rt->rng) {
        ccs_rng_reseed(rt->rng, seed, (uint64_t)rep, CCS_RNG_ROUTING, 0);
    }
}

/* Is group a's busy share below group b's?  busy / (busy + idle), compared
 * exactly by cross-multiplying. */
static int less_occupied(const ccs_agents *ag, int a, int b)
{
    long ba = ccs_agents_busy(ag, a), na = ba + ccs_agents_idle(ag, a);
    long bb = ccs_agents_busy(ag, b), nb = bb + ccs_agents_idle(ag, b);
    return ba * nb < bb * na;
}

int ccs_routing_group_for_policy(const ccs_routing *rt, const ccs_agents *ag, int t,
                                 double waited)
{
    const route *r = rt->by_type[t];
    int n = rt->n_by_type[t];
    int best = -1;
    long idle_total = 0;
    /* The eligible routes are a prefix (sorted by delay); ties go to the
     * earlier route (group order). */
    for (int i = 0; i < n && waited >= r[i].after_s; i++) {
        int g = r[i].group;
        int idle = ccs_agents_idle(ag, g);
        if (idle <= ccs_routing_keep(rt, g, r[i].level)) {
            continue;
        }
        switch (rt->arrival_policy) {
        case CCS_ARRIVE_LONGEST_IDLE:
            if (best < 0 || ccs_agents_idle_since(ag, g) < ccs_agents_idle_since(ag, best)) {
                best = g;
            }
            break;
        case CCS_ARRIVE_LEAST_OCCUPIED:
            if (best < 0 || less_occupied(ag, g, best)) {
                best = g;
            }
            break;
        default: /* CCS_ARRIVE_RANDOM_IDLE */
            idle_total += idle;
            break;
        }
    }
    if (rt->arrival_policy != CCS_ARRIVE_RANDOM_IDLE || idle_total == 0) {
        return best;
    }
    /* One of the idle_total idle agents, uniformly: its group. */
    long u = (long)gsl_rng_uniform_int(rt->rng, (unsigned long)idle_total);
    for (int i = 0; i < n; i++) {
        int idle = ccs_agents_idle(ag, r[i].group);
        if (idle <= ccs_routing_keep(rt, r[i].group, r[i].level)) {
            continue; /* not counted in idle_total either */
        }
        if (u < idle) {
            return r[i].group;
        }
        u -= idle;
    }
    return -1; /* not reached */
}

/* The agent-side choice among group g's skills of level <= max_level
 * (INT_MAX: all), by the scenario's agent policy. */
static uint32_t call_for(const ccs_routing *rt, const ccs_queues *qs, int g, double now,
                         int max_level)
{
    const call *v = qs->calls->v;
    uint32_t best = NIL;
    double best_score = 0;
    /* Skills by level, then list order: a tie goes to the older head,
     * then to the better level. */
    for (int i = 0; i < rt->n_by_group[g] && rt->by_group[g][i].level <= max_level; i++) {
        const serve *s = &rt->by_group[g][i];
        uint32_t h = ccs_queue_head(qs, s->type);
        if (h == NIL) {
            continue;
        }
        double w = now - v[h].arrive;
        if (w < s->after_s) {
            continue;
        }
        const ccs_call_type *ct = &rt->types[s->type];
        double score;
        switch (rt->agent_policy) {
        case CCS_AGENT_WEIGHTED_WAIT:
            score = ct->wait_weight * w;
            break;
        case CCS_AGENT_RISING_PRIORITY:
            score = ct->priority_base + ct->priority_slope * w;
            break;
        default: /* CCS_AGENT_OLDEST; CCS_AGENT_LEVEL within one level */
            score = w;
            break;
        }
        if (best == NIL || score > best_score ||
            (score == best_score && v[h].arrive < v[best].arrive)) {
            best = h;
            best_score = score;
        }
    }
    return best;
}

uint32_t ccs_routing_call_for_policy(const ccs_routing *rt, const ccs_queues *qs, int g,
                                     double now)
{
    return call_for(rt, qs, g, now, INT_MAX);
}

uint32_t ccs_routing_call_for_primary(const ccs_routing *rt, const ccs_queues *qs, int g,
                                      double now)
{
    return call_for(rt, qs, g, now, 1);
}
