/*
 * uncertainty.c — P(an interval meets its SL target) and E[SL] when the
 * arrival rate is lambda * B, B ~ Gamma(mean 1, cv C), and K ~ Binomial(N,
 * 1 - A) of the N planned agents are present (see uncertainty.h).
 *
 * For each K the target is met exactly when B <= b*(K), where b*(K) solves
 * SL(lambda b, K) = target; b*(K) rises with K, so a root found for K
 * brackets the roots of its neighbours and most roots take a handful of
 * evaluations (regula falsi with the Illinois modification, which keeps a
 * bracket and converges superlinearly).  Roots outside the central
 * 1 - 2e-15 of the gamma's mass are not refined: they contribute G = 0 or
 * 1 to double precision.  The roots and G(b*(K)) are cached per traffic, so
 * the search over N costs the binomial sums only.
 *
 * Erlang C's SL at (load a, K agents) comes from the Erlang ratio kappa =
 * P(Poisson(a) = K) / P(Poisson(a) <= K-1): by its recurrence (erlang.c)
 * for small K, and from the regularised incomplete gamma function for large
 * K, where the recurrence would cost O(K) per evaluation.  Erlang A uses
 * ccs_erlang_eval().  E[SL] integrates over the gamma density by composite
 * Gauss-Legendre, with one kappa pass over K per node for Erlang C.
 *
 * Invariant: no allocation per evaluation (scratch arrays grow with the
 * largest N seen and live in the model); nothing is printed.
 */
#include "ccsim/uncertainty.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#define TAIL 1e-15             /* gamma mass left out on each side of the window */
#define ROOT_TOL 1e-11         /* relative width of the final bracket */
#define MAX_N 2000000          /* planned agents at most */
#define KAPPA_LOOP_MAX 256     /* below this K the recurrence is cheaper than gamma_inc */
#define BINOM_SIGMAS 9.0       /* the binomial sum spans mode +- 9 sd (tail < 1e-18) */

enum { UNKNOWN = 0, ROOT, BELOW, ABOVE };

struct ccs_uncertainty {
    double cv;
    double absent;
    double shape;          /* k = 1 / cv^2 */
    double scale;          /* cv^2 */
    double b_lo, b_hi;     /* the window: G(b_lo) = G'(b_hi) = TAIL */
    /* traffic of the current cache */
    ccs_erlang_query q;
    double target;
    double a1;             /* offered load at B = 1 */
    /* caches over K, [cap] */
    int cap;
    unsigned char *state;
    double *thr;           /* b*(K) when state == ROOT */
    double *pk;            /* P(meet | K) once state != UNKNOWN */
    double *w;             /* scratch: binomial weights */
};

void ccs_uncertainty_free(ccs_uncertainty *u)
{
    if (!u) {
        return;
    }
    free(u->state);
    free(u->thr);
    free(u->pk);
    free(u->w);
    free(u);
}

ccs_uncertainty *ccs_uncertainty_new(double volume_cv, double absenteeism, ccs_error *err)
{
    if (!(volume_cv >= 0 && volume_cv <= CCS_UNCERTAINTY_MAX_CV)) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "--volume-cv",
                      "expected a coefficient of variation from 0 to %g, got %g",
                      CCS_UNCERTAINTY_MAX_CV, volume_cv);
        return NULL;
    }
    if (!(absenteeism >= 0 && absenteeism <= CCS_UNCERTAINTY_MAX_ABSENT)) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "--absenteeism",
                      "expected a fraction from 0 to %g, got %g", CCS_UNCERTAINTY_MAX_ABSENT,
                      absenteeism);
        return NULL;
    }
    ccs_uncertainty *u = calloc(1, sizeof *u);
    if (!u) {
        ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    u->cv = volume_cv;
    u->absent = absenteeism;
    if (volume_cv > 0) {
        u->shape = 1.0 / (volume_cv * volume_cv);
        u->scale = volume_cv * volume_cv;
        u->b_lo = gsl_cdf_gamma_Pinv(TAIL, u->shape, u->scale);
        u->b_hi = gsl_cdf_gamma_Qinv(TAIL, u->shape, u->scale);
        if (!(u->b_lo >= 0 && isfinite(u->b_lo))) {
            u->b_lo = 0;
        }
        if (!(u->b_hi > 1 && isfinite(u->b_hi))) {
            u->b_hi = 1.0 + 40.0 * volume_cv;
        }
    } else {
        u->b_lo = u->b_hi = 1.0;
    }
    return u;
}

