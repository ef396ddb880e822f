/*
 * uncertainty.c — P(an interval meets its SL target) and E[SL] when the
 * arrival rate is lambda * B, B ~ Gamma(mean 1, cv C), and K ~ Binomial(N,
 * 1 - A) of the N planned agents are present (see uncertainty.h).
 *
 * For each K the target is met exactly when B <= b*(K), where b*(K) solves
 * SL(lambda b, K) = target.  b*(K) is smooth in K, so a root is first
 * extrapolated from its neighbours' (cubic, error ~1e-8 relative) and, for
 * Erlang C, finished by Newton's method on the analytic slope
 *   dSL/da = -P(W > T) ((K - a)/a + 1/(K - a + K kappa) + T/AHT)
 * (one or two evaluations per K); roots without neighbours, and Erlang A's,
 * are bracketed from their neighbours or the window and refined by regula
 * falsi with the Illinois modification.  Roots outside the central
 * 1 - 2e-15 of the gamma's mass are not refined: they contribute G = 0 or
 * 1 to double precision.  The roots and G(b*(K)) are cached per traffic, so
 * the search over N costs the binomial sums only.  With C = 0 the condition
 * is K >= the Erlang answer (ccs_erlang_staff(), found once per traffic).
 *
 * The binomial weights come from the mode outwards by the ratio
 * P(K+1)/P(K) = (N-K)/(K+1) (1-A)/A, stopping on each side when a geometric
 * bound on the rest of the tail is below BINOM_TAIL: at most 1e-15 of the
 * mass is left out in all.
 *
 * Erlang C's SL at (load a, K agents) comes from the Erlang ratio kappa =
 * P(Poisson(a) = K) / P(Poisson(a) <= K-1): by its recurrence (erlang.c)
 * for small K, and from the regularised incomplete gamma function for large
 * K, where the recurrence would cost O(K) per evaluation.  Erlang A takes
 * the same kappa (ccs_erlang_eval_kappa()), so it costs its chain only.
 * E[SL] integrates over the gamma density by composite Gauss-Legendre, with
 * one kappa pass over K per node; panels where SL is 1 to double precision
 * at every K are the gamma's mass alone (uncertainty_esl.c).
 *
 * Invariant: no allocation per evaluation (scratch arrays grow with the
 * largest N seen and live in the model); nothing is printed.
 */
