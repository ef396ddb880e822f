/*
 * ref.c — the reference values of ccs_ref.h.  Written for clarity, not
 * speed; none of it calls ccsim.
 */
#include "ccs_ref.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_multifit.h>

#include "ccs_test.h"

double ccs_ref_erlang_b(int n, double load)
{
    double b = 1.0;
    for (int k = 1; k <= n; k++) {
        b = load * b / (k + load * b);
    }
    return b;
}

double ccs_ref_erlang_c(int n, double load)
{
    if (load >= n) {
        return 1.0;
    }
    double b = ccs_ref_erlang_b(n, load);
    return n * b / (n - load * (1.0 - b));
}

void ccs_ref_erlang_c_figures(double calls_per_hour, double aht_s, int n, double t_s,
                              ccs_ref_mmc *out)
{
    double a = calls_per_hour * aht_s / 3600.0;
    double c = ccs_ref_erlang_c(n, a);
    out->prob_wait = c;
    out->service_level = 1.0 - c * exp(-(n - a) * t_s / aht_s);
    out->asa_s = c * aht_s / (n - a);
    out->occupancy = a / n;
    out->mean_queue = c * a / (n - a);
}

int ccs_ref_erlang_c_staff(double calls_per_hour, double aht_s, double t_s, double target)
{
    double a = calls_per_hour * aht_s / 3600.0;
    for (int n = (int)floor(a) + 1;; n++) {
        ccs_ref_mmc f;
        ccs_ref_erlang_c_figures(calls_per_hour, aht_s, n, t_s, &f);
        if (f.service_level >= target) {
            return n;
        }
    }
}

/* P(Poisson(m) >= j). */
static double poisson_tail(double m, int j)
{
    double term = exp(-m), below = 0.0;
    for (int i = 0; i < j; i++) {
        below += term;
        term *= m / (i + 1);
    }
    return 1.0 - below;
}

void ccs_ref_mmck_solve(double calls_per_hour, double aht_s, int c, int cap, double t_s,
                        ccs_ref_mmck *out)
{
    int k_max = c + cap;
    double lambda = calls_per_hour / 3600.0, mu = 1.0 / aht_s;
    double *p = calloc((size_t)k_max + 1, sizeof *p);
    ck_assert(p != NULL);
    double sum = 0.0;
    p[0] = 1.0;
    for (int n = 1; n <= k_max; n++) {
        p[n] = p[n - 1] * lambda / ((n < c ? n : c) * mu);
    }
    for (int n = 0; n <= k_max; n++) {
        sum += p[n];
    }
    double admitted = 0, waiting = 0, sl = 0, wait = 0, busy = 0, queue = 0;
    for (int n = 0; n <= k_max; n++) {
        double pn = p[n] / sum;
        busy += pn * (n < c ? n : c);
        queue += pn * (n > c ? n - c : 0);
        if (n == k_max) {
            continue;   /* blocked */
        }
        admitted += pn;
        if (n < c) {
            sl += pn;
        } else {
            int ahead = n - c + 1;
            waiting += pn;
            sl += pn * poisson_tail(c * mu * t_s, ahead);
            wait += pn * ahead / (c * mu);
        }
    }
    out->blocking = p[k_max] / sum;
    out->prob_wait = waiting / admitted;
    out->service_level = sl;
    out->asa_s = wait / admitted;
    out->occupancy = busy / c;
    out->mean_queue = queue;
    free(p);
}

void ccs_ref_ratio_test_run(const double *y, const double *x, size_t R, const double *ctrl,
                            int p, double theta, ccs_ref_ratio_test *out)
{
    double sy = 0, sx = 0;
    for (size_t r = 0; r < R; r++) {
        sy += y[r];
        sx += x[r];
    }
    double xbar = sx / (double)R;
    out->ratio = sy / sx;
    double dbar = (sy - theta * sx) / (double)R, ss = 0;
    for (size_t r = 0; r < R; r++) {
        double d = y[r] - theta * x[r] - dbar;
        ss += d * d;
    }
    out->se_plain = sqrt(ss / (double)(R - 1) / (double)R) / xbar;
    if (p == 0) {
        out->bias = dbar / xbar;
        out->se = out->se_plain;
        out->df = (double)R - 1.0;
        return;
    }
    gsl_matrix *X = gsl_matrix_alloc(R, (size_t)p + 1);
    gsl_vector *d = gsl_vector_alloc(R), *beta = gsl_vector_alloc((size_t)p + 1);
    gsl_matrix *cov = gsl_matrix_alloc((size_t)p + 1, (size_t)p + 1);
    gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc(R, (size_t)p + 1);
    ck_assert(X && d && beta && cov && w);
    for (size_t r = 0; r < R; r++) {
        gsl_matrix_set(X, r, 0, 1.0);
        for (int j = 0; j < p; j++) {
            gsl_matrix_set(X, r, (size_t)j + 1, ctrl[(size_t)j * R + r]);
        }
        gsl_vector_set(d, r, y[r] - theta * x[r]);
    }
    double chisq;
    ck_assert_int_eq(gsl_multifit_linear(X, d, beta, cov, &chisq, w), 0);
    out->bias = gsl_vector_get(beta, 0) / xbar;
    out->se = sqrt(gsl_matrix_get(cov, 0, 0)) / xbar;
    out->df = (double)R - 1.0 - p;
    gsl_multifit_linear_free(w);
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(d);
    gsl_vector_free(beta);
}
