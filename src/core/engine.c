/*
 * engine.c — the discrete-event calendar: an implicit d-ary min-heap of
 * 16-byte nodes (time, slot) ordered by (time, seq), the rest of each event
 * in side arrays indexed by its slot.
 *
 * Invariant: heap[0 .. n) is a heap under before(); the slots of the n
 * pending events are distinct and below `fresh`, and free[0 .. nfree) holds
 * the other slots below `fresh`; every event's seq is unique and increases
 * with scheduling order, so the order is total and the pop sequence is fully
 * determined by the schedule calls (FIFO on ties).
 *
 * The heap moves only (time, slot): a level of a sift is one 16-byte copy,
 * and the comparisons read the times in the heap; seq is read only when two
 * times are equal.  The payload (kind, id, gen, aux) is written once at
 * schedule and read once at pop, in the slot the last pop freed (a stack),
 * so it stays in cache.  Both sifts move a hole instead of swapping.
 *
 * The heap array is offset so that a node's children share one 64-byte
 * cache line (2 or 4 of them).  The arity is a build-time constant
 * (CCS_ENGINE_ARITY, 2 or 4).
 */
#include "core/engine.h"

#include <stdlib.h>
#include <string.h>

#include "ccsim/error.h"

/* Binary by default: measured faster than 4-ary for calendars up to 10^5
 * events (docs/engine.md).  Build with -DCCS_ENGINE_ARITY=4 to compare. */
#ifndef CCS_ENGINE_ARITY
#define CCS_ENGINE_ARITY 2
#endif

#if CCS_ENGINE_ARITY != 2 && CCS_ENGINE_ARITY != 4
#error "CCS_ENGINE_ARITY must be 2 or 4"
#endif

#define DEFAULT_CAPACITY 1024
#define LINE 64
/* heap[i] is base[i + OFFSET]: the children of i, d*i+1 .. d*i+d, are then
 * base[d*(i+1) .. d*(i+1)+d-1], which start on a multiple of d nodes. */
#define OFFSET (CCS_ENGINE_ARITY - 1)

typedef struct node {
    double time;
    uint32_t slot;    /* index into the side arrays */
    uint32_t unused;
} node;

typedef struct payload {
    uint32_t kind, id, gen, aux;
} payload;

struct ccs_engine {
    node *heap;         /* [cap]; the first n are the calendar (base + OFFSET) */
    node *base;         /* the allocation, LINE-aligned */
    payload *pay;       /* [cap] by slot */
    uint64_t *seqs;     /* [cap] by slot */
    uint32_t *free;     /* [cap]: slots below fresh not in use */
    size_t n;           /* events pending */
    size_t cap;         /* events the arrays hold; never shrinks */
    size_t nfree;
    size_t fresh;       /* slots [fresh, cap) were never used since reset */
    double now;         /* time of the last popped event, seconds */
    uint64_t seq;       /* next sequence number */
    uint64_t popped;    /* events popped since new/reset */
};

static inline int before(const ccs_engine *e, const node *a, const node *b)
{
    return a->time < b->time || (a->time == b->time && e->seqs[a->slot] < e->seqs[b->slot]);
}

/* Nodes for cap events after the offset, rounded up to whole lines. */
static node *alloc_nodes(size_t cap)
{
    size_t bytes = (cap + OFFSET) * sizeof(node);
    bytes = (bytes + LINE - 1) / LINE * LINE;
    return aligned_alloc(LINE, bytes);
}

/* Sets the arrays to hold cap events, keeping the first `keep` nodes and
 * slots; on failure nothing changes. */
static int resize(ccs_engine *e, size_t cap, size_t keep)
{
    node *base = alloc_nodes(cap);
    payload *pay = realloc(e->pay, cap * sizeof *pay);
    if (pay) {
        e->pay = pay;
    }
    uint64_t *seqs = realloc(e->seqs, cap * sizeof *seqs);
    if (seqs) {
        e->seqs = seqs;
    }
    uint32_t *fr = realloc(e->free, cap * sizeof *fr);
    if (fr) {
        e->free = fr;
    }
    if (!base || !pay || !seqs || !fr) {
        free(base);   /* the arrays that grew stay larger: harmless */
        return CCS_ENOMEM;
    }
    if (e->base) {
        memcpy(base + OFFSET, e->heap, keep * sizeof(node));
        free(e->base);
    }
    e->base = base;
    e->heap = base + OFFSET;
    e->cap = cap;
    return CCS_OK;
}

