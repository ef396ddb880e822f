/*
 * check_uncertainty.c — staffing under volume uncertainty and absenteeism
 * (uncertainty.h).
 *
 *  - C = 0 and A = 0 give the Erlang C/A answer exactly, for every row of
 *    tests/data/staffing.csv and a grid of Erlang A cases, at any
 *    confidence;
 *  - C = 0, A > 0: P(meet | N) is the binomial tail P(K >= Erlang answer),
 *    from GSL's binomial distribution function;
 *  - P(meet | N) and E[SL | N] against a brute-force numerical integration
 *    over B (a fine grid of gamma probability cells, each judged with
 *    ccs_erlang_eval()), summed over K; and at 1,000 Erlangs against an
 *    Erlang C brute force of its own (kappa by the recurrence);
 *  - monotone: P(meet) rises with N; the answer rises with A, with C (for
 *    a confidence of 80% and more) and with P;
 *  - P(meet | N) is the same whatever was asked before (the cached roots
 *    only change the route): N down, up, scattered, and on a fresh model.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "ccsim/erlang.h"
#include "ccsim/uncertainty.h"

static ccs_uncertainty *model(double cv, double a)
{
    ccs_error err;
    ccs_uncertainty *u = ccs_uncertainty_new(cv, a, &err);
    ck_assert_msg(u != NULL, "ccs_uncertainty_new(%g, %g): %s", cv, a, err.msg);
    return u;
}

START_TEST(test_zero_equals_erlang_c)
{
    ccs_csv *c = ccs_csv_read("tests/data/staffing.csv");
    ccs_uncertainty *u = model(0, 0);
    static const double conf[] = {0.0, 0.5, 0.9, 0.999};
    for (int i = 0; i < c->nrows; i++) {
        ccs_erlang_query q = {ccs_csv_num(c, i, "lambda_per_hour"),
                              ccs_csv_num(c, i, "aht_seconds"), 0,
                              ccs_csv_num(c, i, "target_seconds")};
        ccs_staffing_targets t = {0};
        t.service_level = ccs_csv_num(c, i, "target_service_level");
        int want = (int)ccs_csv_num(c, i, "agents_required_sl");
        for (size_t j = 0; j < sizeof conf / sizeof conf[0]; j++) {
            ccs_uncertain_staffing s;
            ccs_error err;
            ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf[j], &s, &err), CCS_OK);
            ck_assert_msg(s.agents == want && s.mean_agents == want,
                          "row %d (%s), confidence %g: got %d (mean %d), Erlang C says %d", i,
                          ccs_csv_str(c, i, "case"), conf[j], s.agents, s.mean_agents, want);
            ck_assert_double_eq(s.prob_meet, 1.0);
            if (want > 1 && conf[j] > 0) {
                ck_assert_double_eq(s.prob_meet_below, 0.0);
            }
            ccs_erlang_metrics m;
            ccs_erlang_eval(&q, want, &m);
            ck_assert_double_eq(s.expected_sl, m.service_level);
        }
    }
    ccs_uncertainty_free(u);
    ccs_csv_free(c);
}
END_TEST

START_TEST(test_zero_equals_erlang_a)
{
    ccs_uncertainty *u = model(0, 0);
    static const double rates[] = {50, 200, 1000, 4000};
    static const double patience[] = {30, 120, 600};
    for (size_t i = 0; i < 4; i++) {
        for (size_t j = 0; j < 3; j++) {
            ccs_erlang_query q = {rates[i], 180, patience[j], 20};
            ccs_staffing_targets t = {0};
            t.service_level = 0.85;
            ccs_staffing_result r;
            ccs_error err;
            ck_assert_int_eq(ccs_erlang_staff(&q, &t, &r, &err), CCS_OK);
            ccs_uncertain_staffing s;
            ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, 0.9, &s, &err), CCS_OK);
            ck_assert_msg(s.agents == r.agents, "rate %g patience %g: %d vs Erlang A %d",
                          rates[i], patience[j], s.agents, r.agents);
        }
    }
    ccs_uncertainty_free(u);
}
END_TEST

START_TEST(test_absence_only_is_binomial_tail)
{
    ccs_erlang_query q = {1000, 180, 0, 20};
    ccs_staffing_targets t = {0};
    t.service_level = 0.8;
    ccs_staffing_result r;
    ccs_error err;
    ck_assert_int_eq(ccs_erlang_staff(&q, &t, &r, &err), CCS_OK);
    static const double absent[] = {0.02, 0.08, 0.2};
    for (size_t i = 0; i < 3; i++) {
        ccs_uncertainty *u = model(0, absent[i]);
        for (int n = r.agents; n < r.agents + 25; n++) {
            double p;
            ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.8, n, &p, &err), CCS_OK);
            /* P(K >= r.agents) = P(K > r.agents - 1) */
            double want = gsl_cdf_binomial_Q((unsigned)(r.agents - 1), 1 - absent[i],
                                             (unsigned)n);
            CCS_ASSERT_CLOSE("P(meet), absence only", p, want, 1e-12, 1e-15);
        }
        ccs_uncertainty_free(u);
    }
}
END_TEST

