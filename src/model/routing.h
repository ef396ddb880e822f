/*
 * routing.h — which group serves which call type, in what preference,
 * after what delay.
 *
 * Two tables, built once from the scenario's groups (`serves`,
 * `serve_after_s`):
 *   - type -> groups: the groups that serve type t with the delay after
 *     which each may take it, sorted by (delay, group index);
 *   - group -> types: the types group g serves, in its preference order
 *     (the order of its `serves` list), each with its delay.
 *
 * And the two decisions, as policies (today one each; the multi-skill
 * issue adds more behind the same calls, selected per scenario):
 *   - arrival side, ccs_routing_group_for(): a call of type t arrives (or
 *     its overflow delay passes); which group with an idle agent takes it?
 *     CCS_ROUTE_FIRST_ELIGIBLE: the first group of t's list whose delay the
 *     call has waited and that has an idle agent.
 *   - agent side, ccs_routing_call_for(): an agent of group g is free;
 *     which waiting call does it take?  CCS_PICK_PRIORITY: the oldest call
 *     of the most preferred type whose head has waited the group's delay.
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

/* A group that can take a call type, and after how long. */
typedef struct route {
    int group;
    double after_s;
} route;

/* A type a group serves, and after how long. */
typedef struct serve {
    int type;
    double after_s;
} serve;

typedef struct ccs_routing {
    int nt, ng;
    route **by_type;       /* [nt][n_by_type[t]] sorted by (after_s, group) */
    int *n_by_type;
    int *has_overflow;     /* [nt] some route of t has after_s > 0 */
    serve **by_group;      /* [ng][n_by_group[g]] in preference order */
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

/* Agent side: the waiting call a free agent of group g takes at time now,
 * or NIL. */
static inline uint32_t ccs_routing_call_for(const ccs_routing *rt, const ccs_queues *qs, int g,
                                            double now)
{
    switch (rt->pick_policy) {
    case CCS_PICK_PRIORITY:
    default:
        for (int i = 0; i < rt->n_by_group[g]; i++) {
            const serve *s = &rt->by_group[g][i];
            uint32_t h = ccs_queue_head(qs, s->type);
            if (h != NIL && now - qs->calls->v[h].arrive >= s->after_s) {
                return h;
            }
        }
        return NIL;
    }
}

#endif
