/*
 * stats.h — the estimators that turn the tallies of R replications
 * (tallies.h) into means with 95% confidence intervals.
 *
 * Across replications:
 *   - a count (offered, handled, ...) is the mean of the per-replication
 *     values with a Student-t interval;
 *   - a fraction of callers or a per-call average (service level, P(wait),
 *     abandon rate, ASA, occupancy) is a ratio of sums, sum(Y)/sum(X), with a
 *     delta-method interval, never the mean of per-replication ratios, which
 *     is biased when a cell has few calls.
 */
#ifndef CCSIM_STATS_H
#define CCSIM_STATS_H

#include <stddef.h>

/* A mean and its 95% confidence interval [lo, hi].  With fewer than two
 * replications, or zero variance, lo = hi = mean.  `defined` is 0 when the
 * figure has no meaning (a ratio over zero calls); mean is then 0. */
typedef struct ccs_estimate {
    double mean;
    double lo;
    double hi;
    int defined;
} ccs_estimate;

/* Mean of x[0], x[stride], ... (n values) with a Student-t 95% interval. */
ccs_estimate ccs_stats_mean(const double *x, size_t n, size_t stride);

/* Ratio of sums sum(y)/sum(x) over n replications with a delta-method 95%
 * interval (t quantile with n - 1 degrees of freedom):
 *   R = ybar/xbar,  Var(R) ~ (s_yy - 2 R s_xy + R^2 s_xx) / (n xbar^2).
 * Undefined (defined = 0) when sum(x) == 0.  The interval is clipped to
 * [lo_clip, hi_clip] (use -INFINITY/INFINITY for no clipping). */
ccs_estimate ccs_stats_ratio(const double *y, const double *x, size_t n,
                             size_t stride, double lo_clip, double hi_clip);

/* Two-sided 95% Student-t quantile for df degrees of freedom (GSL). */
double ccs_stats_t95(size_t df);

#endif
