/*
 * check_engine.c — the event calendar: pop order against an independent
 * sort by (time, scheduling order), FIFO on ties, growth, reset, counters,
 * timers and their cancellation.
 */
#include "ccs_test.h"

#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/engine.h"

/* A tiny LCG so the test data do not depend on the code under test. */
static uint64_t lcg_state;

static uint32_t lcg(void)
{
    lcg_state = lcg_state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return (uint32_t)(lcg_state >> 33);
}

typedef struct ref_event {
    double time;
    uint32_t order;   /* scheduling order, the expected tie-break */
} ref_event;

static int ref_cmp(const void *pa, const void *pb)
{
    const ref_event *a = pa, *b = pb;
    if (a->time != b->time) {
        return a->time < b->time ? -1 : 1;
    }
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Schedules n events whose times take only `distinct` values (many ties),
 * then checks the pops against qsort of (time, order). */
static void check_against_sort(size_t n, uint32_t distinct, size_t capacity)
{
    ccs_engine *e = ccs_engine_new(capacity);
    ck_assert_ptr_nonnull(e);
    ref_event *ref = malloc(n * sizeof *ref);
    ck_assert_ptr_nonnull(ref);
    for (size_t i = 0; i < n; i++) {
        ref[i].time = (double)(lcg() % distinct) * 0.25;
        ref[i].order = (uint32_t)i;
        ck_assert_int_eq(ccs_engine_schedule(e, ref[i].time, 7, (uint32_t)i, 3, 9), 0);
    }
    ck_assert_uint_eq(ccs_engine_pending(e), n);
    qsort(ref, n, sizeof *ref, ref_cmp);
    for (size_t i = 0; i < n; i++) {
        ccs_event ev;
        ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
        ck_assert_msg(ev.time == ref[i].time && ev.id == ref[i].order,
                      "pop %zu (n=%zu, distinct=%u): got (t=%g, id=%u), want (t=%g, id=%u)",
                      i, n, distinct, ev.time, ev.id, ref[i].time, ref[i].order);
        ck_assert_uint_eq(ev.kind, 7);
        ck_assert_uint_eq(ev.gen, 3);
        ck_assert_uint_eq(ev.aux, 9);
        ck_assert(ccs_engine_now(e) == ev.time);
    }
    ck_assert_uint_eq(ccs_engine_pending(e), 0);
    ck_assert_uint_eq(ccs_engine_popped(e), n);
    free(ref);
    ccs_engine_free(e);
}

START_TEST(test_order_random)
{
    lcg_state = 1;
    check_against_sort(10000, 1000000, 0);
}
END_TEST

START_TEST(test_order_ties)
{
    lcg_state = 2;
    check_against_sort(10000, 10, 0);    /* ~1000 events per time value */
    check_against_sort(5000, 1, 0);      /* all at one time: pure FIFO */
}
END_TEST

/* Interleaved schedule/pop as a model does it: events scheduled relative to
 * the clock, checked against a reference list kept sorted by insertion. */
START_TEST(test_interleaved)
{
    lcg_state = 3;
    ccs_engine *e = ccs_engine_new(4);
    size_t cap = 20000, len = 0, head = 0;
    ref_event *pend = malloc(cap * sizeof *pend);
    uint32_t order = 0;
    for (int step = 0; step < 20000; step++) {
        int nsched = (int)(lcg() % 3);   /* 0..2 per pop keeps the size wandering */
        double now = ccs_engine_now(e);
        for (int k = 0; k < nsched && len < cap; k++) {
            double t = now + (double)(lcg() % 8);   /* includes t == now */
            ck_assert_int_eq(ccs_engine_schedule(e, t, 0, order, 0, 0), 0);
            /* insert after every element <= t: FIFO among equals */
            size_t j = len;
            while (j > head && pend[j - 1].time > t) {
                pend[j] = pend[j - 1];
                j--;
            }
            pend[j].time = t;
            pend[j].order = order++;
            len++;
        }
        ck_assert_uint_eq(ccs_engine_pending(e), len - head);
        ccs_event ev;
        if (head == len) {
            ck_assert_int_eq(ccs_engine_pop(e, &ev), 0);
            continue;
        }
        ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
        ck_assert_msg(ev.id == pend[head].order, "step %d: got id %u, want %u", step, ev.id,
                      pend[head].order);
        ck_assert(ev.time == pend[head].time);
        head++;
    }
    free(pend);
    ccs_engine_free(e);
}
END_TEST

/* Timers against the plain heap: engine a keeps NT recurring sources in
 * timers, engine b schedules the same events in its heap, with the same
 * calls in the same order (so the same seqs).  Times on a 0.25 s grid give
 * ties between timers, between timers and heap events and within the heap:
 * the pop sequences must be identical, seq included.  A timer is sometimes
 * moved while pending (b: the old event is left stale, as a model's lazy
 * cancellation would, and skipped by its generation). */
#define NT 5
START_TEST(test_timers_match_heap)
{
    lcg_state = 5;
    ccs_engine *a = ccs_engine_new(4), *b = ccs_engine_new(4);
    uint32_t first = 99, gen[NT] = {0};
    ck_assert_int_eq(ccs_engine_add_timers(a, 2, &first), 0);
    ck_assert_uint_eq(first, 0);
    ck_assert_int_eq(ccs_engine_add_timers(a, NT - 2, &first), 0);
    ck_assert_uint_eq(first, 2);
    for (uint32_t i = 0; i < NT; i++) {
        double t = (double)(lcg() % 8) * 0.25;
        ccs_engine_set_timer(a, i, t, 1, i, 0, 0);
        ck_assert_int_eq(ccs_engine_schedule(b, t, 1, i, 0, 0), 0);
    }
    ck_assert_uint_eq(ccs_engine_pending(a), NT);
    size_t stale = 0, moved = 0, pops = 0;
    for (int step = 0; step < 50000; step++) {
        ccs_event ea, eb;
        ck_assert_int_eq(ccs_engine_pop(a, &ea), 1);
        do {
            ck_assert_int_eq(ccs_engine_pop(b, &eb), 1);
        } while (eb.kind == 1 && eb.gen != gen[eb.id] && ++stale);
        pops++;
        ck_assert_msg(ea.time == eb.time && ea.seq == eb.seq && ea.kind == eb.kind &&
                          ea.id == eb.id && ea.aux == eb.aux,
                      "step %d: timers gave (t=%g seq=%llu kind=%u id=%u), heap (t=%g seq=%llu "
                      "kind=%u id=%u)",
                      step, ea.time, (unsigned long long)ea.seq, ea.kind, ea.id, eb.time,
                      (unsigned long long)eb.seq, eb.kind, eb.id);
        double now = ea.time;
        if (ea.kind == 1) {   /* a timer fired: the source sets its next */
            double t = now + (double)(lcg() % 8) * 0.25;
            ccs_engine_set_timer(a, ea.id, t, 1, ea.id, 0, 0);
            ck_assert_int_eq(ccs_engine_schedule(b, t, 1, ea.id, gen[ea.id], 0), 0);
        }
        int nsched = (int)(lcg() % 3);
        for (int k = 0; k < nsched; k++) {
            double t = now + (double)(lcg() % 16) * 0.25;
            uint32_t aux = lcg();
            ck_assert_int_eq(ccs_engine_schedule(a, t, 2, 0, 0, aux), 0);
            ck_assert_int_eq(ccs_engine_schedule(b, t, 2, 0, 0, aux), 0);
        }
        if (lcg() % 10 == 0) {   /* move a pending timer, earlier or later */
            uint32_t i = lcg() % NT;
            double t = now + (double)(lcg() % 8) * 0.25;
            ccs_engine_set_timer(a, i, t, 1, i, 0, 0);
            gen[i]++;
            moved++;
            ck_assert_int_eq(ccs_engine_schedule(b, t, 1, i, gen[i], 0), 0);
        }
        /* b holds a's events plus the stale ones not yet popped */
        ck_assert_uint_eq(ccs_engine_pending(a), ccs_engine_pending(b) - (moved - stale));
    }
    ck_assert_uint_eq(ccs_engine_popped(a), pops);
    ck_assert_uint_gt(stale, 100);   /* the moves were exercised */
    /* reset: no timer pending, timers still there */
    ccs_engine_reset(a);
    ccs_event ev;
    ck_assert_uint_eq(ccs_engine_pending(a), 0);
    ck_assert_int_eq(ccs_engine_pop(a, &ev), 0);
    ccs_engine_set_timer(a, NT - 1, 3.0, 1, 7, 0, 0);
    ck_assert_int_eq(ccs_engine_schedule(a, 3.0, 2, 8, 0, 0), 0);
    ck_assert_uint_eq(ccs_engine_pending(a), 2);
    ck_assert_int_eq(ccs_engine_pop(a, &ev), 1);
    ck_assert(ev.id == 7 && ev.seq == 0 && ev.time == 3.0);   /* set first: first out */
    ck_assert_int_eq(ccs_engine_pop(a, &ev), 1);
    ck_assert(ev.id == 8 && ev.seq == 1);
    ck_assert_int_eq(ccs_engine_pop(a, &ev), 0);
    ccs_engine_free(a);
    ccs_engine_free(b);
}
END_TEST

/* ccs_engine_cancel against a sorted reference: NC timers on a coarse
 * time grid (many ties with one another and with heap events), some
 * pending, withdrawn at random positions of the timer heap; each step pops
 * one event and must give the earliest (time, scheduling order) of what
 * remains.  Cancelling a timer with nothing pending changes nothing and
 * returns 0; a cancelled event counts as popped. */
#define NC 64
typedef struct ref_timer {
    int pending;
    double time;
    uint32_t order;   /* scheduling order: the engine's seq */
} ref_timer;

/* The reference's earliest pending event: timers and heap events alike
 * (heap events are kept in hp[0 .. nh), unsorted). */
static int ref_earliest(const ref_timer *rt, const ref_event *hp, size_t nh, int *is_timer,
                        size_t *which)
{
    int found = 0;
    double bt = 0;
    uint32_t bo = 0;
    for (size_t i = 0; i < NC; i++) {
        if (rt[i].pending && (!found || rt[i].time < bt || (rt[i].time == bt && rt[i].order < bo))) {
            found = 1, bt = rt[i].time, bo = rt[i].order, *is_timer = 1, *which = i;
        }
    }
    for (size_t i = 0; i < nh; i++) {
        if (!found || hp[i].time < bt || (hp[i].time == bt && hp[i].order < bo)) {
            found = 1, bt = hp[i].time, bo = hp[i].order, *is_timer = 0, *which = i;
        }
    }
    return found;
}

START_TEST(test_cancel_random)
{
    lcg_state = 6;
    ccs_engine *e = ccs_engine_new(4);
    uint32_t first = 99;
    ck_assert_int_eq(ccs_engine_add_timers(e, NC, &first), 0);
    ck_assert_uint_eq(first, 0);
    ref_timer rt[NC] = {{0}};
    ref_event hp[4096];
    size_t nh = 0, cancels = 0, misses = 0, pops = 0;
    uint32_t order = 0;
    for (int step = 0; step < 40000; step++) {
        double now = ccs_engine_now(e);
        /* set a few timers (new or moved), schedule a heap event now and then */
        for (int k = (int)(lcg() % 4); k > 0; k--) {
            uint32_t i = lcg() % NC;
            double t = now + (double)(lcg() % 6) * 0.5;
            ccs_engine_set_timer(e, i, t, 1, i, 0, 0);
            rt[i] = (ref_timer){1, t, order++};
        }
        if (lcg() % 2 == 0 && nh < 4096) {
            double t = now + (double)(lcg() % 6) * 0.5;
            ck_assert_int_eq(ccs_engine_schedule(e, t, 2, (uint32_t)nh, 0, 0), 0);
            hp[nh] = (ref_event){t, order++};
            nh++;
        }
        /* withdraw a few, pending or not */
        for (int k = (int)(lcg() % 4); k > 0; k--) {
            uint32_t i = lcg() % NC;
            int was = rt[i].pending;
            ck_assert_int_eq(ccs_engine_cancel(e, i), was);
            rt[i].pending = 0;
            cancels += (size_t)was;
            misses += (size_t)!was;
        }
        size_t want = nh;
        for (size_t i = 0; i < NC; i++) {
            want += (size_t)rt[i].pending;
        }
        ck_assert_uint_eq(ccs_engine_pending(e), want);
        int is_timer = 0;
        size_t which = 0;
        ccs_event ev;
        if (!ref_earliest(rt, hp, nh, &is_timer, &which)) {
            ck_assert_int_eq(ccs_engine_pop(e, &ev), 0);
            continue;
        }
        ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
        pops++;
        double wt = is_timer ? rt[which].time : hp[which].time;
        uint32_t wo = is_timer ? rt[which].order : hp[which].order;
        ck_assert_msg(ev.time == wt && ev.seq == wo && ev.kind == (is_timer ? 1u : 2u),
                      "step %d: got (t=%g seq=%llu kind=%u), want (t=%g seq=%u kind=%d)", step,
                      ev.time, (unsigned long long)ev.seq, ev.kind, wt, wo, is_timer ? 1 : 2);
        if (is_timer) {
            ck_assert_uint_eq(ev.id, which);
            rt[which].pending = 0;
        } else {
            hp[which] = hp[--nh];   /* ids of heap events are not checked */
        }
        /* right after the pop too (a fired timer may be held at the root
         * until it is set again or something else touches the timers) */
        ck_assert_uint_eq(ccs_engine_pending(e), want - 1);
        if (is_timer && lcg() % 4 == 0) {
            ck_assert_int_eq(ccs_engine_cancel(e, (uint32_t)which), 0);   /* it fired */
            misses++;
        }
    }
    ck_assert_uint_gt(cancels, 1000);
    ck_assert_uint_gt(misses, 1000);
    ck_assert_uint_eq(ccs_engine_popped(e), pops + cancels);
    ccs_engine_free(e);
}
END_TEST

/* The edge cases: the only pending timer, the first (root), the last
 * (end of the timer heap) and one in the middle, among ties; then the
 * remaining ones pop in (time, scheduling order). */
START_TEST(test_cancel_positions)
{
    ccs_engine *e = ccs_engine_new(0);
    uint32_t first;
    ck_assert_int_eq(ccs_engine_add_timers(e, 8, &first), 0);
    ccs_event ev;
    /* only one */
    ccs_engine_set_timer(e, 3, 1.0, 1, 3, 0, 0);
    ck_assert_int_eq(ccs_engine_cancel(e, 3), 1);
    ck_assert_uint_eq(ccs_engine_pending(e), 0);
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 0);
    ck_assert_int_eq(ccs_engine_cancel(e, 3), 0);   /* nothing pending: nothing to do */
    ck_assert_uint_eq(ccs_engine_popped(e), 1);
    /* timers 0..7 at times 2,2,1,3,2,1,3,2 (set in index order: seq = index + 1) */
    const double t[8] = {2, 2, 1, 3, 2, 1, 3, 2};
    for (uint32_t i = 0; i < 8; i++) {
        ccs_engine_set_timer(e, i, t[i], 1, i, 0, 0);
    }
    ck_assert_int_eq(ccs_engine_schedule(e, 2.0, 2, 100, 0, 0), 0);   /* ties, after them */
    /* the root (timer 2, time 1, earliest seq), a tie in the middle (1),
     * and the most recent one set (7) */
    ck_assert_int_eq(ccs_engine_cancel(e, 2), 1);
    ck_assert_int_eq(ccs_engine_cancel(e, 1), 1);
    ck_assert_int_eq(ccs_engine_cancel(e, 7), 1);
    ck_assert_uint_eq(ccs_engine_pending(e), 6);
    const uint32_t want[6] = {5, 0, 4, 100, 3, 6};
    for (int k = 0; k < 6; k++) {
        ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
        ck_assert_msg(ev.id == want[k], "pop %d: got id %u, want %u", k, ev.id, want[k]);
    }
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 0);
    ck_assert_uint_eq(ccs_engine_popped(e), 1 + 3 + 6);
    /* a cancelled timer can be set again; reset leaves none pending */
    ccs_engine_set_timer(e, 2, 5.0, 1, 2, 0, 0);
    ccs_engine_reset(e);
    ck_assert_int_eq(ccs_engine_cancel(e, 2), 0);
    ccs_engine_free(e);
}
END_TEST

