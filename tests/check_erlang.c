/*
 * check_erlang.c — Erlang B, C, A and staffing against the reference
 * vectors in tests/data/ (60-digit mpmath, see tests/data/README.md), every
 * row of every file, plus edge cases checked against independent values:
 * closed forms for N = 1, GSL's Poisson distribution for the M/M/inf case,
 * and 60-digit mpmath values at N = 100,000.
 */
#include "ccs_test.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "ccsim/erlang.h"

#define REL CCS_TOL_REF
#define ABS CCS_TOL_ABS

/* "what (case, row r)" for failure messages. */
static const char *label(const ccs_csv *c, int row, const char *what)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s [%s, row %d]", what, ccs_csv_str(c, row, "case"), row + 2);
    return buf;
}

static ccs_erlang_query query_of(const ccs_csv *c, int row, int with_patience, int with_t)
{
    ccs_erlang_query q;
    memset(&q, 0, sizeof q);
    q.calls_per_hour = ccs_csv_num(c, row, "lambda_per_hour");
    q.aht_s = ccs_csv_num(c, row, "aht_seconds");
    q.patience_s = with_patience ? ccs_csv_num(c, row, "mean_patience_seconds") : 0.0;
    q.threshold_s = with_t ? ccs_csv_num(c, row, "target_seconds") : 0.0;
    return q;
}

static void assert_no_nan(const ccs_erlang_metrics *m, const char *what)
{
    const double v[] = {m->offered_load, m->prob_wait, m->service_level,
                        m->service_level_answered, m->prob_wait_gt_t, m->asa_s,
                        m->asa_all_s, m->occupancy, m->prob_abandon,
                        m->prob_abandon_within_t, m->mean_queue_length};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        ck_assert_msg(!isnan(v[i]), "%s: field %zu is NaN", what, i);
    }
    const double p[] = {m->prob_wait, m->service_level, m->service_level_answered,
                        m->prob_wait_gt_t, m->occupancy, m->prob_abandon,
                        m->prob_abandon_within_t};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
        ck_assert_msg(p[i] >= 0.0 && p[i] <= 1.0 + 1e-15, "%s: probability %zu = %g", what,
                      i, p[i]);
    }
}

/* ---- core: reference tables ------------------------------------------- */

START_TEST(test_erlang_b_table)
{
    ccs_csv *c = ccs_csv_read("tests/data/erlang_b.csv");
    ck_assert_int_ge(c->nrows, 20);
    for (int i = 0; i < c->nrows; i++) {
        int n = (int)ccs_csv_num(c, i, "agents");
        double a = ccs_csv_num(c, i, "offered_load_erlangs");
        double ref = ccs_csv_num(c, i, "blocking_probability");
        ccs_erlang_result r;
        ck_assert_int_eq(ccs_erlang_b_e(n, a, &r), CCS_OK);
        CCS_ASSERT_CLOSE(label(c, i, "B"), r.val, ref, REL, ABS);
        ck_assert_msg(fabs(r.val - ref) <= r.err + 2e-17 * ref, "%s: error estimate %g < %g",
                      label(c, i, "B err"), r.err, fabs(r.val - ref));
        CCS_ASSERT_CLOSE(label(c, i, "B wrapper"), ccs_erlang_b(n, a), ref, REL, ABS);
    }
    ccs_csv_free(c);
}
END_TEST

START_TEST(test_erlang_c_table)
{
    ccs_csv *c = ccs_csv_read("tests/data/erlang_c.csv");
    ck_assert_int_ge(c->nrows, 30);
    for (int i = 0; i < c->nrows; i++) {
        ccs_erlang_query q = query_of(c, i, 0, 1);
        int n = (int)ccs_csv_num(c, i, "agents");
        double a = ccs_csv_num(c, i, "offered_load_erlangs");
        ccs_erlang_result r;
        ck_assert_int_eq(ccs_erlang_c_e(n, a, &r), CCS_OK);
        CCS_ASSERT_CLOSE(label(c, i, "C"), r.val, ccs_csv_num(c, i, "prob_wait"), REL, ABS);
        ck_assert_msg(fabs(r.val - ccs_csv_num(c, i, "prob_wait")) <= r.err + 1e-17,
                      "%s: error estimate too small", label(c, i, "C err"));

        ccs_erlang_metrics m;
        ck_assert_int_eq(ccs_erlang_eval(&q, n, &m), CCS_OK);
        assert_no_nan(&m, label(c, i, "eval"));
        ck_assert_int_eq(m.agents, n);
        ck_assert_int_eq(m.stable, 1);
        CCS_ASSERT_CLOSE(label(c, i, "load"), m.offered_load, a, REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "prob_wait"), m.prob_wait,
                         ccs_csv_num(c, i, "prob_wait"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "service_level"), m.service_level,
                         ccs_csv_num(c, i, "service_level"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "service_level_answered"), m.service_level_answered,
                         ccs_csv_num(c, i, "service_level"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "asa"), m.asa_s, ccs_csv_num(c, i, "asa_seconds"), REL,
                         ABS);
        CCS_ASSERT_CLOSE(label(c, i, "asa_all"), m.asa_all_s,
                         ccs_csv_num(c, i, "asa_seconds"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "occupancy"), m.occupancy,
                         ccs_csv_num(c, i, "occupancy"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "prob_wait_gt_T"), m.prob_wait_gt_t,
                         ccs_csv_num(c, i, "prob_wait_gt_T"), REL, ABS);
        /* Little's law: E[Q] = lambda E[W]. */
        CCS_ASSERT_CLOSE(label(c, i, "E[Q]"), m.mean_queue_length,
                         q.calls_per_hour / 3600.0 * ccs_csv_num(c, i, "asa_seconds"), REL, ABS);
        ck_assert(m.prob_abandon == 0.0 && m.prob_abandon_within_t == 0.0);
    }
    ccs_csv_free(c);
}
END_TEST

