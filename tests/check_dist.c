/*
 * check_dist.c — duration distributions: sample moments against the
 * closed-form moments of each family (z-bound of 5 standard errors on
 * 200,000 draws, seeds from CCSIM_TEST_SEED),
 * empirical tables, parameter checking, copy/fini ownership.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"

#define NSAMP 200000
#define Z 5.0

/* Closed-form moments of a family: mean, variance and 4th central moment
 * (the latter for the standard error of the sample variance). */
typedef struct moments {
    double mean;
    double var;
    double mu4;
} moments;

static void check_sample(const char *what, const ccs_dist *d, moments m, unsigned stream)
{
    gsl_rng *r = ccs_rng_new(ccs_test_seed(90), 0, CCS_RNG_QUALITY, stream);
    double s1 = 0.0, s2 = 0.0;
    double *x = malloc(NSAMP * sizeof *x);
    for (int i = 0; i < NSAMP; i++) {
        x[i] = ccs_dist_sample(d, r);
        ck_assert_msg(x[i] >= 0.0 && isfinite(x[i]), "%s: draw %d = %g", what, i, x[i]);
        s1 += x[i];
    }
    double mean = s1 / NSAMP;
    for (int i = 0; i < NSAMP; i++) {
        s2 += (x[i] - mean) * (x[i] - mean);
    }
    double var = s2 / (NSAMP - 1);
    double se_mean = sqrt(m.var / NSAMP);
    double se_var = sqrt((m.mu4 - m.var * m.var) / NSAMP);
    ck_assert_msg(fabs(mean - m.mean) <= Z * se_mean, "%s: sample mean %g, want %g (+-%g)",
                  what, mean, m.mean, Z * se_mean);
    ck_assert_msg(fabs(var - m.var) <= Z * se_var, "%s: sample variance %g, want %g (+-%g)",
                  what, var, m.var, Z * se_var);
    /* the getters agree with the closed forms */
    CCS_ASSERT_CLOSE(what, ccs_dist_mean(d), m.mean, 1e-12, 0);
    CCS_ASSERT_CLOSE(what, ccs_dist_cv(d), sqrt(m.var) / m.mean, 1e-12, 1e-15);
    free(x);
    gsl_rng_free(r);
}

static ccs_dist prepared(ccs_dist d)
{
    ccs_error err;
    ccs_error_clear(&err);
    int rc = ccs_dist_prepare(&d, &err);
    ck_assert_msg(rc == CCS_OK, "prepare %s: %s", ccs_dist_kind_name(d.kind), err.msg);
    return d;
}

/* Gamma with shape a, scale s: excess kurtosis 6/a. */
static moments gamma_moments(double a, double s)
{
    double v = a * s * s;
    return (moments){a * s, v, v * v * (3.0 + 6.0 / a)};
}

START_TEST(test_exponential)
{
    ccs_dist d = ccs_dist_exponential(180.0);
    check_sample("exponential(180)", &d, (moments){180, 180.0 * 180, 9 * pow(180, 4)}, 1);
    d = prepared(d);
    check_sample("exponential(180) prepared", &d, (moments){180, 180.0 * 180, 9 * pow(180, 4)},
                 2);
}
END_TEST

/* The exponential method itself (the ziggurat) is tested in
 * check_ziggurat.c. */

START_TEST(test_deterministic)
{
    ccs_dist d = prepared(ccs_dist_deterministic(30.0));
    gsl_rng *r = ccs_rng_new(1, 0, 1, 0);
    for (int i = 0; i < 100; i++) {
        ck_assert(ccs_dist_sample(&d, r) == 30.0);
    }
    ck_assert(ccs_dist_mean(&d) == 30.0);
    ck_assert(ccs_dist_cv(&d) == 0.0);
    d = prepared(ccs_dist_deterministic(0.0));   /* zero is a valid constant */
    ck_assert(ccs_dist_sample(&d, r) == 0.0);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_uniform)
{
    ccs_dist d = {.kind = CCS_DIST_UNIFORM, .min = 60, .max = 300};
    d = prepared(d);
    double w = 240.0;
    check_sample("uniform(60,300)", &d, (moments){180, w * w / 12, pow(w, 4) / 80}, 3);
}
END_TEST

START_TEST(test_gamma)
{
    ccs_dist d = {.kind = CCS_DIST_GAMMA, .mean = 180, .cv = 0.5};
    d = prepared(d);
    check_sample("gamma(180, cv 0.5)", &d, gamma_moments(4.0, 45.0), 4);
    ccs_dist e = {.kind = CCS_DIST_GAMMA, .mean = 60, .cv = 2.0};   /* shape < 1 */
    e = prepared(e);
    check_sample("gamma(60, cv 2)", &e, gamma_moments(0.25, 240.0), 5);
}
END_TEST

