/*
 * backoffice_report.h — private to the run report (report.c): the back
 * office's part of `ccsim run`'s output (docs/backoffice.md), written by
 * backoffice_report.c.  Nothing is written without a backoffice list, so
 * the outputs of other scenarios are unchanged.
 */
#ifndef CCSIM_REPORT_BACKOFFICE_REPORT_H
#define CCSIM_REPORT_BACKOFFICE_REPORT_H

#include <stdio.h>
#include <jansson.h>

#include "ccsim/sim.h"

/* The text section of every back-office type. */
void ccs__backoffice_report_text(FILE *fp, const ccs_results *r);

/* The CSV columns of every back-office type: the header cells (each
 * starting with a comma), and interval k's cells. */
void ccs__backoffice_csv_header(FILE *fp, const ccs_results *r);
void ccs__backoffice_csv_row(FILE *fp, const ccs_results *r, int k);

/* Several days: the text table of each day (voice, then each back-office
 * type); nothing on one day.  days_report.c */
void ccs__days_report_text(FILE *fp, const ccs_results *r);

/* The "backoffice" JSON object of intervals [k0, k1) by type name, the
 * day figures only (the days of a several-day run). */
json_t *ccs__backoffice_range_json(const ccs_results *r, int k0, int k1, int *bad);

/* The "backoffice" JSON object by type name: a new reference; NULL and
 * *bad = 1 when out of memory. */
json_t *ccs__backoffice_report_json(const ccs_results *r, int *bad);

#endif