START_TEST(test_erlang_c_unstable_table)
{
    ccs_csv *c = ccs_csv_read("tests/data/erlang_c_unstable.csv");
    ck_assert_int_ge(c->nrows, 2);
    for (int i = 0; i < c->nrows; i++) {
        ccs_erlang_query q = query_of(c, i, 0, 1);
        int n = (int)ccs_csv_num(c, i, "agents");
        double a = ccs_csv_num(c, i, "offered_load_erlangs");
        ccs_erlang_result r;
        ck_assert_int_eq(ccs_erlang_c_e(n, a, &r), CCS_EUNSTABLE);
        ck_assert(r.val == ccs_csv_num(c, i, "prob_wait"));
        ck_assert(ccs_erlang_c(n, a) == 1.0);

        ccs_erlang_metrics m;
        memset(&m, 0xff, sizeof m);
        ck_assert_int_eq(ccs_erlang_eval(&q, n, &m), CCS_EUNSTABLE);
        assert_no_nan(&m, label(c, i, "unstable"));
        ck_assert_int_eq(m.stable, 0);
        ck_assert_int_eq(m.agents, n);
        ck_assert(m.prob_wait == ccs_csv_num(c, i, "prob_wait"));
        ck_assert(m.service_level == ccs_csv_num(c, i, "service_level"));
        ck_assert(m.prob_wait_gt_t == ccs_csv_num(c, i, "prob_wait_gt_T"));
        ck_assert(isinf(ccs_csv_num(c, i, "asa_seconds")));
        ck_assert(isinf(m.asa_s) && m.asa_s > 0 && isinf(m.asa_all_s));
        ck_assert(isinf(m.mean_queue_length));
        /* The header's convention (1: agents 100% busy); the CSV writes A/N. */
        ck_assert(m.occupancy == 1.0);
    }
    ccs_csv_free(c);
}
END_TEST

START_TEST(test_erlang_a_table)
{
    static const struct {
        const char *col;
        size_t off;
    } cols[] = {
        {"prob_wait", offsetof(ccs_erlang_metrics, prob_wait)},
        {"prob_abandon", offsetof(ccs_erlang_metrics, prob_abandon)},
        {"asa_all_seconds", offsetof(ccs_erlang_metrics, asa_all_s)},
        {"asa_answered_seconds", offsetof(ccs_erlang_metrics, asa_s)},
        {"mean_queue_length", offsetof(ccs_erlang_metrics, mean_queue_length)},
        {"occupancy", offsetof(ccs_erlang_metrics, occupancy)},
        {"service_level", offsetof(ccs_erlang_metrics, service_level)},
        {"service_level_of_answered", offsetof(ccs_erlang_metrics, service_level_answered)},
        {"prob_wait_gt_T", offsetof(ccs_erlang_metrics, prob_wait_gt_t)},
        {"prob_abandon_within_T", offsetof(ccs_erlang_metrics, prob_abandon_within_t)},
    };
    ccs_csv *c = ccs_csv_read("tests/data/erlang_a.csv");
    ck_assert_int_ge(c->nrows, 15);
    for (int i = 0; i < c->nrows; i++) {
        ccs_erlang_query q = query_of(c, i, 1, 1);
        int n = (int)ccs_csv_num(c, i, "agents");
        ccs_erlang_metrics m;
        ck_assert_int_eq(ccs_erlang_eval(&q, n, &m), CCS_OK);
        assert_no_nan(&m, label(c, i, "eval"));
        ck_assert_int_eq(m.stable, 1);
        CCS_ASSERT_CLOSE(label(c, i, "load"), m.offered_load,
                         ccs_csv_num(c, i, "offered_load_erlangs"), REL, ABS);
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            double got = *(const double *)((const char *)&m + cols[k].off);
            CCS_ASSERT_CLOSE(label(c, i, cols[k].col), got, ccs_csv_num(c, i, cols[k].col),
                             REL, ABS);
        }
        CCS_ASSERT_CLOSE(label(c, i, "1 - prob_served"), 1.0 - m.prob_abandon,
                         ccs_csv_num(c, i, "prob_served"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "prob_wait_le_T"), 1.0 - m.prob_wait_gt_t,
                         ccs_csv_num(c, i, "prob_wait_le_T"), REL, ABS);
    }
    ccs_csv_free(c);
}
END_TEST

static ccs_staffing_targets no_targets(void)
{
    ccs_staffing_targets t;
    memset(&t, 0, sizeof t);
    return t;
}

static int staff(const ccs_erlang_query *q, const ccs_staffing_targets *t,
                 ccs_staffing_result *res)
{
    ccs_error err;
    ccs_error_clear(&err);
    int st = ccs_erlang_staff(q, t, res, &err);
    ck_assert_msg(st == CCS_OK, "staff: status %d: %s: %s", st, err.key, err.msg);
    ck_assert_int_eq(res->at.agents, res->agents);
    assert_no_nan(&res->at, "staff");
    return res->agents;
}