/* Timers added one at a time, as a model adds one per record when its pool
 * grows: the indices are consecutive and every timer works. */
START_TEST(test_timers_one_at_a_time)
{
    ccs_engine *e = ccs_engine_new(0);
    for (uint32_t i = 0; i < 5000; i++) {
        uint32_t idx = 0;
        ck_assert_int_eq(ccs_engine_add_timers(e, 1, &idx), 0);
        ck_assert_uint_eq(idx, i);
        ccs_engine_set_timer(e, idx, (double)(5000 - i), 1, idx, 0, 0);
    }
    ccs_event ev;
    for (uint32_t k = 0; k < 5000; k++) {
        ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
        ck_assert_uint_eq(ev.id, 4999 - k);
    }
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 0);
    ccs_engine_free(e);
}
END_TEST

START_TEST(test_empty_pop)
{
    ccs_engine *e = ccs_engine_new(0);
    ccs_event ev = {.time = -1.0, .id = 42};
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 0);
    ck_assert(ev.time == -1.0 && ev.id == 42);   /* untouched */
    ck_assert(ccs_engine_now(e) == 0.0);
    ck_assert_uint_eq(ccs_engine_pending(e), 0);
    ck_assert_uint_eq(ccs_engine_popped(e), 0);
    ccs_engine_free(e);
    ccs_engine_free(NULL);
}
END_TEST

