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
 * and the comparisons read the times in the heap, as integers (key_of);
 * seq is read only when two times are equal.  The payload (kind, id, gen, aux) is written once at
 * schedule and read once at pop, in the slot the last pop freed (a stack),
 * so it stays in cache.  Both sifts move a hole instead of swapping.
 *
 * The heap array is offset so that a node's children share one 64-byte
 * cache line (2 or 4 of them).  The arity is a build-time constant
 * (CCS_ENGINE_ARITY, 2 or 4).
 *
 * Timers (a call type's next arrival: always one pending, rescheduled when
 * it fires) live beside the heap: tm[i] holds timer i's event, and the
 * pending ones are a small binary heap tq[0 .. tn) by (time, seq) of
 * 16-byte (time, index) nodes, so that its sifts compare times without
 * going through tm (seq is read there on a tie), tpos[i] being i's place
 * in it (NOT_PENDING when none).  A pop
 * compares the two tops; seq comes from one counter for both, so the
 * order is the same total order as if every event were in the heap.
 * tpos also lets ccs_engine_cancel() take a timer's event out of tq at
 * once: the last one moves into its place and sifts from there.  A timer
 * that fires while others are pending stays at the root, `held`, since it
 * is most often set again at once (the next arrival): that is then one
 * sift down from the root instead of a removal and an insertion; any
 * other use of the timers first takes it out (settle).
 */
#include "core/engine.h"

#include <math.h>
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
    uint64_t key;     /* the time, as key_of() */
    uint32_t slot;    /* index into the side arrays */
    uint32_t unused;
} node;

typedef struct payload {
    uint32_t kind, id, gen, aux;
} payload;

typedef struct timer {
    double time;
    uint64_t seq;
    payload pay;
} timer;

#define NOT_PENDING UINT32_MAX

/* A pending timer in tq: its time beside its index, so that the sifts
 * compare times without going through tm (seq is read there on a tie). */
typedef struct tnode {
    uint64_t key;     /* the time, as key_of() */
    uint32_t i;
    uint32_t unused;
} tnode;

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
    timer *tm;          /* [tcap] by timer index, the first ntm in use */
    tnode *tq;          /* [tcap]: pending timers, a binary heap by (time, seq) */
    uint32_t *tpos;     /* [tcap]: index into tq, or NOT_PENDING */
    uint32_t ntm;       /* timers added */
    uint32_t tcap;      /* timers the arrays hold (they double); never shrinks */
    uint32_t tn;        /* timers in tq: pending, plus the held one */
    uint32_t held;      /* 1: tq[0] is a timer that fired, not yet taken out */
};

/* A time t >= 0 (not NaN) as an integer in the same order: the bits of a
 * double >= +0 compare as integers as the doubles do, and -0.0 becomes +0
 * first (t + 0.0), equal as before.  The heaps compare keys: an integer
 * comparison is shorter than a floating-point one on the sifts' chain of
 * dependent loads and comparisons, and the order, hence every pop, is the
 * same.  A calendar event scheduled at -0.0 pops at +0.0 (a timer keeps
 * its time as given). */
static inline uint64_t key_of(double t)
{
    t += 0.0;
    uint64_t k;
    memcpy(&k, &t, sizeof k);
    return k;
}

static inline double time_of(uint64_t k)
{
    double t;
    memcpy(&t, &k, sizeof t);
    return t;
}

#define KEY_INFINITY UINT64_C(0x7ff0000000000000)   /* key_of(INFINITY) */

static inline int before(const ccs_engine *e, const node *a, const node *b)
{
    return a->key < b->key || (a->key == b->key && e->seqs[a->slot] < e->seqs[b->slot]);
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
    free(e->tm);
    free(e->tq);
    free(e->tpos);
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
    e->tn = 0;
    e->held = 0;
    for (uint32_t i = 0; i < e->ntm; i++) {
        e->tpos[i] = NOT_PENDING;
    }
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
    const uint64_t k = key_of(t);
    /* The new event has the largest seq in the calendar, so it goes above
     * a parent only if strictly earlier: ties stay below, hence FIFO. */
    while (i > 0) {
        size_t p = (i - 1) / CCS_ENGINE_ARITY;
        if (!(k < h[p].key)) {
            break;
        }
        h[i] = h[p];
        i = p;
    }
    h[i] = (node){k, slot, 0};
    return CCS_OK;
}

/* ---- timers ---------------------------------------------------------------- */

/* Sets the timer arrays to hold cap >= ntm timers; on failure the timers
 * added are intact. */
static int timers_resize(ccs_engine *e, size_t cap)
{
    timer *tm = realloc(e->tm, cap * sizeof *tm);
    if (tm) {
        e->tm = tm;
    }
    tnode *tq = realloc(e->tq, cap * sizeof *tq);
    if (tq) {
        e->tq = tq;
    }
    uint32_t *tpos = realloc(e->tpos, cap * sizeof *tpos);
    if (tpos) {
        e->tpos = tpos;
    }
    if (!tm || !tq || !tpos) {
        return CCS_ENOMEM;   /* the arrays that grew stay larger: harmless */
    }
    e->tcap = (uint32_t)cap;
    return CCS_OK;
}

