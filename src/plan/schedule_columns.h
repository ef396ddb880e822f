/*
 * schedule_columns.h — private to plan/: the columns of the covering
 * program behind `ccsim schedule` (schedule_columns.c enumerates them,
 * schedule.c builds and solves the program over them).
 */
#ifndef CCSIM_PLAN_SCHEDULE_COLUMNS_H
#define CCSIM_PLAN_SCHEDULE_COLUMNS_H

#include <stdint.h>

#include "ccsim/schedule.h"

#define EPS 1e-9

typedef struct column {
    int t;                 /* template */
    int day;               /* daily shift: its day; tour: first working day */
    int pattern;           /* tour: first day off; -1 = daily shift */
    double offset_s;       /* start, seconds after the day's first interval */
    double brk[CCS_SHIFT_MAX_BREAKS];   /* break starts, seconds after the shift's start */
    double cost;           /* per agent over the days worked */
    double paid_h;         /* per day worked */
    long first;            /* its entries in the coverage pool */
    int nz;
    uint64_t hash;
} column;

typedef struct model {
    const ccs_shift_set *s;
    const ccs_requirements *req;
    int D, P, n;
    double dt;             /* interval length */
    double L;              /* day length */
    int cyclic;
    column *cols;
    int ncols, capcols;
    int *pidx;             /* coverage pool: interval index */
    double *pval;          /* and fraction */
    long npool, cappool;
    double *scratch;       /* [n] dense coverage of the column being built */
    int *touched;
    int ntouched;
    /* hash table of columns, for merging duplicates */
    int *slots;
    int nslots;
} model;

/* Frees what the model's column and coverage pools hold. */
void ccs__schedule_model_fini(model *m);

/* Whether day d is worked by pattern `pattern` (-1: a daily shift) of
 * template t in a plan of D days. */
int ccs__schedule_works(const ccs_shift_template *t, int D, int pattern, int d);

/* Enumerates every column of template ti into m (merging duplicates).
 * CCS_OK, or an error naming the template's line and key. */
int ccs__schedule_template_columns(model *m, int ti, ccs_error *err);

#endif
