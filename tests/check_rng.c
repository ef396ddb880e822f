/*
 * check_rng.c — random streams: stream seeds equal reference values
 * computed outside ccsim, a stream is taus2 with that seed, different names
 * give different, uncorrelated numbers; seeds are distinct and spread.
 */
#include "ccs_test.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ccsim/rng.h"

#define NDRAW 1000

static void draws(gsl_rng *r, unsigned long *out, int n)
{
    for (int i = 0; i < n; i++) {
        out[i] = gsl_rng_get(r);
    }
}

static int same_stream(uint64_t s1, uint64_t r1, unsigned p1, unsigned i1, uint64_t s2,
                       uint64_t r2, unsigned p2, unsigned i2)
{
    static unsigned long a[NDRAW], b[NDRAW];
    gsl_rng *x = ccs_rng_new(s1, r1, p1, i1);
    gsl_rng *y = ccs_rng_new(s2, r2, p2, i2);
    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(y);
    draws(x, a, NDRAW);
    draws(y, b, NDRAW);
    gsl_rng_free(x);
    gsl_rng_free(y);
    return memcmp(a, b, sizeof a) == 0;
}

/* Stream seeds against reference values computed outside ccsim: a Python
 * transcription of the construction in docs/engine.md ("Derivation": base =
 * fmix64(fmix64(seed + G) ^ rep G), hi = fmix64(base ^ ((purpose << 32 |
 * index) G + 1)), lo = fmix32(hi32(base) ^ fmix32(packed ^ lo32(base))))
 * with MurmurHash3's published finalizers, 64-bit arithmetic mod 2^64. */
static const struct {
    uint64_t seed, rep;
    unsigned purpose, index;
    uint64_t want;
} seed_refs[] = {
    {42, 3, CCS_RNG_HANDLE, 2, UINT64_C(0x4cb6296de0f30758)},
    {0, 0, CCS_RNG_ARRIVALS, 0, UINT64_C(0x5fbd91a9e4aa59ff)},
    {1, 0, CCS_RNG_ARRIVALS, 0, UINT64_C(0xd2ff576aeb4cd9e1)},
    {12345, 7, CCS_RNG_DIALER, 3, UINT64_C(0xfcfa8eb6324c1f45)},
    {UINT64_MAX, UINT64_C(1) << 40, CCS_RNG_QUALITY, (1u << 24) - 1,
     UINT64_C(0x65a194efb8d7446c)},
};

START_TEST(test_reference_seeds)
{
    for (size_t i = 0; i < sizeof seed_refs / sizeof seed_refs[0]; i++) {
        uint64_t got = ccs_rng_stream_seed(seed_refs[i].seed, seed_refs[i].rep,
                                           seed_refs[i].purpose, seed_refs[i].index);
        ck_assert_msg(got == seed_refs[i].want, "row %zu: stream seed %016llx, want %016llx", i,
                      (unsigned long long)got, (unsigned long long)seed_refs[i].want);
    }
}
END_TEST

/* A stream is GSL's taus2 seeded with the low 32 bits of its reference
 * seed: the same numbers as a generator set up by hand with that seed. */
START_TEST(test_stream_is_taus2_with_its_seed)
{
    static unsigned long a[NDRAW], b[NDRAW];
    gsl_rng *x = ccs_rng_new(42, 3, CCS_RNG_HANDLE, 2);
    gsl_rng *y = gsl_rng_alloc(gsl_rng_taus2);
    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_nonnull(y);
    gsl_rng_set(y, (unsigned long)(UINT64_C(0x4cb6296de0f30758) & 0xffffffffu));
    draws(x, a, NDRAW);
    draws(y, b, NDRAW);
    ck_assert(memcmp(a, b, sizeof a) == 0);
    gsl_rng_free(x);
    gsl_rng_free(y);
}
END_TEST

START_TEST(test_names_differ)
{
    ck_assert(!same_stream(42, 3, CCS_RNG_HANDLE, 2, 43, 3, CCS_RNG_HANDLE, 2));
    ck_assert(!same_stream(42, 3, CCS_RNG_HANDLE, 2, 42, 4, CCS_RNG_HANDLE, 2));
    ck_assert(!same_stream(42, 3, CCS_RNG_HANDLE, 2, 42, 3, CCS_RNG_ARRIVALS, 2));
    ck_assert(!same_stream(42, 3, CCS_RNG_HANDLE, 2, 42, 3, CCS_RNG_HANDLE, 3));
    /* swapping purpose and index must not alias */
    ck_assert(!same_stream(0, 0, 1, 2, 0, 0, 2, 1));
}
END_TEST

START_TEST(test_reseed_equals_new)
{
    static unsigned long a[NDRAW], b[NDRAW];
    gsl_rng *x = ccs_rng_new(7, 1, CCS_RNG_PATIENCE, 0);
    gsl_rng *y = ccs_rng_new(99, 5, CCS_RNG_DIALER, 8);
    draws(y, b, 17);   /* advance, then reseed in place */
    ccs_rng_reseed(y, 7, 1, CCS_RNG_PATIENCE, 0);
    draws(x, a, NDRAW);
    draws(y, b, NDRAW);
    ck_assert(memcmp(a, b, sizeof a) == 0);
    ck_assert_str_eq(gsl_rng_name(x), ccs_rng_type()->name);
    gsl_rng_free(x);
    gsl_rng_free(y);
}
END_TEST

