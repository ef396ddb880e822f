/*
 * requirements.h — a forecast turned into agents per interval: Erlang C/A
 * for each interval (`ccsim erlang --forecast`), optionally under volume
 * uncertainty and absenteeism with a confidence target (uncertainty.h),
 * and its text, CSV and JSON reports.
 *
 * ccs_requirements_compute() does the arithmetic (src/requirements.c);
 * ccs_requirements_write() only formats what it computed
 * (src/requirements_report.c).  The CSV it writes is a requirements file
 * that `ccsim schedule` reads (its `scheduled_agents` column).
 */
#ifndef CCSIM_REQUIREMENTS_H
#define CCSIM_REQUIREMENTS_H

#include <stdio.h>

#include "ccsim/erlang.h"
#include "ccsim/erlang_table.h"
#include "ccsim/error.h"
#include "ccsim/forecast.h"
#include "ccsim/uncertainty.h"

/* What to staff for, beyond the forecast itself. */
typedef struct ccs_requirements_spec {
    ccs_staffing_targets targets;  /* targets.service_level > 0 when confidence is set */
    double threshold_s;            /* SL threshold T, seconds */
    double aht_s;                  /* default handle time for rows without one; 0 = none */
    double patience_s;             /* default patience; 0 = callers never abandon */
    double volume_cv;              /* C, [0, 1] */
    double absenteeism;            /* A, [0, 0.9] */
    double confidence;             /* P in (0, 1); 0 = staff to the mean */
} ccs_requirements_spec;

typedef struct ccs_requirements_row {
    int day;                       /* the forecast's day label */
    double start_s;                /* clock time, seconds after midnight */
    double calls;                  /* calls in the interval */
    double offered_load;           /* Erlangs */
    double aht_s;
    double patience_s;             /* 0 = Erlang C */
    int required_agents;           /* planned agents (the confidence answer when set) */
    int scheduled_agents;          /* with shrinkage */
    ccs_erlang_metrics at;         /* at required_agents, the mean rate, all present */
    ccs_uncertain_staffing unc;    /* filled when the plan is uncertain */
} ccs_requirements_row;

typedef struct ccs_requirements_plan {
    char file[256];                /* the forecast's file */
    ccs_requirements_spec spec;
    int uncertain;                 /* volume_cv, absenteeism or confidence set */
    double interval_s;
    int n_days;
    int n;
    ccs_requirements_row *rows;    /* [n]; owned */
    double calls;                  /* total */
    double required_agent_hours;   /* sum of required_agents x interval length */
    double scheduled_agent_hours;
} ccs_requirements_plan;

/* Staffs every interval of fc.  Returns a new plan (free with
 * ccs_requirements_plan_free()) or NULL with err filled: CCS_ECONFIG with
 * the forecast's file and line for a row without a handle time and no
 * default, CCS_EINVAL for bad targets or a row no staffing can serve (key
 * names the option, message the interval), CCS_ENOMEM. */
ccs_requirements_plan *ccs_requirements_compute(const ccs_forecast *fc,
                                                const ccs_requirements_spec *spec,
                                                ccs_error *err);
void ccs_requirements_plan_free(ccs_requirements_plan *p);

/* Writes the plan: a table per interval and the day's totals (text), one
 * row per interval (CSV), or {"intervals": [...], "total": {...}} (JSON).
 * CCS_OK, CCS_ENOMEM or CCS_EIO (err filled). */
int ccs_requirements_write(FILE *fp, const ccs_requirements_plan *p, ccs_erlang_format fmt,
                           ccs_error *err);

#endif