/* ---- SL at (rate multiplier b, K agents) ------------------------------ */

/* Erlang C service level at load a on k agents, from the Erlang ratio. */
static double sl_c_kappa(double a, int k, double kappa, double t_over_aht)
{
    double dk = (double)k;
    double gap = dk - a;
    double nk = dk * kappa;
    double den = gap + nk;
    double x = gap * t_over_aht;
    return (gap - nk * expm1(-x)) / den;
}

static double kappa_of(double a, int k)
{
    if (k <= KAPPA_LOOP_MAX) {
        double kappa = a;
        for (int i = 2; i <= k && kappa > 0.0; i++) {
            kappa = a * kappa / ((double)i * (1.0 + kappa));
        }
        return kappa;
    }
    gsl_sf_result q;
    double lp = (double)k * log(a) - a - gsl_sf_lngamma((double)k + 1.0);
    if (gsl_sf_gamma_inc_Q_e((double)k, a, &q) != GSL_SUCCESS || !(q.val > 0)) {
        /* Fall back on the recurrence; never expected for a < k. */
        double kappa = a;
        for (int i = 2; i <= k && kappa > 0.0; i++) {
            kappa = a * kappa / ((double)i * (1.0 + kappa));
        }
        return kappa;
    }
    return lp < -745.0 ? 0.0 : exp(lp) / q.val;
}

static double sl_at(const ccs_uncertainty *u, double b, int k)
{
    if (k <= 0) {
        return 0.0;
    }
    if (u->q.patience_s > 0) {
        ccs_erlang_query q = u->q;
        q.calls_per_hour = u->q.calls_per_hour * b;
        ccs_erlang_metrics m;
        int rc = ccs_erlang_eval(&q, k, &m);
        return rc == CCS_OK ? m.service_level : 0.0;
    }
    double a = u->a1 * b;
    if (a >= (double)k) {
        return 0.0;
    }
    return sl_c_kappa(a, k, kappa_of(a, k), u->q.threshold_s / u->q.aht_s);
}

/* ---- the caches ------------------------------------------------------- */

static int grow(ccs_uncertainty *u, int n)
{
    if (n + 1 <= u->cap) {
        return CCS_OK;
    }
    int cap = u->cap ? u->cap : 64;
    while (cap < n + 1) {
        cap *= 2;
    }
    unsigned char *s = realloc(u->state, (size_t)cap);
    if (s) {
        u->state = s;
    }
    double *t = realloc(u->thr, (size_t)cap * sizeof *t);
    if (t) {
        u->thr = t;
    }
    double *p = realloc(u->pk, (size_t)cap * sizeof *p);
    if (p) {
        u->pk = p;
    }
    double *w = realloc(u->w, (size_t)cap * sizeof *w);
    if (w) {
        u->w = w;
    }
    if (!s || !t || !p || !w) {
        return CCS_ENOMEM;
    }
    memset(u->state + u->cap, UNKNOWN, (size_t)(cap - u->cap));
    u->cap = cap;
    return CCS_OK;
}

static int same_traffic(const ccs_uncertainty *u, const ccs_erlang_query *q, double target)
{
    return u->target == target && u->q.calls_per_hour == q->calls_per_hour &&
           u->q.aht_s == q->aht_s && u->q.patience_s == q->patience_s &&
           u->q.threshold_s == q->threshold_s;
}

static int set_traffic(ccs_uncertainty *u, const ccs_erlang_query *q, double target,
                       ccs_error *err)
{
    if (!(isfinite(q->calls_per_hour) && q->calls_per_hour > 0 && isfinite(q->aht_s) &&
          q->aht_s > 0 && isfinite(q->patience_s) && q->patience_s >= 0 &&
          isfinite(q->threshold_s) && q->threshold_s >= 0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--calls",
                             "expected a rate > 0, a handle time > 0, a patience >= 0 and a "
                             "threshold >= 0");
    }
    if (!(target > 0 && target < 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--sl",
                             "expected a service-level target above 0 and below 1, got %g",
                             target);
    }
    if (!same_traffic(u, q, target)) {
        u->q = *q;
        u->target = target;
        u->a1 = q->calls_per_hour * q->aht_s / 3600.0;
        if (u->cap > 0) {
            memset(u->state, UNKNOWN, (size_t)u->cap);
        }
    }
    return CCS_OK;
}