START_TEST(test_staffing_table)
{
    ccs_csv *c = ccs_csv_read("tests/data/staffing.csv");
    ck_assert_int_ge(c->nrows, 15);
    for (int i = 0; i < c->nrows; i++) {
        ccs_erlang_query q = query_of(c, i, 0, 1);
        double sl = ccs_csv_num(c, i, "target_service_level");
        double occ = ccs_csv_num(c, i, "max_occupancy");
        double asa = ccs_csv_num(c, i, "asa_target_seconds");
        double shr = ccs_csv_num(c, i, "shrinkage");
        ccs_staffing_result r;
        ccs_staffing_targets t = no_targets();

        ck_assert_int_eq(staff(&q, &t, &r), (int)ccs_csv_num(c, i, "agents_min_stable"));

        t.service_level = sl;
        int n = staff(&q, &t, &r);
        ck_assert_msg(n == (int)ccs_csv_num(c, i, "agents_required_sl"), "%s: got %d",
                      label(c, i, "SL staffing"), n);
        CCS_ASSERT_CLOSE(label(c, i, "SL at required"), r.at.service_level,
                         ccs_csv_num(c, i, "service_level_at_required"), REL, ABS);
        const char *below = ccs_csv_str(c, i, "service_level_at_required_minus_1");
        if (*below) {
            ccs_erlang_metrics m;
            ck_assert_int_eq(ccs_erlang_eval(&q, n - 1, &m), CCS_OK);
            CCS_ASSERT_CLOSE(label(c, i, "SL at required-1"), m.service_level,
                             ccs_csv_num(c, i, "service_level_at_required_minus_1"), REL, ABS);
        }

        t = no_targets();
        t.max_occupancy = occ;
        ck_assert_int_eq(staff(&q, &t, &r),
                         (int)ccs_csv_num(c, i, "agents_required_occupancy_only"));

        t.service_level = sl;
        ck_assert_int_eq(staff(&q, &t, &r),
                         (int)ccs_csv_num(c, i, "agents_required_sl_and_occupancy"));
        CCS_ASSERT_CLOSE(label(c, i, "occupancy at SL+occ"), r.at.occupancy,
                         ccs_csv_num(c, i, "occupancy_at_sl_and_occupancy"), REL, ABS);

        t = no_targets();
        t.max_asa_s = asa;
        ck_assert_int_eq(staff(&q, &t, &r), (int)ccs_csv_num(c, i, "agents_required_asa"));
        CCS_ASSERT_CLOSE(label(c, i, "ASA at required"), r.at.asa_s,
                         ccs_csv_num(c, i, "asa_at_required_asa"), REL, ABS);

        t.service_level = sl;
        t.max_occupancy = occ;
        t.shrinkage = shr;
        ck_assert_int_eq(staff(&q, &t, &r), (int)ccs_csv_num(c, i, "agents_required_all"));
        ck_assert_msg(r.scheduled_agents == (int)ccs_csv_num(c, i, "scheduled_agents_all"),
                      "%s: got %d", label(c, i, "scheduled"), r.scheduled_agents);
    }
    ccs_csv_free(c);
}
END_TEST

START_TEST(test_staffing_erlang_a_table)
{
    ccs_csv *c = ccs_csv_read("tests/data/staffing_erlang_a.csv");
    ck_assert_int_ge(c->nrows, 5);
    for (int i = 0; i < c->nrows; i++) {
        ccs_erlang_query q = query_of(c, i, 1, 1);
        double sl = ccs_csv_num(c, i, "target_service_level");
        double ab = ccs_csv_num(c, i, "max_prob_abandon");
        double occ = ccs_csv_num(c, i, "max_occupancy");
        ccs_staffing_result r;
        ccs_staffing_targets t = no_targets();

        ck_assert_int_eq(staff(&q, &t, &r), 1);   /* always stable with abandonment */

        t.service_level = sl;
        ck_assert_msg(staff(&q, &t, &r) == (int)ccs_csv_num(c, i, "agents_required_sl"),
                      "%s: got %d", label(c, i, "SL"), r.agents);
        CCS_ASSERT_CLOSE(label(c, i, "SL at required"), r.at.service_level,
                         ccs_csv_num(c, i, "service_level_at_required_sl"), REL, ABS);

        t = no_targets();
        t.max_abandon = ab;
        ck_assert_msg(staff(&q, &t, &r) == (int)ccs_csv_num(c, i, "agents_required_abandon"),
                      "%s: got %d", label(c, i, "abandon"), r.agents);
        CCS_ASSERT_CLOSE(label(c, i, "P(ab) at required"), r.at.prob_abandon,
                         ccs_csv_num(c, i, "prob_abandon_at_required_abandon"), REL, ABS);

        t = no_targets();
        t.max_occupancy = occ;
        ck_assert_msg(staff(&q, &t, &r) == (int)ccs_csv_num(c, i, "agents_required_occupancy"),
                      "%s: got %d", label(c, i, "occupancy"), r.agents);

        t.service_level = sl;
        t.max_abandon = ab;
        t.shrinkage = ccs_csv_num(c, i, "shrinkage");
        ck_assert_msg(staff(&q, &t, &r) == (int)ccs_csv_num(c, i, "agents_required_all"),
                      "%s: got %d", label(c, i, "all"), r.agents);
        ck_assert_int_eq(r.scheduled_agents, (int)ccs_csv_num(c, i, "scheduled_agents_all"));
        CCS_ASSERT_CLOSE(label(c, i, "SL at all"), r.at.service_level,
                         ccs_csv_num(c, i, "service_level_at_all"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "P(ab) at all"), r.at.prob_abandon,
                         ccs_csv_num(c, i, "prob_abandon_at_all"), REL, ABS);
        CCS_ASSERT_CLOSE(label(c, i, "occupancy at all"), r.at.occupancy,
                         ccs_csv_num(c, i, "occupancy_at_all"), REL, ABS);
    }
    ccs_csv_free(c);
}
END_TEST