static int cmp_u64(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return a < b ? -1 : a > b;
}

/* Over a grid of names: all 64-bit seeds distinct; within a replication
 * the low 32 bits (all GSL uses) distinct; every bit set about half the
 * time (5 standard errors). */
START_TEST(test_seed_spread)
{
    static const uint64_t seeds[] = {0, 1, UINT64_C(1) << 63};
    enum { NREP = 100, NPURP = 8, NIDX = 64, PER_REP = NPURP * NIDX };
    size_t n = 3 * NREP * PER_REP;
    uint64_t *all = malloc(n * sizeof *all);
    uint64_t lo[PER_REP];
    long ones[64] = {0};
    size_t k = 0;
    for (int s = 0; s < 3; s++) {
        for (uint64_t rep = 0; rep < NREP; rep++) {
            size_t m = 0;
            for (unsigned p = 1; p <= NPURP; p++) {
                for (unsigned i = 0; i < NIDX; i++) {
                    uint64_t v = ccs_rng_stream_seed(seeds[s], rep, p, i);
                    all[k++] = v;
                    lo[m++] = v & 0xffffffffu;
                    for (int b = 0; b < 64; b++) {
                        ones[b] += (long)((v >> b) & 1u);
                    }
                }
            }
            qsort(lo, PER_REP, sizeof lo[0], cmp_u64);
            for (size_t j = 1; j < PER_REP; j++) {
                ck_assert_msg(lo[j] != lo[j - 1], "seed %d rep %d: low 32 bits collide",
                              s, (int)rep);
            }
        }
    }
    qsort(all, n, sizeof *all, cmp_u64);
    for (size_t j = 1; j < n; j++) {
        ck_assert_msg(all[j] != all[j - 1], "64-bit seeds collide: %llx",
                      (unsigned long long)all[j]);
    }
    double se = sqrt(0.25 / (double)n);
    for (int b = 0; b < 64; b++) {
        double f = (double)ones[b] / (double)n;
        ck_assert_msg(fabs(f - 0.5) < 5 * se, "bit %d set in %.4f of seeds", b, f);
    }
    free(all);
}
END_TEST

/* Neighbouring streams are uncorrelated: |r| < 5/sqrt(n). */
START_TEST(test_streams_uncorrelated)
{
    enum { N = 100000 };
    uint64_t seed = ccs_test_seed(80);
    gsl_rng *x = ccs_rng_new(seed, 0, CCS_RNG_ARRIVALS, 0);
    gsl_rng *y = ccs_rng_new(seed, 0, CCS_RNG_ARRIVALS, 1);
    gsl_rng *z = ccs_rng_new(seed, 1, CCS_RNG_ARRIVALS, 0);
    double sxy = 0, sxz = 0, sx = 0, sy = 0, sz = 0, sxx = 0, syy = 0, szz = 0;
    for (int i = 0; i < N; i++) {
        double a = gsl_rng_uniform(x), b = gsl_rng_uniform(y), c = gsl_rng_uniform(z);
        sx += a;
        sy += b;
        sz += c;
        sxx += a * a;
        syy += b * b;
        szz += c * c;
        sxy += a * b;
        sxz += a * c;
    }
    double vx = sxx / N - (sx / N) * (sx / N);
    double vy = syy / N - (sy / N) * (sy / N);
    double vz = szz / N - (sz / N) * (sz / N);
    double rxy = (sxy / N - sx / N * sy / N) / sqrt(vx * vy);
    double rxz = (sxz / N - sx / N * sz / N) / sqrt(vx * vz);
    double bound = 5.0 / sqrt((double)N);
    ck_assert_msg(fabs(rxy) < bound, "index 0 vs 1: r = %g", rxy);
    ck_assert_msg(fabs(rxz) < bound, "rep 0 vs 1: r = %g", rxz);
    CCS_ASSERT_CLOSE("mean uniform", sx / N, 0.5, 0, 5 * sqrt(1.0 / 12 / N));
    gsl_rng_free(x);
    gsl_rng_free(y);
    gsl_rng_free(z);
}
END_TEST

/* The seed width the docs state: the generator uses only the low 32 bits. */
START_TEST(test_seed_width)
{
    gsl_rng *a = gsl_rng_alloc(ccs_rng_type());
    gsl_rng *b = gsl_rng_alloc(ccs_rng_type());
    gsl_rng_set(a, 12345);
    gsl_rng_set(b, (unsigned long)(12345 + (UINT64_C(1) << 31)));
    ck_assert(gsl_rng_get(a) != gsl_rng_get(b));   /* bit 31 is used */
    ck_assert_str_eq(ccs_rng_type()->name, "taus2");
    gsl_rng_free(a);
    gsl_rng_free(b);
}
END_TEST

Suite *rng_suite(void)
{
    Suite *s = suite_create("rng");
    TCase *core = tcase_create("core");
    tcase_add_test(core, test_reference_seeds);
    tcase_add_test(core, test_stream_is_taus2_with_its_seed);
    tcase_add_test(core, test_names_differ);
    tcase_add_test(core, test_reseed_equals_new);
    tcase_add_test(core, test_seed_width);
    suite_add_tcase(s, core);
    TCase *lim = tcase_create("limits");
    tcase_add_test(lim, test_seed_spread);
    tcase_add_test(lim, test_streams_uncorrelated);
    tcase_set_timeout(lim, 30);
    suite_add_tcase(s, lim);
    return s;
}
