/*
 * uncertainty.h — staffing when the forecast is wrong and agents fall sick.
 *
 * The interval's arrival rate is lambda * B with B ~ Gamma(mean 1, cv C),
 * and each of the N planned agents is present independently with
 * probability 1 - A, so K ~ Binomial(N, 1 - A) agents answer.  Given (B, K)
 * the interval's service level is Erlang C (Erlang A with patience).
 *
 *   P(meet | N) = sum_K P(K) P(SL(lambda B, K) >= target)
 *               = sum_K P(K) G(b*(K)),
 *
 * because SL falls as the rate rises: for each K the target is met exactly
 * when B <= b*(K), the root of SL(lambda b, K) = target, found by a
 * root search warm-started from the neighbouring K's root (no simulation,
 * no sampling); K runs over the binomial's range less at most 1e-15 of its
 * mass.  G is the gamma distribution function.  The expected service level
 * E[SL | N] is the same sum of E_B[SL(lambda B, K)], by Gauss-Legendre
 * quadrature over the gamma density.  With C = 0 the condition is K >= the
 * Erlang answer, so C = 0 and A = 0 give the Erlang answer exactly.
 * Method, formulas and accuracy: docs/erlang.md ("Staffing under
 * uncertainty").
 */
#ifndef CCSIM_UNCERTAINTY_H
#define CCSIM_UNCERTAINTY_H

#include "ccsim/erlang.h"
#include "ccsim/error.h"

/* Largest volume cv accepted (a gamma with cv above 1 piles its mass at 0,
 * which no forecast error looks like). */
#define CCS_UNCERTAINTY_MAX_CV 1.0
/* Largest absenteeism accepted. */
#define CCS_UNCERTAINTY_MAX_ABSENT 0.9

/* The uncertainty model: C and A, and the quadrature built for C.  Holds
 * scratch space reused between calls, so one model serves one thread. */
typedef struct ccs_uncertainty ccs_uncertainty;

/* A new model for volume cv C in [0, 1] and absenteeism A in [0, 0.9];
 * free with ccs_uncertainty_free().  NULL with err filled (CCS_EINVAL, key
 * "volume_cv" or "absenteeism"; CCS_ENOMEM). */
ccs_uncertainty *ccs_uncertainty_new(double volume_cv, double absenteeism, ccs_error *err);
void ccs_uncertainty_free(ccs_uncertainty *u);

/* P(the interval meets SL target `sl_target` in (0,1) | N planned agents)
 * for the traffic q (q->threshold_s is T).  CCS_OK, or CCS_EINVAL with err
 * filled (bad query, N < 0). */
int ccs_uncertainty_prob_meet(ccs_uncertainty *u, const ccs_erlang_query *q, double sl_target,
                              int agents, double *p, ccs_error *err);

/* E[SL | N planned agents] over B and K. */
int ccs_uncertainty_expected_sl(ccs_uncertainty *u, const ccs_erlang_query *q, int agents,
                                double *e, ccs_error *err);

typedef struct ccs_uncertain_staffing {
    int agents;              /* least planned N with P(meet) >= confidence, at least the
                                N that the other targets (ASA, occupancy, abandonment)
                                need at the mean rate */
    int scheduled_agents;    /* ccs_erlang_scheduled(agents, shrinkage) */
    double prob_meet;        /* P(meet) at agents */
    double prob_meet_below;  /* P(meet) at agents - 1 (0 when agents is 1) */
    double expected_sl;      /* E[SL] at agents */
    int mean_agents;         /* the Erlang answer: every target at the mean rate, all present */
    double prob_meet_mean;   /* P(meet) at mean_agents */
    double expected_sl_mean; /* E[SL] at mean_agents */
} ccs_uncertain_staffing;

/* Staffs q for targets t (t->service_level > 0 required) with
 * P(meet SL target) >= confidence in (0, 1).  confidence 0 staffs to the
 * mean (agents = mean_agents) and still fills the probabilities.
 * CCS_OK, or CCS_EINVAL with err filled. */
int ccs_uncertainty_staff(ccs_uncertainty *u, const ccs_erlang_query *q,
                          const ccs_staffing_targets *t, double confidence,
                          ccs_uncertain_staffing *out, ccs_error *err);

#endif
