/*
 * bench_calq.c — a calendar queue (R. Brown, "Calendar queues: a fast O(1)
 * priority queue implementation for the simulation event set problem",
 * CACM 31(10), 1988), for the hold test of bench_engine.c to compare with
 * ccsim's binary heap (src/core/engine.c) at 64 to 10^6 pending events.
 * Bench code only: the engine does not use it (docs/engine.md, section 1).
 *
 * The events are the engine's 16 bytes: a time and a 64-bit key (the
 * scheduling order, so that ties pop FIFO), ordered by (time, key).  Each
 * sits in a node of a pool with a 32-bit link (24 bytes); nodes freed by a
 * pop are reused last-in first-out and the pool doubles when full, so
 * nothing is allocated per event.  The calendar is nb buckets (a power of
 * two) of width w: an event's *day* is floor(time / w) (one multiply by
 * 1/w), its bucket the day mod nb, and each bucket is a list sorted by
 * (time, key).
 *
 * Invariant: every pending event's day is >= cur, the day of the last pop
 * (days are monotone in time and times never go below the last popped).
 * So when the head of bucket cur mod nb has day cur it is the earliest
 * event of all, and a pop looks at bucket after bucket, cur, cur + 1, ...
 * until a head has the day it is looked at on.  After a whole year (nb
 * buckets) with none, the earliest head is found by a direct search, as in
 * Brown's paper.  Comparing integer days instead of Brown's running
 * "bucket top" (a sum of widths) keeps the test exact in floating point.
 *
 * Resizing is Brown's: nb doubles when more than 2 nb events are pending
 * and halves when fewer than nb / 2 are (not below MIN_BUCKETS); the new
 * width is 3 times the mean separation of the next (up to 25) events, the
 * separations more than twice the mean being left out of it.  Between
 * resizes the width is not re-estimated (Brown's design).
 */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/engine.h"

#define NIL UINT32_MAX
#define MIN_BUCKETS 2
/* Days above this are all one day: still monotone, so still exact. */
#define MAX_DAY 0x1p62
#define MAX_SAMPLE 25

typedef struct cq_node {
    ccs_bench_cq_event ev;
    uint32_t next;      /* the next node of its bucket (or of the free list) */
    uint32_t unused;
} cq_node;

struct ccs_bench_cq {
    cq_node *node;      /* [cap] the pool */
    uint32_t *head;     /* [nb] first node of each bucket, NIL when empty */
    size_t cap;         /* nodes in the pool */
    size_t fresh;       /* nodes [fresh, cap) never used */
    uint32_t free;      /* free list of nodes below fresh */
    size_t n;           /* events pending */
    size_t nb;          /* buckets, a power of two */
    size_t mask;        /* nb - 1 */
    double width;       /* of a bucket, in time units */
    double inv_width;   /* 1 / width */
    uint64_t cur;       /* day of the last pop (or 0): no pending day is below it */
    double now;         /* time of the last pop */
    uint64_t resizes;   /* calendar resizes since new */
};

static inline int cq_before(const ccs_bench_cq_event *a, const ccs_bench_cq_event *b)
{
    return a->time < b->time || (a->time == b->time && a->key < b->key);
}

static inline uint64_t day_of(const ccs_bench_cq *q, double t)
{
    double d = t * q->inv_width;
    return d < MAX_DAY ? (uint64_t)d : (uint64_t)MAX_DAY;
}

/* Links node i into its bucket, after every event before it. */
static inline void link_node(ccs_bench_cq *q, uint32_t i)
{
    cq_node *nd = q->node;
    uint32_t *at = &q->head[day_of(q, nd[i].ev.time) & q->mask];
    while (*at != NIL && cq_before(&nd[*at].ev, &nd[i].ev)) {
        at = &nd[*at].next;
    }
    nd[i].next = *at;
    *at = i;
}

/* Schedules without resizing; the pool has a node free or fresh. */
static inline void put(ccs_bench_cq *q, ccs_bench_cq_event ev)
{
    uint32_t i;
    if (q->free != NIL) {
        i = q->free;
        q->free = q->node[i].next;
    } else {
        i = (uint32_t)q->fresh++;
    }
    q->node[i].ev = ev;
    link_node(q, i);
    q->n++;
}

/* The earliest head of all buckets (n > 0), by direct search. */
static uint32_t earliest_head(const ccs_bench_cq *q)
{
    uint32_t best = NIL;
    for (size_t b = 0; b < q->nb; b++) {
        uint32_t h = q->head[b];
        if (h != NIL && (best == NIL || cq_before(&q->node[h].ev, &q->node[best].ev))) {
            best = h;
        }
    }
    return best;
}