/* b*(k) by Illinois regula falsi in [lo, hi], f(lo) >= 0 > f(hi). */
static double root(const ccs_uncertainty *u, int k, double lo, double flo, double hi,
                   double fhi)
{
    int side = 0;
    for (int it = 0; it < 200 && hi - lo > ROOT_TOL * hi; it++) {
        double b = (lo * fhi - hi * flo) / (fhi - flo);
        if (!(b > lo && b < hi) || it % 8 == 7) {
            b = 0.5 * (lo + hi);   /* every eighth step bisects, as a safeguard */
        }
        double fb = sl_at(u, b, k) - u->target;
        if (fabs(fb) <= 1e-14) {
            return b;   /* SL's slope in b is O(1) or more: b is within ~1e-14 */
        }
        if (fb >= 0) {
            lo = b;
            flo = fb;
            if (side < 0) {
                fhi *= 0.5;
            }
            side = -1;
        } else {
            hi = b;
            fhi = fb;
            if (side > 0) {
                flo *= 0.5;
            }
            side = 1;
        }
    }
    return 0.5 * (lo + hi);
}

/* P(meet | K = k), computing and caching b*(k). */
static double pk_of(ccs_uncertainty *u, int k)
{
    if (u->state[k] != UNKNOWN) {
        return u->pk[k];
    }
    if (k == 0) {
        u->state[k] = BELOW;
        return u->pk[k] = 0.0;
    }
    if (u->cv == 0) {
        ccs_erlang_metrics m;
        int rc = ccs_erlang_eval(&u->q, k, &m);
        int ok = (rc == CCS_OK) && m.service_level >= u->target;
        u->state[k] = ok ? ABOVE : BELOW;
        return u->pk[k] = ok ? 1.0 : 0.0;
    }
    /* A guess extrapolated from the roots next to k (b* is smooth in K):
     * two evaluations a sliver either side of it usually bracket the root,
     * and regula falsi finishes in one or two more. */
    double g = NAN, lin = NAN;
    if (k >= 3 && u->state[k - 1] == ROOT && u->state[k - 2] == ROOT) {
        lin = 2.0 * u->thr[k - 1] - u->thr[k - 2];
        g = (k >= 4 && u->state[k - 3] == ROOT)
                ? 3.0 * u->thr[k - 1] - 3.0 * u->thr[k - 2] + u->thr[k - 3]
                : lin;
    } else if (k + 2 < u->cap && u->state[k + 1] == ROOT && u->state[k + 2] == ROOT) {
        lin = 2.0 * u->thr[k + 1] - u->thr[k + 2];
        g = (k + 3 < u->cap && u->state[k + 3] == ROOT)
                ? 3.0 * u->thr[k + 1] - 3.0 * u->thr[k + 2] + u->thr[k + 3]
                : lin;
    }
    if (isfinite(g)) {
        double eps = 2.0 * fabs(g - lin) + 1e-9 * g;
        double x1 = g - eps, x2 = g + eps;
        if (x1 > u->b_lo && x2 < u->b_hi) {
            double f1 = sl_at(u, x1, k) - u->target;
            if (f1 >= 0) {
                double f2 = sl_at(u, x2, k) - u->target;
                if (f2 < 0) {
                    double b = root(u, k, x1, f1, x2, f2);
                    u->thr[k] = b;
                    u->state[k] = ROOT;
                    return u->pk[k] = gsl_cdf_gamma_P(b, u->shape, u->scale);
                }
            }
        }
    }
    /* Otherwise bracket from the nearest known roots, or the window. */
    double lo = u->b_lo, hi = u->b_hi;
    int jlo = -1, jhi = -1;
    for (int j = k - 1; j >= 1 && j >= k - 64; j--) {
        if (u->state[j] == ROOT) {
            jlo = j;
            lo = u->thr[j];
            break;
        }
        if (u->state[j] == ABOVE) {
            break;
        }
    }
    for (int j = k + 1; j < u->cap && j <= k + 64; j++) {
        if (u->state[j] == ROOT) {
            jhi = j;
            hi = u->thr[j];
            break;
        }
        if (u->state[j] == BELOW) {
            break;
        }
    }
    double flo = sl_at(u, lo, k) - u->target;
    if (jlo < 0 && flo < 0) {
        u->state[k] = BELOW;
        return u->pk[k] = 0.0;
    }
    double fhi = sl_at(u, hi, k) - u->target;
    if (jhi < 0 && fhi >= 0) {
        u->state[k] = ABOVE;
        return u->pk[k] = 1.0;
    }
    if (flo < 0 || fhi >= 0 || !(hi > lo)) {
        /* A cached neighbour's root rounded the wrong side: use the window. */
        lo = u->b_lo;
        hi = u->b_hi;
        flo = sl_at(u, lo, k) - u->target;
        fhi = sl_at(u, hi, k) - u->target;
        if (flo < 0) {
            u->state[k] = BELOW;
            return u->pk[k] = 0.0;
        }
        if (fhi >= 0) {
            u->state[k] = ABOVE;
            return u->pk[k] = 1.0;
        }
    }
    double b = root(u, k, lo, flo, hi, fhi);
    u->thr[k] = b;
    u->state[k] = ROOT;
    return u->pk[k] = gsl_cdf_gamma_P(b, u->shape, u->scale);
}

