/*
 * erlang.h — Erlang B, Erlang C and Erlang A (M/M/N+M) queueing formulas and
 * staffing.  A pure leaf: no allocation, no globals, no I/O.
 *
 * Conventions: rates per hour, times in seconds.  Offered load
 * A = lambda * AHT (Erlangs).  Every function is numerically stable for N up
 * to at least 100,000 agents and any load (no factorials, no raw powers: the
 * Erlang B recurrence and scaled sums), accurate to ~1e-14 relative
 * (docs/erlang.md gives the measured errors).
 * Formulas and sources: docs/erlang.md.
 */
#ifndef CCSIM_ERLANG_H
#define CCSIM_ERLANG_H

#include "ccsim/error.h"

/* A value with an absolute error estimate (GSL's gsl_sf_result). */
typedef struct ccs_erlang_result {
    double val;
    double err;
} ccs_erlang_result;

/* Erlang B blocking probability B(N, A) for N >= 0 servers, load A >= 0.
 * Valid for any A (also A > N).  Returns CCS_EINVAL for N < 0 or A < 0. */
int ccs_erlang_b_e(int agents, double load, ccs_erlang_result *r);
/* Convenience wrapper: invalid arguments (N < 0, A < 0 or not finite)
 * return NaN, like GSL's wrappers; use the _e form to check. */
double ccs_erlang_b(int agents, double load);

/* Erlang C probability of waiting C(N, A).  For A >= N returns CCS_EUNSTABLE
 * with r->val = 1 (every caller waits).  CCS_EINVAL for N < 1 or A < 0. */
int ccs_erlang_c_e(int agents, double load, ccs_erlang_result *r);
double ccs_erlang_c(int agents, double load);   /* 1.0 when unstable; NaN for invalid args */

/* Bounds of a query (docs/erlang.md): ccs_erlang_eval() and
 * ccs_erlang_staff() refuse a mean patience below CCS_ERLANG_MIN_PATIENCE_S
 * (1 ms; far below it Erlang A's sums lose all precision) and an AHT above
 * CCS_ERLANG_MAX_TIME_S (a year); ccs_erlang_staff() also refuses a
 * patience above a year.  An overloaded Erlang A interval whose chain needs
 * more than CCS_ERLANG_MAX_CHAIN_STATES states (patience very long against
 * the excess load) cannot be evaluated (CCS_EINVAL). */
#define CCS_ERLANG_MIN_PATIENCE_S 1e-3
#define CCS_ERLANG_MAX_TIME_S 31536000.0
#define CCS_ERLANG_MAX_CHAIN_STATES (1L << 24)

/* The question a planner asks: traffic and targets for one interval. */
typedef struct ccs_erlang_query {
    double calls_per_hour;   /* arrival rate lambda, calls per hour (> 0) */
    double aht_s;            /* mean handle time, seconds (> 0) */
    double patience_s;       /* mean exponential patience, seconds; 0 = callers
                                never abandon (Erlang C), > 0 = Erlang A */
    double threshold_s;      /* service-level threshold T, seconds (>= 0) */
} ccs_erlang_query;

/* Everything known about one staffing level N. */
typedef struct ccs_erlang_metrics {
    int agents;                  /* N */
    double offered_load;         /* A = lambda * AHT, Erlangs */
    int stable;                  /* 0 when A >= N and no abandonment */
    double prob_wait;            /* P(W > 0) */
    double service_level;        /* P(answered and W <= T): answered within T / offered */
    double service_level_answered; /* P(W <= T | answered) */
    double prob_wait_gt_t;       /* P(W > T) (time in queue, whatever the outcome) */
    double asa_s;                /* mean wait of answered callers, seconds (zero waits
                                    included); INFINITY when unstable */
    double asa_all_s;            /* mean wait of all callers (abandoners included) */
    double occupancy;            /* carried load per agent: A(1 - P_ab)/N; 1 when unstable */
    double prob_abandon;         /* P(abandon); 0 for Erlang C */
    double prob_abandon_within_t;/* P(abandon and W <= T); 0 for Erlang C */
    double mean_queue_length;    /* E[Q]; INFINITY when unstable */
} ccs_erlang_metrics;

/* Evaluates q at N = agents (>= 1).  Erlang C when q->patience_s == 0,
 * Erlang A otherwise.  An unstable Erlang C system is not an error here:
 * out->stable = 0, prob_wait = 1, service_level = 0, asa_s = INFINITY,
 * occupancy = 1, and CCS_EUNSTABLE is returned with out filled.
 * CCS_EINVAL for a bad query, agents < 1 or > 10,000,000, or an Erlang A
 * chain longer than 2^24 states (overloaded with patience far above the
 * AHT) (out untouched). */
int ccs_erlang_eval(const ccs_erlang_query *q, int agents, ccs_erlang_metrics *out);

/* As ccs_erlang_eval() with the Erlang ratio kappa = P(Poisson(A) = N) /
 * P(Poisson(A) <= N-1) supplied (kappa >= 0, A the query's load), for
 * callers that carry it along the recurrence kappa(N+1) = A kappa(N) /
 * ((N+1)(1 + kappa(N))) or get it from the incomplete gamma function
 * (uncertainty.c): the evaluation then costs the Erlang A chain only,
 * O(1) for Erlang C.  Same returns. */
int ccs_erlang_eval_kappa(const ccs_erlang_query *q, int agents, double kappa,
                          ccs_erlang_metrics *out);

/* Staffing targets; a field at its "off" value is not constrained. */
typedef struct ccs_staffing_targets {
    double service_level;    /* fraction in (0,1) answered within q->threshold_s; 0 = off */
    double max_asa_s;        /* ASA (answered callers) <= this; 0 = off */
    double max_occupancy;    /* occupancy <= this, in (0,1]; 0 = off */
    double max_abandon;      /* P(abandon) <= this; 0 = off; needs patience */
    double shrinkage;        /* fraction of paid time not on the phones, [0,1) */
} ccs_staffing_targets;

typedef struct ccs_staffing_result {
    int agents;                  /* smallest N meeting every target */
    int scheduled_agents;        /* ceil(N / (1 - shrinkage)), exact for decimal inputs */
    double sqrt_beta;            /* beta of the square-root rule for the SL target (the
                                    Erlang C Halfin-Whitt beta, even with patience); 0
                                    and sqrt_estimate = A when no SL target is set */
    double sqrt_estimate;        /* A + beta * sqrt(A) (real, not rounded) */
    ccs_erlang_metrics at;       /* metrics at N = agents */
} ccs_staffing_result;

/* Finds the smallest N >= 1 that meets every target in t.  With no target
 * set, the answer is the smallest stable N.  Erlang C for q->patience_s == 0
 * (N > A always), Erlang A otherwise.  Returns CCS_EINVAL (message in err)
 * for bad inputs or a target that no N can meet (e.g. max_abandon with no
 * patience). */
int ccs_erlang_staff(const ccs_erlang_query *q, const ccs_staffing_targets *t,
                     ccs_staffing_result *out, ccs_error *err);

/* ceil(agents / (1 - shrinkage)) with shrinkage rounded to 1e-9, so that
 * 14 / (1 - 0.30) gives 20 and not 21.  Returns -1 for agents < 0,
 * shrinkage outside [0,1), or a result above INT_MAX. */
int ccs_erlang_scheduled(int agents, double shrinkage);

#endif
