/*
 * agents.h — the only owner of agent state.
 *
 * Each agent is an entity: its group, its state (off shift, idle, busy),
 * its capacity in slots (1 for voice: one contact at a time; a chat agent
 * will have k) and the time it last became idle.  A group's idle agents sit
 * on an intrusive FIFO list, longest idle at the head, so taking the
 * longest-idle agent, putting an agent back and counting the idle ones cost
 * O(1), and "the longest-idle agent among several groups" costs one look
 * per group (ccs_agents_idle_since()).  Off-shift agents wait on a stack
 * per group.
 *
 * A group's head count follows its schedule (ccs_agents_set_target()):
 * agents come on shift idle; when the count drops, idle agents leave at
 * once and busy ones are owed: they leave when their work ends
 * (ccs_agents_release() returns 0 then).  The agent-seconds of owed agents
 * are the group's overtime, recorded into its campaign-group cells (the
 * campaigns' shares are of the agent time present).
 *
 * Absenteeism: agent j of group g's schedule (the agent on shift whenever
 * the count is above j) is absent for the day with the group's probability,
 * drawn per replication in the order j = 0, 1, ... (model.h,
 * ccs_model_present()).
 *
 * Nothing outside agents.c/agents.h writes these fields: channels take and
 * release agents, and read counts, through the functions below.
 */
#ifndef CCSIM_MODEL_AGENTS_H
#define CCSIM_MODEL_AGENTS_H

#include <math.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "ccsim/scenario.h"
#include "ccsim/tallies.h"
#include "model/calls.h"
#include "model/clock.h"

enum { AGENT_OFF, AGENT_IDLE, AGENT_BUSY };

typedef struct agent_rec {
    uint32_t prev, next;   /* idle list (or off-shift stack: next) links, NIL at the ends */
    int group;
    int state;             /* AGENT_OFF, AGENT_IDLE, AGENT_BUSY */
    int slots;             /* capacity: contacts at once (1: voice) */
    int used;              /* slots in use */
    double idle_since;     /* when it last became idle */
    /* chat: the link in its group's list of agents with `used` sessions and
     * a free slot (lvl = used), lvl 0 = on no such list */
    uint32_t sprev, snext;
    int lvl;
} agent_rec;

typedef struct agent_group {
    uint32_t idle_head, idle_tail;   /* idle agents, longest idle first */
    uint32_t off;          /* off-shift agents (a stack through next) */
    int idle;              /* agents on the idle list */
    int target;            /* agents the schedule wants now */
    int present;           /* on shift: idle + busy */
    int busy;
    int owed;              /* busy agents that leave when their work ends */
    double owed_since;     /* when `owed` last changed (overtime) */
    /* chat: agents with n open sessions and a free slot, n = 1 .. slots - 1,
     * longest there first (the idle FIFO holds those with none) */
    uint32_t lvl_head[CCS_CHAT_MAX_SLOTS], lvl_tail[CCS_CHAT_MAX_SLOTS];
} agent_group;

typedef struct ccs_agents {
    const ccs_scenario *sc;
    int ng, nk;
    int day_off;            /* first interval of the current day in the counts of
                               groups with a schedule per day (count_by_day) */
    agent_rec *a;           /* [n] every agent, group by group */
    uint32_t n;
    uint32_t *first;       /* [ng + 1] group g's agents are a[first[g] .. first[g + 1]) */
    agent_group *g;        /* [ng] */
    long busy_all;         /* busy agents, all groups (trace) */
    /* absenteeism */
    gsl_rng *rng_absent;   /* CCS_RNG_ABSENCE, reseeded per (replication, group) */
    int **present;         /* [ng] present[g][j]: of the first j agents of g's schedule,
                              the number not absent; NULL rows without absenteeism */
    int *present_len;      /* [ng] the group's largest count */
    /* where overtime is counted (the model's, set by ccs_agents_init) */
    const ccs_clock *clk;
    const ccs_tally_rep *tal;
} ccs_agents;

/* Builds the agents of sc's groups (as many per group as its largest
 * count).  CCS_OK or CCS_ENOMEM (then call ccs_agents_fini). */
int ccs_agents_init(ccs_agents *ag, const ccs_scenario *sc, const ccs_clock *clk,
                    const ccs_tally_rep *tal);
void ccs_agents_fini(ccs_agents *ag);

/* Everybody off shift; draws replication rep's absences. */
void ccs_agents_reset(ccs_agents *ag, int rep);

/* Agents of group g present in interval k (k = nk: the last interval's):
 * the schedule's count less this replication's absent agents. */
int ccs_agents_scheduled(const ccs_agents *ag, int g, int k);

/* Sets group g's head count to target at time now.  Returns 1 when agents
 * came on shift (then offer the group's idle agents work), else 0. */
