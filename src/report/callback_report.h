/*
 * callback_report.h — private to the run report (report.c): the callbacks'
 * part of `ccsim run`'s output (docs/callbacks.md), written by
 * callback_report.c.  Nothing is written without a callbacks section.
 */
#ifndef CCSIM_REPORT_CALLBACK_REPORT_H
#define CCSIM_REPORT_CALLBACK_REPORT_H

#include <stdio.h>
#include <jansson.h>

#include "ccsim/sim.h"

/* The text table of the day's callback figures. */
void ccs__callback_report_text(FILE *fp, const ccs_results *r);

/* The CSV header's callback columns (each with _lo and _hi), and interval
 * k's values. */
void ccs__callback_csv_header(FILE *fp);
void ccs__callback_csv_row(FILE *fp, const ccs_results *r, int k);

/* The "callbacks" JSON object: the scenario's settings and the day's
 * figures, a new reference; NULL and *bad = 1 when out of memory. */
json_t *ccs__callback_report_json(const ccs_results *r, int *bad);

#endif