/* Brute force: sum over K of P(K) x the gamma mass of the grid cells whose
 * midpoint meets the target (and E[SL] with the midpoint's SL). */
static void brute(const ccs_erlang_query *q, double target, double cv, double absent, int n,
                  int cells, double *p_meet, double *e_sl)
{
    double shape = 1 / (cv * cv), scale = cv * cv;
    double lo = gsl_cdf_gamma_Pinv(1e-13, shape, scale);
    double hi = gsl_cdf_gamma_Qinv(1e-13, shape, scale);
    double h = (hi - lo) / cells;
    double pm = 0, es = 0;
    for (int k = 0; k <= n; k++) {
        double w = gsl_ran_binomial_pdf((unsigned)k, 1 - absent, (unsigned)n);
        if (w < 1e-14 || k == 0) {
            continue;
        }
        double gprev = gsl_cdf_gamma_P(lo, shape, scale), pk = 0, ek = 0;
        for (int c = 0; c < cells; c++) {
            double b1 = lo + (c + 1) * h;
            double g = gsl_cdf_gamma_P(b1, shape, scale);
            double mass = g - gprev;
            gprev = g;
            if (mass < 1e-18) {
                continue;
            }
            ccs_erlang_query qq = *q;
            qq.calls_per_hour = q->calls_per_hour * (lo + (c + 0.5) * h);
            ccs_erlang_metrics m;
            int rc = ccs_erlang_eval(&qq, k, &m);
            double sl = (rc == CCS_OK) ? m.service_level : 0.0;
            pk += sl >= target ? mass : 0;
            ek += mass * sl;
        }
        pm += w * pk;
        es += w * ek;
    }
    *p_meet = pm;
    *e_sl = es;
}

START_TEST(test_brute_force_erlang_c)
{
    /* 100 calls per 30 min, AHT 180 s (A = 10), 80/20. */
    ccs_erlang_query q = {200, 180, 0, 20};
    ccs_uncertainty *u = model(0.15, 0.1);
    ccs_error err;
    for (int n = 13; n <= 17; n += 4) {
        double p, e, bp, be;
        ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.8, n, &p, &err), CCS_OK);
        ck_assert_int_eq(ccs_uncertainty_expected_sl(u, &q, n, &e, &err), CCS_OK);
        brute(&q, 0.8, 0.15, 0.1, n, 80000, &bp, &be);
        CCS_ASSERT_CLOSE("P(meet) vs brute force", p, bp, 0, 1e-4);
        CCS_ASSERT_CLOSE("E[SL] vs brute force", e, be, 0, 2e-6);
    }
    ccs_uncertainty_free(u);
}
END_TEST

START_TEST(test_brute_force_erlang_a_and_wide_cv)
{
    ccs_erlang_query q = {600, 240, 120, 30};
    ccs_uncertainty *u = model(0.4, 0.05);
    ccs_error err;
    double p, e, bp, be;
    ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.7, 45, &p, &err), CCS_OK);
    ck_assert_int_eq(ccs_uncertainty_expected_sl(u, &q, 45, &e, &err), CCS_OK);
    brute(&q, 0.7, 0.4, 0.05, 45, 20000, &bp, &be);
    CCS_ASSERT_CLOSE("Erlang A P(meet) vs brute force", p, bp, 0, 1e-3);
    CCS_ASSERT_CLOSE("Erlang A E[SL] vs brute force", e, be, 0, 1e-5);
    ccs_uncertainty_free(u);
}
END_TEST

/* Brute force for Erlang C at a large center, independent of the library's
 * kappa series and Newton roots: per gamma cell, kappa by its recurrence
 * from K = 1 and every K's SL at the cell's midpoint. */
