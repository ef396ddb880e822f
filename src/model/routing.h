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
 * And the two decisions, as policies (today one each; the multi-skill
 * issue adds more behind the same calls, selected per scenario):
 *   - arrival side, ccs_routing_group_for(): a call of type t arrives (or
 *     its overflow delay passes); which group with an idle agent takes it?
 *     CCS_ROUTE_FIRST_ELIGIBLE: the first group of t's list whose delay the
 *     call has waited and that has an idle agent.
 *   - agent side, ccs_routing_call_for(): an agent of group g is free;
 *     which waiting call does it take?  CCS_PICK_PRIORITY: among the types
 *     of the best level whose head has waited the group's delay, the
 *     oldest head (with `serves`, every level holds one type: the oldest
 *     call of the most preferred type).
 * Routing decides; the channel acts (takes the agent, starts the service).
 */
#ifndef CCSIM_MODEL_ROUTING_H
#define CCSIM_MODEL_ROUTING_H

#include "ccsim/scenario.h"
#include "model/agents.h"
#include "model/calls.h"
#include "model/queue.h"

typedef enum ccs_route_policy { CCS_ROUTE_FIRST_ELIGIBLE } ccs_route_policy;
typedef enum ccs_pick_policy { CCS_PICK_PRIORITY } ccs_pick_policy;

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
    ccs_route_policy route_policy;
    ccs_pick_policy pick_policy;
} ccs_routing;

/* CCS_OK or CCS_ENOMEM (then call ccs_routing_fini). */
int ccs_routing_init(ccs_routing *rt, const ccs_scenario *sc);
void ccs_routing_fini(ccs_routing *rt);

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
    switch (rt->route_policy) {
    case CCS_ROUTE_FIRST_ELIGIBLE:
    default:
        for (int i = 0; i < rt->n_by_type[t]; i++) {
            const route *r = &rt->by_type[t][i];
            if (waited < r->after_s) {
                break;
            }
            if (ccs_agents_idle(ag, r->group) > 0) {
                return r->group;
            }
        }
        return -1;
    }
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

/* Agent side: the waiting call a free agent of group g takes at time now,
 * or NIL. */
static inline uint32_t ccs_routing_call_for(const ccs_routing *rt, const ccs_queues *qs, int g,
                                            double now)
{
    switch (rt->pick_policy) {
    case CCS_PICK_PRIORITY:
    default: {
        /* The best level with an eligible head; within a level, the
         * oldest head (the earlier skill on a tie). */
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
    }
}

#endif
