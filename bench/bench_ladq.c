/*
 * bench_ladq.c — a ladder queue (W. T. Tang, R. S. M. Goh, I. L.-J. Thng,
 * "Ladder queue: an O(1) priority queue structure for large-scale discrete
 * event simulation", ACM TOMACS 15(3), 2005), for the hold test of
 * bench_engine.c beside the heap and the calendar queue (bench_calq.c).
 * Bench code only: the engine does not use it.
 *
 * The same 16-byte events as the calendar queue, ordered by (time, key),
 * in 24-byte nodes of a pool (LIFO free list, doubling; nothing allocated
 * per event).  Three tiers:
 *   - Top: an unsorted list of the events at or after top_start, with
 *     their least and greatest time;
 *   - rungs 0 .. nrung-1: arrays of unsorted buckets, rung r+1 spreading
 *     one bucket of rung r over finer ones; cur is the next bucket to use;
 *   - Bottom: a small sorted array of the earliest events, popped from.
 * When Bottom is empty, the last rung's next nonempty bucket moves into it
 * (sorted), or, holding more than THRES events, becomes a new rung of
 * `count` buckets; with no rung left, Top becomes rung 0 (width
 * (max - min) / count, as in the paper).
 *
 * Exactness: a rung's bucket of time t is floor((t - start) / width),
 * clamped to the rung, a monotone function of t; an event goes to the
 * first tier, from the top, whose next bucket is not past its own, and
 * Top takes t >= top_start (just above the greatest time that went down
 * into rung 0), so that rung 0 holds only earlier ones.  So every event of
 * a tier is later than every event of the tiers below, and ties of time
 * are always in the same bucket, sorted by key when they reach Bottom.
 *
 * Simplified from the paper: Bottom never spills back into a new rung
 * (an insertion into it is a sorted insertion into the array), and at
 * MAX_RUNGS a large bucket is sorted into Bottom as it is.
 */
#include "bench.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NIL UINT32_MAX
#define THRES 50          /* the paper's threshold of events for a new rung */
#define MAX_RUNGS 8

typedef struct lq_node {
    ccs_bench_cq_event ev;
    uint32_t next;
    uint32_t unused;
} lq_node;

typedef struct lq_bucket {
    uint32_t head;     /* unsorted list */
    uint32_t count;
} lq_bucket;

typedef struct lq_rung {
    lq_bucket *b;      /* [cap] */
    size_t cap;        /* buckets allocated (kept between uses) */
    size_t nb;         /* buckets in use */
    size_t cur;        /* next bucket to move down */
    double start;      /* time at bucket 0 */
    double inv_width;
} lq_rung;

struct ccs_bench_lq {
    lq_node *node;             /* [cap] the pool */
    size_t cap;
    size_t fresh;
    uint32_t free;
    size_t n;                  /* events pending in all tiers */
    uint32_t top;              /* Top's list */
    size_t ntop;
    double top_min, top_max;
    double top_start;          /* events at or after it go to Top */
    lq_rung rung[MAX_RUNGS];
    int nrung;
    ccs_bench_cq_event *bot;   /* [cap] Bottom: bot[bhead .. bn) sorted */
    size_t bhead, bn;
    uint64_t spawns;           /* rungs created */
};

static inline int lq_before(const ccs_bench_cq_event *a, const ccs_bench_cq_event *b)
{
    return a->time < b->time || (a->time == b->time && a->key < b->key);
}

/* The bucket of t in rung g, clamped to [0, nb). */
static inline size_t bucket_of(const lq_rung *g, double t)
{
    double x = (t - g->start) * g->inv_width;
    if (!(x > 0.0)) {
        return 0;
    }
    return x < (double)(g->nb - 1) ? (size_t)x : g->nb - 1;
}