/* The K range of Binomial(n, 1 - A) that carries all but ~1e-18 of it. */
static void k_range(const ccs_uncertainty *u, int n, int *k0, int *k1)
{
    if (u->absent == 0) {
        *k0 = *k1 = n;
        return;
    }
    double p = 1.0 - u->absent;
    double mode = n * p;
    double sd = sqrt(n * p * u->absent);
    double lo = floor(mode - BINOM_SIGMAS * sd - 3.0);
    *k0 = lo < 0 ? 0 : (int)lo;
    *k1 = n;
}

static double binom_pmf(int k, int n, double p)
{
    if (p >= 1.0) {
        return k == n ? 1.0 : 0.0;
    }
    double l = gsl_sf_lnchoose((unsigned)n, (unsigned)k) + k * log(p) + (n - k) * log1p(-p);
    return exp(l);
}

static int check_n(int agents, ccs_error *err)
{
    if (agents < 0 || agents > MAX_N) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--agents",
                             "expected planned agents from 0 to %d, got %d", MAX_N, agents);
    }
    return CCS_OK;
}

static double prob_meet(ccs_uncertainty *u, int n)
{
    int k0, k1;
    k_range(u, n, &k0, &k1);
    double p = 1.0 - u->absent;
    double s = 0;
    for (int k = k0; k <= k1; k++) {
        double w = binom_pmf(k, n, p);
        if (w > 0) {
            s += w * pk_of(u, k);
        }
    }
    return s > 1.0 ? 1.0 : s;
}

int ccs_uncertainty_prob_meet(ccs_uncertainty *u, const ccs_erlang_query *q, double sl_target,
                              int agents, double *out, ccs_error *err)
{
    CCS_ASSERT(u != NULL && q != NULL && out != NULL);
    int rc = set_traffic(u, q, sl_target, err);
    if (rc == CCS_OK) {
        rc = check_n(agents, err);
    }
    if (rc == CCS_OK && grow(u, agents) != CCS_OK) {
        rc = ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    if (rc != CCS_OK) {
        return rc;
    }
    *out = prob_meet(u, agents);
    return CCS_OK;
}

/* 8-point Gauss-Legendre on [-1, 1]. */
static const double gl_x[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                               0.9602898564975363};
static const double gl_w[4] = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
                               0.1012285362903763};

/* sum_K P(K) SL(lambda b, K) over K in [k0, k1], with w[K - k0] = P(K). */
static double sl_mix(const ccs_uncertainty *u, double b, int k0, int k1, const double *w)
{
    double s = 0;
    if (u->q.patience_s > 0) {
        for (int k = k0 > 1 ? k0 : 1; k <= k1; k++) {
            if (w[k - k0] > 1e-300) {
                s += w[k - k0] * sl_at(u, b, k);
            }
        }
        return s;
    }
    /* Erlang C: one kappa pass over K for this load, from K = k0 (where
     * kappa comes from the incomplete gamma function) up. */
    double a = u->a1 * b;
    double tau = u->q.threshold_s / u->q.aht_s;
    int kstart = k0 > 1 ? k0 : 1;
    double kappa = kappa_of(a, kstart);
    for (int k = kstart; k <= k1; k++) {
        if (k > kstart && kappa > 0) {
            kappa = a * kappa / ((double)k * (1.0 + kappa));
        }
        if (k >= k0 && (double)k > a && w[k - k0] > 1e-300) {
            s += w[k - k0] * sl_c_kappa(a, k, kappa, tau);
        }
    }
    return s;
}

