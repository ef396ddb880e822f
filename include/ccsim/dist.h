/*
 * dist.h — the probability distributions a scenario can choose for a
 * duration (talk time, after-call work, patience, retrial delay, ...).
 *
 * A ccs_dist is a value: construct it with the ccs_dist_* constructors or by
 * filling the fields and calling ccs_dist_prepare(), which checks the
 * parameters and precomputes what sampling needs.  Empirical tables own their
 * arrays; release them with ccs_dist_fini().  Sampling never allocates.
 */
#ifndef CCSIM_DIST_H
#define CCSIM_DIST_H

#include <gsl/gsl_rng.h>
#include "ccsim/error.h"

/* Bounds ccs_dist_prepare() enforces, so that sampling stays finite and a
 * day's sample can reproduce the distribution (docs/scenario-format.md):
 * every duration (mean, bound, value) at most a year, and a gamma or
 * lognormal cv in [CCS_DIST_CV_MIN, CCS_DIST_CV_MAX] (gamma shape 1/cv^2 from
 * 0.01 to 10^12; lognormal sigma up to 2.15). */
#define CCS_DIST_MAX_S 31536000.0   /* 365 days, seconds */
#define CCS_DIST_CV_MIN 1e-6
#define CCS_DIST_CV_MAX 10.0

typedef enum ccs_dist_kind {
    CCS_DIST_NONE = 0,       /* no value: "never" for patience, 0 for acw */
    CCS_DIST_EXPONENTIAL,    /* mean */
    CCS_DIST_DETERMINISTIC,  /* mean (the constant) */
    CCS_DIST_UNIFORM,        /* min, max */
    CCS_DIST_GAMMA,          /* mean and cv (shape 1/cv^2) */
    CCS_DIST_ERLANG,         /* mean and k phases (cv = 1/sqrt(k)) */
    CCS_DIST_LOGNORMAL,      /* mean and cv */
    CCS_DIST_EMPIRICAL       /* values (equally likely), or CDF points */
} ccs_dist_kind;

typedef struct ccs_dist {
    ccs_dist_kind kind;
    double mean;     /* seconds (exponential, deterministic, gamma, erlang, lognormal) */
    double cv;       /* coefficient of variation (gamma, lognormal) */
    double min;      /* uniform lower bound */
    double max;      /* uniform upper bound */
    int k;           /* erlang phases (>= 1) */
    int n;           /* empirical: number of points */
    double *x;       /* empirical: values, or CDF abscissae ascending; owned */
    double *cdf;     /* empirical: NULL = x are equally likely values; else
                        cumulative probabilities ascending from 0 to 1; owned */
    double p1, p2;   /* precomputed by ccs_dist_prepare() (shape/scale, mu/sigma) */
} ccs_dist;

/* Checks d's parameters and precomputes p1, p2, which must come out finite
 * and in range (a gamma shape, a lognormal sigma, an empirical mean).  On
 * bad parameters returns CCS_EINVAL with a message in err (key left to the
 * caller).  Must be called before sampling. */
int ccs_dist_prepare(ccs_dist *d, ccs_error *err);

/* Draws one value, always >= 0; CCS_DIST_NONE gives 0. */
double ccs_dist_sample(const ccs_dist *d, gsl_rng *r);

/* One Exp(1) draw by the ziggurat method on r's 32-bit outputs (one output
 * for 97.8% of the draws, more for the rest): the exponential method of
 * every stream (an exponential dist of mean m draws m times it).  r must
 * give 32 full bits, as ccs_rng_type()'s taus2 does. */
double ccs_dist_exp1(gsl_rng *r);

/* Theoretical mean (0 for NONE) and coefficient of variation. */
double ccs_dist_mean(const ccs_dist *d);
double ccs_dist_cv(const ccs_dist *d);

/* Deep copy (empirical arrays duplicated).  CCS_ENOMEM on failure (dst is
 * then of kind NONE). */
int ccs_dist_copy(ccs_dist *dst, const ccs_dist *src);

/* Frees the empirical arrays and sets kind NONE.  Safe on any dist. */
void ccs_dist_fini(ccs_dist *d);

/* Name of a kind as written in scenario files ("exponential", ...); and the
 * reverse lookup: CCS_OK, or CCS_EINVAL for an unknown or NULL name (then
 * *out = CCS_DIST_NONE).  Names match exactly, lowercase only. */
const char *ccs_dist_kind_name(ccs_dist_kind k);
int ccs_dist_kind_from_name(const char *name, ccs_dist_kind *out);

/* Convenience constructors (already prepared; parameters not checked: use
 * ccs_dist_prepare() for user input). */
ccs_dist ccs_dist_exponential(double mean);
ccs_dist ccs_dist_deterministic(double value);

#endif