static inline uint32_t new_node(ccs_bench_lq *q, ccs_bench_cq_event ev)
{
    uint32_t i;
    if (q->free != NIL) {
        i = q->free;
        q->free = q->node[i].next;
    } else {
        i = (uint32_t)q->fresh++;
    }
    q->node[i].ev = ev;
    return i;
}

static inline void free_node(ccs_bench_lq *q, uint32_t i)
{
    q->node[i].next = q->free;
    q->free = i;
}

static inline void bucket_add(ccs_bench_lq *q, lq_bucket *b, uint32_t i)
{
    q->node[i].next = b->head;
    b->head = i;
    b->count++;
}

static int rung_reserve(lq_rung *g, size_t nb)
{
    if (nb > g->cap) {
        size_t cap = g->cap * 2 > nb ? g->cap * 2 : nb;
        lq_bucket *b = realloc(g->b, cap * sizeof *b);
        if (!b) {
            return -1;
        }
        g->b = b;
        g->cap = cap;
    }
    for (size_t k = 0; k < nb; k++) {
        g->b[k] = (lq_bucket){NIL, 0};
    }
    g->nb = nb;
    g->cur = 0;
    return 0;
}

/* Sorts the list at `head` (count events) into the empty Bottom and frees
 * its nodes: insertion sort, qsort when long. */
static int cmp_ev(const void *pa, const void *pb)
{
    const ccs_bench_cq_event *a = pa, *b = pb;
    return lq_before(a, b) ? -1 : lq_before(b, a);
}

static void to_bottom(ccs_bench_lq *q, uint32_t head, size_t count)
{
    ccs_bench_cq_event *bot = q->bot;
    size_t m = 0;
    for (uint32_t i = head; i != NIL;) {
        uint32_t next = q->node[i].next;
        ccs_bench_cq_event ev = q->node[i].ev;
        free_node(q, i);
        if (count <= 64) {
            size_t j = m;
            while (j > 0 && lq_before(&ev, &bot[j - 1])) {
                bot[j] = bot[j - 1];
                j--;
            }
            bot[j] = ev;
        } else {
            bot[m] = ev;
        }
        m++;
        i = next;
    }
    if (count > 64) {
        qsort(bot, m, sizeof *bot, cmp_ev);
    }
    q->bhead = 0;
    q->bn = m;
}

/* Spreads the list at `head` over rung g (set up already). */
static void spread(ccs_bench_lq *q, lq_rung *g, uint32_t head)
{
    for (uint32_t i = head; i != NIL;) {
        uint32_t next = q->node[i].next;
        bucket_add(q, &g->b[bucket_of(g, q->node[i].ev.time)], i);
        i = next;
    }
}

/* Fills the empty Bottom from the rungs or Top; 0 when all are empty. */
static int refill(ccs_bench_lq *q)
{
    for (;;) {
        if (q->nrung == 0) {
            if (q->ntop == 0) {
                return 0;
            }
            uint32_t head = q->top;
            size_t count = q->ntop;
            double lo = q->top_min, hi = q->top_max;
            q->top = NIL;
            q->ntop = 0;
            q->top_start = nextafter(hi, INFINITY);
            lq_rung *g = &q->rung[0];
            double w = (hi - lo) / (double)count;
            if (count <= THRES || !(w > 0.0) || rung_reserve(g, count + 1) != 0) {
                to_bottom(q, head, count);
                return 1;
            }
            g->start = lo;
            g->inv_width = 1.0 / w;
            q->nrung = 1;
            q->spawns++;
            spread(q, g, head);
            continue;
        }
        lq_rung *g = &q->rung[q->nrung - 1];
        while (g->cur < g->nb && g->b[g->cur].count == 0) {
            g->cur++;
        }
        if (g->cur == g->nb) {
            q->nrung--;
            continue;
        }
        size_t k = g->cur++;
        lq_bucket bk = g->b[k];
        g->b[k] = (lq_bucket){NIL, 0};
        if (bk.count > THRES && q->nrung < MAX_RUNGS) {
            lq_rung *c = &q->rung[q->nrung];
            /* The parent bucket's span over `count` finer buckets. */
            double w = 1.0 / g->inv_width / (double)bk.count;
            if (w > 0.0 && rung_reserve(c, bk.count) == 0) {
                c->start = g->start + (double)k / g->inv_width;
                c->inv_width = 1.0 / w;
                q->nrung++;
                q->spawns++;
                spread(q, c, bk.head);
                continue;
            }
        }
        to_bottom(q, bk.head, bk.count);
        return 1;
    }
}

