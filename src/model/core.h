/*
 * core.h — the model core: the state of one replication that the core
 * shares with the channels, and the calls a channel makes into the core.
 * Private to src/model/.
 *
 * The core owns the clock and the interval boundaries, the event loop and
 * the dispatch by event kind, the end of the day, the trace, and the
 * model's modules: the contact records (calls.h), the agents (agents.h),
 * the waiting queues (queue.h) and routing (routing.h).  It knows the
 * channels only through their table (channel.h, channels.c).
 */
#ifndef CCSIM_MODEL_CORE_H
#define CCSIM_MODEL_CORE_H

#include <stdint.h>

#include "ccsim/model.h"
#include "ccsim/scenario.h"
#include "ccsim/tallies.h"
#include "core/engine.h"
#include "model/agents.h"
#include "model/calls.h"
#include "model/channel.h"
#include "model/clock.h"
#include "model/queue.h"
#include "model/routing.h"

/* Event kinds: the core's own is 0; the channels' follow, in table order. */
#define CCS_EV_INTERVAL 0u   /* id = interval index starting (nk = end of day) */
#define CCS_MODEL_MAX_KINDS 32
#define CCS_MODEL_MAX_CHANNELS 8

typedef struct channel_slot {
    const ccs_channel *ops;
    void *state;           /* NULL: the scenario does not use it */
    uint32_t kind0;
} channel_slot;

/* The handler of an event kind, and its channel's state. */
typedef struct kind_slot {
    ccs_event_fn fn;
    void *state;
} kind_slot;

/* A channel that takes free agents, in priority order. */
typedef struct free_hook {
    int (*fn)(struct ccs_model *m, void *state, int g, ccs_free_reason why, double now);
    void *state;
} free_hook;

struct ccs_model {
    const ccs_scenario *sc;   /* the current day's scenario (sc_all itself on one day) */
    const ccs_scenario *sc_all; /* the whole horizon, every day */
    int days, day;            /* days of the horizon (>= 1), the current one */
    double day_shift;         /* day >= 1: a time t of the day before is t + day_shift
                                 (< 0) in this day's clock (days.c) */
    ccs_scenario day_sc;      /* days > 1: the current day's view of sc_all */
    ccs_call_type *day_types; /* [nt] its call types (rates of the current day) */
    ccs_backoffice *day_bo;   /* [n_backoffice] its back-office types */
    ccs_campaign *day_camp;   /* [n_campaigns] its campaigns (the day's outcome
                                 probabilities) */
    ccs_engine *eng;
    int nt, ng, nc;
    ccs_clock clk;
    ccs_clock_span span;   /* clk.cur's (clock.h), moved with it (core.c) */
    int failed;            /* CCS_ENOMEM or CCS_ELIMIT inside the loop: the run stops */
    ccs_tally_rep tal;     /* this replication's cells (the caller's) */
    ccs_calls calls;
    ccs_agents agents;
    ccs_queues queues;
    ccs_routing routing;
    channel_slot ch[CCS_MODEL_MAX_CHANNELS];
    int n_ch;
    kind_slot kinds[CCS_MODEL_MAX_KINDS];   /* [n_kinds]: kind 0 is the core's */
    uint32_t n_kinds;
    free_hook free_hooks[2 * CCS_MODEL_MAX_CHANNELS];   /* active channels'
                                   on_agent_free_first hooks, then on_agent_free */
    int n_free_hooks;
    /* Callbacks (callback.c): a waiting inbound caller, about to join its
     * queue, may be offered a callback; returns 1 when the callback channel
     * took the record.  NULL without a callbacks section (inbound.c). */
    int (*callback_offer)(struct ccs_model *m, void *state, uint32_t id, double now);
    void *callback_state;
    /* Chat's voice threshold (chat.c): told, with its type, when a voice
     * call leaves its queue (ccs_model_dequeue()).  NULL without
     * chat.voice_threshold. */
    void (*dequeued)(struct ccs_model *m, void *state, int type, double now);
    void *dequeued_state;
    /* trace */
    ccs_trace_fn trace;
    void *trace_ctx;
    double trace_until;
};

/* Schedules an event; a failure (calendar full, out of memory) stops the
 * run. */
static inline void ccs_model_schedule(ccs_model *m, double t, uint32_t kind, uint32_t id,
                                      uint32_t gen, uint32_t aux)
{
    int rc = ccs_engine_schedule(m->eng, t, kind, id, gen, aux);
    if (rc != CCS_OK) {
        m->failed = rc;
    }
}

/* Sets call id's own timer (engine.h; added the first time, which
 * allocates only when the engine's timer arrays are full) to fire at t:
 * for an event that ccs_model_withdraw_abandon() withdraws, a waiting
 * call's abandonment.  A failure (out of memory) stops the run. */