START_TEST(test_scheduled_ties)
{
    /* Exact decimal answers: N / (1 - s) in rational arithmetic. */
    ck_assert_int_eq(ccs_erlang_scheduled(14, 0.30), 20);
    ck_assert_int_eq(ccs_erlang_scheduled(35, 0.30), 50);
    ck_assert_int_eq(ccs_erlang_scheduled(7, 0.30), 10);
    ck_assert_int_eq(ccs_erlang_scheduled(15, 0.30), 22);   /* 21.43 */
    ck_assert_int_eq(ccs_erlang_scheduled(55, 0.25), 74);   /* 73.33 */
    ck_assert_int_eq(ccs_erlang_scheduled(9, 0.10), 10);
    ck_assert_int_eq(ccs_erlang_scheduled(45, 0.10), 50);
    ck_assert_int_eq(ccs_erlang_scheduled(13, 0.35), 20);
    ck_assert_int_eq(ccs_erlang_scheduled(14, 0.0), 14);
    ck_assert_int_eq(ccs_erlang_scheduled(0, 0.5), 0);
    ck_assert_int_eq(ccs_erlang_scheduled(1, 0.999), 1000);
}
END_TEST

START_TEST(test_sqrt_rule)
{
    /* beta solves the Halfin-Whitt tail alpha(beta) e^{-beta sqrt(A) T/AHT} = 1 - SL;
     * alpha from GSL's normal distribution. */
    ccs_erlang_query q = {.calls_per_hour = 200000, .aht_s = 180, .threshold_s = 20};
    ccs_staffing_targets t = no_targets();
    t.service_level = 0.80;
    ccs_staffing_result r;
    int n = staff(&q, &t, &r);
    double a = 10000.0, b = r.sqrt_beta;
    double alpha = 1.0 / (1.0 + b * gsl_cdf_ugaussian_P(b) / gsl_ran_ugaussian_pdf(b));
    CCS_ASSERT_CLOSE("HW tail at beta", alpha * exp(-b * sqrt(a) * 20.0 / 180.0), 0.20, 1e-9,
                     0.0);
    CCS_ASSERT_CLOSE("estimate", r.sqrt_estimate, a + b * 100.0, 1e-15, 0.0);
    ck_assert_msg(fabs(r.sqrt_estimate - n) < 3.0, "QED estimate %g far from exact %d",
                  r.sqrt_estimate, n);
    /* Exact answer: N meets the SL, N - 1 does not (checked through eval). */
    ccs_erlang_metrics m;
    ck_assert_int_eq(ccs_erlang_eval(&q, n, &m), CCS_OK);
    ck_assert(m.service_level >= 0.80);
    ck_assert_int_eq(ccs_erlang_eval(&q, n - 1, &m), CCS_OK);
    ck_assert(m.service_level < 0.80);

    t.service_level = 0;
    t.max_asa_s = 10;
    staff(&q, &t, &r);
    ck_assert(r.sqrt_beta == 0.0 && r.sqrt_estimate == a);
}
END_TEST

/* ---- limits ---------------------------------------------------------------- */

START_TEST(test_one_agent)
{
    /* M/M/1: B = A/(1+A), C = rho, SL = 1 - rho e^{-(1-rho) T/AHT}. */
    const double loads[] = {1e-9, 0.01, 0.5, 0.9, 0.999999};
    for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++) {
        double a = loads[i];
        CCS_ASSERT_CLOSE("B(1,A)", ccs_erlang_b(1, a), a / (1 + a), CCS_TOL_TIGHT, 0);
        CCS_ASSERT_CLOSE("C(1,A)", ccs_erlang_c(1, a), a, CCS_TOL_TIGHT, 0);
        ccs_erlang_query q = {.calls_per_hour = a * 3600 / 60, .aht_s = 60, .threshold_s = 30};
        ccs_erlang_metrics m;
        ck_assert_int_eq(ccs_erlang_eval(&q, 1, &m), CCS_OK);
        double rho = m.offered_load;
        CCS_ASSERT_CLOSE("P(W>T) M/M/1", m.prob_wait_gt_t, rho * exp(-(1 - rho) * 0.5), 1e-12,
                         0);
        CCS_ASSERT_CLOSE("ASA M/M/1", m.asa_s, rho * 60 / (1 - rho), 1e-9, 0);
    }
    /* M/M/1+M with theta = mu is M/M/inf: P(W > 0) = P(n >= 1) = 1 - e^{-A}. */
    ccs_erlang_query q = {.calls_per_hour = 90, .aht_s = 60, .patience_s = 60,
                          .threshold_s = 10};
    ccs_erlang_metrics m;
    ck_assert_int_eq(ccs_erlang_eval(&q, 1, &m), CCS_OK);
    CCS_ASSERT_CLOSE("M/M/1+M theta=mu P(W>0)", m.prob_wait, -expm1(-1.5), 1e-12, 0);
}
END_TEST