int ccs_agents_set_target(ccs_agents *ag, int g, int target, double now);

/* Records the overtime of group g's owed agents up to now (call it before
 * the interval changes). */
void ccs_agents_account_owed(ccs_agents *ag, int g, double now);

/* Agents of group g idle now / on shift now. */
static inline int ccs_agents_idle(const ccs_agents *ag, int g)
{
    return ag->g[g].idle;
}

static inline int ccs_agents_present(const ccs_agents *ag, int g)
{
    return ag->g[g].present;
}

/* Agents of group g busy now (owed ones included). */
static inline int ccs_agents_busy(const ccs_agents *ag, int g)
{
    return ag->g[g].busy;
}

static inline int ccs_agents_group(const ccs_agents *ag, uint32_t a)
{
    return ag->a[a].group;
}

/* Since when group g's longest-idle agent has been idle (INFINITY when none
 * is): compare across groups for "longest idle among eligible groups". */
static inline double ccs_agents_idle_since(const ccs_agents *ag, int g)
{
    uint32_t h = ag->g[g].idle_head;
    return h == NIL ? (double)INFINITY : ag->a[h].idle_since;
}

static inline void ccs_agents_unlink_(ccs_agents *ag, agent_group *gs, uint32_t a)
{
    agent_rec *x = &ag->a[a];
    if (x->prev != NIL) {
        ag->a[x->prev].next = x->next;
    } else {
        gs->idle_head = x->next;
    }
    if (x->next != NIL) {
        ag->a[x->next].prev = x->prev;
    } else {
        gs->idle_tail = x->prev;
    }
    gs->idle--;
}

/* Takes group g's longest-idle agent (there must be one) for one contact;
 * returns its id. */
static inline uint32_t ccs_agents_take(ccs_agents *ag, int g)
{
    agent_group *gs = &ag->g[g];
    uint32_t a = gs->idle_head;
    ccs_agents_unlink_(ag, gs, a);
    ag->a[a].state = AGENT_BUSY;
    ag->a[a].used = 1;
    gs->busy++;
    ag->busy_all++;
    return a;
}

/* Undoes the ccs_agents_take() that returned a: the agent is idle again,
 * at the head, with its old idle time (no work was given to it). */
static inline void ccs_agents_put_back(ccs_agents *ag, uint32_t a)
{
    agent_rec *x = &ag->a[a];
    agent_group *gs = &ag->g[x->group];
    x->state = AGENT_IDLE;
    x->used = 0;
    x->prev = NIL;
    x->next = gs->idle_head;
    if (gs->idle_head != NIL) {
        ag->a[gs->idle_head].prev = a;
    } else {
        gs->idle_tail = a;
    }
    gs->idle_head = a;
    gs->idle++;
    gs->busy--;
    ag->busy_all--;
}

void ccs_agents_leave_(ccs_agents *ag, uint32_t a, double now);

/* Agent a (record x) of group gs becomes idle at time now, at the tail of
 * gs's idle FIFO (the longest idle is at its head). */
static inline void ccs_agents_idle_push_(ccs_agents *ag, agent_group *gs, uint32_t a,
                                         double now)
{
    agent_rec *x = &ag->a[a];
    x->state = AGENT_IDLE;
    x->used = 0;
    x->idle_since = now;
    x->next = NIL;
    x->prev = gs->idle_tail;
    if (gs->idle_tail != NIL) {
        ag->a[gs->idle_tail].next = a;
    } else {
        gs->idle_head = a;
    }
    gs->idle_tail = a;
    gs->idle++;
}

/* Agent a's work is over at time now.  Returns 1 when it stays, idle at
 * the tail of its group's list (offer it work), or 0 when it was owed and
 * left. */
static inline int ccs_agents_release(ccs_agents *ag, uint32_t a, double now)
{
    agent_rec *x = &ag->a[a];
    agent_group *gs = &ag->g[x->group];
    gs->busy--;
    ag->busy_all--;
    if (gs->owed > 0) {
        ccs_agents_leave_(ag, a, now);
        return 0;
    }
    ccs_agents_idle_push_(ag, gs, a, now);
    return 1;
}

/* ---- chat slots (docs/channels.md) ---------------------------------------
 *
 * An agent of a group with chat_slots = k > 0 holds up to k chat sessions.
 * With some but not all slots in use it is busy (off the idle list: it
 * takes no voice call) and sits on its group's list of agents with that
 * many sessions; ccs_agents_slot_level() gives the least-loaded level with
 * an agent (0: an idle agent), so a chat goes to the least-loaded agent,
 * the longest at that level first.  An owed agent (the schedule wants it
 * gone) takes no new chat once a session of its ends: it drains. */

