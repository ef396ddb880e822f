/*
 * check_uncertainty_staff.c — ccs_uncertainty_staff() (uncertainty.h) at
 * the edges check_uncertainty.c leaves out, against values computed here:
 *  - absence only (C = 0) with heavy absenteeism, small centers and high
 *    confidences, where the search's normal-approximation starting point
 *    is far off: the answer is the least N with P(Binomial(N, 1 - A) >=
 *    Erlang's answer) >= P, the tail from GSL, searched here N by N;
 *  - the other targets: "at least the N that the other targets (ASA,
 *    occupancy, abandonment) need at the mean rate".  P(meet | N) rises
 *    with N, so the answer is max(floor, the SL-only answer), the floor
 *    being ceil(A / 0.8) = 63 for an 80% occupancy at A = 50 and Erlang
 *    C's 58 agents for an ASA of 5 s (tests/ref.c's recursion);
 *  - light absence at P = 0.999, where that starting point falls short and
 *    the search climbs; a floor above the starting point (occupancy, at a
 *    low confidence), and an abandonment target alone (Erlang A, the
 *    floor found here N by N);
 *  - refusals, by key and message: a bad query, a target outside (0, 1),
 *    planned agents outside [0, 2,000,000], a confidence outside [0, 1).
 */
#include "ccs_test.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "ccs_ref.h"
#include "ccsim/erlang.h"
#include "ccsim/uncertainty.h"

static ccs_uncertainty *model(double cv, double a)
{
    ccs_error err;
    ccs_uncertainty *u = ccs_uncertainty_new(cv, a, &err);
    ck_assert_msg(u != NULL, "ccs_uncertainty_new(%g, %g): %s", cv, a, err.msg);
    return u;
}

START_TEST(test_heavy_absence)
{
    static const double loads[] = {0.05, 0.5, 2.0, 20.0};     /* erlangs */
    static const double absent[] = {0.3, 0.6, 0.9};
    static const double conf[] = {0.5, 0.9, 0.999};
    ccs_error err;
    for (size_t a = 0; a < 3; a++) {
        ccs_uncertainty *u = model(0, absent[a]);
        for (size_t l = 0; l < 4; l++) {
            ccs_erlang_query q = {loads[l] * 3600.0 / 180.0, 180, 0, 20};
            ccs_staffing_targets t = {0};
            t.service_level = 0.8;
            ccs_staffing_result r;
            ck_assert_int_eq(ccs_erlang_staff(&q, &t, &r, &err), CCS_OK);
            for (size_t c = 0; c < 3; c++) {
                int want = r.agents;
                while (gsl_cdf_binomial_Q((unsigned)(r.agents - 1), 1 - absent[a],
                                          (unsigned)want) < conf[c]) {
                    want++;
                }
                ccs_uncertain_staffing s;
                ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf[c], &s, &err), CCS_OK);
                ck_assert_msg(s.agents == want,
                              "A = %g, %g erlangs (Erlang %d), P = %g: %d agents, want %d",
                              absent[a], loads[l], r.agents, conf[c], s.agents, want);
                ck_assert_int_eq(s.mean_agents, r.agents);
                ck_assert(s.prob_meet >= conf[c]);
                ck_assert(s.prob_meet_below < conf[c]);
            }
        }
        ccs_uncertainty_free(u);
    }
}
END_TEST

