/*
 * check_model.c — the inbound model and the replication runner: every
 * counted call accounted for, arrivals at the configured rates, handle time
 * = talk + after-call work, priorities against the non-preemptive priority
 * M/M/c formula, overflow delays, schedule changes, retrials and short
 * abandons against hand-derived expectations, the day's volume multiplier
 * against its gamma variance, determinism and common random numbers.
 * (Erlang B/C/A validation: check_validation.c.)  Scenarios are built in
 * memory (ccs_testsc.h) so the tests depend on the model alone; their
 * seeds come from CCSIM_TEST_SEED, and each statistical check is a z test
 * at the Bonferroni share of CCS_ALPHA_TEST over the checks of its test.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/model.h"
#include "ccsim/sim.h"

#include "ccs_ref.h"
#include "ccs_testsc.h"

/* Sum of a tally field over the intervals [0, nk) of replication rep, for
 * call type t of nt. */
static double day_sum(const ccs_results *r, int rep, int t, size_t offset)
{
    const ccs_scenario *sc = r->sc;
    double s = 0;
    for (int k = 0; k < sc->n_intervals; k++) {
        const ccs_tally *c = ccs_test_raw(r, rep, k, t);
        s += *(const double *)((const char *)c + offset);
    }
    return s;
}
#define DAY(r, rep, t, field) day_sum((r), (rep), (t), offsetof(ccs_tally, field))

/* Mean over replications of a day sum. */
static double day_mean(const ccs_results *r, int t, size_t offset)
{
    double s = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        s += day_sum(r, rep, t, offset);
    }
    return s / r->replications;
}
#define DAY_MEAN(r, t, field) day_mean((r), (t), offsetof(ccs_tally, field))

/* Every counted call ends answered, abandoned or blocked, and the
 * per-interval arrivals match the rates (Poisson: variance = mean). */
START_TEST(test_conservation_and_rates)
{
    ccs_scenario *sc = ccs_test_mmc(1000, 180, 90, 50, 6, 1800, 0, 30);
    sc->seed = ccs_test_seed(11);
    double rates[6] = {200, 800, 1400, 1000, 0, 600};
    int staff[6] = {10, 45, 60, 50, 20, 30};
    for (int k = 0; k < 6; k++) {
        sc->types[0].rate_per_hour[k] = rates[k];
        sc->groups[0].count[k] = staff[k];
    }
    ccs_results *r = ccs_test_sim(sc, 0);
    int nk = sc->n_intervals, R = r->replications;
    double handled = 0, handle_s = 0;
    for (int rep = 0; rep < R; rep++) {
        for (int k = 0; k < nk; k++) {
            const ccs_tally *t = ccs_test_raw(r, rep, k, 0);
            ck_assert_msg(t->offered == t->handled + t->abandoned + t->blocked,
                          "rep %d interval %d: offered %g != handled %g + abandoned %g + "
                          "blocked %g",
                          rep, k, t->offered, t->handled, t->abandoned, t->blocked);
            ck_assert(t->answered_in_sl <= t->handled);
            /* An agent who goes off shift finishes the call in hand, so an
             * interval after a cut (60 -> 50 agents here, overloaded
             * before) may hold more busy time than its own agents could:
             * never more than the most agents on shift so far. */
            int most = 0;
            for (int j = 0; j <= k; j++) {
                most = sc->groups[0].count[j] > most ? sc->groups[0].count[j] : most;
            }
            ck_assert_msg(t->busy_s <= most * sc->interval_s + 1e-6,
                          "rep %d interval %d: busy %g s, at most %d agents", rep, k, t->busy_s,
                          most);
            const ccs_group_tally *g = ccs_test_graw(r, rep, k, 0, 0);
            ck_assert_msg(fabs(g->busy_s - t->busy_s) < 1e-6, "group busy %g != type busy %g",
                          g->busy_s, t->busy_s);
            handled += t->handled;
            handle_s += t->handle_s;
        }
    }
    /* 7 checks: six interval volumes and the handle time. */
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 7);
    for (int k = 0; k < nk; k++) {
        double mean = rates[k] / 2;
        CCS_ASSERT_Z("calls offered in an interval", r->intervals[k].offered.mean, mean,
                     sqrt(mean / R), z);
    }
    ck_assert(r->intervals[4].offered.mean == 0);
    ck_assert(!r->intervals[4].service_level.defined);
    /* Exponential 180 s handle times drawn whoever answers: the mean of
     * the handled calls' times is 180 with sd 180 / sqrt(n). */
    CCS_ASSERT_Z("mean handle time", handle_s / handled, 180.0, 180.0 / sqrt(handled), z);
    CCS_ASSERT_CLOSE("reported AHT", r->summary.aht_s.mean, handle_s / handled, 1e-12, 0);
    /* One group: its occupancy is the center's. */
    CCS_ASSERT_CLOSE("group occupancy", r->groups[0].occupancy.mean, r->summary.occupancy.mean,
                     1e-12, 0);
    CCS_ASSERT_CLOSE("group agents", r->groups[0].agents.mean, r->summary.agents.mean, 1e-12, 0);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}
