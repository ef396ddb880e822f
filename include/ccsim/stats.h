/*
 * stats.h — tallies a replication streams into, and the estimators that turn
 * the tallies of R replications into means with 95% confidence intervals.
 *
 * A replication keeps only sums per (interval, call type) cell, so memory is
 * independent of the horizon.  Across replications:
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

/* Sums of one replication for one (interval, call type) cell.  Calls are
 * counted in the interval in which they arrived. */
typedef struct ccs_tally {
    double offered;          /* arrivals, retrials included */
    double retrials;         /* arrivals that were retrials */
    double repeats;          /* arrivals that were repeat calls of unresolved contacts */
    double handled;          /* calls that reached an agent */
    double abandoned;        /* left the queue before an agent took them */
    double abandoned_short;  /* abandoned within the short-abandon threshold */
    double blocked;          /* turned away: queue full */
    double answered_in_sl;   /* handled with wait <= T */
    double delayed;          /* found no free agent on arrival (waited > 0) */
    double wait_answered_s;  /* total wait of handled calls, seconds */
    double wait_max_s;       /* longest wait of any caller, seconds */
    double handle_s;         /* total handle time of handled calls, seconds */
    double busy_s;           /* agent-seconds spent on this type in the interval */
    double queue_area;       /* integral of queue length over the interval, call-seconds */
    double queue_max;        /* longest queue seen in the interval */
} ccs_tally;

/* Sums of one replication for one (interval, agent group, call type) cell:
 * the work a group did, for costing and per-group reports.  Counted in the
 * interval in which the work happened (answer time), not the arrival, for
 * the calls that arrived during the day (the calls the day's figures count):
 * a call answered after the last interval counts in the last interval, one
 * that arrived during the warmup not at all.  busy_s is clipped to the day. */
typedef struct ccs_group_tally {
    double handled;          /* calls of this type the group answered */
    double handle_s;         /* their handle time, seconds */
    double busy_s;           /* agent-seconds busy on this type within the interval */
    double resolved;         /* answered calls resolved at first contact */
} ccs_group_tally;

/* Sums of one replication for one (interval, campaign) cell.  Dials and
 * their outcomes are counted in the interval of the dial; agent time in the
 * interval in which it is spent, and only inside the campaign's dialing
 * window (a call that runs past the window counts up to its end), so the
 * shares of agent time in the window add up to at most 100%. */
typedef struct ccs_campaign_tally {
    double dials;
    double no_answers;
    double busies;
    double machines;             /* answered by a machine */
    double connects;             /* answered by a person (right or wrong party) */
    double right_party_contacts; /* right party talked to an agent */
    double successes;
    double abandoned;            /* live answers hung up on: no agent within the
                                    grace time, or AMD false positives */
    double amd_false_positives;
    double amd_false_negatives;  /* machines passed to an agent */
    double first_attempts;       /* records dialed for the first time */
    double talk_s;               /* agent-seconds talking (machines included) */
    double wrap_s;               /* agent-seconds in wrap-up */
    double preview_s;            /* agent-seconds reviewing records */
    double dial_wait_s;          /* agent-seconds reserved, waiting for a dial */
} ccs_campaign_tally;

/* Work of one agent group on one campaign in one interval (costing). */
typedef struct ccs_cgroup_tally {
    double handled;              /* outbound calls talked to (machines included) */
    double handle_s;             /* talk + wrap seconds */
    double busy_s;               /* agent-seconds on the campaign, all activities */
    double successes;
    double overtime_s;           /* agent-seconds the group's agents stayed past their
                                    shift to finish a call (any work), in the interval;
                                    the same in every campaign's cell of the group */
} ccs_cgroup_tally;

/* Adds b into a (maxima take the max). */
void ccs_tally_add(ccs_tally *a, const ccs_tally *b);

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