START_TEST(test_tiny_load)
{
    double a = 1e-9;
    /* B(2, A) = (A^2/2) / (1 + A + A^2/2); C(2, A) = 2B / (2 - A(1 - B)). */
    double b2 = (a * a / 2) / (1 + a + a * a / 2);
    CCS_ASSERT_CLOSE("B(2,1e-9)", ccs_erlang_b(2, a), b2, 1e-14, 0);
    CCS_ASSERT_CLOSE("C(2,1e-9)", ccs_erlang_c(2, a), 2 * b2 / (2 - a * (1 - b2)), 1e-14, 0);
    ck_assert(ccs_erlang_b(0, a) == 1.0);
    ck_assert(ccs_erlang_b(5, 0.0) == 0.0);
    ck_assert(ccs_erlang_c(5, 0.0) == 0.0);
    /* Far below DBL_MIN: exactly 0, not NaN. */
    ck_assert(ccs_erlang_b(100000, a) == 0.0);
    ck_assert(ccs_erlang_c(100000, a) == 0.0);

    const double pat[] = {0.0, 60.0};
    for (int k = 0; k < 2; k++) {
        ccs_erlang_query q = {.calls_per_hour = a * 3600 / 180, .aht_s = 180,
                              .patience_s = pat[k], .threshold_s = 20};
        ccs_erlang_metrics m;
        ck_assert_int_eq(ccs_erlang_eval(&q, 1, &m), CCS_OK);
        assert_no_nan(&m, "tiny load N=1");
        /* N = 1: P(W>0) = P(one busy) ~ A. */
        CCS_ASSERT_CLOSE("tiny P(W>0)", m.prob_wait, a, 1e-8, 0);
        ck_assert(m.service_level > 1 - 2 * a);
        ck_assert_int_eq(ccs_erlang_eval(&q, 100000, &m), CCS_OK);
        assert_no_nan(&m, "tiny load N=1e5");
        ck_assert(m.prob_wait == 0.0 && m.service_level == 1.0 && m.asa_s == 0.0);
    }
}
END_TEST

START_TEST(test_load_equals_agents)
{
    ccs_erlang_result r;
    ck_assert_int_eq(ccs_erlang_c_e(10, 10.0, &r), CCS_EUNSTABLE);
    ck_assert(r.val == 1.0);
    ck_assert_int_eq(ccs_erlang_c_e(10, 1e6, &r), CCS_EUNSTABLE);
    ck_assert(r.val == 1.0);
    /* Just below: finite and < 1. */
    ck_assert_int_eq(ccs_erlang_c_e(10, 10.0 - 1e-9, &r), CCS_OK);
    ck_assert(r.val < 1.0 && r.val > 0.999);
    ccs_erlang_query q = {.calls_per_hour = 3600, .aht_s = 10, .threshold_s = 20};
    ccs_erlang_metrics m;
    ck_assert_int_eq(ccs_erlang_eval(&q, 10, &m), CCS_EUNSTABLE);
    assert_no_nan(&m, "A=N");
    ck_assert(m.stable == 0 && m.service_level == 0.0 && isinf(m.asa_s));
    /* With abandonment A = N is an ordinary, stable system. */
    q.patience_s = 30;
    ck_assert_int_eq(ccs_erlang_eval(&q, 10, &m), CCS_OK);
    assert_no_nan(&m, "A=N Erlang A");
    ck_assert(m.stable == 1 && m.prob_abandon > 0 && m.prob_abandon < 1);
}
END_TEST

/* 60-digit mpmath values (closed forms with the incomplete gamma function,
 * an independent route from the chain summation in src/analytic/erlang.c; script in
 * tests/data/README.md). */
START_TEST(test_hundred_thousand)
{
    CCS_ASSERT_CLOSE("B(1e5, 99000)", ccs_erlang_b(100000, 99000), 8.2257755985042223192e-6,
                     REL, 0);
    CCS_ASSERT_CLOSE("C(1e5, 99000)", ccs_erlang_c(100000, 99000),
                     0.00082190823741079540165, REL, 0);
    CCS_ASSERT_CLOSE("B(1e5, 99900)", ccs_erlang_b(100000, 99900), 0.0019202267725538623142,
                     REL, 0);
    CCS_ASSERT_CLOSE("C(1e5, 99900)", ccs_erlang_c(100000, 99900), 0.65799351179530264945,
                     REL, 0);
    CCS_ASSERT_CLOSE("B(1e5, 100500)", ccs_erlang_b(100000, 100500), 0.006315849711506666011,
                     REL, 0);
    ck_assert(ccs_erlang_b(100000, 50000) == 0.0);   /* 6.7e-8392 */

    /* Erlang A, N = 1e5, AHT 180, patience 60, T 20: A = 1e5 and 100,500. */
    ccs_erlang_query q = {.calls_per_hour = 2000000, .aht_s = 180, .patience_s = 60,
                          .threshold_s = 20};
    ccs_erlang_metrics m;
    ck_assert_int_eq(ccs_erlang_eval(&q, 100000, &m), CCS_OK);
    assert_no_nan(&m, "A=1e5");
    CCS_ASSERT_CLOSE("1e5 pw", m.prob_wait, 0.3665589914812761739, REL, ABS);
    CCS_ASSERT_CLOSE("1e5 pab", m.prob_abandon, 0.0015995996115044601527, REL, ABS);
    CCS_ASSERT_CLOSE("1e5 sl", m.service_level, 0.99840040038849553985, REL, ABS);
    ck_assert(m.prob_wait_gt_t == 0.0);   /* 5.5e-725: below the double range */
    CCS_ASSERT_CLOSE("1e5 occ", m.occupancy, 0.99840040038849553985, REL, ABS);
    CCS_ASSERT_CLOSE("1e5 asa_all", m.asa_all_s, 0.095975976690267609161, REL, ABS);

    q.calls_per_hour = 2010000;
    ck_assert_int_eq(ccs_erlang_eval(&q, 100000, &m), CCS_OK);
    assert_no_nan(&m, "A=100500");
    CCS_ASSERT_CLOSE("100500 pw", m.prob_wait, 0.78310815879646080529, REL, ABS);
    CCS_ASSERT_CLOSE("100500 pab", m.prob_abandon, 0.005267765038649651195, REL, ABS);
    CCS_ASSERT_CLOSE("100500 sl", m.service_level, 0.9947322349613503488, REL, ABS);
    CCS_ASSERT_CLOSE("100500 occ", m.occupancy, 0.99970589613615710055, REL, ABS);
    CCS_ASSERT_CLOSE("100500 asa_all", m.asa_all_s, 0.3160659023189790717, REL, ABS);

    q.calls_per_hour = 1980000;
    q.patience_s = 120;
    q.threshold_s = 5;
    ck_assert_int_eq(ccs_erlang_eval(&q, 100000, &m), CCS_OK);
    CCS_ASSERT_CLOSE("99000 pw", m.prob_wait, 0.00073320630671267043317, REL, ABS);
    CCS_ASSERT_CLOSE("99000 pab", m.prob_abandon, 8.9671611632348355569e-7, REL, ABS);
    CCS_ASSERT_CLOSE("99000 sl", m.service_level, 0.99999910328388367652, REL, ABS);
    /* A relative check far below the absolute floor. */
    CCS_ASSERT_CLOSE("99000 gt", m.prob_wait_gt_t, 3.8790831300838160356e-41, 1e-6, 0);
    CCS_ASSERT_CLOSE("99000 occ", m.occupancy, 0.98999911225104483975, REL, ABS);
}
END_TEST