END_TEST

/* Handle time is talk plus after-call work: exponential 180 s talk and a
 * deterministic 60 s wrap-up give AHT 240 s, and agents are busy for the
 * whole handle time: occupancy lambda x 240 s / N = 20 Erlangs / 40. */
START_TEST(test_handle_time_is_talk_plus_wrap)
{
    ccs_scenario *sc = ccs_test_mmc(300, 180, 0, 40, 4, 3600, 3600, 20);
    sc->seed = ccs_test_seed(12);
    sc->types[0].acw = ccs_dist_deterministic(60);
    ccs_results *r = ccs_test_sim(sc, 0);
    double handled = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        handled += DAY(r, rep, 0, handled);
    }
    double z = ccs_test_zcrit(CCS_ALPHA_TEST, 2);
    CCS_ASSERT_Z("AHT = talk + wrap", r->summary.aht_s.mean, 240.0, 180.0 / sqrt(handled), z);
    /* The standard error from the replications' own spread. */
    int R = r->replications;
    double staffed = 40.0 * 4 * 3600, m = 0, ss = 0;
    for (int rep = 0; rep < R; rep++) {
        m += DAY(r, rep, 0, busy_s) / staffed / R;
    }
    for (int rep = 0; rep < R; rep++) {
        ss += pow(DAY(r, rep, 0, busy_s) / staffed - m, 2);
    }
    CCS_ASSERT_Z("occupancy = (talk + wrap) work / agent time", m, 300.0 * 240 / 3600 / 40,
                 sqrt(ss / (R - 1) / R), ccs_test_tcrit(CCS_ALPHA_TEST, 2, R - 1));
    CCS_ASSERT_CLOSE("reported occupancy", r->summary.occupancy.mean, m, 1e-9, 0);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}
END_TEST

/* The same seed gives the same tallies with 1 and with 3 threads. */
START_TEST(test_determinism_threads)
{
    ccs_scenario *sc = ccs_test_mmc(1000, 180, 60, 52, 4, 1800, 600, 9);
    ccs_results *a = ccs_test_sim(sc, 1), *b = ccs_test_sim(sc, 3);
    ck_assert(ccs_test_same_tallies(a, b));
    /* Field by field: ccs_estimate has padding after `defined`. */
    const ccs_estimate *ea = (const ccs_estimate *)&a->summary;
    const ccs_estimate *eb = (const ccs_estimate *)&b->summary;
    for (size_t i = 0; i < sizeof a->summary / sizeof *ea; i++) {
        ck_assert_msg(memcmp(&ea[i].mean, &eb[i].mean, 3 * sizeof(double)) == 0 &&
                          ea[i].defined == eb[i].defined,
                      "summary figure %zu differs between 1 and 3 threads", i);
    }
    ck_assert(a->events == b->events);
    sc->seed++;
    ccs_results *c = ccs_test_sim(sc, 2);
    ck_assert(!ccs_test_same_tallies(a, c));
    ccs_results_free(a);
    ccs_results_free(b);
    ccs_results_free(c);
    ccs_test_sc_free(sc);
}
END_TEST

/* Common random numbers: more agents never make the same callers wait
 * longer in total when arrivals, handle times and patience are shared. */
