/*
 * bench_engine.c — what the calendar and the samplers cost, against the
 * floor set by a minimal hand-written simulation of the same M/M/c queue.
 *
 *   (a) the minimal loop of issue 17: xoshiro256++, 16-byte events in a
 *       binary heap, an inline -mean*log(u) — the yardstick the full-model
 *       figures in bench_sim.c are divided by;
 *   (b) the same logic on ccs_engine + ccs_dist_sample on ccsim's streams
 *       (GSL's taus2).
 *
 * The two draw different numbers, so their trajectories differ; the
 * "waited" column is Erlang C's P(wait) = 0.3845 for both, within noise.
 * A hold test then times pop+schedule alone at several calendar sizes,
 * for the engine and, in turn with it, a calendar queue (bench_calq.c)
 * and a ladder queue (bench_ladq.c).
 * Figures only: nothing here asserts on time.
 */
#include "bench.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "ccsim/dist.h"
#include "core/engine.h"
#include "ccsim/rng.h"

#define RATE_PER_H 1000.0
#define AHT_S 180.0
#define AGENTS 55
#define ARRIVALS 1000000
#define REPEATS 3
#define SEED 20240501u

enum { EV_ARRIVAL, EV_DEPARTURE };

typedef struct run_result {
    double seconds;      /* best of REPEATS */
    uint64_t events;
    uint64_t waited;     /* arrivals that found every agent busy */
    double end_time_s;
} run_result;

/* ---- (a) the minimal loop --------------------------------------------- */

/* The yardstick of issue 17: xoshiro256++ (Blackman and Vigna), 16-byte
 * events (time, then scheduling order and kind packed in one word) in a
 * binary heap, exponentials by an inline -mean*log(u).  It keeps only what
 * an M/M/c loop needs: a count of free agents and of waiting calls. */

typedef struct mev {
    double time;
    uint64_t key;   /* seq << 1 | kind: ties in time pop in scheduling order */
} mev;

typedef struct mheap {
    mev *a;
    size_t n;
} mheap;

static inline int mbefore(const mev *x, const mev *y)
{
    return x->time < y->time || (x->time == y->time && x->key < y->key);
}

static inline void mpush(mheap *h, mev ev)
{
    size_t i = h->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!mbefore(&ev, &h->a[p])) {
            break;
        }
        h->a[i] = h->a[p];
        i = p;
    }
    h->a[i] = ev;
}

static inline mev mpop(mheap *h)
{
    mev top = h->a[0];
    size_t n = --h->n;
    if (n > 0) {
        mev last = h->a[n];
        size_t i = 0;
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && mbefore(&h->a[c + 1], &h->a[c])) {
                c++;
            }
            if (!mbefore(&h->a[c], &last)) {
                break;
            }
            h->a[i] = h->a[c];
            i = c;
        }
        h->a[i] = last;
    }
    return top;
}

typedef struct xoshiro {
    uint64_t s[4];
} xoshiro;

static inline uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t xo_next(xoshiro *x)
{
    uint64_t *s = x->s;
    uint64_t r = rotl64(s[0] + s[3], 23) + s[0];
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return r;
}

/* Seeded by splitmix64, as the generator's authors recommend. */
static void xo_seed(xoshiro *x, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        x->s[i] = z ^ (z >> 31);
    }
}

/* u in (0, 1]: 53 random bits, never 0, so log(u) is finite. */
static inline double xo_exp(xoshiro *x, double mean)
{
    double u = (double)((xo_next(x) >> 11) + 1) * 0x1p-53;
    return -mean * log(u);
}

/* One run of the minimal loop; seconds of wall time. */
static run_result run_minimal_once(void)
{
    run_result res = {0};
    xoshiro ra, rh;
    xo_seed(&ra, SEED);
    xo_seed(&rh, SEED + 1);
    /* At most one pending arrival and one departure per agent. */
    mheap h = {malloc((AGENTS + 1) * sizeof(mev)), 0};
    if (!h.a) {
        fprintf(stderr, "bench_engine: out of memory\n");
        exit(1);
    }
    const double ia_s = 3600.0 / RATE_PER_H;
    double t0 = ccs_bench_now();
    uint64_t seq = 0, events = 0, waited = 0;
    long arrivals = 1, queue = 0, free_agents = AGENTS;
    double now = 0.0;
    mpush(&h, (mev){xo_exp(&ra, ia_s), seq++ << 1 | EV_ARRIVAL});
    while (h.n > 0) {
        mev ev = mpop(&h);
        now = ev.time;
        events++;
        if ((ev.key & 1) == EV_ARRIVAL) {
            if (arrivals < ARRIVALS) {
                arrivals++;
                mpush(&h, (mev){now + xo_exp(&ra, ia_s), seq++ << 1 | EV_ARRIVAL});
            }
            if (free_agents > 0) {
                free_agents--;
                mpush(&h, (mev){now + xo_exp(&rh, AHT_S), seq++ << 1 | EV_DEPARTURE});
            } else {
                queue++;
                waited++;
            }
        } else if (queue > 0) {
            queue--;
            mpush(&h, (mev){now + xo_exp(&rh, AHT_S), seq++ << 1 | EV_DEPARTURE});
        } else {
            free_agents++;
        }
    }
    res.seconds = ccs_bench_now() - t0;
    res.events = events;
    res.waited = waited;
    res.end_time_s = now;
    free(h.a);
    return res;
}