START_TEST(test_other_targets_floor)
{
    ccs_erlang_query q = {1000, 180, 0, 20};   /* A = 50 */
    ccs_error err;
    int asa_n = 0;
    for (int n = 51; n < 100 && !asa_n; n++) {
        ccs_ref_mmc f;
        ccs_ref_erlang_c_figures(1000.0, 180.0, n, 20.0, &f);
        asa_n = f.asa_s <= 5.0 ? n : 0;
    }
    ck_assert_int_eq(asa_n, 58);
    static const double cvs[] = {0.05, 0.1, 0.2};
    static const double conf[] = {0.5, 0.9, 0.99};
    for (size_t i = 0; i < 3; i++) {
        ccs_uncertainty *u = model(cvs[i], 0.05);
        for (size_t c = 0; c < 3; c++) {
            ccs_staffing_targets t = {0};
            t.service_level = 0.8;
            ccs_uncertain_staffing s;
            ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf[c], &s, &err), CCS_OK);
            int sl_only = s.agents;
            t.max_occupancy = 0.8;
            ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf[c], &s, &err), CCS_OK);
            int want = sl_only > 63 ? sl_only : 63;
            ck_assert_msg(s.agents == want, "cv %g, P %g, occupancy 80%%: %d, want %d", cvs[i],
                          conf[c], s.agents, want);
            t.max_occupancy = 0;
            t.max_asa_s = 5.0;
            ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf[c], &s, &err), CCS_OK);
            want = sl_only > asa_n ? sl_only : asa_n;
            ck_assert_msg(s.agents == want, "cv %g, P %g, ASA 5 s: %d, want %d", cvs[i],
                          conf[c], s.agents, want);
        }
        ccs_uncertainty_free(u);
    }
}
END_TEST

/* Light absenteeism at a high confidence: the binomial's left tail is
 * heavier than the normal one its starting point assumes (p = 1 - A near
 * 1), so the start falls short of the answer (by one agent here) and the
 * search must climb.  Same reference as above: the least N whose binomial
 * tail reaches P, searched N by N. */
START_TEST(test_light_absence_climbs)
{
    static const double rates[] = {20, 200, 1000};   /* 1, 10, 50 erlangs at 180 s */
    static const double absent[] = {0.05, 0.1};
    ccs_error err;
    for (size_t a = 0; a < 2; a++) {
        ccs_uncertainty *u = model(0, absent[a]);
        for (size_t l = 0; l < 3; l++) {
            ccs_erlang_query q = {rates[l], 180, 0, 20};
            ccs_staffing_targets t = {0};
            t.service_level = 0.8;
            ccs_staffing_result r;
            ck_assert_int_eq(ccs_erlang_staff(&q, &t, &r, &err), CCS_OK);
            int want = r.agents;
            while (gsl_cdf_binomial_Q((unsigned)(r.agents - 1), 1 - absent[a], (unsigned)want) <
                   0.999) {
                want++;
            }
            ccs_uncertain_staffing s;
            ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, 0.999, &s, &err), CCS_OK);
            ck_assert_msg(s.agents == want, "A = %g, %g calls/h (Erlang %d): %d agents, want %d",
                          absent[a], rates[l], r.agents, s.agents, want);
            CCS_ASSERT_CLOSE("P(meet) at the answer", s.prob_meet,
                             gsl_cdf_binomial_Q((unsigned)(r.agents - 1), 1 - absent[a],
                                                (unsigned)want),
                             1e-12, 1e-15);
            ck_assert(s.prob_meet_below < 0.999);
        }
        ccs_uncertainty_free(u);
    }
}
END_TEST

/* A floor above the starting point: with no absence and a low confidence
 * the start is Erlang's answer at a rate below the mean, under the floor
 * the occupancy target sets at the mean (ceil(50 / 0.8) = 63 for A = 50);
 * the answer is the floor.  And an abandonment target alone among the
 * others (Erlang A): the answer is max(the SL-only answer, the least N
 * whose Erlang A abandonment at the mean rate is within the target, found
 * here N by N with ccs_erlang_eval()). */