ccs_bench_lq *ccs_bench_lq_new(size_t capacity)
{
    ccs_bench_lq *q = calloc(1, sizeof *q);
    if (!q) {
        return NULL;
    }
    q->cap = capacity > 0 ? capacity : 1024;
    q->node = malloc(q->cap * sizeof *q->node);
    q->bot = malloc(q->cap * sizeof *q->bot);
    if (!q->node || !q->bot) {
        ccs_bench_lq_free(q);
        return NULL;
    }
    q->free = NIL;
    q->top = NIL;
    q->top_start = -INFINITY;
    return q;
}

void ccs_bench_lq_free(ccs_bench_lq *q)
{
    if (!q) {
        return;
    }
    for (int r = 0; r < MAX_RUNGS; r++) {
        free(q->rung[r].b);
    }
    free(q->node);
    free(q->bot);
    free(q);
}

int ccs_bench_lq_push(ccs_bench_lq *q, double time, uint64_t key)
{
    ccs_bench_cq_event ev = {time, key};
    if (q->n == q->cap) {
        /* The pool and Bottom (which may hold every event) double together. */
        if (q->cap >= NIL / 2) {
            return -1;
        }
        lq_node *nd = realloc(q->node, 2 * q->cap * sizeof *nd);
        if (!nd) {
            return -1;
        }
        q->node = nd;
        ccs_bench_cq_event *bot = realloc(q->bot, 2 * q->cap * sizeof *bot);
        if (!bot) {
            return -1;   /* the pool stays larger: harmless */
        }
        q->bot = bot;
        q->cap *= 2;
    }
    q->n++;
    if (time >= q->top_start) {
        uint32_t i = new_node(q, ev);
        q->node[i].next = q->top;
        q->top = i;
        if (q->ntop++ == 0) {
            q->top_min = q->top_max = time;
        } else {
            q->top_min = time < q->top_min ? time : q->top_min;
            q->top_max = time > q->top_max ? time : q->top_max;
        }
        return 0;
    }
    for (int r = 0; r < q->nrung; r++) {
        lq_rung *g = &q->rung[r];
        size_t k = bucket_of(g, time);
        if (k >= g->cur) {
            bucket_add(q, &g->b[k], new_node(q, ev));
            return 0;
        }
    }
    /* Bottom: a sorted insertion, from the end (new events are late). */
    if (q->bhead > 0 && q->bn == q->cap) {
        memmove(q->bot, q->bot + q->bhead, (q->bn - q->bhead) * sizeof *q->bot);
        q->bn -= q->bhead;
        q->bhead = 0;
    }
    size_t j = q->bn++;
    while (j > q->bhead && lq_before(&ev, &q->bot[j - 1])) {
        q->bot[j] = q->bot[j - 1];
        j--;
    }
    q->bot[j] = ev;
    return 0;
}

int ccs_bench_lq_pop(ccs_bench_lq *q, ccs_bench_cq_event *out)
{
    if (q->bhead == q->bn && !refill(q)) {
        return 0;
    }
    *out = q->bot[q->bhead++];
    q->n--;
    return 1;
}

size_t ccs_bench_lq_pending(const ccs_bench_lq *q)
{
    return q->n;
}

uint64_t ccs_bench_lq_spawns(const ccs_bench_lq *q)
{
    return q->spawns;
}
