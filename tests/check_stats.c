/*
 * check_stats.c — the across-replication estimators against hand
 * computations: Student-t quantiles from published tables, a mean's
 * interval with the n - 1 sample variance, a ratio of sums with its
 * delta-method interval, clipping, undefined ratios, and tally addition.
 */
#include "ccs_test.h"

#include <math.h>
#include <string.h>

#include "ccsim/stats.h"
#include "ccsim/tallies.h"

/* Two-sided 95% Student t quantiles t(0.975, df), as in any table (e.g.
 * NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2); the digits
 * solve I_{df/(df+t^2)}(df/2, 1/2) = 0.05 with mpmath at 30 digits.  df = 1
 * and 2 have closed forms: tan(0.475 pi) and 0.95 / sqrt(2 x 0.975 x 0.025). */
START_TEST(test_t_quantiles)
{
    CCS_ASSERT_CLOSE("t(1)", ccs_stats_t95(1), 12.706204736174707, 1e-12, 0);
    CCS_ASSERT_CLOSE("t(2)", ccs_stats_t95(2), 4.302652729749464, 1e-12, 0);
    CCS_ASSERT_CLOSE("t(9)", ccs_stats_t95(9), 2.262157162798205, 1e-12, 0);
    CCS_ASSERT_CLOSE("t(29)", ccs_stats_t95(29), 2.045229642132703, 1e-12, 0);
    CCS_ASSERT_CLOSE("t(1000)", ccs_stats_t95(1000), 1.9623390808264085, 1e-12, 0);
    ck_assert(isinf(ccs_stats_t95(0)));
}
END_TEST

/* {2, 4, 9}: mean 5, squared deviations 9 + 1 + 16 = 26, sample variance
 * 26 / (3 - 1) = 13, half-width t(2) sqrt(13 / 3). */
START_TEST(test_mean_by_hand)
{
    double x[] = {2, 4, 9};
    ccs_estimate e = ccs_stats_mean(x, 3, 1);
    double half = 4.302652729749464 * sqrt(13.0 / 3.0);
    ck_assert(e.defined);
    CCS_ASSERT_CLOSE("mean", e.mean, 5.0, 1e-15, 0);
    CCS_ASSERT_CLOSE("lo", e.lo, 5.0 - half, 1e-12, 0);
    CCS_ASSERT_CLOSE("hi", e.hi, 5.0 + half, 1e-12, 0);
    /* A stride picks every other value: {2, 9} of {2, -1, 9, -1}. */
    double y[] = {2, -1, 9, -1};
    e = ccs_stats_mean(y, 2, 2);
    CCS_ASSERT_CLOSE("strided mean", e.mean, 5.5, 1e-15, 0);
    /* sd of {2, 9} = 7 / sqrt(2); half-width t(1) x 7 / sqrt(2) / sqrt(2). */
    CCS_ASSERT_CLOSE("strided hi", e.hi, 5.5 + 12.706204736174707 * 3.5, 1e-12, 0);
    /* One value: a point; none: undefined. */
    e = ccs_stats_mean(x, 1, 1);
    ck_assert(e.defined && e.lo == 2 && e.hi == 2 && e.mean == 2);
    e = ccs_stats_mean(x, 0, 1);
    ck_assert(!e.defined);
}
END_TEST

/* y = {1, 2, 6}, x = {2, 4, 6}: R = 9 / 12 = 0.75; residuals y - R x =
 * {-0.5, -1, 1.5}, variance (0.25 + 1 + 2.25) / (3 - 1) = 1.75; mean x 4,
 * so the half-width is t(2) sqrt(1.75 / 3) / 4. */
START_TEST(test_ratio_by_hand)
{
    double y[] = {1, 2, 6}, x[] = {2, 4, 6};
    ccs_estimate e = ccs_stats_ratio(y, x, 3, 1, -INFINITY, INFINITY);
    double half = 4.302652729749464 * sqrt(1.75 / 3.0) / 4.0;
    ck_assert(e.defined);
    CCS_ASSERT_CLOSE("ratio", e.mean, 0.75, 1e-15, 0);
    CCS_ASSERT_CLOSE("lo", e.lo, 0.75 - half, 1e-12, 0);
    CCS_ASSERT_CLOSE("hi", e.hi, 0.75 + half, 1e-12, 0);
    /* The ratio of sums, not the mean of ratios (0.5 + 0.5 + 1) / 3. */
    ck_assert(fabs(e.mean - 2.0 / 3.0) > 0.05);
    /* Clipped to [0, 1]: hi = 0.75 + 1.64 is cut at 1. */
    e = ccs_stats_ratio(y, x, 3, 1, 0.0, 1.0);
    CCS_ASSERT_CLOSE("clipped lo", e.lo, fmax(0.0, 0.75 - half), 1e-12, 0);
    ck_assert_double_eq(e.hi, 1.0);
    /* Proportional data: zero variance, a point interval. */
    double y2[] = {1, 2, 3}, x2[] = {2, 4, 6};
    e = ccs_stats_ratio(y2, x2, 3, 1, -INFINITY, INFINITY);
    CCS_ASSERT_CLOSE("exact ratio", e.mean, 0.5, 1e-15, 0);
    CCS_ASSERT_CLOSE("no width", e.hi - e.lo, 0, 0, 1e-12);
    /* Nothing in the denominator: undefined. */
    double z[] = {0, 0, 0};
    e = ccs_stats_ratio(y, z, 3, 1, -INFINITY, INFINITY);
    ck_assert(!e.defined);
    e = ccs_stats_ratio(y, x, 1, 1, -INFINITY, INFINITY);
    ck_assert(e.defined && e.mean == 0.5 && e.lo == 0.5 && e.hi == 0.5);
}
END_TEST

START_TEST(test_tally_add)
{
    ccs_tally a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    double *pa = (double *)&a, *pb = (double *)&b;
    size_t n = sizeof a / sizeof(double);
    for (size_t i = 0; i < n; i++) {
        pa[i] = (double)i;
        pb[i] = 100.0 + (double)i;
    }
    a.queue_max = 500;   /* maxima take the max */
    a.wait_max_s = 1;
    ccs_tally_add(&a, &b);
    for (size_t i = 0; i < n; i++) {
        double want = 100.0 + 2.0 * (double)i;
        if (&pa[i] == &a.queue_max) {
            want = 500;
        } else if (&pa[i] == &a.wait_max_s) {
            want = b.wait_max_s;
        }
        ck_assert_msg(pa[i] == want, "field %zu: %g, want %g", i, pa[i], want);
    }
}
END_TEST

Suite *stats_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_t_quantiles);
    tcase_add_test(tc, test_mean_by_hand);
    tcase_add_test(tc, test_ratio_by_hand);
    tcase_add_test(tc, test_tally_add);
    suite_add_tcase(s, tc);
    return s;
}
