/*
 * campaign_report.h — private to the run report (report.c): the outbound
 * campaigns' part of `ccsim run`'s output, written by campaign_report.c.
 */
#ifndef CCSIM_REPORT_CAMPAIGN_REPORT_H
#define CCSIM_REPORT_CAMPAIGN_REPORT_H

#include <stdio.h>
#include <jansson.h>

#include "ccsim/sim.h"

/* The text table of every campaign of r->sc (nothing without campaigns). */
void ccs__campaign_report_text(FILE *fp, const ccs_results *r);

/* The "campaigns" JSON object by campaign name: a new reference; NULL and
 * *bad = 1 when out of memory. */
json_t *ccs__campaign_report_json(const ccs_results *r, int *bad);

#endif