/* What became of an agent after ccs_agents_slot_release(). */
enum { CCS_SLOT_LEFT = 0, CCS_SLOT_IDLE = 1, CCS_SLOT_FREE = 2, CCS_SLOT_DRAINING = 3 };

static inline void ccs_agents_lvl_unlink_(ccs_agents *ag, uint32_t a)
{
    agent_rec *x = &ag->a[a];
    agent_group *gs = &ag->g[x->group];
    if (x->lvl == 0) {
        return;
    }
    if (x->sprev != NIL) {
        ag->a[x->sprev].snext = x->snext;
    } else {
        gs->lvl_head[x->lvl] = x->snext;
    }
    if (x->snext != NIL) {
        ag->a[x->snext].sprev = x->sprev;
    } else {
        gs->lvl_tail[x->lvl] = x->sprev;
    }
    x->lvl = 0;
}

/* Puts agent a on its group's list for its number of sessions (used),
 * at the tail, if it has a free slot. */
static inline void ccs_agents_lvl_push_(ccs_agents *ag, uint32_t a)
{
    agent_rec *x = &ag->a[a];
    agent_group *gs = &ag->g[x->group];
    if (x->used <= 0 || x->used >= x->slots) {
        return;
    }
    x->lvl = x->used;
    x->snext = NIL;
    x->sprev = gs->lvl_tail[x->lvl];
    if (x->sprev != NIL) {
        ag->a[x->sprev].snext = a;
    } else {
        gs->lvl_head[x->lvl] = a;
    }
    gs->lvl_tail[x->lvl] = a;
}

/* The fewest sessions of an agent of group g (k slots each) with a free
 * slot: 0 when an agent is idle, 1 .. k - 1, or -1 when none has one. */
static inline int ccs_agents_slot_level(const ccs_agents *ag, int g, int k)
{
    const agent_group *gs = &ag->g[g];
    if (gs->idle > 0) {
        return 0;
    }
    for (int n = 1; n < k; n++) {
        if (gs->lvl_head[n] != NIL) {
            return n;
        }
    }
    return -1;
}

/* The most sessions of an agent of group g (k slots each) with a free
 * slot: k - 1 .. 1, else 0 when an agent is idle, else -1 ("fill"). */
static inline int ccs_agents_slot_level_fill(const ccs_agents *ag, int g, int k)
{
    const agent_group *gs = &ag->g[g];
    for (int n = k - 1; n >= 1; n--) {
        if (gs->lvl_head[n] != NIL) {
            return n;
        }
    }
    return gs->idle > 0 ? 0 : -1;
}

/* Agent a (busy with chats, a free slot) opens one more session. */
static inline void ccs_agents_slot_take_of(ccs_agents *ag, uint32_t a)
{
    ccs_agents_lvl_unlink_(ag, a);
    ag->a[a].used++;
    ccs_agents_lvl_push_(ag, a);
}

/* The longest-waiting agent of group g at `level` sessions (as
 * ccs_agents_slot_level() gave; 0 = the longest-idle agent, which then
 * holds k slots) opens a session; returns its id. */
static inline uint32_t ccs_agents_slot_take(ccs_agents *ag, int g, int level, int k)
{
    if (level == 0) {
        uint32_t a = ccs_agents_take(ag, g);
        ag->a[a].slots = k;
        ccs_agents_lvl_push_(ag, a);
        return a;
    }
    uint32_t a = ag->g[g].lvl_head[level];
    ccs_agents_slot_take_of(ag, a);
    return a;
}

/* Sessions agent a has open, and its slots. */
static inline int ccs_agents_slots_used(const ccs_agents *ag, uint32_t a)
{
    return ag->a[a].used;
}

static inline int ccs_agents_slots_free(const ccs_agents *ag, uint32_t a)
{
    return ag->a[a].lvl != 0 ? ag->a[a].slots - ag->a[a].used : 0;
}

/* A session of agent a ended at time now: CCS_SLOT_FREE (it has a free
 * slot and may take a chat), CCS_SLOT_DRAINING (owed: it takes no more),
 * CCS_SLOT_IDLE (no session left: idle, offer it work) or CCS_SLOT_LEFT
 * (no session left, owed: off shift). */
static inline int ccs_agents_slot_release(ccs_agents *ag, uint32_t a, double now)
{
    agent_rec *x = &ag->a[a];
    ccs_agents_lvl_unlink_(ag, a);
    if (--x->used == 0) {
        x->slots = 1;
        return ccs_agents_release(ag, a, now) ? CCS_SLOT_IDLE : CCS_SLOT_LEFT;
    }
    if (ag->g[x->group].owed > 0) {
        return CCS_SLOT_DRAINING;
    }
    ccs_agents_lvl_push_(ag, a);
    return CCS_SLOT_FREE;
}

#endif