/* Pops the earliest event without resizing (n > 0). */
static inline ccs_bench_cq_event take(ccs_bench_cq *q)
{
    cq_node *nd = q->node;
    uint64_t day = q->cur;
    uint32_t h = NIL;
    size_t b = 0;
    for (size_t k = 0; k < q->nb; k++, day++) {
        b = day & q->mask;
        h = q->head[b];
        if (h != NIL && day_of(q, nd[h].ev.time) == day) {
            break;
        }
        h = NIL;
    }
    if (h == NIL) {
        /* A year without an event: jump to the earliest. */
        h = earliest_head(q);
        day = day_of(q, nd[h].ev.time);
        b = day & q->mask;
    }
    ccs_bench_cq_event ev = nd[h].ev;
    q->head[b] = nd[h].next;
    nd[h].next = q->free;
    q->free = h;
    q->n--;
    q->cur = day;
    q->now = ev.time;
    return ev;
}

/* Brown's width: 3 times the mean separation of the next events, leaving
 * out separations above twice the mean of all.  It takes them out and puts
 * them back; the width stays when they are fewer than 2 or all tied. */
static double estimate_width(ccs_bench_cq *q)
{
    if (q->n < 2) {
        return q->width;
    }
    size_t ns = q->n <= 5 ? q->n : 5 + q->n / 10;
    ns = ns < MAX_SAMPLE ? ns : MAX_SAMPLE;
    ccs_bench_cq_event s[MAX_SAMPLE];
    uint64_t cur = q->cur;
    double now = q->now;
    for (size_t i = 0; i < ns; i++) {
        s[i] = take(q);
    }
    double mean = (s[ns - 1].time - s[0].time) / (double)(ns - 1);
    double sum = 0.0;
    size_t used = 0;
    for (size_t i = 1; i < ns; i++) {
        double sep = s[i].time - s[i - 1].time;
        if (sep <= 2.0 * mean) {
            sum += sep;
            used++;
        }
    }
    q->cur = cur;
    q->now = now;
    for (size_t i = 0; i < ns; i++) {
        put(q, s[i]);
    }
    double w = used > 0 ? 3.0 * sum / (double)used : 0.0;
    return w > 0.0 && isfinite(w) ? w : q->width;
}

/* Re-buckets every event into nb buckets of a re-estimated width; on an
 * allocation failure nothing changes. */
static void resize(ccs_bench_cq *q, size_t nb)
{
    uint32_t *head = malloc(nb * sizeof *head);
    if (!head) {
        return;
    }
    for (size_t b = 0; b < nb; b++) {
        head[b] = NIL;
    }
    double w = estimate_width(q);
    uint32_t *old = q->head;
    size_t oldnb = q->nb;
    q->head = head;
    q->nb = nb;
    q->mask = nb - 1;
    q->width = w;
    q->inv_width = 1.0 / w;
    q->cur = day_of(q, q->now);
    for (size_t b = 0; b < oldnb; b++) {
        for (uint32_t i = old[b]; i != NIL;) {
            uint32_t next = q->node[i].next;
            link_node(q, i);
            i = next;
        }
    }
    free(old);
    q->resizes++;
}

ccs_bench_cq *ccs_bench_cq_new(size_t capacity)
{
    ccs_bench_cq *q = calloc(1, sizeof *q);
    if (!q) {
        return NULL;
    }
    q->cap = capacity > 0 ? capacity : 1024;
    q->node = malloc(q->cap * sizeof *q->node);
    q->nb = MIN_BUCKETS;
    q->head = malloc(q->nb * sizeof *q->head);
    if (!q->node || !q->head) {
        ccs_bench_cq_free(q);
        return NULL;
    }
    for (size_t b = 0; b < q->nb; b++) {
        q->head[b] = NIL;
    }
    q->mask = q->nb - 1;
    q->width = 1.0;
    q->inv_width = 1.0;
    q->free = NIL;
    return q;
}

void ccs_bench_cq_free(ccs_bench_cq *q)
{
    if (!q) {
        return;
    }
    free(q->node);
    free(q->head);
    free(q);
}

int ccs_bench_cq_push(ccs_bench_cq *q, double time, uint64_t key)
{
    if (q->free == NIL && q->fresh == q->cap) {
        if (q->cap >= NIL / 2) {
            return -1;
        }
        cq_node *nd = realloc(q->node, 2 * q->cap * sizeof *nd);
        if (!nd) {
            return -1;
        }
        q->node = nd;
        q->cap *= 2;
    }
    put(q, (ccs_bench_cq_event){time, key});
    if (q->n > 2 * q->nb) {
        resize(q, 2 * q->nb);
    }
    return 0;
}

int ccs_bench_cq_pop(ccs_bench_cq *q, ccs_bench_cq_event *out)
{
    if (q->n == 0) {
        return 0;
    }
    *out = take(q);
    if (q->nb > MIN_BUCKETS && q->n < q->nb / 2) {
        resize(q, q->nb / 2);
    }
    return 1;
}

