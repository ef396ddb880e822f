/*
 * check_validation.c — the simulation against queueing theory, with power
 * and a family-wise error rate (docs/testing.md#validation).
 *
 * Cases: M/M/c against Erlang C (light, moderate, heavy traffic, M/M/1),
 * M/M/c+M against Erlang A (moderate, overloaded, two published
 * examples), M/M/N/N against Erlang B and M/M/c/K against its birth-death
 * chain (ccs_ref.h), each on one long stationary interval after a warmup.
 *
 * Every figure is a ratio of sums E[y]/E[x] (service level: answered
 * within T over offered, ...).  It is tested against theory theta through
 * d_r = y_r - theta x_r, whose mean is 0 exactly when the figure is
 * unbiased; controls with known means (arrivals minus lambda H, handle
 * time minus its mean) take out most of the noise (ccs_ref_ratio_test_run).
 * A check fails when |bias| / se exceeds the Student-t critical value of a
 * Bonferroni test over all CHECKS of this file at CCS_ALPHA_VALIDATION, so
 * that correct code fails here with probability below 5e-4 whatever
 * CCSIM_TEST_SEED is.  Power: each case's horizon was sized from a pilot's
 * measured variance (the table in docs/testing.md) so that a relative bias
 * of 2% in service level, P(wait), abandon and blocking rates, or 3% in
 * ASA, is detected with probability >= 90%; every run asserts that its own
 * standard error still gives that power.  Each figure the simulator reports
 * must also equal the ratio of the raw sums tested here, so the test covers
 * the reported estimate, not a reimplementation.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccs_ref.h"
#include "ccs_testsc.h"
#include "ccsim/erlang.h"
#include "ccsim/sim.h"

#define REPS 200
#define POWER_Z 1.2815515655446004   /* one-sided normal quantile of 0.90 */

typedef struct vcase {
    const char *label;
    double lambda, aht, patience;    /* calls/h, s, s (0: none) */
    int agents;
    long capacity;                   /* callers waiting at most; -1: no limit */
    double horizon_h, warmup_h;      /* per replication */
} vcase;

static const vcase cases[] = {
    /* Erlang C */
    {"M/M/55, A = 50 (91%)", 1000, 180, 0, 55, -1, 385, 4},
    {"M/M/3, A = 2.85 (95%, heavy)", 57, 180, 0, 3, -1, 5200, 250},
    {"M/M/10, A = 7.5 (75%, light)", 150, 180, 0, 10, -1, 380, 10},
    {"M/M/1, rho = 0.5", 10, 180, 0, 1, -1, 620, 20},
    /* Erlang A */
    {"M/M/55+M, A = 50", 1000, 180, 60, 55, -1, 56, 4},
    {"M/M/48+M, A = 50 (overloaded)", 1000, 180, 60, 48, -1, 24, 4},
    {"M/M/50+M Garnett-Mandelbaum-Reiman", 2880, 60, 120, 50, -1, 20, 2},
    {"M/M/13+M pyworkforce", 200, 180, 300, 13, -1, 230, 10},
    /* loss and finite-queue systems */
    {"M/M/52/52 (Erlang B)", 1000, 180, 0, 52, 0, 20, 2},
    {"M/M/8/12 (4 places in queue)", 150, 180, 0, 8, 4, 80, 10},
};
#define N_CASES ((int)(sizeof cases / sizeof cases[0]))

typedef enum metric {
    M_SL,          /* answered within T / offered */
    M_SL_ANSWERED, /* answered within T / answered */
    M_SL_EXCL,     /* answered within T / (offered - short abandons) */
    M_PWAIT,       /* delayed / (offered - blocked) */
    M_ASA,         /* wait of answered / answered */
    M_ABANDON,     /* abandoned / offered */
    M_BLOCK,       /* blocked / offered */
    M_OCC,         /* busy / staffed */
    M_QUEUE,       /* queue area / length */
    M_N
} metric;

static const char *const metric_name[M_N] = {
    "SL (offered)", "SL (answered)", "SL (excluding short abandons)", "P(wait)", "ASA s",
    "abandon rate", "blocking",     "occupancy",                     "mean queue"};

