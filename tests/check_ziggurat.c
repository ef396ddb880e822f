/*
 * check_ziggurat.c — the exponential ziggurat (src/core/ziggurat.h), the
 * Exp(1) method of every stream: its tables against Marsaglia and Tsang's
 * recurrence recomputed here (bit for bit) and against the geometry they
 * must have (equal areas, nested widths); the generator it needs (32 full
 * bits); and its draws against the exponential law, through the fast path
 * and each slow one: a chi-square over 1,000 equiprobable cells, the tail
 * past r, the wedges, and moments.  Seeds from CCSIM_TEST_SEED; each
 * bound is a probability of about 1e-5 for a correct sampler.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "ccsim/dist.h"
#include "ccsim/rng.h"
#include "core/ziggurat.h"

/* Marsaglia and Tsang (2000), J. Statistical Software 5(8), zigset():
 * the tail's start and the regions' area for 256 regions. */
#define R 7.69711747013104972
#define V 3.949659822581572e-3
#define N 256
#define TWO24 16777216.0

START_TEST(test_tables_are_the_recurrence)
{
    double x = R;
    ck_assert(ccs_zig_x(N - 1) == x);
    for (int i = N - 1; i >= 2; i--) {
        double inner = -log(V / x + exp(-x));
        ck_assert_msg(ccs_zig_x(i - 1) == inner, "x[%d] = %a, want %a", i - 1, ccs_zig_x(i - 1),
                      inner);
        ck_assert_msg(ccs_zig_k(i) == (uint32_t)(inner / x * TWO24), "k[%d]", i);
        ck_assert_msg(ccs_zig_f(i) == exp(-x), "f[%d]", i);
        x = inner;
    }
    ck_assert(ccs_zig_k(1) == 0);   /* the top region has no inner part */
    ck_assert(ccs_zig_f(0) == 1.0 && ccs_zig_f(1) == exp(-ccs_zig_x(1)));
    ck_assert(ccs_zig_x(0) == V / exp(-R));
    ck_assert(ccs_zig_k(0) == (uint32_t)(R / (V / exp(-R)) * TWO24));
}
END_TEST

/* What makes it exact: every region has area v (the top one and the base
 * strip with its tail included), widths grow with i, and the inner part
 * k/2^24 of each is under the curve. */
START_TEST(test_tables_geometry)
{
    for (int i = 2; i < N; i++) {
        double area = ccs_zig_x(i) * (ccs_zig_f(i - 1) - ccs_zig_f(i));
        CCS_ASSERT_CLOSE("region area", area, V, 1e-12, 0);
        ck_assert_msg(ccs_zig_x(i) > ccs_zig_x(i - 1), "x[%d] <= x[%d]", i, i - 1);
        double inner = ccs_zig_k(i) / TWO24 * ccs_zig_x(i);
        ck_assert_msg(inner <= ccs_zig_x(i - 1) && inner > ccs_zig_x(i - 1) * (1 - 1e-6),
                      "inner part of region %d", i);
    }
    CCS_ASSERT_CLOSE("top region area", ccs_zig_x(1) * (1.0 - ccs_zig_f(1)), V, 1e-9, 0);
    /* base: [0, r) x [0, f(r)] plus the tail, exp(-r): area (r + 1) f(r) */
    CCS_ASSERT_CLOSE("base strip area", (R + 1.0) * exp(-R), V, 1e-12, 0);
    CCS_ASSERT_CLOSE("base width", ccs_zig_x(0), R + 1.0, 1e-12, 0);
    ck_assert(N * V > 1.0);   /* the regions cover the curve */
}
END_TEST

START_TEST(test_generator_has_32_bits)
{
    const gsl_rng_type *t = ccs_rng_type();
    ck_assert_msg(t->min == 0 && t->max == 0xffffffffUL, "%s gives [%lu, %lu]", t->name, t->min,
                  t->max);
}
END_TEST

/* A draw's path: 0 accepted at once, 1 a wedge, 2 the tail (the same
 * decisions as ccs_zig_exp1 and ccs_zig_exp1_slow, read off one output). */
static int path_of(uint32_t u)
{
    uint32_t i = u & 0xff, j = u >> 8;
    if (j < ccs_zig_k((int)i)) {
        return 0;
    }
    return i == 0 ? 2 : 1;
}

#define DRAWS 4000000
#define CELLS 1000

