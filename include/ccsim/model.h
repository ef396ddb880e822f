/*
 * model.h — the inbound call-center model: one replication of one scenario
 * on the event engine.
 *
 * Calls arrive per call type as a non-homogeneous Poisson process (rate
 * constant within an interval, times a day-level volume multiplier), wait in
 * a FIFO queue per type, abandon when their patience runs out, are blocked
 * when the queue is full, and may retry.  Agents are entities of their
 * group, on shift, idle or busy (owed: leaving after the current call); the
 * longest-idle agent of a group takes the next call.  A free agent takes
 * the oldest call of the highest-priority type it serves whose wait has
 * reached the group's overflow delay for that type.  Outbound campaigns
 * share the agents.  The full model is in docs/model.md, its modules in
 * docs/architecture.md.
 *
 * A model is built once per thread and reused for many replications; it
 * owns its engine, call pool and random streams.  Memory is bounded by the
 * calls in the system at once, not by the horizon, and those are capped at
 * CCS_MODEL_MAX_CALLS: a queue that outgrows it (too few agents and no
 * patience) stops the run with CCS_ELIMIT instead of exhausting memory.
 */
#ifndef CCSIM_MODEL_H
#define CCSIM_MODEL_H

#include <stdint.h>
#include "ccsim/error.h"
#include "ccsim/scenario.h"
#include "ccsim/tallies.h"

typedef struct ccs_model ccs_model;   /* opaque */

/* Most callers in the system at once (waiting, talking, or due to call
 * again), per replication: 2^20, about 120 MB of call records. */
#define CCS_MODEL_MAX_CALLS (1u << 20)

/* What a trace line describes (teaching mode). */
typedef enum ccs_trace_kind {
    CCS_TR_ARRIVAL,     /* a call arrives (fresh) */
    CCS_TR_RETRIAL,     /* a caller tries again */
    CCS_TR_QUEUE,       /* no agent free: the call waits */
    CCS_TR_ANSWER,      /* an agent takes the call */
    CCS_TR_DEPART,      /* the agent finishes (talk + after-call work) */
    CCS_TR_ABANDON,     /* the caller hangs up while waiting */
    CCS_TR_BLOCK,       /* the queue is full: the caller is turned away */
    CCS_TR_INTERVAL,    /* a new interval starts (staffing may change) */
    CCS_TR_CALLBACK,    /* the caller accepted a callback and left the queue */
    CCS_TR_DIALBACK,    /* an agent starts a dial-back attempt */
    CCS_TR_TRANSFER,    /* after talk, the call is transferred to another type */
    /* other channels (their lines carry agent / sessions, see below) */
    CCS_TR_CB_OFFER,    /* a waiting caller is offered a callback */
    CCS_TR_CHAT_ARRIVAL, /* a chat arrives */
    CCS_TR_CHAT_QUEUE,  /* no chat slot free: the chat waits */
    CCS_TR_CHAT_BLOCK,  /* the chat queue is full: the chat is turned away */
    CCS_TR_CHAT_START,  /* an agent opens a session for the chat (first response) */
    CCS_TR_CHAT_END,    /* the session is done */
    CCS_TR_CHAT_ABANDON, /* the chat leaves while waiting */
    CCS_TR_BO_ARRIVAL,  /* a back-office item arrives */
    CCS_TR_BO_START,    /* an agent starts the item */
    CCS_TR_BO_DONE,     /* the item is completed within its deadline */
    CCS_TR_BO_LATE      /* the item is completed after its deadline */
} ccs_trace_kind;

typedef struct ccs_trace_event {
    double time;        /* seconds from the start of the run (warmup included) */
    ccs_trace_kind kind;
    uint32_t call;      /* call number, in order of first arrival (from 1) */
    int type;           /* call type index, -1 for interval events */
    int group;          /* agent group index, -1 if none */
    int interval;       /* interval index; -1 during warmup, n_intervals after
                           the last interval (calls still in the system finish) */
    long queued;        /* callers waiting, all types, after the event */
    long busy;          /* agents busy, all groups, after the event */
    double wait_s;      /* for ANSWER, ABANDON and CALLBACK: time waited; for
                           DIALBACK: time since the callback was accepted;
                           for CHAT_START and CHAT_ABANDON: time waited; for
                           BO_START: time waited */
    /* chat and back-office events (call is then the chat's number, 0 for a
     * back-office item; type -1 for chat, the back-office type's index for
     * BO_*): */
    long agent;         /* agent number (from 1) of the session or item, 0 if none */
    int sessions;       /* chat: the agent's open sessions after the event, -1 if n/a */
    int slots;          /* chat: the agent's slots (chat_slots), -1 if n/a */
} ccs_trace_event;

typedef void (*ccs_trace_fn)(void *ctx, const ccs_trace_event *ev);

/* Returns a new model for sc (which must outlive it); free with
 * ccs_model_free().  NULL with err set on allocation failure. */
ccs_model *ccs_model_new(const ccs_scenario *sc, ccs_error *err);

/* Frees m.  NULL is a no-op. */
void ccs_model_free(ccs_model *m);

/* Calls fn for every event of the next replications run, until `until_s`
 * seconds of simulated time (fn NULL: no tracing). */
void ccs_model_set_trace(ccs_model *m, ccs_trace_fn fn, void *ctx, double until_s);

/* Runs replication rep (its random streams come from (sc->seed, rep)) and
 * writes its tallies to *out (dimensions ccs_tally_dims_of(sc), every cell
 * overwritten: tallies.h) and the number of events processed to *events.
 * Returns CCS_OK, CCS_ELIMIT (more than CCS_MODEL_MAX_CALLS callers or
 * CCS_ENGINE_MAX_EVENTS events at once; the tallies are then partial) or
 * CCS_ENOMEM. */
int ccs_model_run(ccs_model *m, int rep, const ccs_tally_rep *out, uint64_t *events);

/* Absenteeism (ccs_agent_group.absenteeism > 0): at the start of each
 * replication, the j-th agent of group g's schedule (j = 0, 1, ...: the
 * agent who is on shift whenever the count is above j) is absent for the
 * day with that probability, drawn from the stream (CCS_RNG_ABSENCE, g) in
 * the order j = 0, 1, ..., so a count of N + 1 has the same absent agents
 * as N, and one more draw (common random numbers).  The agents present in
 * interval k are those of the first count[k] who are not absent.  Returns
 * that number for the replication last run (count[k] without absenteeism). */
int ccs_model_present(const ccs_model *m, int g, int k);

#endif