size_t ccs_bench_cq_pending(const ccs_bench_cq *q)
{
    return q->n;
}

size_t ccs_bench_cq_buckets(const ccs_bench_cq *q)
{
    return q->nb;
}

double ccs_bench_cq_width(const ccs_bench_cq *q)
{
    return q->width;
}

uint64_t ccs_bench_cq_resizes(const ccs_bench_cq *q)
{
    return q->resizes;
}

/* ---- the check: the same pops as ccs_engine ------------------------------- */

/* splitmix64: the check's own numbers, independent of the code checked. */
static uint64_t mix_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* One pop of each, compared with the engine's; 0 when all three agree. */
static int pop_three(ccs_engine *e, ccs_bench_cq *q, ccs_bench_lq *l, long pops, int *any)
{
    ccs_event a = {0};
    ccs_bench_cq_event b = {NAN, 0}, c = {NAN, 0};
    int ga = ccs_engine_pop(e, &a), gb = ccs_bench_cq_pop(q, &b), gc = ccs_bench_lq_pop(l, &c);
    *any = ga || gb || gc;
    if (ga == gb && ga == gc && (!ga || (a.time == b.time && a.seq == b.key && a.time == c.time &&
                                         a.seq == c.key))) {
        return 0;
    }
    fprintf(stderr,
            "bench_calq: pop %ld differs: ccs_engine (t=%.17g, seq=%llu), calendar queue "
            "(t=%.17g, key=%llu), ladder queue (t=%.17g, key=%llu)\n",
            pops, ga ? a.time : NAN, (unsigned long long)a.seq, b.time, (unsigned long long)b.key,
            c.time, (unsigned long long)c.key);
    return 1;
}

int ccs_bench_cq_check(long ops)
{
    ccs_engine *e = ccs_engine_new(0);
    ccs_bench_cq *q = ccs_bench_cq_new(16);
    ccs_bench_lq *l = ccs_bench_lq_new(16);
    if (!e || !q || !l) {
        fprintf(stderr, "bench_calq: out of memory\n");
        exit(1);
    }
    uint64_t rs = 20240501u, seq = 0;
    long bad = 0, pops = 0;
    size_t peak = 0;
    int any = 1;
    for (long op = 0; op < ops && bad == 0; op++) {
        uint64_t r = mix_next(&rs);
        /* Phases of 20,000 operations: filling (3 schedules in 4) and
         * draining (1 in 4), so the calendar grows and shrinks through
         * many resizes; the times are multiples of 1/4 (ties), a tenth of
         * them at the current time and one in a thousand far ahead (a year
         * with no event: the direct search). */
        int filling = (op / 20000) % 2 == 0;
        int schedule = (r & 3) < (filling ? 3u : 1u) || ccs_engine_pending(e) == 0;
        if (schedule) {
            double now = ccs_engine_now(e);
            uint64_t u = (r >> 8) % 1000;
            double dt = u < 100 ? 0.0 : u == 999 ? 1e6 : (double)((r >> 20) % 400) * 0.25;
            double t = now + dt;
            if (ccs_engine_schedule(e, t, 0, 0, 0, 0) != 0 || ccs_bench_cq_push(q, t, seq) != 0 ||
                ccs_bench_lq_push(l, t, seq) != 0) {
                fprintf(stderr, "bench_calq: out of memory\n");
                exit(1);
            }
            seq++;
            peak = ccs_engine_pending(e) > peak ? ccs_engine_pending(e) : peak;
        } else {
            bad += pop_three(e, q, l, ++pops, &any);
        }
        if (ccs_engine_pending(e) != ccs_bench_cq_pending(q) ||
            ccs_engine_pending(e) != ccs_bench_lq_pending(l)) {
            fprintf(stderr, "bench_calq: %zu pending in ccs_engine, %zu in the calendar queue, "
                            "%zu in the ladder queue\n",
                    ccs_engine_pending(e), ccs_bench_cq_pending(q), ccs_bench_lq_pending(l));
            bad++;
        }
    }
    /* Drain: the rest must come out in the same order too. */
    while (bad == 0 && any) {
        bad += pop_three(e, q, l, ++pops, &any);
    }
    printf("  calendar and ladder queue check: %ld random schedule/pop operations and the drain,\n"
           "  %ld pops (peak %zu pending, %llu calendar resizes, %llu ladder rungs): %s\n",
           ops, pops - (bad ? 0 : 1), peak, (unsigned long long)q->resizes,
           (unsigned long long)ccs_bench_lq_spawns(l),
           bad ? "DIFFERENT ORDER from ccs_engine" : "same order as ccs_engine");
    ccs_engine_free(e);
    ccs_bench_cq_free(q);
    ccs_bench_lq_free(l);
    return bad ? 1 : 0;
}
