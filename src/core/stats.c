/*
 * stats.c — the across-replication estimators.
 *
 * Estimates are computed from the R per-replication values in one pass of
 * two-pass arithmetic (mean first, then centred sums), which is exact
 * enough for the R <= 100,000 replications a scenario may ask for and
 * independent of the order threads finished in (the caller passes values in
 * replication order).
 */
#include "ccsim/stats.h"

#include <math.h>
#include <gsl/gsl_cdf.h>

double ccs_stats_t95(size_t df)
{
    if (df == 0) {
        return INFINITY;
    }
    return gsl_cdf_tdist_Pinv(0.975, (double)df);
}

static ccs_estimate point(double m)
{
    ccs_estimate e = {m, m, m, 1};
    return e;
}

ccs_estimate ccs_stats_mean(const double *x, size_t n, size_t stride)
{
    if (n == 0) {
        ccs_estimate e = {0, 0, 0, 0};
        return e;
    }
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += x[i * stride];
    }
    double mean = sum / (double)n;
    if (n < 2) {
        return point(mean);
    }
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i * stride] - mean;
        ss += d * d;
    }
    double half = ccs_stats_t95(n - 1) * sqrt(ss / (double)(n - 1) / (double)n);
    ccs_estimate e = {mean, mean - half, mean + half, 1};
    return e;
}

ccs_estimate ccs_stats_ratio(const double *y, const double *x, size_t n,
                             size_t stride, double lo_clip, double hi_clip)
{
    ccs_estimate e = {0, 0, 0, 0};
    double sx = 0, sy = 0;
    for (size_t i = 0; i < n; i++) {
        sx += x[i * stride];
        sy += y[i * stride];
    }
    if (n == 0 || sx == 0) {
        return e;
    }
    double r = sy / sx;
    if (n < 2) {
        return point(r);
    }
    double xbar = sx / (double)n, ybar = sy / (double)n;
    double sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = x[i * stride] - xbar, dy = y[i * stride] - ybar;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    /* Delta method: the residuals y_i - r x_i have mean zero; their sample
     * variance over xbar^2 / n is the variance of the ratio estimator. */
    double v = (syy - 2.0 * r * sxy + r * r * sxx) / (double)(n - 1);
    if (v < 0) {
        v = 0;  /* rounding when the residuals are all ~0 */
    }
    double half = ccs_stats_t95(n - 1) * sqrt(v / (double)n) / xbar;
    e.mean = r;
    e.lo = fmax(r - half, lo_clip);
    e.hi = fmin(r + half, hi_clip);
    e.defined = 1;
    return e;
}