START_TEST(test_mm_infinity)
{
    /* patience = AHT: every caller present is in service or leaving at rate mu,
     * so the number in system is Poisson(A) and P(W > 0) = P(Poisson(A) >= N). */
    const struct {
        double load;
        int n;
    } cases[] = {{120, 100}, {10, 12}, {0.5, 1}, {48, 50}, {1000, 1050}, {5000, 4900}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ccs_erlang_query q = {.calls_per_hour = cases[i].load * 3600 / 90, .aht_s = 90,
                              .patience_s = 90, .threshold_s = 15};
        ccs_erlang_metrics m;
        ck_assert_int_eq(ccs_erlang_eval(&q, cases[i].n, &m), CCS_OK);
        assert_no_nan(&m, "M/M/inf");
        double ref = gsl_cdf_poisson_Q((unsigned)(cases[i].n - 1), cases[i].load);
        CCS_ASSERT_CLOSE("M/M/inf P(W>0)", m.prob_wait, ref, 1e-9, 1e-14);
        /* All callers leave at rate mu: occupancy*N + E[Q] = E[n] = A. */
        CCS_ASSERT_CLOSE("M/M/inf E[n]", m.occupancy * cases[i].n + m.mean_queue_length,
                         cases[i].load, 1e-11, 0);
    }
}
END_TEST

START_TEST(test_huge_load_erlang_a)
{
    /* A >> N is fine with patience: nearly everyone abandons, agents 100% busy. */
    const struct {
        double calls;
        int n;
        double patience;
    } cases[] = {{1e6, 10, 60}, {2e7, 1000, 30}, {5e5, 1, 10}, {3600, 1, 36000}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ccs_erlang_query q = {.calls_per_hour = cases[i].calls, .aht_s = 180,
                              .patience_s = cases[i].patience, .threshold_s = 20};
        ccs_erlang_metrics m;
        ck_assert_int_eq(ccs_erlang_eval(&q, cases[i].n, &m), CCS_OK);
        assert_no_nan(&m, "huge load");
        double a = cases[i].calls * 180 / 3600;
        /* Carried load <= N: P(abandon) >= 1 - N/A, and close to it. */
        ck_assert(m.prob_abandon >= 1 - cases[i].n / a - 1e-12);
        ck_assert(m.occupancy > 0.99);
        ck_assert(m.prob_wait > 0.99);
        CCS_ASSERT_CLOSE("identity", m.service_level + m.prob_abandon_within_t + m.prob_wait_gt_t,
                         1.0, 1e-12, 0);
        CCS_ASSERT_CLOSE("asa_all = P(ab) * patience", m.asa_all_s,
                         m.prob_abandon * cases[i].patience, 1e-12, 0);
    }
}
END_TEST

START_TEST(test_long_patience_is_erlang_c)
{
    /* theta -> 0: Erlang A tends to Erlang C (error O(theta)). */
    ccs_erlang_query q = {.calls_per_hour = 1000, .aht_s = 180, .threshold_s = 20};
    ccs_erlang_metrics c, a;
    ck_assert_int_eq(ccs_erlang_eval(&q, 55, &c), CCS_OK);
    q.patience_s = 1e9;
    ck_assert_int_eq(ccs_erlang_eval(&q, 55, &a), CCS_OK);
    CCS_ASSERT_CLOSE("P(W>0)", a.prob_wait, c.prob_wait, 1e-6, 0);
    CCS_ASSERT_CLOSE("SL", a.service_level, c.service_level, 1e-6, 0);
    CCS_ASSERT_CLOSE("ASA", a.asa_s, c.asa_s, 1e-6, 0);
    CCS_ASSERT_CLOSE("P(W>T)", a.prob_wait_gt_t, c.prob_wait_gt_t, 1e-6, 0);
}
END_TEST

