/*
 * cost_report.h — the writers of costs (cost.h): the cost section of
 * `ccsim run`'s report and `ccsim compare`'s side-by-side table.  They only
 * format what ccs_cost_compute() and ccs_compare_compute() computed
 * (src/report/cost_report.c).  Layouts, columns and keys: docs/output.md
 * and docs/cli.md.
 */
#ifndef CCSIM_COST_REPORT_H
#define CCSIM_COST_REPORT_H

#include <stdio.h>
#include "ccsim/cost.h"
#include "ccsim/error.h"
#include "ccsim/sim.h"

struct json_t;   /* jansson's */

/* Writes the cost section of `ccsim run`'s text report (nothing when the
 * scenario has no cost section and no SLA). */
void ccs_cost_report_text(FILE *fp, const ccs_results *res, const ccs_cost_result *c);

/* The "cost" object of the JSON report (docs/output.md): new reference,
 * or NULL when out of memory. */
struct json_t *ccs_cost_report_json(const ccs_results *res, const ccs_cost_result *c);

/* Writes `ccsim compare`.  Returns CCS_OK, or CCS_ENOMEM / CCS_EIO with err
 * set. */
int ccs_compare_text(FILE *fp, const ccs_compare *cmp, ccs_error *err);
int ccs_compare_csv(FILE *fp, const ccs_compare *cmp, ccs_error *err);
int ccs_compare_json(FILE *fp, const ccs_compare *cmp, ccs_error *err);

#endif
