/*
 * dist.c — checking, describing and sampling the duration distributions.
 *
 * Invariant: a dist that ccs_dist_prepare() accepted has finite, valid
 * parameters and p1/p2 hold what its sampler needs, so ccs_dist_sample()
 * does no checks, no allocation and at most one GSL sampler call:
 *
 *   gamma       p1 = shape 1/cv^2,   p2 = scale mean*cv^2
 *   erlang      p1 = k,              p2 = mean/k
 *   lognormal   p1 = mu,             p2 = sigma
 *   uniform     p1 = min,            p2 = max - min
 *   empirical   p1 = mean,           p2 = cv   (for the getters)
 *
 * Exponential draws are mean * Exp(1), the Exp(1) by the ziggurat method
 * (core/ziggurat.h): no logarithm for 97.8% of the draws, against one per
 * draw for inversion -log(1-u) or GSL's gsl_ran_exponential.  The arrival
 * streams draw their Exp(1) the same way (ccs_dist_exp1).
 */
/* GSL's gsl_rng_uniform() as its header's inline (r->type->get_double
 * on r->state): one indirect call per number instead of two calls; the
 * same function, so the same numbers. */
#define HAVE_INLINE 1

#include "ccsim/dist.h"

#include "core/ziggurat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

static const char *const kind_names[] = {
    [CCS_DIST_NONE] = "none",
    [CCS_DIST_EXPONENTIAL] = "exponential",
    [CCS_DIST_DETERMINISTIC] = "deterministic",
    [CCS_DIST_UNIFORM] = "uniform",
    [CCS_DIST_GAMMA] = "gamma",
    [CCS_DIST_ERLANG] = "erlang",
    [CCS_DIST_LOGNORMAL] = "lognormal",
    [CCS_DIST_EMPIRICAL] = "empirical",
};

#define NKINDS ((int)(sizeof kind_names / sizeof kind_names[0]))

const char *ccs_dist_kind_name(ccs_dist_kind k)
{
    if ((int)k < 0 || (int)k >= NKINDS) {
        return "unknown";
    }
    return kind_names[k];
}

int ccs_dist_kind_from_name(const char *name, ccs_dist_kind *out)
{
    if (name) {
        for (int i = 0; i < NKINDS; i++) {
            if (strcmp(name, kind_names[i]) == 0) {
                *out = (ccs_dist_kind)i;
                return CCS_OK;
            }
        }
        if (strcmp(name, "constant") == 0) {
            *out = CCS_DIST_DETERMINISTIC;
            return CCS_OK;
        }
    }
    *out = CCS_DIST_NONE;
    return CCS_EINVAL;
}

/* Parameter errors: the caller adds file, line and key. */
#define bad(err, ...) ccs_error_set((err), CCS_EINVAL, NULL, 0, NULL, __VA_ARGS__)

/* Mean and cv of the piecewise-linear CDF: each segment is uniform on
 * [x_i, x_i+1] with probability cdf_i+1 - cdf_i. */
static void empirical_moments(const ccs_dist *d, double *mean, double *cv)
{
    double m1 = 0.0, m2 = 0.0;
    if (d->cdf) {
        for (int i = 0; i + 1 < d->n; i++) {
            double p = d->cdf[i + 1] - d->cdf[i];
            double a = d->x[i], b = d->x[i + 1];
            m1 += p * (a + b) / 2.0;
            m2 += p * (a * a + a * b + b * b) / 3.0;
        }
    } else {
        for (int i = 0; i < d->n; i++) {
            m1 += d->x[i];
            m2 += d->x[i] * d->x[i];
        }
        m1 /= d->n;
        m2 /= d->n;
    }
    double var = m2 - m1 * m1;
    *mean = m1;
    *cv = m1 > 0.0 && var > 0.0 ? sqrt(var) / m1 : 0.0;
}