/* Relative bias each figure must be able to detect (0: none asked). */
static const double metric_power[M_N] = {0.02, 0.02, 0.02, 0.02, 0.03, 0.02, 0.02, 0, 0};

static int is_erlang_a(const vcase *c)
{
    return c->patience > 0;
}

/* The figures case c checks and their theory; returns how many. */
static int case_metrics(const vcase *c, metric *m, double *theta)
{
    int n = 0;
    if (c->capacity >= 0) {
        ccs_ref_mmck q;
        ccs_ref_mmck_solve(c->lambda, c->aht, c->agents, (int)c->capacity, 20, &q);
        if (c->capacity == 0) {
            /* Erlang B by its recursion, the chain's answer cross-checked. */
            double b = ccs_ref_erlang_b(c->agents, c->lambda * c->aht / 3600);
            CCS_ASSERT_CLOSE("Erlang B: chain = recursion", q.blocking, b, 1e-10, 0);
            m[n] = M_BLOCK, theta[n++] = b;
            m[n] = M_OCC, theta[n++] = q.occupancy;
            return n;
        }
        m[n] = M_SL, theta[n++] = q.service_level;
        m[n] = M_PWAIT, theta[n++] = q.prob_wait;
        m[n] = M_ASA, theta[n++] = q.asa_s;
        m[n] = M_BLOCK, theta[n++] = q.blocking;
        m[n] = M_OCC, theta[n++] = q.occupancy;
        m[n] = M_QUEUE, theta[n++] = q.mean_queue;
        return n;
    }
    ccs_erlang_query q = {c->lambda, c->aht, c->patience, 20};
    ccs_erlang_metrics th;
    ck_assert_int_eq(ccs_erlang_eval(&q, c->agents, &th), CCS_OK);
    m[n] = M_SL, theta[n++] = th.service_level;
    m[n] = M_PWAIT, theta[n++] = th.prob_wait;
    m[n] = M_ASA, theta[n++] = th.asa_s;
    m[n] = M_OCC, theta[n++] = th.occupancy;
    if (!is_erlang_a(c)) {
        m[n] = M_QUEUE, theta[n++] = th.mean_queue_length;
        return n;
    }
    m[n] = M_ABANDON, theta[n++] = th.prob_abandon;
    m[n] = M_SL_ANSWERED, theta[n++] = th.service_level_answered;
    /* Short abandons (within 5 s) by Erlang A's P(abandon and W <= 5). */
    ccs_erlang_query q5 = {c->lambda, c->aht, c->patience, 5};
    ccs_erlang_metrics t5;
    ck_assert_int_eq(ccs_erlang_eval(&q5, c->agents, &t5), CCS_OK);
    m[n] = M_SL_EXCL, theta[n++] = th.service_level / (1.0 - t5.prob_abandon_within_t);
    return n;
}

/* Checks in the whole family (all cases). */
static int family_size(void)
{
    int total = 0;
    metric m[M_N];
    double th[M_N];
    for (int i = 0; i < N_CASES; i++) {
        total += case_metrics(&cases[i], m, th);
    }
    return total;
}

/* Numerator and denominator of metric m in one replication's day tally. */
static void sums(metric m, const ccs_tally *t, double staffed_s, double length_s, double *y,
                 double *x)
{
    switch (m) {
    case M_SL:
        *y = t->answered_in_sl, *x = t->offered;
        break;
    case M_SL_ANSWERED:
        *y = t->answered_in_sl, *x = t->handled;
        break;
    case M_SL_EXCL:
        *y = t->answered_in_sl, *x = t->offered - t->abandoned_short;
        break;
    case M_PWAIT:
        *y = t->delayed, *x = t->offered - t->blocked;
        break;
    case M_ASA:
        *y = t->wait_answered_s, *x = t->handled;
        break;
    case M_ABANDON:
        *y = t->abandoned, *x = t->offered;
        break;
    case M_BLOCK:
        *y = t->blocked, *x = t->offered;
        break;
    case M_OCC:
        *y = t->busy_s, *x = staffed_s;
        break;
    default:
        *y = t->queue_area, *x = length_s;
        break;
    }
}

