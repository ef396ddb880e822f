/*
 * ziggurat.h — Exp(1) draws by the ziggurat method on a GSL generator's
 * 32-bit outputs: the exponential method of every stream (ccs_dist_exp1,
 * ccs_dist_sample, the arrival processes).
 *
 * Marsaglia and Tsang (2000), "The Ziggurat Method for Generating Random
 * Variables", J. Statistical Software 5(8): 256 regions of equal area
 * under exp(-x).  One output u of the generator names a region, i = the
 * low 8 bits, and a point in it, j = the high 24 bits; about 97.8% of the
 * draws are accepted at once as j * x[i] / 2^24, with one table read and
 * no logarithm.  The rest (ziggurat.c) test the wedge against exp(-x),
 * or take the tail as r + Exp(1) by inversion, drawing more outputs from
 * the same generator.  Unlike the original, the region's bits are not
 * reused as the point's, so the two are independent.
 *
 * Requires a generator of 32 full bits (min 0, max 2^32 - 1): taus2, that
 * ccs_rng_type() returns, is one (tests/check_dist.c checks it).
 */
#ifndef CCSIM_CORE_ZIGGURAT_H
#define CCSIM_CORE_ZIGGURAT_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

typedef struct zig_region {
    double w;        /* the region's width / 2^24 */
    uint32_t k;      /* j < k: the point is under the curve for sure */
    uint32_t unused;
} zig_region;

extern const zig_region ccs_zig_tab[256];

/* The draws that ccs_zig_exp1() does not accept at once, from output u. */
double ccs_zig_exp1_slow(gsl_rng *r, uint32_t u);

/* One Exp(1) draw from r. */
static inline double ccs_zig_exp1(gsl_rng *r)
{
    uint32_t u = (uint32_t)r->type->get(r->state);
    uint32_t i = u & 0xff, j = u >> 8;
    const zig_region *z = &ccs_zig_tab[i];
    if (j < z->k) {
        return (double)j * z->w;
    }
    return ccs_zig_exp1_slow(r, u);
}

/* The tables, for tests: region i's width x[i] (the base strip's for
 * i = 0), k[i], and exp(-x[i]) (1 for i = 0). */
double ccs_zig_x(int i);
uint32_t ccs_zig_k(int i);
double ccs_zig_f(int i);

#endif