static run_result run_minimal(void)
{
    run_result best = {.seconds = INFINITY};
    for (int rep = 0; rep < REPEATS; rep++) {
        run_result r = run_minimal_once();
        if (r.seconds < best.seconds) {
            best = r;
        }
    }
    return best;
}

double ccs_bench_minimal_loop_s(void)
{
    return run_minimal_once().seconds;
}

/* ---- (b) the library ---------------------------------------------------- */

static run_result run_engine(void)
{
    run_result res = {0};
    gsl_rng *ra = ccs_rng_new(SEED, 0, CCS_RNG_ARRIVALS, 0);
    gsl_rng *rh = ccs_rng_new(SEED, 0, CCS_RNG_HANDLE, 0);
    ccs_engine *e = ccs_engine_new(0);
    if (!ra || !rh || !e) {
        fprintf(stderr, "bench_engine: out of memory\n");
        exit(1);
    }
    ccs_dist ia = ccs_dist_exponential(3600.0 / RATE_PER_H);
    ccs_dist handle = ccs_dist_exponential(AHT_S);
    res.seconds = INFINITY;
    for (int rep = 0; rep < REPEATS; rep++) {
        ccs_rng_reseed(ra, SEED, 0, CCS_RNG_ARRIVALS, 0);
        ccs_rng_reseed(rh, SEED, 0, CCS_RNG_HANDLE, 0);
        ccs_engine_reset(e);
        double t0 = ccs_bench_now();
        uint64_t waited = 0;
        long arrivals = 1, queue = 0, free_agents = AGENTS;
        int rc = ccs_engine_schedule(e, ccs_dist_sample(&ia, ra), EV_ARRIVAL, 0, 0, 0);
        ccs_event ev;
        while (ccs_engine_pop(e, &ev)) {
            double now = ev.time;
            if (ev.kind == EV_ARRIVAL) {
                if (arrivals < ARRIVALS) {
                    arrivals++;
                    rc |= ccs_engine_schedule(e, now + ccs_dist_sample(&ia, ra), EV_ARRIVAL, 0,
                                              0, 0);
                }
                if (free_agents > 0) {
                    free_agents--;
                    rc |= ccs_engine_schedule(e, now + ccs_dist_sample(&handle, rh),
                                              EV_DEPARTURE, 0, 0, 0);
                } else {
                    queue++;
                    waited++;
                }
            } else if (queue > 0) {
                queue--;
                rc |= ccs_engine_schedule(e, now + ccs_dist_sample(&handle, rh), EV_DEPARTURE,
                                          0, 0, 0);
            } else {
                free_agents++;
            }
        }
        double dt = ccs_bench_now() - t0;
        if (rc != 0) {
            fprintf(stderr, "bench_engine: schedule failed\n");
            exit(1);
        }
        if (dt < res.seconds) {
            res.seconds = dt;
        }
        res.events = ccs_engine_popped(e);
        res.waited = waited;
        res.end_time_s = ccs_engine_now(e);
    }
    ccs_engine_free(e);
    gsl_rng_free(ra);
    gsl_rng_free(rh);
    return res;
}

/* ---- hold test: pop + schedule at a steady calendar size ---------------- */

/* The minimal loop's heap out of line, as the engine and the queues are
 * (another file each): the hold test's bare 16-byte heap. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

NOINLINE static void bare_push(mheap *h, double time, uint64_t key)
{
    mpush(h, (mev){time, key});
}

NOINLINE static mev bare_pop(mheap *h)
{
    return mpop(h);
}

/* Nanoseconds per pop+schedule pair with `size` events pending, for
 * ccsim's engine (heap_ns) and the calendar queue of bench_calq.c (cq_ns),
 * each the best of REPEATS timed runs, the two taking turns in the same
 * calendar state; the increments are precomputed so only the calendar is
 * timed, and both get the same ones, so both pop the same events (their
 * times are summed and compared: *same is 0 when they differ). */
