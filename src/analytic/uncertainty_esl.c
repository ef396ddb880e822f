/*
 * uncertainty_esl.c — E[SL] under an uncertain rate and absences (see
 * uncertainty.c for the method): sum over K of P(K) times the integral of
 * SL(lambda b, K) against the gamma density of B, by composite
 * Gauss-Legendre with one kappa pass over K per node.
 */
#include "analytic/uncertainty_impl.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

/* 8-point Gauss-Legendre on [-1, 1]. */
static const double gl_x[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                               0.9602898564975363};
static const double gl_w[4] = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
                               0.1012285362903763};

/* sum_K P(K) SL(lambda b, K) over K in [k0, k1], with w[K - k0] = P(K):
 * one kappa pass over K for this load, from K = k0 (where kappa comes from
 * the incomplete gamma function) up. */
static double sl_mix(const ccs_uncertainty *u, double b, int k0, int k1, const double *w)
{
    double s = 0;
    double a = u->a1 * b;
    int kstart = k0 > 1 ? k0 : 1;
    double kappa = ccs__unc_kappa_of(a, kstart);
    if (u->q.patience_s > 0) {
        ccs_erlang_query q = u->q;
        q.calls_per_hour = u->q.calls_per_hour * b;
        for (int k = kstart; k <= k1; k++) {
            if (k > kstart && kappa > 0) {
                kappa = a * kappa / ((double)k * (1.0 + kappa));
            }
            ccs_erlang_metrics m;
            if (w[k - k0] > 1e-300 && ccs_erlang_eval_kappa(&q, k, kappa, &m) == CCS_OK) {
                s += w[k - k0] * m.service_level;
            }
        }
        return s;
    }
    /* Erlang C with iota = 1 / kappa, iota(k) = (k / a)(iota(k-1) + 1),
     * and e^{-(k - a) T / AHT} carried along: one division per K. */
    double tau = u->q.threshold_s / u->q.aht_s;
    double inv_a = 1.0 / a;
    double iota = kappa > 1e-280 ? 1.0 / kappa : 1e280;
    double e = exp(-((double)kstart - a) * tau), et = exp(-tau);
    for (int k = kstart; k <= k1; k++) {
        if (k > kstart) {
            iota = (double)k * inv_a * (iota + 1.0);
            iota = iota > 1e280 ? 1e280 : iota;
            e *= et;
        }
        double gap = (double)k - a;
        if (gap > 0 && w[k - k0] > 1e-300) {
            s += w[k - k0] * (gap * iota - (double)k * (e - 1.0)) / (gap * iota + (double)k);
        }
    }
    return s;
}

/* E[SL | n] = integral over b of g(b) sum_K P(K) SL(lambda b, K), by
 * composite 8-point Gauss-Legendre over the gamma's window.  Panels are
 * no wider than both the gamma's spread and the width over which SL falls
 * from 1 to 0 (about 1.5 sqrt(n) Erlangs), so neither a sharp forecast nor
 * a large center is under-resolved.  SL falls in b and rises in K, so while
 * SL at a panel's right end and the smallest K is 1 to within SL_ONE, the
 * panel is the gamma's mass times the binomial's: one evaluation instead
 * of eight passes over K. */
double ccs__unc_expected_sl(ccs_uncertainty *u, int n)
{
    if (n <= 0) {
        return 0.0;
    }
    if (u->cv == 0 && u->absent == 0) {
        ccs_erlang_metrics m;
        int rc = ccs_erlang_eval(&u->q, n, &m);
        return rc == CCS_OK ? m.service_level : 0.0;
    }
    ccs__unc_binom_weights(u, n);
    int k0 = u->wk0, k1 = u->wk1;
    const double *w = u->w;
    if (u->cv == 0) {
        return fmin(sl_mix(u, 1.0, k0, k1, w), 1.0);
    }
    /* The weights are unimodal: drop the ends below ESL_TAIL / 100 (a
     * geometric tail, so at most ~ESL_TAIL in all). */
    while (k0 < k1 && w[0] < 0.01 * ESL_TAIL) {
        w++;
        k0++;
    }
    while (k1 > k0 && w[k1 - k0] < 0.01 * ESL_TAIL) {
        k1--;
    }
    double wsum = 0;
    for (int k = k0 > 1 ? k0 : 1; k <= k1; k++) {
        wsum += w[k - k0];
    }
    double lo = u->e_lo, hi = u->e_hi;
    if (u->q.patience_s == 0 && hi > (double)k1 / u->a1) {
        hi = (double)k1 / u->a1;   /* SL = 0 beyond: every K <= k1 is unstable */
    }
    if (!(hi > lo)) {
        return 0.0;
    }
    double width = fmin(u->cv, 1.5 * sqrt((double)n) / u->a1) *
                   (u->q.patience_s > 0 ? PANEL_WIDTH_A : PANEL_WIDTH);
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
    int one = k0 >= 1;   /* still where SL = 1 at every K */
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
            double pl = x + i * h;
            if (one) {
                if (ccs__unc_sl_at(u, pl + h, k0) >= 1.0 - SL_ONE) {
                    continue;
                }
                one = 0;
                total += wsum * (gsl_cdf_gamma_P(pl, u->shape, u->scale) -
                                 gsl_cdf_gamma_P(lo, u->shape, u->scale));
            }
            double c = pl + 0.5 * h;
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
    if (one) {
        total += wsum * (gsl_cdf_gamma_P(hi, u->shape, u->scale) -
                         gsl_cdf_gamma_P(lo, u->shape, u->scale));
    }
    return total > 1.0 ? 1.0 : total;
}

int ccs_uncertainty_expected_sl(ccs_uncertainty *u, const ccs_erlang_query *q, int agents,
                                double *out, ccs_error *err)
{
    CCS_ASSERT(u != NULL && q != NULL && out != NULL);
    /* The target does not enter E[SL]; keep the cached one if any. */
    double target = u->target > 0 && u->target < 1 ? u->target : 0.5;
    int rc = ccs__unc_prepare(u, q, target, agents, err);
    if (rc != CCS_OK) {
        return rc;
    }
    *out = ccs__unc_expected_sl(u, agents);
    return CCS_OK;
}
