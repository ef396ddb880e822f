/*
 * engine.c — the discrete-event calendar: an implicit d-ary min-heap of
 * 32-byte ccs_event records ordered by (time, seq).
 *
 * Invariant: heap[0 .. n) is a heap under before(); every record's seq is
 * unique and increases with scheduling order, so the order is total and the
 * pop sequence is fully determined by the schedule calls (FIFO on ties).
 *
 * Both sifts move a hole instead of swapping, so each level costs one
 * 32-byte copy rather than three.  The arity is a build-time constant
 * (CCS_ENGINE_ARITY, 2 or 4).
 */
#include "core/engine.h"

#include <stdlib.h>

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

struct ccs_engine {
    ccs_event *heap;    /* [cap]; the first n are the calendar */
    size_t n;           /* events pending */
    size_t cap;         /* records allocated; never shrinks */
    double now;         /* time of the last popped event, seconds */
    uint64_t seq;       /* next sequence number */
    uint64_t popped;    /* events popped since new/reset */
};

static inline int before(const ccs_event *a, const ccs_event *b)
{
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

ccs_engine *ccs_engine_new(size_t capacity)
{
    ccs_engine *e = calloc(1, sizeof *e);
    if (!e) {
        goto fail;
    }
    e->cap = capacity ? capacity : DEFAULT_CAPACITY;
    e->heap = malloc(e->cap * sizeof *e->heap);
    if (!e->heap) {
        goto fail;
    }
    return e;

fail:
    free(e);
    return NULL;
}

void ccs_engine_free(ccs_engine *e)
{
    if (!e) {
        return;
    }
    free(e->heap);
    free(e);
}

void ccs_engine_reset(ccs_engine *e)
{
    CCS_ASSERT(e != NULL);
    e->n = 0;
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
    ccs_event *h = realloc(e->heap, cap * sizeof *h);
    if (!h) {
        return CCS_ENOMEM;
    }
    e->heap = h;
    e->cap = cap;
    return CCS_OK;
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
    ccs_event *h = e->heap;
    size_t i = e->n++;
    /* The new record has the largest seq in the calendar, so it goes above
     * a parent only if strictly earlier: ties stay below, hence FIFO. */
    while (i > 0) {
        size_t p = (i - 1) / CCS_ENGINE_ARITY;
        if (!(t < h[p].time)) {
            break;
        }
        h[i] = h[p];
        i = p;
    }
    h[i].time = t;
    h[i].seq = e->seq++;
    h[i].kind = kind;
    h[i].id = id;
    h[i].gen = gen;
    h[i].aux = aux;
    return CCS_OK;
}

int ccs_engine_pop(ccs_engine *e, ccs_event *out)
{
    if (e->n == 0) {
        return 0;
    }
    ccs_event *h = e->heap;
    *out = h[0];
    e->now = out->time;
    e->popped++;
    size_t n = --e->n;
    if (n == 0) {
        return 1;
    }
    /* Sift the hole at the root down, then drop the former last record in. */
    const ccs_event *last = &h[n];
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
            size_t a = before(&h[c + 1], &h[c]) ? c + 1 : c;
            size_t b = before(&h[c + 3], &h[c + 2]) ? c + 3 : c + 2;
            m = before(&h[b], &h[a]) ? b : a;
        } else {
            for (size_t j = c + 1; j < n; j++) {
                if (before(&h[j], &h[m])) {
                    m = j;
                }
            }
        }
#else
        size_t m = (c + 1 < n && before(&h[c + 1], &h[c])) ? c + 1 : c;
#endif
        if (!before(&h[m], last)) {
            break;
        }
        h[i] = h[m];
        i = m;
    }
    h[i] = *last;
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