/* E[SL | n] = integral over b of g(b) sum_K P(K) SL(lambda b, K), by
 * composite 8-point Gauss-Legendre over the gamma's window.  Panels are
 * narrower than both the gamma's spread and the width over which SL falls
 * from 1 to 0 (about 1.5 sqrt(n) Erlangs), so neither a sharp forecast nor
 * a large center is under-resolved. */
static double expected_sl(ccs_uncertainty *u, int n)
{
    if (n <= 0) {
        return 0.0;
    }
    if (u->cv == 0 && u->absent == 0) {
        ccs_erlang_metrics m;
        int rc = ccs_erlang_eval(&u->q, n, &m);
        return rc == CCS_OK ? m.service_level : 0.0;
    }
    int k0, k1;
    k_range(u, n, &k0, &k1);
    double p = 1.0 - u->absent;
    double *w = u->w;
    for (int k = k0; k <= k1; k++) {
        w[k - k0] = binom_pmf(k, n, p);
    }
    if (u->cv == 0) {
        return fmin(sl_mix(u, 1.0, k0, k1, w), 1.0);
    }
    double lo = u->b_lo, hi = u->b_hi;
    if (u->q.patience_s == 0 && hi > (double)n / u->a1) {
        hi = (double)n / u->a1;   /* SL = 0 beyond: every K <= n is unstable */
    }
    if (!(hi > lo)) {
        return 0.0;
    }
    double width = fmin(u->cv, 1.5 * sqrt((double)n) / u->a1) / 2.0;
    /* For Erlang C, SL(lambda b, K) has a kink at b = K / a1 (it is 0
     * beyond): those points are panel ends, so every panel is smooth. */
    double total = 0;
    int kb = u->q.patience_s > 0 ? k1 + 1 : k0;
    if (1.0 / u->a1 < width / 16) {
        /* Kinks closer than a sixteenth of a panel: their sum over K with
         * smooth binomial weights is smooth on the panel's scale, and
         * breaking at each would cost a panel per K. */
        kb = k1 + 1;
    }
    double x = lo;
    while (x < hi) {
        double y = hi;
        while (kb <= k1 && (double)kb / u->a1 <= x) {
            kb++;
        }
        if (kb <= k1 && (double)kb / u->a1 < hi) {
            y = (double)kb / u->a1;
        }
        int panels = (int)ceil((y - x) / width);
        panels = panels < 1 ? 1 : panels > 4000 ? 4000 : panels;
        double h = (y - x) / panels;
        for (int i = 0; i < panels; i++) {
            double c = x + (i + 0.5) * h;
            for (int j = 0; j < 4; j++) {
                for (int sgn = -1; sgn <= 1; sgn += 2) {
                    double b = c + sgn * gl_x[j] * h / 2;
                    double g = gsl_ran_gamma_pdf(b, u->shape, u->scale);
                    if (g > 0) {
                        total += gl_w[j] * h / 2 * g * sl_mix(u, b, k0, k1, w);
                    }
                }
            }
        }
        x = y;
    }
    return total > 1.0 ? 1.0 : total;
}