START_TEST(test_draws_are_exponential)
{
    gsl_rng *r = ccs_rng_new(ccs_test_seed(71), 0, CCS_RNG_HANDLE, 3);
    gsl_rng *peek = ccs_rng_new(ccs_test_seed(71), 0, CCS_RNG_HANDLE, 3);
    static long cell[CELLS];
    long tail = 0, paths[3] = {0, 0, 0};
    double s1 = 0, s2 = 0;
    for (long n = 0; n < DRAWS; n++) {
        /* peek names the path of the draw's first output; the draw itself
         * may take more, which peek then skips. */
        unsigned long before = gsl_rng_get(peek);
        paths[path_of((uint32_t)before)]++;
        double x = ccs_dist_exp1(r);
        ck_assert_msg(x >= 0 && isfinite(x), "draw %ld = %g", n, x);
        gsl_rng_memcpy(peek, r);
        s1 += x;
        s2 += x * x;
        tail += x > R;
        int c = (int)(-expm1(-x) * CELLS);   /* F(x) = 1 - exp(-x) */
        cell[c < CELLS ? c : CELLS - 1]++;
    }
    double chi = 0, e = (double)DRAWS / CELLS;
    for (int c = 0; c < CELLS; c++) {
        chi += (cell[c] - e) * (cell[c] - e) / e;
    }
    double bound = gsl_cdf_chisq_Qinv(1e-5, CELLS - 1);
    ck_assert_msg(chi < bound, "chi-square %.1f over %d cells, bound %.1f", chi, CELLS, bound);
    /* P(X > r) = exp(-r): the tail path's mass */
    double p = exp(-R), se = sqrt(p * (1 - p) / DRAWS);
    ck_assert_msg(fabs((double)tail / DRAWS - p) < 4.4 * se, "P(X > r) = %g, want %g",
                  (double)tail / DRAWS, p);
    double mean = s1 / DRAWS, var = s2 / DRAWS - mean * mean;
    ck_assert_msg(fabs(mean - 1) < 4.4 * sqrt(1.0 / DRAWS), "mean %g", mean);
    ck_assert_msg(fabs(var - 1) < 4.4 * sqrt(8.0 / DRAWS), "variance %g", var);
    /* Every path was taken; the fast one as often as the tables say (the
     * inner parts' share, about 97.8%). */
    ck_assert_msg(paths[1] > 0 && paths[2] > 0, "wedges %ld, tails %ld", paths[1], paths[2]);
    double want = 0;
    for (int i = 0; i < N; i++) {
        want += ccs_zig_k(i) / TWO24 / N;
    }
    double fast = (double)paths[0] / DRAWS, se_fast = sqrt(want * (1 - want) / DRAWS);
    ck_assert_msg(fabs(fast - want) < 4.4 * se_fast && want > 0.975 && want < 0.98,
                  "accepted at once: %g, want %g", fast, want);
    gsl_rng_free(r);
    gsl_rng_free(peek);
}
END_TEST

/* The wedges alone, where the slow path decides: draws in the band between
 * a region's inner and outer widths, conditioned there, against the law of
 * X given x[i-1] <= X < x[i] (a chi-square over 10 cells of the conditional
 * CDF in each of the bands of the first 16 regions, pooled). */
START_TEST(test_wedges)
{
    gsl_rng *r = ccs_rng_new(ccs_test_seed(72), 0, CCS_RNG_PATIENCE, 5);
    enum { BANDS = 16, C = 10 };
    static long cell[BANDS][C];
    long in[BANDS] = {0};
    for (long n = 0; n < 8000000; n++) {
        double x = ccs_dist_exp1(r);
        for (int b = 0; b < BANDS; b++) {
            int i = b + 1;   /* region i's band [x[i-1], x[i]) (x[0] taken as 0) */
            double lo = i == 1 ? 0.0 : ccs_zig_x(i - 1), hi = ccs_zig_x(i);
            if (x >= lo && x < hi) {
                double F = (exp(-lo) - exp(-x)) / (exp(-lo) - exp(-hi));
                int c = (int)(F * C);
                cell[b][c < C ? c : C - 1]++;
                in[b]++;
                break;
            }
        }
    }
    double chi = 0;
    for (int b = 0; b < BANDS; b++) {
        double e = (double)in[b] / C;
        ck_assert(in[b] > 1000);
        for (int c = 0; c < C; c++) {
            chi += (cell[b][c] - e) * (cell[b][c] - e) / e;
        }
    }
    double bound = gsl_cdf_chisq_Qinv(1e-5, BANDS * (C - 1));
    ck_assert_msg(chi < bound, "wedges: chi-square %.1f, bound %.1f", chi, bound);
    gsl_rng_free(r);
}
END_TEST

/* One method: an exponential dist of mean m draws exactly m times
 * ccs_dist_exp1 on the same stream, which is ccs_zig_exp1. */
START_TEST(test_one_method)
{
    gsl_rng *a = ccs_rng_new(5, 0, CCS_RNG_ARRIVALS, 0);
    gsl_rng *b = ccs_rng_new(5, 0, CCS_RNG_ARRIVALS, 0);
    gsl_rng *c = ccs_rng_new(5, 0, CCS_RNG_ARRIVALS, 0);
    ccs_dist d = ccs_dist_exponential(3.6);
    for (int i = 0; i < 100000; i++) {
        double x = ccs_dist_sample(&d, a);
        double e = ccs_dist_exp1(b);
        double z = ccs_zig_exp1(c);
        ck_assert_msg(x == 3.6 * e && e == z, "draw %d: %.17g, 3.6 * %.17g, %.17g", i, x, e, z);
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
}
END_TEST

Suite *ziggurat_suite(void)
{
    Suite *s = suite_create("ziggurat");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_tables_are_the_recurrence);
    tcase_add_test(tc, test_tables_geometry);
    tcase_add_test(tc, test_generator_has_32_bits);
    tcase_add_test(tc, test_draws_are_exponential);
    tcase_add_test(tc, test_wedges);
    tcase_add_test(tc, test_one_method);
    suite_add_tcase(s, tc);
    return s;
}