static int prepare_empirical(ccs_dist *d, ccs_error *err)
{
    if (d->cdf == NULL) {
        if (d->n < 1) {
            return bad(err, "expected at least 1 value, got %d", d->n);
        }
    } else if (d->n < 2) {
        return bad(err, "expected at least 2 CDF points, got %d", d->n);
    }
    if (d->x == NULL) {
        return bad(err, "expected a list of values");
    }
    for (int i = 0; i < d->n; i++) {
        if (!isfinite(d->x[i]) || d->x[i] < 0.0) {
            return bad(err, "expected values finite and >= 0, got %g at point %d",
                       d->x[i], i + 1);
        }
        if (d->x[i] > CCS_DIST_MAX_S) {
            return bad(err, "expected values at most %.0f s (a year), got %g at point %d",
                       CCS_DIST_MAX_S, d->x[i], i + 1);
        }
    }
    if (d->cdf) {
        if (d->cdf[0] != 0.0) {
            return bad(err, "expected the CDF to start at 0, got %g", d->cdf[0]);
        }
        if (d->cdf[d->n - 1] != 1.0) {
            return bad(err, "expected the CDF to end at 1, got %g", d->cdf[d->n - 1]);
        }
        for (int i = 1; i < d->n; i++) {
            /* The negated test also catches NaN. */
            if (!(d->cdf[i] >= d->cdf[i - 1])) {
                return bad(err, "expected CDF values ascending, got %g after %g at point %d",
                           d->cdf[i], d->cdf[i - 1], i + 1);
            }
            if (d->x[i] < d->x[i - 1]) {
                return bad(err, "expected values ascending, got %g after %g at point %d",
                           d->x[i], d->x[i - 1], i + 1);
            }
        }
    }
    empirical_moments(d, &d->p1, &d->p2);
    if (!(isfinite(d->p1) && isfinite(d->p2))) {
        return bad(err, "the table's mean (%g) or cv (%g) is not finite", d->p1, d->p2);
    }
    return CCS_OK;
}

static int check_mean(const ccs_dist *d, ccs_error *err)
{
    if (!(isfinite(d->mean) && d->mean > 0.0)) {
        return bad(err, "expected mean > 0, got %g", d->mean);
    }
    if (d->mean > CCS_DIST_MAX_S) {
        return bad(err, "expected mean at most %.0f s (a year), got %g", CCS_DIST_MAX_S,
                   d->mean);
    }
    return CCS_OK;
}

static int check_cv(const ccs_dist *d, ccs_error *err)
{
    if (!(isfinite(d->cv) && d->cv > 0.0)) {
        return bad(err, "expected cv > 0, got %g", d->cv);
    }
    if (!(d->cv >= CCS_DIST_CV_MIN && d->cv <= CCS_DIST_CV_MAX)) {
        return bad(err, "expected cv in [%g, %g], got %g", CCS_DIST_CV_MIN, CCS_DIST_CV_MAX,
                   d->cv);
    }
    return CCS_OK;
}

/* The precomputed parameters a sampler will use: finite, and positive
 * where they are a scale or a shape. */
static int check_derived(const ccs_dist *d, const char *what, ccs_error *err)
{
    if (!(isfinite(d->p1) && isfinite(d->p2) && d->p2 > 0.0)) {
        return bad(err, "%s from mean %g and cv %g is not finite (p1 %g, p2 %g)", what, d->mean,
                   d->cv, d->p1, d->p2);
    }
    return CCS_OK;
}

int ccs_dist_prepare(ccs_dist *d, ccs_error *err)
{
    int rc;
    switch (d->kind) {
    case CCS_DIST_NONE:
        d->p1 = d->p2 = 0.0;
        return CCS_OK;
    case CCS_DIST_EXPONENTIAL:
        return check_mean(d, err);
    case CCS_DIST_DETERMINISTIC:
        if (!(isfinite(d->mean) && d->mean >= 0.0)) {
            return bad(err, "expected mean >= 0, got %g", d->mean);
        }
        if (d->mean > CCS_DIST_MAX_S) {
            return bad(err, "expected mean at most %.0f s (a year), got %g", CCS_DIST_MAX_S,
                       d->mean);
        }
        return CCS_OK;
    case CCS_DIST_UNIFORM:
        if (!(isfinite(d->min) && d->min >= 0.0)) {
            return bad(err, "expected min >= 0, got %g", d->min);
        }
        if (!(isfinite(d->max) && d->max >= d->min)) {
            return bad(err, "expected max >= min (%g), got %g", d->min, d->max);
        }
        if (d->max > CCS_DIST_MAX_S) {
            return bad(err, "expected max at most %.0f s (a year), got %g", CCS_DIST_MAX_S,
                       d->max);
        }
        d->p1 = d->min;
        d->p2 = d->max - d->min;
        return CCS_OK;
    case CCS_DIST_GAMMA:
        if ((rc = check_mean(d, err)) != CCS_OK || (rc = check_cv(d, err)) != CCS_OK) {
            return rc;
        }
        d->p1 = 1.0 / (d->cv * d->cv);
        d->p2 = d->mean * d->cv * d->cv;
        return check_derived(d, "the gamma shape and scale", err);
    case CCS_DIST_ERLANG:
        if ((rc = check_mean(d, err)) != CCS_OK) {
            return rc;
        }
        if (d->k < 1) {
            return bad(err, "expected k >= 1 phases, got %d", d->k);
        }
        d->p1 = (double)d->k;
        d->p2 = d->mean / d->k;
        return check_derived(d, "the phase mean", err);
    case CCS_DIST_LOGNORMAL:
        if ((rc = check_mean(d, err)) != CCS_OK || (rc = check_cv(d, err)) != CCS_OK) {
            return rc;
        }
        {
            double s2 = log1p(d->cv * d->cv);
            d->p1 = log(d->mean) - s2 / 2.0;
            d->p2 = sqrt(s2);
        }
        return check_derived(d, "the lognormal mu and sigma", err);
    case CCS_DIST_EMPIRICAL:
        return prepare_empirical(d, err);
    }
    return bad(err, "unknown distribution kind %d", (int)d->kind);
}

