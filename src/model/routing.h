/*
 * routing.h — which group serves which call type, in what preference,
 * after what delay.
 *
 * Two tables, built once from the scenario's groups (`serves`,
 * `serve_after_s`):
 *   - type -> groups: the groups that serve type t with the delay after
 *     which each may take it, sorted by (delay, group index);
 *   - group -> types: the types group g serves, by level (1 = primary;
 *     a `serves` list gives levels 1, 2, 3... in its order) then list
 *     order, each with its delay, handle-time factor and resolution.
 *
 * And the two decisions, each a policy chosen in the scenario's `routing`
 * section (docs/routing.md):
 *   - arrival side, ccs_routing_group_for(): a call of type t arrives (or
 *     its overflow delay passes); which group with an idle agent takes it,
 *     among those whose delay the call has waited?  group_order (default):
 *     the first in t's list (delay, then group order); level: delay, then
 *     the type's level in the group, then group order; longest_idle,
 *     random_idle, least_occupied (routing.c).
 *   - agent side, ccs_routing_call_for(): an agent of group g is free;
 *     which waiting call does it take, among the heads that have waited
 *     the group's delay?  level (default): the oldest head of the best
 *     level (with `serves`, each level holds one type: the oldest call of
 *     the most preferred type); oldest, weighted_wait, rising_priority
 *     (routing.c).
 * The defaults are inline here (the hot path); the other policies are
 * functions in routing.c.
 * Routing decides; the channel acts (takes the agent, starts the service).
 */
#ifndef CCSIM_MODEL_ROUTING_H
#define CCSIM_MODEL_ROUTING_H

#include <gsl/gsl_rng.h>

#include "ccsim/scenario.h"
#include "model/agents.h"
#include "model/calls.h"
#include "model/queue.h"


/* A group that can take a call type, after how long, at what level. */
typedef struct route {
    int group;
    int level;
    double after_s;
} route;

/* A type a group serves (a skill): after how long, at what level (1 =
 * primary), and how well: the handle-time factor and the first-contact
 * resolution of the (group, type) pair. */
typedef struct serve {
    int type;
    int level;
    double after_s;
    double aht_factor;
    double fcr;
} serve;

typedef struct ccs_routing {
    int nt, ng;
    route **by_type;       /* [nt][n_by_type[t]] sorted by (after_s, group) */
    int *n_by_type;
    int *has_overflow;     /* [nt] some route of t has after_s > 0 */
    serve **by_group;      /* [ng][n_by_group[g]] by level, then list order */
    int *n_by_group;
    ccs_arrival_policy arrival_policy;
    ccs_agent_policy agent_policy;
    const ccs_call_type *types;  /* the scenario's: the agent-side weights */
    int *reserve;          /* [ng] agents.[g].reserve; NULL when no group keeps one */
    gsl_rng *rng;          /* random_idle: CCS_RNG_ROUTING; NULL otherwise */
} ccs_routing;

/* CCS_OK or CCS_ENOMEM (then call ccs_routing_fini). */
int ccs_routing_init(ccs_routing *rt, const ccs_scenario *sc);
void ccs_routing_fini(ccs_routing *rt);

/* Reseeds the routing's stream for replication rep. */
void ccs_routing_reset(ccs_routing *rt, uint64_t seed, int rep);

/* The agents group g must keep idle before it takes a call at level `level`
 * (its reserve for its level-1 types; 0 for those types). */
static inline int ccs_routing_keep(const ccs_routing *rt, int g, int level)
{
    return rt->reserve && level != 1 ? rt->reserve[g] : 0;
}

/* The policies other than the defaults (routing.c). */
int ccs_routing_group_for_policy(const ccs_routing *rt, const ccs_agents *ag, int t,
                                 double waited);
uint32_t ccs_routing_call_for_policy(const ccs_routing *rt, const ccs_queues *qs, int g,
                                     double now);

/* Type t's groups, sorted by delay. */
static inline const route *ccs_routing_routes(const ccs_routing *rt, int t, int *n)
{
    *n = rt->n_by_type[t];
    return rt->by_type[t];
}

/* Does some group take type t only after a delay (overflow timers)? */
static inline int ccs_routing_has_overflow(const ccs_routing *rt, int t)
{
    return rt->has_overflow[t];
}

/* Arrival side: the group that takes a call of type t that has waited
 * `waited` seconds, or -1 when no eligible group has an idle agent. */
static inline int ccs_routing_group_for(const ccs_routing *rt, const ccs_agents *ag, int t,
                                        double waited)
{
    if (rt->arrival_policy > CCS_ARRIVE_LEVEL) {
        return ccs_routing_group_for_policy(rt, ag, t, waited);
    }
    /* group_order and level: the first of the routes, sorted for it. */
    for (int i = 0; i < rt->n_by_type[t]; i++) {
        const route *r = &rt->by_type[t][i];
        if (waited < r->after_s) {
            break;
        }
        if (ccs_agents_idle(ag, r->group) > ccs_routing_keep(rt, r->group, r->level)) {
            return r->group;
        }
    }
    return -1;
}

/* Group g's skill for type t (g serves t). */
static inline const serve *ccs_routing_skill(const ccs_routing *rt, int g, int t)
{
    const serve *s = rt->by_group[g];
    while (s->type != t) {
        s++;
    }
    return s;
}

/* Agent side with a reserve (routing.c): as ccs_routing_call_for() over
 * group g's level-1 skills only. */
uint32_t ccs_routing_call_for_primary(const ccs_routing *rt, const ccs_queues *qs, int g,
                                      double now);

/* Agent side: the waiting call a free agent of group g takes at time now,
 * or NIL. */
static inline uint32_t ccs_routing_call_for(const ccs_routing *rt, const ccs_queues *qs, int g,
                                            double now)
{
    if (rt->agent_policy != CCS_AGENT_LEVEL) {
        return ccs_routing_call_for_policy(rt, qs, g, now);
    }
    /* The best level with an eligible head; within a level, the oldest
     * head (the earlier skill on a tie). */
    const call *v = qs->calls->v;
    uint32_t best = NIL;
    int level = 0;
    for (int i = 0; i < rt->n_by_group[g]; i++) {
        const serve *s = &rt->by_group[g][i];
        if (best != NIL && s->level != level) {
            break;
        }
        uint32_t h = ccs_queue_head(qs, s->type);
        if (h != NIL && now - v[h].arrive >= s->after_s &&
            (best == NIL || v[h].arrive < v[best].arrive)) {
            best = h;
            level = s->level;
        }
    }
    return best;
}

/* Agent side, the reserve applied: a free agent of group g (counted among
 * its idle agents) takes a call of a type that is not level 1 for g only
 * if more than g's reserve would stay idle, i.e. idle - 1 >= reserve. */
static inline uint32_t ccs_routing_call_for_agent(const ccs_routing *rt, const ccs_queues *qs,
                                                  const ccs_agents *ag, int g, double now)
{
    if (rt->reserve && rt->reserve[g] > 0 && ccs_agents_idle(ag, g) - 1 < rt->reserve[g]) {
        return ccs_routing_call_for_primary(rt, qs, g, now);
    }
    return ccs_routing_call_for(rt, qs, g, now);
}

#endif
