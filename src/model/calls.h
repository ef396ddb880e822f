/*
 * calls.h — the contact records of one replication: a pool of `call`
 * records addressed by 32-bit slot, grown by doubling, kept across
 * replications, capped at CCS_MODEL_MAX_CALLS.  No allocation per event:
 * a slot is taken from the free list and given back to it.
 *
 * A record is a contact of any channel (an inbound call, an outbound dial);
 * the fields each channel uses are marked.  `gen` is bumped whenever a
 * record leaves a queue or the pool, which turns its pending timers stale
 * (lazy cancellation: docs/engine.md).
 */
#ifndef CCSIM_MODEL_CALLS_H
#define CCSIM_MODEL_CALLS_H

#include <stdint.h>

#define NIL UINT32_MAX

typedef struct call {
    double arrive;       /* time of this attempt's arrival (or of a live answer) */
    double handle;       /* handle time drawn for this attempt */
    double patience;     /* patience drawn for this attempt (INFINITY = none) */
    uint32_t prev;       /* queue links, NIL at the ends */
    uint32_t next;       /* also the free-list link */
    uint32_t gen;        /* bumped when the call leaves a queue or the pool */
    uint32_t number;     /* 1-based, for the trace */
    int type;
    int interval;        /* arrival interval, -1 = warmup (not counted) */
    int retrials;        /* tries so far after the first */
    int queued;          /* in its type's queue */
    /* inbound transfers (docs/routing.md, "Transfers"; hold_start and the
     * end-to-end sums below).  These, the fields above and those to wrap
     * and resolved are what an inbound call touches on the hot path
     * (arrival, answer, departure): the first two cache lines of the
     * record, rather than spread over its four. */
    int leg;             /* 0: the customer's first contact; n: its n-th transfer */
    int first_type;      /* the customer's first call type (end-to-end tallies) */
    int xfer;            /* chosen at answer: 1 + the index of the type's transfer, 0 none */
    int holding;         /* warm: this contact's agent holds the line for the next */
    uint32_t peer;       /* warm: the other contact of the transfer (NIL) ... */
    uint32_t peer_gen;   /* ... and its gen when linked */
    uint32_t timer;      /* the record's own engine timer (engine.h), added when first
                            needed and kept with the slot: inbound's abandonment of a
                            waiting call; NIL: none yet */
    int campaign;        /* outbound campaign, -1 for an inbound call */
    int outcome;         /* outbound: ccs_outcome of the dial */
    uint32_t record;     /* outbound: record on the calling list */
    uint32_t agent;      /* outbound: the agent reserved or talking, NIL */
    double wrap;         /* wrap-up (after-call work) part of handle */
    int repeat;          /* a repeat contact of an unresolved one */
    int resolved;        /* set at answer: resolved at this contact */
    double quality_u;    /* U(0,1) drawn at arrival: resolved if < the group's fcr */
    double repeat_delay; /* drawn at arrival: when it calls again if unresolved */
    double cb_offer;     /* callback: when the caller accepted it (left the queue) */
    double cb_due;       /* callback: when it last fell due (order of the due list) */
    double cb_promise;   /* callback: its first attempt should start by then */
    int cb_attempts;     /* callback: dial-back attempts so far */
    double vdone;        /* chat: the agent's virtual time at which this session's
                            work is done (chat.c) */
    double hold_start;   /* warm: when the hold began (end of talk) */
    double first_wait;   /* the customer's wait before its first answer, seconds */
    double total_wait;   /* its waits over every contact so far */
    double agent_s;      /* agent time on it so far: handle times and warm holds */
    double prior_wait;   /* a retrial: the caller's waits at its earlier attempts, seconds
                            (set when a retrial is scheduled; read when retrials > 0) */
} call;

typedef struct ccs_calls {
    call *v;             /* [cap] */
    uint32_t cap;
    uint32_t free_head;  /* free list through `next` */
    uint32_t numbered;   /* calls numbered so far (trace) */
} ccs_calls;

/* An empty pool of `cap` records.  CCS_OK or CCS_ENOMEM. */
int ccs_calls_init(ccs_calls *p, uint32_t cap);
void ccs_calls_fini(ccs_calls *p);

/* Every record free again (memory kept). */
void ccs_calls_reset(ccs_calls *p);

/* Doubles the pool (the slow path of ccs_call_alloc).  CCS_OK, CCS_ELIMIT
 * past CCS_MODEL_MAX_CALLS, or CCS_ENOMEM. */
int ccs_calls_grow(ccs_calls *p);

/* A free record's slot, or NIL with *failed set (CCS_ELIMIT or CCS_ENOMEM). */
static inline uint32_t ccs_call_alloc(ccs_calls *p, int *failed)
{
    if (p->free_head == NIL) {
        int rc = ccs_calls_grow(p);
        if (rc != 0) {
            *failed = rc;
            return NIL;
        }
    }
    uint32_t id = p->free_head;
    p->free_head = p->v[id].next;
    return id;
}

/* Gives slot id back; its pending events turn stale. */
static inline void ccs_call_free(ccs_calls *p, uint32_t id)
{
    p->v[id].gen++;
    p->v[id].next = p->free_head;
    p->free_head = id;
}

#endif