/* Inverse of the piecewise-linear CDF: u in [0,1) falls in the segment
 * [cdf_i, cdf_i+1) found by binary search; flat segments are never chosen. */
static double empirical_cdf_sample(const ccs_dist *d, double u)
{
    const double *c = d->cdf;
    int lo = 0, hi = d->n - 1;   /* c[lo] <= u < c[hi] */
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (c[mid] <= u) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    double f = (u - c[lo]) / (c[hi] - c[lo]);
    return d->x[lo] + f * (d->x[hi] - d->x[lo]);
}

double ccs_dist_exp1(gsl_rng *r)
{
    return ccs_zig_exp1(r);
}

double ccs_dist_sample(const ccs_dist *d, gsl_rng *r)
{
    switch (d->kind) {
    case CCS_DIST_EXPONENTIAL:
        return d->mean * ccs_zig_exp1(r);
    case CCS_DIST_DETERMINISTIC:
        return d->mean;
    case CCS_DIST_UNIFORM:
        return d->p1 + d->p2 * gsl_rng_uniform(r);
    case CCS_DIST_GAMMA:
    case CCS_DIST_ERLANG:
        return gsl_ran_gamma(r, d->p1, d->p2);
    case CCS_DIST_LOGNORMAL:
        return gsl_ran_lognormal(r, d->p1, d->p2);
    case CCS_DIST_EMPIRICAL:
        if (d->cdf) {
            return empirical_cdf_sample(d, gsl_rng_uniform(r));
        } else {
            size_t i = (size_t)(gsl_rng_uniform(r) * d->n);
            return d->x[i < (size_t)d->n ? i : (size_t)d->n - 1];
        }
    case CCS_DIST_NONE:
        break;
    }
    return 0.0;
}

double ccs_dist_mean(const ccs_dist *d)
{
    switch (d->kind) {
    case CCS_DIST_UNIFORM:
        return (d->min + d->max) / 2.0;
    case CCS_DIST_EMPIRICAL:
        return d->p1;
    case CCS_DIST_NONE:
        return 0.0;
    default:
        return d->mean;
    }
}

double ccs_dist_cv(const ccs_dist *d)
{
    switch (d->kind) {
    case CCS_DIST_EXPONENTIAL:
        return 1.0;
    case CCS_DIST_UNIFORM: {
        double m = (d->min + d->max) / 2.0;
        return m > 0.0 ? (d->max - d->min) / sqrt(12.0) / m : 0.0;
    }
    case CCS_DIST_GAMMA:
    case CCS_DIST_LOGNORMAL:
        return d->cv;
    case CCS_DIST_ERLANG:
        return 1.0 / sqrt((double)d->k);
    case CCS_DIST_EMPIRICAL:
        return d->p2;
    case CCS_DIST_DETERMINISTIC:
    case CCS_DIST_NONE:
        break;
    }
    return 0.0;
}

static double *dup_array(const double *a, int n)
{
    double *b = malloc((size_t)n * sizeof *b);
    if (b) {
        memcpy(b, a, (size_t)n * sizeof *b);
    }
    return b;
}

int ccs_dist_copy(ccs_dist *dst, const ccs_dist *src)
{
    *dst = *src;
    dst->x = NULL;
    dst->cdf = NULL;
    if (src->n <= 0) {
        return CCS_OK;
    }
    if (src->x && !(dst->x = dup_array(src->x, src->n))) {
        goto fail;
    }
    if (src->cdf && !(dst->cdf = dup_array(src->cdf, src->n))) {
        goto fail;
    }
    return CCS_OK;

fail:
    ccs_dist_fini(dst);
    return CCS_ENOMEM;
}

void ccs_dist_fini(ccs_dist *d)
{
    free(d->x);
    free(d->cdf);
    memset(d, 0, sizeof *d);
    d->kind = CCS_DIST_NONE;
}

ccs_dist ccs_dist_exponential(double mean)
{
    ccs_dist d;
    memset(&d, 0, sizeof d);
    d.kind = CCS_DIST_EXPONENTIAL;
    d.mean = mean;
    d.cv = 1.0;
    return d;
}

ccs_dist ccs_dist_deterministic(double value)
{
    ccs_dist d;
    memset(&d, 0, sizeof d);
    d.kind = CCS_DIST_DETERMINISTIC;
    d.mean = value;
    return d;
}