int ccs_engine_add_timers(ccs_engine *e, uint32_t n, uint32_t *first)
{
    CCS_ASSERT(e != NULL && first != NULL);
    if (n > CCS_ENGINE_MAX_EVENTS - e->ntm) {
        return CCS_ENOMEM;
    }
    size_t want = (size_t)e->ntm + n;
    if (want > e->tcap) {
        /* Doubling: timers added one at a time allocate only now and then. */
        size_t cap = 2 * (size_t)e->tcap > want ? 2 * (size_t)e->tcap : want;
        if (timers_resize(e, cap < CCS_ENGINE_MAX_EVENTS ? cap : CCS_ENGINE_MAX_EVENTS) != CCS_OK) {
            return CCS_ENOMEM;
        }
    }
    for (size_t i = e->ntm; i < want; i++) {
        e->tpos[i] = NOT_PENDING;
    }
    *first = e->ntm;
    e->ntm = (uint32_t)want;
    return CCS_OK;
}

static inline int tnode_before(const ccs_engine *e, const tnode *a, const tnode *b)
{
    return a->key < b->key || (a->key == b->key && e->tm[a->i].seq < e->tm[b->i].seq);
}

/* Moves the timer at tq[i] up or down to its place. */
static void timer_sift(ccs_engine *e, uint32_t i)
{
    tnode *q = e->tq;
    const tnode x = q[i];
    while (i > 0) {
        uint32_t p = (i - 1) / 2;
        if (!tnode_before(e, &x, &q[p])) {
            break;
        }
        q[i] = q[p];
        e->tpos[q[i].i] = i;
        i = p;
    }
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= e->tn) {
            break;
        }
        if (c + 1 < e->tn) {
            /* The earlier child without a branch on which: a coin toss that
             * a branch mispredicts half the time (as in sift_down). */
            uint64_t tl = q[c].key, tr = q[c + 1].key;
            uint32_t m = c + (uint32_t)(tr < tl);
            if (tr == tl && e->tm[q[c + 1].i].seq < e->tm[q[c].i].seq) {
                m = c + 1;
            }
            c = m;
        }
        if (!tnode_before(e, &q[c], &x)) {
            break;
        }
        q[i] = q[c];
        e->tpos[q[i].i] = i;
        i = c;
    }
    q[i] = x;
    e->tpos[x.i] = i;
}

/* Kept out of line where the compiler allows it: inlined, the rare paths
 * make every call of the common one save registers (measured). */
#if defined(__GNUC__)
#define COLD_PATH __attribute__((noinline))
#else
#define COLD_PATH
#endif

/* Takes the held timer (fired, still at the root) out of tq. */
static void settle(ccs_engine *e)
{
    e->held = 0;
    e->tq[0] = e->tq[--e->tn];   /* tn was at least 2 */
    timer_sift(e, 0);
}

/* Puts timer i, not held, at t: pending or not, it sifts to its place. */
static inline void timer_put(ccs_engine *e, uint32_t i, double t, payload pay)
{
    e->tm[i] = (timer){t, e->seq++, pay};
    uint32_t at = e->tpos[i];
    if (at == NOT_PENDING) {
        at = e->tn++;
        e->tq[at] = (tnode){key_of(t), i, 0};
        if (at == 0) {
            e->tpos[i] = 0;   /* the only one pending (one call type): nothing to sift */
            return;
        }
    } else {
        e->tq[at].key = key_of(t);   /* moved */
    }
    timer_sift(e, at);
}

/* ccs_engine_set_timer() while a fired timer is held at the root. */
COLD_PATH static void set_timer_held(ccs_engine *e, uint32_t i, double t, uint32_t kind,
                                     uint32_t id, uint32_t gen, uint32_t aux)
{
    payload pay = {kind, id, gen, aux};
    if (e->tq[0].i == i) {
        /* The timer that just fired is set again (a call type's next
         * arrival): it stays at the root and moves down from there, one
         * sift instead of a removal and an insertion. */
        e->held = 0;
        e->tm[i] = (timer){t, e->seq++, pay};
        e->tq[0].key = key_of(t);
        timer_sift(e, 0);
        return;
    }
    settle(e);
    timer_put(e, i, t, pay);
}

void ccs_engine_set_timer(ccs_engine *e, uint32_t i, double t, uint32_t kind, uint32_t id,
                          uint32_t gen, uint32_t aux)
{
    CCS_ASSERT(t >= e->now && i < e->ntm);
    if (e->held) {
        set_timer_held(e, i, t, kind, id, gen, aux);
        return;
    }
    timer_put(e, i, t, (payload){kind, id, gen, aux});
}

