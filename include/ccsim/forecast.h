/*
 * forecast.h — interval tables read from CSV: a forecast (calls per
 * interval, for `ccsim erlang --forecast` and a scenario's `forecast` key)
 * and staffing requirements (agents per interval, for `ccsim schedule`).
 *
 * Both files have a header line naming their columns, one row per interval,
 * and a `start` column (clock time "HH:MM" or minutes after midnight).  The
 * interval length is the difference of consecutive starts and must be the
 * same throughout.  An optional `day` column (integers, in order) holds
 * several days of the same intervals.  Blank lines and lines starting with
 * '#' are skipped; columns the reader does not know are ignored (exports
 * from spreadsheets carry extra columns).  Every rejection names the file
 * and the CSV line, with control characters escaped; the reader never
 * reads past CCS_CSV_MAX_ROWS rows or CCS_CSV_MAX_LINE bytes per line.
 * The path "-" reads standard input, named "(stdin)" in messages (so
 * `ccsim erlang --forecast ... --format csv | ccsim schedule - ...`).
 * Column names and units: docs/scheduling.md ("The files").
 */
#ifndef CCSIM_FORECAST_H
#define CCSIM_FORECAST_H

#include "ccsim/error.h"

#define CCS_CSV_MAX_ROWS 100000
#define CCS_CSV_MAX_LINE 4096
#define CCS_CSV_MAX_DAYS 31

/* Where the rows sit in time; shared by both tables. */
typedef struct ccs_interval_grid {
    int n;               /* rows = n_days * per_day */
    int n_days;          /* 1 without a `day` column */
    int per_day;         /* intervals per day */
    double interval_s;   /* length of one interval, seconds */
    double start_s;      /* clock time of each day's first interval, seconds after midnight */
    int *day;            /* [n_days] the `day` labels (1 when there is no column); owned */
    int *line;           /* [n] CSV line of each row; owned */
} ccs_interval_grid;

/* A forecast: calls per interval and, optionally, their handle time and
 * patience.  Cells left empty (or columns left out) hold 0: the caller
 * supplies its defaults (--aht, --patience). */
typedef struct ccs_forecast {
    char file[256];
    ccs_interval_grid g;
    double *calls;       /* [n] calls offered in the interval (>= 0); owned */
    double *aht_s;       /* [n] mean handle time, seconds; 0 = not given; owned */
    double *patience_s;  /* [n] mean patience, seconds; 0 = not given; owned */
    int has_aht;         /* the file has an `aht` column */
    int has_patience;    /* the file has a `patience` column */
} ccs_forecast;

/* Staffing requirements: agents needed per interval. */
typedef struct ccs_requirements {
    char file[256];
    ccs_interval_grid g;
    double *required;    /* [n] agents required (>= 0); owned */
    char column[32];     /* the column read: "required" or "scheduled_agents" */
} ccs_requirements;

/* Reads a forecast: columns `start` and `calls` required, `aht` and
 * `patience` (seconds, or with a unit: "3m") and `day` optional.  Returns a
 * new forecast (free with ccs_forecast_free()), or NULL with err filled:
 * CCS_EIO when the file cannot be read, CCS_ECONFIG with file and line for
 * bad content, CCS_ENOMEM. */
ccs_forecast *ccs_forecast_load(const char *path, ccs_error *err);
void ccs_forecast_free(ccs_forecast *f);

/* Reads requirements: a `start` (or `start_min`, minutes) column and a
 * `required` column, or else the `scheduled_agents` column that
 * `ccsim erlang --forecast --format csv` and `ccsim staff --format csv`
 * write; `day` optional.  Errors as ccs_forecast_load(). */
ccs_requirements *ccs_requirements_load(const char *path, ccs_error *err);
void ccs_requirements_free(ccs_requirements *r);

/* Writes "HH:MM" for a clock time in seconds (taken modulo 24 h) into buf
 * of size n (>= 6); returns buf. */
char *ccs_clock_hhmm(double seconds, char *buf, size_t n);

#endif