typedef struct hold_result {
    double heap_ns;
    double cq_ns;
    double lq_ns;      /* the ladder queue (bench_ladq.c), timed in the same turns */
    double bare_ns;    /* the minimal loop's 16-byte heap (mpush, mpop), likewise */
    int same;
    size_t buckets;    /* the calendar queue's, after the runs */
    double width;
} hold_result;

static hold_result hold_ns(size_t size, const double *inc, size_t ninc_mask, long ops)
{
    hold_result res = {NAN, NAN, NAN, NAN, 0, 0, NAN};
    ccs_engine *e = ccs_engine_new(size);
    ccs_bench_cq *q = ccs_bench_cq_new(size);
    ccs_bench_lq *l = ccs_bench_lq_new(size);
    mheap bh = {malloc((size + 1) * sizeof(mev)), 0};
    if (!e || !q || !l || !bh.a) {
        ccs_engine_free(e);
        ccs_bench_cq_free(q);
        ccs_bench_lq_free(l);
        free(bh.a);
        return res;
    }
    size_t je = 0, jq = 0, jl = 0, jb = 0;
    uint64_t key = 0, lkey = 0, bkey = 0;
    double spread = (double)size;   /* keeps the mean gap between events ~1 */
    for (size_t i = 0; i < size; i++) {
        ccs_engine_schedule(e, inc[je++ & ninc_mask] * spread, 0, 0, 0, 0);
        ccs_bench_cq_push(q, inc[jq++ & ninc_mask] * spread, key++);
        ccs_bench_lq_push(l, inc[jl++ & ninc_mask] * spread, lkey++);
        bare_push(&bh, inc[jb++ & ninc_mask] * spread, bkey++);
    }
    double best_e = INFINITY, best_q = INFINITY, best_l = INFINITY, best_b = INFINITY;
    double sum_e = 0.0, sum_q = 0.0, sum_l = 0.0, sum_b = 0.0;
    for (int rep = 0; rep < REPEATS; rep++) {
        ccs_event ev;
        double t0 = ccs_bench_now();
        for (long i = 0; i < ops; i++) {
            ccs_engine_pop(e, &ev);
            ccs_engine_schedule(e, ev.time + inc[je++ & ninc_mask] * spread, 0, 0, 0, 0);
        }
        double dt = ccs_bench_now() - t0;
        best_e = dt < best_e ? dt : best_e;
        sum_e += ev.time;

        ccs_bench_cq_event cv;
        t0 = ccs_bench_now();
        for (long i = 0; i < ops; i++) {
            ccs_bench_cq_pop(q, &cv);
            ccs_bench_cq_push(q, cv.time + inc[jq++ & ninc_mask] * spread, key++);
        }
        dt = ccs_bench_now() - t0;
        best_q = dt < best_q ? dt : best_q;
        sum_q += cv.time;

        t0 = ccs_bench_now();
        for (long i = 0; i < ops; i++) {
            ccs_bench_lq_pop(l, &cv);
            ccs_bench_lq_push(l, cv.time + inc[jl++ & ninc_mask] * spread, lkey++);
        }
        dt = ccs_bench_now() - t0;
        best_l = dt < best_l ? dt : best_l;
        sum_l += cv.time;

        mev bv = {0.0, 0};
        t0 = ccs_bench_now();
        for (long i = 0; i < ops; i++) {
            bv = bare_pop(&bh);
            bare_push(&bh, bv.time + inc[jb++ & ninc_mask] * spread, bkey++);
        }
        dt = ccs_bench_now() - t0;
        best_b = dt < best_b ? dt : best_b;
        sum_b += bv.time;
    }
    res.heap_ns = best_e / (double)ops * 1e9;
    res.cq_ns = best_q / (double)ops * 1e9;
    res.lq_ns = best_l / (double)ops * 1e9;
    res.bare_ns = best_b / (double)ops * 1e9;
    res.same = sum_e == sum_q && sum_e == sum_l && sum_e == sum_b && ccs_engine_pending(e) == ccs_bench_cq_pending(q) &&
               ccs_engine_pending(e) == ccs_bench_lq_pending(l);
    res.buckets = ccs_bench_cq_buckets(q);
    res.width = ccs_bench_cq_width(q);
    ccs_engine_free(e);
    ccs_bench_cq_free(q);
    ccs_bench_lq_free(l);
    free(bh.a);
    return res;
}