static void brute_c_large(double a1, double tau, double target, double cv, double absent,
                          int n, int cells, double *p_meet, double *e_sl)
{
    double shape = 1 / (cv * cv), scale = cv * cv;
    double lo = gsl_cdf_gamma_Pinv(1e-13, shape, scale);
    double hi = gsl_cdf_gamma_Qinv(1e-13, shape, scale);
    double h = (hi - lo) / cells;
    double *w = calloc((size_t)n + 1, sizeof *w);
    ck_assert_ptr_nonnull(w);
    for (int k = 0; k <= n; k++) {
        w[k] = gsl_ran_binomial_pdf((unsigned)k, 1 - absent, (unsigned)n);
    }
    double pm = 0, es = 0, gprev = gsl_cdf_gamma_P(lo, shape, scale);
    for (int c = 0; c < cells; c++) {
        double g = gsl_cdf_gamma_P(lo + (c + 1) * h, shape, scale);
        double mass = g - gprev;
        gprev = g;
        double a = a1 * (lo + (c + 0.5) * h);
        double kappa = a, pc = 0, ec = 0;
        for (int k = 1; k <= n; k++) {
            if (k > 1) {
                kappa = a * kappa / (k * (1 + kappa));
            }
            if (k <= a || w[k] < 1e-16) {
                continue;
            }
            double gap = k - a, nk = k * kappa, den = gap + nk;
            double sl = (gap - nk * expm1(-gap * tau)) / den;
            pc += sl >= target ? w[k] : 0;
            ec += w[k] * sl;
        }
        pm += mass * pc;
        es += mass * ec;
    }
    free(w);
    *p_meet = pm;
    *e_sl = es;
}

START_TEST(test_brute_force_large_center)
{
    /* 20,000 calls/h, AHT 180 s: A = 1,000 Erlangs, 80/20, cv 10%,
     * absenteeism 8%: the staffing found (1,241) and the Erlang answer at
     * the mean (1,011, which absence leaves mostly below the load).  E[SL]
     * is resolved to ~3e-5 here (docs/erlang.md: the kinks of Erlang C). */
    ccs_erlang_query q = {20000, 180, 0, 20};
    ccs_uncertainty *u = model(0.1, 0.08);
    ccs_error err;
    static const int ns[] = {1011, 1241};
    for (int i = 0; i < 2; i++) {
        double p, e, bp, be;
        ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.8, ns[i], &p, &err), CCS_OK);
        ck_assert_int_eq(ccs_uncertainty_expected_sl(u, &q, ns[i], &e, &err), CCS_OK);
        brute_c_large(1000, 20.0 / 180.0, 0.8, 0.1, 0.08, ns[i], 40000, &bp, &be);
        CCS_ASSERT_CLOSE("P(meet), 1,000 Erlangs, vs brute force", p, bp, 0, 1e-4);
        CCS_ASSERT_CLOSE("E[SL], 1,000 Erlangs, vs brute force", e, be, 0, 5e-5);
    }
    ccs_uncertainty_free(u);
}
END_TEST

static int answer(double cv, double a, double conf, double rate)
{
    ccs_erlang_query q = {rate, 240, 0, 20};
    ccs_staffing_targets t = {0};
    t.service_level = 0.8;
    ccs_uncertain_staffing s;
    ccs_error err;
    ccs_uncertainty *u = model(cv, a);
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf, &s, &err), CCS_OK);
    ck_assert_msg(s.prob_meet >= conf && (s.agents == 1 || s.prob_meet_below < conf),
                  "cv %g A %g P %g: P(meet) %g at %d, %g at %d", cv, a, conf, s.prob_meet,
                  s.agents, s.prob_meet_below, s.agents - 1);
    ccs_uncertainty_free(u);
    return s.agents;
}

START_TEST(test_monotone)
{
    static const double rates[] = {60, 600, 6000};
    for (int r = 0; r < 3; r++) {
        int prev = 0;
        for (double a = 0; a <= 0.201; a += 0.025) {
            int n = answer(0.1, a, 0.9, rates[r]);
            ck_assert_msg(n >= prev, "rate %g: absenteeism %g gives %d < %d", rates[r], a, n,
                          prev);
            prev = n;
        }
        prev = 0;
        for (double cv = 0; cv <= 0.301; cv += 0.05) {
            int n = answer(cv, 0.05, 0.8, rates[r]);
            ck_assert_msg(n >= prev, "rate %g: cv %g gives %d < %d", rates[r], cv, n, prev);
            prev = n;
        }
        prev = 0;
        static const double conf[] = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};
        for (int i = 0; i < 7; i++) {
            int n = answer(0.1, 0.05, conf[i], rates[r]);
            ck_assert_msg(n >= prev, "rate %g: confidence %g gives %d < %d", rates[r], conf[i],
                          n, prev);
            prev = n;
        }
    }
    /* P(meet | N) rises with N. */
    ccs_uncertainty *u = model(0.2, 0.1);
    ccs_erlang_query q = {900, 200, 0, 20};
    double prev = -1;
    ccs_error err;
    for (int n = 30; n <= 110; n++) {
        double p;
        ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.8, n, &p, &err), CCS_OK);
        ck_assert_msg(p >= prev - 1e-12, "P(meet) falls from %g to %g at N = %d", prev, p, n);
        prev = p;
    }
    ck_assert(prev > 0.99);
    ccs_uncertainty_free(u);
}
END_TEST

