/*
 * chat_report.h — private to the run report (report.c): the chat
 * channel's part of `ccsim run`'s output (chat_report.c).  Nothing is
 * written for a scenario without chat, so its outputs are unchanged.
 */
#ifndef CCSIM_REPORT_CHAT_REPORT_H
#define CCSIM_REPORT_CHAT_REPORT_H

#include <stdio.h>
#include <jansson.h>

#include "ccsim/sim.h"

/* The text block of the day's chat figures (nothing without chat). */
void ccs__chat_report_text(FILE *fp, const ccs_results *r);

/* The "chat" JSON object (the day's figures, the service-level terms and
 * "intervals": one object per interval): a new reference; NULL and
 * *bad = 1 when out of memory. */
json_t *ccs__chat_report_json(const ccs_results *r, int *bad);

/* The chat figures of intervals [k0, k1) as a JSON object (the keys of
 * "chat" without its intervals); sets *bad on failure (a day of a
 * several-day run). */
json_t *ccs__chat_range_json(const ccs_results *r, int k0, int k1, int *bad);

/* CSV: the chat columns' header (",chat_offered,chat_offered_lo,...") and
 * interval k's cells, appended to the interval rows (nothing without
 * chat). */
void ccs__chat_report_csv_header(FILE *fp, const ccs_results *r);
void ccs__chat_report_csv_row(FILE *fp, const ccs_results *r, int k);

#endif
