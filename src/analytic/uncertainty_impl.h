/*
 * uncertainty_impl.h — private to analytic/: the state of a
 * ccs_uncertainty and the helpers that uncertainty.c (P(meet), staffing)
 * and uncertainty_esl.c (E[SL]) share.  See uncertainty.c for the method.
 */
#ifndef CCSIM_ANALYTIC_UNCERTAINTY_IMPL_H
#define CCSIM_ANALYTIC_UNCERTAINTY_IMPL_H

#include "ccsim/uncertainty.h"

#define TAIL 1e-15             /* gamma mass left out on each side of the window */
#define ROOT_TOL 1e-11         /* relative width of the final bracket */
#define MAX_N 2000000          /* planned agents at most */
#define KAPPA_LOOP_MAX 32     /* below this K the recurrence is cheaper than gamma_inc */
#define SERIES_SIGMAS 6.0      /* kappa by its series while k - a <= this many sqrt(k) */
#define SERIES_MAX_K 200000.0  /* ... and k at most this (about 16 sqrt(k) terms) */
#define BINOM_TAIL 4e-16       /* binomial mass left out on each side, at most */
#define NEWTON_ACCEPT 1e-8     /* a Newton step below this (relative) ends the search:
                                  the next one would be ~1e-13 or less */
#define PANEL_WIDTH 0.5       /* E[SL] panels, in units of min(C, 1.5 sqrt(N) / a) */
#define PANEL_WIDTH_A 2.0     /* the same for Erlang A, whose SL has no kink */
#define ESL_TAIL 1e-11         /* E[SL]: gamma mass left out on each side, and binomial
                                  weights below ESL_TAIL / 100 left out */
#define SL_ONE 1e-15           /* E[SL]: a panel where SL >= 1 - SL_ONE at every K
                                  integrates the gamma density alone */

enum { UNKNOWN = 0, ROOT, BELOW, ABOVE };

struct ccs_uncertainty {
    double cv;
    double absent;
    double shape;          /* k = 1 / cv^2 */
    double scale;          /* cv^2 */
    double b_lo, b_hi;     /* the window: G(b_lo) = G'(b_hi) = TAIL */
    double e_lo, e_hi;     /* E[SL]'s window: G(e_lo) = G'(e_hi) = ESL_TAIL */
    /* traffic of the current cache */
    ccs_erlang_query q;
    double target;
    double a1;             /* offered load at B = 1 */
    /* caches over K, [cap] */
    int cap;
    unsigned char *state;
    double *thr;           /* b*(K) when state == ROOT */
    double *pk;            /* P(meet | K) once state != UNKNOWN */
    double *w;             /* binomial weights of K = wk0 + i, [cap] */
    int wn, wk0, wk1;      /* the N and K range w holds (wn = -1: none) */
    int kc;                /* C = 0: least K meeting the target (-1 = not yet) */
};

/* Erlang's ratio kappa = P(Poisson(a) = k) / P(Poisson(a) <= k - 1). */
double ccs__unc_kappa_of(double a, int k);
/* SL of the current traffic at rate multiplier b with k agents present. */
double ccs__unc_sl_at(const ccs_uncertainty *u, double b, int k);
/* Caches for up to n planned agents: CCS_OK or CCS_ENOMEM. */
int ccs__unc_grow(ccs_uncertainty *u, int n);
/* Makes q (and the SL target) the cached traffic, dropping the caches when
 * it changed. */
int ccs__unc_set_traffic(ccs_uncertainty *u, const ccs_erlang_query *q, double target,
                         ccs_error *err);
/* Refuses a planned head count outside [0, MAX_N]. */
int ccs__unc_check_n(int agents, ccs_error *err);
/* Traffic set for target, agents checked, tables grown to agents: CCS_OK
 * or the error (CCS_EINVAL, CCS_ENOMEM) with err filled. */
int ccs__unc_prepare(ccs_uncertainty *u, const ccs_erlang_query *q, double target, int agents,
                     ccs_error *err);
/* The binomial weights of K present among n planned agents, into u->w. */
void ccs__unc_binom_weights(ccs_uncertainty *u, int n);
/* E[SL] with n planned agents, for the cached traffic (uncertainty_esl.c). */
double ccs__unc_expected_sl(ccs_uncertainty *u, int n);

#endif