START_TEST(test_common_random_numbers)
{
    ccs_scenario *a = ccs_test_mmc(1000, 180, 0, 52, 4, 1800, 0, 10);
    ccs_scenario *b = ccs_test_mmc(1000, 180, 0, 56, 4, 1800, 0, 10);
    ccs_results *ra = ccs_test_sim(a, 0), *rb = ccs_test_sim(b, 0);
    for (int rep = 0; rep < 10; rep++) {
        double oa = 0, ob = 0, wa = 0, wb = 0;
        for (int k = 0; k < 4; k++) {
            oa += ccs_test_raw(ra, rep, k, 0)->offered;
            ob += ccs_test_raw(rb, rep, k, 0)->offered;
            wa += ccs_test_raw(ra, rep, k, 0)->wait_answered_s;
            wb += ccs_test_raw(rb, rep, k, 0)->wait_answered_s;
        }
        ck_assert_msg(oa == ob, "rep %d: arrivals differ (%g vs %g)", rep, oa, ob);
        ck_assert_msg(wb <= wa, "rep %d: more agents, more waiting (%g vs %g)", rep, wb, wa);
    }
    ccs_results_free(ra);
    ccs_results_free(rb);
    ccs_test_sc_free(a);
    ccs_test_sc_free(b);
}
END_TEST


/* ---- routing: priority, overflow, schedules, retrials ------------------ */

static void add_type(ccs_scenario *sc, double rate, double aht)
{
    int n = sc->n_types++;
    sc->types = realloc(sc->types, (size_t)sc->n_types * sizeof *sc->types);
    ccs_call_type *t = &sc->types[n];
    *t = sc->types[0];
    snprintf(t->name, sizeof t->name, "type%d", n);
    t->rate_per_hour = calloc((size_t)sc->n_intervals, sizeof(double));
    for (int k = 0; k < sc->n_intervals; k++) {
        t->rate_per_hour[k] = rate;
    }
    t->talk = ccs_dist_exponential(aht);
    t->patience.kind = CCS_DIST_NONE;
}

/* One group serves two types with the same exponential handle time, type 0
 * first: non-preemptive priority M/M/c, whose mean waits are
 * W_k = C(N, A) / (N mu) / ((1 - s_{k-1}) (1 - s_k)), s_k the load of
 * types 1..k per agent (Cobham; Gross & Harris, Fundamentals of Queueing
 * Theory, 3rd ed., sec. 3.4.2), C the Erlang C of the total load.  500/h of
 * each at 180 s on 53 agents: A = 50. */
START_TEST(test_priority)
{
    const double lam = 500, aht = 180, H = 100;
    const int N = 53, R = 40;
    ccs_scenario *sc = ccs_test_mmc(lam, aht, 0, N, 1, H * 3600, 10 * 3600, R);
    sc->seed = ccs_test_seed(13);
    add_type(sc, lam, aht);
    sc->groups[0].n_serves = 2;
    sc->groups[0].serves = realloc(sc->groups[0].serves, 2 * sizeof(int));
    sc->groups[0].serves[1] = 1;
    sc->groups[0].serve_after_s = realloc(sc->groups[0].serve_after_s, 2 * sizeof(double));
    sc->groups[0].serve_after_s[1] = 0;
    ccs_results *r = ccs_test_sim(sc, 0);
    double a = 2 * lam * aht / 3600, c = ccs_ref_erlang_c(N, a);
    double s1 = lam * aht / 3600 / N, s2 = 2 * s1, w0 = c * aht / N;
    double theory[2] = {w0 / (1 - s1), w0 / ((1 - s1) * (1 - s2))};
    double *y = calloc(R, sizeof *y), *x = calloc(R, sizeof *x), *ctrl = calloc(4 * R, 8);
    for (int rep = 0; rep < R; rep++) {
        for (int t = 0; t < 2; t++) {
            ctrl[(2 * t) * R + rep] = DAY(r, rep, t, offered) - lam * H;
            ctrl[(2 * t + 1) * R + rep] = DAY(r, rep, t, handle_s) - aht * DAY(r, rep, t, handled);
        }
    }
    double z = ccs_test_tcrit(CCS_ALPHA_TEST, 2, R - 5);
    for (int t = 0; t < 2; t++) {
        for (int rep = 0; rep < R; rep++) {
            y[rep] = DAY(r, rep, t, wait_answered_s);
            x[rep] = DAY(r, rep, t, handled);
        }
        ccs_ref_ratio_test tst;
        ccs_ref_ratio_test_run(y, x, R, ctrl, 4, theory[t], &tst);
        CCS_ASSERT_CLOSE("reported ASA", r->types[t].asa_s.mean, tst.ratio, 1e-9, 0);
        ck_assert_msg(fabs(tst.bias) <= z * tst.se,
                      "priority %d: ASA %.4g s, theory %.4g s (z = %.2f, limit %.2f)", t,
                      tst.ratio, theory[t], tst.bias / tst.se, z);
    }
    free(y);
    free(x);
    free(ctrl);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}
