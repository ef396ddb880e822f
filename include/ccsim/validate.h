/*
 * validate.h — a scenario's simulated figures beside Erlang B / C / A
 * theory, with whether theory lies inside the simulation's 95% confidence
 * interval (`ccsim validate`, teaching mode).
 *
 * Theory applies to a call type answered by exactly one group that answers
 * nothing else, per interval: Erlang B when the type has no waiting room
 * (queue_capacity = 0: M/M/N/N, blocked callers are lost), else Erlang C
 * (no patience: M/M/N) or Erlang A (exponential patience: M/M/N+M); any
 * other type has no theory, with the reason.  Erlang formulas are
 * steady-state results for exponential times, so the comparison lists the
 * ways the scenario departs from those assumptions as warnings.  The
 * writers are in validate_report.h.
 */
#ifndef CCSIM_VALIDATE_H
#define CCSIM_VALIDATE_H

#include "ccsim/error.h"
#include "ccsim/sim.h"
#include "ccsim/stats.h"

/* The theory a call type gets. */
typedef enum ccs_validate_model {
    CCS_VALIDATE_ERLANG_C = 0,   /* M/M/N: callers wait until answered */
    CCS_VALIDATE_ERLANG_A,       /* M/M/N+M: exponential patience */
    CCS_VALIDATE_ERLANG_B        /* M/M/N/N: no queue, blocked callers are lost */
} ccs_validate_model;

/* The figures compared. */
typedef enum ccs_validate_fig {
    CCS_VALIDATE_SL = 0,         /* service level, by the scenario's sl_definition */
    CCS_VALIDATE_PROB_WAIT,      /* P(wait) */
    CCS_VALIDATE_ASA,            /* ASA of answered calls, seconds */
    CCS_VALIDATE_ABANDON,        /* abandon rate */
    CCS_VALIDATE_BLOCK,          /* P(block): Erlang B only */
    CCS_VALIDATE_N_FIGS
} ccs_validate_fig;

/* One interval (or the day) of one call type. */
typedef struct ccs_validate_row {
    int interval;                /* 0..n_intervals-1, or -1 for the day */
    int agents;                  /* the group's agents on shift; -1 (the day) when they vary */
    double load;                 /* offered load, Erlangs (rate x mean talk + acw); NAN for
                                    the day */
    ccs_estimate sim[CCS_VALIDATE_N_FIGS];   /* simulated, the type alone */
    double theory[CCS_VALIDATE_N_FIGS];      /* NAN when none; the day's weighted by the
                                                arrival rates (ASA by answered calls) */
    int inside[CCS_VALIDATE_N_FIGS];         /* theory inside sim's CI: 1, 0, or -1 when
                                                there is nothing to compare */
    int unstable;                /* Erlang C: load >= agents, no steady state */
} ccs_validate_row;

typedef struct ccs_validate_type {
    int type;                    /* index in the scenario */
    const char *no_theory;       /* why the type has no theory (a static string), or NULL */
    int group;                   /* the one group answering it; -1 without theory */
    ccs_validate_model model;
    ccs_validate_row *rows;      /* [n_intervals + 1], the day last; NULL without theory */
} ccs_validate_type;

#define CCS_VALIDATE_MAX_WARNINGS 16

typedef struct ccs_validate_result {
    const ccs_results *res;      /* the run compared; not owned, must outlive this */
    int n_warnings;
    char warnings[CCS_VALIDATE_MAX_WARNINGS][200];   /* assumptions of theory the scenario
                                                        departs from */
    int n_types;
    ccs_validate_type *types;    /* [n_types], in the scenario's order */
} ccs_validate_result;

/* Compares res (a run of res->sc with at least two replications, for the
 * intervals) with theory.  Returns a new result (free with
 * ccs_validate_result_free()), or NULL with err set (CCS_ENOMEM). */
ccs_validate_result *ccs_validate_compare(const ccs_results *res, ccs_error *err);

/* Frees v.  NULL is a no-op. */
void ccs_validate_result_free(ccs_validate_result *v);

#endif