START_TEST(test_erlang)
{
    ccs_dist d = {.kind = CCS_DIST_ERLANG, .mean = 180, .k = 3};
    d = prepared(d);
    check_sample("erlang(180, k 3)", &d, gamma_moments(3.0, 60.0), 6);
    CCS_ASSERT_CLOSE("erlang cv", ccs_dist_cv(&d), 1 / sqrt(3.0), 1e-15, 0);
    ccs_dist one = {.kind = CCS_DIST_ERLANG, .mean = 50, .k = 1};   /* = exponential */
    one = prepared(one);
    check_sample("erlang(50, k 1)", &one, (moments){50, 2500, 9 * pow(50, 4)}, 7);
}
END_TEST

START_TEST(test_lognormal)
{
    double mean = 180, cv = 0.8;
    ccs_dist d = {.kind = CCS_DIST_LOGNORMAL, .mean = mean, .cv = cv};
    d = prepared(d);
    double s2 = log(1 + cv * cv);
    double v = mean * mean * cv * cv;
    double kurt = exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 3;
    check_sample("lognormal(180, cv 0.8)", &d, (moments){mean, v, v * v * kurt}, 8);
    /* shape, not just moments: the median is exp(mu) = mean / sqrt(1 + cv^2) */
    double median = mean / sqrt(1 + cv * cv);
    gsl_rng *r = ccs_rng_new(ccs_test_seed(90), 1, CCS_RNG_QUALITY, 8);
    int below = 0;
    for (int i = 0; i < NSAMP; i++) {
        below += ccs_dist_sample(&d, r) < median;
    }
    CCS_ASSERT_CLOSE("lognormal P(X < median)", (double)below / NSAMP, 0.5, 0,
                     Z * sqrt(0.25 / NSAMP));
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_empirical_values)
{
    double x[] = {10, 20, 60};
    ccs_dist d = {.kind = CCS_DIST_EMPIRICAL, .n = 3, .x = x};
    d = prepared(d);
    /* each value with probability 1/3 */
    double m = 30, v = (100 + 400 + 3600) / 3.0 - 900;
    double m4 = (pow(-20, 4) + pow(-10, 4) + pow(30, 4)) / 3.0;
    check_sample("empirical values", &d, (moments){m, v, m4}, 9);
    gsl_rng *r = ccs_rng_new(ccs_test_seed(91), 0, 1, 0);
    int count[3] = {0};
    for (int i = 0; i < NSAMP; i++) {
        double y = ccs_dist_sample(&d, r);
        int j = y == 10 ? 0 : y == 20 ? 1 : y == 60 ? 2 : -1;
        ck_assert_msg(j >= 0, "value %g not in the table", y);
        count[j]++;
    }
    for (int j = 0; j < 3; j++) {
        CCS_ASSERT_CLOSE("empirical value frequency", (double)count[j] / NSAMP, 1 / 3.0, 0,
                         Z * sqrt(2.0 / 9 / NSAMP));
    }
    double one = 42;
    ccs_dist s = {.kind = CCS_DIST_EMPIRICAL, .n = 1, .x = &one};
    s = prepared(s);
    ck_assert(ccs_dist_sample(&s, r) == 42);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_empirical_cdf)
{
    double x[] = {0, 10, 20};
    double c[] = {0, 0.5, 1};
    ccs_dist d = {.kind = CCS_DIST_EMPIRICAL, .n = 3, .x = x, .cdf = c};
    d = prepared(d);
    /* that is uniform on [0, 20] */
    check_sample("empirical cdf", &d, (moments){10, 400 / 12.0, pow(20, 4) / 80}, 10);
    gsl_rng *r = ccs_rng_new(ccs_test_seed(92), 0, 1, 0);
    int below10 = 0, below5 = 0;
    for (int i = 0; i < NSAMP; i++) {
        double y = ccs_dist_sample(&d, r);
        below10 += y < 10;
        below5 += y < 5;
    }
    double tol = Z * sqrt(0.25 / NSAMP);
    CCS_ASSERT_CLOSE("P(X < 10)", (double)below10 / NSAMP, 0.5, 0, tol);
    CCS_ASSERT_CLOSE("P(X < 5)", (double)below5 / NSAMP, 0.25, 0, tol);

    /* an atom (vertical step) and a gap (flat segment) */
    double xa[] = {5, 5, 10, 30, 40};
    double ca[] = {0, 0.3, 0.6, 0.6, 1};
    ccs_dist a = {.kind = CCS_DIST_EMPIRICAL, .n = 5, .x = xa, .cdf = ca};
    a = prepared(a);
    int at5 = 0;
    for (int i = 0; i < NSAMP; i++) {
        double y = ccs_dist_sample(&a, r);
        ck_assert_msg((y >= 5 && y <= 10) || (y >= 30 && y <= 40), "%g in the gap", y);
        at5 += y == 5;
    }
    CCS_ASSERT_CLOSE("P(X = 5)", (double)at5 / NSAMP, 0.3, 0, Z * sqrt(0.21 / NSAMP));
    /* 0.3*5 + 0.3*7.5 + 0.4*35 */
    CCS_ASSERT_CLOSE("mean with atom and gap", ccs_dist_mean(&a), 17.75, 1e-12, 0);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_none)
{
    ccs_dist d;
    memset(&d, 0, sizeof d);
    d = prepared(d);
    gsl_rng *r = ccs_rng_new(1, 0, 1, 0);
    ck_assert(ccs_dist_sample(&d, r) == 0.0);
    ck_assert(ccs_dist_mean(&d) == 0.0);
    ck_assert(ccs_dist_cv(&d) == 0.0);
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_names)
{
    static const char *const names[] = {"none",  "exponential", "deterministic", "uniform",
                                        "gamma", "erlang",      "lognormal",     "empirical"};
    for (int k = 0; k < 8; k++) {
        ccs_dist_kind got = (ccs_dist_kind)99;
        ck_assert_str_eq(ccs_dist_kind_name((ccs_dist_kind)k), names[k]);
        ck_assert_int_eq(ccs_dist_kind_from_name(names[k], &got), CCS_OK);
        ck_assert_int_eq(got, k);
    }
    ccs_dist_kind got = CCS_DIST_GAMMA;
    ck_assert_int_eq(ccs_dist_kind_from_name("constant", &got), CCS_OK);
    ck_assert_int_eq(got, CCS_DIST_DETERMINISTIC);
    ck_assert_int_eq(ccs_dist_kind_from_name("poisson", &got), CCS_EINVAL);
    ck_assert_int_eq(got, CCS_DIST_NONE);
    ck_assert_int_eq(ccs_dist_kind_from_name("", &got), CCS_EINVAL);
    ck_assert_int_eq(ccs_dist_kind_from_name("Exponential ", &got), CCS_EINVAL);
    ck_assert_int_eq(ccs_dist_kind_from_name(NULL, &got), CCS_EINVAL);
}
END_TEST