static double sampler_ns(int use_dist)
{
    enum { N = 5000000 };
    gsl_rng *r = ccs_rng_new(SEED, 0, CCS_RNG_HANDLE, 0);
    ccs_dist d = ccs_dist_exponential(AHT_S);
    volatile double sink = 0.0;
    double best = INFINITY;
    for (int rep = 0; rep < REPEATS; rep++) {
        double s = 0.0;
        double t0 = ccs_bench_now();
        for (int i = 0; i < N; i++) {
            s += use_dist ? ccs_dist_sample(&d, r) : gsl_ran_exponential(r, AHT_S);
        }
        double dt = ccs_bench_now() - t0;
        sink = s;
        best = dt < best ? dt : best;
    }
    (void)sink;
    gsl_rng_free(r);
    return best / N * 1e9;
}

void ccs_bench_engine(void)
{
    printf("engine: M/M/c, %.0f calls/h, AHT %.0f s exponential, %d agents, %d arrivals\n",
           RATE_PER_H, AHT_S, AGENTS, ARRIVALS);
    printf("        generator %s, best of %d runs\n\n", ccs_rng_type()->name, REPEATS);
    run_result a = run_minimal();
    run_result b = run_engine();
    printf("  %-38s %10s %9s %10s %8s %9s\n", "loop", "events", "seconds", "Mevents/s",
           "ns/ev", "waited");
    printf("  %-38s %10llu %9.3f %10.2f %8.1f %9llu\n", "(a) minimal loop (xoshiro, 16 B, log)",
           (unsigned long long)a.events, a.seconds, a.events / a.seconds / 1e6,
           a.seconds / a.events * 1e9, (unsigned long long)a.waited);
    printf("  %-38s %10llu %9.3f %10.2f %8.1f %9llu\n", "(b) ccs_engine + ccs_dist_sample",
           (unsigned long long)b.events, b.seconds, b.events / b.seconds / 1e6,
           b.seconds / b.events * 1e9, (unsigned long long)b.waited);
    printf("  %-38s %10s %9.2f\n", "time ratio (b)/(a)", "", b.seconds / a.seconds);
    printf("  waited fraction: %.4f and %.4f (Erlang C: 0.3845)\n\n", (double)a.waited / ARRIVALS,
           (double)b.waited / ARRIVALS);

    printf("  %-38s %10.1f ns\n", "gsl_ran_exponential per draw", sampler_ns(0));
    printf("  %-38s %10.1f ns\n\n", "ccs_dist_sample (exponential) per draw", sampler_ns(1));

    enum { NINC = 1 << 20 };
    double *inc = malloc(NINC * sizeof *inc);
    gsl_rng *r = ccs_rng_new(SEED, 0, CCS_RNG_QUALITY, 0);
    if (!inc || !r) {
        fprintf(stderr, "bench_engine: out of memory\n");
        exit(1);
    }
    for (int i = 0; i < NINC; i++) {
        inc[i] = gsl_ran_exponential(r, 1.0);
    }
    static const size_t sizes[] = {64, 1000, 10000, 100000, 1000000};
    /* The calendar and ladder queues must pop exactly as the engine does
     * (exit 1). */
    if (ccs_bench_cq_check(100000) != 0) {
        exit(1);
    }
    printf("  calendar hold test (pop + schedule, exponential increments)\n");
    printf("  the first two columns: ccsim's engine (binary heap); then, timed in turn with\n"
           "  it, a calendar queue (Brown 1988, bench/bench_calq.c; its buckets and width\n"
           "  at the end), a ladder queue (Tang et al. 2005, bench/bench_ladq.c) and the\n"
           "  minimal loop's bare 16-byte heap (no payload, no timers)\n");
    printf("  %-12s %14s %12s %10s %10s %9s %9s %10s %10s %10s\n", "pending", "ns/pop+sched",
           "Mevents/s", "calq ns", "calq/heap", "buckets", "width", "ladder ns", "ladd/heap",
           "bare ns");
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        hold_result h = hold_ns(sizes[k], inc, NINC - 1, 2000000);
        printf("  %-12zu %14.1f %12.1f %10.1f %10.2f %9zu %9.3g %10.1f %10.2f %10.1f%s\n",
               sizes[k], h.heap_ns, 1e3 / h.heap_ns, h.cq_ns, h.cq_ns / h.heap_ns, h.buckets,
               h.width, h.lq_ns, h.lq_ns / h.heap_ns, h.bare_ns,
               h.same ? "" : "  (popped differently!)");
    }
    printf("\n");
    free(inc);
    gsl_rng_free(r);
}