#include "analytic/uncertainty_impl.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

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
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "volume_cv",
                      "expected a coefficient of variation from 0 to %g, got %g",
                      CCS_UNCERTAINTY_MAX_CV, volume_cv);
        return NULL;
    }
    if (!(absenteeism >= 0 && absenteeism <= CCS_UNCERTAINTY_MAX_ABSENT)) {
        ccs_error_set(err, CCS_EINVAL, NULL, 0, "absenteeism",
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
    u->wn = -1;
    u->kc = -1;
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
        u->e_lo = gsl_cdf_gamma_Pinv(ESL_TAIL, u->shape, u->scale);
        u->e_hi = gsl_cdf_gamma_Qinv(ESL_TAIL, u->shape, u->scale);
        if (!(u->e_lo >= u->b_lo && u->e_lo < 1)) {
            u->e_lo = u->b_lo;
        }
        if (!(u->e_hi > 1 && u->e_hi <= u->b_hi)) {
            u->e_hi = u->b_hi;
        }
    } else {
        u->b_lo = u->b_hi = u->e_lo = u->e_hi = 1.0;
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

static double kappa_loop(double a, int k)
{
    double kappa = a;
    for (int i = 2; i <= k && kappa > 0.0; i++) {
        kappa = a * kappa / ((double)i * (1.0 + kappa));
    }
    return kappa;
}

/* 1 / kappa = P(Poisson(a) <= k-1) / P(Poisson(a) = k)
 *            = sum_{i=1..k} prod_{m<i} (k - m) / a,
 * positive terms that rise to a peak near i = k - a and then fall faster
 * than geometrically; summed until a geometric bound on the rest is below
 * 2^-56 of the sum.  About (k - a) + 9 sqrt(a) terms, accurate to a few
 * ulp: near a = k it is both faster and more accurate (1e-15 against
 * 1e-13 to 1e-11) than GSL's incomplete gamma function. */
static double kappa_series(double a, int k)
{
    double inv = 1.0 / a, t = 1.0, s = 0.0;
    for (int i = 1; i <= k; i++) {
        t *= (double)(k - i + 1) * inv;
        s += t;
        double r = (double)(k - i) * inv;   /* the next term over this one */
        if (r < 1.0 && t * r <= 0x1p-56 * (1.0 - r) * s) {
            break;
        }
    }
    return 1.0 / s;
}

/* kappa(a, k): the recurrence for small k; the series where its peak term
 * stays below e^(SERIES_SIGMAS^2 / 2) (k - a within SERIES_SIGMAS sqrt(k))
 * and it is not too long; else the incomplete gamma function. */
double ccs__unc_kappa_of(double a, int k)
{
    if (k <= KAPPA_LOOP_MAX) {
        return kappa_loop(a, k);
    }
    double dk = (double)k;
    if (dk <= SERIES_MAX_K && dk - a <= SERIES_SIGMAS * sqrt(dk)) {
        return kappa_series(a, k);
    }
    gsl_sf_result q;
    double lp = dk * log(a) - a - gsl_sf_lngamma(dk + 1.0);
    if (gsl_sf_gamma_inc_Q_e(dk, a, &q) != GSL_SUCCESS || !(q.val > 1e-300)) {
        /* P(Poisson(a) <= k-1) out of range (a far above k): the series is
         * short there; never taken for a < k. */
        return kappa_series(a, k);
    }
    double lk = lp - log(q.val);
    return lk < -745.0 ? 0.0 : lk > 709.0 ? kappa_series(a, k) : exp(lk);
}

double ccs__unc_sl_at(const ccs_uncertainty *u, double b, int k)
{
    if (k <= 0) {
        return 0.0;
    }
    double a = u->a1 * b;
    if (u->q.patience_s > 0) {
        ccs_erlang_query q = u->q;
        q.calls_per_hour = u->q.calls_per_hour * b;
        ccs_erlang_metrics m;
        int rc = ccs_erlang_eval_kappa(&q, k, ccs__unc_kappa_of(a, k), &m);
        return rc == CCS_OK ? m.service_level : 0.0;
    }
    if (a >= (double)k) {
        return 0.0;
    }
    return sl_c_kappa(a, k, ccs__unc_kappa_of(a, k), u->q.threshold_s / u->q.aht_s);
}

/* Erlang C's SL at (b, k) and its slope dSL/db (0 where SL = 0):
 * dSL/da = -P(W > T) ((k - a)/a + 1/(k - a + k kappa) + T/AHT), from
 * d ln kappa / da = (k - a + k kappa) / a. */
static double sl_c_slope(const ccs_uncertainty *u, double b, int k, double *slope)
{
    double a = u->a1 * b;
    double dk = (double)k;
    if (k <= 0 || a >= dk) {
        *slope = 0.0;
        return 0.0;
    }
    double tau = u->q.threshold_s / u->q.aht_s;
    double kappa = ccs__unc_kappa_of(a, k);
    double gap = dk - a;
    double nk = dk * kappa;
    double den = gap + nk;
    double x = gap * tau;
    double late = nk * exp(-x) / den;   /* P(W > T) */
    *slope = -late * u->a1 * (gap / a + 1.0 / den + tau);
    return (gap - nk * expm1(-x)) / den;
}

/* ---- the caches ------------------------------------------------------- */

int ccs__unc_grow(ccs_uncertainty *u, int n)
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

int ccs__unc_set_traffic(ccs_uncertainty *u, const ccs_erlang_query *q, double target,
                         ccs_error *err)
{
    if (!(isfinite(q->calls_per_hour) && q->calls_per_hour > 0 && isfinite(q->aht_s) &&
          q->aht_s > 0 && isfinite(q->patience_s) && q->patience_s >= 0 &&
          isfinite(q->threshold_s) && q->threshold_s >= 0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "calls_per_hour",
                             "expected a rate > 0, a handle time > 0, a patience >= 0 and a "
                             "threshold >= 0");
    }
    if (!(target > 0 && target < 1)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "service_level",
                             "expected a service-level target above 0 and below 1, got %g",
                             target);
    }
    if (!same_traffic(u, q, target)) {
        u->q = *q;
        u->target = target;
        u->a1 = q->calls_per_hour * q->aht_s / 3600.0;
        u->kc = -1;
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
        double fb = ccs__unc_sl_at(u, b, k) - u->target;
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

/* C = 0: the least K whose SL meets the target at the mean rate, by
 * ccs_erlang_staff() (the same evaluations and comparison as
 * ccs_erlang_eval(q, K).service_level >= target, SL being monotone in K);
 * INT_MAX when none does. */
static int kc_of(ccs_uncertainty *u)
{
    if (u->kc < 0) {
        ccs_staffing_targets t = {0};
        t.service_level = u->target;
        ccs_staffing_result r;
        u->kc = ccs_erlang_staff(&u->q, &t, &r, NULL) == CCS_OK ? r.agents : INT_MAX;
    }
    return u->kc;
}

/* Erlang C: b*(k) by Newton's method from the guess g.  1 with *out set,
 * or 0 (the caller brackets instead) when a step leaves the window, the
 * slope vanishes or five steps do not settle. */
static int newton_c(const ccs_uncertainty *u, int k, double g, double *out)
{
    double b = g;
    for (int it = 0; it < 5; it++) {
        double d;
        double f = sl_c_slope(u, b, k, &d) - u->target;
        if (!(d < 0) || !isfinite(f)) {
            return 0;
        }
        double step = -f / d;
        double nb = b + step;
        if (!(nb > u->b_lo && nb < u->b_hi)) {
            return 0;
        }
        if (fabs(step) <= NEWTON_ACCEPT * nb) {
            *out = nb;
            return 1;
        }
        b = nb;
    }
    return 0;
}

static double set_root(ccs_uncertainty *u, int k, double b)
{
    u->thr[k] = b;
    u->state[k] = ROOT;
    return u->pk[k] = gsl_cdf_gamma_P(b, u->shape, u->scale);
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
        int ok = k >= kc_of(u);
        u->state[k] = ok ? ABOVE : BELOW;
        return u->pk[k] = ok ? 1.0 : 0.0;
    }
    /* A guess extrapolated from the roots next to k (b* is smooth in K).
     * Erlang C finishes it by Newton's method; Erlang A checks a sliver
     * either side of it, which usually brackets the root, and regula falsi
     * finishes in one or two more evaluations. */
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
    if (isfinite(g) && u->q.patience_s == 0) {
        double b;
        if (g > u->b_lo && g < u->b_hi && newton_c(u, k, g, &b)) {
            return set_root(u, k, b);
        }
    } else if (isfinite(g)) {
        double eps = 2.0 * fabs(g - lin) + 1e-9 * g;
        double x1 = g - eps, x2 = g + eps;
        if (x1 > u->b_lo && x2 < u->b_hi) {
            double f1 = ccs__unc_sl_at(u, x1, k) - u->target;
            if (f1 >= 0) {
                double f2 = ccs__unc_sl_at(u, x2, k) - u->target;
                if (f2 < 0) {
                    return set_root(u, k, root(u, k, x1, f1, x2, f2));
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
    double flo = ccs__unc_sl_at(u, lo, k) - u->target;
    if (jlo < 0 && flo < 0) {
        u->state[k] = BELOW;
        return u->pk[k] = 0.0;
    }
    double fhi = ccs__unc_sl_at(u, hi, k) - u->target;
    if (jhi < 0 && fhi >= 0) {
        u->state[k] = ABOVE;
        return u->pk[k] = 1.0;
    }
    if (flo < 0 || fhi >= 0 || !(hi > lo)) {
        /* A cached neighbour's root rounded the wrong side: use the window. */
        lo = u->b_lo;
        hi = u->b_hi;
        flo = ccs__unc_sl_at(u, lo, k) - u->target;
        fhi = ccs__unc_sl_at(u, hi, k) - u->target;
        if (flo < 0) {
            u->state[k] = BELOW;
            return u->pk[k] = 0.0;
        }
        if (fhi >= 0) {
            u->state[k] = ABOVE;
            return u->pk[k] = 1.0;
        }
    }
    return set_root(u, k, root(u, k, lo, flo, hi, fhi));
}

/* The weights of Binomial(n, 1 - A) into u->w over [wk0, wk1]: from the
 * mode outwards by the ratio of neighbouring terms, each side stopped where
 * a geometric bound on the rest of its tail, P(K) r / (1 - r) with r the
 * (falling) ratio, is below BINOM_TAIL. */
void ccs__unc_binom_weights(ccs_uncertainty *u, int n)
{
    if (u->wn == n) {
        return;
    }
    u->wn = n;
    if (u->absent == 0 || n == 0) {
        u->wk0 = u->wk1 = n;
        u->w[0] = 1.0;
        return;
    }
    double p = 1.0 - u->absent, q = u->absent;
    int m = (int)floor((n + 1.0) * p);
    m = m > n ? n : m;
    double wm = exp(gsl_sf_lnchoose((unsigned)n, (unsigned)m) + m * log(p) + (n - m) * log(q));
    /* down from the mode to find the first K kept */
    int k = m;
    double wk = wm;
    while (k > 0) {
        double r = (double)k * q / ((double)(n - k + 1) * p);   /* P(k-1) / P(k) */
        if (r < 1.0 && wk * r / (1.0 - r) <= BINOM_TAIL) {
            break;
        }
        wk *= r;
        k--;
    }
    u->wk0 = k;
    /* up from there, storing */
    double *w = u->w;
    w[0] = wk;
    for (;;) {
        double r = (double)(n - k) * p / ((double)(k + 1) * q);   /* P(k+1) / P(k) */
        if (k == n || (k >= m && r < 1.0 && wk * r / (1.0 - r) <= BINOM_TAIL)) {
            break;
        }
        wk *= r;
        k++;
        w[k - u->wk0] = wk;
    }
    u->wk1 = k;
}

int ccs__unc_check_n(int agents, ccs_error *err)
{
    if (agents < 0 || agents > MAX_N) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "agents",
                             "expected planned agents from 0 to %d, got %d", MAX_N, agents);
    }
    return CCS_OK;
}

static double prob_meet(ccs_uncertainty *u, int n)
{
    ccs__unc_binom_weights(u, n);
    const double *w = u->w;
    double s = 0;
    for (int k = u->wk0; k <= u->wk1; k++) {
        if (w[k - u->wk0] > 0) {
            s += w[k - u->wk0] * pk_of(u, k);
        }
    }
    return s > 1.0 ? 1.0 : s;
}

int ccs__unc_prepare(ccs_uncertainty *u, const ccs_erlang_query *q, double target, int agents,
                     ccs_error *err)
{
    int rc = ccs__unc_set_traffic(u, q, target, err);
    if (rc == CCS_OK) {
        rc = ccs__unc_check_n(agents, err);
    }
    if (rc == CCS_OK && ccs__unc_grow(u, agents) != CCS_OK) {
        rc = ccs_error_set(err, CCS_ENOMEM, NULL, 0, NULL, "out of memory");
    }
    return rc;
}

int ccs_uncertainty_prob_meet(ccs_uncertainty *u, const ccs_erlang_query *q, double sl_target,
                              int agents, double *out, ccs_error *err)
{
    CCS_ASSERT(u != NULL && q != NULL && out != NULL);
    int rc = ccs__unc_prepare(u, q, sl_target, agents, err);
    if (rc != CCS_OK) {
        return rc;
    }
    *out = prob_meet(u, agents);
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
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "confidence",
                             "expected a probability above 0 and below 1, got %g", confidence);
    }
    if (!(t->service_level > 0)) {
        return ccs_error_set(err, CCS_EINVAL, NULL, 0, "confidence",
                             "needs a service-level target (`service_level`)");
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
    rc = ccs__unc_set_traffic(u, q, t->service_level, err);
    if (rc != CCS_OK) {
        return rc;
    }
    int n0 = mean.agents;
    if (n0 > MAX_N || ccs__unc_grow(u, n0 + 1) != CCS_OK) {
        return ccs_error_set(err, n0 > MAX_N ? CCS_EINVAL : CCS_ENOMEM, NULL, 0, "calls_per_hour",
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
        if (ccs__unc_grow(u, start + 1) != CCS_OK) {
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
                    return ccs_error_set(err, CCS_EINVAL, NULL, 0, "confidence",
                                         "no staffing up to %d agents meets the target with "
                                         "probability %g",
                                         MAX_N, confidence);
                }
                if (ccs__unc_grow(u, (int)m) != CCS_OK) {
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
    out->expected_sl = ccs__unc_expected_sl(u, ans);
    out->expected_sl_mean = ccs__unc_expected_sl(u, n0);
    return CCS_OK;
}
