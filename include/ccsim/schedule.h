/*
 * schedule.h — shifts out: interval requirements turned into shifts (with
 * breaks, and weekly tours with days-off patterns) at least cost, by a
 * covering integer program solved with COIN-OR CBC; and the roster checked
 * by simulation and repaired (ccs_schedule_repair()).
 *
 * The model (docs/scheduling.md): one integer variable per (template,
 * start, break placement, days pattern) column, its coefficient in each
 * interval the fraction of the interval its agents are on duty and not on
 * break; coverage >= requirement in every interval; template, headcount,
 * part-time and seat limits as rows; minimise paid hours x rate + per-shift
 * costs.  Columns with identical coverage within a template are merged.
 * CBC runs single-threaded with its log off (nothing reaches stdout), so a
 * given input gives the same roster every time unless the time limit cuts
 * the search.
 */
#ifndef CCSIM_SCHEDULE_H
#define CCSIM_SCHEDULE_H

#include <stdio.h>

#include "ccsim/error.h"
#include "ccsim/forecast.h"
#include "ccsim/scenario.h"
#include "ccsim/sim.h"

#define CCS_SHIFT_MAX_BREAKS 4
#define CCS_SHIFT_MAX_TEMPLATES 64
#define CCS_SCHEDULE_MAX_COLUMNS 2000000   /* refused beyond, with a message */

typedef struct ccs_break_spec {
    double length_s;       /* > 0 */
    double earliest_s;     /* earliest start, seconds after the shift's start */
    double latest_s;       /* latest start, seconds after the shift's start */
    int paid;              /* 1: counts in paid hours (default 0) */
    int line;
} ccs_break_spec;

typedef struct ccs_shift_template {
    char name[64];
    int line;
    double length_s;            /* shift length, breaks included */
    double earliest_start_s;    /* clock time, seconds after midnight; < 0 = the day's start */
    double latest_start_s;      /* < 0 = the last start that fits */
    double start_step_s;        /* 0 = the interval length */
    double cost_per_hour;       /* per paid hour (1) */
    double cost_per_shift;      /* per shift worked (0) */
    int min_agents;             /* per day at work (0) */
    int max_agents;             /* per day at work; -1 = no limit */
    int part_time;              /* counts towards max_part_time_share (0) */
    int days_on;                /* weekly tour: days worked; 0 = a daily shift */
    int days_off;               /* consecutive days off in the tour */
    int n_breaks;
    ccs_break_spec breaks[CCS_SHIFT_MAX_BREAKS];
    int line_length, line_earliest, line_latest, line_step, line_days;
} ccs_shift_template;

typedef struct ccs_shift_set {
    char file[256];
    int n;
    ccs_shift_template t[CCS_SHIFT_MAX_TEMPLATES];
    long max_total_agents;         /* agents at work on any one day; -1 = none */
    double max_part_time_share;    /* share of part-time agents per day; -1 = none */
    long max_agents_per_interval;  /* agents on duty in any interval (seats); -1 = none */
    int line_total, line_share, line_seats;
} ccs_shift_set;

/* Reads SHIFTS.cfg (libconfig; keys in docs/scheduling.md).  Returns a new
 * set (free with free()) or NULL with err filled: CCS_ECONFIG with file,
 * line and key, CCS_EIO, CCS_ENOMEM. */
ccs_shift_set *ccs_shifts_load(const char *path, ccs_error *err);

typedef enum ccs_schedule_objective {
    CCS_OBJ_COST = 0,     /* cover every interval at least cost */
    CCS_OBJ_DEVIATION     /* minimise sum |scheduled - required| (pyworkforce's
                             MinAbsDifference); no covering constraint */
} ccs_schedule_objective;

typedef struct ccs_schedule_options {
    int days;                  /* days in the requirements (1, or --days) */
    double time_limit_s;       /* CBC wall-clock limit (30) */
    double gap;                /* stop at this relative gap (0 = prove optimality) */
    ccs_schedule_objective objective;
} ccs_schedule_options;

typedef enum ccs_schedule_status {
    CCS_SCHED_OPTIMAL = 0,
    CCS_SCHED_FEASIBLE,     /* limit reached with a solution */
    CCS_SCHED_INFEASIBLE,   /* proven: see uncovered */
    CCS_SCHED_NO_SOLUTION   /* limit reached without a solution */
} ccs_schedule_status;

/* A group of identical shifts in the roster. */
typedef struct ccs_roster_shift {
    int template_idx;
    double start_s;            /* clock time */
    int day;                   /* index of the (first) working day; 0 for one day */
    int pattern;               /* tours: index of the first day off; -1 = daily shift */
    int count;
    int n_breaks;
    double break_start_s[CCS_SHIFT_MAX_BREAKS];   /* clock times */
    double paid_hours;         /* per agent per day worked */
    double cost;               /* per agent, over the days worked */
} ccs_roster_shift;