START_TEST(test_copy_fini)
{
    double x[] = {0, 10, 20};
    double c[] = {0, 0.5, 1};
    ccs_dist src = {.kind = CCS_DIST_EMPIRICAL, .n = 3};
    src.x = malloc(sizeof x);
    src.cdf = malloc(sizeof c);
    memcpy(src.x, x, sizeof x);
    memcpy(src.cdf, c, sizeof c);
    src = prepared(src);
    ccs_dist dst;
    ck_assert_int_eq(ccs_dist_copy(&dst, &src), CCS_OK);
    ck_assert_ptr_ne(dst.x, src.x);
    ck_assert_ptr_ne(dst.cdf, src.cdf);
    src.x[1] = 15;   /* the copy is deep */
    ck_assert(dst.x[1] == 10);
    ck_assert(ccs_dist_mean(&dst) == 10);
    ccs_dist_fini(&src);
    ck_assert_int_eq(src.kind, CCS_DIST_NONE);
    ck_assert_ptr_null(src.x);
    ck_assert_ptr_null(src.cdf);
    ccs_dist_fini(&src);   /* twice is fine */
    gsl_rng *r = ccs_rng_new(1, 0, 1, 0);
    double y = ccs_dist_sample(&dst, r);   /* the copy still works on its own */
    ck_assert(y >= 0 && y <= 20);
    ccs_dist_fini(&dst);

    ccs_dist g = {.kind = CCS_DIST_GAMMA, .mean = 10, .cv = 0.5};
    g = prepared(g);
    ccs_dist h;
    ck_assert_int_eq(ccs_dist_copy(&h, &g), CCS_OK);
    ck_assert(h.p1 == g.p1 && h.p2 == g.p2 && h.x == NULL);
    ccs_dist_fini(&h);
    ccs_dist_fini(&g);
    gsl_rng_free(r);
}
END_TEST

/* Each bad dist must be rejected with CCS_EINVAL and a message naming the
 * expectation; `want` is a fragment of that message. */
static void expect_bad(ccs_dist d, const char *want)
{
    ccs_error err;
    ccs_error_clear(&err);
    int rc = ccs_dist_prepare(&d, &err);
    ck_assert_msg(rc == CCS_EINVAL, "%s accepted (want '%s')", ccs_dist_kind_name(d.kind),
                  want);
    ck_assert_int_eq(err.code, CCS_EINVAL);
    ck_assert_msg(strstr(err.msg, want) != NULL, "message '%s' lacks '%s'", err.msg, want);
    ck_assert_str_eq(err.key, "");   /* left to the caller */
}