END_TEST

typedef struct trace_check {
    int answers_by_overflow;       /* counted (interval >= 0) */
    double min_overflow_wait;
    long max_busy_in_interval_1;   /* busy after an answer in interval 1 */
    int answers_in_interval_1;
} trace_check;

static void on_trace(void *ctx, const ccs_trace_event *ev)
{
    trace_check *tc = ctx;
    if (ev->kind != CCS_TR_ANSWER) {
        return;
    }
    if (ev->group == 1 && ev->interval >= 0) {
        tc->answers_by_overflow++;
        if (ev->wait_s < tc->min_overflow_wait) {
            tc->min_overflow_wait = ev->wait_s;
        }
    }
    if (ev->interval == 1) {
        tc->answers_in_interval_1++;
        if (ev->busy > tc->max_busy_in_interval_1) {
            tc->max_busy_in_interval_1 = ev->busy;
        }
    }
}

START_TEST(test_overflow_delay)
{
    /* Group 1 takes type 0 only after 30 s of waiting. */
    ccs_scenario *sc = ccs_test_mmc(1000, 180, 0, 48, 2, 1800, 0, 1);
    sc->seed = ccs_test_seed(14);
    sc->n_groups = 2;
    sc->groups = realloc(sc->groups, 2 * sizeof *sc->groups);
    ccs_agent_group *g = &sc->groups[1];
    memset(g, 0, sizeof *g);   /* realloc leaves the new group's fields undefined */
    snprintf(g->name, sizeof g->name, "overflow");
    g->count = calloc(2, sizeof(int));
    g->count[0] = g->count[1] = 10;
    g->n_serves = 1;
    g->serves = calloc(1, sizeof(int));
    g->serve_after_s = calloc(1, sizeof(double));
    g->serve_after_s[0] = 30;
    g->aht_factor = 1.0;
    g->fcr = 1.0;
    ccs_error err;
    ccs_model *m = ccs_model_new(sc, &err);
    trace_check tc = {0, INFINITY, 0, 0};
    ccs_model_set_trace(m, on_trace, &tc, INFINITY);
    ccs_tally_dims dims = ccs_tally_dims_of(sc);
    ccs_tallies *T = ccs_tallies_new(&dims, 1);
    ccs_tally_rep v = ccs_tallies_rep(T, 0);
    uint64_t ev;
    ck_assert_int_eq(ccs_model_run(m, 0, &v, &ev), CCS_OK);
    ck_assert_msg(tc.answers_by_overflow > 0, "the overflow group never answered");
    ck_assert_msg(tc.min_overflow_wait >= 30, "overflow group took a call after %g s",
                  tc.min_overflow_wait);
    /* The trace and the group tallies are kept apart: they must agree on
     * the overflow group's answers (group 1, intervals 0 and 1). */
    ck_assert_int_eq(tc.answers_by_overflow, (int)(ccs_group_tally_at(&v, 0, 1, 0)->handled +
                                                   ccs_group_tally_at(&v, 1, 1, 0)->handled));
    ck_assert(ccs_group_tally_at(&v, 0, 0, 0)->handled + ccs_group_tally_at(&v, 1, 0, 0)->handled >
              0);
    ccs_tallies_free(T);
    ccs_model_free(m);
    ccs_test_sc_free(sc);
}
END_TEST

