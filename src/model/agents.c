/*
 * agents.c — agent entities, shifts and absenteeism (agents.h).
 */
#include "model/agents.h"

#include <stdlib.h>
#include <string.h>

#include "ccsim/error.h"
#include "ccsim/rng.h"

/* The group's largest count: the agents it ever has on shift (on any
 * day, when it has a schedule per day). */
static int most_agents(const ccs_agent_group *gr, int nk)
{
    int most = 0;
    long n = (long)nk * (gr->count_by_day > 0 ? gr->count_by_day : 1);
    for (long k = 0; k < n; k++) {
        most = gr->count[k] > most ? gr->count[k] : most;
    }
    return most;
}

/* Absenteeism: one row of present counts per group that has it, as long
 * as the group's largest count (docs: ccs_model_present()). */
static int absence_new(ccs_agents *ag)
{
    for (int g = 0; g < ag->ng; g++) {
        const ccs_agent_group *gr = &ag->sc->groups[g];
        if (!(gr->absenteeism > 0)) {
            continue;
        }
        if (!ag->present && (!(ag->present = calloc((size_t)ag->ng, sizeof *ag->present)) ||
                             !(ag->present_len = calloc((size_t)ag->ng, sizeof *ag->present_len)))) {
            return CCS_ENOMEM;
        }
        if (!ag->rng_absent &&
            !(ag->rng_absent = ccs_rng_new(ag->sc->seed, 0, CCS_RNG_ABSENCE, 0))) {
            return CCS_ENOMEM;
        }
        int most = most_agents(gr, ag->nk);
        if (!(ag->present[g] = calloc((size_t)most + 1, sizeof *ag->present[g]))) {
            return CCS_ENOMEM;
        }
        ag->present_len[g] = most;
    }
    return CCS_OK;
}

int ccs_agents_init(ccs_agents *ag, const ccs_scenario *sc, const ccs_clock *clk,
                    const ccs_tally_rep *tal)
{
    memset(ag, 0, sizeof *ag);
    ag->sc = sc;
    ag->ng = sc->n_groups;
    ag->nk = sc->n_intervals;
    ag->clk = clk;
    ag->tal = tal;
    ag->g = calloc((size_t)ag->ng + 1, sizeof *ag->g);
    ag->first = calloc((size_t)ag->ng + 1, sizeof *ag->first);
    if (!ag->g || !ag->first) {
        return CCS_ENOMEM;
    }
    uint32_t n = 0;
    for (int g = 0; g < ag->ng; g++) {
        ag->first[g] = n;
        n += (uint32_t)most_agents(&sc->groups[g], ag->nk);
    }
    ag->first[ag->ng] = n;
    ag->n = n;
    ag->a = calloc((size_t)n + 1, sizeof *ag->a);
    if (!ag->a) {
        return CCS_ENOMEM;
    }
    for (int g = 0; g < ag->ng; g++) {
        for (uint32_t i = ag->first[g]; i < ag->first[g + 1]; i++) {
            ag->a[i].group = g;
            ag->a[i].slots = 1;
        }
    }
    return absence_new(ag);
}

void ccs_agents_fini(ccs_agents *ag)
{
    for (int g = 0; ag->present && g < ag->ng; g++) {
        free(ag->present[g]);
    }
    free(ag->present);
    free(ag->present_len);
    if (ag->rng_absent) {
        gsl_rng_free(ag->rng_absent);
    }
    free(ag->a);
    free(ag->first);
    free(ag->g);
    memset(ag, 0, sizeof *ag);
}

/* Who is absent this replication: agent j of g's schedule with
 * probability absenteeism, drawn in the order j = 0, 1, ... */
static void absence_draw(ccs_agents *ag, int rep)
{
    for (int g = 0; ag->present && g < ag->ng; g++) {
        int *p = ag->present[g];
        if (!p) {
            continue;
        }
        const ccs_agent_group *gr = &ag->sc->groups[g];
        ccs_rng_reseed(ag->rng_absent, ag->sc->seed, (uint64_t)rep, CCS_RNG_ABSENCE, (unsigned)g);
        p[0] = 0;
        for (int j = 0; j < ag->present_len[g]; j++) {
            p[j + 1] = p[j] + (gsl_rng_uniform(ag->rng_absent) >= gr->absenteeism);
        }
    }
}