static inline void ccs_model_set_call_timer(ccs_model *m, uint32_t id, double t, uint32_t kind,
                                            uint32_t gen, uint32_t aux)
{
    call *c = &m->calls.v[id];
    if (c->timer == NIL && ccs_engine_add_timers(m->eng, 1, &c->timer) != CCS_OK) {
        m->failed = CCS_ENOMEM;
        return;
    }
    ccs_engine_set_timer(m->eng, c->timer, t, kind, id, gen, aux);
}

/* Timers (engine.h): for a source with always one event pending that it
 * reschedules when it fires, kept out of the heap.  ccs_model_add_timers
 * is for a channel's create (it allocates); setting one cannot fail. */
static inline int ccs_model_add_timers(ccs_model *m, uint32_t n, uint32_t *first)
{
    return ccs_engine_add_timers(m->eng, n, first);
}

static inline void ccs_model_set_timer(ccs_model *m, uint32_t i, double t, uint32_t kind,
                                       uint32_t id, uint32_t gen, uint32_t aux)
{
    ccs_engine_set_timer(m->eng, i, t, kind, id, gen, aux);
}

/* A record from the pool, or NIL (the run then stops). */
static inline uint32_t ccs_model_call_alloc(ccs_model *m)
{
    return ccs_call_alloc(&m->calls, &m->failed);
}

/* Call id, waiting, is answered or takes a callback: its abandonment (the
 * record's timer) is withdrawn from the calendar at once instead of
 * popping stale later.  Then ccs_model_dequeue(), whose leaving still
 * bumps gen and so turns its other timers (overflow) stale as before.
 * Apart from ccs_model_dequeue, which then stays small enough to be
 * inlined in the answer path (measured: +1.1% instructions without
 * abandonment when it was inside). */
static inline void ccs_model_withdraw_abandon(ccs_model *m, uint32_t id)
{
    uint32_t timer = m->calls.v[id].timer;
    if (timer != NIL) {
        ccs_engine_cancel(m->eng, timer);
    }
}

/* Call id leaves its type's queue at time now (answered, abandoned, or
 * gone to a callback); the chat channel's voice threshold is told. */
static inline void ccs_model_dequeue(ccs_model *m, uint32_t id, double now)
{
    int t = m->calls.v[id].type;
    ccs_queue_remove(&m->queues, id, now);
    if (m->dequeued) {
        m->dequeued(m, m->dequeued_state, t, now);
    }
}

/* An idle agent of group g looks for work: the channels are asked in
 * order.  Returns 1 when one gave it work. */
static inline int ccs_model_offer(ccs_model *m, int g, ccs_free_reason why, double now)
{
    for (int i = 0; i < m->n_free_hooks; i++) {
        if (m->free_hooks[i].fn(m, m->free_hooks[i].state, g, why, now)) {
            return 1;
        }
    }
    return 0;
}

/* Agent a's work is over: it leaves if owed, else looks for work. */
static inline void ccs_model_agent_done(ccs_model *m, uint32_t a, double now)
{
    int g = ccs_agents_group(&m->agents, a);
    if (ccs_agents_release(&m->agents, a, now)) {
        ccs_model_offer(m, g, CCS_FREE_DONE, now);
    }
}

/* Several days (days.c).  days_init: the day views (CCS_OK or
 * CCS_ENOMEM), m->sc = day 0's; day_select: day d's scenario view, clock
 * and tallies (the slice of out of its intervals). */
int ccs_model_days_init_(ccs_model *m);
void ccs_model_days_fini_(ccs_model *m);
void ccs_model_day_select_(ccs_model *m, const ccs_tally_rep *out, int d);

/* Adds [s, s + d) of agent time of group g on call type t to the busy
 * time of the type and of (group, type) in each interval it overlaps,
 * clipped to the counted day (inbound calls, callbacks' dials). */
void ccs_model_add_busy_(ccs_model *m, int g, int t, double s, double d);

/* Trace line (teaching mode) for call c (NULL for none). */
void ccs_model_trace_(ccs_model *m, ccs_trace_kind kind, const call *c, int group, double wait);

/* Trace line for another channel's item (number: the record's, type:
 * -1 for chat, the back-office type; agent: index or NIL; sessions,
 * slots: -1 if n/a). */
void ccs_model_trace_x_(ccs_model *m, ccs_trace_kind kind, uint32_t number, int type, int group,
                        double wait, uint32_t agent, int sessions, int slots);

#define CCS_TRACE_X(m, kind, num, ty, g, w, a, n, k)                       \
    do {                                                                   \
        if ((m)->trace) {                                                  \
            ccs_model_trace_x_((m), (kind), (num), (ty), (g), (w), (a), (n), (k)); \
        }                                                                  \
    } while (0)

#define CCS_TRACE(m, kind, c, g, w)                   \
    do {                                              \
        if ((m)->trace) {                             \
            ccs_model_trace_((m), (kind), (c), (g), (w)); \
        }                                             \
    } while (0)

#endif