/* P(meet | N) does not depend on which N were asked before: the roots of
 * b*(K) cached by earlier queries (neighbours below, neighbours above, or
 * none) only change the route to the same root.  N from 110 down to 20 on
 * one model, up on another, in a scattered order on a third, and each N
 * on a model of its own, for Erlang C and A, at three cvs (1.0, the
 * largest accepted) and three absenteeism rates: all agree to 1e-9 (the
 * roots are refined to 1e-11 relative). */
static double pm_at(ccs_uncertainty *u, const ccs_erlang_query *q, int n)
{
    double p;
    ccs_error err;
    ck_assert_msg(ccs_uncertainty_prob_meet(u, q, 0.8, n, &p, &err) == CCS_OK, "N = %d: %s", n,
                  err.msg);
    ck_assert(p >= 0 && p <= 1);
    return p;
}

START_TEST(test_order_does_not_matter)
{
    static const double patience[] = {0, 120}, cvs[] = {0.15, 0.4, 1.0}, absent[] = {0, 0.1, 0.3};
    static const int scattered[] = {20, 110, 65, 40, 90, 30, 100, 50, 75, 25,
                                    85, 60, 45, 95, 35, 70, 55, 80, 105};
    for (int ip = 0; ip < 2; ip++) {
        for (int ic = 0; ic < 3; ic++) {
            for (int ia = 0; ia < 3; ia++) {
                ccs_erlang_query q = {900, 200, patience[ip], 20};
                ccs_uncertainty *down = model(cvs[ic], absent[ia]);
                ccs_uncertainty *up = model(cvs[ic], absent[ia]);
                ccs_uncertainty *mix = model(cvs[ic], absent[ia]);
                double pd[111], pu[111];
                for (int n = 110; n >= 20; n--) {
                    pd[n] = pm_at(down, &q, n);
                }
                for (int n = 20; n <= 110; n++) {
                    pu[n] = pm_at(up, &q, n);
                    CCS_ASSERT_CLOSE("P(meet), N down vs up", pd[n], pu[n], 0, 1e-9);
                }
                for (size_t i = 0; i < sizeof scattered / sizeof scattered[0]; i++) {
                    int n = scattered[i];
                    CCS_ASSERT_CLOSE("P(meet), scattered vs up", pm_at(mix, &q, n), pu[n], 0,
                                     1e-9);
                }
                for (int n = 20; n <= 110; n += 9) {
                    ccs_uncertainty *fresh = model(cvs[ic], absent[ia]);
                    CCS_ASSERT_CLOSE("P(meet), fresh model vs up", pm_at(fresh, &q, n), pu[n], 0,
                                     1e-9);
                    ccs_uncertainty_free(fresh);
                }
                /* and it does move: from below the load to well above it */
                ck_assert_msg(pu[20] < 0.5 && pu[110] > 0.5,
                              "patience %g cv %g A %g: P(meet) %g at 20, %g at 110",
                              patience[ip], cvs[ic], absent[ia], pu[20], pu[110]);
                ccs_uncertainty_free(down);
                ccs_uncertainty_free(up);
                ccs_uncertainty_free(mix);
            }
        }
    }
}
END_TEST

START_TEST(test_errors)
{
    ccs_error err;
    ck_assert_ptr_null(ccs_uncertainty_new(-0.1, 0, &err));
    ck_assert_str_eq(err.key, "volume_cv");
    ck_assert_ptr_null(ccs_uncertainty_new(1.5, 0, &err));
    ck_assert_ptr_null(ccs_uncertainty_new(0.1, 0.95, &err));
    ck_assert_str_eq(err.key, "absenteeism");
    ccs_uncertainty *u = model(0.1, 0.1);
    ccs_erlang_query q = {100, 180, 0, 20};
    ccs_staffing_targets t = {0};
    ccs_uncertain_staffing s;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, 0.9, &s, &err), CCS_EINVAL);
    t.service_level = 0.8;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, 1.0, &s, &err), CCS_EINVAL);
    ck_assert_str_eq(err.key, "confidence");
    ccs_uncertainty_free(u);
}
END_TEST

Suite *uncertainty_suite(void)
{
    Suite *s = suite_create("uncertainty");
    TCase *core = tcase_create("core");
    tcase_set_timeout(core, 120);
    tcase_add_test(core, test_zero_equals_erlang_c);
    tcase_add_test(core, test_zero_equals_erlang_a);
    tcase_add_test(core, test_absence_only_is_binomial_tail);
    tcase_add_test(core, test_brute_force_erlang_c);
    tcase_add_test(core, test_brute_force_erlang_a_and_wide_cv);
    tcase_add_test(core, test_brute_force_large_center);
    tcase_add_test(core, test_monotone);
    tcase_add_test(core, test_order_does_not_matter);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_errors);
    suite_add_tcase(s, errors);
    return s;
}