START_TEST(test_no_nan_sweep)
{
    const int ns[] = {1, 2, 7, 50, 1000, 100000};
    const double rel[] = {1e-9, 0.3, 0.999, 1.0, 1.2, 10.0};
    const double pats[] = {0.0, 5.0, 180.0, 3600.0};
    const double ts[] = {0.0, 20.0, 1e5};
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        for (size_t j = 0; j < sizeof rel / sizeof rel[0]; j++) {
            for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
                for (size_t l = 0; l < sizeof ts / sizeof ts[0]; l++) {
                    double a = ns[i] * rel[j];
                    ccs_erlang_query q = {.calls_per_hour = a * 20, .aht_s = 180,
                                          .patience_s = pats[k], .threshold_s = ts[l]};
                    ccs_erlang_metrics m;
                    int st = ccs_erlang_eval(&q, ns[i], &m);
                    char what[128];
                    snprintf(what, sizeof what, "N=%d A=%g pat=%g T=%g", ns[i], a, pats[k],
                             ts[l]);
                    if (st == CCS_EINVAL) {
                        /* Documented limit: the overloaded chain peaks near
                         * (A - N) patience / AHT states above N. */
                        ck_assert_msg((a - ns[i]) * pats[k] / 180 > 1e7, "%s: EINVAL", what);
                        continue;
                    }
                    ck_assert_msg(st == CCS_OK || st == CCS_EUNSTABLE, "%s: status %d", what,
                                  st);
                    ck_assert_msg((st == CCS_EUNSTABLE) == (pats[k] == 0 && a >= ns[i]),
                                  "%s: status %d", what, st);
                    assert_no_nan(&m, what);
                    if (st == CCS_OK) {
                        double sum = m.service_level + m.prob_abandon_within_t
                            + m.prob_wait_gt_t;
                        ck_assert_msg(fabs(sum - 1) < 1e-12, "%s: identity %.17g", what, sum);
                    }
                }
            }
        }
    }
}
END_TEST

START_TEST(test_staffing_each_constraint)
{
    /* For each single constraint: the answer meets it and N - 1 does not. */
    const double pats[] = {0.0, 120.0};
    for (int k = 0; k < 2; k++) {
        ccs_erlang_query q = {.calls_per_hour = 3000, .aht_s = 240, .patience_s = pats[k],
                              .threshold_s = 20};
        for (int which = 0; which < 4; which++) {
            if (which == 3 && pats[k] == 0) {
                continue;
            }
            ccs_staffing_targets t = no_targets();
            if (which == 0) {
                t.service_level = 0.9;
            } else if (which == 1) {
                t.max_asa_s = 4;
            } else if (which == 2) {
                t.max_occupancy = 0.8;
            } else {
                t.max_abandon = 0.01;
            }
            ccs_staffing_result r;
            int n = staff(&q, &t, &r);
            ccs_erlang_metrics m;
            ck_assert_int_eq(ccs_erlang_eval(&q, n, &m), CCS_OK);
            /* Same N; kappa reached by another path, so equal to rounding. */
            ck_assert_int_eq(m.agents, r.at.agents);
            CCS_ASSERT_CLOSE("at: SL", r.at.service_level, m.service_level, 1e-13, 0);
            CCS_ASSERT_CLOSE("at: ASA", r.at.asa_s, m.asa_s, 1e-13, 0);
            CCS_ASSERT_CLOSE("at: P(ab)", r.at.prob_abandon, m.prob_abandon, 1e-13, 0);
            ccs_erlang_metrics below;
            int st = ccs_erlang_eval(&q, n - 1, &below);
            const double got[] = {m.service_level, m.asa_s, m.occupancy, m.prob_abandon};
            const double prev[] = {below.service_level, below.asa_s, below.occupancy,
                                   below.prob_abandon};
            if (which == 0) {
                ck_assert(got[0] >= 0.9 && (st == CCS_EUNSTABLE || prev[0] < 0.9));
            } else if (which == 1) {
                ck_assert(got[1] <= 4 && (st == CCS_EUNSTABLE || prev[1] > 4));
            } else if (which == 2) {
                ck_assert(got[2] <= 0.8 && prev[2] > 0.8);
                if (pats[k] == 0) {
                    ck_assert_int_eq(n, 250);   /* A = 200: 200/250 = 0.8 exactly */
                }
            } else {
                ck_assert(got[3] <= 0.01 && prev[3] > 0.01);
            }
        }
    }
}
END_TEST

START_TEST(test_staffing_large)
{
    /* A = 10,000 Erlang C and a big Erlang A; answer checked by eval. */
    ccs_erlang_query q = {.calls_per_hour = 200000, .aht_s = 180, .threshold_s = 20};
    ccs_staffing_targets t = no_targets();
    t.service_level = 0.8;
    t.max_asa_s = 5;
    ccs_staffing_result r;
    int n = staff(&q, &t, &r);
    ccs_erlang_metrics m;
    ck_assert_int_eq(ccs_erlang_eval(&q, n - 1, &m), CCS_OK);
    ck_assert(m.service_level < 0.8 || m.asa_s > 5);
    ck_assert(r.at.service_level >= 0.8 && r.at.asa_s <= 5);

    q.patience_s = 60;
    t.max_abandon = 0.02;
    n = staff(&q, &t, &r);
    ck_assert_int_eq(ccs_erlang_eval(&q, n - 1, &m), CCS_OK);
    ck_assert(m.service_level < 0.8 || m.asa_s > 5 || m.prob_abandon > 0.02);
    ck_assert(r.at.service_level >= 0.8 && r.at.asa_s <= 5 && r.at.prob_abandon <= 0.02);
}
END_TEST

/* ---- errors ----------------------------------------------------------------- */

START_TEST(test_bad_args_b_c)
{
    ccs_erlang_result r;
    ck_assert_int_eq(ccs_erlang_b_e(-1, 1.0, &r), CCS_EINVAL);
    ck_assert_int_eq(ccs_erlang_b_e(3, -1.0, &r), CCS_EINVAL);
    ck_assert_int_eq(ccs_erlang_b_e(3, NAN, &r), CCS_EINVAL);
    ck_assert_int_eq(ccs_erlang_b_e(3, INFINITY, &r), CCS_EINVAL);
    ck_assert_int_eq(ccs_erlang_c_e(0, 0.5, &r), CCS_EINVAL);
    ck_assert_int_eq(ccs_erlang_c_e(3, -0.5, &r), CCS_EINVAL);
    ck_assert_int_eq(ccs_erlang_c_e(3, NAN, &r), CCS_EINVAL);
}
END_TEST

