/*
 * backoffice.h — the figures of the back office (deferrable work with a
 * deadline, docs/backoffice.md) from a run's raw tallies.
 *
 * Counts are means over replications with Student-t 95% intervals;
 * shares and averages are ratios of sums over replications with
 * delta-method intervals (stats.h).
 */
#ifndef CCSIM_BACKOFFICE_H
#define CCSIM_BACKOFFICE_H

#include "ccsim/sim.h"

/* The figures of back-office type b over intervals [k0, k1). */
typedef struct ccs_bo_figures {
    ccs_estimate arrived;        /* items that arrived */
    ccs_estimate done;           /* items completed (of those that arrived in the day) */
    ccs_estimate on_time_share;  /* completed within the deadline / completed */
    ccs_estimate backlog;        /* items waiting at the end of interval k1 - 1 */
    ccs_estimate backlog_late;   /* of those, already past their deadline */
    ccs_estimate oldest_age_s;   /* the oldest waiting item's age at an interval's end:
                                    the largest over [k0, k1), mean over replications */
    ccs_estimate wait_s;         /* mean wait of completed items before an agent took them */
    ccs_estimate sojourn_s;      /* mean time from arrival to completion */
    ccs_estimate aht_s;          /* mean handle time */
    ccs_estimate agent_hours;    /* agent-hours worked on the type */
    ccs_estimate voice_agent_hours; /* of those, by agents of groups that answer calls */
    ccs_estimate voice_share;    /* items done by such agents / items done */
} ccs_bo_figures;

/* Fills *out for back-office type b (0 <= b < sc->n_backoffice) and
 * intervals 0 <= k0 < k1 <= n_intervals.  CCS_OK, CCS_EINVAL for an index
 * out of range, or CCS_ENOMEM. */
int ccs_results_backoffice(const ccs_results *r, int b, int k0, int k1, ccs_bo_figures *out);

#endif