START_TEST(test_floor_above_start)
{
    ccs_erlang_query q = {1000, 180, 0, 20};   /* A = 50 */
    ccs_error err;
    static const double conf[] = {0.1, 0.3};
    for (size_t c = 0; c < 2; c++) {
        ccs_uncertainty *u = model(0.2, 0);
        ccs_staffing_targets t = {0};
        t.service_level = 0.8;
        t.max_occupancy = 0.8;
        ccs_uncertain_staffing s;
        ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, conf[c], &s, &err), CCS_OK);
        ck_assert_msg(s.agents == 63, "P %g, occupancy 80%%: %d agents, want 63", conf[c],
                      s.agents);
        ck_assert(s.prob_meet >= conf[c]);
        ccs_uncertainty_free(u);
    }
    ccs_erlang_query qa = {1000, 180, 120, 20};
    ccs_uncertainty *u = model(0.1, 0.05);
    ccs_staffing_targets t = {0};
    t.service_level = 0.8;
    ccs_uncertain_staffing s;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &qa, &t, 0.5, &s, &err), CCS_OK);
    int sl_only = s.agents;
    int floor_n = 1;
    for (;; floor_n++) {
        ccs_erlang_metrics m;
        ck_assert_int_lt(floor_n, 200);
        if (ccs_erlang_eval(&qa, floor_n, &m) == CCS_OK && m.prob_abandon <= 0.01) {
            break;
        }
    }
    ck_assert_int_gt(floor_n, sl_only);   /* the case tests the floor */
    t.max_abandon = 0.01;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &qa, &t, 0.5, &s, &err), CCS_OK);
    ck_assert_msg(s.agents == floor_n, "abandonment 1%%: %d agents, want %d (SL alone %d)",
                  s.agents, floor_n, sl_only);
    ccs_uncertainty_free(u);
}
END_TEST

START_TEST(test_refusals)
{
    ccs_error err;
    ccs_uncertainty *u = model(0.1, 0.05);
    double p;
    static const ccs_erlang_query bad[] = {
        {0, 180, 0, 20}, {NAN, 180, 0, 20}, {100, 0, 0, 20}, {100, INFINITY, 0, 20},
        {100, 180, -1, 20}, {100, 180, NAN, 20}, {100, 180, 0, -1}, {100, 180, 0, NAN},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &bad[i], 0.8, 10, &p, &err), CCS_EINVAL);
        ck_assert_str_eq(err.key, "calls_per_hour");
        ck_assert_str_eq(err.msg, "expected a rate > 0, a handle time > 0, a patience >= 0 "
                                  "and a threshold >= 0");
    }
    ccs_erlang_query q = {100, 180, 0, 20};
    static const double targets[] = {0, 1, -0.5, NAN};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, targets[i], 10, &p, &err),
                         CCS_EINVAL);
        ck_assert_str_eq(err.key, "service_level");
    }
    ck_assert_str_eq(err.msg, "expected a service-level target above 0 and below 1, got nan");
    ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.8, -1, &p, &err), CCS_EINVAL);
    ck_assert_str_eq(err.key, "agents");
    ck_assert_str_eq(err.msg, "expected planned agents from 0 to 2000000, got -1");
    ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.8, 2000001, &p, &err), CCS_EINVAL);
    ck_assert_str_eq(err.msg, "expected planned agents from 0 to 2000000, got 2000001");
    /* No agent never meets a target; P(meet) is a probability. */
    ck_assert_int_eq(ccs_uncertainty_prob_meet(u, &q, 0.8, 0, &p, &err), CCS_OK);
    ck_assert_double_eq(p, 0.0);
    ccs_staffing_targets t = {0};
    t.service_level = 0.8;
    ccs_uncertain_staffing s;
    static const double confs[] = {-0.1, 1.0, NAN};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, confs[i], &s, &err), CCS_EINVAL);
        ck_assert_str_eq(err.key, "confidence");
    }
    ck_assert_str_eq(err.msg, "expected a probability above 0 and below 1, got nan");
    t.service_level = 0;
    ck_assert_int_eq(ccs_uncertainty_staff(u, &q, &t, 0.9, &s, &err), CCS_EINVAL);
    ck_assert_str_eq(err.msg, "needs a service-level target (`service_level`)");
    ck_assert_ptr_null(ccs_uncertainty_new(NAN, 0, &err));
    ck_assert_str_eq(err.key, "volume_cv");
    ck_assert_ptr_null(ccs_uncertainty_new(0, NAN, &err));
    ck_assert_str_eq(err.key, "absenteeism");
    ccs_uncertainty_free(u);
}
END_TEST

Suite *uncertainty_staff_suite(void)
{
    Suite *s = suite_create("uncertainty_staff");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_heavy_absence);
    tcase_add_test(tc, test_other_targets_floor);
    tcase_add_test(tc, test_light_absence_climbs);
    tcase_add_test(tc, test_floor_above_start);
    tcase_add_test(tc, test_refusals);
    suite_add_tcase(s, tc);
    return s;
}