/* The figure the simulator reports for m, with the SL definition set. */
static ccs_estimate reported(ccs_results *r, ccs_scenario *sc, metric m)
{
    ccs_figures f;
    sc->sl_definition = m == M_SL_ANSWERED ? CCS_SL_ANSWERED
                        : m == M_SL_EXCL   ? CCS_SL_EXCL_SHORT
                                           : CCS_SL_OFFERED;
    ck_assert_int_eq(ccs_results_figures(r, 0, sc->n_intervals, NULL, &f), CCS_OK);
    sc->sl_definition = CCS_SL_OFFERED;
    switch (m) {
    case M_SL:
    case M_SL_ANSWERED:
    case M_SL_EXCL:
        return f.service_level;
    case M_PWAIT:
        return f.prob_wait;
    case M_ASA:
        return f.asa_s;
    case M_ABANDON:
        return f.abandon_rate;
    case M_OCC:
        return f.occupancy;
    case M_QUEUE:
        return f.avg_queue;
    default: {
        /* No blocking figure in the report: blocked / offered counts. */
        ccs_estimate e = f.blocked;
        e.mean = f.offered.mean > 0 ? f.blocked.mean / f.offered.mean : 0;
        return e;
    }
    }
}

static void validate_case(const vcase *c)
{
    ccs_scenario *sc = ccs_test_mmc(c->lambda, c->aht, c->patience, c->agents, 1,
                                    c->horizon_h * 3600, c->warmup_h * 3600, REPS);
    sc->seed = ccs_test_seed(1000 + (uint64_t)(c - cases));
    sc->types[0].queue_capacity = c->capacity;
    ccs_results *r = ccs_test_sim(sc, 0);
    metric m[M_N];
    double theta[M_N];
    int n = case_metrics(c, m, theta);
    int family = family_size();
    double *y = calloc(REPS, sizeof *y), *x = calloc(REPS, sizeof *x);
    double *ctrl = calloc(2 * REPS, sizeof *ctrl);
    ck_assert(y && x && ctrl);
    double length = sc->interval_s, staffed = c->agents * sc->interval_s;
    /* Controls: arrivals minus their mean, handle time of answered calls
     * minus its mean (a call's handle time does not decide whether it is
     * answered, so the difference has mean 0). */
    for (int rep = 0; rep < REPS; rep++) {
        const ccs_tally *t = ccs_test_raw(r, rep, 0, 0);
        ctrl[rep] = t->offered - c->lambda * c->horizon_h;
        ctrl[REPS + rep] = t->handle_s - c->aht * t->handled;
    }
    const char *verbose = getenv("CCSIM_TEST_VERBOSE");
    for (int i = 0; i < n; i++) {
        for (int rep = 0; rep < REPS; rep++) {
            sums(m[i], ccs_test_raw(r, rep, 0, 0), staffed, length, &y[rep], &x[rep]);
        }
        ccs_ref_ratio_test tst;
        ccs_ref_ratio_test_run(y, x, REPS, ctrl, 2, theta[i], &tst);
        double crit = ccs_test_tcrit(CCS_ALPHA_VALIDATION, family, tst.df);
        double detect = (crit + POWER_Z) * tst.se / theta[i];
        char what[160];
        snprintf(what, sizeof what, "%s: %s", c->label, metric_name[m[i]]);
        if (verbose && *verbose) {
            printf("validation: %-40s %-30s theory %-10.6g sim %-10.6g z %+5.2f (crit %.2f) "
                   "detects %.2f%% (plain %.2f%%)\n",
                   c->label, metric_name[m[i]], theta[i], tst.ratio, tst.bias / tst.se, crit,
                   100 * detect, 100 * (crit + POWER_Z) * tst.se_plain / theta[i]);
        }
        ccs_estimate e = reported(r, sc, m[i]);
        ck_assert_msg(e.defined || m[i] == M_BLOCK, "%s: not defined", what);
        CCS_ASSERT_CLOSE(what, e.mean, tst.ratio, 1e-9, 1e-12);
        ck_assert_msg(fabs(tst.bias) <= crit * tst.se,
                      "%s: simulated %.6g, theory %.6g: bias %+.3g%% is %.2f standard errors "
                      "(limit %.2f for %d checks at %g; seed %llu)",
                      what, tst.ratio, theta[i], 100 * tst.bias / theta[i], tst.bias / tst.se,
                      crit, family, CCS_ALPHA_VALIDATION, (unsigned long long)sc->seed);
        if (metric_power[m[i]] > 0) {
            ck_assert_msg(detect <= metric_power[m[i]],
                          "%s: power lost: a bias of %.2f%% is needed for 90%% power, "
                          "the test promises %.0f%% (longer horizon needed)",
                          what, 100 * detect, 100 * metric_power[m[i]]);
        }
    }
    if (!is_erlang_a(c)) {
        ck_assert(r->summary.abandoned.mean == 0);
    }
    if (c->capacity == 0) {
        ck_assert_msg(r->summary.prob_wait.mean == 0, "a loss system has no waiting");
    }
    free(y);
    free(x);
    free(ctrl);
    ccs_results_free(r);
    ccs_test_sc_free(sc);
}