void ccs_agents_reset(ccs_agents *ag, int rep)
{
    memset(ag->g, 0, (size_t)ag->ng * sizeof *ag->g);
    for (int g = 0; g < ag->ng; g++) {
        agent_group *gs = &ag->g[g];
        gs->idle_head = gs->idle_tail = gs->off = NIL;
        for (int n = 0; n < CCS_CHAT_MAX_SLOTS; n++) {
            gs->lvl_head[n] = gs->lvl_tail[n] = NIL;
        }
        /* The off-shift stack pops the group's first agent first. */
        for (uint32_t i = ag->first[g + 1]; i-- > ag->first[g];) {
            agent_rec *x = &ag->a[i];
            x->state = AGENT_OFF;
            x->used = 0;
            x->slots = 1;
            x->lvl = 0;
            x->sprev = x->snext = NIL;
            x->prev = NIL;
            x->next = gs->off;
            gs->off = i;
        }
    }
    ag->busy_all = 0;
    absence_draw(ag, rep);
}

int ccs_agents_scheduled(const ccs_agents *ag, int g, int k)
{
    const ccs_agent_group *gr = &ag->sc->groups[g];
    int n = gr->count[(gr->count_by_day > 0 ? ag->day_off : 0) + (k < ag->nk ? k : ag->nk - 1)];
    if (!ag->present || !ag->present[g]) {
        return n;
    }
    /* The schedule cannot grow past the row between runs (a model is
     * built for one scenario); clamp rather than read past it. */
    return ag->present[g][n < ag->present_len[g] ? n : ag->present_len[g]];
}

void ccs_agents_account_owed(ccs_agents *ag, int g, double now)
{
    agent_group *gs = &ag->g[g];
    int nc = ag->tal->d.campaigns;
    if (nc > 0 && ccs_clock_counting(ag->clk) && gs->owed > 0 && now > gs->owed_since) {
        double a = gs->owed * (now - gs->owed_since);
        ccs_cgroup_tally *t = ccs_cgroup_tally_at(ag->tal, ag->clk->cur, g, 0);
        for (int c = 0; c < nc; c++) {
            t[c].overtime_s += a;
        }
    }
    gs->owed_since = now;
}

/* An off-shift agent of g comes on shift, idle since now. */
static void arrive(ccs_agents *ag, int g, double now)
{
    agent_group *gs = &ag->g[g];
    uint32_t a = gs->off;
    CCS_ASSERT(a != NIL);
    agent_rec *x = &ag->a[a];
    gs->off = x->next;
    ccs_agents_idle_push_(ag, gs, a, now);
    gs->present++;
}

static void go_off(ccs_agents *ag, agent_group *gs, uint32_t a)
{
    agent_rec *x = &ag->a[a];
    x->state = AGENT_OFF;
    x->used = 0;
    x->prev = NIL;
    x->next = gs->off;
    gs->off = a;
    gs->present--;
}

void ccs_agents_leave_(ccs_agents *ag, uint32_t a, double now)
{
    int g = ag->a[a].group;
    agent_group *gs = &ag->g[g];
    ccs_agents_account_owed(ag, g, now);
    gs->owed--;
    go_off(ag, gs, a);
}

int ccs_agents_set_target(ccs_agents *ag, int g, int target, double now)
{
    agent_group *gs = &ag->g[g];
    ccs_agents_account_owed(ag, g, now);
    gs->target = target;
    int have = gs->present - gs->owed;
    if (target > have) {
        /* Owed agents stay first; then agents come on shift. */
        int back = target - have < gs->owed ? target - have : gs->owed;
        gs->owed -= back;
        for (int i = 0; i < target - have - back; i++) {
            arrive(ag, g, now);
        }
        return 1;
    }
    if (target < have) {
        /* Idle agents leave now (the most recently idle first), busy ones
         * when their work ends. */
        int excess = have - target;
        int go = gs->idle < excess ? gs->idle : excess;
        for (int i = 0; i < go; i++) {
            uint32_t a = gs->idle_tail;
            ccs_agents_unlink_(ag, gs, a);
            go_off(ag, gs, a);
        }
        gs->owed += excess - go;
    }
    return 0;
}
