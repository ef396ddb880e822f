/*
 * queue.h — contacts waiting for an agent, one FIFO per call type.
 *
 * The queues are intrusive lists through the call records' prev/next
 * links.  Leaving a queue bumps the record's `gen`, which turns its pending
 * overflow timers stale (lazy cancellation); an answered call's
 * abandonment is withdrawn outright (ccs_model_withdraw_abandon, core.h).
 * The queue length is integrated over time into the current
 * interval's cells (queue_area: the time-average queue is queue_area /
 * interval length) and its maximum tracked (queue_max).  ccs_queue_oldest() finds the longest-waiting head
 * among several types (agent-side routing policies).
 */
#ifndef CCSIM_MODEL_QUEUE_H
#define CCSIM_MODEL_QUEUE_H

#include <stdint.h>

#include "ccsim/tallies.h"
#include "model/calls.h"
#include "model/clock.h"

typedef struct type_queue {
    uint32_t head, tail;   /* call slots, NIL when empty */
    long len;
    double last;           /* time of the last change of len */
} type_queue;

typedef struct ccs_queues {
    int nt;
    type_queue *q;         /* [nt] */
    long waiting;          /* all types */
    ccs_calls *calls;      /* the model's, set by ccs_queues_init */
    const ccs_clock *clk;
    const ccs_tally_rep *tal;
} ccs_queues;

int ccs_queues_init(ccs_queues *qs, int nt, ccs_calls *calls, const ccs_clock *clk,
                    const ccs_tally_rep *tal);
void ccs_queues_fini(ccs_queues *qs);
void ccs_queues_reset(ccs_queues *qs);

/* Integrates every queue's length up to now into the current interval
 * (call it before the interval changes). */
void ccs_queues_close_interval(ccs_queues *qs, double now);

/* The new current interval's longest queue starts at the lengths now. */
void ccs_queues_open_interval(ccs_queues *qs);

/* The oldest head among types[0..n): its call slot (NIL when all are
 * empty), and its type in *type.  Ties go to the earlier type of the list. */
uint32_t ccs_queue_oldest(const ccs_queues *qs, const int *types, int n, int *type);

static inline uint32_t ccs_queue_head(const ccs_queues *qs, int t)
{
    return qs->q[t].head;
}

static inline long ccs_queue_len(const ccs_queues *qs, int t)
{
    return qs->q[t].len;
}

/* Queue-length integral of type t up to now, in the current interval. */
static inline void ccs_queue_account(ccs_queues *qs, int t, double now)
{
    type_queue *q = &qs->q[t];
    if (ccs_clock_counting(qs->clk)) {
        ccs_tally_at(qs->tal, qs->clk->cur, t)->queue_area += (double)q->len * (now - q->last);
    }
    q->last = now;
}

/* Call id joins the tail of its type's queue at time now. */
static inline void ccs_queue_push(ccs_queues *qs, uint32_t id, double now)
{
    call *v = qs->calls->v;
    call *c = &v[id];
    type_queue *q = &qs->q[c->type];
    ccs_queue_account(qs, c->type, now);
    c->prev = q->tail;
    c->next = NIL;
    if (q->tail != NIL) {
        v[q->tail].next = id;
    } else {
        q->head = id;
    }
    q->tail = id;
    q->len++;
    c->queued = 1;
    qs->waiting++;
    if (ccs_clock_counting(qs->clk)) {
        ccs_tally *cl = ccs_tally_at(qs->tal, qs->clk->cur, c->type);
        if ((double)q->len > cl->queue_max) {
            cl->queue_max = (double)q->len;
        }
    }
}

/* Call id leaves its type's queue (from anywhere in it) at time now. */
static inline void ccs_queue_remove(ccs_queues *qs, uint32_t id, double now)
{
    call *v = qs->calls->v;
    call *c = &v[id];
    type_queue *q = &qs->q[c->type];
    ccs_queue_account(qs, c->type, now);
    if (c->prev != NIL) {
        v[c->prev].next = c->next;
    } else {
        q->head = c->next;
    }
    if (c->next != NIL) {
        v[c->next].prev = c->prev;
    } else {
        q->tail = c->prev;
    }
    q->len--;
    c->queued = 0;
    c->gen++;
    qs->waiting--;
}

#endif
