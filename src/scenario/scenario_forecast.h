/*
 * scenario_forecast.h — private to the scenario reader: a call type's
 * `forecast = "monday.csv";` key, read with forecast.c's CSV reader and
 * checked against the scenario's horizon and the call type.
 *
 * The rules (docs/scenario-format.md, "A forecast file"): the path is
 * relative to the directory of the file that names it; the CSV holds one
 * day whose intervals are the horizon's (same length, same count, same
 * first start); its `calls` become calls per hour exactly as
 * calls_per_interval would; an `aht` or `patience` cell must agree with
 * the call type's mean handle time or mean patience (a call type has one
 * distribution for the whole day), else it is refused.
 */
#ifndef CCSIM_SCENARIO_FORECAST_H
#define CCSIM_SCENARIO_FORECAST_H

#include "ccsim/error.h"
#include "ccsim/forecast.h"
#include "ccsim/scenario.h"

/* Largest difference, in seconds, between a forecast's aht (or patience)
 * cell and the call type's mean for the two to count as the same. */
#define CCS__FORECAST_SAME_S 0.5

/* Where the `forecast` key sits: its file, line and key path. */
typedef struct ccs__key_at {
    const char *file;
    int line;
    const char *key;
} ccs__key_at;

/* Reads the forecast `name` for the scenario sc, whose horizon
 * (n_intervals, interval_s, start_s) is already read, and fills
 * rates[sc->n_intervals] with calls per hour.  Returns the forecast (the
 * caller frees it after ccs__forecast_check_type()), or NULL with err
 * filled: CCS_ECONFIG at the CSV's file:line and column for bad content
 * (the message says which key read it), or at `at` when the file cannot be
 * read or does not fit the horizon; CCS_ENOMEM. */
ccs_forecast *ccs__forecast_for_scenario(const char *name, const ccs__key_at *at,
                                        const ccs_scenario *sc, double *rates,
                                        ccs_error *err);

/* Checks the forecast's aht and patience cells against call type ct (its
 * handle time and patience read).  CCS_OK, or CCS_ECONFIG at the first
 * cell that disagrees (CSV file:line, column). */
int ccs__forecast_check_type(const ccs_forecast *fc, const ccs_call_type *ct, ccs_error *err);

#endif