typedef struct ccs_schedule_result {
    ccs_schedule_status status;
    ccs_schedule_objective objective;
    int n_days;
    int per_day;
    double interval_s;
    double start_s;
    int cyclic;                /* the day is 24 h: shifts wrap past midnight */
    int *day_label;            /* [n_days]; owned */
    double total_cost;
    double paid_hours;         /* over all agents and days */
    double bound;              /* CBC's best bound on the objective */
    double gap;                /* (objective - bound) / |objective|; 0 when optimal */
    double solve_s;            /* wall-clock seconds in CBC */
    int n_columns;             /* integer variables in the model */
    int n_rows;
    int n_shifts;
    ccs_roster_shift *shifts;  /* [n_shifts]; owned */
    int agents;                /* sum of shifts[].count: heads on the roster */
    int n;                     /* intervals = n_days * per_day */
    double *required;          /* [n]; owned */
    double *scheduled;         /* [n] agents on duty and not on break; owned */
    double *uncovered;         /* [n] shortfall a relaxed model cannot avoid (infeasible
                                  only; else 0); owned */
    double over_agent_hours;   /* sum of max(0, scheduled - required) x interval */
    double deviation;          /* sum |scheduled - required| over intervals */
    const ccs_shift_set *shifts_set;   /* borrowed: must outlive the result */
} ccs_schedule_result;

/* Builds and solves the model for req (n_days x per_day intervals) with the
 * templates in s.  Returns a new result (free with
 * ccs_schedule_result_free()), also for an infeasible model (status
 * CCS_SCHED_INFEASIBLE, uncovered[] filled), or NULL with err filled:
 * CCS_ECONFIG naming the shifts file, line and key for a template that
 * does not fit the requirements' day (longer than the day, a start off the
 * interval grid, a break outside its shift, a tour that does not fit the
 * days), CCS_EINVAL for a model beyond CCS_SCHEDULE_MAX_COLUMNS, CCS_ENOMEM. */
ccs_schedule_result *ccs_schedule_solve(const ccs_shift_set *s, const ccs_requirements *req,
                                        const ccs_schedule_options *o, ccs_error *err);
void ccs_schedule_result_free(ccs_schedule_result *r);

/* Agents on duty (breaks subtracted) per interval, rounded down to whole
 * agents, for a scenario's agents.[g].count: out[n]. */
void ccs_schedule_counts(const ccs_schedule_result *r, int *out);

const char *ccs_schedule_status_name(ccs_schedule_status s);

/* ---- simulate and repair ------------------------------------------------ */

typedef struct ccs_repair_options {
    int group;             /* agent group of sc the roster staffs; -1 = the only one */
    double sl_target;      /* SL target for the types it serves; 0 = each type's own */
    double sl_threshold_s; /* < 0 = each type's own */
    int max_rounds;        /* 10 */
    int replications;      /* 0 = the scenario's */
    int threads;           /* 0 = all cores */
} ccs_repair_options;

typedef struct ccs_repair_round {
    ccs_schedule_status status;
    double total_cost;
    double paid_hours;
    double gap;
    int missed;            /* intervals below target in this round's simulation */
    double required_agent_hours;   /* the requirement this round solved for */
} ccs_repair_round;

typedef struct ccs_repair_result {
    int n_rounds;
    ccs_repair_round *rounds;        /* [n_rounds]; owned */
    ccs_schedule_result *final;      /* the last roster; owned */
    ccs_figures *simulated;          /* [n] its simulated figures, staffed types; owned */
    unsigned char *meets;            /* [n] 1 when the interval meets its target */
    double *target;                  /* [n] the interval's SL target (strictest type) */
    int all_met;
    int replications;
} ccs_repair_result;

/* Solves, simulates the roster in sc (the group's counts replaced by the
 * roster's, queues carried between intervals), raises the requirement of
 * every interval whose simulated SL (ratio of sums over replications, the
 * staff command's "mean" criterion) misses its target by the agents the
 * shortfall needs by the Erlang C slope at the interval's load (at least
 * one), and solves again; until every interval meets its target or
 * o->max_rounds.  sc's horizon must match the requirements' intervals.
 * Returns a new result (free with ccs_repair_result_free()) or NULL with
 * err filled. */
ccs_repair_result *ccs_schedule_repair(const ccs_shift_set *s, const ccs_requirements *req,
                                       const ccs_schedule_options *so, const ccs_scenario *sc,
                                       const ccs_repair_options *o, ccs_error *err);
void ccs_repair_result_free(ccs_repair_result *r);

/* Writes a schedule result (and, when rep is not NULL, the repair rounds and
 * the simulated SL) as text, CSV or JSON (fmt: 0 text, 1 csv, 2 json, as
 * ccs_erlang_format).  CCS_OK, CCS_ENOMEM or CCS_EIO. */
int ccs_schedule_write(FILE *fp, const ccs_schedule_result *r, const ccs_repair_result *rep,
                       int fmt, const char *req_file, ccs_error *err);

#endif
