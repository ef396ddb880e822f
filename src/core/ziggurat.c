/*
 * ziggurat.c — the tables and the slow path of the exponential ziggurat
 * (ziggurat.h).  The tables are generated (scripts/gen-ziggurat.c).
 */
#include "core/ziggurat.h"

#include <math.h>

/* ccs_zig_tab and zig_f. */
#include "core/ziggurat_tables.h"


/* Marsaglia and Tsang's efix(): region i = 0 past its inner part is the
 * tail, r + Exp(1) (memoryless), by inversion; another region's point x
 * between the inner and outer widths is kept when a uniform height in the
 * region's band lies under exp(-x); otherwise a fresh output starts over.
 * Every output comes from r, so a stream's draws stay its own. */
double ccs_zig_exp1_slow(gsl_rng *r, uint32_t u)
{
    for (;;) {
        uint32_t i = u & 0xff, j = u >> 8;
        const zig_region *z = &ccs_zig_tab[i];
        if (j < z->k) {
            return (double)j * z->w;
        }
        if (i == 0) {
            return ZIG_R - log(1.0 - gsl_rng_uniform(r));
        }
        double x = (double)j * z->w;
        if (zig_f[i] + gsl_rng_uniform(r) * (zig_f[i - 1] - zig_f[i]) < exp(-x)) {
            return x;
        }
        u = (uint32_t)gsl_rng_get(r);
    }
}

double ccs_zig_x(int i)
{
    return ccs_zig_tab[i].w * 16777216.0;
}

uint32_t ccs_zig_k(int i)
{
    return ccs_zig_tab[i].k;
}

double ccs_zig_f(int i)
{
    return zig_f[i];
}