START_TEST(test_schedule_changes)
{
    /* Staffing drops from 60 to 5 and back: busy agents finish their calls
     * but no new call starts beyond the head count. */
    ccs_scenario *sc = ccs_test_mmc(1000, 180, 120, 60, 3, 1800, 0, 1);
    sc->seed = ccs_test_seed(15);
    sc->groups[0].count[1] = 5;
    ccs_error err;
    ccs_model *m = ccs_model_new(sc, &err);
    trace_check tc = {0, INFINITY, 0, 0};
    ccs_model_set_trace(m, on_trace, &tc, INFINITY);
    ccs_tally_dims dims = ccs_tally_dims_of(sc);
    ccs_tallies *T = ccs_tallies_new(&dims, 1);
    ccs_tally_rep v = ccs_tallies_rep(T, 0);
    uint64_t ev;
    ck_assert_int_eq(ccs_model_run(m, 0, &v, &ev), CCS_OK);
    /* 50 Erlangs on 5 agents: the queue never empties, so agents free up
     * and take calls, but never more than 5 at once. */
    ck_assert_msg(tc.answers_in_interval_1 > 0, "nobody answered in interval 1");
    ck_assert_msg(tc.max_busy_in_interval_1 <= 5,
                  "a call started with %ld agents busy while 5 are on shift",
                  tc.max_busy_in_interval_1);
    /* with 5 agents for 30 minutes, the middle interval must see abandonment */
    ck_assert(ccs_tally_at(&v, 1, 0)->abandoned > ccs_tally_at(&v, 0, 0)->abandoned);
    ccs_tallies_free(T);
    ccs_model_free(m);
    ccs_test_sc_free(sc);
}
END_TEST

/*
 * Retrials by hand: no agents, every caller abandons after a deterministic
 * 10 s and tries again 60 s later, at most twice, if that falls before the
 * day's end H.  A fresh caller arriving at s makes attempts at s, s + 70,
 * s + 140 while they are before H, so over a Poisson day of rate lambda
 * E[retrials] = lambda (2H - 210) (H >= 140 s), Var = lambda (4H - 490).
 */
START_TEST(test_retrial_limit)
{
    const double lam = 600, H = 7200;
    const int R = 20;
    ccs_scenario *sc = ccs_test_mmc(lam, 180, 10, 0, 4, H / 4, 0, R);
    sc->seed = ccs_test_seed(16);
    ccs_dist_fini(&sc->types[0].patience);
    sc->types[0].patience = ccs_dist_deterministic(10);
    sc->types[0].retry_abandoned = 1.0;
    sc->types[0].retry_delay = ccs_dist_deterministic(60);
    sc->types[0].max_retrials = 2;
    ccs_results *r = ccs_test_sim(sc, 0);
    double l = lam / 3600, z = ccs_test_zcrit(CCS_ALPHA_TEST, 2);
    CCS_ASSERT_Z("retrials", r->summary.retrials.mean, l * (2 * H - 210),
                 sqrt(l * (4 * H - 490) / R), z);
    CCS_ASSERT_Z("fresh calls", r->summary.offered.mean - r->summary.retrials.mean, l * H,
                 sqrt(l * H / R), z);
    ck_assert_double_eq(r->summary.handled.mean, 0);
    ck_assert_double_eq(r->summary.abandoned_short.mean, 0);   /* all wait 10 s > 5 s */
    ck_assert_double_eq(r->summary.abandoned.mean, r->summary.offered.mean);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}
END_TEST

/* Short abandons by hand: no agents and exponential patience of mean 60 s,
 * so every attempt abandons after its patience, and it is short (<= 5 s)
 * with probability 1 - exp(-5/60), independently. */
START_TEST(test_short_abandons)
{
    ccs_scenario *sc = ccs_test_mmc(2000, 180, 60, 0, 2, 1800, 0, 10);
    sc->seed = ccs_test_seed(17);
    ccs_results *r = ccs_test_sim(sc, 0);
    double n = 0, shorts = 0;
    for (int rep = 0; rep < r->replications; rep++) {
        n += DAY(r, rep, 0, abandoned);
        shorts += DAY(r, rep, 0, abandoned_short);
    }
    double p = 1 - exp(-5.0 / 60);
    CCS_ASSERT_Z("short abandons / abandons", shorts / n, p, sqrt(p * (1 - p) / n),
                 ccs_test_zcrit(CCS_ALPHA_TEST, 1));
    ck_assert_double_eq(n, r->summary.offered.mean * r->replications);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}