int ccs_uncertainty_expected_sl(ccs_uncertainty *u, const ccs_erlang_query *q, int agents,
                                double *out, ccs_error *err)
{
    CCS_ASSERT(u != NULL && q != NULL && out != NULL);
    /* The target does not enter E[SL]; keep the cached one if any. */
    double target = u->target > 0 && u->target < 1 ? u->target : 0.5;
    int rc = set_traffic(u, q, target, err);
    if (rc == CCS_OK) {
        rc = check_n(agents, err);
    }
    if (rc == CCS_OK && grow(u, agents) != CCS_OK) {
        rc = ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    if (rc != CCS_OK) {
        return rc;
    }
    *out = expected_sl(u, agents);
    return CCS_OK;
}

/* A starting point near the answer: Erlang at the confidence quantile of
 * the rate, scaled up for absence with a normal margin.  Only saves work:
 * the search goes both ways from it. */
static int guess(const ccs_uncertainty *u, const ccs_erlang_query *q,
                 const ccs_staffing_targets *t, double confidence, int n0)
{
    double n1 = n0;
    if (u->cv > 0) {
        double bq = gsl_cdf_gamma_Pinv(confidence, u->shape, u->scale);
        ccs_erlang_query q2 = *q;
        q2.calls_per_hour *= isfinite(bq) && bq > 0 ? bq : 1.0;
        ccs_staffing_result r;
        if (ccs_erlang_staff(&q2, t, &r, NULL) == CCS_OK) {
            n1 = r.agents;
        }
    }
    if (u->absent > 0) {
        double z = gsl_cdf_ugaussian_Pinv(confidence);
        double p = 1.0 - u->absent;
        /* least N with N p - z sqrt(N p A) >= n1 */
        double sq = (z * sqrt(p * u->absent) + sqrt(z * z * p * u->absent + 4.0 * p * n1)) /
                    (2.0 * p);
        n1 = sq * sq;
    }
    return n1 > MAX_N ? MAX_N : (int)ceil(n1);
}

int ccs_uncertainty_staff(ccs_uncertainty *u, const ccs_erlang_query *q,
                          const ccs_staffing_targets *t, double confidence,
                          ccs_uncertain_staffing *out, ccs_error *err)
{
    CCS_ASSERT(u != NULL && q != NULL && t != NULL && out != NULL);
    if (!(confidence >= 0 && confidence < 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--confidence",
                             "expected a probability above 0 and below 1, got %g", confidence);
    }
    if (!(t->service_level > 0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--confidence",
                             "needs a service-level target (--sl)");
    }
    ccs_staffing_result mean;
    int rc = ccs_erlang_staff(q, t, &mean, err);
    if (rc != CCS_OK) {
        return rc;
    }
    int floor_n = 1;
    if (t->max_asa_s > 0 || t->max_occupancy > 0 || t->max_abandon > 0) {
        ccs_staffing_targets t2 = *t;
        t2.service_level = 0;
        ccs_staffing_result other;
        rc = ccs_erlang_staff(q, &t2, &other, err);
        if (rc != CCS_OK) {
            return rc;
        }
        floor_n = other.agents;
    }
    rc = set_traffic(u, q, t->service_level, err);
    if (rc != CCS_OK) {
        return rc;
    }
    int n0 = mean.agents;
    if (n0 > MAX_N || grow(u, n0 + 1) != CCS_OK) {
        return ccs_error_set(err, n0 > MAX_N ? CCS_EINVAL : CCS_ENOMEM, NULL, 0, "--calls",
                             "cannot staff %d agents under uncertainty (at most %d)", n0,
                             MAX_N);
    }
    memset(out, 0, sizeof *out);
    out->mean_agents = n0;
    out->prob_meet_mean = prob_meet(u, n0);
    int ans = n0;
    if (confidence > 0) {
        int lo = -1, hi = -1;   /* lo fails, hi meets */
        int start = guess(u, q, t, confidence, n0);
        if (start < floor_n) {
            start = floor_n;
        }
        if (grow(u, start + 1) != CCS_OK) {
            return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        if (prob_meet(u, start) >= confidence) {
            hi = start;
            int step = 1;
            while (hi > floor_n) {
                int m = hi - step < floor_n ? floor_n : hi - step;
                if (prob_meet(u, m) >= confidence) {
                    hi = m;
                    step *= 2;
                } else {
                    lo = m;
                    break;
                }
            }
        } else {
            lo = start;
            int step = 1;
            for (;;) {
                long m = (long)lo + step;
                if (m > MAX_N) {
                    return ccs_error_set(err, CCS_EINVAL, NULL, 0, "--confidence",
                                         "no staffing up to %d agents meets the target with "
                                         "probability %g",
                                         MAX_N, confidence);
                }
                if (grow(u, (int)m) != CCS_OK) {
                    return ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
                }
                if (prob_meet(u, (int)m) >= confidence) {
                    hi = (int)m;
                    break;
                }
                lo = (int)m;
                step *= 2;
            }
        }
        while (lo >= 0 && hi - lo > 1) {
            int m = lo + (hi - lo) / 2;
            if (prob_meet(u, m) >= confidence) {
                hi = m;
            } else {
                lo = m;
            }
        }
        ans = hi;
    }
    out->agents = ans;
    out->scheduled_agents = ccs_erlang_scheduled(ans, t->shrinkage);
    out->prob_meet = prob_meet(u, ans);
    out->prob_meet_below = ans > 1 ? prob_meet(u, ans - 1) : 0.0;
    out->expected_sl = expected_sl(u, ans);
    out->expected_sl_mean = expected_sl(u, n0);
    return CCS_OK;
}
