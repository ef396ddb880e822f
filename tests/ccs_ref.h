/*
 * ccs_ref.h — reference values written in the tests, independent of the
 * code under test: queueing formulas by the plainest route (recursions and
 * birth-death chains summed state by state), and the statistics of a
 * simulated figure against its theoretical value.
 */
#ifndef CCS_REF_H
#define CCS_REF_H

#include <stddef.h>

/* Erlang B by the recursion B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1)). */
double ccs_ref_erlang_b(int n, double load);

/* Erlang C from Erlang B: C = N B / (N - A (1 - B)); 1 when A >= N. */
double ccs_ref_erlang_c(int n, double load);

/* Erlang C figures for N agents: service level P(W <= T) =
 * 1 - C exp(-(N - A) T / AHT), ASA = C AHT / (N - A), occupancy A / N. */
typedef struct ccs_ref_mmc {
    double prob_wait, service_level, asa_s, occupancy, mean_queue;
} ccs_ref_mmc;
void ccs_ref_erlang_c_figures(double calls_per_hour, double aht_s, int n, double t_s,
                              ccs_ref_mmc *out);

/* Smallest N whose Erlang C service level within t_s reaches target. */
int ccs_ref_erlang_c_staff(double calls_per_hour, double aht_s, double t_s, double target);

/* M/M/c/K with c agents and at most `cap` callers waiting (K = c + cap),
 * solved as a birth-death chain.  An arrival that finds n < c in the system
 * is answered at once; one that finds c <= n < K waits for n - c + 1
 * service completions at rate c mu (an Erlang wait); one that finds K is
 * blocked (PASTA). */
typedef struct ccs_ref_mmck {
    double blocking;        /* P(blocked) */
    double prob_wait;       /* P(wait > 0 | admitted) */
    double service_level;   /* P(admitted and answered within T), over all offered */
    double asa_s;           /* mean wait of admitted (all answered) callers */
    double occupancy;       /* E[busy agents] / c */
    double mean_queue;      /* E[callers waiting] */
} ccs_ref_mmck;
void ccs_ref_mmck_solve(double calls_per_hour, double aht_s, int c, int cap, double t_s,
                        ccs_ref_mmck *out);

/* A simulated ratio of sums sum(y)/sum(x) over R replications tested
 * against theta.  With d_r = y_r - theta x_r, E[d] = 0 exactly when
 * E[y]/E[x] = theta; d is regressed on an intercept and p controls
 * (per-replication inputs whose mean is known and subtracted: arrivals
 * minus lambda H, handle time minus its mean), which removes the part of
 * the noise the inputs explain without biasing the intercept.  bias is
 * intercept / mean(x), an estimate of E[y]/E[x] - theta, with its
 * standard error se (se_plain without the controls) on df = R - 1 - p
 * degrees of freedom. */
typedef struct ccs_ref_ratio_test {
    double ratio;       /* sum(y) / sum(x) */
    double bias;
    double se;
    double se_plain;
    double df;
} ccs_ref_ratio_test;
void ccs_ref_ratio_test_run(const double *y, const double *x, size_t R, const double *ctrl,
                            int p, double theta, ccs_ref_ratio_test *out);

#endif