START_TEST(test_against_theory)
{
    validate_case(&cases[_i]);
}
END_TEST

/* The reference chain itself, against Erlang C (K large) and by hand for
 * M/M/1/2: p_n proportional to rho^n, rho = 1/2: p = (4, 2, 1) / 7. */
START_TEST(test_reference_chain)
{
    ccs_ref_mmck q;
    ccs_ref_mmc e;
    ccs_ref_mmck_solve(1000, 180, 55, 2000, 20, &q);
    ccs_ref_erlang_c_figures(1000, 180, 55, 20, &e);
    CCS_ASSERT_CLOSE("P(wait)", q.prob_wait, e.prob_wait, 1e-9, 0);
    CCS_ASSERT_CLOSE("SL", q.service_level, e.service_level, 1e-9, 0);
    CCS_ASSERT_CLOSE("ASA", q.asa_s, e.asa_s, 1e-9, 0);
    CCS_ASSERT_CLOSE("queue", q.mean_queue, e.mean_queue, 1e-9, 0);
    /* A published row of tests/data/erlang_c.csv: 720/h x 240 s on 55, T 15 s. */
    ccs_ref_erlang_c_figures(720, 240, 55, 15, &e);
    CCS_ASSERT_CLOSE("ref Erlang C P(wait)", e.prob_wait, 0.23870093637800922, 1e-12, 0);
    CCS_ASSERT_CLOSE("ref Erlang C SL", e.service_level, 0.84588309217058034, 1e-12, 0);
    CCS_ASSERT_CLOSE("ref Erlang C ASA", e.asa_s, 8.1840321043888875, 1e-12, 0);
    ccs_ref_mmck_solve(10, 180, 1, 1, 0, &q);
    CCS_ASSERT_CLOSE("M/M/1/2 blocking", q.blocking, 1.0 / 7, 1e-12, 0);
    CCS_ASSERT_CLOSE("M/M/1/2 P(wait | admitted)", q.prob_wait, 2.0 / 6, 1e-12, 0);
    CCS_ASSERT_CLOSE("M/M/1/2 ASA", q.asa_s, 2.0 / 6 * 180, 1e-12, 0);
    CCS_ASSERT_CLOSE("M/M/1/2 SL at T = 0", q.service_level, 4.0 / 7, 1e-12, 0);
    CCS_ASSERT_CLOSE("M/M/1/2 occupancy", q.occupancy, 3.0 / 7, 1e-12, 0);
}
END_TEST

Suite *validation_suite(void)
{
    Suite *s = suite_create("validation");
    TCase *tc = tcase_create("theory");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_reference_chain);
    tcase_add_loop_test(tc, test_against_theory, 0, N_CASES);
    suite_add_tcase(s, tc);
    return s;
}
