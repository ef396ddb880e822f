/*
 * report_util.h — private helpers shared by the report writers (report.c,
 * campaign_report.c, cost_report.c): estimates as JSON, text and CSV.
 * Defined in report.c.  None prints a non-finite number.
 */
#ifndef CCSIM_REPORT_UTIL_H
#define CCSIM_REPORT_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

#include "ccsim/sim.h"
#include "ccsim/stats.h"

/* {"mean": x, "ci95": [lo, hi]}, nulls when e is undefined or not finite.
 * Returns a new reference, or NULL (and *bad = 1) when out of memory. */
json_t *ccs__json_estimate(const ccs_estimate *e, int *bad);

/* Sets obj[key] = v (stealing v); *bad = 1 when v is NULL or it fails. */
void ccs__json_put(json_t *obj, const char *key, json_t *v, int *bad);

/* "12.3 [11.9, 12.7]" with `dec` decimals after multiplying by scale, or
 * "-" when e is undefined. */
void ccs__fmt_estimate(char *buf, size_t n, const ccs_estimate *e, double scale, int dec);

/* v with dec decimals, never "-0.0"; "-" when v is not finite. */
void ccs__fmt_num(char *buf, size_t n, double v, int dec);

/* "82.4% [81.1, 83.7]": each of mean, lo, hi times scale through
 * ccs__fmt_num, the unit after the mean; "-" when e is undefined. */
void ccs__fmt_ci(char *buf, size_t n, const ccs_estimate *e, double scale, int dec,
                 const char *unit);

/* ",v" with the fewest significant digits (15 to 17) that read back as
 * exactly v; "," alone when !ok or v is not finite. */
void ccs__csv_num(FILE *fp, double v, int ok);

/* Outbound campaigns (src/campaign_report.c): the text table, and the
 * "campaigns" JSON object by campaign name (a new reference; NULL and
 * *bad = 1 when out of memory). */
void ccs_campaign_report_text(FILE *fp, const ccs_results *r);
json_t *ccs_campaign_report_json(const ccs_results *r, int *bad);

#endif