START_TEST(test_reset)
{
    ccs_engine *e = ccs_engine_new(2);
    for (int i = 0; i < 100; i++) {
        ck_assert_int_eq(ccs_engine_schedule(e, 100.0 - i, 0, (uint32_t)i, 0, 0), 0);
    }
    ccs_event ev;
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
    ck_assert(ccs_engine_now(e) == 1.0);
    ccs_engine_reset(e);
    ck_assert_uint_eq(ccs_engine_pending(e), 0);
    ck_assert_uint_eq(ccs_engine_popped(e), 0);
    ck_assert(ccs_engine_now(e) == 0.0);
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 0);
    /* time 0 is schedulable again, and seq restarts: ties still FIFO */
    ck_assert_int_eq(ccs_engine_schedule(e, 0.0, 0, 1, 0, 0), 0);
    ck_assert_int_eq(ccs_engine_schedule(e, 0.0, 0, 2, 0, 0), 0);
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
    ck_assert_uint_eq(ev.id, 1);
    ck_assert_uint_eq(ev.seq, 0);
    ck_assert_int_eq(ccs_engine_pop(e, &ev), 1);
    ck_assert_uint_eq(ev.id, 2);
    ck_assert_uint_eq(ev.seq, 1);
    ccs_engine_free(e);
}
END_TEST