START_TEST(test_bad_params)
{
    ccs_error err;
    ccs_dist g = {.kind = CCS_DIST_GAMMA, .mean = 10, .cv = -1};
    ck_assert_int_eq(ccs_dist_prepare(&g, &err), CCS_EINVAL);
    ck_assert_str_eq(err.msg, "expected cv > 0, got -1");

    expect_bad((ccs_dist){.kind = CCS_DIST_EXPONENTIAL, .mean = 0}, "mean > 0");
    expect_bad((ccs_dist){.kind = CCS_DIST_EXPONENTIAL, .mean = -5}, "got -5");
    expect_bad((ccs_dist){.kind = CCS_DIST_EXPONENTIAL, .mean = (double)NAN}, "mean > 0");
    expect_bad((ccs_dist){.kind = CCS_DIST_EXPONENTIAL, .mean = (double)INFINITY}, "mean > 0");
    expect_bad((ccs_dist){.kind = CCS_DIST_DETERMINISTIC, .mean = -1}, "mean >= 0");
    expect_bad((ccs_dist){.kind = CCS_DIST_UNIFORM, .min = 5, .max = 4}, "max >= min");
    expect_bad((ccs_dist){.kind = CCS_DIST_UNIFORM, .min = -1, .max = 4}, "min >= 0");
    expect_bad((ccs_dist){.kind = CCS_DIST_UNIFORM, .min = 0, .max = (double)INFINITY},
               "max >= min");
    expect_bad((ccs_dist){.kind = CCS_DIST_GAMMA, .mean = 10, .cv = 0}, "cv > 0");
    expect_bad((ccs_dist){.kind = CCS_DIST_GAMMA, .mean = -10, .cv = 1}, "mean > 0");
    expect_bad((ccs_dist){.kind = CCS_DIST_ERLANG, .mean = 10, .k = 0}, "k >= 1");
    expect_bad((ccs_dist){.kind = CCS_DIST_LOGNORMAL, .mean = 10, .cv = (double)NAN}, "cv > 0");
    expect_bad((ccs_dist){.kind = (ccs_dist_kind)42}, "unknown distribution kind 42");

    double ok_x[] = {0, 10, 20};
    double neg_x[] = {0, -10, 20};
    double nan_x[] = {0, (double)NAN, 20};
    double desc_x[] = {0, 20, 10};
    double ok_c[] = {0, 0.5, 1};
    double start_c[] = {0.1, 0.5, 1};
    double end_c[] = {0, 0.5, 0.9};
    double desc_c[] = {0, 0.7, 0.5, 1};
    double four_x[] = {0, 10, 20, 30};
    ccs_dist_kind E = CCS_DIST_EMPIRICAL;
    expect_bad((ccs_dist){.kind = E, .n = 0, .x = ok_x}, "at least 1 value");
    expect_bad((ccs_dist){.kind = E, .n = 1, .x = ok_x, .cdf = ok_c}, "at least 2 CDF points");
    expect_bad((ccs_dist){.kind = E, .n = 3, .x = NULL}, "list of values");
    expect_bad((ccs_dist){.kind = E, .n = 3, .x = neg_x}, ">= 0, got -10 at point 2");
    expect_bad((ccs_dist){.kind = E, .n = 3, .x = nan_x}, "finite");
    expect_bad((ccs_dist){.kind = E, .n = 3, .x = ok_x, .cdf = start_c}, "start at 0");
    expect_bad((ccs_dist){.kind = E, .n = 3, .x = ok_x, .cdf = end_c}, "end at 1");
    expect_bad((ccs_dist){.kind = E, .n = 4, .x = four_x, .cdf = desc_c}, "CDF values ascending");
    expect_bad((ccs_dist){.kind = E, .n = 3, .x = desc_x, .cdf = ok_c}, "values ascending");
}
END_TEST

Suite *dist_suite(void)
{
    Suite *s = suite_create("dist");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_exponential);
    tcase_add_test(core, test_deterministic);
    tcase_add_test(core, test_uniform);
    tcase_add_test(core, test_gamma);
    tcase_add_test(core, test_erlang);
    tcase_add_test(core, test_lognormal);
    tcase_add_test(core, test_empirical_values);
    tcase_add_test(core, test_empirical_cdf);
    tcase_add_test(core, test_none);
    tcase_add_test(core, test_names);
    tcase_add_test(core, test_copy_fini);
    tcase_set_timeout(core, 60);
    suite_add_tcase(s, core);
    TCase *errs = tcase_create("errors");
    tcase_add_test(errs, test_bad_params);
    suite_add_tcase(s, errs);
    return s;
}