END_TEST

/* Retrials in a staffed center: each abandonment with retrials left tries
 * again with probability p if the retrial falls within the day, so
 * E[retrials] = p E[eligible abandons]: at most p x abandons, and short of
 * it only by abandons whose retrial would fall after the day (at most the
 * last interval's) and by callers who used up their retrials. */
START_TEST(test_retrials)
{
    ccs_scenario *sc = ccs_test_mmc(1000, 180, 30, 45, 4, 1800, 0, 20);
    sc->seed = ccs_test_seed(18);
    const double p = 0.5;
    sc->types[0].retry_abandoned = p;
    sc->types[0].retry_delay = ccs_dist_exponential(60);
    sc->types[0].max_retrials = 3;
    ccs_results *r = ccs_test_sim(sc, 0);
    int R = r->replications;
    double ab = DAY_MEAN(r, 0, abandoned) * R, re = DAY_MEAN(r, 0, retrials) * R;
    double last = 0;
    for (int rep = 0; rep < R; rep++) {
        last += ccs_test_raw(r, rep, 3, 0)->abandoned;
    }
    double sd = sqrt(p * (1 - p) * ab), z = ccs_test_zcrit(CCS_ALPHA_TEST, 2);
    ck_assert_msg(re <= p * ab + z * sd, "retrials %g above %g x %g abandons", re, p, ab);
    /* Used-up retrials: a caller abandons 4 times at most
     * (p x abandon rate)^3 of the time; bounded by p^3 x abandons. */
    double short_of = p * (last + p * p * p * ab);
    ck_assert_msg(re >= p * ab - short_of - z * sd,
                  "retrials %g below %g x %g abandons - %g for the day's end", re, p, ab,
                  short_of);
    ck_assert(r->summary.retrials.mean > 0);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}
END_TEST

/*
 * The day's volume multiplier V ~ gamma(mean 1, cv 0.2) scales a Poisson
 * day: N | V ~ Poisson(mu V), so E[N] = mu and Var(N) = mu + (0.2 mu)^2.
 * mu = 4000: Var = 644,000 (Poisson alone: 4,000; cv 0.14: 317,600).  The
 * sample variance of R days has standard error sqrt((m4 - s^4) / R),
 * estimated from the sample's fourth moment.
 */
START_TEST(test_volume_uncertainty)
{
    const int R = 600;
    const double mu = 4000;
    ccs_scenario *sc = ccs_test_mmc(2 * mu, 1, 0, 20, 1, 1800, 0, R);
    sc->seed = ccs_test_seed(19);
    sc->types[0].volume_cv = 0.2;
    ccs_results *r = ccs_test_sim(sc, 0);
    double m = 0, m2 = 0, m4 = 0;
    for (int rep = 0; rep < R; rep++) {
        m += ccs_test_raw(r, rep, 0, 0)->offered;
    }
    m /= R;
    for (int rep = 0; rep < R; rep++) {
        double d = ccs_test_raw(r, rep, 0, 0)->offered - m;
        m2 += d * d;
        m4 += d * d * d * d;
    }
    double var = m2 / (R - 1);
    m4 /= R;
    double want = mu + 0.04 * mu * mu, z = ccs_test_zcrit(CCS_ALPHA_TEST, 2);
    CCS_ASSERT_Z("mean day volume", m, mu, sqrt(want / R), z);
    CCS_ASSERT_Z("variance of the day volume", var, want, sqrt((m4 - var * var) / R), z);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}
END_TEST

Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *c = tcase_create("core");
    tcase_set_timeout(c, 120);
    tcase_add_test(c, test_conservation_and_rates);
    tcase_add_test(c, test_handle_time_is_talk_plus_wrap);
    tcase_add_test(c, test_determinism_threads);
    tcase_add_test(c, test_common_random_numbers);
    tcase_add_test(c, test_priority);
    tcase_add_test(c, test_overflow_delay);
    tcase_add_test(c, test_schedule_changes);
    tcase_add_test(c, test_retrial_limit);
    tcase_add_test(c, test_short_abandons);
    tcase_add_test(c, test_retrials);
    tcase_add_test(c, test_volume_uncertainty);
    suite_add_tcase(s, c);
    return s;
}