START_TEST(test_bad_eval)
{
    const ccs_erlang_query good = {.calls_per_hour = 100, .aht_s = 180, .threshold_s = 20};
    ccs_erlang_query bad[8];
    for (int i = 0; i < 8; i++) {
        bad[i] = good;
    }
    bad[0].calls_per_hour = 0;
    bad[1].calls_per_hour = -5;
    bad[2].aht_s = 0;
    bad[3].aht_s = NAN;
    bad[4].patience_s = -1;
    bad[5].threshold_s = -1;
    bad[6].threshold_s = INFINITY;
    bad[7].calls_per_hour = INFINITY;
    ccs_erlang_metrics m, before;
    memset(&m, 0x5a, sizeof m);
    before = m;
    for (int i = 0; i < 8; i++) {
        ck_assert_int_eq(ccs_erlang_eval(&bad[i], 10, &m), CCS_EINVAL);
    }
    ck_assert_int_eq(ccs_erlang_eval(&good, 0, &m), CCS_EINVAL);
    ck_assert_int_eq(ccs_erlang_eval(&good, -3, &m), CCS_EINVAL);
    ck_assert(memcmp(&m, &before, sizeof m) == 0);   /* untouched */
}
END_TEST

static void expect_staff_error(const ccs_erlang_query *q, const ccs_staffing_targets *t,
                               const char *key)
{
    ccs_error err;
    ccs_error_clear(&err);
    ccs_staffing_result r;
    ck_assert_int_eq(ccs_erlang_staff(q, t, &r, &err), CCS_EINVAL);
    ck_assert_int_eq(err.code, CCS_EINVAL);
    ck_assert_msg(strcmp(err.key, key) == 0, "key '%s', want '%s' (%s)", err.key, key,
                  err.msg);
    ck_assert_msg(strlen(err.msg) > 10 && strchr(err.msg, '\n') == NULL, "msg '%s'", err.msg);
}

START_TEST(test_bad_staff)
{
    const ccs_erlang_query good = {.calls_per_hour = 100, .aht_s = 180, .threshold_s = 20};
    ccs_staffing_targets t = no_targets();
    t.service_level = 0.8;
    ccs_erlang_query q = good;
    q.calls_per_hour = -1;
    expect_staff_error(&q, &t, "calls_per_hour");
    q = good;
    q.aht_s = 0;
    expect_staff_error(&q, &t, "aht_s");
    q = good;
    q.patience_s = NAN;
    expect_staff_error(&q, &t, "patience_s");
    q = good;
    q.threshold_s = -2;
    expect_staff_error(&q, &t, "threshold_s");
    q = good;
    q.calls_per_hour = 1e12;   /* 5e10 Erlangs */
    expect_staff_error(&q, &t, "calls_per_hour");

    ccs_staffing_targets b = t;
    b.service_level = 1.0;
    expect_staff_error(&good, &b, "service_level");
    b = t;
    b.service_level = -0.1;
    expect_staff_error(&good, &b, "service_level");
    b = t;
    b.max_asa_s = -1;
    expect_staff_error(&good, &b, "max_asa_s");
    b = t;
    b.max_occupancy = 1.5;
    expect_staff_error(&good, &b, "max_occupancy");
    b = t;
    b.max_abandon = 0.05;   /* no patience: Erlang C has no abandonment */
    expect_staff_error(&good, &b, "max_abandon");
    b = t;
    b.shrinkage = 1.0;
    expect_staff_error(&good, &b, "shrinkage");
    b = t;
    b.shrinkage = -0.1;
    expect_staff_error(&good, &b, "shrinkage");

    ck_assert_int_eq(ccs_erlang_scheduled(-1, 0.3), -1);
    ck_assert_int_eq(ccs_erlang_scheduled(10, 1.0), -1);
    ck_assert_int_eq(ccs_erlang_scheduled(10, NAN), -1);
}
END_TEST

Suite *erlang_suite(void)
{
    Suite *s = suite_create("erlang");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_erlang_b_table);
    tcase_add_test(core, test_erlang_c_table);
    tcase_add_test(core, test_erlang_c_unstable_table);
    tcase_add_test(core, test_erlang_a_table);
    tcase_add_test(core, test_staffing_table);
    tcase_add_test(core, test_staffing_erlang_a_table);
    tcase_add_test(core, test_scheduled_ties);
    tcase_add_test(core, test_sqrt_rule);
    suite_add_tcase(s, core);

    TCase *lim = tcase_create("limits");
    tcase_set_timeout(lim, 60);
    tcase_add_test(lim, test_one_agent);
    tcase_add_test(lim, test_tiny_load);
    tcase_add_test(lim, test_load_equals_agents);
    tcase_add_test(lim, test_hundred_thousand);
    tcase_add_test(lim, test_mm_infinity);
    tcase_add_test(lim, test_huge_load_erlang_a);
    tcase_add_test(lim, test_long_patience_is_erlang_c);
    tcase_add_test(lim, test_no_nan_sweep);
    tcase_add_test(lim, test_staffing_each_constraint);
    tcase_add_test(lim, test_staffing_large);
    suite_add_tcase(s, lim);

    TCase *errs = tcase_create("errors");
    tcase_add_test(errs, test_bad_args_b_c);
    tcase_add_test(errs, test_bad_eval);
    tcase_add_test(errs, test_bad_staff);
    suite_add_tcase(s, errs);
    return s;
}