ccs_engine *ccs_engine_new(size_t capacity)
{
    ccs_engine *e = calloc(1, sizeof *e);
    if (!e) {
        return NULL;
    }
    size_t cap = capacity ? capacity : DEFAULT_CAPACITY;
    if (cap > CCS_ENGINE_MAX_EVENTS) {
        cap = CCS_ENGINE_MAX_EVENTS;
    }
    if (resize(e, cap, 0) != CCS_OK) {
        ccs_engine_free(e);
        return NULL;
    }
    return e;
}

void ccs_engine_free(ccs_engine *e)
{
    if (!e) {
        return;
    }
    free(e->base);
    free(e->pay);
    free(e->seqs);
    free(e->free);
    free(e);
}

void ccs_engine_reset(ccs_engine *e)
{
    CCS_ASSERT(e != NULL);
    e->n = 0;
    e->nfree = 0;
    e->fresh = 0;
    e->now = 0.0;
    e->seq = 0;
    e->popped = 0;
}

/* Kept out of line so the common path of ccs_engine_schedule stays small. */
static int grow(ccs_engine *e)
{
    if (e->cap >= CCS_ENGINE_MAX_EVENTS) {
        return CCS_ELIMIT;
    }
    size_t cap = e->cap * 2 < CCS_ENGINE_MAX_EVENTS ? e->cap * 2 : CCS_ENGINE_MAX_EVENTS;
    return resize(e, cap, e->n);
}

int ccs_engine_schedule(ccs_engine *e, double t, uint32_t kind, uint32_t id,
                        uint32_t gen, uint32_t aux)
{
    /* Also rejects NaN, which would corrupt the heap order silently. */
    CCS_ASSERT(t >= e->now);
    if (e->n == e->cap) {
        int rc = grow(e);
        if (rc != CCS_OK) {
            return rc;
        }
    }
    /* n < cap events pending, so a slot is free or fresh. */
    uint32_t slot = e->nfree > 0 ? e->free[--e->nfree] : (uint32_t)e->fresh++;
    e->pay[slot] = (payload){kind, id, gen, aux};
    e->seqs[slot] = e->seq++;
    node *h = e->heap;
    size_t i = e->n++;
    /* The new event has the largest seq in the calendar, so it goes above
     * a parent only if strictly earlier: ties stay below, hence FIFO. */
    while (i > 0) {
        size_t p = (i - 1) / CCS_ENGINE_ARITY;
        if (!(t < h[p].time)) {
            break;
        }
        h[i] = h[p];
        i = p;
    }
    h[i] = (node){t, slot, 0};
    return CCS_OK;
}

int ccs_engine_pop(ccs_engine *e, ccs_event *out)
{
    if (e->n == 0) {
        return 0;
    }
    node *h = e->heap;
    node top = h[0];
    const payload *p = &e->pay[top.slot];
    out->time = top.time;
    out->seq = e->seqs[top.slot];
    out->kind = p->kind;
    out->id = p->id;
    out->gen = p->gen;
    out->aux = p->aux;
    e->free[e->nfree++] = top.slot;
    e->now = top.time;
    e->popped++;
    size_t n = --e->n;
    if (n == 0) {
        return 1;
    }
    /* Sift the hole at the root down, then drop the former last node in. */
    const node last = h[n];
    size_t i = 0;
    for (;;) {
        size_t c = CCS_ENGINE_ARITY * i + 1;
        if (c >= n) {
            break;
        }
#if CCS_ENGINE_ARITY == 4
        size_t m = c;
        if (c + 3 < n) {
            /* Full family: a fixed tournament the compiler can schedule. */
            size_t a = before(e, &h[c + 1], &h[c]) ? c + 1 : c;
            size_t b = before(e, &h[c + 3], &h[c + 2]) ? c + 3 : c + 2;
            m = before(e, &h[b], &h[a]) ? b : a;
        } else {
            for (size_t j = c + 1; j < n; j++) {
                if (before(e, &h[j], &h[m])) {
                    m = j;
                }
            }
        }
#else
        size_t m = (c + 1 < n && before(e, &h[c + 1], &h[c])) ? c + 1 : c;
#endif
        if (!before(e, &h[m], &last)) {
            break;
        }
        h[i] = h[m];
        i = m;
    }
    h[i] = last;
    return 1;
}

double ccs_engine_now(const ccs_engine *e)
{
    return e->now;
}

size_t ccs_engine_pending(const ccs_engine *e)
{
    return e->n;
}

uint64_t ccs_engine_popped(const ccs_engine *e)
{
    return e->popped;
}