/* Start at capacity 1 and grow through many doublings. */
START_TEST(test_growth)
{
    lcg_state = 4;
    check_against_sort(100000, 50000, 1);
}
END_TEST

static void schedule_in_past(void)
{
    ccs_engine *e = ccs_engine_new(0);
    ccs_event ev;
    ccs_engine_schedule(e, 10.0, 0, 0, 0, 0);
    ccs_engine_pop(e, &ev);
    ccs_engine_schedule(e, 9.0, 0, 0, 0, 0);   /* aborts */
    ccs_engine_free(e);
}

START_TEST(test_past_asserts)
{
    schedule_in_past();
}
END_TEST

START_TEST(test_nan_asserts)
{
    ccs_engine *e = ccs_engine_new(0);
    ccs_engine_schedule(e, (double)NAN, 0, 0, 0, 0);   /* aborts */
    ccs_engine_free(e);
}
END_TEST

Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_order_random);
    tcase_add_test(core, test_order_ties);
    tcase_add_test(core, test_interleaved);
    tcase_add_test(core, test_timers_match_heap);
    tcase_add_test(core, test_cancel_random);
    tcase_add_test(core, test_cancel_positions);
    tcase_add_test(core, test_timers_one_at_a_time);
    tcase_add_test(core, test_empty_pop);
    tcase_add_test(core, test_reset);
    suite_add_tcase(s, core);
    TCase *lim = tcase_create("limits");
    tcase_add_test(lim, test_growth);
    tcase_set_timeout(lim, 30);
    suite_add_tcase(s, lim);
    TCase *errs = tcase_create("errors");
    tcase_add_test_raise_signal(errs, test_past_asserts, SIGABRT);
    tcase_add_test_raise_signal(errs, test_nan_asserts, SIGABRT);
    suite_add_tcase(s, errs);
    return s;
}