int ccs_engine_cancel(ccs_engine *e, uint32_t i)
{
    CCS_ASSERT(i < e->ntm);
    if (e->tpos[i] == NOT_PENDING) {
        return 0;
    }
    if (e->held) {
        settle(e);
    }
    uint32_t at = e->tpos[i];
    e->tpos[i] = NOT_PENDING;
    e->popped++;   /* resolved: counted as if it had popped (engine.h) */
    tnode last = e->tq[--e->tn];
    if (at < e->tn) {
        e->tq[at] = last;   /* the last one takes its place, then moves up or down */
        timer_sift(e, at);
    }
    return 1;
}

/* The earliest pending timer fires. */
static void pop_timer(ccs_engine *e, ccs_event *out)
{
    uint32_t i = e->tq[0].i;
    const timer *t = &e->tm[i];
    out->time = t->time;
    out->seq = t->seq;
    out->kind = t->pay.kind;
    out->id = t->pay.id;
    out->gen = t->pay.gen;
    out->aux = t->pay.aux;
    e->now = t->time;
    e->popped++;
    e->tpos[i] = NOT_PENDING;
    /* With others pending it stays at the root, held: a timer is most
     * often set again at once (ccs_engine_set_timer), and the removal is
     * done only when it is not (settle). */
    if (e->tn > 1) {
        e->held = 1;
    } else {
        e->tn = 0;
    }
}

/* Calendars up to this many events choose the earlier child of a binary
 * node without a branch: which one it is is a coin toss, which a branch
 * mispredicts half the time.  Larger ones branch: there the CPU's
 * speculation past the branch starts the next level's loads early, which
 * pays more once the heap no longer fits in the first-level cache (the
 * hold test in bench/bench_engine.c; docs/engine.md). */
#define BRANCH_FREE_MAX 2048

/* Moves the hole at the root down among heap[0 .. n) and drops last in;
 * branch_free (a constant at each call) picks the child arithmetically,
 * reading seq only on a tie. */
static inline void sift_down(const ccs_engine *e, node *h, size_t n, node last, int branch_free)
{
    size_t i = 0;
    for (;;) {
        size_t c = CCS_ENGINE_ARITY * i + 1;
        if (c >= n) {
            break;
        }
#if CCS_ENGINE_ARITY == 4
        (void)branch_free;
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
        size_t m;
        if (branch_free) {
            /* h[n] is the +inf sentinel, so h[c + 1] may be read. */
            uint64_t tl = h[c].key, tr = h[c + 1].key;
            m = c + (size_t)(tr < tl);
            if (tr == tl && c + 1 < n && e->seqs[h[c + 1].slot] < e->seqs[h[c].slot]) {
                m = c + 1;
            }
        } else {
            m = (c + 1 < n && before(e, &h[c + 1], &h[c])) ? c + 1 : c;
        }
#endif
        if (!before(e, &h[m], &last)) {
            break;
        }
        h[i] = h[m];
        i = m;
    }
    h[i] = last;
}

/* ---- pop --------------------------------------------------------------------- */

int ccs_engine_pop(ccs_engine *e, ccs_event *out)
{
    node *h = e->heap;
    if (e->tn > 0) {
        if (e->held) {
            settle(e);
        }
        const tnode *t = &e->tq[0];
        if (e->n == 0 || t->key < h[0].key ||
            (t->key == h[0].key && e->tm[t->i].seq < e->seqs[h[0].slot])) {
            pop_timer(e, out);
            return 1;
        }
    }
    if (e->n == 0) {
        return 0;
    }
    node top = h[0];
    const payload *p = &e->pay[top.slot];
    out->time = time_of(top.key);
    out->seq = e->seqs[top.slot];
    out->kind = p->kind;
    out->id = p->id;
    out->gen = p->gen;
    out->aux = p->aux;
    e->free[e->nfree++] = top.slot;
    e->now = out->time;
    e->popped++;
    size_t n = --e->n;
    if (n == 0) {
        return 1;
    }
    /* Sift the hole at the root down, then drop the former last node in. */
    const node last = h[n];
#if CCS_ENGINE_ARITY == 2
    /* Sentinel: a missing right child is never the earlier one, so the
     * branch-free choice of child needs no bounds test. */
    h[n].key = KEY_INFINITY;
    if (n <= BRANCH_FREE_MAX) {
        sift_down(e, h, n, last, 1);
    } else {
        sift_down(e, h, n, last, 0);
    }
#else
    sift_down(e, h, n, last, 0);
#endif
    return 1;
}

double ccs_engine_now(const ccs_engine *e)
{
    return e->now;
}

size_t ccs_engine_pending(const ccs_engine *e)
{
    return e->n + e->tn - e->held;
}

uint64_t ccs_engine_popped(const ccs_engine *e)
{
    return e->popped;
}
